"""One report laid out as Decree 30/2020/NĐ-CP (Phụ lục I) prescribes, as WordprocessingML parts.

What goes where: the header table (issuing body and number | national name, motto, place and
date), «BÁO CÁO» and the summary, the body in the order the report page shows it, then «Nơi
nhận» beside the signature. Text comes from the model as written: capitals by formatting
(``caps``), never by rewriting it, so the file reads back to the same data.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from ..core.models import BaoCao
from .layout_xml import Look, Para, flowing, mm, page_number, paragraph, run, table

PAGE = (11906, 16838)  # A4, twips
MARGINS = {"top": mm(20), "bottom": mm(20), "left": mm(30), "right": mm(15)}  # Decree 30: 20–25, 30–35, 15–20
TEXT_WIDTH = PAGE[0] - MARGINS["left"] - MARGINS["right"]
HEADER_COLUMNS = [mm(65), TEXT_WIDTH - mm(65)]
CLOSING_COLUMNS = [mm(80), TEXT_WIDTH - mm(80)]

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TITLE = "BÁO CÁO"
NOT_KEPT = "(không có trong bản lưu)"  # as the report page says of a number or date the archive lacks

BODY_NAME = Look(bold=True, caps=True, size=12)  # issuing body and national name: 12–13, bold capitals
CENTER = Para(align="center")
_COUNCIL = re.compile(r"^((?:ủy|uỷ) ban nhân dân|ubnd)\s+(.+)$", re.IGNORECASE)
_LOCAL = re.compile(
    r"^(?:(?:ủy|uỷ) ban nhân dân|ubnd)\s+(?:xã|phường|thị trấn|đặc khu)\s+(.+)$", re.IGNORECASE
)


class Marks(NamedTuple):
    """What the copy says of itself.

    ``draft``: «Dự thảo» framed at the top (Decree 30, the draft mark) and blanks for a number and
    date not yet given; ``signed``: «(đã ký)» above the signer's name; ``notes``: footer lines on
    every page (what the copy is, where it comes from).
    """

    draft: bool
    signed: bool
    notes: tuple[str, ...]


def decree_date(day: date) -> str:
    """«ngày 05 tháng 01 năm 2022», «ngày 20 tháng 9 năm 2022»: days below 10 and months 1–2 padded."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_of(model: BaoCao, commune: str) -> str:
    """The place name before the date: the issuing commune's, else the site's commune."""
    match = _LOCAL.match(flowing(model.co_quan_ban_hanh))
    return match.group(1) if match else commune


def body_name(name: str) -> str:
    """«Ủy ban nhân dân» on a line of its own above «xã Phượng Kỳ», as headers set it."""
    text = flowing(name)
    match = _COUNCIL.match(text)
    return f"{match.group(1)}\n{match.group(2)}" if match else text


def number_line(model: BaoCao, draft: bool) -> str:
    if model.so_ky_hieu:
        return f"Số: {flowing(model.so_ky_hieu)}"
    if not draft:
        return f"Số: {NOT_KEPT}"
    suffix = "BC-UBND" if _COUNCIL.match(flowing(model.co_quan_ban_hanh)) else "BC-"
    return f"Số:        /{suffix}"  # the clerk's office writes the number when the report is signed


def date_line(model: BaoCao, place: str, draft: bool) -> str:
    if model.ngay_ban_hanh:
        return f"{place}, {decree_date(model.ngay_ban_hanh)}"
    if not draft:
        return f"{place}, ngày {NOT_KEPT}"
    return f"{place}, ngày      tháng      năm {model.window.den_ngay.year}"


CELL_MARGINS = 114  # a table cell's left and right margins together (``layout_xml.table``)


def _rule(width: int, room: int, after: int = 0) -> str:
    """A thin centred line ``width`` twips long under a header line, in ``room`` twips of text width."""
    side = max(0, (room - width) // 2)
    return paragraph("", Para(before=40, after=after, left=side, right=side, rule_below=True, mark_size=2))


def header_block(model: BaoCao, place: str, marks: Marks) -> list[str]:
    left, right = HEADER_COLUMNS
    issuer = paragraph(run(body_name(model.co_quan_ban_hanh), BODY_NAME), CENTER)
    nation = paragraph(run(NATION, BODY_NAME), CENTER)
    motto = paragraph(run(MOTTO, Look(bold=True, size=13)), CENTER)
    number = paragraph(run(number_line(model, marks.draft), Look(size=13)), Para(align="center", before=80))
    dated = paragraph(
        run(date_line(model, place, marks.draft), Look(italic=True, size=13)), Para(align="center", before=80)
    )
    blocks = []
    if marks.draft:  # Decree 30: «Dự thảo» in a frame, top right
        blocks.append(
            paragraph(
                run("Dự thảo", Look(bold=True)),
                Para(align="center", left=TEXT_WIDTH - mm(30), after=120, box=True),
            )
        )
    blocks.append(
        table(
            [
                [
                    issuer + _rule(mm(20), left - CELL_MARGINS),
                    nation + motto + _rule(mm(62), right - CELL_MARGINS),
                ],
                [number, dated],
            ],
            HEADER_COLUMNS,
        )
    )
    blocks.append(paragraph(run(TITLE), Para(style="Title")))
    blocks.append(paragraph(run(flowing(model.trich_yeu)), Para(style="TrichYeu")))
    blocks.append(_rule(mm(30), TEXT_WIDTH, after=240))  # under the summary: 1/3–1/2 of its line
    return blocks


def _text(value: str, style: str = "BodyText") -> str:
    return paragraph(run(flowing(value)), Para(style=style))


def body_blocks(model: BaoCao) -> list[str]:
    """The report's text, in the order of the report page: opening, parts, assessment, tasks, closing."""
    blocks = [_text(doan) for doan in model.mo_dau]
    for phan in model.phan:
        if phan.tieu_de:  # a news item's parts may have no heading: none is made up
            blocks.append(_text(f"{phan.so}. {phan.tieu_de}", "Heading1"))
        blocks += [_text(doan) for doan in phan.doan_van]
        for muc in phan.muc:
            if muc.tieu_de:
                blocks.append(_text(f"{muc.so}. {muc.tieu_de}", "Heading2"))
            blocks += [_text(doan) for doan in muc.doan_van]
    if model.danh_gia_chung:
        assessment = model.danh_gia_chung
        blocks.append(_text(f"{assessment.so}. {assessment.tieu_de}", "Heading1"))
        blocks += [_text(f"- {y}", "GachDauDong") for y in [*assessment.nhan_dinh, *assessment.han_che]]
    if model.phuong_huong:
        tasks = model.phuong_huong
        blocks.append(_text(f"{tasks.so}. {tasks.tieu_de}", "Heading1"))
        blocks += [_text(f"{n}. {task}", "DoanDanhSo") for n, task in enumerate(tasks.nhiem_vu, 1)]
    if model.ket_luan:  # a source without a closing sentence gets none (khong_co)
        blocks.append(_text(model.ket_luan))
    return blocks


def closing_block(model: BaoCao, marks: Marks) -> str:
    """«Nơi nhận» (12 pt bold italic, the list 11 pt) beside the signature, in one unbreakable row."""
    recipients = ""
    if model.noi_nhan:  # what the source lacks is not invented (khong_co): no heading over nothing
        recipients = paragraph(run("Nơi nhận:", Look(bold=True, italic=True, size=12)), Para(before=120))
        recipients += "".join(paragraph(run(f"- {flowing(noi)}", Look(size=11))) for noi in model.noi_nhan)
    recipients = recipients or paragraph("")
    signer = model.chu_ky
    if signer is None:
        return table([[recipients, paragraph("")]], CLOSING_COLUMNS, keep_rows=True)
    signature = paragraph(
        run(flowing(signer.quyen_han), Look(bold=True, caps=True)), Para(align="center", before=120)
    )
    signature += paragraph(run(flowing(signer.chuc_vu), Look(bold=True, caps=True)), CENTER)
    if marks.signed:
        signature += paragraph(run("(đã ký)", Look(italic=True)), Para(align="center", before=480))
    name_space = 960 if marks.signed else 1680  # room for the signature and the seal
    signature += paragraph(
        run(flowing(signer.ho_ten), Look(bold=True)), Para(align="center", before=name_space)
    )
    return table([[recipients, signature]], CLOSING_COLUMNS, keep_rows=True)


def section_properties() -> str:
    """A4, Decree 30 margins; the page number centred at the top from page 2 (none on the first)."""
    width, height = PAGE
    return (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        '<w:footerReference w:type="default" r:id="rIdFooter"/>'
        '<w:footerReference w:type="first" r:id="rIdFooterFirst"/>'
        f'<w:pgSz w:w="{width}" w:h="{height}"/>'
        f'<w:pgMar w:top="{MARGINS["top"]}" w:right="{MARGINS["right"]}" w:bottom="{MARGINS["bottom"]}"'
        f' w:left="{MARGINS["left"]}" w:header="{mm(10)}" w:footer="{mm(8)}" w:gutter="0"/>'
        '<w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )


def document_body(model: BaoCao, place: str, marks: Marks) -> str:
    """Everything inside ``w:body``."""
    blocks = [*header_block(model, place, marks), *body_blocks(model), closing_block(model, marks)]
    return "".join(blocks) + section_properties()


def footer_paragraphs(marks: Marks) -> str:
    return "".join(paragraph(run(note), Para(style="Footer")) for note in marks.notes)


def page_header() -> str:
    return paragraph(page_number(), Para(style="Header"))
