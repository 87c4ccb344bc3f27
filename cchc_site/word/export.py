"""Every report as a Word file laid out per Decree 30/2020: for the site, and for the clerk.

``report_docx`` is what the build calls for each published report; ``export_report`` loads a
content folder (drafts included) and returns one report's file; ``write_report`` is the command
``python -m cchc_site export-docx``. A file made from the data says so in itself: a published
report is «bản dựng lại …, không phải bản gốc đã ký»; a draft carries Decree 30's «Dự thảo» mark,
unless it is printed for signing (``for_signing``), when it is the document to be signed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from .. import text
from ..core import periods
from ..core.errors import DataError, format_grouped
from ..core.models import Xa
from ..validate import REPORT_DIR, Report, SiteData, load_site
from .layout import Marks, document_body, footer_paragraphs, page_header, place_of
from .layout_package import Properties, document_xml, header_footer_xml, package

MEDIATYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ExportError(Exception):
    """No file can be made; the message is Vietnamese and says what to do."""


def docx_uri(report: Report) -> str:
    """Where the site publishes a report's Word file: beside its CSV and JSON."""
    return f"du-lieu/bao-cao/{report.key}.docx"


def file_name(slug: str) -> str:
    """The name the command writes: «bao-cao-2022-q3.docx»."""
    return f"bao-cao-{slug}.docx"


def copy_notes(report: Report, xa: Xa) -> tuple[str, ...]:
    """The footer of every page: what this file is, and how to check it against the site."""
    model = report.model
    if model.ngay_dang_tai is None:
        draft = f"Dự thảo tạo từ dữ liệu chưa đăng tải (tệp {REPORT_DIR}/{model.slug}.yaml), chưa phải văn bản đã ký."
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


def find_report(site: SiteData, ky: str, shown_as: str = "content") -> Report:
    """A published report or a draft by its period («2022-q3»; «2022-q3.yaml» is read the same)."""
    period = periods.parse(ky.strip().removesuffix(".yaml"))
    if period is None:
        raise ExportError(f"Kỳ báo cáo «{ky}» không đúng dạng. Các loại kỳ: {periods.kinds_help()}.")
    for report in [*site.reports, *site.drafts]:
        if report.model.slug == period.slug:
            return report
    known = ", ".join(r.model.slug for r in sorted([*site.reports, *site.drafts], key=lambda r: r.ky.order))
    raise ExportError(
        f"Không có báo cáo {period.label} (tệp {shown_as}/{REPORT_DIR}/{period.slug}.yaml). "
        f"Các báo cáo hiện có: {known or 'chưa có'}."
    )


def load_report(
    content_dir: Path, ky: str, today: date | None = None, shown_as: str = "content"
) -> tuple[Report, Xa]:
    """Load and check a content folder (drafts included); one report and the commune's profile.

    Raises ``ExportError`` (Vietnamese message) for an unknown period or invalid data; for the
    latter, the ``DataError`` with every problem is its ``__cause__``.
    """
    try:
        site = load_site(content_dir, shown_as, today)
    except DataError as exc:
        raise ExportError(
            f"{format_grouped(exc.problems)}\n\nDữ liệu có {len(exc.problems)} lỗi: sửa rồi chạy lại "
            "(xem bằng «python -m cchc_site check»). Chưa ghi tệp Word nào."
        ) from exc
    return find_report(site, ky, shown_as), site.xa


def export_report(content_dir: Path, ky: str, today: date | None = None) -> bytes:
    """One report of a content folder (drafts included) as a .docx: what ``export-docx`` writes."""
    report, xa = load_report(content_dir, ky, today)
    return report_docx(report, xa)


def write_report(ky: str, content: Path, output: Path | None, for_signing: bool = False) -> int:
    """``export-docx``: write one report's .docx; 0 written, 1 nothing written (message on stderr)."""
    if not content.is_dir():
        print(
            f"Không tìm thấy thư mục dữ liệu {content} (thư mục có tệp xa.yaml và bao-cao/): "
            "chạy lệnh trong thư mục dự án, hoặc chỉ đường bằng --content.",
            file=sys.stderr,
        )
        return 1
    try:
        report, xa = load_report(content, ky, shown_as=_shown(content))
        data = report_docx(report, xa, for_signing)
    except ExportError as exc:
        print(exc, file=sys.stderr)
        return 1
    name = file_name(report.model.slug)
    target = output if output is not None else Path(name)
    if target.is_dir():
        target = target / name
    if target.suffix.lower() != ".docx":
        print(
            f"Không ghi vào {target}: tệp Word cần đuôi .docx (VD: -o {name}), hoặc -o là một thư mục có sẵn.",
            file=sys.stderr,
        )
        return 1
    replaced = target.exists()
    try:
        _write_whole(target, data)
    except OSError as exc:
        print(f"Không ghi được tệp {target}: {_write_reason(exc)}. Chưa ghi tệp Word nào.", file=sys.stderr)
        return 1
    if report.model.ngay_dang_tai is not None:
        kind = "bản dựng lại từ dữ liệu đã công bố"
    else:
        kind = "bản trình ký, không có chữ «Dự thảo»" if for_signing else "dự thảo"
    print(
        f"Đã ghi {target}{' (thay tệp cũ)' if replaced else ''}: báo cáo {report.model.label}, {kind}, "
        f"{text.format_size(len(data))}."
    )
    return 0


def _write_whole(target: Path, data: bytes) -> None:
    """All or nothing: a full disk or a killed process never leaves half a file behind."""
    try:
        mode = target.stat().st_mode & 0o777  # a file written again keeps its permissions
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask  # as a plain open() would create it
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".docx.tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "không có quyền ghi (tệp đang mở trong Word, hoặc thư mục không cho ghi: đóng tệp, hoặc chọn nơi khác bằng -o)"
    if isinstance(exc, FileNotFoundError):
        return "thư mục không tồn tại (tạo thư mục trước, hoặc chọn nơi khác bằng -o)"
    if isinstance(exc, IsADirectoryError):
        return "đó là một thư mục"
    if isinstance(exc, NotADirectoryError):
        return "một phần của đường dẫn là tệp, không phải thư mục"
    return f"lỗi hệ thống tệp (mã {exc.errno})"


def _shown(content: Path) -> str:
    try:
        return content.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return content.as_posix()
