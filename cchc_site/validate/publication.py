"""Publication: the signed original attached to a report, and the lock of published values."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from .. import text
from ..addresses import LOCK_FILE, ORIGINALS_DIR, REPORT_DIR, report_file
from ..content.documents import Document, dotted
from ..core.errors import Problem, Problems
from ..core.models import BaoCao
from ..core.rules import MAX_ORIGINAL_MB
from ..lock import seal as lock
from ..site_data import Original, report_dump
from .reports import Loaded


def check_original(
    content_dir: Path, shown_as: str, doc: Document, report: BaoCao, problems: Problems
) -> Original | None:
    """The attached PDF must exist, be a PDF and stay a reasonable size; its SHA-256 is shown."""
    if report.ban_goc is None:
        return None
    path = content_dir / ORIGINALS_DIR / report.ban_goc
    where = f"{shown_as}/{ORIGINALS_DIR}/{report.ban_goc}"

    def err(message: str, found: str, expected: str) -> None:
        problems.add(Problem(doc.name, doc.line(("ban_goc",)), "ban_goc", message, found, expected))

    if not path.is_file():
        err("Không tìm thấy tệp bản gốc.", where, f"tệp PDF trong thư mục {shown_as}/{ORIGINALS_DIR}/")
        return None
    try:
        outside = not path.resolve().is_relative_to(content_dir.resolve())
    except (OSError, RuntimeError):
        outside = True
    if outside:  # a linked file or folder: never read, never published
        err(
            "Tệp bản gốc là liên kết tới ngoài thư mục dữ liệu: không đọc, không đăng.",
            where,
            f"tệp PDF thật trong thư mục {shown_as}/{ORIGINALS_DIR}/",
        )
        return None
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        err("Tệp bản gốc không phải PDF.", where, "tệp PDF (bắt đầu bằng «%PDF-»)")
        return None
    if len(data) > MAX_ORIGINAL_MB * 1_000_000:
        err(
            "Tệp bản gốc quá lớn.",
            f"{len(data) / 1e6:.1f} MB",
            f"không quá {MAX_ORIGINAL_MB} MB (quét 150–200 dpi)",
        )
        return None
    return Original(path, report.ban_goc, hashlib.sha256(data).hexdigest(), len(data))


def check_published(
    reports: list[Loaded],
    files: set[str],
    originals: dict[str, Original | None],
    locked: dict[str, Any],
    shown_as: str,
    today: date,
    locking: bool | set[str],
    problems: Problems,
) -> tuple[dict[str, tuple[str, str, int]], dict[str, dict[str, Any]]]:
    """Published reports equal their locked values plus their recorded corrections.

    Returns each published report's (seal when published, seal now) and the entries to add
    for reports published since the last ``khoa``. ``locking``: True for ``khoa`` (entries to add
    are not errors), or the reports whose missing entry is reported otherwise (from history).
    """
    seals: dict[str, tuple[str, str, int]] = {}
    to_lock: dict[str, dict[str, Any]] = {}
    for slug in sorted(set(locked) - files):  # a file that fails to load has its own errors
        problems.add(
            Problem(
                f"{shown_as}/{REPORT_DIR}",
                None,
                "",
                f"Báo cáo {slug} đã đăng tải nhưng không còn tệp.",
                found=f"thiếu {shown_as}/{report_file(slug)}",
                expected="báo cáo đã công bố được giữ lại; sửa nội dung thì ghi «cap_nhat»",
                hint="Khôi phục tệp từ lịch sử git.",
            )
        )
    for loaded in reports:
        doc, report = loaded.doc, loaded.model
        original = originals.get(report.slug)
        found = lock.leaves(
            report_dump(report, loaded.figures), loaded.figures, original.sha256 if original else None
        )
        now = lock.seal(lock.sealed_values(found, lock.version_of(locked.get(report.slug))))
        if report.ngay_dang_tai is not None:
            check_publication_date(doc, report, today, problems)
        if report.slug in locked:
            for issue in lock.check(report, locked[report.slug], found, today):
                problems.add(
                    Problem(
                        doc.name,
                        doc.line(issue.loc),
                        dotted(issue.loc),
                        issue.message,
                        issue.found,
                        issue.expected,
                        issue.hint,
                    )
                )
            seals[report.slug] = (locked[report.slug]["van_tay"], now, lock.version_of(locked[report.slug]))
        elif report.ngay_dang_tai is not None:
            if report.cap_nhat:
                problems.add(
                    Problem(
                        doc.name,
                        doc.line(("cap_nhat",)),
                        "cap_nhat",
                        "Báo cáo chưa khóa số liệu thì chưa có gì để cập nhật.",
                        found=f"{len(report.cap_nhat)} mục cập nhật",
                        expected="bỏ «cap_nhat»",
                    )
                )
            entry = lock.entry(report, found)
            to_lock[report.slug] = entry
            seals[report.slug] = (entry["van_tay"], now, lock.VERSION)
            if not (locking is True or (locking and report.slug in locking)):
                problems.add(
                    Problem(
                        doc.name,
                        doc.line(("ngay_dang_tai",)),
                        "ngay_dang_tai",
                        "Báo cáo đã đánh dấu đăng tải nhưng số liệu chưa được khóa.",
                        found=f"không có {report.slug} trong {shown_as}/{LOCK_FILE}",
                        expected="số liệu được khóa khi đăng tải",
                        hint=f"Chạy «python -m cchc_site khoa» rồi commit {shown_as}/{LOCK_FILE} "
                        "cùng tệp báo cáo. Chưa muốn đăng thì bỏ trống «ngay_dang_tai».",
                    )
                )
        elif report.cap_nhat:
            problems.add(
                Problem(
                    doc.name,
                    doc.line(("cap_nhat",)),
                    "cap_nhat",
                    "Bản nháp chưa đăng tải thì sửa trực tiếp, không cần «cap_nhat».",
                    found=f"{len(report.cap_nhat)} mục cập nhật",
                    expected="bỏ «cap_nhat»",
                )
            )
    return seals, to_lock


def check_publication_date(doc: Document, report: BaoCao, today: date, problems: Problems) -> None:
    """A report is published once its data window has closed and it is signed, and not later than today."""
    assert report.ngay_dang_tai is not None
    published = report.ngay_dang_tai
    earliest = [
        (report.window.den_ngay, f"ngày cuối kỳ số liệu ({text.format_date(report.window.den_ngay)})")
    ]
    if report.ngay_ban_hanh is not None:
        earliest.append((report.ngay_ban_hanh, f"ngày ban hành ({text.format_date(report.ngay_ban_hanh)})"))
    day, what = max(earliest)
    hint = (
        "Báo cáo đã khóa mà ngày đăng tải ghi sai thì sửa ngày và ghi «cap_nhat» "
        "(truong: ngay_dang_tai) như thông báo của lệnh xây dựng."
    )
    if published < day:
        problems.add(
            Problem(
                doc.name,
                doc.line(("ngay_dang_tai",)),
                "ngay_dang_tai",
                "Ngày đăng tải trước khi báo cáo có thể đăng.",
                found=text.format_date(published),
                expected=f"từ {what} trở đi",
                hint=hint,
            )
        )
    elif published > today:
        problems.add(
            Problem(
                doc.name,
                doc.line(("ngay_dang_tai",)),
                "ngay_dang_tai",
                "Ngày đăng tải ở tương lai.",
                found=text.format_date(published),
                expected=f"đến {text.format_date(today)}",
                hint=hint,
            )
        )
