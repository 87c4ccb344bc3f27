"""``verify``: an auditor's check of an archived copy of the site against itself and today's data.

It reads the verification record (``output/record.py``) from an archived copy (a folder, or an
address served over HTTP), checks that the copy agrees with it (``verify/consistency.py``), replays
the corrections recorded since, and compares with today's data: each difference is either explained
by a correction or named as a silent change. The work is in the package ``cchc_site/verify/``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..addresses import shown
from ..core.errors import DataError, format_grouped
from ..validate import load_site
from ..verify.compare import compare, parse
from ..verify.consistency import check_archive
from ..verify.download import ArchiveError, Limits, open_archive
from ..verify.reading import report_text
from .parser import add_content

NAME = "verify"
SECONDS = 60.0  # one download, redirects included
MEGABYTES = 100.0  # one download


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="đối chiếu một bản lưu của trang với chính nó và với dữ liệu hôm nay (cho thanh tra, kiểm tra)",
        description="Đọc du-lieu/kiem-chung.json của một bản lưu trang (thư mục hoặc địa chỉ http/https),\n"
        "kiểm tra các tệp dữ liệu và trang báo cáo của bản lưu có khớp với tệp đó không, rồi so với dữ\n"
        "liệu hôm nay: in mọi nội dung đã công bố nay khác đi, kèm lần cập nhật giải thích nó, hoặc nêu\n"
        "từng thay đổi không ghi cập nhật. Qua mạng: chỉ theo chuyển hướng trong cùng nguồn (giao thức,\n"
        "máy chủ, cổng); mỗi lần tải có giới hạn thời gian và dung lượng.\n"
        "Mã thoát: 0 = bản lưu nhất quán và không có thay đổi không ghi cập nhật; 1 = có, hoặc không\n"
        "đọc được bản lưu/dữ liệu.",
    )
    parser.add_argument(
        "archive", metavar="BẢN_LƯU", help="thư mục trang đã lưu (VD: site-2026-11) hoặc địa chỉ trang"
    )
    add_content(parser, "thư mục dữ liệu hôm nay (mặc định: content)")
    parser.add_argument(
        "--gioi-han-giay",
        type=_positive,
        default=SECONDS,
        metavar="GIÂY",
        help=f"thời gian tối đa cho mỗi lần tải qua mạng, kể cả chuyển hướng (mặc định: {SECONDS:g})",
    )
    parser.add_argument(
        "--gioi-han-mb",
        type=_positive,
        default=MEGABYTES,
        metavar="MB",
        help=f"dung lượng tối đa của mỗi tệp tải về hoặc đọc (mặc định: {MEGABYTES:g})",
    )
    return parser


def _positive(value: str) -> float:
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        number = 0.0
    if not 0 < number < float("inf"):
        raise argparse.ArgumentTypeError(f"cần một số dương, không phải «{value}»")
    return number


def run(args: argparse.Namespace) -> int:
    limits = Limits(seconds=args.gioi_han_giay, max_bytes=max(1, int(args.gioi_han_mb * 1_000_000)))
    return verify_archive(args.archive, args.content, limits)


def verify_archive(source: str, content: Path, limits: Limits | None = None) -> int:
    """Check an archived copy of the site against itself and today's data; 1 when it disagrees with
    itself or something changed silently."""
    try:
        archive = open_archive(source, limits or Limits())
        archived = parse(archive.where, archive.read_record())
        mismatches, lists_files = check_archive(archive, archived)
    except ArchiveError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        site = load_site(content, shown(content))
    except DataError as exc:
        print(format_grouped(exc.problems), file=sys.stderr)
        print("Dữ liệu hôm nay có lỗi: sửa rồi đối chiếu lại.", file=sys.stderr)
        return 1
    results, newer = compare(archived, site)
    for result in results:
        result.mismatches += [m for m in mismatches if m.slug == result.slug]
    whole = [m for m in mismatches if m.slug not in {result.slug for result in results}]
    print(report_text(archive.where, archived, results, newer, whole, lists_files))
    return 1 if mismatches or any(result.silent for result in results) else 0
