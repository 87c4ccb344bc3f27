"""``import-procedures``: the province's (or the one-stop office's) spreadsheet → the procedure list.

Reads .xlsx (openpyxl) or .csv, finds the header row, maps columns by their Vietnamese headers
(spacing, case and diacritics do not matter), and compares with ``content/thu-tuc.yaml``:
what would be added, changed and withdrawn. Only ``--write`` writes, and only when every row
was read and the whole content still passes the build's checks. Dates and decisions already
in the list are kept; details (documents, fees…) are never touched.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import text
from .errors import DataError
from .models import CODE_PATTERN, NHOM_LABELS, TRUC_TUYEN_LABELS, DanhMuc, ThuTuc
from .schema import schema_comment
from .validate import LIST_FILE, load_site

HEADERS: dict[str, tuple[str, ...]] = {  # field → headers as folded (no diacritics, lower case)
    "ten": ("ten thu tuc", "ten tthc", "ten thu tuc hanh chinh", "thu tuc", "thu tuc hanh chinh", "ten"),
    "ma": ("ma thu tuc", "ma tthc", "ma so", "ma so tthc", "ma thu tuc hanh chinh", "ma", "ma ho so"),
    "linh_vuc": ("linh vuc", "ten linh vuc", "linh vuc thuc hien"),
    "nhom": ("nhom", "nhom thu tuc", "cap thuc hien", "cap"),
    "truc_tuyen": (
        "muc do",
        "muc do dvc",
        "muc do dich vu cong",
        "muc do truc tuyen",
        "dich vu cong truc tuyen",
        "dvc truc tuyen",
        "dvctt",
        "truc tuyen",
    ),
    "quyet_dinh_cong_bo": (
        "quyet dinh cong bo",
        "so quyet dinh cong bo",
        "quyet dinh",
        "so quyet dinh",
        "qd cong bo",
    ),
    "duong_dan": ("duong dan", "lien ket", "url", "link", "duong dan tren cong dvc"),
}
LEVELS = {
    "toan trinh": "toan_trinh",
    "mot phan": "mot_phan",
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
GROUPS = {
    "cap xa": "cap_xa",
    "xa": "cap_xa",
    "cap_xa": "cap_xa",
    "tthc cap xa": "cap_xa",
    "quoc phong": "quoc_phong",
    "quoc_phong": "quoc_phong",
    "linh vuc quoc phong": "quoc_phong",
    "cong an": "cong_an",
    "cong_an": "cong_an",
    "linh vuc cong an": "cong_an",
}
COMPARED = ("ma", "ten", "linh_vuc", "truc_tuyen", "quyet_dinh_cong_bo", "duong_dan")


def _key(header: Any) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.fold(str(header or "")).lower()).split())


@dataclass
class Sheet:
    """Rows read from the file, with their row numbers as a spreadsheet shows them."""

    name: str
    header_row: int
    columns: dict[str, str]  # field → header as written
    ignored: list[str]
    rows: list[tuple[int, dict[str, Any]]]


@dataclass
class Plan:
    added: list[ThuTuc] = field(default_factory=list)
    changed: list[tuple[ThuTuc, ThuTuc, list[str]]] = field(default_factory=list)  # old, new, fields
    withdrawn: list[ThuTuc] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[str] = field(default_factory=list)  # "dòng 17: …"
    result: list[ThuTuc] = field(default_factory=list)


class SheetError(Exception):
    """The spreadsheet cannot be read at all (message in Vietnamese)."""


MAX_FILE_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 200_000_000  # an .xlsx is a zip: what it would unpack to
MAX_ROWS = 20_000  # a province's list has a few thousand procedures
MAX_COLUMNS = 200


def read_table(path: Path) -> list[tuple[int, list[Any]]]:
    """All rows of the first sheet (xlsx) or of the CSV file, numbered from 1, within set limits."""
    if not path.is_file():
        raise SheetError("không có tệp này: kiểm tra tên tệp và đường dẫn.")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SheetError(
            f"Tệp quá lớn ({size / 1e6:.0f} MB; tối đa {MAX_FILE_BYTES // 1_000_000} MB). "
            "Xuất lại bảng tính chỉ với danh mục thủ tục."
        )
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix == ".csv":
        return _read_csv(path)
    raise SheetError(f"Không đọc được tệp «{path.name}»: cần tệp .xlsx hoặc .csv.")


def _read_xlsx(path: Path) -> list[tuple[int, list[Any]]]:
    import zipfile

    from openpyxl import load_workbook  # the one library that reads .xlsx well

    damaged = (
        "Không mở được tệp Excel (tệp hỏng hoặc không phải .xlsx). Mở bằng Excel rồi «Lưu thành» dạng "
        ".xlsx (Excel 2007 trở lên)."
    )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise SheetError(damaged) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise SheetError(
            f"Tệp Excel bung ra quá lớn ({unpacked / 1e6:.0f} MB): có thể là bảng tính hàng triệu dòng "
            "hoặc tệp hỏng. Xuất lại chỉ phần danh mục thủ tục."
        )
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds; the clerk needs one answer
        raise SheetError(damaged) from None
    try:
        rows = []
        sheet = book.worksheets[0]  # bounded: a sheet may declare a million rows and 16,384 columns
        for number, row in enumerate(
            sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS), 1
        ):
            if number > MAX_ROWS:
                raise SheetError(
                    f"Bảng tính có hơn {MAX_ROWS:,} dòng: không phải một danh mục thủ tục. ".replace(",", ".")
                    + "Xóa các dòng thừa (Ctrl+End cho biết ô cuối) rồi lưu lại."
                )
            rows.append((number, list(row[:MAX_COLUMNS])))
        return rows
    finally:
        book.close()


def _read_csv(path: Path) -> list[tuple[int, list[Any]]]:
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(
            "Tệp CSV không phải mã UTF-8. Trong Excel chọn «Lưu thành» → «CSV UTF-8 "
            "(Comma delimited)»; văn bản font .VnTime/VNI cần chuyển mã bằng Unikey trước."
        ) from None
    sample = content[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(content), dialect)
    rows: list[tuple[int, list[Any]]] = []
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise SheetError(
                    f"Tệp CSV có hơn {MAX_ROWS:,} dòng: không phải một danh mục thủ tục.".replace(",", ".")
                )
            rows.append((reader.line_num, row[:MAX_COLUMNS]))
    except csv.Error:
        start = rows[-1][0] + 1 if rows else 1
        raise SheetError(
            f'Tệp CSV hỏng từ dòng {start}: thường là một dấu nháy kép «"» mở mà không đóng, khiến '
            "cả phần sau bị đọc thành một ô. Sửa dòng đó bằng trình soạn thảo rồi chạy lại."
        ) from None
    return rows


def read_sheet(path: Path) -> Sheet:
    table = read_table(path)
    for number, cells in table[:15]:  # exports often have a title above the header row
        columns = _map_columns(cells)
        if "ten" in columns:
            mapped = {field_name: str(cells[index]).strip() for field_name, index in columns.items()}
            used = set(columns.values())
            ignored = [str(c).strip() for i, c in enumerate(cells) if i not in used and str(c or "").strip()]
            rows = []
            for row_number, row in table[table.index((number, cells)) + 1 :]:
                values = {f: row[i] if i < len(row) else None for f, i in columns.items()}
                if any(str(v or "").strip() for v in row):
                    rows.append((row_number, values))
            return Sheet(path.name, number, mapped, ignored, rows)
    raise SheetError(
        "Không tìm thấy dòng tiêu đề có cột tên thủ tục (VD: «Tên thủ tục hành chính») trong 15 dòng đầu."
    )


def _map_columns(cells: list[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    keys = [_key(c) for c in cells]
    for field_name, names in HEADERS.items():
        for name in names:  # most specific first
            if name in keys and keys.index(name) not in found.values():
                found[field_name] = keys.index(name)
                break
    return found


def _row_to_values(
    number: int, values: dict[str, Any], default_group: str | None
) -> tuple[dict[str, Any], str | None]:
    """A row as ThuTuc fields, or the reason it cannot be read."""
    out: dict[str, Any] = {}
    name = " ".join(str(values.get("ten") or "").split())
    if not name:
        return {}, f"dòng {number}: thiếu tên thủ tục"
    out["ten"] = name
    code = values.get("ma")
    if isinstance(code, float):  # Excel turned "2.000810" into 2.00081: six decimals give it back
        code = f"{code:.6f}"
    code = str(code or "").strip()
    if code and not CODE_PATTERN.match(code):
        return {}, f"dòng {number}: mã «{code}» sai định dạng (cần dạng 1.001193)"
    out["ma"] = code
    field_name = " ".join(str(values.get("linh_vuc") or "").split())
    if not field_name:
        return {}, f"dòng {number}: thiếu lĩnh vực của «{name}»"
    out["linh_vuc"] = field_name
    group = values.get("nhom")
    if group not in (None, ""):
        out["nhom"] = GROUPS.get(_key(group))
        if out["nhom"] is None:
            return {}, f"dòng {number}: nhóm «{group}» không rõ (cần: cấp xã, Quốc phòng hoặc Công an)"
    elif default_group:
        out["nhom"] = default_group
    else:
        return {}, f"dòng {number}: không có nhóm; thêm cột «Nhóm» hoặc chạy với --nhom cap_xa"
    level = values.get("truc_tuyen")
    if level not in (None, ""):
        out["truc_tuyen"] = LEVELS.get(_key(level))
        if out["truc_tuyen"] is None:
            return (
                {},
                f"dòng {number}: mức độ trực tuyến «{level}» không rõ (cần: Toàn trình, Một phần, Mức độ 3…)",
            )
    for optional in ("quyet_dinh_cong_bo", "duong_dan"):
        value = " ".join(str(values.get(optional) or "").split())
        if value:
            out[optional] = value
    if "duong_dan" in out and not out["duong_dan"].startswith("https://"):
        return {}, f"dòng {number}: đường dẫn phải bắt đầu bằng https://"
    return out, None


def plan_import(
    sheet: Sheet, danh_muc: DanhMuc, day: date, decision: str | None, default_group: str | None
) -> Plan:
    """What the file changes in the list; nothing is written here."""
    plan = Plan()
    rows: list[dict[str, Any]] = []
    for number, values in sheet.rows:
        row, problem = _row_to_values(number, values, default_group)
        if problem:
            plan.rejected.append(problem)
        else:
            rows.append(row)
    groups = {row["nhom"] for row in rows}
    existing = list(danh_muc.thu_tuc)
    by_code = {t.ma: i for i, t in enumerate(existing) if t.ma}
    by_name = {(t.nhom, text.fold(t.ten).lower()): i for i, t in enumerate(existing)}
    matched: set[int] = set()
    result = list(existing)
    for row in rows:
        index = by_code.get(row["ma"]) if row["ma"] else None
        if index is None:
            index = by_name.get((row["nhom"], text.fold(row["ten"]).lower()))
        if index is None or index in matched:
            new = ThuTuc.model_validate(
                {
                    **row,
                    "ngay_niem_yet": day.isoformat(),
                    **(
                        {"quyet_dinh_cong_bo": decision}
                        if decision and "quyet_dinh_cong_bo" not in row
                        else {}
                    ),
                }
            )
            plan.added.append(new)
            result.append(new)
            continue
        matched.add(index)
        old = existing[index]
        if old.ngay_bai_bo is not None:
            plan.rejected.append(
                f"thủ tục «{old.ten}» đã bãi bỏ từ {text.format_date(old.ngay_bai_bo)} "
                "nay lại có trong tệp: kiểm tra lại tệp hoặc sửa danh mục bằng tay"
            )
            continue
        updates = {
            k: v for k, v in row.items() if k in COMPARED and v not in ("", None) and getattr(old, k) != v
        }
        if updates:
            new = old.model_copy(update=updates)
            plan.changed.append((old, new, sorted(updates)))
            result[index] = new
        else:
            plan.unchanged += 1
    for index, old in enumerate(existing):
        if index not in matched and old.ngay_bai_bo is None and old.nhom in groups:
            new = old.model_copy(
                update={"ngay_bai_bo": day, **({"quyet_dinh_bai_bo": decision} if decision else {})}
            )
            plan.withdrawn.append(old)
            result[index] = new
    plan.result = result
    return plan


def describe(plan: Plan, sheet: Sheet) -> str:
    """The preview shown to staff."""
    lines = [
        f"Tệp {sheet.name}: dòng tiêu đề {sheet.header_row}, {len(sheet.rows)} dòng dữ liệu.",
        "Cột nhận ra: " + ", ".join(f"«{h}» → {f}" for f, h in sheet.columns.items()),
    ]
    if sheet.ignored:
        lines.append("Cột bỏ qua: " + ", ".join(f"«{h}»" for h in sheet.ignored))
    lines.append(f"\nThêm mới ({len(plan.added)}):")
    lines += [f"  + {_name(t)} [{NHOM_LABELS[t.nhom]}; {t.linh_vuc}]" for t in plan.added]
    lines.append(f"Thay đổi ({len(plan.changed)}):")
    for old, new, fields in plan.changed:
        lines.append(
            f"  ~ {_name(old)}: "
            + "; ".join(f"{f}: {_show(getattr(old, f))} → {_show(getattr(new, f))}" for f in fields)
        )
    lines.append(f"Bãi bỏ ({len(plan.withdrawn)}): không còn trong tệp")
    lines += [f"  - {_name(t)}" for t in plan.withdrawn]
    lines.append(f"Không đổi: {plan.unchanged}")
    if plan.rejected:
        lines.append(f"\nDòng không đọc được ({len(plan.rejected)}):")
        lines += [f"  ! {problem}" for problem in plan.rejected]
    return "\n".join(lines)


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


# --- writing the list back -----------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style like the hand-written file: lists indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:  # the same date twice is written twice
        return True


def _str(dumper: yaml.SafeDumper, value: str):
    if value == "" or CODE_PATTERN.match(value):
        style: str | None = '"'  # codes stay text: unquoted, 2.000810 would become a number
    elif ": " in value or value[:1] in "'&*!|>%@`#[{":
        style = '"'  # what would need quoting anyway: double quotes, as written by hand
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_list(danh_muc: DanhMuc, header: list[str]) -> str:
    data = {
        "nguon": danh_muc.nguon.model_dump(mode="python"),
        "thu_tuc": [_entry(t) for t in danh_muc.thu_tuc],
    }
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return "\n".join(header) + ("\n" if header else "") + body


KEEP_EMPTY = {"ma", "truc_tuyen", "so_tien"}  # written even when empty: "not verified yet"


def _entry(value: Any) -> Any:
    """A model as a plain mapping in field order, without empty optional fields."""
    if isinstance(value, list):
        return [_entry(item) for item in value]
    if not hasattr(type(value), "model_fields"):
        return value
    return {
        name: _entry(getattr(value, name))
        for name in type(value).model_fields
        if getattr(value, name) is not None or name in KEEP_EMPTY
    }


def _header(path: Path) -> list[str]:
    """The comment lines at the top of the current file (kept as they are)."""
    lines = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    if not lines or not lines[0].startswith("# yaml-language-server"):
        lines.insert(0, schema_comment(LIST_FILE))
    return lines


def run_import(
    file: Path, content: Path, day: date, decision: str | None, default_group: str | None, write: bool
) -> int:
    try:
        site = load_site(content, "content")
    except DataError as exc:
        print(exc.format(), file=sys.stderr)
        print("Dữ liệu hiện có đang lỗi: sửa trước rồi mới nhập danh mục.", file=sys.stderr)
        return 1
    try:
        sheet = read_sheet(file)
    except SheetError as exc:
        print(f"{file}: {exc}", file=sys.stderr)
        return 1
    except OSError:
        print(f"{file}: không đọc được tệp (kiểm tra quyền đọc tệp).", file=sys.stderr)
        return 1
    plan = plan_import(sheet, site.danh_muc, day, decision, default_group)
    print(describe(plan, sheet))
    if not write:
        print("\nChưa ghi gì (xem trước). Ghi vào danh mục: chạy lại với --write.")
        return 1 if plan.rejected else 0
    if plan.rejected:
        print("\nKhông ghi: sửa các dòng không đọc được trong tệp rồi chạy lại.", file=sys.stderr)
        return 1
    if not (plan.added or plan.changed or plan.withdrawn):
        print("\nDanh mục không có gì thay đổi.")
        return 0
    target = content / LIST_FILE
    new_text = dump_list(DanhMuc(nguon=site.danh_muc.nguon, thu_tuc=plan.result), _header(target))
    with tempfile.TemporaryDirectory() as scratch:  # the whole content must still pass before writing
        trial = Path(scratch) / "content"
        shutil.copytree(content, trial)
        (trial / LIST_FILE).write_text(new_text, encoding="utf-8")
        try:
            load_site(trial, "content")
        except DataError as exc:
            print(exc.format(), file=sys.stderr)
            print(
                "\nKhông ghi: danh mục mới làm dữ liệu lỗi (VD: số thủ tục trong báo cáo đã đăng khác danh "
                "mục tại ngày cuối kỳ). Kiểm tra ngày (--ngay).",
                file=sys.stderr,
            )
            return 1
    target.write_text(new_text, encoding="utf-8")
    print(
        f"\nĐã ghi {target}: {len(plan.added)} thêm mới, {len(plan.changed)} thay đổi, "
        f"{len(plan.withdrawn)} bãi bỏ từ {text.format_date(day)}. Kiểm tra bằng «git diff» rồi commit."
    )
    return 0
