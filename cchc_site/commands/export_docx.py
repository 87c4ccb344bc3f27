"""``export-docx``: one report as a Word file laid out per Decree 30/2020."""

from __future__ import annotations

import argparse
from pathlib import Path

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
    from ..word.export import write_report

    return write_report(args.ky, args.content, args.output, args.trinh_ky)
