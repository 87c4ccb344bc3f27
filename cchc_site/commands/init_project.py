"""``init``: a new commune's project that builds at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "init"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="tạo dự án trang mới cho một xã, phường, đặc khu (mkdocs.yml, content/, CI), xây dựng được ngay",
        description="Tạo trong THƯ_MỤC một dự án mới: content/xa.yaml (thông tin chưa rõ để trống, trang\n"
        "ghi «chưa cập nhật»), content/thu-tuc.yaml (danh mục trống), content/trang/ (Giới thiệu, Liên hệ),\n"
        "mkdocs.yml, hooks.py, requirements.txt, .github/workflows/site.yml.\n"
        "Không ghi gì nếu thư mục đã có mkdocs.yml hoặc content/.",
    )
    parser.add_argument("target", type=Path, metavar="THƯ_MỤC", help="thư mục của dự án (mới hoặc trống)")
    parser.add_argument(
        "--xa",
        required=True,
        metavar="TÊN",
        help='tên xã (phường, đặc khu), không kèm chữ «xã», «phường»…, VD: "Tân Việt"',
    )
    parser.add_argument(
        "--loai",
        default="xa",
        choices=("xa", "phuong", "dac-khu"),
        help="loại đơn vị: xa (xã, mặc định), phuong (phường), dac-khu (đặc khu)",
    )
    parser.add_argument(
        "--tinh", required=True, metavar="TÊN", help='tên tỉnh, không kèm chữ «tỉnh», VD: "Hưng Yên"'
    )
    parser.add_argument(
        "--nguon",
        default=None,
        metavar="NGUỒN",
        help="nơi pip tải cchc-site, ghi ở dòng cuối requirements.txt (mặc định: nơi đang cài), "
        'VD: "cchc-site @ git+https://github.com/…/cchc-site@v0.1.0"',
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """0 written, 1 refused (nothing written)."""
    from ..core.units import body_name
    from ..scaffold.project import InitError, check_name, create_project

    try:
        written = create_project(args.target, args.xa, args.tinh, args.nguon, args.loai.replace("-", "_"))
    except InitError as exc:
        print(exc, file=sys.stderr)
        return 1
    name = check_name(args.xa, "tên xã", "--xa")
    body = body_name(args.loai.replace("-", "_"), name)
    print(f"Đã tạo dự án trang cải cách hành chính của {body} trong «{args.target}»:")
    for relative in written:
        print(f"  {relative}")
    print(
        "Tiếp theo (xem README, mục «Dùng cho xã khác»):\n"
        f"  cd {args.target}\n"
        "  1. Sửa content/xa.yaml (địa chỉ, điện thoại, lãnh đạo…).\n"
        "  2. Nhập danh mục thủ tục: python -m cchc_site import-procedures danh-muc.xlsx --write\n"
        "  3. Tạo báo cáo đầu tiên: python -m cchc_site new-report 2025-q3\n"
        "  4. Xây dựng: mkdocs build --strict"
    )
    return 0
