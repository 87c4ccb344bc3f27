"""The merged communes a commune was formed from (``xa.yaml`` → ``hinh_thanh_tu``).

Each keeps its folder ``tien-than/<ma>/`` as its own content folder was: ``bao-cao/*.yaml``,
``bao-cao/ban-goc/*.pdf`` and its own ``khoa-so-lieu.json``, so its reports, and their seals, stay
exactly as they were published. Its reports are checked like the commune's own, among themselves
only: a change «so với kỳ trước» compares a commune's reports with that commune's.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..addresses import LOCK_FILE, REPORT_DIR, REPORT_PAGES, predecessor_dir, report_page
from ..content.documents import Document
from ..core import periods
from ..core.errors import Problem, Problems
from ..core.models import TienThan, Xa
from ..indicators import Catalogue
from ..lock import history as lock_history
from ..site_data import Report
from .files import predecessor_files
from .report_set import read_reports, seal_reports


@dataclass(frozen=True)
class Predecessor:
    """A merged commune and its reports, published (oldest first) and not."""

    info: TienThan
    reports: list[Report] = field(default_factory=list)
    drafts: list[Report] = field(default_factory=list)
    to_lock: dict[str, dict[str, Any]] = field(default_factory=dict)  # for its own lock file
    notice: str | None = None


def check_declared(doc: Document, xa: Xa, content_dir: Path, problems: Problems) -> None:
    """Each merged commune once, with a code that is no period name, and a folder of its own."""
    seen: set[str] = set()
    for index, item in enumerate(xa.hinh_thanh_tu):
        loc = ("hinh_thanh_tu", index, "ma")
        where = f"hinh_thanh_tu[{index}].ma"
        if item.ma in seen:
            problems.add(
                Problem(
                    doc.name, doc.line(loc), where, "Mã xã cũ bị trùng.", item.ma, "mỗi xã cũ một mã riêng"
                )
            )
        elif periods.parse(item.ma) is not None or report_page(item.ma) in REPORT_PAGES:
            problems.add(
                Problem(
                    doc.name,
                    doc.line(loc),
                    where,
                    "Mã xã cũ trùng với tên một trang báo cáo.",
                    item.ma,
                    "mã theo tên xã, VD: hoa-my",
                )
            )
        elif not (content_dir / predecessor_dir(item.ma)).is_dir():
            problems.add(
                Problem(
                    doc.name,
                    doc.line(loc),
                    where,
                    f"Xã cũ {item.ten} không có thư mục báo cáo.",
                    f"thiếu {predecessor_dir(item.ma)}/",
                    f"thư mục {predecessor_dir(item.ma)}/ chứa {REPORT_DIR}/ và {LOCK_FILE} của xã cũ",
                    f"Chép nguyên thư mục {REPORT_DIR}/ và tệp {LOCK_FILE} đã đăng của xã cũ vào đó; "
                    "xã cũ chưa đăng báo cáo nào thì tạo thư mục trống.",
                )
            )
        seen.add(item.ma)


def load_predecessors(
    content_dir: Path,
    shown_as: str,
    xa: Xa | None,
    catalogue: Catalogue,
    read,
    today: date,
    locking: bool,
    problems: Problems,
) -> list[Predecessor]:
    """Every declared merged commune's reports, checked; folders nobody declared are refused."""
    declared = None if xa is None else [p.ma for p in xa.hinh_thanh_tu]
    files = predecessor_files(content_dir, shown_as, declared, problems)
    return [
        _load_one(content_dir, shown_as, info, files[info.ma], catalogue, read, today, locking, problems)
        for info in (xa.hinh_thanh_tu if xa else [])
        if info.ma in files
    ]


def _load_one(
    content_dir: Path,
    shown_as: str,
    info: TienThan,
    report_files: list[Path],
    catalogue: Catalogue,
    read,
    today: date,
    locking: bool,
    problems: Problems,
) -> Predecessor:
    folder = predecessor_dir(info.ma)
    here, shown = content_dir / folder, f"{shown_as}/{folder}"
    found = read_reports(f"{folder}/", report_files, catalogue, read, problems)
    sealed = seal_reports(here, shown, found, report_files, catalogue, today, locking, problems)
    built = [dataclasses.replace(r, tien_than=info) for r in sealed.built]
    return Predecessor(
        info,
        [r for r in built if r.model.ngay_dang_tai is not None],
        [r for r in built if r.model.ngay_dang_tai is None],
        sealed.to_lock,
        lock_history.notice(sealed.history),
    )
