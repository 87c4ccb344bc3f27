"""``new-report``: a report file for any period, ready to fill in."""

from __future__ import annotations

import argparse

from .parser import add_content, day

NAME = "new-report"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="tạo tệp báo cáo mới (tháng, quý, 6 tháng, 9 tháng, năm, giai đoạn)",
        description="Tạo content/bao-cao/KỲ.yaml từ báo cáo gần nhất trước đó (cùng loại kỳ nếu có);\n"
        "xã chưa có báo cáo nào thì tạo theo đề cương chuẩn.\n"
        "KỲ: 2023-t08 (tháng 8), 2022-q4 (quý 4), 2023-6t (6 tháng), 2023-9t (9 tháng),\n"
        "2022-nam (năm), 2011-2020 (giai đoạn).",
    )
    parser.add_argument("quarter", metavar="KỲ", help="VD: 2022-q4, 2023-t08, 2023-6t, 2022-nam")
    add_content(parser)
    parser.add_argument("--tu-ngay", type=day, help="ngày đầu kỳ số liệu nếu khác mặc định (NĐ 09/2019)")
    parser.add_argument("--den-ngay", type=day, help="ngày cuối kỳ số liệu nếu khác mặc định")
    return parser


def run(args: argparse.Namespace) -> int:
    from ..new_report import create_report

    return create_report(args.content, args.quarter, args.tu_ngay, args.den_ngay)
