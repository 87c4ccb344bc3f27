"""Publication: the signed original attached to a report, and the lock of published values."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from .. import lock, text
from ..errors import Problem, Problems
from ..load import Document, dotted, load_yaml
from ..models import BaoCao
from .site import Loaded, Original, report_dump

REPORT_DIR = "bao-cao"
ORIGINALS_DIR = "bao-cao/ban-goc"
MAX_ORIGINAL_BYTES = 30_000_000


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
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        err("Tệp bản gốc không phải PDF.", where, "tệp PDF (bắt đầu bằng «%PDF-»)")
        return None
    if len(data) > MAX_ORIGINAL_BYTES:
        err(
            "Tệp bản gốc quá lớn.",
            f"{len(data) / 1e6:.1f} MB",
            f"không quá {MAX_ORIGINAL_BYTES // 1_000_000} MB (quét 150–200 dpi)",
        )
        return None
    return Original(path, report.ban_goc, hashlib.sha256(data).hexdigest(), len(data))


def read_lock(content_dir: Path, shown_as: str, problems: Problems) -> dict[str, Any]:
    """The lock file's entries by report slug; no file means nothing published yet."""
    path = content_dir / lock.LOCK_FILE
    if not path.is_file():
        return {}
    name = f"{shown_as}/{lock.LOCK_FILE}"
    doc = load_yaml(path, name, problems)  # JSON is YAML: errors get their line
    data = doc.data if doc is not None else None
    entries = (
        data.get("bao_cao") if isinstance(data, dict) and data.get("phien_ban") == lock.VERSION else None
    )
    if (
        doc is None
        or not isinstance(entries, dict)
        or not all(
            isinstance(e, dict)
            and {"ngay_dang_tai", "van_tay", "gia_tri"} <= set(e)
            and isinstance(e["gia_tri"], dict)
            for e in entries.values()
        )
    ):
        problems.add(
            Problem(
                name,
                None,
                "",
                "Tệp khóa số liệu bị hỏng.",
                found="nội dung không đúng cấu trúc",
                expected=f"tệp do lệnh «python -m cchc_site khoa» ghi (phiên bản {lock.VERSION})",
                hint="Khôi phục tệp từ lịch sử git; không sửa tay.",
            )
        )
        return {}
    return entries


def check_published(
    reports: list[Loaded],
    files: set[str],
    originals: dict[str, Original | None],
    locked: dict[str, Any],
    shown_as: str,
    today: date,
    locking: bool,
    problems: Problems,
) -> tuple[dict[str, tuple[str, str]], dict[str, dict[str, Any]]]:
    """Published reports equal their locked values plus their recorded corrections.

    Returns each published report's (seal when published, seal now) and the entries to add
    for reports published since the last ``khoa``.
    """
    seals: dict[str, tuple[str, str]] = {}
    to_lock: dict[str, dict[str, Any]] = {}
    for slug in sorted(set(locked) - files):  # a file that fails to load has its own errors
        problems.add(
            Problem(
                f"{shown_as}/{REPORT_DIR}",
                None,
                "",
                f"Báo cáo {slug} đã đăng tải nhưng không còn tệp.",
                found=f"thiếu {shown_as}/{REPORT_DIR}/{slug}.yaml",
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
        now = lock.seal({key: leaf.value for key, leaf in found.items()})
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
            seals[report.slug] = (locked[report.slug]["van_tay"], now)
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
            if report.ngay_dang_tai > today:
                problems.add(
                    Problem(
                        doc.name,
                        doc.line(("ngay_dang_tai",)),
                        "ngay_dang_tai",
                        "Ngày đăng tải ở tương lai.",
                        found=text.format_date(report.ngay_dang_tai),
                        expected=f"đến {text.format_date(today)}",
                    )
                )
            entry = lock.entry(report, found)
            to_lock[report.slug] = entry
            seals[report.slug] = (entry["van_tay"], now)
            if not locking:
                problems.add(
                    Problem(
                        doc.name,
                        doc.line(("ngay_dang_tai",)),
                        "ngay_dang_tai",
                        "Báo cáo đã đánh dấu đăng tải nhưng số liệu chưa được khóa.",
                        found=f"không có {report.slug} trong {shown_as}/{lock.LOCK_FILE}",
                        expected="số liệu được khóa khi đăng tải",
                        hint=f"Chạy «python -m cchc_site khoa» rồi commit {shown_as}/{lock.LOCK_FILE} "
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
