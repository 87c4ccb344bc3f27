"""``tong-hop``: a province's overview page and its open data, from the communes' validated data."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..addresses import CONTENT_DIR, XA_FILE
from .parser import day

NAME = "tong-hop"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="trang tổng hợp của tỉnh từ dữ liệu các xã (xa/<xã>/content/)",
        description="Đọc và kiểm tra dữ liệu từng xã, ghi THƯ_MỤC/index.html và THƯ_MỤC/du-lieu/ (CSV, JSON,\n"
        "datapackage.json): số liệu báo cáo mới nhất của các xã, các kỳ đã đăng, xã chậm báo cáo.\n"
        "Xã có dữ liệu lỗi được ghi kèm lỗi đầu tiên, không làm dừng các xã khác.\n"
        "Mã thoát: 0 = có ít nhất một xã dữ liệu hợp lệ; 1 = không có xã nào hợp lệ.",
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="THƯ_MỤC_XÃ", help="thư mục một xã, hoặc xa/ (mọi xã)"
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="THƯ_MỤC", help="thư mục ghi trang tổng hợp"
    )
    parser.add_argument(
        "--dia-chi",
        default="{xa}/",
        metavar="MẪU",
        help="địa chỉ trang của mỗi xã, {xa} là tên thư mục (mặc định: {xa}/, cạnh trang tổng hợp)",
    )
    parser.add_argument("--ngay", type=day, default=None, help="ngày tính kỳ đến hạn (mặc định: hôm nay)")
    return parser


def run(args: argparse.Namespace) -> int:
    """0 written with at least one commune's valid data; 1 none valid, or refused (nothing written):
    no commune found, one commune listed twice, ``--out`` not a place for the overview."""
    from ..province.communes import find_communes
    from ..province.duplicates import duplicate_folders, same_communes
    from ..province.overview import load_communes, overview_outputs
    from ..province.writing import OutputError, refused_place, write_files

    folders, refused = find_communes(args.paths)
    for path in refused:
        print(
            f"{path}: không phải thư mục của một xã (cần thư mục {CONTENT_DIR}/ có {XA_FILE}).",
            file=sys.stderr,
        )
    if not folders:
        print("Không tìm thấy xã nào: chưa ghi trang tổng hợp.", file=sys.stderr)
        return 1
    if _refused(duplicate_folders(folders)):
        return 1
    communes = load_communes(folders, args.dia_chi, args.ngay or date.today())
    if _refused(same_communes(communes)):
        return 1
    outputs = overview_outputs(communes, args.ngay or date.today())
    try:
        place = refused_place(args.out, sorted(outputs), folders)
        if place:
            raise OutputError(place)
        write_files(args.out, outputs)
    except OutputError as exc:
        print(f"{exc}\nChưa ghi trang tổng hợp.", file=sys.stderr)
        return 1
    for c in communes:
        if not c.ok:
            print(
                f"{c.slug}: dữ liệu có {len(c.problems)} lỗi, lỗi đầu tiên:\n  "
                + c.first_error.replace("\n", "\n  "),
                file=sys.stderr,
            )
    valid = sum(c.ok for c in communes)
    print(
        f"Đã ghi trang tổng hợp {len(communes)} xã vào {args.out.as_posix()}/ ({valid} xã dữ liệu hợp lệ, "
        f"{len(communes) - valid} xã có lỗi)."
    )
    return 0 if valid else 1


def _refused(messages: list[str]) -> bool:
    """Print why the list names a commune twice; whether it does."""
    for message in messages:
        print(message, file=sys.stderr)
    if messages:
        print("Chưa ghi trang tổng hợp: mỗi xã chỉ được có một thư mục.", file=sys.stderr)
    return bool(messages)
