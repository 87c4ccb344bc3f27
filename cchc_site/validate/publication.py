"""Publication: the signed original attached to a report, and the lock of published values."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any, NamedTuple

from .. import text
from ..addresses import LOCK_FILE, ORIGINALS_DIR, REPORT_DIR, report_file
from ..content.documents import Document
from ..content.os_errors import unreadable
from ..core.errors import Problem, Problems
from ..core.models import BaoCao
from ..core.rules import MAX_ORIGINAL_MB
from ..lock import corrections as sealed_corrections
from ..lock import seal as lock
from ..site_data import Original, report_dump
from .context import Check
from .reports import Loaded


def check_original(check: Check, doc: Document, report: BaoCao) -> Original | None:
    """The attached PDF must exist, be a PDF and stay a reasonable size; its SHA-256 is shown."""
    if report.ban_goc is None:
        return None
    path = check.folder / ORIGINALS_DIR / report.ban_goc
    where = check.name(f"{ORIGINALS_DIR}/{report.ban_goc}")
    folder = check.name(f"{ORIGINALS_DIR}/")

    def err(message: str, found: str, expected: str) -> None:
        check.add(doc.problem(("ban_goc",), message, found, expected))

    if not path.is_file():
        err("Không tìm thấy tệp bản gốc.", where, f"tệp PDF trong thư mục {folder}")
        return None
    try:
        outside = not path.resolve().is_relative_to(check.folder.resolve())
    except (OSError, RuntimeError):
        outside = True
    if outside:  # a linked file or folder: never read, never published
        err(
            "Tệp bản gốc là liên kết tới ngoài thư mục dữ liệu: không đọc, không đăng.",
            where,
            f"tệp PDF thật trong thư mục {folder}",
        )
        return None
    try:  # the size first: a scan over the limit is refused unread
        size = path.stat().st_size
        if size > MAX_ORIGINAL_MB * 1_000_000:
            err(
                "Tệp bản gốc quá lớn.",
                f"{size / 1e6:.1f} MB",
                f"không quá {MAX_ORIGINAL_MB} MB (quét 150–200 dpi)",
            )
            return None
        with path.open("rb") as handle:
            data = handle.read(MAX_ORIGINAL_MB * 1_000_000 + 1)
    except OSError as exc:
        why = unreadable(exc)
        check.add(
            doc.problem(
                ("ban_goc",),
                f"Không đọc được tệp bản gốc ({why.reason}).",
                where,
                "một tệp PDF đọc được",
                why.action,
            )
        )
        return None
    if not data.startswith(b"%PDF-"):
        err("Tệp bản gốc không phải PDF.", where, "tệp PDF (bắt đầu bằng «%PDF-»)")
        return None
    if len(data) > MAX_ORIGINAL_MB * 1_000_000:  # grew while being read
        err(
            "Tệp bản gốc quá lớn.",
            f"hơn {MAX_ORIGINAL_MB} MB",
            f"không quá {MAX_ORIGINAL_MB} MB (quét 150–200 dpi)",
        )
        return None
    return Original(path, report.ban_goc, hashlib.sha256(data).hexdigest(), len(data))


class Seals(NamedTuple):
    """A report's fingerprints: when published (from the lock), today, and the lock entry's version."""

    at_publication: str | None
    now: str | None
    version: int


def check_published(
    check: Check,
    reports: list[Loaded],
    files: set[str],
    originals: dict[str, Original | None],
    locked: dict[str, Any],
    sealed_before: set[str],
) -> tuple[dict[str, Seals], dict[str, dict[str, Any]]]:
    """Published reports equal their locked values plus their recorded corrections.

    Returns each report's seals and the entries to add for reports published since the last
    ``khoa``: while sealing (``check.locking``) they are no errors; a report ``sealed_before`` (git
    history holds it) is not reported missing here, the history check says what to do.
    """
    seals: dict[str, Seals] = {}
    to_lock: dict[str, dict[str, Any]] = {}
    for slug in sorted(set(locked) - files):  # a file that fails to load has its own errors
        check.add(
            Problem(
                check.name(REPORT_DIR),
                None,
                "",
                f"Báo cáo {slug} đã đăng tải nhưng không còn tệp.",
                found=f"thiếu {check.name(report_file(slug))}",
                expected="báo cáo đã công bố được giữ lại; sửa nội dung thì ghi «cap_nhat»",
                hint="Khôi phục tệp từ lịch sử git hoặc bản sao lưu.",
            )
        )
    for loaded in reports:
        doc, report = loaded.doc, loaded.model
        original = originals.get(report.slug)
        found = lock.leaves(
            report_dump(report, loaded.figures), loaded.figures, original.sha256 if original else None
        )
        now = lock.seal(lock.sealed_values(found, lock.version_of(locked.get(report.slug))))
        seals[report.slug] = Seals(None, None, lock.VERSION)
        if report.ngay_dang_tai is not None:
            check_publication_date(doc, report, check.today, check.problems)
        if report.slug in locked:
            issues = lock.check(report, locked[report.slug], found, check.today, check.catalogue)
            issues += sealed_corrections.check(report.cap_nhat, locked[report.slug])
            for issue in issues:
                check.add(doc.problem(issue.loc, issue.message, issue.found, issue.expected, issue.hint))
            seals[report.slug] = Seals(
                locked[report.slug]["van_tay"], now, lock.version_of(locked[report.slug])
            )
        elif report.ngay_dang_tai is not None:
            if report.cap_nhat:
                check.add(
                    doc.problem(
                        ("cap_nhat",),
                        "Báo cáo chưa khóa số liệu thì chưa có gì để cập nhật.",
                        f"{len(report.cap_nhat)} mục cập nhật",
                        "bỏ «cap_nhat»",
                    )
                )
            entry = lock.entry(report, found)
            to_lock[report.slug] = entry
            seals[report.slug] = Seals(entry["van_tay"], now, lock.VERSION)
            if not (check.locking or report.slug in sealed_before):
                check.add(
                    doc.problem(
                        ("ngay_dang_tai",),
                        "Báo cáo đã đánh dấu đăng tải nhưng số liệu chưa được khóa.",
                        f"không có {report.slug} trong {check.name(LOCK_FILE)}",
                        "số liệu được khóa khi đăng tải",
                        f"Chạy «python -m cchc_site khoa» rồi commit {check.name(LOCK_FILE)} "
                        "cùng tệp báo cáo. Chưa muốn đăng thì bỏ trống «ngay_dang_tai».",
                    )
                )
        elif report.cap_nhat:
            check.add(
                doc.problem(
                    ("cap_nhat",),
                    "Bản nháp chưa đăng tải thì sửa trực tiếp, không cần «cap_nhat».",
                    f"{len(report.cap_nhat)} mục cập nhật",
                    "bỏ «cap_nhat»",
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
            doc.problem(
                ("ngay_dang_tai",),
                "Ngày đăng tải trước khi báo cáo có thể đăng.",
                text.format_date(published),
                f"từ {what} trở đi",
                hint,
            )
        )
    elif published > today:
        problems.add(
            doc.problem(
                ("ngay_dang_tai",),
                "Ngày đăng tải ở tương lai.",
                text.format_date(published),
                f"đến {text.format_date(today)}",
                hint,
            )
        )
