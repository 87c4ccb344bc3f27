"""Every report as a Word file laid out per Decree 30/2020: for the site, and for the clerk.

``report_docx`` is what the build calls for each published report, and what the command
``python -m cchc_site export-docx`` writes for any report, drafts included. A file made from the data says so in itself: a published
report is «bản dựng lại …, không phải bản gốc đã ký»; a draft carries Decree 30's «Dự thảo» mark,
unless it is printed for signing (``for_signing``), when it is the document to be signed.
"""

from __future__ import annotations

from .. import text
from ..addresses import report_file
from ..core.models import Xa
from ..site_data import Report
from .layout import Marks, document_body, footer_paragraphs, page_header, place_of
from .layout_package import Properties, document_xml, header_footer_xml, package

MEDIATYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ExportError(Exception):
    """No file can be made; the message is Vietnamese and says what to do."""


def copy_notes(report: Report, xa: Xa) -> tuple[str, ...]:
    """The footer of every page: what this file is, and how to check it against the site."""
    model = report.model
    if model.ngay_dang_tai is None:
        draft = (
            f"Dự thảo tạo từ dữ liệu chưa đăng tải (tệp {report_file(model.slug)}), chưa phải văn bản đã ký."
        )
        return (draft,)
    published = f"Đăng tải ngày {text.format_date(model.ngay_dang_tai)}"
    if model.cap_nhat:
        latest = max(c.ngay for c in model.cap_nhat)
        published += f"; cập nhật {len(model.cap_nhat)} lần, lần gần nhất ngày {text.format_date(latest)}"
    if report.original is not None:
        published += f"; bản quét bản gốc đã ký đăng kèm ({report.original.name})"
    if report.current_seal:
        published += f"; dấu vân tay nội dung: {report.current_seal}"
    rebuilt = (
        f"Bản dựng lại từ dữ liệu đã công bố trên trang cải cách hành chính của {xa.co_quan}, "
        "không phải bản gốc đã ký."
    )
    return (rebuilt, published + ".")


def properties(report: Report, marks: Marks) -> Properties:
    """File properties from the data: created when issued (else published, else at the window's end)."""
    model = report.model
    created = model.ngay_ban_hanh or model.ngay_dang_tai or model.window.den_ngay
    later = [d for d in (model.ngay_dang_tai, *(c.ngay for c in model.cap_nhat)) if d is not None]
    return Properties(
        title=f"Báo cáo cải cách hành chính {model.label}",
        subject=" ".join(model.trich_yeu.split()),
        creator=" ".join(model.co_quan_ban_hanh.split()),
        description=" ".join([*marks.notes, model.ghi_chu_nguon or ""]).strip()
        or "Bản trình ký tạo từ dữ liệu.",
        keywords=f"cải cách hành chính; báo cáo; {model.slug}",
        created=created,
        modified=max([created, *later]),
        revision=1 + len(model.cap_nhat),
    )


def report_docx(report: Report, xa: Xa, for_signing: bool = False) -> bytes:
    """The report as a .docx; the same data gives the same bytes.

    ``for_signing`` (drafts only): without the «Dự thảo» mark and the footer note, to be signed.
    """
    model = report.model
    published = model.ngay_dang_tai is not None
    if for_signing and published:
        raise ExportError(
            f"Báo cáo {model.label} đã đăng tải: bản Word của báo cáo đã đăng luôn ghi là bản dựng lại "
            "từ dữ liệu, không làm bản trình ký. Bỏ «--trinh-ky»."
        )
    marks = Marks(
        draft=not published and not for_signing,
        signed=published,
        notes=() if for_signing else copy_notes(report, xa),
    )
    footer = header_footer_xml("ftr", footer_paragraphs(marks))
    parts = {
        "word/document.xml": document_xml(document_body(model, place_of(model, xa.ten), marks)),
        "word/header1.xml": header_footer_xml("hdr", page_header()),
        "word/header2.xml": header_footer_xml("hdr", ""),  # Decree 30: no number on the first page
        "word/footer1.xml": footer,
        "word/footer2.xml": footer,
    }
    return package(parts, properties(report, marks))
