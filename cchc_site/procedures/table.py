"""A procedure list exported as .xlsx or .csv → rows of named cells, each with its row and column.

The header row is found among the first rows (exports often have a title above it); columns are
known by their Vietnamese headers written any way («Tên TTHC», «TÊN THỦ TỤC HÀNH CHÍNH», «Ten thu
tuc»). Lists laid out as in decisions announcing procedures — a heading row «I. Lĩnh vực Hộ tịch»
above its procedures — give each row the lĩnh vực of its heading. CSV files separated by commas,
semicolons or tabs are read (the separator is detected, or given).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import text

HEADERS: dict[str, tuple[str, ...]] = {  # field → headers as folded (no diacritics, lower case)
    "ten": (
        "ten thu tuc hanh chinh",
        "ten thu tuc",
        "ten tthc",
        "linh vuc thu tuc hanh chinh",  # «Lĩnh vực, thủ tục hành chính»: headings and procedures
        "danh muc thu tuc hanh chinh",
        "thu tuc hanh chinh",
        "thu tuc",
        "tthc",
        "ten",
    ),
    "ma": (
        "ma thu tuc",
        "ma tthc",
        "ma so",
        "ma so tthc",
        "ma so thu tuc",
        "ma thu tuc hanh chinh",
        "ma csdl",
        "ma tren csdl quoc gia",
        "ma",
        "ma ho so",
    ),
    "linh_vuc": ("linh vuc", "ten linh vuc", "linh vuc thuc hien"),
    "nhom": ("nhom", "nhom thu tuc", "cap thuc hien", "cap"),
    "truc_tuyen": (
        "muc do",
        "muc do dvc",
        "muc do dich vu cong",
        "muc do truc tuyen",
        "muc do dvctt",
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
    "thoi_han": (
        "thoi han giai quyet",
        "thoi han",
        "thoi gian giai quyet",
        "thoi han xu ly",
        "thoi han giai quyet theo quy dinh",
    ),
    "phi": ("phi le phi", "le phi", "phi", "muc phi le phi", "muc thu phi le phi", "phi le phi neu co"),
    "stt": ("stt", "tt", "so tt", "so thu tu"),
}
LABELS = {  # what each field is, in the preview
    "ten": "tên",
    "ma": "mã",
    "linh_vuc": "lĩnh vực",
    "nhom": "nhóm",
    "truc_tuyen": "mức độ trực tuyến",
    "quyet_dinh_cong_bo": "quyết định công bố",
    "duong_dan": "đường dẫn",
    "thoi_han": "thời hạn giải quyết",
    "phi": "phí, lệ phí",
    "stt": "số thứ tự",
}
GROUPS = {  # how a group is written in a cell (folded) → the list's group
    "cap xa": "cap_xa",
    "xa": "cap_xa",
    "cap xa phuong": "cap_xa",
    "tthc cap xa": "cap_xa",
    "thu tuc hanh chinh cap xa": "cap_xa",
    "quoc phong": "quoc_phong",
    "linh vuc quoc phong": "quoc_phong",
    "cong an": "cong_an",
    "linh vuc cong an": "cong_an",
}
GROUP_WORDS = (("quoc phong", "quoc_phong"), ("cong an", "cong_an"), ("cap xa", "cap_xa"))
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t"}
HEADER_ROWS = 15  # the header is within the first rows
MAX_FILE_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 200_000_000  # an .xlsx is a zip: what it would unpack to
MAX_ROWS = 20_000  # a province's list has a few thousand procedures
MAX_COLUMNS = 200
_ROMAN = re.compile(r"^(?=[IVXL])L?X{0,3}(IX|IV|V?I{0,3})\.?$")
_LETTER = re.compile(r"^[A-ZĐ]\.?$")


class SheetError(Exception):
    """The spreadsheet cannot be read at all (message in Vietnamese)."""


def header_key(header: Any) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.fold(str(header or "")).lower()).split())


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: columns as a spreadsheet names them."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Column:
    field: str
    index: int
    header: str  # as written

    @property
    def label(self) -> str:
        return f"cột {column_letter(self.index)} «{self.header}»"


@dataclass
class Row:
    number: int  # as the spreadsheet shows it
    values: dict[str, Any]
    heading_field: str | None = None  # lĩnh vực of the heading row above it
    heading_group: str | None = None  # group heading («A. THỦ TỤC HÀNH CHÍNH CẤP XÃ»), as written


@dataclass
class Sheet:
    """Rows read from the file, with their row numbers as a spreadsheet shows them."""

    name: str
    header_row: int
    columns: dict[str, Column]
    ignored: list[str]
    rows: list[Row]
    headings: int = 0  # heading rows read as lĩnh vực or group
    delimiter: str | None = None  # CSV only
    notes: list[str] = field(default_factory=list)

    def where(self, row: int, field_name: str | None = None) -> str:
        """«dòng 9, cột B «Mã TTHC»»: where the clerk finds a cell."""
        column = self.columns.get(field_name) if field_name else None
        return f"dòng {row}, {column.label}" if column else f"dòng {row}"


def read_table(path: Path, delimiter: str | None = None) -> tuple[list[tuple[int, list[Any]]], str | None]:
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
        return _read_xlsx(path), None
    if suffix in (".csv", ".tsv", ".txt"):
        return _read_csv(path, delimiter)
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


def _read_csv(path: Path, delimiter: str | None) -> tuple[list[tuple[int, list[Any]]], str]:
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(
            "Tệp CSV không phải mã UTF-8. Trong Excel chọn «Lưu thành» → «CSV UTF-8 "
            "(Comma delimited)»; văn bản font .VnTime/VNI cần chuyển mã bằng Unikey trước."
        ) from None
    first, _, rest = content.partition("\n")
    hinted = re.fullmatch(r"sep=(.)\r?", first)  # Excel's «sep=;» line: the separator, not a row
    if hinted:
        content = rest
    chosen = DELIMITERS.get(delimiter or "") or (hinted.group(1) if hinted else _detect(content))
    rows: list[tuple[int, list[Any]]] = []
    reader = csv.reader(io.StringIO(content), delimiter=chosen)
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise SheetError(
                    f"Tệp CSV có hơn {MAX_ROWS:,} dòng: không phải một danh mục thủ tục.".replace(",", ".")
                )
            rows.append((len(rows) + 1, row[:MAX_COLUMNS]))  # numbered as a spreadsheet shows the rows
    except csv.Error:
        start = rows[-1][0] + 1 if rows else 1
        raise SheetError(
            f'Tệp CSV hỏng từ dòng {start}: thường là một dấu nháy kép «"» mở mà không đóng, khiến '
            "cả phần sau bị đọc thành một ô. Sửa dòng đó bằng trình soạn thảo rồi chạy lại."
        ) from None
    return rows, chosen


def _detect(content: str) -> str:
    """The separator whose reading of the first rows finds the header with the most known columns.

    ``csv.Sniffer`` alone is fooled by names full of commas («Đăng ký nhận cha, mẹ, con») in a file
    separated by semicolons: its guess only breaks ties.
    """
    sample = "\n".join(content.splitlines()[:HEADER_ROWS])
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        sniffed = ","
    best, best_score = sniffed, -1
    for candidate in dict.fromkeys([sniffed, ";", "\t", ","]):
        try:
            rows = list(csv.reader(io.StringIO(sample), delimiter=candidate))
        except csv.Error:
            continue
        score = max((len(map_columns(cells)) for cells in rows if "ten" in map_columns(cells)), default=0)
        if score > best_score:
            best, best_score = candidate, score
    return best


def read_sheet(path: Path, delimiter: str | None = None) -> Sheet:
    table, chosen = read_table(path, delimiter)
    for position, (number, cells) in enumerate(table[:HEADER_ROWS]):
        columns = map_columns(cells)
        if "ten" in columns:
            mapped = {name: Column(name, index, str(cells[index]).strip()) for name, index in columns.items()}
            used = set(columns.values())
            ignored = [str(c).strip() for i, c in enumerate(cells) if i not in used and str(c or "").strip()]
            sheet = Sheet(path.name, number, mapped, ignored, [], delimiter=chosen)
            _read_rows(sheet, table[position + 1 :])
            return sheet
    raise SheetError(
        "Không tìm thấy dòng tiêu đề có cột tên thủ tục (VD: «Tên thủ tục hành chính», «Tên TTHC») "
        f"trong {HEADER_ROWS} dòng đầu."
    )


def _read_rows(sheet: Sheet, table: list[tuple[int, list[Any]]]) -> None:
    heading_field: str | None = None
    heading_group: str | None = None
    for number, row in table:
        if not any(str(v or "").strip() for v in row):
            continue
        values = {name: row[c.index] if c.index < len(row) else None for name, c in sheet.columns.items()}
        heading = _heading(values)
        if heading is not None:
            sheet.headings += 1
            kind, words = heading
            if kind == "nhom":
                heading_group, heading_field = words, None
            else:
                heading_field = words
            continue
        sheet.rows.append(Row(number, values, heading_field, heading_group))


def _heading(values: dict[str, Any]) -> tuple[str, str] | None:
    """A row naming the lĩnh vực (or the group) of the rows under it, not a procedure."""
    name = " ".join(str(values.get("ten") or "").split())
    others = [k for k, v in values.items() if k not in ("ten", "stt") and str(v or "").strip()]
    if not name or others:
        return None
    number = str(values.get("stt") or "").strip()
    numbered = re.match(r"^([IVXL]+|[A-ZĐ])[.)]\s+", name)
    if numbered:
        name = name[numbered.end() :]
    folded = header_key(name)
    if not (
        _ROMAN.match(number)
        or _LETTER.match(number)
        or numbered
        or folded.startswith(("linh vuc ", "thu tuc hanh chinh"))
        or name.isupper()
    ):
        return None
    return ("nhom" if group_of(name) else "linh_vuc"), name


def group_of(written: str) -> str | None:
    """The group a cell or heading names («Cấp xã», «Lĩnh vực Quốc phòng», «TTHC cấp xã»), if any."""
    key = header_key(written)
    if key in GROUPS:
        return GROUPS[key]
    return next((group for words, group in GROUP_WORDS if re.search(rf"\b{words}\b", key)), None)


def map_columns(cells: list[Any]) -> dict[str, int]:
    """Field → column index, for the headers recognised in one row (most specific first)."""
    found: dict[str, int] = {}
    keys = [header_key(c) for c in cells]
    plain = [header_key(re.sub(r"\([^)]*\)", " ", str(c or ""))) for c in cells]  # «Thời hạn (ngày)»
    for field_name, names in HEADERS.items():
        for name in names:
            for candidates in (keys, plain):
                if name in candidates and candidates.index(name) not in found.values():
                    found[field_name] = candidates.index(name)
                    break
            if field_name in found:
                break
    return found
