"""``import-report``: a signed report written in Word becomes a draft ``content/bao-cao/<kỳ>.yaml``."""

from __future__ import annotations

import argparse
from pathlib import Path

from .parser import add_content

NAME = "import-report"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="nhập một báo cáo viết bằng Word (.docx) thành bản nháp content/bao-cao/KỲ.yaml",
        description="Đọc tệp Word (.docx, lưu bằng Word hoặc LibreOffice) của một báo cáo và tạo bản nháp\n"
        "content/bao-cao/KỲ.yaml: đầu văn bản, trích yếu, căn cứ, các phần, mục, đoạn văn, hạn chế,\n"
        "nhiệm vụ, nơi nhận, chữ ký, chép nguyên văn. Kỳ báo cáo đọc từ trích yếu («quý 3 năm 2022»)\n"
        "hoặc ghi bằng --ky. Số liệu trong lời văn được đề xuất theo danh mục chỉ tiêu, ghi\n"
        "«de_xuat: true»: báo cáo không đăng được cho đến khi đối chiếu và xóa dòng đó; số không rõ là\n"
        "số liệu nào được liệt kê, không tự ghi. Không bao giờ ghi đè tệp đã có.\n"
        "Tệp .doc (Word cũ), .odt: mở bằng Word rồi Lưu thành .docx, hoặc:\n"
        "soffice --headless --convert-to docx TỆP.doc",
    )
    parser.add_argument("file", type=Path, metavar="TỆP", help="tệp Word .docx của báo cáo")
    parser.add_argument(
        "--ky",
        default=None,
        metavar="KỲ",
        help="kỳ báo cáo nếu khác kỳ đọc được, VD: 2022-q3, 2023-6t, 2023-t08",
    )
    add_content(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from ..word.import_report import run_import

    return run_import(args.file, args.content, args.ky)
