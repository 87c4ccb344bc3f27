"""A content folder → the validated site (``site_data.SiteData``), with every rule that spans
fields or files.

All problems of all files are collected, then raised once (``DataError``). The modules:
``context`` (one check: its folder, its day, its problems, reading a file), ``files`` (every file
read or refused), ``safety`` (markup refused), ``reports`` (one report, then across reports),
``report_set`` (a commune's reports read and sealed), ``predecessors`` (merged communes),
``procedures`` (the list), ``records`` (its national records), ``publication`` (signed originals, the lock). The rules in the guide's
words are ``core/rules.py``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .. import runtime
from ..addresses import CONTENT_DIR, CUSTOM_FILE, LIST_FILE, STATIC_DIR, XA_FILE
from ..content import staff_pages
from ..content.staff_pages import StaffPages
from ..core.models import DanhMuc, Xa
from ..indicators import Catalogue, national
from ..indicators.catalogue import KhaiBaoRieng, extend
from ..lock import history as lock_history
from ..site_data import SiteData
from .aliases import read_aliases
from .context import Check
from .files import content_files
from .predecessors import check_declared, load_predecessors
from .procedures import check_list
from .profile import check_contact, check_kind, read_events
from .records import read_records
from .report_set import read_reports, seal_reports
from .reports import check_against_list

__all__ = ["load_site"]


def load_site(
    content_dir: Path,
    shown_as: str = CONTENT_DIR,
    today: date | None = None,
    *,
    locking: bool = False,
    staff: StaffPages | None = None,
) -> SiteData:
    """Load and check every content file; raise ``DataError`` listing every error.

    ``locking``: published reports missing from the lock file are returned in ``to_lock``
    instead of failing (what ``python -m cchc_site khoa`` does). ``staff``: the staff's pages as
    the site renders them (default: ``trang/`` of the content folder), checked too.
    """
    check = Check.of(content_dir, shown_as, today or runtime.today(), locking)
    xa = check.read(XA_FILE, Xa)
    danh_muc = check.read(LIST_FILE, DanhMuc)
    check = check.reading(read_catalogue(check))
    report_files = content_files(check)  # none yet: the site says so
    found = read_reports(check, report_files)
    records = read_records(check, danh_muc.doc if danh_muc else None, danh_muc.value if danh_muc else None)
    if danh_muc and danh_muc.value is not None:
        check_list(check, danh_muc.doc, danh_muc.value)
        for loaded in found.loaded:
            check_against_list(loaded, danh_muc.value, check.problems)
    sealed = seal_reports(check, found, report_files)
    if xa and xa.value is not None:
        check_declared(check, xa.doc, xa.value)
        check_contact(check, xa.doc, xa.value)
        check_kind(check, xa.doc, xa.value)
    merged = load_predecessors(check, xa.value if xa else None)
    events = read_events(check)
    aliases = read_aliases(check)  # the search's everyday words: the default and the commune's own
    pages = staff or StaffPages(content_dir / STATIC_DIR, check.name(STATIC_DIR))
    if pages.folder.is_dir():
        for problem in staff_pages.check_pages(pages):
            check.add(problem)
    check.problems.raise_if_errors()
    assert xa and xa.value and danh_muc and danh_muc.value  # no errors means both read
    return SiteData(
        xa=xa.value,
        danh_muc=danh_muc.value,
        records=records,
        events=events,
        catalogue=check.catalogue,
        warnings=check.problems.warnings,
        reports=[r for r in sealed.built if r.published],
        drafts=[r for r in sealed.built if not r.published],
        to_lock=sealed.to_lock,
        today=check.today,
        notices=list(
            dict.fromkeys(n for n in (lock_history.notice(sealed.history), *(p.notice for p in merged)) if n)
        ),
        predecessors=merged,
        tu_dong_nghia=aliases,
    )


def read_catalogue(check: Check) -> Catalogue:
    """The national catalogue, plus the commune's own indicators when it declares some."""
    catalogue = national()
    if (check.folder / CUSTOM_FILE).is_file():
        declared = check.read(CUSTOM_FILE, KhaiBaoRieng)
        if declared and declared.value is not None:
            catalogue = extend(catalogue, declared.doc, declared.value, check.problems)
    return catalogue
