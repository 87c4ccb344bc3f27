"""``check``: every rule of the build, without building; errors grouped by file, warnings apart."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..addresses import CONTENT_DIR, CONTENT_MARKERS, STATIC_DIR, XA_FILE, shown
from ..core.errors import DataError, Problem, format_grouped, summarize_warnings
from ..site_data import SiteData
from ..validate import load_site

NAME = "check"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="kiểm tra toàn bộ dữ liệu, không xây dựng trang",
        description="Kiểm tra dữ liệu bằng đúng các quy tắc của lệnh xây dựng.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path(CONTENT_DIR)],
        metavar="ĐƯỜNG_DẪN",
        help="thư mục dữ liệu hoặc một tệp trong đó (mặc định: content)",
    )
    parser.add_argument("--chi-tiet", action="store_true", help="in từng cảnh báo kèm gợi ý")
    return parser


def run(args: argparse.Namespace) -> int:
    return check(args.paths, args.chi_tiet)


def check(paths: list[Path], details: bool = False) -> int:
    """Validate content folders without building; errors grouped by file, warnings apart."""
    worst = 0
    for path in paths:
        content = _content_root(path)
        if content is None:
            print(f"{path}: không tìm thấy thư mục dữ liệu (thư mục có tệp {XA_FILE}).", file=sys.stderr)
            worst = max(worst, 1)
            continue
        started = time.perf_counter()
        try:
            site = load_site(content, shown(content))
        except DataError as exc:
            print(format_grouped(exc.problems), file=sys.stderr)
            print(f"\nDữ liệu có {len(exc.problems)} lỗi: sửa rồi chạy lại lệnh kiểm tra.", file=sys.stderr)
            worst = max(worst, 1)
            continue
        collided = _collisions(content, site)
        if collided:
            print(format_grouped(collided), file=sys.stderr)
            print(f"\nDữ liệu có {len(collided)} lỗi: sửa rồi chạy lại lệnh kiểm tra.", file=sys.stderr)
            worst = max(worst, 1)
            continue
        elapsed = time.perf_counter() - started
        for line in site.notices:
            print(line)
        if site.warnings:
            print(f"Cảnh báo (không chặn xây dựng): {len(site.warnings)}")
            print(
                format_grouped(site.warnings)
                if details
                else summarize_warnings(site.warnings) + "\nXem từng chỗ: thêm --chi-tiet."
            )
        drafts = ", ".join(r.model.label for r in site.drafts)
        print(
            f"Dữ liệu hợp lệ: {len(site.reports)} báo cáo đã đăng"
            + (f", bản nháp: {drafts}" if drafts else "")
            + f", {len(site.danh_muc.thu_tuc)} thủ tục ({elapsed:.2f} giây)."
        )
    return worst


def _collisions(content: Path, site: SiteData) -> list[Problem]:
    """Staff pages at an address the build generates (what the build refuses before writing)."""
    static = content / STATIC_DIR
    if not static.is_dir() or not site.reports:
        return []
    from ..content import staff_pages
    from ..output.open_data import site_files
    from ..output.pages import build_pages

    files = site_files(site)
    pages = build_pages(site, files)
    return staff_pages.output_collisions(
        staff_pages.StaffPages(static, f"{shown(content)}/{STATIC_DIR}"),
        [(p.uri, p.markdown) for p in pages],
        [(f.uri, f.content) for f in files],
    )


def _content_root(path: Path) -> Path | None:
    """A content folder, or the one holding a given content file."""
    for candidate in [path, *path.resolve().parents] if path.is_dir() else path.resolve().parents:
        if any((candidate / name).exists() for name in CONTENT_MARKERS):
            return candidate  # a missing or broken xa.yaml is reported by the check itself
    return None
