"""``ma-tran``: the communes of a province as a CI matrix (GitHub's JSON, or GitLab's block)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..addresses import CONTENT_DIR, XA_FILE

NAME = "ma-tran"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="in danh sách xã cho ma trận CI (JSON cho GitHub «fromJSON», hoặc khối GitLab)",
        description="Tìm các xã (thư mục có content/) trong THƯ_MỤC và in ma trận cho CI: mỗi xã một job.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="THƯ_MỤC", help="VD: xa/")
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument("--gitlab", action="store_true", help="in khối «parallel: matrix» cho .gitlab-ci.yml")
    shown.add_argument(
        "--thu-muc",
        action="store_true",
        help="in thư mục của mỗi xã, mỗi dòng một thư mục (cho vòng lặp trong .gitlab-ci.yml)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """0 printed; 1 a path is not a commune's folder, none was found, or a commune is listed twice."""
    from ..province import communes
    from ..province.duplicates import duplicate_folders

    found, refused = communes.find_communes(args.paths)
    for path in refused:
        print(
            f"{path}: không phải thư mục của một xã (cần thư mục {CONTENT_DIR}/ có {XA_FILE}).",
            file=sys.stderr,
        )
    if not found:
        return 1
    twice = duplicate_folders(found)
    if twice:
        print("\n".join(twice) + "\nChưa in ma trận: mỗi xã chỉ được có một thư mục.", file=sys.stderr)
        return 1
    if args.thu_muc:
        print("\n".join(c.as_posix().rstrip("/") for c in found))
    elif args.gitlab:
        print(communes.gitlab_matrix(found), end="")
    else:
        print(communes.matrix(found))
    return 1 if refused else 0
