"""Command line: the same checks as the build, without MkDocs. Messages are Vietnamese.

    python -m cchc_site khoa [--content content]   khóa số liệu các báo cáo vừa đăng tải
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import lock
from .errors import DataError
from .validate import load_site


def lock_published(content: Path) -> int:
    """Record the values of newly published reports in the lock file (never rewrite old ones)."""
    try:
        site = load_site(content, str(content), locking=True)
    except DataError as exc:
        print(exc.format(), file=sys.stderr)
        print("Sửa các lỗi trên rồi chạy lại; chưa khóa báo cáo nào.", file=sys.stderr)
        return 1
    path = content / lock.LOCK_FILE
    if not site.to_lock:
        print("Không có báo cáo mới đăng tải cần khóa số liệu.")
        return 0
    existing = json.loads(path.read_text(encoding="utf-8"))["bao_cao"] if path.is_file() else {}
    path.write_text(lock.dump({**existing, **site.to_lock}), encoding="utf-8")
    for slug, entry in sorted(site.to_lock.items()):
        print(f"Đã khóa số liệu báo cáo {slug} (dấu vân tay {entry['van_tay'][:16]}…).")
    print(f"Hãy commit {path} cùng các tệp báo cáo. Từ nay mọi thay đổi phải ghi trong «cap_nhat».")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cchc_site", description="Công cụ dữ liệu của trang CCHC.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="lệnh")
    khoa = commands.add_parser("khoa", help="khóa số liệu các báo cáo vừa đăng tải (có «ngay_dang_tai»)")
    khoa.add_argument("--content", type=Path, default=Path("content"), help="thư mục dữ liệu (mặc định: content)")
    args = parser.parse_args(argv)
    if args.command == "khoa":
        return lock_published(args.content)
    return 2  # pragma: no cover - argparse refuses unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
