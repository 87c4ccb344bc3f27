"""Published corrections are sealed like published values: each ``cap_nhat`` entry, once ``khoa``
has recorded it in the report's lock entry, can never be edited, moved or removed.

The lock entry keeps, per correction, its date and field as written and the fingerprints of its
old value, new value and reason (``seal.fingerprint``: numbers as they are, texts as SHA-256).
The build requires the report's corrections to start with the sealed ones, field by field; later
corrections are new and ``khoa`` seals them on its next run.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import text
from ..content.documents import Loc
from .seal import Issue, fingerprint, fingerprint_text

FIELDS = ("ngay", "truong", "gia_tri_cu", "gia_tri_moi", "ly_do")
KEY = "cap_nhat"  # in a lock entry
FIELD_NAMES = {
    "ngay": "ngày cập nhật",
    "truong": "nội dung thay đổi",
    "gia_tri_cu": "giá trị cũ",
    "gia_tri_moi": "giá trị mới",
    "ly_do": "lý do",
}


def sealed(correction: Any) -> dict[str, Any]:
    """One correction as the lock keeps it: a ``CapNhat`` or a correction of a verification record."""

    def get(name: str) -> Any:
        return correction.get(name) if isinstance(correction, dict) else getattr(correction, name)

    return {
        "ngay": fingerprint_text(get("ngay")),
        "truong": str(get("truong")),
        "gia_tri_cu": fingerprint(get("gia_tri_cu")),
        "gia_tri_moi": fingerprint(get("gia_tri_moi")),
        "ly_do": fingerprint(get("ly_do")),
    }


def of(entry: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The corrections a lock entry has sealed (none for an entry written before they were)."""
    return list((entry or {}).get(KEY, []))


def starts_with(corrections: list[dict[str, Any]], first: list[dict[str, Any]]) -> bool:
    return corrections[: len(first)] == first


def check(corrections: list[Any], locked: dict[str, Any]) -> list[Issue]:
    """The report's corrections must begin with the sealed ones, each unchanged."""
    issues: list[Issue] = []
    kept = of(locked)
    for index, before in enumerate(kept):
        loc: Loc = (KEY, index)
        if index >= len(corrections):
            issues.append(
                Issue(
                    (KEY,) if corrections else (),
                    f"Đã xóa {len(kept) - index} lần cập nhật đã công bố và đã khóa.",
                    found=f"{len(corrections)} lần cập nhật",
                    expected=f"ít nhất {len(kept)} lần cập nhật như đã khóa, theo đúng thứ tự",
                    hint="Lần cập nhật đã công bố không được xóa; đính chính tiếp thì thêm một mục «cap_nhat» mới.",
                )
            )
            break
        now = sealed(corrections[index])
        for name in FIELDS:
            if now[name] != before.get(name):
                issues.append(
                    Issue(
                        (*loc, name),
                        f"Lần cập nhật thứ {index + 1} đã công bố và đã khóa bị sửa: {FIELD_NAMES[name]} khác.",
                        found=_shown(name, getattr(corrections[index], name), now[name]),
                        expected=_shown(name, None, before.get(name)) + " (như đã khóa)",
                        hint="Lần cập nhật đã công bố không được sửa hay dời ngày; "
                        "đính chính tiếp thì thêm một mục «cap_nhat» mới ở cuối.",
                    )
                )
    return issues


def _shown(name: str, raw: Any, value: Any) -> str:
    if name == "ngay" and isinstance(value, str):
        try:
            return text.format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if value is None:
        return "để trống"
    if isinstance(value, int) or name == "truong":
        return str(value)
    if raw is not None:
        flat = " ".join(str(raw).split())
        return f"«{flat[:80]}…»" if len(flat) > 80 else f"«{flat}»"
    return "văn bản như đã khóa"
