"""A procedure list exported as .xlsx or .csv → rows of named cells, each with its row and column.

The header row is found among the first rows (exports often have a title above it); columns are
known by their Vietnamese headers written any way («Tên TTHC», «TÊN THỦ TỤC HÀNH CHÍNH», «Ten thu
tuc»). Lists laid out as in decisions announcing procedures — a heading row «I. Lĩnh vực Hộ tịch»
above its procedures — give each row the lĩnh vực of its heading. CSV files separated by commas,
semicolons or tabs are read (the separator is detected, or given).

Nothing is dropped unsaid: every column not read (with a heading or only with data), every row not
read (above the header, or with text only in columns not read) and every other sheet of a workbook is
named, so that the preview can list it.
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
        "thoi gian giai quyet toi da",
        "thoi han giai quyet toi da",
        "thoi han xu ly",
        "thoi gian xu ly",
        "thoi han giai quyet theo quy dinh",
        "thoi gian giai quyet theo quy dinh",
    ),
    "phi": ("phi le phi", "le phi", "phi", "muc phi le phi", "muc thu phi le phi", "phi le phi neu co"),
    "ghi_chu": ("ghi chu", "ghi chu khac"),
    "stt": ("stt", "tt", "so tt", "so thu tu"),
}
PREFIXES: dict[str, tuple[str, ...]] = {  # headers known by how they begin, when none is known exactly
    "thoi_han": (
        "thoi han giai quyet",
        "thoi gian giai quyet",
        "thoi han xu ly",
        "thoi gian xu ly",
        "thoi han thuc hien",
        "thoi gian thuc hien",
    ),
    "phi": ("phi le phi", "muc thu phi", "muc phi"),
    "ghi_chu": ("ghi chu",),
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
    "ghi_chu": "ghi chú",
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
MAX_ROWS = (
    5_000  # a province's list has a few thousand procedures; the list file must hold them (rawtext.MAX_BYTES)
)
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
    heading_row: int | None = None  # the row of the lĩnh vực heading above it


@dataclass
class Heading:
    """A row naming the lĩnh vực (or the group) of the rows under it."""

    number: int
    kind: str  # "linh_vuc" or "nhom"
    written: str  # the cell as written, numbering included
    words: str  # without its numbering («I.», «A)»)
    rows: int = 0  # procedure rows under it (until the next heading of its kind or above)


@dataclass
class Sheet:
    """Rows read from the file, with their row numbers as a spreadsheet shows them."""

    name: str
    header_row: int
    columns: dict[str, Column]
    ignored: list[str]  # columns not read, as the clerk finds them: «cột F «Cơ quan phối hợp»»
    rows: list[Row]
    heading_rows: list[Heading] = field(default_factory=list)
    delimiter: str | None = None  # CSV only
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # rows not read, each named with its number
    other_sheets: list[str] = field(default_factory=list)  # other sheets of a workbook that hold data

    @property
    def headings(self) -> int:
        """Heading rows read as lĩnh vực or group."""
        return len(self.heading_rows)

    def where(self, row: int, field_name: str | None = None) -> str:
        """«dòng 9, cột B «Mã TTHC»»: where the clerk finds a cell."""
        column = self.columns.get(field_name) if field_name else None
        return f"dòng {row}, {column.label}" if column else f"dòng {row}"


Table = list[tuple[int, list[Any]]]


def read_table(path: Path, delimiter: str | None = None) -> tuple[Table, str | None, list[str]]:
    """All rows of the first sheet (xlsx) or of the CSV file, numbered from 1, within set limits;
    the separator of a CSV file; the names of the workbook's other sheets that hold data."""
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
        rows, others = _read_xlsx(path)
        return rows, None, others
    if suffix in (".csv", ".tsv", ".txt"):
        return (*_read_csv(path, delimiter), [])
    raise SheetError(f"Không đọc được tệp «{path.name}»: cần tệp .xlsx hoặc .csv.")


def _read_xlsx(path: Path) -> tuple[Table, list[str]]:
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
        others = [other.title for other in book.worksheets[1:] if _holds_data(other)]
        return rows, others
    finally:
        book.close()


def _holds_data(sheet: Any) -> bool:
    """Whether a sheet has any cell written (bounded like the first sheet)."""
    return any(
        any(_text(v) for v in row)
        for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS, max_col=MAX_COLUMNS)
    )


def _text(value: Any) -> str:
    return " ".join(str(value if value is not None else "").split())


def _read_csv(path: Path, delimiter: str | None) -> tuple[Table, str]:
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
    table, chosen, others = read_table(path, delimiter)
    for position, (number, cells) in enumerate(table[:HEADER_ROWS]):
        columns = map_columns(cells)
        if "ten" in columns:
            mapped = {name: Column(name, index, str(cells[index]).strip()) for name, index in columns.items()}
            sheet = Sheet(path.name, number, mapped, [], [], delimiter=chosen, other_sheets=others)
            for above, row in table[:position]:
                if any(_text(v) for v in row):
                    sheet.skipped.append(f"dòng {above} {_excerpt(row)}: ở trên dòng tiêu đề")
            _read_rows(sheet, cells, table[position + 1 :])
            return sheet
    raise SheetError(
        "Không tìm thấy dòng tiêu đề có cột tên thủ tục (VD: «Tên thủ tục hành chính», «Tên TTHC») "
        f"trong {HEADER_ROWS} dòng đầu."
    )


def _excerpt(cells: list[Any], size: int = 60) -> str:
    """A row's text as the clerk recognises it: «DANH MỤC THỦ TỤC…»."""
    written = " | ".join(_text(v) for v in cells if _text(v))
    return f"«{written[: size - 1]}…»" if len(written) > size else f"«{written}»"


def _read_rows(sheet: Sheet, header: list[Any], table: Table) -> None:
    """Procedure rows and heading rows; what is not read is named in ``sheet``."""
    used = {c.index for c in sheet.columns.values()}
    unread: dict[int, int] = {}  # column not read → the first row with text in it
    group: Heading | None = None
    current: Heading | None = None
    for number, row in table:
        if not any(_text(v) for v in row):
            continue
        for index, value in enumerate(row):
            if index not in used and _text(value):
                unread.setdefault(index, number)
        values = {name: row[c.index] if c.index < len(row) else None for name, c in sheet.columns.items()}
        if not any(_text(v) for v in values.values()):
            others = [column_letter(i) for i, v in enumerate(row) if _text(v)]
            sheet.skipped.append(
                f"dòng {number} {_excerpt(row)}: chỉ có chữ ở cột không đọc ({', '.join(others)})"
            )
            continue
        found = _heading(values)
        if found is not None:
            kind, words = found
            heading = Heading(number, kind, _text(values.get("ten")), words)
            sheet.heading_rows.append(heading)
            if kind == "nhom":
                group, current = heading, None
            else:
                current = heading
            continue
        for above in (group, current):
            if above is not None:
                above.rows += 1
        sheet.rows.append(
            Row(
                number,
                values,
                current.words if current else None,
                group.words if group else None,
                current.number if current else None,
            )
        )
    for index in sorted(set(range(len(header))) - used | set(unread)):
        written = str(header[index] or "").strip() if index < len(header) else ""
        if written:
            sheet.ignored.append(f"cột {column_letter(index)} «{written}»")
        elif index in unread:
            sheet.ignored.append(
                f"cột {column_letter(index)} (không có tiêu đề; có chữ từ dòng {unread[index]})"
            )


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
        or folded.startswith(("linh vuc ", "thu tuc hanh chinh", "tu phap", "hanh chinh tu phap"))
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
    """Field → column index, for the headers recognised in one row (most specific first).

    A header is known as written, or without its parenthesis («Thời hạn (ngày)»), or — for the
    deadline, fee and note columns — by how it begins («Thời gian giải quyết tối đa của xã»)."""
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
    for field_name, starts in PREFIXES.items():
        if field_name in found:
            continue
        found_at = next(
            (
                index
                for index, key in enumerate(plain)
                if index not in found.values()
                and any(key == start or key.startswith(start + " ") for start in starts)
            ),
            None,
        )
        if found_at is not None:
            found[field_name] = found_at
    return found
