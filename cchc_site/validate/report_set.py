"""One commune's report files, read, checked and sealed: the commune's own, or a merged commune's.

``read_reports`` reads every report file and checks each on its own; ``seal_reports`` checks them
together (one file per period, scans, changes between periods, the lock file and its git history)
and builds the published records. ``load_site`` and ``predecessors`` both go through these two,
so a predecessor's reports are checked exactly as the commune's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..addresses import REPORT_DIR
from ..core import periods
from ..core.errors import Problems
from ..core.models import BaoCao
from ..indicators import Catalogue, figure_rows
from ..indicators.figures import read_figures
from ..lock import file as lock_file
from ..lock import history as lock_history
from ..site_data import Report
from .files import unused_originals
from .publication import check_original, check_published
from .reports import Loaded, check_changes, check_report, check_unique_periods, check_unread_report


@dataclass
class ReadReports:
    loaded: list[Loaded]  # the reports whose every field and figure read
    named_originals: set[str]  # scans the reports name
    every_read: bool  # else a report that failed to load might be the one naming a scan


@dataclass
class SealedReports:
    built: list[Report]  # in period order
    to_lock: dict
    history: lock_history.History


def read_reports(
    folder: str, report_files: list[Path], catalogue: Catalogue, read, problems: Problems
) -> ReadReports:
    """Each report file of ``folder`` (``""`` for the content folder itself), read and checked alone."""
    found = ReadReports([], set(), True)
    for path in report_files:
        read_report = read(f"{folder}{REPORT_DIR}/{path.name}", BaoCao)
        found.every_read = found.every_read and bool(read_report and read_report[1] is not None)
        if read_report and read_report[1] is not None:
            doc, model = read_report
            if model.ban_goc:
                found.named_originals.add(model.ban_goc)
            before = len(problems.errors)
            loaded = Loaded(doc, model, read_figures(doc, model, catalogue, problems))
            figures_read = len(problems.errors) == before
            loaded.rates = check_report(doc, model, loaded, catalogue, problems, figures_read).rates
            if figures_read and periods.parse(path.stem) == model.ky:  # else reported once, not again
                found.loaded.append(loaded)
        elif read_report:  # fields missing (a new report): its blank figures and dates are listed now too
            check_unread_report(read_report[0], catalogue, problems)
    return found


def seal_reports(
    here: Path,
    shown: str,
    found: ReadReports,
    report_files: list[Path],
    catalogue: Catalogue,
    today: date,
    locking: bool,
    problems: Problems,
) -> SealedReports:
    """The reports of one folder checked together against each other, their scans and their lock."""
    reports = found.loaded
    check_unique_periods(reports, problems)
    if found.every_read:
        unused_originals(here, shown, found.named_originals, problems)
    changes = check_changes(reports, catalogue, problems)
    originals = {r.model.slug: check_original(here, shown, r.doc, r.model, problems) for r in reports}
    lock_read = lock_file.read(here, shown, problems)
    history = lock_history.read(here)
    seals, to_lock = check_published(
        reports,
        {p.stem for p in report_files},
        originals,
        lock_read.entries,
        shown,
        today,
        locking or set(history.sealed),  # sealed before: history says what to do, not «khoa»
        problems,
    )
    lock_history.check(history, lock_read, to_lock if locking else {}, problems)
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
        for r in sorted(reports, key=lambda r: r.model.ky.order)
    ]
    return SealedReports(built, to_lock, history)
