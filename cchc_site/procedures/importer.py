"""``import-procedures``: the province's (or the one-stop office's) spreadsheet → the procedure list.

Reads .xlsx or .csv (``table``), matches every row to the list (``matching``: code, then
the name written any way, then an old name), and shows what would be added, changed and withdrawn.
A file covering part of the list — one lĩnh vực, a few rows — must not wipe the rest: it is compared
with the (nhóm, lĩnh vực) pairs it contains (``--ca-danh-muc``: with the whole of its groups), and
nothing is withdrawn unless the clerk confirms the exact count (``--xac-nhan-bai-bo N``). Only
``--write`` writes, and only when every row was read and the whole content still passes the build's
checks. Dates, decisions and details already in the list are kept; a deadline, fee, exemption
(«Miễn lệ phí đối với …» in the fee column) or note («Ghi chú») is filled in from the file only where
the list has none (a different one is shown, never overwritten).

Read as communes publish their lists: a lĩnh vực written under the commune's office («Tư pháp – Hộ
tịch», «Hành chính tư pháp hộ tịch») is the list's lĩnh vực when it names one (else it is said to be
uncertain, never silently kept); an old name («Đăng ký lại việc sinh») is said with the current one;
and every column, row and sheet not read is named in the preview.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import text
from ..addresses import CONTENT_DIR, LIST_FILE, schema_comment
from ..content.drafts import Writer, plain
from ..core.errors import DataError, Problem
from ..core.models import CODE_PATTERN, NHOM_SHORT, TRUC_TUYEN_LABELS, UNIT_WORDS, ChiTiet, DanhMuc, ThuTuc
from ..validate import load_site
from .deadlines_fees import (
    bare_number,
    header_unit,
    read_deadline,
    read_fee,
    show_deadline,
    show_fee,
    split_exemption,
)
from .matching import (
    MATCH_KINDS,
    Match,
    Matcher,
    bare_key,
    clean_name,
    field_key,
    field_words,
    has_diacritics,
    name_key,
    without_umbrella,
)
from .table import LABELS, Heading, Row, Sheet, group_of, header_key

LEVELS = {
    "toan trinh": "toan_trinh",
    "truc tuyen toan trinh": "toan_trinh",
    "dvc truc tuyen toan trinh": "toan_trinh",
    "mot phan": "mot_phan",
    "truc tuyen mot phan": "mot_phan",
    "dvc truc tuyen mot phan": "mot_phan",
    "muc do 4": "muc_do_4",
    "muc 4": "muc_do_4",
    "4": "muc_do_4",
    "muc do 3": "muc_do_3",
    "muc 3": "muc_do_3",
    "3": "muc_do_3",
    "muc do 2": "muc_do_2",
    "muc 2": "muc_do_2",
    "2": "muc_do_2",
    "khong": "khong",
    "khong co": "khong",
    "khong cung cap": "khong",
}
COMPARED = ("ma", "ten", "linh_vuc", "truc_tuyen", "quyet_dinh_cong_bo", "duong_dan")
CONFIRM_FLAG = "--xac-nhan-bai-bo"
NO_GROUP = "không biết thủ tục thuộc nhóm nào (cấp xã, Quốc phòng hay Công an)"


@dataclass(frozen=True)
class Options:
    """What the clerk asked for on the command line."""

    day: date
    decision: str | None = None
    default_group: str | None = None
    whole_list: bool = False  # the file is the whole list of its groups
    confirm: int | None = None  # the number of withdrawals the clerk confirms


@dataclass(frozen=True)
class RowProblem:
    """A cell that cannot be read: where in the spreadsheet, what was found, what is expected."""

    where: str  # «dòng 9, cột B «Mã TTHC»»
    message: str
    found: str | None = None
    expected: str | None = None
    hint: str | None = None

    def format(self) -> str:
        lines = [f"{self.where}: {self.message}"]
        if self.found is not None:
            lines.append(f"    Tìm thấy: {self.found}")
        if self.expected is not None:
            lines.append(f"    Cần: {self.expected}")
        if self.hint:
            lines.append(f"    Gợi ý: {self.hint}")
        return "\n".join(lines)


@dataclass(frozen=True)
class FieldReading:
    """How a lĩnh vực cell or heading was read against the list's lĩnh vực."""

    value: str  # the lĩnh vực a new procedure gets
    how: str  # "danh_muc": the list's, as written; "chuan_hoa": the list's, the office's name taken off;
    # "moi": a column's lĩnh vực the list does not have; "chua_ro": a heading that names none of the list's
    candidate: str | None = None  # «Hộ tịch» of «Tư pháp – Hộ tịch» when the list has no «Hộ tịch»


@dataclass
class Read:
    """One procedure row as ThuTuc fields, with what was read from its deadline and fee cells."""

    row: int
    written: str  # the name as in the file
    values: dict[str, Any]
    chi_tiet: dict[str, Any] = field(default_factory=dict)  # thoi_han, phi_le_phi, mien_giam, ghi_chu
    notes: list[str] = field(default_factory=list)  # cells read only in part
    field_read: FieldReading | None = None
    field_written: str = ""  # the lĩnh vực cell or heading as written
    heading_row: int | None = None  # the lĩnh vực came from this heading row (not a column)


@dataclass
class Plan:
    added: list[tuple[int, ThuTuc, str]] = field(default_factory=list)  # row, new, suggestion
    changed: list[tuple[int, ThuTuc, ThuTuc, list[str]]] = field(default_factory=list)  # row, old, new
    matched: list[tuple[int, str, ThuTuc, Match]] = field(default_factory=list)  # row, written, old
    not_in_file: list[ThuTuc] = field(default_factory=list)  # in the compared scope, not in the file
    withdrawn: list[ThuTuc] = field(default_factory=list)  # of those: confirmed
    unchanged: int = 0
    scope: str = ""
    kept: list[str] = field(default_factory=list)  # details that differ and are kept
    headings: list[str] = field(default_factory=list)  # each heading row and how it was read
    fields: list[str] = field(default_factory=list)  # lĩnh vực cells not written as the list writes them
    old_names: dict[int, str] = field(default_factory=dict)  # row → «tên cũ … → tên hiện hành …»
    notes: list[str] = field(default_factory=list)  # cells read only in part
    warnings: list[str] = field(default_factory=list)  # withdrawing more than half of a field
    rejected: list[RowProblem] = field(default_factory=list)
    refused: str | None = None  # the confirmation does not match: nothing is written
    result: list[ThuTuc] = field(default_factory=list)
    origin: dict[int, int] = field(default_factory=dict)  # index in ``result`` → spreadsheet row


def _cell(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():  # Excel's 5.0 is the 5 the clerk typed
        value = int(value)
    return " ".join(str(value if value is not None else "").split())


def read_field(written: str, group: str, fields: dict[tuple[str, str], str], heading: bool) -> FieldReading:
    """A lĩnh vực as the list names it: «Lĩnh vực Hộ tịch», «Ho tich» and «Tư pháp – Hộ tịch» are the
    list's «Hộ tịch»; a name the list does not have is kept as written, and said so."""

    def listed(name: str) -> str | None:
        key = field_key(name)
        found = fields.get((group, key)) or fields.get(("", key))
        if found is None and not has_diacritics(name):  # «Ho tich» typed without diacritics
            found = fields.get((group, "bare:" + bare_key(name))) or fields.get(
                ("", "bare:" + bare_key(name))
            )
        return found

    words = field_words(written)
    found = listed(words)
    if found is not None:
        return FieldReading(found, "danh_muc")
    rest = without_umbrella(words)
    if rest != words:
        found = listed(rest)
        if found is not None:
            return FieldReading(found, "chuan_hoa")
    return FieldReading(words, "chua_ro" if heading else "moi", rest if rest != words else None)


def _read_row(
    sheet: Sheet, row: Row, options: Options, fields: dict[tuple[str, str], str]
) -> Read | list[RowProblem]:
    """A row as ThuTuc fields, or every reason it cannot be read (each naming its cell)."""
    problems: list[RowProblem] = []

    def problem(column: str | None, message: str, found: Any = None, expected: str | None = None, hint=None):
        problems.append(
            RowProblem(
                sheet.where(row.number, column),
                message,
                None if found is None else f"«{found}»",
                expected,
                hint,
            )
        )

    values = row.values
    out: dict[str, Any] = {}
    name = _cell(values.get("ten"))
    if not name:
        problem("ten", "thiếu tên thủ tục", expected="tên thủ tục, VD: Đăng ký khai sinh")
    code = values.get("ma")
    if isinstance(code, float):  # Excel turned "2.000810" into 2.00081: six decimals give it back
        code = f"{code:.6f}"
    code = _cell(code)
    if code and not CODE_PATTERN.match(code):
        problem("ma", "mã thủ tục sai định dạng", code, "dạng 1.001193 (một chữ số, dấu chấm, sáu chữ số)")
    out["ma"] = code
    group_cell = _cell(values.get("nhom"))
    if group_cell:
        group = group_of(group_cell)
        if group is None:
            problem("nhom", "nhóm không rõ", group_cell, "cấp xã, Quốc phòng hoặc Công an")
    elif row.heading_group and group_of(row.heading_group):
        group = group_of(row.heading_group)
    elif options.default_group:
        group = options.default_group
    else:
        group = None
        problem(None, NO_GROUP)
    column_field = _cell(values.get("linh_vuc"))
    field_cell = column_field or _cell(row.heading_field)
    reading: FieldReading | None = None
    if not field_cell:
        problem(
            "linh_vuc" if "linh_vuc" in sheet.columns else None,
            f"thiếu lĩnh vực của «{name}»",
            expected="tên lĩnh vực, VD: Hộ tịch",
            hint=None
            if "linh_vuc" in sheet.columns
            else "thêm cột «Lĩnh vực» hoặc dòng tiêu đề «Lĩnh vực …» phía trên",
        )
    else:  # «Lĩnh vực Hộ tịch», «Tư pháp – Hộ tịch» → as the list spells it: «Hộ tịch»
        reading = read_field(field_cell, group or "", fields, heading=not column_field)
        out["linh_vuc"] = reading.value
    level = _cell(values.get("truc_tuyen"))
    if level:
        out["truc_tuyen"] = LEVELS.get(header_key(level))
        if out["truc_tuyen"] is None:
            problem(
                "truc_tuyen",
                "mức độ trực tuyến không rõ",
                level,
                "Toàn trình, Một phần, Mức độ 2, Mức độ 3, Mức độ 4 hoặc Không",
            )
    for optional in ("quyet_dinh_cong_bo", "duong_dan"):
        value = _cell(values.get(optional))
        if value:
            out[optional] = value
    if "duong_dan" in out and not out["duong_dan"].startswith("https://"):
        problem("duong_dan", "đường dẫn phải bắt đầu bằng https://", out["duong_dan"], "https://…")
    read = Read(row.number, name, {**out, "ten": name, "nhom": group})
    read.field_read, read.field_written = reading, field_cell
    read.heading_row = None if column_field else row.heading_row
    deadline = _cell(values.get("thoi_han"))
    if deadline:
        unit = header_unit(sheet.columns["thoi_han"].header)
        found = read_deadline(deadline, unit)
        if found.value is not None:
            read.chi_tiet["thoi_han"] = found.value
        elif bare_number(deadline) is not None:
            read.notes.append(
                f"{sheet.where(row.number, 'thoi_han')}: thời hạn «{deadline}» không ghi đơn vị, tiêu đề cột "
                "cũng không (ngày, ngày làm việc hay giờ): không nhập. Ghi đơn vị vào tiêu đề cột, VD: «Thời "
                "hạn giải quyết (ngày làm việc)», hoặc ghi tay vào chi_tiet.thoi_han"
            )
        else:
            read.notes.append(
                f"{sheet.where(row.number, 'thoi_han')}: thời hạn «{deadline}» không nêu số ngày, giờ nào: "
                "không nhập (ghi tay vào chi_tiet.thoi_han nếu cần)"
            )
    fee_cell = _cell(values.get("phi"))
    if fee_cell:
        fee, exemption = split_exemption(fee_cell)  # «… Miễn lệ phí đối với …» is mien_giam, not the fee
        if fee:
            read.chi_tiet["phi_le_phi"] = [read_fee(fee).value]
        if exemption:
            read.chi_tiet["mien_giam"] = exemption
    note = _cell(values.get("ghi_chu"))
    if note:
        read.chi_tiet["ghi_chu"] = note
    return problems or read


def plan_import(sheet: Sheet, danh_muc: DanhMuc, options: Options) -> Plan:
    """What the file changes in the list; nothing is written here."""
    plan = Plan()
    existing = list(danh_muc.thu_tuc)
    fields: dict[tuple[str, str], str] = {}  # the list's spelling of each lĩnh vực
    for t in existing:
        for group in (t.nhom, ""):
            fields.setdefault((group, field_key(t.linh_vuc)), t.linh_vuc)
            fields.setdefault((group, "bare:" + bare_key(t.linh_vuc)), t.linh_vuc)
    reads: list[Read] = []
    no_group: list[int] = []
    for row in sheet.rows:
        read = _read_row(sheet, row, options, fields)
        if isinstance(read, Read):
            reads.append(read)
            plan.notes += read.notes
            continue
        for problem in read:
            if problem.message == NO_GROUP:  # the file's, not the row's: said once below
                no_group.append(row.number)
            else:
                plan.rejected.append(problem)
    if no_group:
        shown = ", ".join(map(str, no_group[:5])) + (", …" if len(no_group) > 5 else "")
        plan.rejected.insert(
            0,
            RowProblem(
                f"dòng {shown} ({len(no_group)} dòng)",
                NO_GROUP,
                hint="thêm cột «Nhóm», hoặc chạy với --nhom cap_xa (quoc_phong, cong_an) khi mọi dòng cùng một nhóm",
            ),
        )
    _read_headings(plan, sheet, fields, options)
    _field_notes(plan, sheet, reads)
    matcher = Matcher(existing)
    plan.result = result = list(existing)
    taken: dict[int, int] = {}  # index in the list → the row that matched it
    new_names: dict[tuple[str, str], int] = {}
    pairs: set[tuple[str, str]] = set()
    for read in reads:
        values = read.values
        pairs.add((values["nhom"], field_key(values["linh_vuc"])))
        found = matcher.match(values["ma"], read.written, values["nhom"])
        if found is None:
            if _add(plan, read, options, matcher, set(taken), new_names):
                _old_name(plan, matcher, read, None)
            continue
        old = existing[found.index]
        if found.index in taken:
            plan.rejected.append(
                RowProblem(
                    sheet.where(read.row, "ten"),
                    f"trùng thủ tục với dòng {taken[found.index]}",
                    f"«{read.written}»",
                    "mỗi thủ tục một dòng",
                    f"Cả hai dòng là thủ tục «{old.ten}» của danh mục: xóa một dòng.",
                )
            )
            continue
        taken[found.index] = read.row
        pairs.add((old.nhom, field_key(old.linh_vuc)))
        plan.matched.append((read.row, read.written, old, found))
        _old_name(plan, matcher, read, old)
        if old.ngay_bai_bo is not None:
            plan.rejected.append(
                RowProblem(
                    sheet.where(read.row, "ten"),
                    f"thủ tục «{old.ten}» đã bãi bỏ từ {text.format_date(old.ngay_bai_bo)}, nay lại có trong tệp",
                    hint="kiểm tra lại tệp, hoặc sửa danh mục bằng tay nếu thủ tục được công bố lại",
                )
            )
            continue
        updates = _updates(plan, sheet, read, old, found, matcher)
        details = _details(plan, sheet, read, old)
        if details is not None:
            updates["chi_tiet"] = details
        if updates:
            new = old.model_copy(update=updates)
            plan.changed.append((read.row, old, new, sorted(updates)))
            result[found.index] = new
            plan.origin[found.index] = read.row
        else:
            plan.unchanged += 1
    _withdraw(plan, existing, taken, pairs, options, result)
    return plan


def _read_headings(plan: Plan, sheet: Sheet, fields: dict[tuple[str, str], str], options: Options) -> None:
    """Each heading row, named with what it was read as: no row of the file goes unsaid."""
    for heading in sheet.heading_rows:
        count = f"{heading.rows} thủ tục" if heading.rows else "không có thủ tục nào dưới tiêu đề này"
        where = f"dòng {heading.number} «{heading.written}»"
        if heading.kind == "nhom":
            group = group_of(heading.words)
            plan.headings.append(f"  · {where} → nhóm {NHOM_SHORT[group] if group else '?'} ({count})")
            continue
        reading = read_field(heading.words, options.default_group or "", fields, heading=True)
        plan.headings.append(_heading_line(where, heading, reading, count))


def _heading_line(where: str, heading: Heading, reading: FieldReading, count: str) -> str:
    if reading.how == "danh_muc":
        return f"  · {where} → lĩnh vực {reading.value} ({count})"
    if reading.how == "chuan_hoa":
        return f"  · {where} → lĩnh vực {reading.value}: tên lĩnh vực trong danh mục ({count})"
    maybe = (
        f" Có thể là «{reading.candidate}», nhưng danh mục chưa có lĩnh vực này." if reading.candidate else ""
    )
    return (
        f"  ⚠ {where} → chưa chắc là lĩnh vực nào: danh mục không có lĩnh vực «{reading.value}» ({count}).{maybe} "
        f"Thủ tục đã có trong danh mục giữ lĩnh vực của danh mục; thủ tục mới ghi lĩnh vực «{reading.value}» "
        "như tiêu đề. Nếu sai, sửa tiêu đề trong tệp thành tên lĩnh vực của danh mục (VD: «Hộ tịch») rồi chạy lại."
    )


def _field_notes(plan: Plan, sheet: Sheet, reads: list[Read]) -> None:
    """Lĩnh vực cells of the column not written as the list writes them, with their rows."""
    rows: dict[tuple[str, str, str], list[int]] = {}
    for read in reads:
        reading = read.field_read
        if reading is None or read.heading_row is not None or reading.how == "danh_muc":
            continue
        rows.setdefault((read.field_written, reading.value, reading.how), []).append(read.row)
    column = sheet.columns.get("linh_vuc")
    label = column.label if column else "cột lĩnh vực"
    for (written, value, how), numbers in rows.items():
        shown = ", ".join(map(str, numbers[:8])) + (", …" if len(numbers) > 8 else "")
        if how == "chuan_hoa":
            plan.fields.append(
                f"  · {label}, dòng {shown}: «{written}» → {value} (tên lĩnh vực trong danh mục)"
            )
        else:
            plan.fields.append(
                f"  ⚠ {label}, dòng {shown}: lĩnh vực «{written}» chưa có trong danh mục: ghi như tệp. Nếu là "
                "lĩnh vực đã có dưới tên khác, sửa ô trong tệp thành tên của danh mục rồi chạy lại."
            )


def _old_name(plan: Plan, matcher: Matcher, read: Read, old: ThuTuc | None) -> None:
    """A row written with an old name («Đăng ký lại việc sinh»): said with the current name."""
    renaming = matcher.old_name(read.written)
    if renaming is None:
        return
    code = f"mã {renaming.ma}; " if renaming.ma else ""
    line = (
        f"dòng {read.row}: tên cũ «{clean_name(read.written)}» → tên hiện hành «{renaming.ten}» "
        f"({code}{renaming.nguon})."
    )
    if old is None:
        line += (
            " Danh mục chưa có thủ tục này: thêm mới với tên như tệp ghi. Nếu quyết định công bố của tỉnh "
            f"dùng tên hiện hành, sửa tên trong tệp thành «{renaming.ten}» rồi chạy lại."
        )
    elif matcher.old_name(old.ten) is not None:
        line += (
            f" Khớp với {_name(old)}, nhưng danh mục cũng ghi tên cũ: sửa tay thành «{renaming.ten}» "
            "nếu tỉnh đã công bố tên hiện hành."
        )
    else:
        line += f" Khớp với {_name(old)} của danh mục; tên trong danh mục giữ nguyên."
    plan.old_names[read.row] = line


def _add(
    plan: Plan,
    read: Read,
    options: Options,
    matcher: Matcher,
    taken: set[int],
    new_names: dict[tuple[str, str], int],
) -> bool:
    """A row no procedure of the list matches: a new procedure (a similar name suggested, never taken)."""
    values = read.values
    key = (values["nhom"], name_key(read.written))
    if key in new_names:
        plan.rejected.append(
            RowProblem(
                f"dòng {read.row}",
                f"trùng thủ tục với dòng {new_names[key]}",
                f"«{read.written}»",
                "mỗi thủ tục một dòng",
            )
        )
        return False
    new_names[key] = read.row
    data = {k: v for k, v in values.items() if v not in ("", None) or k == "ma"}
    data["ten"] = clean_name(read.written)
    data["ngay_niem_yet"] = options.day.isoformat()
    if options.decision and "quyet_dinh_cong_bo" not in data:
        data["quyet_dinh_cong_bo"] = options.decision
    if read.chi_tiet:
        data["chi_tiet"] = ChiTiet.model_validate(read.chi_tiet)
    try:
        new = ThuTuc.model_validate(data)
    except ValidationError as exc:  # a value the row checks let through: named, never a traceback
        first = exc.errors(include_url=False)[0]
        plan.rejected.append(
            RowProblem(
                f"dòng {read.row}",
                f"không tạo được thủ tục «{read.written}»: trường «{first['loc'][0]}» không hợp lệ",
            )
        )
        return False
    suggestion = matcher.suggest(read.written, values["nhom"], taken)
    hint = ""
    if suggestion is not None:
        similar = matcher.existing[suggestion[0]]
        hint = (
            f"gợi ý: có thể là «{_name(similar)}» (giống {round(suggestion[1] * 100)}%): nếu đúng, sửa tên "
            "trong tệp cho khớp hoặc ghi mã thủ tục"
        )
    plan.added.append((read.row, new, hint))
    plan.origin[len(plan.result)] = read.row
    plan.result.append(new)
    return True


def _updates(
    plan: Plan, sheet: Sheet, read: Read, old: ThuTuc, found: Match, matcher: Matcher
) -> dict[str, Any]:
    """The fields the file changes: a name only when matched by code and not an older name; a lĩnh
    vực only when the file names it as such (never a heading's reading: «Tư pháp – Hộ tịch» groups
    more than Hộ tịch, «Hành chính tư pháp» names no lĩnh vực of the list)."""
    updates: dict[str, Any] = {}
    values = read.values
    for name in COMPARED:
        value = values.get(name)
        if name == "ten":
            if found.kind != "ma" or name_key(read.written) == name_key(old.ten):
                continue
            if matcher.is_older_name(read.written, old.ten):
                continue
            value = clean_name(read.written)
        if name == "linh_vuc" and field_key(value or "") == field_key(old.linh_vuc):
            continue
        if name == "linh_vuc" and read.field_read and read.field_read.how in ("chuan_hoa", "chua_ro"):
            if read.field_read.how == "chuan_hoa":
                where = (
                    f"dòng {read.row} (tiêu đề dòng {read.heading_row})"
                    if read.heading_row
                    else sheet.where(read.row, "linh_vuc")
                )
                plan.kept.append(
                    f"{where}: {_name(old)}: tệp ghi lĩnh vực «{read.field_written}» (đọc là {value}), "
                    f"danh mục ghi {old.linh_vuc}"
                )
            continue
        if value not in ("", None) and getattr(old, name) != value:
            updates[name] = value
    return updates


def _details(plan: Plan, sheet: Sheet, read: Read, old: ThuTuc) -> ChiTiet | None:
    """Deadline and fee filled in where the list has none; a different one is shown and kept."""
    if not read.chi_tiet:
        return None
    current = old.chi_tiet or ChiTiet.model_validate({})
    fill: dict[str, Any] = {}
    deadline = read.chi_tiet.get("thoi_han")
    if deadline is not None:
        if current.thoi_han is None:
            fill["thoi_han"] = deadline
        elif (current.thoi_han.so, current.thoi_han.don_vi) != (deadline.so, deadline.don_vi):
            plan.kept.append(
                f"{sheet.where(read.row, 'thoi_han')}: {_name(old)}: tệp ghi {show_deadline(deadline)}, "
                f"danh mục ghi {show_deadline(current.thoi_han)}"
            )
    for name, column, label in (("mien_giam", "phi", "miễn, giảm"), ("ghi_chu", "ghi_chu", "ghi chú")):
        written = read.chi_tiet.get(name)
        listed = getattr(current, name)
        if not written:
            continue
        if not listed:
            fill[name] = written
        elif " ".join(listed.split()) != written:
            plan.kept.append(
                f"{sheet.where(read.row, column)}: {_name(old)}: tệp ghi {label} «{_short(written)}», "
                f"danh mục ghi «{_short(listed)}»"
            )
    fees = read.chi_tiet.get("phi_le_phi")
    if fees:
        if not current.phi_le_phi:
            fill["phi_le_phi"] = fees
        else:
            written = {f.so_tien for f in fees if f.so_tien is not None}
            listed = {f.so_tien for f in current.phi_le_phi}
            if None not in listed and not written <= listed:  # an amount not yet verified is not compared
                plan.kept.append(
                    f"{sheet.where(read.row, 'phi')}: {_name(old)}: tệp ghi {show_fee(fees)}, "
                    f"danh mục ghi {show_fee(current.phi_le_phi)}"
                )
    return current.model_copy(update=fill) if fill else None


def _withdraw(
    plan: Plan,
    existing: list[ThuTuc],
    taken: dict[int, int],
    pairs: set[tuple[str, str]],
    options: Options,
    result: list[ThuTuc],
) -> None:
    """Procedures of the compared scope missing from the file; withdrawn only when confirmed."""
    groups = {group for group, _ in pairs}

    def scope_of(t: ThuTuc) -> tuple[str, str]:
        return (t.nhom, "") if options.whole_list else (t.nhom, field_key(t.linh_vuc))

    in_scope = {
        scope_of(t) for t in existing if t.nhom in groups and (options.whole_list or scope_of(t) in pairs)
    }
    labels: dict[tuple[str, str], str] = {}
    active: dict[tuple[str, str], int] = {}
    missing: dict[tuple[str, str], int] = {}
    missing_indexes: list[int] = []
    for index, t in enumerate(existing):
        where = scope_of(t)
        if where not in in_scope or t.ngay_bai_bo is not None:
            continue
        labels.setdefault(
            where,
            f"nhóm {NHOM_SHORT[t.nhom]}"
            if options.whole_list
            else f"lĩnh vực {t.linh_vuc} ({NHOM_SHORT[t.nhom]})",
        )
        active[where] = active.get(where, 0) + 1
        if index not in taken:
            plan.not_in_file.append(t)
            missing_indexes.append(index)
            missing[where] = missing.get(where, 0) + 1
    plan.scope = ", ".join(sorted(labels.values(), key=text.sort_key)) or "(không có)"
    for where, count in missing.items():
        if count * 2 > active[where]:
            plan.warnings.append(
                f"Tệp thiếu {count}/{active[where]} thủ tục của {labels[where]}: hơn một nửa. Tệp có thể chỉ là "
                "một phần danh mục; đối chiếu với quyết định công bố trước khi xác nhận bãi bỏ."
            )
    count = len(plan.not_in_file)
    if options.confirm is None:
        return
    if options.confirm != count:
        plan.refused = (
            f"{CONFIRM_FLAG} {options.confirm} nhưng tệp này bãi bỏ {count} thủ tục: không ghi gì. "
            + (
                f"Xem danh sách trên rồi chạy lại với {CONFIRM_FLAG} {count}."
                if count
                else f"Bỏ {CONFIRM_FLAG}."
            )
        )
        return
    for index in missing_indexes:
        t = existing[index]
        update: dict[str, Any] = {"ngay_bai_bo": options.day}
        if options.decision:
            update["quyet_dinh_bai_bo"] = options.decision
        result[index] = t.model_copy(update=update)
        plan.withdrawn.append(t)


def describe(plan: Plan, sheet: Sheet, options: Options) -> str:
    """The preview shown to staff."""
    headings = f", {sheet.headings} dòng tiêu đề lĩnh vực/nhóm" if sheet.headings else ""
    separator = {",": "dấu phẩy", ";": "dấu chấm phẩy", "\t": "tab"}.get(sheet.delimiter or "")
    lines = [
        f"Tệp {sheet.name}: dòng tiêu đề {sheet.header_row}, {len(sheet.rows)} dòng thủ tục{headings}"
        + (f"; các cột cách nhau bằng {separator}" if separator else "")
        + ".",
        "Cột nhận ra: "
        + ", ".join(f"«{c.header}» → {_label(f, c.header)}" for f, c in sheet.columns.items()),
    ]
    if sheet.ignored:
        lines.append(f"Cột bỏ qua, không đọc ({len(sheet.ignored)}): " + ", ".join(sheet.ignored))
    if sheet.skipped:
        lines.append(f"Dòng bỏ qua, không đọc ({len(sheet.skipped)}):")
        lines += [f"  · {line}" for line in sheet.skipped]
    if sheet.other_sheets:
        lines.append(
            "Chỉ đọc trang tính đầu tiên; trang tính khác có dữ liệu, không đọc: "
            + ", ".join(f"«{name}»" for name in sheet.other_sheets)
            + ". Lưu mỗi trang thành một tệp rồi nhập từng tệp."
        )
    if plan.headings:
        lines.append(f"Dòng tiêu đề lĩnh vực/nhóm ({len(plan.headings)}):")
        lines += plan.headings
    if plan.fields:
        lines.append(f"Lĩnh vực ghi khác danh mục ({len(plan.fields)}):")
        lines += plan.fields
    lines.append(
        f"Phạm vi so sánh: {plan.scope}"
        + (
            " (--ca-danh-muc: tệp là toàn bộ danh mục của nhóm)."
            if options.whole_list
            else " — chỉ các lĩnh vực có trong tệp; tệp là toàn bộ danh mục của nhóm thì thêm --ca-danh-muc."
        )
    )
    kinds: dict[str, int] = {}
    for *_, found in plan.matched:
        kinds[found.kind] = kinds.get(found.kind, 0) + 1
    lines.append(
        f"\nKhớp với danh mục ({len(plan.matched)})"
        + (
            ": "
            + ", ".join(
                f"{n} {MATCH_KINDS[k][0]}"
                for k, n in sorted(kinds.items(), key=lambda i: list(MATCH_KINDS).index(i[0]))
            )
            if kinds
            else ""
        )
    )
    for row, written, old, found in plan.matched:
        if found.kind not in ("ma", "ten"):
            lines.append(
                f"  = dòng {row} «{written}» → {_name(old)} ({found.how}; độ tin cậy {found.confidence})"
            )
            if found.note and row not in plan.old_names:  # an old name is said below, with the current one
                lines.append(f"      {found.note}")
    if plan.old_names:
        lines.append(f"Tên cũ trong tệp ({len(plan.old_names)}):")
        lines += [f"  · {line}" for _, line in sorted(plan.old_names.items())]
    lines.append(f"Thêm mới ({len(plan.added)}):")
    for row, t, hint in plan.added:
        lines.append(f"  + dòng {row}: {_name(t)} [{NHOM_SHORT[t.nhom]}; {t.linh_vuc}]")
        if t.chi_tiet is not None:
            lines.append(f"      {_show_details(t.chi_tiet)}")
        if hint:
            lines.append(f"      {hint}")
    lines.append(f"Thay đổi ({len(plan.changed)}):")
    for row, old, new, names in plan.changed:
        lines.append(f"  ~ dòng {row}: {_name(old)}: " + "; ".join(_change(name, old, new) for name in names))
    if plan.kept:
        lines.append(
            "Lĩnh vực, thời hạn, phí, miễn giảm, ghi chú trong tệp khác danh mục — giữ nguyên, sửa tay nếu tỉnh "
            f"đã đổi ({len(plan.kept)}):"
        )
        lines += [f"  · {line}" for line in plan.kept]
    missing = len(plan.not_in_file)
    if plan.withdrawn:
        lines.append(
            f"Bãi bỏ ({len(plan.withdrawn)}) từ {text.format_date(options.day)}: có trong danh mục, không có trong tệp"
        )
    else:
        lines.append(
            f"Không có trong tệp ({missing}): có trong danh mục, cùng phạm vi so sánh"
            + (f" — KHÔNG bãi bỏ nếu không có {CONFIRM_FLAG} {missing}" if missing else "")
        )
    lines += [f"  - {_name(t)} [{t.linh_vuc}]" for t in plan.not_in_file]
    lines += [f"  ⚠ {warning}" for warning in plan.warnings]
    lines.append(f"Không đổi: {plan.unchanged}")
    if plan.notes:
        lines.append(f"\nĐọc được một phần ({len(plan.notes)}):")
        lines += [f"  · {note}" for note in plan.notes]
    if plan.rejected:
        lines.append(f"\nDòng lỗi ({len(plan.rejected)}):")
        lines += ["  ! " + problem.format().replace("\n", "\n    ") for problem in plan.rejected]
    return "\n".join(lines)


def _change(name: str, old: ThuTuc, new: ThuTuc) -> str:
    if name == "chi_tiet":
        before, after = old.chi_tiet or ChiTiet.model_validate({}), new.chi_tiet or ChiTiet.model_validate({})
        parts = []
        if before.thoi_han != after.thoi_han:
            parts.append(f"thời hạn: {show_deadline(before.thoi_han)} → {show_deadline(after.thoi_han)}")
        if before.phi_le_phi != after.phi_le_phi:
            parts.append(f"phí, lệ phí: {show_fee(before.phi_le_phi)} → {show_fee(after.phi_le_phi)}")
        for detail, label in (("mien_giam", "miễn, giảm"), ("ghi_chu", "ghi chú")):
            if getattr(before, detail) != getattr(after, detail):
                parts.append(
                    f"{label}: {_quoted(getattr(before, detail))} → {_quoted(getattr(after, detail))}"
                )
        return "; ".join(parts)
    return f"{name}: {_show(getattr(old, name))} → {_show(getattr(new, name))}"


def _show_details(details: ChiTiet) -> str:
    """What a new procedure's row gave besides its name: «thời hạn: 5 ngày; miễn, giảm: «…»»."""
    parts = []
    if details.thoi_han is not None:
        parts.append(f"thời hạn: {show_deadline(details.thoi_han)}")
    if details.phi_le_phi:
        parts.append(f"phí, lệ phí: {show_fee(details.phi_le_phi)}")
    if details.mien_giam:
        parts.append(f"miễn, giảm: «{_short(details.mien_giam)}»")
    if details.ghi_chu:
        parts.append(f"ghi chú: «{_short(details.ghi_chu)}»")
    return "; ".join(parts)


def _label(name: str, header: str) -> str:
    """What a recognised column is; a deadline column says the unit its bare numbers are in."""
    unit = header_unit(header) if name == "thoi_han" else None
    return LABELS[name] + (f" (số không kèm đơn vị: tính bằng {UNIT_WORDS[unit]})" if unit else "")


def _quoted(value: str | None) -> str:
    return f"«{_short(value)}»" if value else "(trống)"


def _short(value: str, size: int = 160) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def _name(t: ThuTuc) -> str:
    return f"{t.ma} {t.ten}" if t.ma else t.ten


def _show(value: Any) -> str:
    if value in (None, ""):
        return "(trống)"
    return (
        TRUC_TUYEN_LABELS.get(value, str(value))
        if isinstance(value, str) and value in TRUC_TUYEN_LABELS
        else str(value)
    )


def dump_list(danh_muc: DanhMuc, header: list[str]) -> str:
    """The list as the clerk's file writes it: the same order and style, each procedure a block."""
    out = Writer()
    out.lines += header
    out.data(0, {"nguon": _entry(danh_muc.nguon), "thu_tuc": _entry(danh_muc.thu_tuc)}, frozenset({"ma"}))
    return out.text()


KEEP_EMPTY = frozenset({"ma", "truc_tuyen", "so_tien"})  # written even when empty: "not verified yet"


def _entry(value: Any) -> Any:
    return plain(value, KEEP_EMPTY)


def current_header(path: Path) -> list[str]:
    """The comment lines at the top of the current file (kept as they are)."""
    lines = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    if not lines or not lines[0].startswith("# yaml-language-server"):
        lines.insert(0, schema_comment(LIST_FILE))
    return lines


def trial(content: Path, new_text: str, plan: Plan) -> list[str]:
    """The whole content checked with the new list, as the build would; problems named by row."""
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / CONTENT_DIR
        shutil.copytree(content, trial)
        (trial / LIST_FILE).write_text(new_text, encoding="utf-8")
        try:
            load_site(trial, CONTENT_DIR)
        except DataError as exc:
            return [_where_in_sheet(problem, plan) for problem in exc.problems]
    return []


def _where_in_sheet(problem: Problem, plan: Plan) -> str:
    """A problem of the list not yet written, named by the spreadsheet row it comes from."""
    found = re.match(r"thu_tuc\[(\d+)\](?:\.(.*))?$", problem.field)
    if problem.file != f"{CONTENT_DIR}/{LIST_FILE}" or not found:
        return problem.format()
    index = int(found.group(1)) - 1
    row = plan.origin.get(index)
    where = f"dòng {row} của tệp" if row else _entry_where(index, plan)
    hint = problem.hint and re.sub(  # «Trùng với thủ tục thứ 1.»: the list's position means nothing here
        r"thủ tục thứ (\d+)", lambda m: _entry_where(int(m.group(1)) - 1, plan), problem.hint
    )
    moved = Problem(where, None, found.group(2) or "", problem.message, problem.found, problem.expected, hint)
    return moved.format()


def _entry_where(index: int, plan: Plan) -> str:
    t = plan.result[index] if index < len(plan.result) else None
    row = plan.origin.get(index)
    name = f"thủ tục «{t.ten}»" if t else "thủ tục"
    return f"{name} ở dòng {row} của tệp" if row else f"{name} (đã có trong danh mục)"
