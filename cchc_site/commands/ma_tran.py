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
    parser.add_argument("--gitlab", action="store_true", help="in khối «parallel: matrix» cho .gitlab-ci.yml")
    return parser


def run(args: argparse.Namespace) -> int:
    from ..province import communes

    found, refused = communes.find_communes(args.paths)
    for path in refused:
        print(
            f"{path}: không phải thư mục của một xã (cần thư mục {CONTENT_DIR}/ có {XA_FILE}).",
            file=sys.stderr,
        )
    if not found:
        return 1
    print(
        communes.gitlab_matrix(found) if args.gitlab else communes.matrix(found),
        end="\n" if not args.gitlab else "",
    )
    return 1 if refused else 0
