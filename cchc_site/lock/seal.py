"""Fingerprints of published reports, and the rule that no published value changes silently.

When a report is published (``ngay_dang_tai``), ``python -m cchc_site khoa`` records every value
of it in ``content/khoa-so-lieu.json``: numbers as they are, text and dates as SHA-256. An entry is
never rewritten afterwards. Each build replays the report's ``cap_nhat`` entries on top of the
locked values and requires the result to equal the file as it is now: every change since
publication is a dated, explained correction, and the lock file only ever grows.

The seal covers every value: each figure, each paragraph, the signed original's SHA-256 and, from
entry version 2, the publication date. Entries of version 1 (no ``phien_ban`` in the entry) kept
the date beside the seal; they verify as they were written, and their date is checked all the same.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from .. import text
from ..addresses import LOCK_FILE
from ..content.documents import Loc
from ..core.models import ROMAN, BaoCao, Muc, PhamVi, SoLieu, ThayDoiNeu, TyLeNeu, VanBan, _read_date, unwrap
from ..indicators import Catalogue, FigureSet
from ..indicators.catalogue import Group

VERSION = 2  # of the file and of the entries it writes; files and entries of version 1 still read
DATE_KEY = "ngay_dang_tai"  # the publication date: a sealed value from entry version 2
MAX_SHOWN = 10  # silent changes detailed per report; the rest are counted
NOT_LOCKED = ("ngay_dang_tai", "cap_nhat")  # publication metadata, checked on their own
NOTE = (
    "Dấu vân tay các báo cáo đã đăng tải. Không sửa tay: tệp do lệnh «python -m cchc_site khoa» "
    "ghi, mỗi báo cáo một lần; sửa báo cáo đã đăng thì ghi «cap_nhat» trong tệp báo cáo."
)

Value = int | str  # a number as published, or "sha256:…" of a text


@dataclass(frozen=True)
class Leaf:
    """One published value of a report: a figure, a date, a number or a piece of text."""

    key: str  # "ho_so.tiep_nhan" for figures (by block), "phan.1.muc.0.doan_van.2" for text
    value: Value
    loc: Loc  # where it is written in the YAML file
    shown: str  # for messages: the number, the date, or the start of the text
    raw: str  # the whole value as staff would write it in a correction
    label: str = ""  # a reader's name for it: "Hồ sơ TTHC: Tổng số hồ sơ", "Phần II, mục 2, đoạn 1"


def fingerprint_text(value: Any) -> str:
    """A value as the fingerprint reads it: NFC, one space between words, dates as ISO."""
    if isinstance(value, date):
        return value.isoformat()
    canonical = " ".join(unicodedata.normalize("NFC", str(value)).split())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}", canonical):
        with contextlib.suppress(ValueError, PydanticCustomError):  # a date written either way is one date
            canonical = _read_date(canonical).isoformat()
    return canonical


def fingerprint(value: Any) -> Value | None:
    """What the lock stores for a value; corrections are compared through the same function."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return "sha256:" + hashlib.sha256(fingerprint_text(value).encode("utf-8")).hexdigest()


def leaves(data: dict[str, Any], figures: FigureSet, original_sha256: str | None = None) -> dict[str, Leaf]:
    """Every published value of a report (its canonical dump) by stable key.

    Figures are keyed from their group (``ho_so.tiep_nhan``), as in the CSV downloads, so the key
    survives a group moving between sections. A group's block for a part or another unit gets
    ``@`` and what it covers (``ho_so@linh-vuc-dat-dai.dang_qua_han``); a second block of the same
    group, in another section, ``#2``. The signed original counts by its SHA-256.
    """
    found: dict[str, Leaf] = {}
    by_loc = {figure.loc: figure for figure in figures.figures}
    occurrences = iter(figures.occurrences)
    counts: dict[tuple, int] = {}

    def add(key_parts: tuple[str, ...], value: Any, loc: Loc, label: str) -> None:
        key = ".".join(key_parts)
        iso = isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
        shown = text.format_date(date.fromisoformat(value)) if iso else _short(value)
        found[key] = Leaf(key, fingerprint(value), loc, shown, " ".join(str(value).split()), label)  # type: ignore[arg-type]

    def walk(value: Any, loc: Loc, key_parts: tuple[str, ...], model: Any, words: tuple[str, ...]) -> None:
        if isinstance(value, dict):
            for name, sub in value.items():
                if not loc and name in NOT_LOCKED:
                    continue
                if name == "so_lieu" and model is Muc:
                    section(sub, (*loc, name), key_parts, words)
                    continue
                info = (
                    model.model_fields.get(name)
                    if isinstance(model, type) and issubclass(model, BaseModel)
                    else None
                )
                inner = unwrap(info.annotation)[0] if info is not None else None
                walk(sub, (*loc, name), (*key_parts, name), inner, (*words, _title(info, name)))
        elif isinstance(value, list):
            for index, item in enumerate(value):  # keys count from 1, like the document
                walk(
                    item,
                    (*loc, index),
                    (*key_parts, str(index + 1)),
                    model,
                    _numbered(words, key_parts, index + 1),
                )
        else:
            add(key_parts, value, loc, ", ".join(words))

    def section(
        value: dict[str, Any], loc: Loc, section_key: tuple[str, ...], words: tuple[str, ...]
    ) -> None:
        for group_key, group_value in value.items():
            where = (*loc, group_key)
            if group_key in ("ty_le", "thay_doi"):
                model = TyLeNeu if group_key == "ty_le" else ThayDoiNeu
                title = "Tỷ lệ nêu trong văn bản" if group_key == "ty_le" else "Thay đổi nêu trong văn bản"
                walk(group_value, where, (*section_key, group_key), model, (*words, title))
                continue
            blocks = group_value if isinstance(group_value, list) else [group_value]
            for index, block in enumerate(blocks):
                occurrence = next(occurrences)
                identity = (occurrence.group.key, occurrence.breakdown.identity)
                counts[identity] = counts.get(identity, 0) + 1
                prefix = group_key + (f"@{occurrence.breakdown.slug}" if occurrence.breakdown.slug else "")
                prefix += f"#{counts[identity]}" if counts[identity] > 1 else ""
                label = occurrence.group.label + (
                    f" ({occurrence.breakdown.label})" if occurrence.breakdown.label else ""
                )
                group(
                    block,
                    (*where, index) if isinstance(group_value, list) else where,
                    (prefix,),
                    occurrence.group,
                    label,
                    (label,),
                )

    def group(
        value: dict[str, Any],
        loc: Loc,
        key_parts: tuple[str, ...],
        spec: Group,
        label: str,
        words: tuple[str, ...],
    ) -> None:
        for name, sub in value.items():
            where = (*loc, name)
            if where in by_loc:
                figure_leaf(sub, where, (*key_parts, name), f"{label}: {by_loc[where].label}")
            elif name in spec.subgroups:
                group(
                    sub,
                    where,
                    (*key_parts, name),
                    spec.subgroups[name],
                    label,
                    (*words, spec.subgroups[name].label),
                )
            elif name in spec.lists and isinstance(sub, list):
                for index, item in enumerate(sub):
                    item_words = (*words, f"{spec.lists[name].label} thứ {index + 1}")
                    for field_name, field_value in item.items():
                        at = (*where, index, field_name)
                        item_keys = (*key_parts, name, str(index + 1), field_name)
                        if at in by_loc:
                            figure_leaf(field_value, at, item_keys, f"{label}: {by_loc[at].label}")
                        else:
                            walk(
                                field_value,
                                at,
                                item_keys,
                                PhamVi if field_name == "pham_vi" else None,
                                (
                                    *item_words,
                                    "Phạm vi" if field_name == "pham_vi" else spec.lists[name].name_label,
                                ),
                            )
            elif name == "pham_vi":
                walk(sub, where, (*key_parts, name), PhamVi, (*words, "Phạm vi"))
            elif name == "van_ban":
                walk(sub, where, (*key_parts, name), VanBan, (*words, "Quyết định, thông báo"))
            else:
                option = spec.options.get(name)
                walk(sub, where, (*key_parts, name), None, (*words, option.label if option else name))

    def figure_leaf(value: dict[str, Any], loc: Loc, key_parts: tuple[str, ...], label: str) -> None:
        add(key_parts, value["gia_tri"], loc, label)
        for name, sub in value.items():
            if name != "gia_tri":
                info = SoLieu.model_fields[name]
                walk(
                    sub,
                    (*loc, name),
                    (*key_parts, name),
                    unwrap(info.annotation)[0],
                    (label, _title(info, name)),
                )

    walk(data, (), (), BaoCao, ())
    published = data.get(DATE_KEY)
    if published is not None:
        add(
            (DATE_KEY,),
            published.isoformat() if isinstance(published, date) else published,
            (DATE_KEY,),
            "Ngày đăng tải",
        )
    if original_sha256 is not None:
        found["ban_goc"] = Leaf(
            "ban_goc",
            fingerprint(original_sha256) or "",
            ("ban_goc",),
            f"tệp có SHA-256 {original_sha256}",
            original_sha256,
            "Bản gốc đã ký (PDF)",
        )
    return found


def _title(info: Any, name: str) -> str:
    return info.title if info is not None and info.title else name


def _numbered(words: tuple[str, ...], key_parts: tuple[str, ...], number: int) -> tuple[str, ...]:
    """«Các phần» + 2 → «Phần II»; «Các đoạn văn» after «doan_van» + 1 → «đoạn 1»."""
    previous = key_parts[-1] if key_parts else ""
    if previous == "phan" and 0 < number <= len(ROMAN):
        word = f"Phần {ROMAN[number - 1]}"
    elif previous in _ITEM_WORDS:
        word = f"{_ITEM_WORDS[previous]} {number}"
    else:
        word = f"{words[-1]} thứ {number}" if words else f"thứ {number}"
    return (*words[:-1], word)


def seal(values: dict[str, Value]) -> str:
    """One fingerprint of all values of a report, shown on its page."""
    canonical = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def version_of(locked: dict[str, Any] | None) -> int:
    """An entry's version: 1 when it has none (written before the date was sealed)."""
    return VERSION if locked is None else int(locked.get("phien_ban", 1))


def sealed_values(found: dict[str, Leaf], version: int = VERSION) -> dict[str, Value]:
    """The values a seal of ``version`` covers (version 1: all but the publication date)."""
    values = {key: leaf.value for key, leaf in sorted(found.items())}
    if version < 2:
        values.pop(DATE_KEY, None)
    return values


def entry(report: BaoCao, found: dict[str, Leaf]) -> dict[str, Any]:
    """The lock entry written when a report is published."""
    values = sealed_values(found)
    assert report.ngay_dang_tai is not None
    return {
        "phien_ban": VERSION,
        "ngay_dang_tai": report.ngay_dang_tai.isoformat(),
        "van_tay": seal(values),
        "gia_tri": values,
    }


def describe(found: dict[str, Leaf], key: str, catalogue: Catalogue) -> str:
    """A reader's name for a key: "Hồ sơ TTHC: Tổng số hồ sơ", "Phần II, mục 2, đoạn 1".

    A figure no longer in the report is named by ``catalogue`` (the commune's own indicators too)."""
    if key in found and found[key].label:
        return found[key].label
    known = catalogue.indicators.get(key)
    if known is not None:
        return f"{catalogue.groups[known.group].label}: {known.row_label}"
    parts = key.split(".")
    words: tuple[str, ...] = ()
    model: Any = BaoCao
    done: list[str] = []
    for part in parts:
        if part.isdigit():
            words = _numbered(words, tuple(done), int(part))
        else:
            info = (
                model.model_fields.get(part)
                if isinstance(model, type) and issubclass(model, BaseModel)
                else None
            )
            words = (*words, _title(info, part))
            model = unwrap(info.annotation)[0] if info is not None else None
        done.append(part)
    return ", ".join(words)


_ITEM_WORDS = {
    "muc": "mục",
    "doan_van": "đoạn",
    "nhiem_vu": "nhiệm vụ",
    "han_che": "hạn chế",
    "nhan_dinh": "nhận định",
    "mo_dau": "đoạn mở đầu",
    "noi_nhan": "nơi nhận",
    "can_cu": "căn cứ",
}


@dataclass(frozen=True)
class Issue:
    """A rule broken by a published report; ``validate`` turns it into a located Problem."""

    loc: Loc
    message: str
    found: str | None = None
    expected: str | None = None
    hint: str | None = None


def check(
    report: BaoCao, locked: dict[str, Any], found: dict[str, Leaf], today: date, catalogue: Catalogue
) -> list[Issue]:
    """Replay the corrections on the locked values; whatever still differs changed silently."""
    issues: list[Issue] = []
    published = date.fromisoformat(locked["ngay_dang_tai"])
    values: dict[str, Value] = dict(locked["gia_tri"])
    recorded_date = fingerprint(published)
    if version_of(locked) < 2:  # the date was kept beside the seal: compared all the same
        values[DATE_KEY] = recorded_date  # type: ignore[assignment]
        sealed = locked["gia_tri"]
    else:
        sealed = values
    if seal(sealed) != locked["van_tay"] or values.get(DATE_KEY) != recorded_date:
        issues.append(
            Issue(
                (),
                f"Dấu vân tay của {report.label} trong {LOCK_FILE} không khớp với các giá trị đã khóa.",
                found="tệp khóa đã bị sửa tay",
                expected="tệp khóa như khi đăng tải",
                hint=f"Khôi phục {LOCK_FILE} từ lịch sử git hoặc bản sao lưu; thay đổi báo cáo thì dùng lệnh "
                f"«python -m cchc_site dinh-chinh {report.slug}».",
            )
        )
    if report.ngay_dang_tai is None:
        issues.append(
            Issue(
                (DATE_KEY,),
                "Báo cáo đã công bố không thể trở lại bản nháp.",
                found="để trống «ngay_dang_tai»",
                expected=text.format_date(published),
                hint="Trả lại ngày đăng tải; sửa nội dung thì ghi «cap_nhat».",
            )
        )
        return issues
    previous_day = published
    for index, cap_nhat in enumerate(report.cap_nhat):
        loc: Loc = ("cap_nhat", index)
        if cap_nhat.ngay < previous_day:
            issues.append(
                Issue(
                    (*loc, "ngay"),
                    "Ngày cập nhật phải từ ngày đăng tải trở đi, theo thứ tự thời gian.",
                    found=text.format_date(cap_nhat.ngay),
                    expected=f"từ {text.format_date(previous_day)}",
                )
            )
        elif cap_nhat.ngay > today:
            issues.append(
                Issue(
                    (*loc, "ngay"),
                    "Ngày cập nhật ở tương lai.",
                    found=text.format_date(cap_nhat.ngay),
                    expected=f"đến {text.format_date(today)}",
                )
            )
        previous_day = max(previous_day, cap_nhat.ngay)
        key = cap_nhat.truong
        if key not in values and key not in found:
            close = difflib.get_close_matches(key, list(found), n=1, cutoff=0.6)
            issues.append(
                Issue(
                    (*loc, "truong"),
                    "Không có nội dung này trong báo cáo.",
                    found=key,
                    expected="mã số liệu hoặc vị trí văn bản như trong thông báo của lệnh xây dựng",
                    hint=f"Có phải ý bạn là «{close[0]}»?" if close else None,
                )
            )
            continue
        old, new = fingerprint(cap_nhat.gia_tri_cu), fingerprint(cap_nhat.gia_tri_moi)
        if old == new:
            issues.append(
                Issue(
                    (*loc, "gia_tri_moi"),
                    "Cập nhật không thay đổi gì: giá trị mới bằng giá trị cũ.",
                    found=_short(cap_nhat.gia_tri_moi),
                    expected="giá trị khác giá trị cũ",
                )
            )
        if values.get(key) != old:
            before = values.get(key)
            issues.append(
                Issue(
                    (*loc, "gia_tri_cu"),
                    "Giá trị cũ không khớp với giá trị đang công bố trước lần cập nhật này.",
                    found=_short(cap_nhat.gia_tri_cu),
                    expected=_expected(before),
                    hint=f"Lệnh «python -m cchc_site dinh-chinh {report.slug} --truong {key}» in giá trị đang "
                    "công bố, lấy từ tệp khóa và bản đã đăng.",
                )
            )
        if new is None:
            values.pop(key, None)
        else:
            values[key] = new
    changed = [
        key
        for key in sorted(set(values) | set(found))
        if values.get(key) != (found[key].value if key in found else None)
    ]
    for key in changed[:MAX_SHOWN]:
        leaf = found.get(key)
        issues.append(
            Issue(
                leaf.loc if leaf else (),
                f"Ngày đăng tải của {report.label} đã công bố bị đổi mà không ghi cập nhật."
                if key == DATE_KEY
                else f"Nội dung đã công bố của {report.label} bị thay đổi mà không ghi cập nhật: "
                f"{describe(found, key, catalogue)}.",
                found=leaf.shown if leaf else "đã bị xóa",
                expected=f"{_last_date(published, report.cap_nhat)} (như đã công bố)"
                if key == DATE_KEY
                else _expected(values.get(key)),
                hint=_date_hint(_last_date(published, report.cap_nhat), leaf, report.cap_nhat != [], today)
                if key == DATE_KEY
                else _how_to_record(report.slug, key, values.get(key), leaf, report.cap_nhat != [], today),
            )
        )
    if len(changed) > MAX_SHOWN:
        issues.append(
            Issue(
                (),
                f"Còn {len(changed) - MAX_SHOWN} nội dung đã công bố khác của {report.label} bị thay đổi.",
                found=", ".join(changed[MAX_SHOWN : MAX_SHOWN + 10])
                + ("…" if len(changed) > MAX_SHOWN + 10 else ""),
                hint="Nhiều thay đổi cùng lúc thường do sửa nhầm tệp: so sánh với bản đã đăng (git diff).",
            )
        )
    return issues


def _last_date(published: date, corrections: list[Any]) -> str:
    """The publication date as last recorded (locked, or as a correction set it), as ISO text."""
    for cap_nhat in reversed(corrections):
        if cap_nhat.truong == DATE_KEY and cap_nhat.gia_tri_moi is not None:
            return str(fingerprint_text(cap_nhat.gia_tri_moi))
    return published.isoformat()


def _date_hint(last: str, leaf: Leaf | None, has_list: bool, today: date) -> str:
    """How to correct a publication date entered wrongly: a dated, explained correction."""
    lines = [
        "Nếu ngày đăng tải đã ghi sai, ghi lại việc đính chính ở cuối tệp báo cáo:",
        *([] if has_list else ["cap_nhat:"]),
        f"  - ngay: {today.isoformat()}",
        f"    truong: {DATE_KEY}",
        f"    gia_tri_cu: {last}",
        f"    gia_tri_moi: {leaf.raw if leaf else '<ngày đúng>'}",
        "    ly_do: <lý do đính chính>",
        "Nếu không, trả lại ngày đã công bố.",
    ]
    return "\n".join(lines)


def _expected(value: Value | None) -> str:
    if value is None:
        return "chưa có (nội dung này không có khi đăng tải)"
    if isinstance(value, int):
        return f"{value} (như đã công bố)"
    return "văn bản như đã công bố (lệnh «python -m cchc_site dinh-chinh» in nguyên văn)"


def _how_to_record(
    slug: str, key: str, before: Value | None, leaf: Leaf | None, has_list: bool, today: date
) -> str:
    """The exact YAML to paste: what the build knows is filled in, the rest is marked."""
    lines = [
        (
            f"Nếu đây là đính chính có chủ ý, lệnh «python -m cchc_site dinh-chinh {slug} --truong {key} "
            '--ly-do "…"» ghi mục cập nhật (giá trị cũ lấy từ bản đã công bố), hoặc ghi ở cuối tệp báo cáo:'
        ),
        *([] if has_list else ["cap_nhat:"]),
        f"  - ngay: {today.isoformat()}",
        f"    truong: {key}",
    ]
    if isinstance(before, int):
        lines.append(f"    gia_tri_cu: {before}")
    elif before is not None:
        lines.append("    gia_tri_cu: <giá trị cũ, nguyên văn như đã công bố>")
    if leaf is not None:
        lines += (
            [f"    gia_tri_moi: {leaf.raw}"]
            if isinstance(leaf.value, int)
            else ["    gia_tri_moi: >-", f"      {leaf.raw}"]
        )
    lines += ["    ly_do: <lý do đính chính>", "Nếu không phải đính chính, trả lại giá trị đã công bố."]
    return "\n".join(lines)


def _short(value: Any, limit: int = 80) -> str:
    if value is None:
        return "để trống"
    shown = " ".join(str(value).split())
    return (
        f"«{shown[:limit]}…»" if len(shown) > limit else (shown if isinstance(value, int) else f"«{shown}»")
    )
