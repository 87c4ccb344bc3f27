"""Raw YAML documents → validated models, with every rule that spans fields or files.

All problems of all files are collected, then raised once (``DataError``). The modules:
``safety`` (markup refused), ``reports`` (one report, then across reports), ``procedures``
(the list), ``publication`` (signed originals, the lock), ``rules`` (the guide's list of checks),
``site`` (what a successful check returns).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import lock_file, lock_history, periods, runtime, static_pages
from ..errors import Problem, Problems
from ..indicators import Catalogue, figure_rows, national
from ..indicators.catalogue import CUSTOM_FILE, KhaiBaoRieng, extend
from ..indicators.reading import read_figures
from ..load import Document, load_yaml
from ..models import BaoCao, DanhMuc, Xa
from ..translate import validate_model
from .files import STATIC_DIR, XA_FILE, content_files, unused_originals
from .predecessors import Predecessor, check_declared, load_predecessors
from .procedures import LIST_FILE, RESERVED_SLUGS, active_on, check_list, procedure_slug
from .publication import ORIGINALS_DIR, REPORT_DIR, check_original, check_published
from .reports import (
    check_against_list,
    check_changes,
    check_report,
    check_unique_periods,
    check_unread_report,
)
from .rules import RULES, Rule
from .safety import check_text_safety
from .site import Loaded, Original, Report, SiteData, report_dump

__all__ = [
    "CUSTOM_FILE",
    "LIST_FILE",
    "ORIGINALS_DIR",
    "REPORT_DIR",
    "RESERVED_SLUGS",
    "RULES",
    "XA_FILE",
    "Original",
    "Predecessor",
    "Report",
    "Rule",
    "SiteData",
    "active_on",
    "load_site",
    "procedure_slug",
    "report_dump",
    "validate_model",
]


def load_site(
    content_dir: Path,
    shown_as: str = "content",
    today: date | None = None,
    locking: bool = False,
    static_dir: Path | None = None,
    static_shown: str | None = None,
    markdown: tuple[list[Any], dict[str, Any]] | None = None,
) -> SiteData:
    """Load and check every content file; raise ``DataError`` listing every error.

    ``locking``: published reports missing from the lock file are returned in ``to_lock``
    instead of failing (what ``python -m cchc_site khoa`` does). ``static_dir``: the staff's pages
    (default: ``trang/`` of the content folder), checked too.
    """
    problems = Problems()
    today = today or runtime.today()

    def read(relative: str, model: type[BaseModel]) -> tuple[Document, Any] | None:
        path = content_dir / relative
        name = f"{shown_as}/{relative}"
        if not path.exists() and not path.is_symlink():
            problems.add(Problem(name, None, "", "Thiếu tệp dữ liệu.", expected=f"tệp {name}"))
            return None
        doc = load_yaml(path, name, problems, content_dir)
        if doc is None:
            return None
        check_text_safety(doc, problems)
        return doc, validate_model(doc, model, problems)

    xa = read(XA_FILE, Xa)
    danh_muc = read(LIST_FILE, DanhMuc)
    catalogue = read_catalogue(content_dir, read, problems)
    report_files = content_files(content_dir, shown_as, problems)  # none yet: the site says so
    reports: list[Loaded] = []
    named_originals: set[str] = set()
    every_report_read = True
    for path in report_files:
        read_report = read(f"{REPORT_DIR}/{path.name}", BaoCao)
        every_report_read = every_report_read and bool(read_report and read_report[1] is not None)
        if read_report and read_report[1] is not None:
            if read_report[1].ban_goc:
                named_originals.add(read_report[1].ban_goc)
            doc, model = read_report
            before = len(problems.errors)
            loaded = Loaded(doc, model, read_figures(doc, model, catalogue, problems))
            figures_read = len(problems.errors) == before
            loaded.rates = check_report(doc, model, loaded, catalogue, problems, figures_read).rates
            if figures_read and periods.parse(path.stem) == model.ky:  # else reported once, not again
                reports.append(loaded)
        elif read_report:  # fields missing (a new report): its blank figures and dates are listed now too
            check_unread_report(read_report[0], catalogue, problems)

    if danh_muc and danh_muc[1] is not None:
        check_list(danh_muc[0], danh_muc[1], today, problems)
        for loaded in reports:
            check_against_list(loaded, danh_muc[1], problems)
    check_unique_periods(reports, problems)
    if every_report_read:  # else a report that failed to load might be the one naming a scan
        unused_originals(content_dir, shown_as, named_originals, problems)
    changes = check_changes(reports, catalogue, problems)
    originals = {
        r.model.slug: check_original(content_dir, shown_as, r.doc, r.model, problems) for r in reports
    }
    lock_read = lock_file.read(content_dir, shown_as, problems)
    history = lock_history.read(content_dir)
    locked = lock_read.entries
    seals, to_lock = check_published(
        reports,
        {p.stem for p in report_files},
        originals,
        locked,
        shown_as,
        today,
        locking or set(history.sealed),  # sealed before: history says what to do, not «khoa»
        problems,
    )
    lock_history.check(history, lock_read, to_lock if locking else {}, problems)
    if xa and xa[1] is not None:
        check_declared(xa[0], xa[1], content_dir, problems)
    merged = load_predecessors(
        content_dir, shown_as, xa[1] if xa else None, catalogue, read, today, locking, problems
    )

    static = static_dir if static_dir is not None else content_dir / STATIC_DIR
    if static.is_dir():
        for problem in static_pages.check_pages(
            static, static_shown or f"{shown_as}/{STATIC_DIR}", markdown or static_pages.MARKDOWN
        ):
            problems.add(problem)
    problems.raise_if_errors()
    assert xa and danh_muc  # no errors means both loaded
    ordered = sorted(reports, key=lambda r: r.model.ky.order)
    built = [
        Report(
            r.model,
            r.doc.name,
            r.figures,
            tuple(figure_rows(r.model, r.figures)),
            tuple(r.rates),
            tuple(changes.get(r.model.slug, ())),
            originals[r.model.slug],
            *seals.get(r.model.slug, (None, None, lock_file.VERSION)),
        )
        for r in ordered
    ]
    return SiteData(
        xa=xa[1],
        danh_muc=danh_muc[1],
        catalogue=catalogue,
        warnings=problems.warnings,
        reports=[r for r in built if r.model.ngay_dang_tai is not None],
        drafts=[r for r in built if r.model.ngay_dang_tai is None],
        to_lock=to_lock,
        today=today,
        notices=list(
            dict.fromkeys(n for n in (lock_history.notice(history), *(p.notice for p in merged)) if n)
        ),
        predecessors=merged,
    )


def read_catalogue(content_dir: Path, read, problems: Problems) -> Catalogue:
    """The national catalogue, plus the commune's own indicators when it declares some."""
    catalogue = national()
    if (content_dir / CUSTOM_FILE).is_file():
        declared = read(CUSTOM_FILE, KhaiBaoRieng)
        if declared and declared[1] is not None:
            catalogue = extend(catalogue, declared[0], declared[1], problems)
    return catalogue
