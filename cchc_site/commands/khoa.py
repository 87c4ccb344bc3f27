"""``khoa``: record the values of newly published reports, and their new corrections, in the lock
file (never rewrite old ones).

Before writing, the new entries are compared with the last published record it can find: the lock's
git history (checked by ``load_site``), the previous build's verification file
(``site/du-lieu/kiem-chung.json``) and an archived copy given with ``--ban-luu``. A published value,
date or correction that differs from it is refused. The lock file is written atomically
(``lock/write.py``): a kill or a full disk leaves the old file as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..addresses import LOCK_FILE, RECORD, SITE_DIR, predecessor_dir, previous_record, shown
from ..content.writing import failure, write_whole
from ..core.errors import DataError, Problems, format_grouped
from ..lock import archive, corrections
from ..lock import file as lock_file
from ..lock import history as lock_history
from ..site_data import Report
from ..validate import load_site
from ..verify.compare import read_record
from ..verify.download import ArchiveError
from .parser import add_content

NAME = "khoa"


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="khóa số liệu các báo cáo vừa đăng tải (có «ngay_dang_tai») và các lần cập nhật mới",
        description="Ghi dấu vân tay các báo cáo vừa đăng tải và các lần cập nhật mới vào "
        f"{LOCK_FILE}.\nTrước khi ghi, đối chiếu với bản đã công bố: lịch sử git của tệp khóa, tệp "
        f"{SITE_DIR}/{RECORD} của lần xây dựng trước, và bản lưu «--ban-luu» nếu có.",
    )
    add_content(parser)
    parser.add_argument(
        "--ban-luu",
        metavar="BẢN_LƯU",
        help="thư mục trang đã đăng (VD: site-2026-11) hoặc địa chỉ trang, để đối chiếu khi không có git",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    return lock_published(args.content, args.ban_luu)


def lock_published(content: Path, archived_copy: str | None = None) -> int:
    """Record newly published reports and new corrections in the lock file (never rewrite old ones)."""
    try:
        site = load_site(content, shown(content), locking=True)
    except DataError as exc:
        print(format_grouped(exc.problems), file=sys.stderr)
        print("Sửa các lỗi trên rồi chạy lại; chưa khóa báo cáo nào.", file=sys.stderr)
        return 1
    folders = [(content, site.reports, site.to_lock, "")] + [  # a merged commune keeps its own lock file
        (content / predecessor_dir(p.info.ma), p.reports, p.to_lock, f" của xã {p.info.ten}")
        for p in site.predecessors
    ]
    problems = Problems()
    existing = [lock_file.read(folder, shown(folder), problems).entries for folder, *_ in folders]
    if problems.errors:  # load_site read the same file without errors: changed meanwhile
        print(format_grouped(problems.errors), file=sys.stderr)
        return 1
    updates = [
        _new_corrections(reports, entries)
        for (_, reports, _, _), entries in zip(folders, existing, strict=True)
    ]
    records, notes = _published_records(content, archived_copy)
    if records is None:
        print("\n".join(notes), file=sys.stderr)
        print("Chưa khóa báo cáo nào.", file=sys.stderr)
        return 1
    refused = _compare(records, site.reports, existing[0], site.to_lock)
    if refused:
        print("\n".join(refused), file=sys.stderr)
        print(
            "Báo cáo đã công bố không được khóa lại với nội dung khác. Khôi phục tệp khóa (git hoặc bản "
            "sao lưu), trả lại nội dung đã công bố, rồi ghi mỗi thay đổi bằng lệnh "
            "«python -m cchc_site dinh-chinh». Chưa khóa báo cáo nào.",
            file=sys.stderr,
        )
        return 1
    if not any(to_lock or update for (_, _, to_lock, _), update in zip(folders, updates, strict=True)):
        print("Không có báo cáo mới đăng tải hay lần cập nhật mới cần khóa.")
        return 0
    for line in notes:
        print(line)
    for (folder, _, to_lock, whose), entries, update in zip(folders, existing, updates, strict=True):
        if not (to_lock or update):
            continue
        path = folder / LOCK_FILE
        try:
            write_whole(path, lock_file.dump({**entries, **update, **to_lock}).encode("utf-8"))
        except OSError as exc:
            print(_not_written(shown(path), exc), file=sys.stderr)
            return 1
        for slug, entry in sorted(to_lock.items()):
            print(f"Đã khóa số liệu báo cáo {slug}{whose} (dấu vân tay {entry['van_tay'][:16]}…).")
        for slug, entry in sorted(update.items()):
            added = len(corrections.of(entry)) - len(corrections.of(entries[slug]))
            print(f"Đã khóa {added} lần cập nhật mới của báo cáo {slug}{whose}.")
    for line in site.notices:
        print(line)
    print(
        f"Hãy commit {shown(content / LOCK_FILE) if len(folders) == 1 else f'các tệp {LOCK_FILE} vừa ghi'} "
        "cùng các tệp báo cáo. Từ nay mọi thay đổi phải ghi trong «cap_nhat» "
        "(lệnh «python -m cchc_site dinh-chinh»)."
    )
    return 0


def _new_corrections(reports: list[Report], entries: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Locked reports whose corrections grew since ``khoa`` last ran: their entries with all sealed.

    ``load_site`` has checked that the sealed ones are unchanged at the start of the list."""
    updated = {}
    for report in reports:
        entry = entries.get(report.model.slug)
        now = [corrections.sealed(c) for c in report.model.cap_nhat]
        if entry is not None and len(now) > len(corrections.of(entry)):
            updated[report.model.slug] = {**entry, corrections.KEY: now}
    return updated


def _published_records(content: Path, archived_copy: str | None) -> tuple[list[Record] | None, list[str]]:
    """The verification records to compare with, and what to say; None when a given copy cannot be read."""
    records: list[Record] = []
    notes: list[str] = []
    previous = previous_record(content)
    if previous.is_file():
        try:
            records.append((f"{SITE_DIR}/{RECORD}", read_record(str(previous))[1]))
        except ArchiveError as exc:
            notes.append(f"Bỏ qua bản xây dựng trước khi đối chiếu: {exc}")
    if archived_copy:
        try:
            records.append(read_record(archived_copy))
        except ArchiveError as exc:
            return None, [str(exc)]
    if not records:
        history = lock_history.read(content)
        if not history.checked:
            notes.append(
                f"Không có lịch sử git ({history.reason}) hay bản đã công bố ({SITE_DIR}/{RECORD}) để đối "
                "chiếu: chỉ khóa báo cáo chưa từng khóa. Có bản lưu của trang thì chạy lại với «--ban-luu»."
            )
    return records, notes


Record = tuple[str, dict[str, Any]]  # where it was read, and the record


def _compare(
    records: list[Record],
    reports: list[Report],
    entries: dict[str, dict[str, Any]],
    to_lock: dict[str, dict[str, Any]],
) -> list[str]:
    """Each difference between what is about to be sealed and a published record, in Vietnamese."""
    lines: list[str] = []
    by_slug = {report.model.slug: report for report in reports}
    for where, record in records:
        for slug in sorted(record["bao_cao"]):
            report = by_slug.get(slug)
            if report is None or (slug not in entries and slug not in to_lock):
                lines.append(
                    f"Báo cáo {slug} đã công bố ({where}) nhưng nay "
                    + ("không còn được đăng." if report is None else "không có trong tệp khóa.")
                )
                continue
            sealed = [corrections.sealed(c) for c in report.model.cap_nhat]
            found = archive.differences(record, slug, to_lock.get(slug), sealed)
            if found:
                lines.append(f"Báo cáo {slug} khác với bản đã công bố ({where}):")
                lines += [f"  - {item}" for item in found]
    return lines


def _not_written(path: str, exc: OSError) -> str:
    """Why the lock could not be written, in Vietnamese; the old file is as it was."""
    message = failure(exc, f"ghi {path}")
    return message[0].upper() + message[1:] + " Tệp khóa vẫn nguyên như trước, chưa khóa báo cáo nào."
