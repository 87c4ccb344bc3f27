"""The merged communes a commune was formed from (``xa.yaml`` → ``hinh_thanh_tu``).

Each keeps its folder ``tien-than/<ma>/`` as its own content folder was: ``bao-cao/*.yaml``,
``bao-cao/ban-goc/*.pdf`` and its own ``khoa-so-lieu.json``, so its reports, and their seals, stay
exactly as they were published. Its reports are checked like the commune's own, among themselves
only: a change «so với kỳ trước» compares a commune's reports with that commune's.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..addresses import LOCK_FILE, REPORT_DIR, REPORT_PAGES, predecessor_dir, report_page
from ..content.documents import Document
from ..core import periods
from ..core.models import TienThan, Xa
from ..lock import history as lock_history
from ..site_data import Predecessor
from .context import Check
from .files import predecessor_files
from .report_set import read_reports, seal_reports


def check_declared(check: Check, doc: Document, xa: Xa) -> None:
    """Each merged commune once, with a code that is no period name, and a folder of its own."""
    seen: set[str] = set()
    for index, item in enumerate(xa.hinh_thanh_tu):
        loc = ("hinh_thanh_tu", index, "ma")
        if item.ma in seen:
            check.add(doc.problem(loc, "Mã xã cũ bị trùng.", item.ma, "mỗi xã cũ một mã riêng"))
        elif periods.parse(item.ma) is not None or report_page(item.ma) in REPORT_PAGES:
            check.add(
                doc.problem(
                    loc, "Mã xã cũ trùng với tên một trang báo cáo.", item.ma, "mã theo tên xã, VD: hoa-my"
                )
            )
        elif not (check.folder / predecessor_dir(item.ma)).is_dir():
            check.add(
                doc.problem(
                    loc,
                    f"Xã cũ {item.ten} không có thư mục báo cáo.",
                    f"thiếu {predecessor_dir(item.ma)}/",
                    f"thư mục {predecessor_dir(item.ma)}/ chứa {REPORT_DIR}/ và {LOCK_FILE} của xã cũ",
                    f"Chép nguyên thư mục {REPORT_DIR}/ và tệp {LOCK_FILE} đã đăng của xã cũ vào đó; "
                    "xã cũ chưa đăng báo cáo nào thì tạo thư mục trống.",
                )
            )
        seen.add(item.ma)


def load_predecessors(check: Check, xa: Xa | None) -> list[Predecessor]:
    """Every declared merged commune's reports, checked; folders nobody declared are refused."""
    declared = None if xa is None else [p.ma for p in xa.hinh_thanh_tu]
    files = predecessor_files(check, declared)
    return [
        _load_one(check.within(predecessor_dir(info.ma)), info, files[info.ma])
        for info in (xa.hinh_thanh_tu if xa else [])
        if info.ma in files
    ]


def _load_one(check: Check, info: TienThan, report_files: list[Path]) -> Predecessor:
    found = read_reports(check, report_files)
    sealed = seal_reports(check, found, report_files)
    built = [dataclasses.replace(r, tien_than=info) for r in sealed.built]
    return Predecessor(
        info,
        [r for r in built if r.published],
        [r for r in built if not r.published],
        sealed.to_lock,
        lock_history.notice(sealed.history),
    )
