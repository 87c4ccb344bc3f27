"""Fingerprints of published reports, and the rule that no published value changes silently.

When a report is published (``ngay_dang_tai``), ``python -m cchc_site khoa`` records every value
of it in ``content/khoa-so-lieu.json``: numbers as they are, text and dates as SHA-256. An entry is
never rewritten afterwards. Each build replays the report's ``cap_nhat`` entries on top of the
locked values and requires the result to equal the file as it is now: every change since
publication is a dated, explained correction, and the lock file only ever grows.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from . import text
from .indicators import figure_rows
from .load import Loc
from .models import ROMAN, BaoCao, SoLieu, SoLieuMuc, _read_date

LOCK_FILE = "khoa-so-lieu.json"
VERSION = 1
MAX_SHOWN = 10  # silent changes detailed per report; the rest are counted
NOT_LOCKED = ("ngay_dang_tai", "cap_nhat")  # publication metadata, checked on their own
NOTE = ("Dấu vân tay các báo cáo đã đăng tải. Không sửa tay: tệp do lệnh «python -m cchc_site khoa» "
        "ghi, mỗi báo cáo một lần; sửa báo cáo đã đăng thì ghi «cap_nhat» trong tệp báo cáo.")

Value = int | str  # a number as published, or "sha256:…" of a text


@dataclass(frozen=True)
class Leaf:
    """One published value of a report: a figure, a date, a number or a piece of text."""

    key: str  # "ho_so.tiep_nhan" for figures (by block), "phan.1.muc.0.doan_van.2" for text
    value: Value
    loc: Loc  # where it is written in the YAML file
    shown: str  # for messages: the number, the date, or the start of the text
    raw: str  # the whole value as staff would write it in a correction


def fingerprint(value: Any) -> Value | None:
    """What the lock stores for a value; corrections are compared through the same function."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, date):
        value = value.isoformat()
    canonical = " ".join(unicodedata.normalize("NFC", str(value)).split())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}", canonical):
        try:  # a date written either way is the same date
            canonical = _read_date(canonical).isoformat()
        except Exception:  # not a real date: compared as text
            pass
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def leaves(report: BaoCao, original_sha256: str | None = None) -> dict[str, Leaf]:
    """Every published value of a report by stable key.

    Figures are keyed from their block (``ho_so.tiep_nhan``), as in the CSV downloads, so the key
    survives a block moving between sections. The signed original counts by its SHA-256.
    """
    found: dict[str, Leaf] = {}

    def add(key_parts: tuple[str, ...], value: Any, loc: Loc) -> None:
        key = ".".join(key_parts)
        shown = text.format_date(value) if isinstance(value, date) else _short(value)
        raw = value.isoformat() if isinstance(value, date) else " ".join(str(value).split())
        found[key] = Leaf(key, fingerprint(value), loc, shown, raw)  # type: ignore[arg-type]

    def walk(value: Any, loc: Loc, key_parts: tuple[str, ...]) -> None:
        if isinstance(value, SoLieu):
            add(key_parts, value.gia_tri, loc)
            for name in ("pham_vi", "xap_xi"):
                if getattr(value, name) is not None:
                    walk(getattr(value, name), (*loc, name), (*key_parts, name))
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                sub = getattr(value, name)
                if sub is None or (not loc and name in NOT_LOCKED):
                    continue
                walk(sub, (*loc, name), () if name == "so_lieu" else (*key_parts, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):  # keys count from 1, like the document
                walk(item, (*loc, index), (*key_parts, str(index + 1)))
        else:
            add(key_parts, value, loc)

    walk(report, (), ())
    if original_sha256 is not None:
        found["ban_goc"] = Leaf("ban_goc", fingerprint(original_sha256), ("ban_goc",),  # type: ignore[arg-type]
                                f"tệp có SHA-256 {original_sha256}", original_sha256)
    return found


def seal(values: dict[str, Value]) -> str:
    """One fingerprint of all values of a report, shown on its page."""
    canonical = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def entry(report: BaoCao, found: dict[str, Leaf]) -> dict[str, Any]:
    """The lock entry written when a report is published."""
    values = {key: leaf.value for key, leaf in sorted(found.items())}
    assert report.ngay_dang_tai is not None
    return {"ngay_dang_tai": report.ngay_dang_tai.isoformat(), "van_tay": seal(values), "gia_tri": values}


def dump(entries: dict[str, dict[str, Any]]) -> str:
    """The lock file's text: stable order, one value per line (readable diffs)."""
    data = {"ghi_chu": NOTE, "phien_ban": VERSION, "bao_cao": dict(sorted(entries.items()))}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def describe(report: BaoCao, key: str) -> str:
    """A reader's name for a key: "Hồ sơ TTHC: Tổng số hồ sơ", "Phần II, mục 2, đoạn 1"."""
    labels = {row.key: f"{row.group}: {row.label}" for row in figure_rows(report)}
    if key in labels:
        return labels[key]
    if key == "ban_goc":
        return "Bản gốc đã ký (PDF)"
    parts = key.split(".")
    words: list[str] = []
    current: Any = report
    blocks = report.blocks()
    if parts[0] in blocks:  # figure blocks are keyed from the block, not from the section
        words.append(SoLieuMuc.model_fields[parts[0]].title or parts[0])
        current, parts = blocks[parts[0]], parts[1:]
    for index, part in enumerate(parts):
        previous = parts[index - 1] if index else ""
        if part.isdigit():
            number = int(part)
            if previous == "phan" and 0 < number <= len(ROMAN):
                words[-1] = f"Phần {ROMAN[number - 1]}"
            elif previous in _ITEM_WORDS:
                words[-1] = f"{_ITEM_WORDS[previous]} {number}"
            else:
                words[-1] = f"{words[-1]} thứ {number}"
            current = current[number - 1] if isinstance(current, list) and 0 < number <= len(current) else None
            continue
        model = type(current) if isinstance(current, BaseModel) else None
        info = model.model_fields.get(part) if model else None
        words.append(info.title if info is not None and info.title else part)
        current = getattr(current, part, None)
    return ", ".join(words)


_ITEM_WORDS = {"muc": "mục", "doan_van": "đoạn", "nhiem_vu": "nhiệm vụ", "han_che": "hạn chế",
               "nhan_dinh": "nhận định", "mo_dau": "đoạn mở đầu", "noi_nhan": "nơi nhận", "can_cu": "căn cứ"}


@dataclass(frozen=True)
class Issue:
    """A rule broken by a published report; ``validate`` turns it into a located Problem."""

    loc: Loc
    message: str
    found: str | None = None
    expected: str | None = None
    hint: str | None = None


def check(report: BaoCao, locked: dict[str, Any], found: dict[str, Leaf], today: date) -> list[Issue]:
    """Replay the corrections on the locked values; whatever still differs changed silently."""
    issues: list[Issue] = []
    published = date.fromisoformat(locked["ngay_dang_tai"])
    values: dict[str, Value] = dict(locked["gia_tri"])
    if seal(values) != locked["van_tay"]:
        issues.append(Issue((), f"Dấu vân tay của {report.label} trong {LOCK_FILE} không khớp với các giá trị đã khóa.",
                            found="tệp khóa đã bị sửa tay", expected="tệp khóa như khi đăng tải",
                            hint=f"Khôi phục {LOCK_FILE} từ lịch sử git; thay đổi báo cáo thì ghi «cap_nhat»."))
    if report.ngay_dang_tai != published:
        issues.append(Issue(("ngay_dang_tai",), "Không được đổi ngày đăng tải của báo cáo đã công bố.",
                            found=text.format_date(report.ngay_dang_tai) if report.ngay_dang_tai else "để trống",
                            expected=text.format_date(published),
                            hint="Báo cáo đã đăng không thể trở lại bản nháp; sửa nội dung thì ghi «cap_nhat»."))
    previous_day = published
    for index, cap_nhat in enumerate(report.cap_nhat):
        loc: Loc = ("cap_nhat", index)
        if cap_nhat.ngay < previous_day:
            issues.append(Issue((*loc, "ngay"), "Ngày cập nhật phải từ ngày đăng tải trở đi, theo thứ tự thời gian.",
                                found=text.format_date(cap_nhat.ngay), expected=f"từ {text.format_date(previous_day)}"))
        elif cap_nhat.ngay > today:
            issues.append(Issue((*loc, "ngay"), "Ngày cập nhật ở tương lai.", found=text.format_date(cap_nhat.ngay),
                                expected=f"đến {text.format_date(today)}"))
        previous_day = max(previous_day, cap_nhat.ngay)
        key = cap_nhat.truong
        if key not in values and key not in found:
            close = difflib.get_close_matches(key, list(found), n=1, cutoff=0.6)
            issues.append(Issue((*loc, "truong"), "Không có nội dung này trong báo cáo.", found=key,
                                expected="mã số liệu hoặc vị trí văn bản như trong thông báo của lệnh xây dựng",
                                hint=f"Có phải ý bạn là «{close[0]}»?" if close else None))
            continue
        old, new = fingerprint(cap_nhat.gia_tri_cu), fingerprint(cap_nhat.gia_tri_moi)
        if old == new:
            issues.append(Issue((*loc, "gia_tri_moi"), "Cập nhật không thay đổi gì: giá trị mới bằng giá trị cũ.",
                                found=_short(cap_nhat.gia_tri_moi), expected="giá trị khác giá trị cũ"))
        if values.get(key) != old:
            before = values.get(key)
            issues.append(Issue((*loc, "gia_tri_cu"), "Giá trị cũ không khớp với giá trị đang công bố trước lần cập nhật này.",
                                found=_short(cap_nhat.gia_tri_cu),
                                expected=_expected(before),
                                hint="Chép giá trị cũ đúng như bản đã đăng (xem lịch sử git của tệp báo cáo)."))
        if new is None:
            values.pop(key, None)
        else:
            values[key] = new
    changed = [key for key in sorted(set(values) | set(found))
               if values.get(key) != (found[key].value if key in found else None)]
    for key in changed[:MAX_SHOWN]:
        leaf = found.get(key)
        issues.append(Issue(
            leaf.loc if leaf else (),
            f"Nội dung đã công bố của {report.label} bị thay đổi mà không ghi cập nhật: {describe(report, key)}.",
            found=leaf.shown if leaf else "đã bị xóa", expected=_expected(values.get(key)),
            hint=_how_to_record(key, values.get(key), leaf, report.cap_nhat != [], today)))
    if len(changed) > MAX_SHOWN:
        issues.append(Issue((), f"Còn {len(changed) - MAX_SHOWN} nội dung đã công bố khác của {report.label} bị thay đổi.",
                            found=", ".join(changed[MAX_SHOWN:MAX_SHOWN + 10]) + ("…" if len(changed) > MAX_SHOWN + 10 else ""),
                            hint="Nhiều thay đổi cùng lúc thường do sửa nhầm tệp: so sánh với bản đã đăng (git diff)."))
    return issues


def _expected(value: Value | None) -> str:
    if value is None:
        return "chưa có (nội dung này không có khi đăng tải)"
    if isinstance(value, int):
        return f"{value} (như đã công bố)"
    return "văn bản như đã công bố (xem lịch sử git của tệp)"


def _how_to_record(key: str, before: Value | None, leaf: Leaf | None, has_list: bool, today: date) -> str:
    """The exact YAML to paste: what the build knows is filled in, the rest is marked."""
    lines = ["Nếu đây là đính chính có chủ ý, ghi lại ở cuối tệp báo cáo:",
             *([] if has_list else ["cap_nhat:"]), f"  - ngay: {today.isoformat()}", f"    truong: {key}"]
    if isinstance(before, int):
        lines.append(f"    gia_tri_cu: {before}")
    elif before is not None:
        lines.append("    gia_tri_cu: <giá trị cũ, chép nguyên văn từ lịch sử git của tệp>")
    if leaf is not None:
        lines += [f"    gia_tri_moi: {leaf.raw}"] if isinstance(leaf.value, int) else ["    gia_tri_moi: >-", f"      {leaf.raw}"]
    lines += ["    ly_do: <lý do đính chính>", "Nếu không phải đính chính, trả lại giá trị đã công bố."]
    return "\n".join(lines)


def _short(value: Any, limit: int = 80) -> str:
    if value is None:
        return "để trống"
    shown = " ".join(str(value).split())
    return f"«{shown[:limit]}…»" if len(shown) > limit else (shown if isinstance(value, int) else f"«{shown}»")

