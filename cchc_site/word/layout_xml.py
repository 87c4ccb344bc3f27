"""WordprocessingML (the XML inside a .docx) written as text: runs, paragraphs, borderless tables.

No XML library: the same values give the same bytes on every run and cost microseconds, and every
text from the data goes through ``escape``, so it can never become markup. Child elements follow
the order the OOXML schema requires (Word refuses a file that breaks it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# characters XML 1.0 cannot hold (the loader refuses control characters; this keeps the file valid anyway),
# and the markup characters; a table, not a regex: compiling that class costs more than the whole export
_XML_TEXT: dict[int, str | None] = {
    **dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]),
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
}


def escape(value: str) -> str:
    """Text as XML character data or attribute value: inert, whatever it holds."""
    return value.translate(_XML_TEXT)


def mm(value: float) -> int:
    """Millimetres → twips (1/20 pt), Word's unit for page sizes, margins and indents."""
    return round(value * 1440 / 25.4)


def flowing(value: str) -> str:
    """Prose as the report page shows it: line breaks of the YAML source are spaces, runs of spaces one."""
    return " ".join(value.split())


class Look(NamedTuple):
    """Character formatting of one run; ``size`` in points (None: the style's)."""

    bold: bool = False
    italic: bool = False
    caps: bool = False  # shown in capitals, the text itself kept as written
    size: float | None = None


PLAIN = Look()


def run(text: str, look: Look = PLAIN) -> str:
    """One run of text; ``\\n`` in ``text`` is a line break inside the paragraph."""
    props = ""
    if look.bold:
        props += "<w:b/><w:bCs/>"
    if look.italic:
        props += "<w:i/><w:iCs/>"
    if look.caps:
        props += "<w:caps/>"
    if look.size is not None:
        half_points = round(look.size * 2)
        props += f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n"))
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{body}</w:r>"


def page_number() -> str:
    """The PAGE field (Word and LibreOffice compute it when the document is shown or printed)."""
    return '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'


class Para(NamedTuple):
    """Paragraph formatting beyond the style: alignment, spacing and indents in twips, borders."""

    style: str | None = None
    align: str | None = None  # left, center, right, both (justified)
    before: int | None = None
    after: int | None = None
    first_line: int | None = None
    left: int | None = None
    right: int | None = None
    keep_next: bool = False
    box: bool = False  # a frame on all four sides («Dự thảo»)
    rule_below: bool = False  # a thin line under the paragraph (the short lines of the header)
    mark_size: float | None = None  # size of the paragraph mark: an empty ruled line stays thin


AS_STYLED = Para()  # the paragraph as its style (Normal) sets it


def paragraph(runs: str | Iterable[str], para: Para = AS_STYLED) -> str:
    """``<w:p>`` from its runs (or one run's XML) and its formatting."""
    content = runs if isinstance(runs, str) else "".join(runs)
    props = ""
    if para.style:
        props += f'<w:pStyle w:val="{para.style}"/>'
    if para.keep_next:
        props += "<w:keepNext/>"
    if para.box or para.rule_below:
        line = 'w:val="single" w:sz="6" w:space="1" w:color="000000"'
        sides = ("top", "left", "bottom", "right") if para.box else ("bottom",)
        props += "<w:pBdr>" + "".join(f"<w:{side} {line}/>" for side in sides) + "</w:pBdr>"
    spacing = _attrs(before=para.before, after=para.after)
    if spacing:
        props += f"<w:spacing{spacing}/>"
    indent = _attrs(left=para.left, right=para.right, firstLine=para.first_line)
    if indent:
        props += f"<w:ind{indent}/>"
    if para.align:
        props += f'<w:jc w:val="{para.align}"/>'
    if para.mark_size is not None:
        half_points = round(para.mark_size * 2)
        props += f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{content}</w:p>"


def _attrs(**values: int | None) -> str:
    return "".join(f' w:{name}="{value}"' for name, value in values.items() if value is not None)


def table(rows: list[list[str]], widths: list[int], keep_rows: bool = False) -> str:
    """A borderless table of fixed column widths (twips); each cell is the XML of its paragraphs.

    ``keep_rows``: no row breaks across pages (the signature block stays whole).
    """
    borders = "".join(
        f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    props = (
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/>'
    )
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    row_props = "<w:trPr><w:cantSplit/></w:trPr>" if keep_rows else ""
    body = "".join(
        "<w:tr>"
        + row_props
        + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{cell or paragraph("")}</w:tc>'
            for cell, width in zip(cells, widths, strict=True)
        )
        + "</w:tr>"
        for cells in rows
    )
    return f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
