"""What ``khoa`` compares with when git cannot tell: the last published site's verification record.

The record (``du-lieu/kiem-chung.json`` of a built site: the previous build's ``site/``, or an
archived copy given with ``--ban-luu``) holds every published value of every report, its
publication date and its corrections. Sealing a report the record holds with other values or
another date, or corrections that differ from the published ones, rewrites what was published:
``khoa`` refuses, naming each difference.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import text
from . import corrections
from .seal import DATE_KEY, fingerprint_text

MAX_SHOWN = 10


def differences(
    archived: dict[str, Any],
    slug: str,
    entry: dict[str, Any] | None,
    sealed_corrections: list[dict[str, Any]],
) -> list[str]:
    """How sealing ``entry`` (None: the report's entry is already in the lock) and
    ``sealed_corrections`` would differ from the record's report ``slug``; empty when it agrees."""
    report = archived.get("bao_cao", {}).get(slug)
    if not isinstance(report, dict):
        return []
    found: list[str] = []
    published = fingerprint_text(report.get("ngay_dang_tai"))
    if entry is not None:
        if entry.get("ngay_dang_tai") != published:
            found.append(
                f"ngày đăng tải đã công bố là {_day(published)}, nay ghi {_day(entry.get('ngay_dang_tai'))}: "
                "ngày đăng tải không được đổi"
            )
        values = report.get("gia_tri", {})
        mine = entry.get("gia_tri", {})
        changed = [
            key
            for key in sorted(set(values) | set(mine))
            if key != DATE_KEY and (values.get(key) or {}).get("van_tay") != mine.get(key)
        ]
        for key in changed[:MAX_SHOWN]:
            before = values.get(key)
            name = (before or {}).get("ten") or key
            if before is None:
                found.append(f"{name} ({key}): không có khi công bố")
            elif key not in mine:
                found.append(f"{name} ({key}): đã công bố, nay bị xóa")
            else:
                sealed = before.get("van_tay")
                shown = str(sealed) if isinstance(sealed, int) else _value(before.get("noi_dung"))
                found.append(f"{name} ({key}): đã công bố {shown}, nay khác")
        if len(changed) > MAX_SHOWN:
            found.append(f"và {len(changed) - MAX_SHOWN} nội dung khác nữa")
    published_corrections = [corrections.sealed(c) for c in report.get("cap_nhat", []) if isinstance(c, dict)]
    if not corrections.starts_with(sealed_corrections, published_corrections):
        found.append(
            f"{len(published_corrections)} lần cập nhật đã công bố không còn nguyên "
            f"(nay có {len(sealed_corrections)} lần, khác ở lần thứ {_first_change(sealed_corrections, published_corrections)})"
        )
    return found


def _first_change(now: list[dict[str, Any]], before: list[dict[str, Any]]) -> int:
    return next((i + 1 for i, item in enumerate(before) if i >= len(now) or now[i] != item), len(before))


def _day(value: Any) -> str:
    try:
        return text.format_date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _value(value: Any) -> str:
    if isinstance(value, int):
        return str(value)
    flat = " ".join(str(value or "").split())
    return f"«{flat[:80]}…»" if len(flat) > 80 else f"«{flat}»"
