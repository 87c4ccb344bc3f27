"""``export-docx``: one report as a Word file laid out per Decree 30/2020."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .. import text
from ..addresses import CONTENT_DIR, REPORT_DIR, XA_FILE, docx_name, report_file, shown
from ..content.writing import write_reason, write_whole
from ..core import periods
from ..core.errors import DataError, format_grouped
from ..core.models import Xa
from ..site_data import Report, SiteData
from ..validate import load_site
from ..word.export import ExportError, report_docx
from .parser import add_content

NAME = "export-docx"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="xuất một báo cáo ra tệp Word (.docx) trình bày theo Nghị định 30/2020/NĐ-CP",
        description="Ghi báo cáo KỲ ra tệp Word (.docx) trình bày theo Nghị định 30/2020/NĐ-CP: khổ A4,\n"
        "lề, phông Times New Roman, phần đầu (cơ quan, số, quốc hiệu, ngày), «Nơi nhận» và chữ ký.\n"
        "Báo cáo đã đăng: bản dựng lại từ dữ liệu (ghi rõ ở chân trang, không phải bản gốc đã ký).\n"
        "Bản nháp (chưa có «ngay_dang_tai»): dự thảo có chữ «Dự thảo»; thêm --trinh-ky để in trình ký.\n"
        "Mặc định ghi bao-cao-KỲ.docx vào thư mục đang đứng (ghi đè tệp cũ cùng tên).",
    )
    parser.add_argument("ky", metavar="KỲ", help="VD: 2022-q3, 2023-t08, 2023-6t, 2022-nam")
    add_content(parser, metavar="THƯ_MỤC")
    parser.add_argument(
        "-o", "--output", type=Path, default=None, metavar="TỆP", help="tệp .docx hoặc thư mục để ghi vào"
    )
    parser.add_argument(
        "--trinh-ky",
        action="store_true",
        help="chỉ với bản nháp: bỏ chữ «Dự thảo» và dòng ghi chú ở chân trang, để in trình ký",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    return write_report(args.ky, args.content, args.output, args.trinh_ky)


def find_report(site: SiteData, ky: str, shown_as: str = CONTENT_DIR) -> Report:
    """A published report or a draft by its period («2022-q3»; «2022-q3.yaml» is read the same)."""
    period = periods.parse(ky.strip().removesuffix(".yaml"))
    if period is None:
        raise ExportError(f"Kỳ báo cáo «{ky}» không đúng dạng. Các loại kỳ: {periods.kinds_help()}.")
    for report in [*site.reports, *site.drafts]:
        if report.model.slug == period.slug:
            return report
    known = ", ".join(r.model.slug for r in sorted([*site.reports, *site.drafts], key=lambda r: r.ky.order))
    raise ExportError(
        f"Không có báo cáo {period.label} (tệp {shown_as}/{report_file(period.slug)}). "
        f"Các báo cáo hiện có: {known or 'chưa có'}."
    )


def load_report(
    content_dir: Path, ky: str, today: date | None = None, shown_as: str = CONTENT_DIR
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
            f"Không tìm thấy thư mục dữ liệu {content} (thư mục có tệp {XA_FILE} và {REPORT_DIR}/): "
            "chạy lệnh trong thư mục dự án, hoặc chỉ đường bằng --content.",
            file=sys.stderr,
        )
        return 1
    try:
        report, xa = load_report(content, ky, shown_as=shown(content))
        data = report_docx(report, xa, for_signing)
    except ExportError as exc:
        print(exc, file=sys.stderr)
        return 1
    name = docx_name(report.model.slug)
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
        write_whole(target, data)
    except OSError as exc:
        print(f"Không ghi được tệp {target}: {write_reason(exc)}. Chưa ghi tệp Word nào.", file=sys.stderr)
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
