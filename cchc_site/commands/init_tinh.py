"""``init-tinh``: a province's repository, ready for its communes (``init xa/<xã>``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "init-tinh"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="tạo kho chung cho các xã của một tỉnh (cấu hình chung, CI ma trận, trang tổng hợp)",
        description="Tạo trong THƯ_MỤC (mới hoặc trống) kho của một tỉnh: mkdocs.base.yml (cấu hình chung\n"
        "mọi xã kế thừa), hooks.py, requirements.txt, vendor/ (gói cchc-site), README.md, xa/,\n"
        ".github/workflows/tinh.yml và .gitlab-ci.yml (mỗi xã trong xa/ một job, trang tổng hợp).\n"
        "Thêm xã: python -m cchc_site init THƯ_MỤC/xa/<tên> --xa … --tinh ….",
    )
    parser.add_argument("target", type=Path, metavar="THƯ_MỤC", help="thư mục của kho (mới hoặc trống)")
    parser.add_argument(
        "--tinh", required=True, metavar="TÊN", help='tên tỉnh, không kèm chữ «tỉnh», VD: "Hưng Yên"'
    )
    parser.add_argument(
        "--goi",
        default=None,
        metavar="NGUỒN",
        help="nơi pip tải cchc-site (như lệnh init): địa chỉ git có thẻ phiên bản hoặc tệp .whl; "
        "mặc định: chép gói đang chạy vào vendor/",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """0 written, 1 refused (nothing written)."""
    from ..scaffold.project import InitError, check_name
    from ..scaffold.province import create_province

    try:
        written = create_province(args.target, args.tinh, args.goi)
    except InitError as exc:
        print(exc, file=sys.stderr)
        return 1
    tinh = check_name(args.tinh, "tên tỉnh", "--tinh")
    print(f"Đã tạo kho trang cải cách hành chính các xã tỉnh {tinh} trong «{args.target}»:")
    for relative in written:
        print(f"  {relative}")
    print(
        "Tiếp theo (xem README.md của kho):\n"
        f"  cd {args.target}\n"
        "  1. Cài đặt: python3 -m venv .venv && .venv/bin/pip install -q -r requirements.txt\n"
        f'  2. Thêm xã: .venv/bin/python -m cchc_site init xa/tan-viet --xa "Tân Việt" --tinh "{tinh}"\n'
        "  3. Trang tổng hợp: .venv/bin/python -m cchc_site tong-hop xa/ --out public"
    )
    return 0
