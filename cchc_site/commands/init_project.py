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
        "mkdocs.yml, hooks.py, requirements.txt, vendor/ (gói cchc-site), .github/workflows/site.yml.\n"
        "Trong kho của tỉnh (init-tinh), THƯ_MỤC là xa/<tên>: chỉ ghi content/ và mkdocs.yml kế thừa\n"
        "mkdocs.base.yml của tỉnh. Không ghi gì nếu thư mục đã có mkdocs.yml hoặc content/.",
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
        "--goi",
        "--nguon",
        dest="goi",
        default=None,
        metavar="NGUỒN",
        help="nơi pip tải cchc-site, ghi ở dòng cuối requirements.txt: địa chỉ git có thẻ phiên bản, "
        'VD "cchc-site @ git+https://github.com/…/cchc-site@v0.1.0", hoặc tệp cchc_site-….whl '
        "(chép vào vendor/). Mặc định: chép gói đang chạy vào vendor/ của dự án (không cần mạng). "
        "Trong kho của tỉnh: không dùng (xã cài theo requirements.txt của tỉnh)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """0 written, 1 refused (nothing written)."""
    from ..core.units import body_name
    from ..scaffold.project import InitError, check_name, create_project
    from ..scaffold.province_root import find_province

    try:
        written = create_project(args.target, args.xa, args.tinh, args.goi, args.loai.replace("-", "_"))
    except InitError as exc:
        print(exc, file=sys.stderr)
        return 1
    name = check_name(args.xa, "tên xã", "--xa")
    body = body_name(args.loai.replace("-", "_"), name)
    print(f"Đã tạo dự án trang cải cách hành chính của {body} trong «{args.target}»:")
    for relative in written:
        print(f"  {relative}")
    province = find_province(args.target)
    if province is not None:
        folder = args.target.absolute().relative_to(province.root.absolute()).as_posix()
        print(
            "Tiếp theo (xem README, mục «Cả tỉnh trong một kho»), ở gốc kho của tỉnh:\n"
            f"  cd {province.shown}\n"
            f"  1. Sửa {folder}/content/xa.yaml (địa chỉ, điện thoại, lãnh đạo…).\n"
            f"  2. Kiểm tra: python -m cchc_site check {folder}/content\n"
            f"  3. Xây dựng: mkdocs build --strict -f {folder}/mkdocs.yml\n"
            "  4. Đưa lên kho: CI của tỉnh tự thêm xã này vào ma trận."
        )
        return 0
    print(
        "Tiếp theo (xem README, mục «Dùng cho xã khác»):\n"
        f"  cd {args.target}\n"
        "  1. Sửa content/xa.yaml (địa chỉ, điện thoại, lãnh đạo…).\n"
        "  2. Nhập danh mục thủ tục: python -m cchc_site import-procedures danh-muc.xlsx --write\n"
        "  3. Tạo báo cáo đầu tiên: python -m cchc_site new-report 2025-q3\n"
        "  4. Xây dựng: mkdocs build --strict"
    )
    return 0
