"""``import-procedures``: the province's spreadsheet compared with the procedure list, written on request."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from .parser import add_content, day

NAME = "import-procedures"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="nhập danh mục thủ tục từ tệp .xlsx hoặc .csv",
        description="So sánh bảng tính với danh mục hiện có; chỉ ghi khi có --write.\n"
        "Mặc định chỉ so sánh trong các lĩnh vực có trong tệp (--ca-danh-muc: cả nhóm), và không\n"
        "bãi bỏ thủ tục nào: thủ tục không có trong tệp chỉ bị bãi bỏ khi có --xac-nhan-bai-bo N\n"
        "(N đúng bằng số thủ tục bãi bỏ mà bản xem trước nêu).",
    )
    parser.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx hoặc .csv")
    add_content(parser)
    parser.add_argument(
        "--ngay",
        type=day,
        default=None,
        help="ngày niêm yết thủ tục mới và ngày bãi bỏ thủ tục không còn trong tệp (mặc định: hôm nay)",
    )
    parser.add_argument("--quyet-dinh", default=None, help="quyết định công bố ghi cho các thủ tục mới")
    parser.add_argument(
        "--nhom",
        choices=["cap_xa", "quoc_phong", "cong_an"],
        default=None,
        help="nhóm của mọi dòng khi tệp không có cột nhóm",
    )
    parser.add_argument(
        "--ca-danh-muc",
        action="store_true",
        help="tệp là toàn bộ danh mục của nhóm: so sánh cả các lĩnh vực không có trong tệp",
    )
    parser.add_argument(
        "--xac-nhan-bai-bo",
        type=int,
        default=None,
        metavar="N",
        help="bãi bỏ N thủ tục có trong danh mục mà không có trong tệp (N phải đúng như bản xem trước)",
    )
    parser.add_argument(
        "--phan-cach",
        choices=[",", ";", "tab"],
        default=None,
        metavar="DẤU",
        help="tệp CSV: dấu ngăn cách các cột, «,», «;» hoặc «tab» (mặc định: tự nhận ra)",
    )
    parser.add_argument(
        "--write", action="store_true", help="ghi vào content/thu-tuc.yaml (mặc định: chỉ xem trước)"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from ..procedures.importer import Options, run_import

    options = Options(
        args.ngay or date.today(), args.quyet_dinh, args.nhom, args.ca_danh_muc, args.xac_nhan_bai_bo
    )
    return run_import(args.file, args.content, options, args.write, args.phan_cach)
