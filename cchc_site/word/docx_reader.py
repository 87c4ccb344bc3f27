"""A .docx read as a clerk sees the printed page: paragraphs and tables in order, with their looks.

python-docx opens the package (parts, relationships, styles, numbering); the text is read from the
XML itself, because ``Paragraph.text`` misses what Word files often hold: tracked insertions,
content controls, smart tags, simple fields. Deleted and hidden text is left out, automatic
numbering is written out («I.», «1.», a bullet), text boxes are read where they are anchored, and
invisible characters are dropped and counted. Whatever is not a readable .docx (an old .doc, a
PDF, a scan, another kind of zip, a damaged or oversized file) is refused with a Vietnamese
message saying what the file is and what to do (``ReadError``).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..addresses import CONTENT_DIR, ORIGINALS_DIR
from ..content.rawtext import INVISIBLE, name_of
from ..text import format_number

MAX_FILE_BYTES = 30_000_000  # a report with its pictures; a scan of 30 pages is larger, and no use here
MAX_UNPACKED_BYTES = 200_000_000  # what the zip would unpack to (python-docx holds every part in memory)
MAX_MEMBERS = 5_000
MAX_PARAGRAPHS = 20_000  # a report has a few hundred; counted in the XML before it is parsed
MAX_RATIO = 100  # unpacked ÷ packed size of one part: Word's XML packs 5–30 times, a zip bomb thousands
RATIO_FLOOR = 1_000_000  # parts smaller than this unpacked are never refused for their ratio
MAX_DEPTH = 30  # tables in tables, content controls in content controls
CONVERT = "soffice --headless --convert-to docx"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = "purl.oclc.org/ooxml"
_W = "{" + W + "}"

MAIN_TYPES = {  # the main part's content type → what the file is, when it is not a .docx
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "tệp Word có macro (.docm)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "mẫu Word (.dotx)",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "mẫu Word có macro (.dotm)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "bảng tính Excel (.xlsx)",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "bảng tính Excel (.xlsm)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "trình chiếu PowerPoint (.pptx)",
}
ODF = {
    "application/vnd.oasis.opendocument.text": ("văn bản OpenDocument (.odt)", True),
    "application/vnd.oasis.opendocument.spreadsheet": ("bảng tính OpenDocument (.ods)", False),
    "application/vnd.oasis.opendocument.presentation": ("trình chiếu OpenDocument (.odp)", False),
}
_ROMAN_DIGITS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"))
_ROMAN_SMALL = ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


class ReadError(Exception):
    """The file cannot be read as a Word report; the message says why and what to do, in Vietnamese."""


@dataclass
class Block:
    """One paragraph as printed: its lines (split at manual line breaks), numbering and looks."""

    lines: list[str]
    label: str = ""  # automatic numbering as shown: «I.», «1.», «a)»; a bullet is «•»
    bullet: bool = False
    bold: bool = False  # every visible character
    italic: bool = False
    centered: bool = False
    caps: bool = False  # shown in capitals by formatting (the text itself may be in lower case)
    style: str = ""  # the style's name, lower case («heading 1»)
    textbox: bool = False

    @property
    def text(self) -> str:
        """The paragraph on one line: line breaks, tabs and runs of spaces are one space."""
        return " ".join(" ".join(self.lines).split())

    @property
    def shown(self) -> str:
        """As printed, numbering included: what a reader would quote."""
        return f"{self.label} {self.text}".strip() if self.label and not self.bullet else self.text


@dataclass
class Cell:
    row: int
    column: int
    blocks: list[Block]


@dataclass
class Grid:
    """A table: a layout table (header, signature) or a table of figures; cells by grid position."""

    number: int  # 1-based, in document order
    rows: int
    columns: int
    cells: list[Cell]

    def by_column(self) -> list[list[Block]]:
        """The blocks of each column, top to bottom: how a header or a signature table is read."""
        columns: dict[int, list[Block]] = {}
        for cell in sorted(self.cells, key=lambda c: (c.column, c.row)):
            columns.setdefault(cell.column, []).extend(cell.blocks)
        return [columns[key] for key in sorted(columns)]

    def text_rows(self) -> list[list[str]]:
        rows: dict[int, list[str]] = {}
        for cell in sorted(self.cells, key=lambda c: (c.row, c.column)):
            rows.setdefault(cell.row, []).append(" / ".join(b.shown for b in cell.blocks if b.text))
        return [rows[key] for key in sorted(rows)]


Item = Block | Grid


@dataclass
class WordFile:
    """What the file holds, in reading order, and what was left out of it."""

    items: list[Item]
    paragraphs: int  # paragraphs with text, tables' included
    dropped: Counter[str] = field(default_factory=Counter)  # invisible characters, by name
    notes: Counter[str] = field(default_factory=Counter)  # hidden text, tracked changes, pictures, …
    margins: list[str] = field(default_factory=list)  # page headers and footers: not imported

    def blocks(self) -> list[Block]:
        """Every paragraph, tables' included, in reading order."""
        return [
            block
            for item in self.items
            for block in (
                [b for column in item.by_column() for b in column] if isinstance(item, Grid) else [item]
            )
        ]


def read_docx(path: Path) -> WordFile:
    """The report's text from ``path``, or ``ReadError`` saying what the file is and what to do."""
    data = _read_bytes(path)
    _check_kind(data, path.name)
    _check_package(data, path.name)
    document = _open(data, path.name)
    return _Reader(document).read()


def _read_bytes(path: Path) -> bytes:
    try:
        if not path.exists():
            raise ReadError(f"Không có tệp «{path}»: kiểm tra tên tệp và thư mục đang đứng.")
        if not path.is_file():
            raise ReadError(f"«{path}» không phải một tệp (là thư mục hoặc thiết bị): cần tệp .docx.")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(
                f"Tệp «{path.name}» quá lớn ({size / 1e6:.0f} MB; tối đa {MAX_FILE_BYTES // 1_000_000} MB). "
                "Báo cáo thường dưới 1 MB: xóa ảnh chụp, bản quét chèn trong tệp rồi lưu lại."
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise ReadError(
            f"Không có quyền đọc tệp «{path}»: đóng tệp trong Word, hoặc sửa quyền của tệp."
        ) from None
    except OSError as exc:
        raise ReadError(f"Không đọc được tệp «{path}» (lỗi hệ thống tệp, mã {exc.errno}).") from None
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(f"Tệp «{path.name}» quá lớn (tối đa {MAX_FILE_BYTES // 1_000_000} MB).")
    return data


def _check_kind(data: bytes, name: str) -> None:
    """Refuse, by its first bytes, a file that is not a zip package at all."""
    head = data[:16]
    save_as = (
        f"Mở tệp bằng Word rồi chọn Lưu thành (Save As) «Tài liệu Word (*.docx)», hoặc: {CONVERT} «{name}»."
    )
    if not data.strip():
        raise ReadError(f"Tệp «{name}» rỗng: không có gì để nhập.")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise ReadError(
                f"Tệp «{name}» có đặt mật khẩu: không đọc được. Mở bằng Word, gỡ mật khẩu (Tệp → Thông tin → "
                "Bảo vệ tài liệu → Mã hóa bằng mật khẩu → xóa mật khẩu), lưu lại rồi nhập."
            )
        raise ReadError(f"«{name}» là tệp Word cũ (.doc, Word 97–2003), không phải .docx. {save_as}")
    if head.startswith(b"%PDF"):
        raise ReadError(
            f"«{name}» là tệp PDF: lệnh này đọc tệp Word (.docx) của báo cáo. Dùng tệp Word gốc mà văn thư "
            f"đã in để ký; bản quét PDF đã ký thì chép vào {CONTENT_DIR}/{ORIGINALS_DIR}/ và ghi ở «ban_goc»."
        )
    images = (
        (b"\x89PNG", "PNG"),
        (b"\xff\xd8\xff", "JPEG"),
        (b"GIF8", "GIF"),
        (b"II*\x00", "TIFF"),
        (b"MM\x00*", "TIFF"),
        (b"BM", "BMP"),
    )
    kind = next((label for magic, label in images if head.startswith(magic)), None)
    if kind is None and head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        kind = "WebP"
    if kind is not None:
        raise ReadError(
            f"«{name}» là ảnh ({kind}), có lẽ ảnh chụp hay bản quét: máy không đọc chữ trong ảnh. "
            "Dùng tệp Word (.docx) gốc của báo cáo; chỉ có bản giấy thì nhận dạng chữ (OCR) rồi lưu thành .docx "
            "và đối chiếu kỹ trước khi nhập."
        )
    if head.lstrip().startswith(b"{\\rtf"):
        raise ReadError(f"«{name}» là tệp RTF, không phải .docx. {save_as}")
    lowered = data[:2000].lstrip().lower()
    if lowered.startswith((b"<html", b"<!doctype html", b"mime-version")) or b"<html" in lowered[:400]:
        raise ReadError(f"«{name}» là trang web (HTML, MHT) lưu với đuôi Word, không phải .docx. {save_as}")
    if lowered.startswith(b"<?xml") and b"wordprocessingml" in data[:4000]:
        raise ReadError(f"«{name}» là tệp Word XML (Word 2003, một tệp .xml), không phải .docx. {save_as}")
    if not head.startswith(b"PK"):
        raise ReadError(
            f"Tệp «{name}» không phải tệp Word .docx (không có cấu trúc của tệp .docx). {save_as} "
            "Nếu tệp mở được trong Word mà vẫn lỗi, có thể tệp đã bị hỏng khi chép."
        )


def _check_package(data: bytes, name: str) -> None:
    """A zip: within the limits, and a Word document (not a spreadsheet, a template, an .odt…)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, RuntimeError):
        raise ReadError(
            f"Tệp «{name}» bị hỏng (tệp nén không đọc được, có thể chép chưa hết). Mở bằng Word: Word đề nghị "
            "khôi phục thì đồng ý, rồi Lưu thành tệp .docx mới và nhập tệp đó."
        ) from None
    if len(infos) > MAX_MEMBERS or sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise ReadError(
            f"Tệp «{name}» giải nén ra quá lớn (hơn {MAX_UNPACKED_BYTES // 1_000_000} MB hoặc "
            f"hơn {MAX_MEMBERS} phần): không phải một báo cáo thường, không đọc."
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ReadError(
                f"Tệp «{name}» có phần «{info.filename}» giải nén ra {info.file_size / 1e6:.0f} MB, gấp "
                f"{info.file_size // max(info.compress_size, 1)} lần cỡ nén (tối đa {MAX_RATIO} lần): không phải "
                "một báo cáo thường, không đọc. Mở bằng Word, chép phần văn bản báo cáo sang tệp mới rồi nhập tệp đó."
            )
    names = {info.filename for info in infos}
    if "mimetype" in names:
        mimetype = _member(archive, "mimetype", 200).decode("ascii", "replace").strip()
        label, text = ODF.get(mimetype, ("tệp OpenDocument", False))
        how = f"Mở bằng LibreOffice hoặc Word rồi Lưu thành .docx, hoặc: {CONVERT} «{name}»." if text else ""
        raise ReadError(f"«{name}» là {label}, không phải tệp Word .docx. {how}".strip())
    if "[Content_Types].xml" not in names:
        raise ReadError(
            f"«{name}» là một tệp nén (zip) nhưng không phải tệp Word .docx. Giải nén ra xem có tệp .docx "
            "bên trong không, rồi nhập tệp đó."
        )
    types = _member(archive, "[Content_Types].xml", 2_000_000).decode("utf-8", "replace")
    rels = (
        _member(archive, "_rels/.rels", 2_000_000).decode("utf-8", "replace")
        if "_rels/.rels" in names
        else ""
    )
    if STRICT in rels or STRICT in types:
        raise ReadError(
            f"«{name}» được lưu theo dạng «Strict Open XML», python-docx không đọc được. Mở bằng Word, chọn "
            "Lưu thành «Tài liệu Word (*.docx)» (không chọn Strict) rồi nhập lại."
        )
    main = re.search(r'ContentType="([^"]+\.main\+xml)"', types)
    if main is not None and main.group(1) in MAIN_TYPES and MAIN_TYPES[main.group(1)]:
        kind = MAIN_TYPES[main.group(1)]
        hint = (
            f"Mở bằng Word rồi Lưu thành «Tài liệu Word (*.docx)», hoặc: {CONVERT} «{name}»."
            if "Word" in kind
            else "Cần tệp Word (.docx) của báo cáo."
        )
        raise ReadError(f"«{name}» là {kind}, không phải tệp Word .docx. {hint}")
    if main is None:
        raise ReadError(
            f"«{name}» là tệp nén có dạng của Office nhưng không có văn bản Word bên trong. Cần tệp Word (.docx) "
            "của báo cáo."
        )
    _check_paragraphs(archive, _main_part(types, names), name)


_PART = re.compile(r"<Override\b[^>]*>")
_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")


def _main_part(types: str, names: set[str]) -> str:
    """The zip member of the document's text («word/document.xml» as Word names it)."""
    for override in _PART.findall(types):
        part = re.search(r'PartName="/?([^"]+)"', override)
        if part and ".main+xml" in override and part.group(1) in names:
            return part.group(1)
    return "word/document.xml"


def _check_paragraphs(archive: zipfile.ZipFile, part: str, name: str) -> None:
    """Paragraphs counted in the XML as it unpacks, before anything is parsed: too many is refused at once."""
    count, tail = 0, b""
    try:
        with archive.open(part) as handle:
            while chunk := handle.read(1 << 20):
                data = tail + chunk
                cut = max(0, len(data) - 64)  # a tag cut by the chunk's end is counted with the next one
                count += sum(1 for found in _PARAGRAPH.finditer(data) if found.start() < cut)
                tail = data[cut:]
                if count > MAX_PARAGRAPHS:
                    break
        count += len(_PARAGRAPH.findall(tail))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, RuntimeError, zlib.error):
        return  # python-docx says what is damaged
    if count > MAX_PARAGRAPHS:
        raise ReadError(
            f"Tệp «{name}» có quá nhiều đoạn văn (hơn {format_number(MAX_PARAGRAPHS)}): không phải một báo cáo "
            "thường, không đọc. Chép phần văn bản "
            "báo cáo sang tệp Word mới rồi nhập tệp đó."
        )


def _member(archive: zipfile.ZipFile, member: str, limit: int) -> bytes:
    try:
        with archive.open(member) as handle:
            return handle.read(limit)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, RuntimeError, zlib.error):
        return b""


def _open(data: bytes, name: str) -> Any:
    """python-docx's Document, or the message a clerk can act on."""
    import docx
    from docx.opc.exceptions import OpcError
    from lxml import etree

    damaged = (
        f"Tệp «{name}» bị hỏng: python-docx không đọc được phần văn bản. Mở bằng Word (đồng ý khôi phục nếu "
        f"Word hỏi) hoặc LibreOffice, Lưu thành tệp .docx mới rồi nhập tệp đó; hoặc: {CONVERT} «{name}»."
    )
    try:
        return docx.Document(io.BytesIO(data))
    except (
        OpcError,
        etree.LxmlError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        NotImplementedError,
        EOFError,
        OSError,
        RuntimeError,  # RecursionError included
        MemoryError,
        zlib.error,
        UnicodeError,
    ):
        raise ReadError(damaged) from None


def _flag(props: Any, tag: str) -> bool | None:
    """A toggle of ``w:rPr`` (``w:b``, ``w:i``, ``w:vanish``): set, unset, or not said."""
    if props is None:
        return None
    found = props.find(_W + tag)
    if found is None:
        return None
    return found.get(_W + "val", "true").lower() not in ("0", "false", "off", "none")


@dataclass(frozen=True)
class _Style:
    name: str
    bold: bool | None
    italic: bool | None
    hidden: bool | None
    caps: bool | None
    centered: bool | None
    numbering: tuple[str, int] | None


class _Styles:
    """Paragraph and character styles with what they inherit (``w:basedOn``)."""

    def __init__(self, root: Any) -> None:
        self.raw: dict[str, Any] = {}
        self.default: dict[str, str] = {}
        for style in root.iter(_W + "style") if root is not None else ():
            style_id = style.get(_W + "styleId")
            if style_id:
                self.raw[style_id] = style
                if style.get(_W + "default") in ("1", "true"):
                    self.default.setdefault(style.get(_W + "type", ""), style_id)
        self.resolved: dict[str, _Style] = {}

    def get(self, style_id: str | None, kind: str = "paragraph") -> _Style:
        key = style_id or self.default.get(kind, "")
        if key in self.resolved:
            return self.resolved[key]
        chain: list[Any] = []
        current = self.raw.get(key)
        while current is not None and len(chain) < 20 and current not in chain:
            chain.append(current)
            based = current.find(_W + "basedOn")
            current = self.raw.get(based.get(_W + "val")) if based is not None else None
        name_el = chain[0].find(_W + "name") if chain else None
        values: dict[str, Any] = {
            "bold": None,
            "italic": None,
            "hidden": None,
            "caps": None,
            "centered": None,
            "numbering": None,
        }
        for style in reversed(chain):  # the base first, each style overriding it
            props = style.find(_W + "rPr")
            for attr, tag in (("bold", "b"), ("italic", "i"), ("hidden", "vanish"), ("caps", "caps")):
                flag = _flag(props, tag)
                if flag is not None:
                    values[attr] = flag
            ppr = style.find(_W + "pPr")
            if ppr is not None:
                jc = ppr.find(_W + "jc")
                if jc is not None:
                    values["centered"] = jc.get(_W + "val") == "center"
                num = _numbering_of(ppr)
                if num is not None:
                    values["numbering"] = num
        resolved = _Style(
            (name_el.get(_W + "val") if name_el is not None else key or "").lower(),
            values["bold"],
            values["italic"],
            values["hidden"],
            values["caps"],
            values["centered"],
            values["numbering"],
        )
        self.resolved[key] = resolved
        return resolved


def _numbering_of(ppr: Any) -> tuple[str, int] | None:
    num_pr = ppr.find(_W + "numPr")
    if num_pr is None:
        return None
    num_id = num_pr.find(_W + "numId")
    level = num_pr.find(_W + "ilvl")
    if num_id is None:
        return None
    try:
        depth = int(level.get(_W + "val", "0")) if level is not None else 0
    except ValueError:
        depth = 0
    return num_id.get(_W + "val", "0"), max(0, min(depth, 8))


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


def roman(number: int) -> str:
    out = ""
    for value, letters in (*_ROMAN_DIGITS, *_ROMAN_SMALL):
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int) -> str:
    """1 → A, 27 → AA: how Word letters a list past Z."""
    count = (number - 1) // 26 + 1
    return chr(ord("A") + (number - 1) % 26) * count


class _Numbering:
    """Word's automatic numbering: each list's counters, written out as the page shows them."""

    def __init__(self, root: Any) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.instances: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstract id, start overrides)
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for abstract in root.iter(_W + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(_W + "lvl"):
                try:
                    index = int(lvl.get(_W + "ilvl", "0"))
                    start_el = lvl.find(_W + "start")
                    start = int(start_el.get(_W + "val", "1")) if start_el is not None else 1
                except ValueError:
                    continue
                fmt_el, text_el = lvl.find(_W + "numFmt"), lvl.find(_W + "lvlText")
                levels[index] = _Level(
                    start,
                    fmt_el.get(_W + "val", "decimal") if fmt_el is not None else "decimal",
                    text_el.get(_W + "val", "") if text_el is not None else f"%{index + 1}.",
                )
            self.abstract[abstract.get(_W + "abstractNumId", "")] = levels
        for num in root.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            overrides: dict[int, int] = {}
            for override in num.iter(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                try:
                    if start is not None:
                        overrides[int(override.get(_W + "ilvl", "0"))] = int(start.get(_W + "val", "1"))
                except ValueError:
                    continue
            if ref is not None:
                self.instances[num.get(_W + "numId", "")] = (ref.get(_W + "val", ""), overrides)

    def label(self, num_id: str, level: int) -> tuple[str, bool]:
        """The number a paragraph shows («I.», «2.», «a)») and whether it is a bullet."""
        if num_id in ("", "0") or num_id not in self.instances:
            return "", False
        abstract_id, overrides = self.instances[num_id]
        levels = self.abstract.get(abstract_id, {})
        spec = levels.get(level, _Level())
        if spec.fmt == "bullet":
            return "•", True
        counters = self.counters.setdefault(abstract_id, [0] * 9)
        if num_id not in self.started and overrides:  # a list restarted by its instance
            for index, start in overrides.items():
                if 0 <= index < 9:
                    counters[index] = start - 1
        self.started.add(num_id)
        starts = [levels.get(i, _Level()).start for i in range(9)]
        for index in range(level):
            if counters[index] == 0:
                counters[index] = starts[index]
        counters[level] = counters[level] + 1 if counters[level] else starts[level]
        for index in range(level + 1, 9):
            counters[index] = 0
        if spec.fmt == "none":
            return "", False

        def shown(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            value = counters[index] if 0 <= index < 9 else 0
            fmt = levels.get(index, _Level()).fmt
            return _format(value, fmt)

        return re.sub(r"%([1-9])", shown, spec.text).strip(), False


def _format(value: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return roman(value)
    if fmt == "lowerRoman":
        return roman(value).lower()
    if fmt == "upperLetter":
        return _letters(value)
    if fmt == "lowerLetter":
        return _letters(value).lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


_CONTAINERS = {"hyperlink", "smartTag", "customXml", "fldSimple", "ins", "moveTo", "dir", "bdo", "sdtContent"}
_DELETED = {"del", "moveFrom"}
_SKIPPED = {
    "pPr",
    "rPr",
    "sdtPr",
    "sdtEndPr",
    "proofErr",
    "bookmarkStart",
    "bookmarkEnd",
    "permStart",
    "permEnd",
}


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        part = document.part
        try:
            styles_root = document.styles.element
        except (AttributeError, KeyError, ValueError, NotImplementedError):
            styles_root = None
        self.styles = _Styles(styles_root)
        try:
            numbering_root = part.numbering_part.element
        except (AttributeError, KeyError, ValueError, NotImplementedError):
            numbering_root = None
        self.numbering = _Numbering(numbering_root)
        self.count = 0
        self.tables = 0
        self.dropped: Counter[str] = Counter()
        self.notes: Counter[str] = Counter()

    def read(self) -> WordFile:
        body = self.document.element.body
        items = self.blocks_of(body, 0)
        if self.count == 0:
            pictures = self.notes["hình ảnh"]
            if pictures:
                raise ReadError(
                    f"Tệp Word chỉ có {pictures} hình ảnh, không có chữ: có lẽ là ảnh chụp hay bản quét dán vào Word. "
                    "Máy không đọc chữ trong ảnh: cần tệp Word gốc của báo cáo (hoặc nhận dạng chữ OCR rồi đối "
                    "chiếu kỹ)."
                )
            raise ReadError("Tệp Word không có chữ nào: không có gì để nhập.")
        return WordFile(items, self.count, self.dropped, self.notes, self.margins())

    def margins(self) -> list[str]:
        """The text of page headers and footers (not the report's: what the file says of itself)."""
        found: list[str] = []
        try:
            for rel in self.document.part.rels.values():
                if rel.reltype.rsplit("/", 1)[-1] in ("header", "footer") and not rel.is_external:
                    root = rel.target_part.element
                    for paragraph in root.iter(_W + "p"):
                        line = " ".join("".join(t.text or "" for t in paragraph.iter(_W + "t")).split())
                        if line and line not in found:
                            found.append(self.clean(line))
        except (AttributeError, KeyError, ValueError, TypeError):
            return found
        return found[:20]

    def blocks_of(self, parent: Any, depth: int) -> list[Item]:
        found: list[Item] = []
        if depth > MAX_DEPTH:
            self.notes["phần lồng nhau quá sâu (bỏ qua)"] += 1
            return found
        for child in parent:
            tag = _local(child)
            if tag == "p":
                found += self.paragraph(child, depth)
            elif tag == "tbl":
                grid = self.table(child, depth)
                if grid is None:
                    continue
                if grid.columns == 1:  # a frame around text: its paragraphs are the text
                    found += [block for column in grid.by_column() for block in column]
                else:
                    found.append(grid)
            elif tag in ("sdt", "customXml", "sdtContent", "ins", "moveTo"):
                found += self.blocks_of(child, depth + 1)
            elif tag == "AlternateContent":
                choice = next((c for c in child if _local(c) == "Choice"), None)
                if choice is not None:
                    found += self.blocks_of(choice, depth + 1)
        return found

    def paragraph(self, element: Any, depth: int) -> list[Item]:
        self.count += 1
        if self.count > MAX_PARAGRAPHS:
            raise ReadError(
                f"Tệp có quá nhiều đoạn văn (hơn {format_number(MAX_PARAGRAPHS)}): không phải một báo cáo "
                "thường, không đọc."
            )
        ppr = element.find(_W + "pPr")
        style_el = ppr.find(_W + "pStyle") if ppr is not None else None
        style = self.styles.get(style_el.get(_W + "val") if style_el is not None else None)
        boxes: list[Item] = []
        pieces: list[tuple[str, bool, bool, bool]] = []  # (text, bold, italic, caps)
        self.inline(element, style, None, pieces, boxes, depth)
        text = "".join(piece[0] for piece in pieces)
        text = unicodedata.normalize("NFC", self.clean(text))
        visible = [piece[1:] for piece in pieces if piece[0].strip()]
        numbering = (_numbering_of(ppr) if ppr is not None else None) or style.numbering
        label, bullet = self.numbering.label(*numbering) if numbering and text.strip() else ("", False)
        jc = ppr.find(_W + "jc") if ppr is not None else None
        centered = jc.get(_W + "val") == "center" if jc is not None else bool(style.centered)
        if not text.strip():
            self.count -= 1
            return boxes
        lines = text.replace("\r", "\n").split("\n")
        block = Block(
            lines,
            label,
            bullet,
            bool(visible) and all(look[0] for look in visible),
            bool(visible) and all(look[1] for look in visible),
            centered,
            bool(visible) and all(look[2] for look in visible),
            style.name,
        )
        return [*boxes, block]

    def inline(
        self,
        element: Any,
        style: _Style,
        run_props: Any,
        pieces: list[tuple[str, bool, bool, bool]],
        boxes: list[Item],
        depth: int,
    ) -> None:
        if depth > MAX_DEPTH:
            return
        for child in element:
            tag = _local(child)
            if tag == "r":
                self.run(child, style, pieces, boxes, depth)
            elif tag in _CONTAINERS or tag == "sdt":
                if tag == "ins":
                    self.notes["chỗ chèn theo dõi thay đổi"] += 1
                self.inline(child, style, run_props, pieces, boxes, depth + 1)
            elif tag in _DELETED:
                self.notes["chỗ xóa theo dõi thay đổi"] += 1
            elif tag in ("oMath", "oMathPara"):
                pieces.append(
                    ("".join(t.text or "" for t in child.iter() if _local(t) == "t"), False, False, False)
                )
            elif tag == "commentRangeStart":
                self.notes["ghi chú (comment)"] += 1
            elif tag == "AlternateContent":
                choice = next((c for c in child if _local(c) == "Choice"), None)
                if choice is not None:
                    self.inline(choice, style, run_props, pieces, boxes, depth + 1)

    def run(
        self,
        element: Any,
        style: _Style,
        pieces: list[tuple[str, bool, bool, bool]],
        boxes: list[Item],
        depth: int,
    ) -> None:
        props = element.find(_W + "rPr")
        char_style_el = props.find(_W + "rStyle") if props is not None else None
        char_style = (
            self.styles.get(char_style_el.get(_W + "val"), "character") if char_style_el is not None else None
        )

        def pick(tag: str, attr: str) -> bool:
            direct = _flag(props, tag)
            if direct is not None:
                return direct
            if char_style is not None and getattr(char_style, attr) is not None:
                return bool(getattr(char_style, attr))
            return bool(getattr(style, attr))

        hidden = pick("vanish", "hidden") or _flag(props, "webHidden") is True
        look = (pick("b", "bold"), pick("i", "italic"), pick("caps", "caps"))
        for child in element:
            tag = _local(child)
            if tag == "t":
                if hidden:
                    self.notes["chữ ẩn (không in ra)"] += 1
                    continue
                pieces.append((child.text or "", *look))
            elif hidden:
                continue
            elif tag in ("tab", "ptab"):
                pieces.append(("\t", *look))
            elif tag == "br":
                if child.get(_W + "type") not in ("page", "column"):
                    pieces.append(("\n", *look))
            elif tag == "cr":
                pieces.append(("\n", *look))
            elif tag == "noBreakHyphen":
                pieces.append(("-", *look))
            elif tag == "sym":
                code = child.get(_W + "char", "")
                try:
                    char = chr(int(code, 16))
                except ValueError:
                    char = ""
                if char and not INVISIBLE.match(char) and not "\uf000" <= char <= "\uf0ff":
                    pieces.append((char, *look))
                else:
                    self.notes["ký hiệu của phông Symbol/Wingdings"] += 1
            elif tag in ("drawing", "pict", "object"):
                texts = [el for el in child.iter() if _local(el) == "txbxContent"]
                if texts:
                    self.notes["khung chữ (text box)"] += 1
                    for content in texts[:1]:
                        for item in self.blocks_of(content, depth + 1):
                            if isinstance(item, Block):
                                item.textbox = True
                            boxes.append(item)
                elif any(_local(el) in ("blip", "imagedata") for el in child.iter()):
                    self.notes["hình ảnh"] += 1
            elif tag == "AlternateContent":
                choice = next((c for c in child if _local(c) == "Choice"), None)
                if choice is not None:
                    wrapper = _Wrapper(list(choice))
                    self.run(wrapper, style, pieces, boxes, depth + 1)
            elif tag in ("footnoteReference", "endnoteReference"):
                self.notes["chú thích cuối trang"] += 1

    def clean(self, text: str) -> str:
        """Invisible characters out (counted by name): what the loader would refuse, a reader cannot see."""
        if not INVISIBLE.search(text):
            return text
        for match in INVISIBLE.finditer(text):
            self.dropped[name_of(match.group())] += 1
        return INVISIBLE.sub("", text)

    def table(self, element: Any, depth: int) -> Grid | None:
        if depth > MAX_DEPTH:
            self.notes["phần lồng nhau quá sâu (bỏ qua)"] += 1
            return None
        self.tables += 1
        number = self.tables
        cells: list[Cell] = []
        row_index = 0
        width = 0
        for row in element:
            if _local(row) != "tr":
                continue
            column = 0
            trpr = row.find(_W + "trPr")
            before = trpr.find(_W + "gridBefore") if trpr is not None else None
            if before is not None:
                column = _int(before.get(_W + "val"), 0)
            for cell in row:
                if _local(cell) == "sdt":
                    cell = next((c for c in cell.iter() if _local(c) == "tc"), None)
                    if cell is None:
                        continue
                if _local(cell) != "tc":
                    continue
                tcpr = cell.find(_W + "tcPr")
                span_el = tcpr.find(_W + "gridSpan") if tcpr is not None else None
                merge_el = tcpr.find(_W + "vMerge") if tcpr is not None else None
                span = max(1, min(_int(span_el.get(_W + "val") if span_el is not None else None, 1), 64))
                continues = merge_el is not None and merge_el.get(_W + "val", "continue") == "continue"
                blocks = [
                    block
                    for item in self.blocks_of(cell, depth + 1)
                    for block in (
                        [b for col in item.by_column() for b in col] if isinstance(item, Grid) else [item]
                    )
                ]
                if blocks or not continues:
                    cells.append(Cell(row_index, column, blocks))
                column += span
            width = max(width, column)
            row_index += 1
        if not any(cell.blocks for cell in cells):
            return None
        used = sorted({cell.column for cell in cells if cell.blocks})
        remap = {column: index for index, column in enumerate(used)}
        cells = [Cell(c.row, remap[c.column], c.blocks) for c in cells if c.blocks]
        return Grid(number, row_index, len(used), cells)


@dataclass
class _Wrapper:
    """Children of an ``mc:Choice`` read as if they were the run's own."""

    children: list[Any]

    def __iter__(self):
        return iter(self.children)

    def find(self, _tag: str) -> None:
        return None


def _local(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # comments, processing instructions
        return ""
    return tag.rsplit("}", 1)[-1]


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
