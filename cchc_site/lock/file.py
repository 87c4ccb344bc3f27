"""The lock file on disk (``content/khoa-so-lieu.json``): read strictly, written in one stable form.

Every entry is checked for the shape ``khoa`` writes (an ISO date, a 64-hex seal, values that are
numbers or ``sha256:…``) before any rule uses it: a hand edit, a date rewritten as 28/11/2026 or a
file saved by Notepad with a BOM is a located message, never a crash. Historic versions of the file
(from git) go through the same reader.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..addresses import LOCK_FILE
from ..content.documents import Loc, dotted, load_yaml
from ..core import periods
from ..core.errors import Problem, Problems
from .seal import NOTE, VERSION

SEAL = re.compile(r"[0-9a-f]{64}")
HASHED = re.compile(r"sha256:[0-9a-f]{64}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ENTRY_KEYS = {"phien_ban", "ngay_dang_tai", "van_tay", "gia_tri", "cap_nhat"}
OPTIONAL_KEYS = {"phien_ban", "cap_nhat"}
FILE_KEYS = {"ghi_chu", "phien_ban", "bao_cao"}
CORRECTION_KEYS = {"ngay", "truong", "gia_tri_cu", "gia_tri_moi", "ly_do"}
HINT = (
    "Tệp do lệnh «python -m cchc_site khoa» ghi, không sửa tay: khôi phục tệp từ lịch sử git "
    "hoặc bản sao lưu; sửa báo cáo đã đăng thì dùng lệnh «python -m cchc_site dinh-chinh»."
)

Where = Callable[[Loc], int | None]


@dataclass(frozen=True)
class Locked:
    """The lock file as read: its entries by report slug, and where each is written."""

    name: str  # as shown to staff
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    line: Where = lambda loc: None


def read(content_dir: Path, shown_as: str, problems: Problems) -> Locked:
    """The lock's entries; no file means nothing published yet. Errors leave no entries."""
    path = content_dir / LOCK_FILE
    name = f"{shown_as}/{LOCK_FILE}"
    if not path.exists() and not path.is_symlink():
        return Locked(name)
    doc = load_yaml(path, name, problems, content_dir)  # JSON is YAML: errors get their line
    if doc is None:
        return Locked(name)
    found = Problems()
    entries = checked(doc.data, name, doc.line, found)
    for problem in found.errors:
        problems.add(problem)
    return Locked(name) if found.errors else Locked(name, entries, doc.line)


def parse(text: str) -> dict[str, dict[str, Any]] | None:
    """The entries of a lock file's text (a version from history), or None when it is not one."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except (ValueError, RecursionError):
        return None
    found = Problems()
    entries = checked(data, LOCK_FILE, lambda loc: None, found)
    return None if found.errors else entries


def checked(data: Any, name: str, line: Where, problems: Problems) -> dict[str, dict[str, Any]]:
    """Every entry of the file's data, each with the shape ``khoa`` writes; errors located."""

    def err(loc: Loc, message: str, found: str, expected: str) -> None:
        problems.add(Problem(name, line(loc), dotted(loc), message, found, expected, HINT))

    if not isinstance(data, dict):
        err((), "Tệp khóa số liệu bị hỏng.", _kind(data), "một đối tượng JSON như lệnh khoa ghi")
        return {}
    for key in sorted(set(data) - FILE_KEYS, key=str):
        err((key,), "Tệp khóa số liệu có mục lạ.", str(key), ", ".join(sorted(FILE_KEYS)))
    version = data.get("phien_ban")
    if type(version) is not int or not 1 <= version <= VERSION:
        err(("phien_ban",), "Phiên bản tệp khóa không đọc được.", _short(version), f"1 đến {VERSION}")
    entries = data.get("bao_cao")
    if not isinstance(entries, dict):
        err(("bao_cao",), "Tệp khóa số liệu bị hỏng.", _kind(entries), "danh sách báo cáo theo kỳ")
        return {}
    good: dict[str, dict[str, Any]] = {}
    for slug, entry in entries.items():
        before = len(problems.errors)
        _check_entry(slug, entry, ("bao_cao", slug), err)
        if len(problems.errors) == before:
            good[slug] = entry
    return good


def _check_entry(slug: Any, entry: Any, loc: Loc, err: Callable[[Loc, str, str, str], None]) -> None:
    if not isinstance(slug, str) or periods.parse(slug) is None:
        err(loc, "Tên kỳ trong tệp khóa không đúng dạng.", _short(slug), "tên kỳ như tên tệp, VD: 2022-q3")
        return
    if not isinstance(entry, dict):
        err(loc, f"Mục khóa của {slug} bị hỏng.", _kind(entry), "nhóm ngay_dang_tai, van_tay, gia_tri")
        return
    for key in sorted(set(entry) - ENTRY_KEYS, key=str):
        err((*loc, key), f"Mục khóa của {slug} có trường lạ.", str(key), ", ".join(sorted(ENTRY_KEYS)))
    for key in sorted(ENTRY_KEYS - OPTIONAL_KEYS - set(entry)):
        err(loc, f"Mục khóa của {slug} thiếu «{key}».", "không có", f"trường «{key}»")
    version = entry.get("phien_ban", 1)
    if type(version) is not int or not 1 <= version <= VERSION:
        err(
            (*loc, "phien_ban"),
            f"Phiên bản mục khóa của {slug} không đọc được.",
            _short(version),
            f"1 đến {VERSION}",
        )
    published = entry.get("ngay_dang_tai")
    if "ngay_dang_tai" in entry and not _is_iso(published):
        err(
            (*loc, "ngay_dang_tai"),
            f"Ngày đăng tải của {slug} trong tệp khóa không đúng dạng.",
            _short(published),
            'ngày dạng năm-tháng-ngày trong dấu nháy, VD: "2026-11-28"',
        )
    seal = entry.get("van_tay")
    if "van_tay" in entry and not (isinstance(seal, str) and SEAL.fullmatch(seal)):
        err(
            (*loc, "van_tay"),
            f"Dấu vân tay của {slug} không đúng dạng.",
            _short(seal),
            "64 chữ số hệ 16 (0-9, a-f)",
        )
    if "cap_nhat" in entry:
        _check_corrections(slug, entry["cap_nhat"], (*loc, "cap_nhat"), err)
    values = entry.get("gia_tri")
    if "gia_tri" not in entry:
        return
    if not isinstance(values, dict):
        err((*loc, "gia_tri"), f"Giá trị đã khóa của {slug} bị hỏng.", _kind(values), "nhóm giá trị theo mã")
        return
    for key, value in values.items():
        if not (
            isinstance(key, str)
            and ((type(value) is int and value >= 0) or (isinstance(value, str) and HASHED.fullmatch(value)))
        ):
            err(
                (*loc, "gia_tri", key),
                f"Giá trị đã khóa của {slug} không đúng dạng.",
                _short(value),
                "số nguyên không âm hoặc «sha256:» và 64 chữ số hệ 16",
            )
            return
    if type(version) is int and version >= 2 and "ngay_dang_tai" not in values:
        err(
            (*loc, "gia_tri"),
            f"Mục khóa phiên bản 2 của {slug} thiếu ngày đăng tải.",
            "không có",
            "«ngay_dang_tai»",
        )


def _check_corrections(
    slug: str, corrections: Any, loc: Loc, err: Callable[[Loc, str, str, str], None]
) -> None:
    """Sealed corrections: each a date, a field and the fingerprints of its values and reason."""
    if not isinstance(corrections, list):
        err(loc, f"Các cập nhật đã khóa của {slug} bị hỏng.", _kind(corrections), "danh sách cập nhật")
        return
    for index, item in enumerate(corrections):
        where = (*loc, index)
        if not isinstance(item, dict) or set(item) != CORRECTION_KEYS:
            shown = ", ".join(sorted(map(str, item))) if isinstance(item, dict) else _kind(item)
            err(where, f"Cập nhật đã khóa của {slug} bị hỏng.", shown, ", ".join(sorted(CORRECTION_KEYS)))
            return
        good = (
            _is_iso(item["ngay"])
            and isinstance(item["truong"], str)
            and all(_is_value(item[name]) or item[name] is None for name in ("gia_tri_cu", "gia_tri_moi"))
            and isinstance(item["ly_do"], str)
            and HASHED.fullmatch(item["ly_do"])
        )
        if not good:
            err(
                where,
                f"Cập nhật đã khóa của {slug} không đúng dạng.",
                _short(item),
                "ngày năm-tháng-ngày, mã nội dung, giá trị số hoặc «sha256:…», lý do «sha256:…»",
            )
            return


def _is_value(value: Any) -> bool:
    return type(value) is int or (isinstance(value, str) and HASHED.fullmatch(value) is not None)


def _is_iso(value: Any) -> bool:
    if not (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _kind(value: Any) -> str:
    if value is None:
        return "không có"
    return {dict: "một nhóm", list: "một danh sách", str: "văn bản", int: "một số", bool: "đúng/sai"}.get(
        type(value), type(value).__name__
    )


def _short(value: Any) -> str:
    if value is None:
        return "không có"
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"«{value}»"
    return shown if len(shown) <= 80 else shown[:79] + "…"


def dump(entries: dict[str, dict[str, Any]]) -> str:
    """The lock file's text: stable order, one value per line (readable diffs)."""
    data = {"ghi_chu": NOTE, "phien_ban": VERSION, "bao_cao": dict(sorted(entries.items()))}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
