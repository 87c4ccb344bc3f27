"""``khoa``: record the values of newly published reports in the lock file (never rewrite old ones)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..addresses import LOCK_FILE, predecessor_dir, shown
from ..core.errors import DataError, Problems, format_grouped
from ..lock import file as lock_file
from ..validate import load_site
from .parser import add_content

NAME = "khoa"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(NAME, help="khóa số liệu các báo cáo vừa đăng tải (có «ngay_dang_tai»)")
    add_content(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    return lock_published(args.content)


def lock_published(content: Path) -> int:
    """Record the values of newly published reports in the lock file (never rewrite old ones)."""
    try:
        site = load_site(content, shown(content), locking=True)
    except DataError as exc:
        print(format_grouped(exc.problems), file=sys.stderr)
        print("Sửa các lỗi trên rồi chạy lại; chưa khóa báo cáo nào.", file=sys.stderr)
        return 1
    folders = [(content, site.to_lock, "")] + [  # a merged commune keeps its own lock file
        (content / predecessor_dir(p.info.ma), p.to_lock, f" của xã {p.info.ten}") for p in site.predecessors
    ]
    if not any(to_lock for _, to_lock, _ in folders):
        print("Không có báo cáo mới đăng tải cần khóa số liệu.")
        return 0
    problems = Problems()
    existing = [lock_file.read(folder, shown(folder), problems).entries for folder, _, _ in folders]
    if problems.errors:  # load_site read the same file without errors: changed meanwhile
        print(format_grouped(problems.errors), file=sys.stderr)
        return 1
    for (folder, to_lock, whose), entries in zip(folders, existing, strict=True):
        if not to_lock:
            continue
        path = folder / LOCK_FILE
        path.write_text(lock_file.dump({**entries, **to_lock}), encoding="utf-8")
        for slug, entry in sorted(to_lock.items()):
            print(f"Đã khóa số liệu báo cáo {slug}{whose} (dấu vân tay {entry['van_tay'][:16]}…).")
    for line in site.notices:
        print(line)
    print(
        f"Hãy commit {shown(content / LOCK_FILE) if site.to_lock else f'tệp {LOCK_FILE} vừa ghi'} cùng các tệp báo cáo. Từ nay mọi thay đổi phải ghi trong «cap_nhat»."
    )
    return 0
