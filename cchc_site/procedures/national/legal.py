"""The portal page's legal-basis table, flattened to «title + number» pairs, rebuilt.

A number cell is glued to the end of its title («…Trung ương85/2019/TT-BTC»), sometimes with the
document's kind before it («…môi trườngLuật số 146/2025/QH15»), and the next title is glued to its
end. A pair is published only when it reads one way: the number has the form «số/năm/ký hiệu», it
starts where a number can start, and exactly one end leaves a next title that can start there, with
a symbol made of known parts when several could. Anything else is kept as the portal wrote it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...core.record import NguyenVan, VanBanPhapLy
from . import cleaning
from .shapes import Repairs

PART = "can_cu_phap_ly"
HEADER = "Tên văn bản pháp lýMã văn bản"

_DIGITS = r"\d+(?:\.\d+)?(?:\.?[a-z])?"  # «66.7/2025/NQ-CP», «08.a/2010/TT-BTP», «09b/2013/TT-BTP»
_CAPITALS = "A-ZĐĂÂÊÔƠƯ"
_SEGMENT = rf"(?:TTg|[{_CAPITALS}]+\d*)"
NUMBER = re.compile(rf"{_DIGITS}/(?:\d{{4}}/)?{_SEGMENT}(?:-{_SEGMENT})*|{_DIGITS}/\d{{4}}")
_START = re.compile(rf"(?<!\d)(?<!\d\.){_DIGITS}/")
_HEAD = re.compile(rf"{_DIGITS}/(?:\d{{4}}/)?")
_SYMBOL_RUN = re.compile(rf"[{_CAPITALS}0-9g-]*")
_ENDS_WITH_NUMBER = re.compile(rf"(?:{NUMBER.pattern})$")
_TITLE_SYMBOL = re.compile(rf"{_DIGITS}/(?:\d{{4}}/)?[{_CAPITALS}0-9g-]*$")
_DIGIT_PARTS = re.compile(r"(?:QH|UBTVQH)\d*$")  # the only symbol parts that end in digits
_KINDS = r"Luật|Bộ luật|Nghị định|Thông tư liên tịch|Thông tư|Nghị quyết|Quyết định|Pháp lệnh|Lệnh|Chỉ thị"
_PREFIX = re.compile(rf"(?:{_KINDS})(?: số)? $")
_WORD = re.compile(r"[^\W\d_]+")
_GAP = re.compile(r"\s+(?:-\s*)?|-\s+")
_RUN = re.compile(r"\d+")
_YEAR = re.compile(r"\d+/(\d{4})")
_AFTER_DATE = re.compile(r"\d{1,2}/\d{1,2}/$")
_AFTER_SENTENCE = re.compile(r"[.;:)]\s+$")
_WINDOW = 200  # longer than any number with its kind: the text before a number that is looked at
# The word before a number a title cites («Nghị định số 123/2015/NĐ-CP», «Luật 60/2014/QH13»)
_CITING = frozenset({"số", "luật", "định", "tư", "quyết", "lệnh", "thị", "tịch", "pháp"})

# The parts a document symbol is made of (Decree 30/2020 and the agencies' own abbreviations); a
# symbol ending in another part is still read when it is the only reading
KNOWN_PARTS = frozenset(
    [
        "NĐ",
        "TT",
        "TTLT",
        "QĐ",
        "NQ",
        "L",
        "PL",
        "VBHN",
        "CT",
        "HD",
        "CP",
        "TTg",
        "QH",
        "UBTVQH",
        "CTN",
        "VPQH",
        "VPCP",
        "HĐTP",
        "TANDTC",
        "VKSNDTC",
        "KTNN",
        "BTC",
        "BTP",
        "BCA",
        "BQP",
        "BXD",
        "BYT",
        "BGDĐT",
        "BNV",
        "BNG",
        "BCT",
        "BGTVT",
        "BTNMT",
        "BNNPTNT",
        "BNNMT",
        "BKHĐT",
        "BKHCN",
        "BTTTT",
        "BLĐTBXH",
        "BVHTTDL",
        "NHNN",
        "TTCP",
        "UBDT",
        "BHXH",
        "HĐND",
        "UBND",
    ]
)


@dataclass(frozen=True)
class _Cell:
    start: int | None  # where the cell starts (its kind, when written, included); None: not certain
    number_start: int  # where «số/năm/ký hiệu» starts
    end: int | None  # None: its end cannot be read with certainty
    rule: str | None = None  # the repair that read the start, or the defect that left it unread


def _opens_title(text: str, at: int) -> bool:
    """Whether a title can begin at ``at``: the end, or (after spaces and a «- ») a capitalised or
    lower-case word, or a word in capitals followed by a space («SỬA ĐỔI, BỔ SUNG…»)."""
    if at == len(text):
        return True
    after = _GAP.match(text, at)
    if after is not None:  # spaces or a dash first: what follows must open it
        return after.end() == len(text) or _opens_title(text, after.end())
    word = _WORD.match(text, at)
    if word is None:
        return False
    letters = word.group()
    capitalised = letters[0].isupper() and len(letters) > 1 and letters[1].islower()
    if (letters.islower() and len(letters) > 1) or capitalised:  # no title starts with «g»
        return True
    return letters.isupper() and len(letters) > 1 and text[word.end() : word.end() + 1].isspace()


def _known(symbol: str) -> bool:
    last = re.sub(r"\d+$", "", symbol.rsplit("/", 1)[-1].rsplit("-", 1)[-1])
    return last in KNOWN_PARTS


def _end(text: str, start: int) -> int | None:
    """The only end of the number at ``start`` after which a title can begin."""
    head = _HEAD.match(text, start)
    if head is None:
        return None
    run = _SYMBOL_RUN.match(text, head.end())
    assert run is not None  # the pattern matches the empty string
    ends = [
        end
        for end in range(run.end(), head.end() - 1, -1)
        if NUMBER.fullmatch(text, start, end) and _opens_title(text, end)
    ]
    known = [end for end in ends if _known(text[start:end])]
    if len(known) == 1:
        return known[0]
    return ends[0] if len(ends) == 1 else None


def _cells(text: str) -> list[_Cell]:
    """Every number cell, in order: a number glued to the end of a title."""
    cells: list[_Cell] = []
    skip_to = 0
    for match in _START.finditer(text):
        at = match.start()
        number = NUMBER.match(text, at)
        if at < skip_to or number is None:
            continue
        cell = _cell_at(text, at)
        if cell is not None:
            cells.append(cell)
            skip_to = cell.end if cell.end is not None else number.end()
    return cells


def _cell_at(text: str, at: int) -> _Cell | None:
    before = text[max(0, at - _WINDOW) : at]  # what matters of the text before ends near ``at``
    run = _RUN.match(text, at)
    year = _YEAR.match(text, at)
    assert run is not None
    if prefix := _PREFIX.search(before):
        return _prefixed(text, at, at - len(before) + prefix.start())
    end = _end(text, at)
    if len(run.group()) > 4 and year:
        start = at + 4
        # «ngày 29/6/202443/2024/QH15»: a date's year has four digits, the rest is the number's;
        # «Luật Khiếu nại năm 201102/2011/QH13»: the title ends with the number's own year
        if _AFTER_DATE.search(before) or (
            (not before or before[-1].isspace()) and run.group()[:4] == year.group(1)
        ):
            return _Cell(start, start, _end(text, start), "nam_dinh_vao_so_hieu")
        if before and before[-1].isspace() and end is not None:
            # a year glued to a number of another year: which digits are whose is not certain
            return _Cell(None, at, end, "nam_dinh_vao_so_hieu")
    if _AFTER_SENTENCE.search(before):  # «…xe ô tô. 72/2025/TT-BXD»: no title cites a bare number there
        return _Cell(at, at, end)
    if not before or before[-1].isspace() or before[-1] in "/-":
        return None  # a number cited inside the title
    title_symbol = _TITLE_SYMBOL.search(before)
    if title_symbol is None:
        return _Cell(at, at, end)
    return _after_symbol(text, at, run.end(), title_symbol.group())


def _prefixed(text: str, at: int, start: int) -> _Cell | None:
    """«…môi trườngLuật số 146/2025/QH15Thông tư…»: the kind glued to the end of a title's word is
    part of the cell; after another number («…NĐ-CPNghị định số 123/…») it begins the next title,
    unless the cell repeats the title's end («Nghị định 101/2024/NĐ-CPNghị định 101/2024/NĐ-CP»)."""
    title, end = text[max(0, start - _WINDOW) : start], _end(text, at)
    if end is None:
        return None
    if text.endswith(text[start:end], 0, start):
        return _Cell(start, at, end)
    glued = bool(title) and (title[-1].isalnum() or title[-1] in ").;:”") and not title[-1].isupper()
    followed = end == len(text) or not text[end].isspace() or _capitalised(text, end)
    if glued and followed and not _ENDS_WITH_NUMBER.search(title):
        return _Cell(start, at, end)
    return None


def _capitalised(text: str, at: int) -> bool:
    word = _WORD.match(text, at + 1)
    return word is not None and text[at].isspace() and word.group()[0].isupper()


def _after_symbol(text: str, at: int, run_end: int, title_symbol: str) -> _Cell:
    """A number glued to a title that ends with a number («Luật 60/2014/QH1360/2014/QH13»): the
    cell may start anywhere in the digit run. Certain when exactly one start repeats the title's
    number (a title citing its own number), or when the title's symbol cannot end in digits."""
    repeats = [
        _Cell(start, start, end)
        for start in range(at, run_end)
        if (end := _end(text, start)) is not None and text.endswith(text[start:end], 0, start)
    ]
    if len(repeats) == 1:
        return repeats[0]
    if not repeats and not _DIGIT_PARTS.search(title_symbol):
        return _Cell(at, at, _end(text, at))
    return _Cell(None, at, _end(text, at), "khong_tach_duoc")


def _missed(title: str, own: str) -> bool:
    """A boundary the reading missed inside a title: a number glued to a capitalised word, or a
    number no citing word introduces («…ngày 25/6/2015); 84/2015/QH13 Quy định…») other than the
    row's own."""
    for number in NUMBER.finditer(title):
        if number.group() == own:
            continue
        word = _WORD.match(title, number.end())
        if word is not None and word.group()[0].isupper() and word.group()[1:2].islower():
            return True
        before = title[: number.start()].split()
        if title[number.start() - 1 : number.start()].isspace() and (
            not before or before[-1].lower() not in _CITING
        ):
            return True
    return False


def _row(title: str, cell: str, number: str) -> VanBanPhapLy | NguyenVan:
    cleaned = cleaning.text(title)
    if cleaned is None or _missed(title, number):
        return NguyenVan.model_validate({"nguyen_van": cleaning.flat(title + cell), "loi": "khong_tach_duoc"})
    return VanBanPhapLy.model_validate({"trich_yeu": cleaned, "so_ky_hieu": number})


def parse(written: str | None, repairs: Repairs) -> list[VanBanPhapLy | NguyenVan]:
    if cleaning.is_none(written):
        return []
    whole = cleaning.flat(written or "")
    if not whole.startswith(HEADER):
        return [NguyenVan.model_validate({"nguyen_van": whole, "loi": "khong_tach_duoc"})]
    text = whole[len(HEADER) :]
    rows: list[VanBanPhapLy | NguyenVan] = []
    position, pending = 0, False
    for cell in _cells(text):
        if cell.end is None or pending or cell.start is None:
            # an end or a start that is not certain: this row (and, after an unsure end, the next
            # one up to its number) stays as the portal wrote it
            defect = "khong_tach_duoc" if pending or cell.rule is None else cell.rule
            pending = cell.end is None
            if cell.end is not None:
                flagged = cleaning.flat(text[position : cell.end])
                rows.append(NguyenVan.model_validate({"nguyen_van": flagged, "loi": defect}))
                position = cell.end
            continue
        row = _row(
            text[position : cell.start], text[cell.start : cell.end], text[cell.number_start : cell.end]
        )
        if cell.rule and isinstance(row, VanBanPhapLy):
            repairs.add(PART, cell.rule)
        rows.append(row)
        position = cell.end
    if tail := cleaning.text(text[position:]):
        rows.append(NguyenVan.model_validate({"nguyen_van": tail, "loi": "khong_tach_duoc"}))
    return rows
