"""The parts of a report found in the paragraphs of a Word file, as Decree 30/2020 lays them out.

Header (issuing body, «Số: …/BC-UBND», national name and motto, place and date) in paragraphs or
in a layout table; «BÁO CÁO» and the summary line; the opening with its legal bases; parts «I.»,
«II.» with numbered sections «1.», «2.»; the assessment with its «hạn chế» bullets; the numbered
tasks; the closing sentence; «Nơi nhận» and the signature, in paragraphs or in a table. Text is
kept as written (a paragraph's line breaks and runs of spaces become one space); only the
numbers and bullets that the structure holds are taken off. What fits nowhere is listed in
``unrecognised``, never dropped silently.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from ..core import periods
from ..core.models import ROMAN, VanBan
from ..text import fold
from .docx_reader import Block, Grid, Item, WordFile

_ROMAN_HEADING = re.compile(r"^(?P<so>[IVXL]{1,7})\s*[.):/–-]\s*(?P<rest>\S.*)$")
_NUMBERED = re.compile(r"^(?P<so>\d{1,2})\s*[.)]\s*(?=[^\d\s.,;:)])(?P<rest>.+)$")
_BULLET = re.compile(r"^(?:[-–—+•·▪◦►∙*]\s*)(?=\S)(?P<rest>.+)$")
_SEPARATOR = re.compile(r"^[\s_\-–—=*.~·•]*$")
_NUMBER_LINE = re.compile(r"^(?:Số|SỐ)\s*:\s*(?P<rest>.*)$")
_DATE_LINE = re.compile(
    r"^(?P<place>[^,]*?),?\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})?",
    re.IGNORECASE,
)
_PLACE_DATE = re.compile(r"^[^,]{1,60},\s*ngày\b", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(?:TM|T/M|T\.M|KT|K/T|K\.T|TL|T/L|TUQ|Q|Q\.)\s*[.:]?\s+\S", re.IGNORECASE)
_SIGNATURE_NOTE = re.compile(
    r"^\(?\s*(?:đã ký|ký|chữ ký|ký tên|ký, ghi rõ|ký và ghi|đóng dấu)[^)]*\)?\.?$", re.IGNORECASE
)
_NOT_KEPT = "không có trong bản lưu"  # what the site's own Word export writes for a missing number or date
_BODY_STARTS = ("thuc hien", "can cu", "kinh gui", "theo ", "trien khai")
DOC_TYPES = (
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Thông tư liên tịch",
    "Thông tư",
    "Chỉ thị",
    "Kế hoạch",
    "Công văn",
    "Công điện",
    "Thông báo",
    "Hướng dẫn",
    "Đề án",
    "Chương trình",
    "Văn bản",
    "Báo cáo",
    "Kết luận",
)
_CITED = re.compile(
    r"(?P<loai>"
    + "|".join(DOC_TYPES)
    + r")\s+(?:số\s+)?(?P<so>[0-9][0-9A-Za-zĐđ.]*/[0-9A-Za-zĐđ/.-]*[0-9A-Za-zĐđ])"
    r"(?:\s*,)?\s+ngày\s+(?P<ngay>\d{1,2}/\d{1,2}/\d{4})"
    r"(?:\s+(?:của|do)\s+(?P<co_quan>.+?))?"
    r"(?:\s*,?\s+(?P<trich_yeu>(?:về việc|về|V/v|v/v|quy định|hướng dẫn|ban hành)\s.+?))?"
    r"(?=\s*;|\.\s|\.$|,\s+(?:" + "|".join(DOC_TYPES) + r")|$)"
)


def key(text: str) -> str:
    """Folded for comparing words: no diacritics, lower case, «y» read as «i», one space."""
    return " ".join(fold(text).lower().replace("y", "i").split())


@dataclass
class Section:
    so: int
    tieu_de: str
    doan_van: list[str] = field(default_factory=list)
    tables: list[Grid] = field(default_factory=list)


@dataclass
class Part:
    so: str
    tieu_de: str
    doan_van: list[str] = field(default_factory=list)
    muc: list[Section] = field(default_factory=list)
    tables: list[Grid] = field(default_factory=list)


@dataclass
class Assessment:
    so: str
    tieu_de: str
    nhan_dinh: list[str] = field(default_factory=list)
    han_che: list[str] = field(default_factory=list)


@dataclass
class Tasks:
    so: str
    tieu_de: str
    nhiem_vu: list[str] = field(default_factory=list)


@dataclass
class Signature:
    quyen_han: str = ""
    chuc_vu: str = ""
    ho_ten: str = ""
    notes: list[str] = field(default_factory=list)  # «(đã ký)» and the like, left out


@dataclass
class Outline:
    """Everything found, as written; ``None`` or empty where the file does not say it."""

    co_quan: str | None = None
    number_line: str | None = None  # «Số: 123/BC-UBND» as written
    so_ky_hieu: str | None = None
    date_line: str | None = None  # «Phượng Kỳ, ngày 20 tháng 9 năm 2022» as written
    ngay_ban_hanh: date | None = None
    motto: bool = False
    draft_mark: bool = False
    title: bool = False
    trich_yeu: str | None = None
    mo_dau: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    danh_gia: Assessment | None = None
    phuong_huong: Tasks | None = None
    ket_luan: str | None = None
    ket_luan_joined: int = 0  # paragraphs joined into the closing sentence
    noi_nhan: list[str] = field(default_factory=list)
    recipients_found: bool = False
    chu_ky: Signature | None = None
    unrecognised: list[str] = field(default_factory=list)
    mid_sentence: int = 0  # paragraphs that end mid-sentence and go on in the next (a file made from a PDF)


@dataclass
class _Line:
    text: str
    column: int
    emphasis: bool = False  # bold or in capitals by formatting: a signature's authority and position


def _lines(items: list[Item]) -> list[_Line]:
    """The lines of layout blocks: a table column by column, a paragraph's tab-separated columns apart."""
    found: list[_Line] = []
    for offset, item in enumerate(items):
        base = 100 * (offset + 1) if isinstance(item, Grid) else 0  # paragraphs: one column (tabs apart)
        columns = item.by_column() if isinstance(item, Grid) else [[item]]
        for index, blocks in enumerate(columns):
            for block in blocks:
                for raw in block.lines:
                    parts = _columns(raw)
                    for position, part in enumerate(parts):
                        found.append(
                            _Line(" ".join(part.split()), base + index + position, block.bold or block.caps)
                        )
    return found


def _columns(raw: str) -> list[str]:
    """A line's columns, set apart by tabs or by long runs of spaces; the blanks left for a number or
    a day («Số:        /BC-UBND», «ngày     tháng 9 năm 2022») do not part a line."""
    found: list[str] = []
    for piece in re.split(r"\t+|\s{6,}", raw):
        if not piece.strip():
            continue
        if found and re.match(r"\s*(?:/|tháng\b|năm\b)", piece, re.IGNORECASE):
            found[-1] = f"{found[-1]} {piece}"
        else:
            found.append(piece)
    return found


_RUN_IN_TITLE = re.compile(r"^\s*BÁO\s+CÁO\s*[:.–-]?\s+(?P<rest>\S.*)$")
# lines a web page adds around a text copied from a portal: never the report's words (compared as
# «key» writes them: no diacritics, «y» read as «i»)
_FURNITURE = re.compile(
    r"^(?:view count|views?|luot xem|so luot xem|luot truy cap|in bai viet|in trang|ban in|chia se|"
    r"gui email|gui bai viet|tin lien quan|cac tin khac|tin khac|tro ve|quai lai|ve dau trang|"
    r"ngai dang|dang luc|cap nhat luc|ngai cap nhat|tac gia|nguon tin)\b\s*[:.]?"
)


def _is_title(block: Block) -> bool:
    """«BÁO CÁO» on a line of its own, or run into the summary («BÁO CÁO Tình hình giải quyết …»)."""
    return bool(block.lines) and (
        key(block.lines[0]) == "bao cao" or bool(_RUN_IN_TITLE.match(block.lines[0]))
    )


def _furniture(item: Item) -> bool:
    """A short line of the web page («View Count: 115», «Chia sẻ»), never a sentence of the text."""
    return isinstance(item, Block) and 0 < len(item.text) <= 60 and bool(_FURNITURE.match(key(item.text)))


def _heading_text(block: Block) -> str:
    return block.shown


def _part_heading(block: Block, expected: str) -> str | None:
    """The title of part ``expected`` («II») when ``block`` is its heading."""
    match = _ROMAN_HEADING.match(_heading_text(block))
    if match is None or match.group("so") != expected:
        return None
    rest = match.group("rest").strip()
    if not re.search(r"[^\W\d_]", rest):
        return None
    return rest


def _numbered(block: Block) -> tuple[int, str] | None:
    match = _NUMBERED.match(_heading_text(block))
    if match is None:
        return None
    return int(match.group("so")), match.group("rest").strip()


def _section_heading(block: Block, expected: int) -> tuple[int, str] | None:
    """A numbered section's heading: «2. Cải cách thủ tục hành chính», short or bold, never a sentence."""
    found = _numbered(block)
    if found is None:
        return None
    number, rest = found
    if number < 1 or (number != expected and not block.bold):
        return None
    heading_like = block.bold or (len(rest) <= 160 and not rest.rstrip().endswith((".", ";", ",")))
    return (number, rest) if heading_like else None


def _unbulleted(block: Block) -> tuple[str, bool]:
    """A bullet's text without its mark, and whether it was a bullet."""
    if block.bullet:
        return block.text, True
    match = _BULLET.match(block.text)
    if match is not None:
        return match.group("rest").strip(), True
    return block.text, False


def _ends_mid_sentence(text: str, following: str) -> bool:
    return bool(
        text
        and following
        and not text.rstrip().endswith((".", ";", ":", "!", "?", "/", ")", "»", '"'))
        and following[0].islower()
    )


def outline(word: WordFile, commune_body: str | None = None) -> Outline:
    """The report's parts in ``word``; ``commune_body`` («Ủy ban nhân dân xã Phượng Kỳ») spells the issuer."""
    found = Outline()
    furniture = [item.text for item in word.items if isinstance(item, Block) and _furniture(item)]
    items = [item for item in word.items if not _furniture(item)]
    found.unrecognised += [
        f"dòng của trang web «{text}»: không phải lời văn báo cáo, không nhập" for text in furniture
    ]
    title_at = next(
        (i for i, item in enumerate(items[:80]) if isinstance(item, Block) and _is_title(item)),
        None,
    )
    if title_at is None:
        start = 0
        while start < len(items) and _header_like(items[start]):
            start += 1
        _read_header(items[:start], found, commune_body)
        body_start = start
        first = items[start] if start < len(items) else None
        if (  # a news item has no «BÁO CÁO»: its bold headline is what the summary line would be
            isinstance(first, Block)
            and first.bold
            and 0 < len(first.text) <= 200
            and not first.text.endswith((".", ":", ";"))
            and _numbered(first) is None
            and not _ROMAN_HEADING.match(first.shown)
        ):
            found.trich_yeu = first.text
            body_start += 1
    else:
        found.title = True
        _read_header(items[:title_at], found, commune_body)
        body_start = _read_summary(items, title_at, found)
    tail_at = _tail_start(items, body_start)
    _read_body(items[body_start:tail_at], found)
    _read_tail(items[tail_at:], found)
    texts = [item.text for item in items[body_start:tail_at] if isinstance(item, Block)]
    found.mid_sentence = sum(_ends_mid_sentence(a, b) for a, b in itertools.pairwise(texts))
    return found


def _header_like(item: Item) -> bool:
    """Before a title-less text: a layout table, or a line of the Decree 30 header."""
    if isinstance(item, Grid):
        return any(_header_kind(line.text) for line in _lines([item]))
    return _header_kind(item.text) is not None or _SEPARATOR.match(item.text) is not None


def _header_kind(text: str) -> str | None:
    folded = key(text)
    if folded in (
        "cong hoa xa hoi chu nghia viet nam",
        "doc lap - tu do - hanh phuc",
        "doc lap tu do hanh phuc",
    ):
        return "motto"
    if folded.replace("–", "-").replace(" ", "") in ("doclap-tudo-hanhphuc",):
        return "motto"
    if folded == "du thao":
        return "draft"
    if _NUMBER_LINE.match(text):
        return "number"
    if (_DATE_LINE.match(text) and "thang" in folded) or _PLACE_DATE.match(text):
        return "date"
    return None


def _read_header(items: list[Item], found: Outline, commune_body: str | None) -> None:
    body_lines: dict[int, list[str]] = {}
    number_column: int | None = None
    for line in _lines(items):
        if not line.text or _SEPARATOR.match(line.text):
            continue
        kind = _header_kind(line.text)
        if kind == "motto":
            found.motto = True
        elif kind == "draft":
            found.draft_mark = True
        elif kind == "number":
            found.number_line = line.text
            number_column = line.column
            rest = _NUMBER_LINE.match(line.text).group("rest").strip()  # type: ignore[union-attr]
            if rest and not rest.startswith("/") and _NOT_KEPT not in rest and re.search(r"\d", rest):
                found.so_ky_hieu = rest
        elif kind == "date":
            found.date_line = line.text
            found.ngay_ban_hanh = _issue_date(line.text)
        else:
            body_lines.setdefault(line.column, []).append(line.text)
    if body_lines:
        column = number_column if number_column in body_lines else min(body_lines)
        found.co_quan = _issuer(body_lines[column], commune_body)
        for other, lines in body_lines.items():
            if other != column:
                found.unrecognised.append("đầu văn bản: «" + " / ".join(lines) + "»")


def _issue_date(line: str) -> date | None:
    match = _DATE_LINE.match(line)
    if match is None or not (match.group("day") and match.group("month") and match.group("year")):
        written = re.search(r",\s*ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})\b", line)  # «…, ngày 20/9/2022»
        if written is None:
            return None
        try:
            return date(int(written.group(3)), int(written.group(2)), int(written.group(1)))
        except ValueError:
            return None
    try:
        return date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None


def _issuer(lines: list[str], commune_body: str | None) -> str:
    """The issuing body: its lines joined; the last full name when a parent body is named above it."""
    names: list[list[str]] = []
    for line in lines:
        starts = key(line).startswith(("ui ban", "ubnd", "hoi dong", "dang ui", "van phong"))
        if starts or not names:
            names.append([line])
        else:
            names[-1].append(line)
    written = " ".join(names[-1])
    if commune_body and _body_key(written) == _body_key(commune_body):
        return commune_body  # the commune's own spelling («Ủy ban nhân dân xã …», not capitals)
    return written


def _body_key(text: str) -> str:
    return key(text).replace("ubnd", "ui ban nhan dan")  # key() reads «y» as «i»


def _read_summary(items: list[Item], title_at: int, found: Outline) -> int:
    """«BÁO CÁO» and the summary under it (bold or centred lines); returns where the body starts."""
    title = items[title_at]
    assert isinstance(title, Block)
    run_in = _RUN_IN_TITLE.match(title.lines[0])
    summary = ([run_in.group("rest").strip()] if run_in else []) + [
        line for line in title.lines[1:] if line.strip()
    ]
    index = title_at + 1
    while index < len(items):
        item = items[index]
        if not isinstance(item, Block):
            break
        text = item.text
        if _SEPARATOR.match(text):
            index += 1
            if summary:
                break
            continue
        if key(text).startswith("kinh gui"):
            found.unrecognised.append(f"dòng «{text}» (không có trường «Kính gửi» trong dữ liệu báo cáo)")
            index += 1
            continue
        if _ROMAN_HEADING.match(item.shown) or len(summary) >= 4:
            break
        styled = item.bold or item.centered
        plain_first = (
            not summary
            and not item.bold
            and len(text) <= 160
            and not text.endswith((".", ":", ";"))
            and not key(text).startswith(_BODY_STARTS)
        )
        if styled or plain_first:
            summary.append(text)
            index += 1
            if plain_first and not styled:
                break
            continue
        break
    if summary:
        found.trich_yeu = " ".join(" ".join(summary).split())
    return index


def _tail_start(items: list[Item], body_start: int) -> int:
    """Where «Nơi nhận» and the signature begin: after the closing sentence, to the end."""
    for index in range(len(items) - 1, body_start - 1, -1):
        item = items[index]
        if isinstance(item, Grid):
            if any(_tail_kind(line.text) for line in _lines([item])):
                start = index
                break
            continue
        if _tail_kind(item.text) or (item.lines and _tail_kind(item.lines[0])):
            start = index
            break
    else:
        return len(items)
    # the tail's first item: walk back over what belongs to it (the other column, names, notes)
    while start - 1 >= body_start:
        before = items[start - 1]
        if isinstance(before, Grid):
            if any(_tail_kind(line.text) for line in _lines([before])):
                start -= 1
                continue
            break
        text = before.text
        if _tail_kind(text) or (before.lines and _tail_kind(before.lines[0])):
            start -= 1
            continue
        if _recipient_run(items, start - 1, body_start):
            start -= 1
            continue
        break
    return start


def _tail_kind(text: str, emphasis: bool = False) -> str | None:
    folded = key(text)
    if folded.startswith("noi nhan"):
        return "recipients"
    if _AUTHORITY.match(text.strip()) and (emphasis or text.strip().upper() == text.strip()):
        return "authority"
    return None


def _recipient_run(items: list[Item], index: int, body_start: int) -> bool:
    """A «- …;» line that belongs to a list which starts with «Nơi nhận:»."""
    at = index
    while at >= body_start:
        item = items[at]
        if not isinstance(item, Block):
            return False
        if key(item.text).startswith("noi nhan"):
            return True
        if not (_unbulleted(item)[1] and len(item.text) <= 120):
            return False
        at -= 1
    return False


def _read_body(items: list[Item], found: Outline) -> None:
    """Opening, parts and their sections; tables of figures noted where they stand."""
    headings: list[tuple[int, str, str]] = []  # (index, roman, title)
    for index, item in enumerate(items):
        if isinstance(item, Block):
            expected = ROMAN[len(headings)] if len(headings) < len(ROMAN) else ""
            title = _part_heading(item, expected)
            if title is not None:
                headings.append((index, expected, title))
    if not headings:  # no «I.», «II.»: numbered sections «1.», «2.» at the top make one untitled part
        first_section = next(
            (i for i, item in enumerate(items) if isinstance(item, Block) and _section_heading(item, 1)), None
        )
        if first_section is not None:
            headings.append((first_section - 1, ROMAN[0], ""))
    first = headings[0][0] + (1 if headings and not headings[0][2] else 0) if headings else len(items)
    for item in items[:first]:
        if isinstance(item, Grid):
            found.unrecognised.append(_table_note(item, "phần mở đầu"))
        elif item.text and not _SEPARATOR.match(item.text):
            found.mo_dau.append(item.shown)
    chunks = [
        (roman_number, title, items[start + 1 : headings[n + 1][0] if n + 1 < len(headings) else len(items)])
        for n, (start, roman_number, title) in enumerate(headings)
    ]
    if chunks:
        _take_closing(chunks[-1][2], found)
    kinds = [_part_kind(title, blocks) for _, title, blocks in chunks]
    # the data model: ordinary parts, then the assessment, then the tasks; anything else is an ordinary part
    if kinds and kinds[-1] == "tasks":
        tasks = chunks.pop()
        kinds.pop()
        found.phuong_huong = _tasks(tasks, found)
    if kinds and kinds[-1] == "assessment":
        assessment = chunks.pop()
        kinds.pop()
        found.danh_gia = _assessment(assessment)
    for roman_number, title, blocks in chunks:
        found.parts.append(_part(roman_number, title, blocks, found))


def _take_closing(blocks: list[Item], found: Outline) -> None:
    """«Trên đây là báo cáo …»: the closing sentence, taken off the end of the last part."""
    texts = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Block) and b.text]
    start = next((i for i, b in reversed(texts) if key(b.text).startswith("tren day")), None)
    if start is None and texts:
        last_index, last = texts[-1]
        if last.text.rstrip().endswith("./.") and _numbered(last) is None:
            start = last_index
    if start is None:
        return
    closing = [b for b in blocks[start:] if isinstance(b, Block) and b.text]
    found.ket_luan = " ".join(b.text for b in closing)
    found.ket_luan_joined = len(closing)
    for grid in (b for b in blocks[start:] if isinstance(b, Grid)):
        found.unrecognised.append(_table_note(grid, "câu kết"))
    del blocks[start:]


def _part_kind(title: str, blocks: list[Item]) -> str:
    folded = key(title)
    if "phuong huong" in folded or folded.startswith("nhiem vu") or "nhiem vu trong tam" in folded:
        return "tasks"
    if ("danh gia" in folded or "han che" in folded or "ton tai" in folded) and not any(
        isinstance(b, Block) and _section_heading(b, 1) for b in blocks[:1]
    ):
        has_sections = any(isinstance(b, Block) and b.bold and _numbered(b) for b in blocks)
        return "part" if has_sections else "assessment"
    return "part"


def _part(roman_number: str, title: str, blocks: list[Item], found: Outline) -> Part:
    part = Part(roman_number, title)
    current: Section | None = None
    for item in blocks:
        if isinstance(item, Grid):
            (current or part).tables.append(item)
            found.unrecognised.append(
                _table_note(item, f"phần {roman_number}" + (f".{current.so}" if current else ""))
            )
            continue
        if not item.text or _SEPARATOR.match(item.text):
            continue
        heading = _section_heading(item, (current.so + 1) if current else 1)
        if heading is not None:
            current = Section(heading[0], heading[1])
            part.muc.append(current)
            continue
        (current.doan_van if current else part.doan_van).append(item.shown)
    return part


def _assessment(chunk: tuple[str, str, list[Item]]) -> Assessment:
    roman_number, title, blocks = chunk
    entries = [
        (*_unbulleted(b), b)
        for b in blocks
        if isinstance(b, Block) and b.text and not _SEPARATOR.match(b.text)
    ]
    found = Assessment(roman_number, title)
    lead = next((i for i, (text, _, _) in enumerate(entries) if text.rstrip().endswith(":")), None)
    if lead is None:
        first_bullet = next((i for i, (_, bullet, _) in enumerate(entries) if bullet), len(entries))
        lead = first_bullet - 1 if first_bullet < len(entries) else -1
    for index, (text, _, _) in enumerate(entries):
        (found.nhan_dinh if index <= lead else found.han_che).append(text)
    return found


def _tasks(chunk: tuple[str, str, list[Item]], found: Outline) -> Tasks:
    roman_number, title, blocks = chunk
    tasks = Tasks(roman_number, title)
    for item in blocks:
        if isinstance(item, Grid):
            found.unrecognised.append(_table_note(item, f"phần {roman_number}"))
            continue
        if not item.text or _SEPARATOR.match(item.text):
            continue
        numbered = _numbered(item)
        if numbered is not None and numbered[0] == len(tasks.nhiem_vu) + 1:
            tasks.nhiem_vu.append(numbered[1])
        else:
            tasks.nhiem_vu.append(_unbulleted(item)[0])
    return tasks


def _table_note(grid: Grid, where: str) -> str:
    return (
        f"bảng {grid.number} ({grid.rows} hàng × {grid.columns} cột) ở {where}: dữ liệu báo cáo không có bảng, "
        "chưa nhập (chép số liệu cần thiết vào «so_lieu» của mục)"
    )


def _read_tail(items: list[Item], found: Outline) -> None:
    """«Nơi nhận» and its list; the signature: authority, position, name (notes like «(đã ký)» left out)."""
    lines = [line for line in _lines(items) if line.text and not _SEPARATOR.match(line.text)]
    state = ""
    signature = Signature()
    leftover: list[str] = []
    for line in lines:
        text = line.text
        kind = _tail_kind(text, line.emphasis)
        if kind == "recipients":
            state = "recipients"
            found.recipients_found = True
            rest = re.sub(r"^\S+\s+\S+\s*:?\s*", "", text, count=1).strip()
            if rest:
                found.noi_nhan.append(_BULLET.sub(r"\g<rest>", rest).strip())
            continue
        if kind == "authority" and state != "signature-name":
            if state != "authority":
                signature = Signature() if not signature.quyen_han else signature
            state = "authority"
            signature.quyen_han = f"{signature.quyen_han} {text}".strip()
            continue
        if state == "recipients" and _position_line(text, line.emphasis):
            state = "position"  # a signature without «TM.»: the position, then the name
            signature.chuc_vu = text
        elif state == "recipients":
            match = _BULLET.match(text)
            found.noi_nhan.append(match.group("rest").strip() if match else text)
        elif state == "authority":
            if (line.emphasis or text.upper() == text) and not _SIGNATURE_NOTE.match(text):
                signature.chuc_vu = text
                state = "position"
            else:
                leftover.append(text)
        elif state in ("position", "signature-name"):
            if _SIGNATURE_NOTE.match(text):
                signature.notes.append(text)
            elif not signature.ho_ten:
                signature.ho_ten = text
                state = "signature-name"
            else:
                leftover.append(text)
        else:
            leftover.append(text)
    if signature.quyen_han or signature.chuc_vu or signature.ho_ten:
        found.chu_ky = signature
    if leftover:
        found.unrecognised.append("cuối văn bản: «" + " / ".join(leftover) + "»")


def _position_line(text: str, emphasis: bool) -> bool:
    """«CHỦ TỊCH», «PHÓ CHỦ TỊCH»: a line in capitals with no bullet, which no recipient is."""
    letters = [c for c in text if c.isalpha()]
    return (
        not _BULLET.match(text)
        and len(letters) >= 4
        and all(c.isupper() for c in letters)
        and not text.rstrip().endswith((";", "."))
        and (emphasis or len(text) <= 40)
    )


def find_period(found: Outline) -> tuple[periods.Ky | None, str]:
    """The period the report is about, from its summary line, then its closing sentence; and the words."""
    for source in (found.trich_yeu, found.ket_luan, *found.mo_dau[:1]):
        if not source:
            continue
        folded = " ".join(fold(source).lower().split())
        loose = source is found.trich_yeu or source is found.ket_luan  # «năm 2023» alone names the year
        for ky, start, end in periods.named_in(folded, loose):
            return (ky, _quote_span(source, folded, start, end)) if ky is not None else (None, "")
    return None, ""


def _quote_span(source: str, folded: str, start: int, end: int) -> str:
    """The words of ``source`` that ``folded[start:end]`` matched (folding keeps one letter per letter)."""
    flat = " ".join(source.split())
    return flat[start:end] if len(flat) == len(folded) else folded[start:end]


def cited_documents(opening: list[str], default_body: str | None = None) -> list[VanBan]:
    """The documents the opening cites with a number and a date («Công văn số 281/UBND-VP ngày 01/3/2022 …»)."""
    found: list[VanBan] = []
    seen: set[str] = set()
    for paragraph in opening:
        flat = " ".join(paragraph.split())
        for match in _CITED.finditer(flat):
            number = match.group("so")
            if number in seen:
                continue
            day, month, year = (int(part) for part in match.group("ngay").split("/"))
            try:
                issued = date(year, month, day)
            except ValueError:
                continue
            body = _clause_end(match.group("co_quan") or "") or None
            summary = _clause_end(match.group("trich_yeu") or "") or None
            if body and len(body) > 120:
                body = None  # the rest of a sentence, not the name of a body
            seen.add(number)
            found.append(
                VanBan(
                    loai=match.group("loai"), so_ky_hieu=number, ngay=issued, co_quan=body, trich_yeu=summary
                )
            )
    return found


def _clause_end(text: str) -> str:
    """Up to the comma that opens the main clause («…, UBND xã báo cáo như sau»): a capital follows it."""
    for match in re.finditer(r",\s+(\S)", text):
        if match.group(1).isupper():
            text = text[: match.start()]
            break
    return text.strip(" ,;:")
