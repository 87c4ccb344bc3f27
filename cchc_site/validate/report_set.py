"""One commune's report files, read, checked and sealed: the commune's own, or a merged commune's.

``read_reports`` reads every report file and checks each on its own; ``seal_reports`` checks them
together (one file per period, scans, changes between periods, the lock file and its git history)
and builds the published records. ``load_site`` and ``predecessors`` both go through these two,
so a predecessor's reports are checked exactly as the commune's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..addresses import REPORT_DIR, report_file
from ..content.documents import Document
from ..core import periods
from ..core.errors import Problem
from ..core.models import BaoCao
from ..indicators import figure_rows
from ..indicators.figures import read_figures
from ..lock import file as lock_file
from ..lock import history as lock_history
from ..site_data import Report
from .context import Check
from .files import folder_names, unused_originals
from .near_miss import closest, intended_period, shown
from .publication import check_original, check_published
from .reports import Loaded, check_changes, check_report, check_unique_periods, check_unread_report


@dataclass(frozen=True)
class ReadReports:
    loaded: list[Loaded]  # the reports whose every field and figure read
    named_originals: set[str]  # scans the reports name
    every_read: bool  # else a report that failed to load might be the one naming a scan
    misnamed: dict[str, str] = field(default_factory=dict)  # period its text names → file named otherwise


@dataclass(frozen=True)
class SealedReports:
    built: list[Report]  # in period order
    to_lock: dict[str, dict[str, Any]]
    history: lock_history.History


def read_reports(check: Check, report_files: list[Path]) -> ReadReports:
    """Each report file of the folder, read and checked on its own."""
    loaded: list[Loaded] = []
    named: set[str] = set()
    every_read = True
    misnamed: dict[str, str] = {}
    for path in report_files:
        read = check.read(f"{REPORT_DIR}/{path.name}", BaoCao)
        if read is None or read.value is None:
            every_read = False
            _misnamed_unread(check, path)
        if read is None:
            continue
        if read.value is None:  # fields missing (a new report): its blanks are listed now too
            check_unread_report(read.doc, check.catalogue, check.problems)
        else:
            one = read_report(check, read.doc, read.value)
            named.update([read.value.ban_goc] if read.value.ban_goc else [])
            if periods.parse(path.stem) != read.value.ky:  # the name is reported by the report's checks
                misnamed.setdefault(read.value.ky.slug, path.name)
            elif one is not None:
                loaded.append(one)
    return ReadReports(loaded, named, every_read, misnamed)


def _misnamed_unread(check: Check, path: Path) -> None:
    """A report that does not read cannot say its period: its name alone says what it was meant to be."""
    if periods.parse(path.stem) is not None:
        return
    intended = intended_period(path.name)
    check.add(
        Problem(
            check.name(f"{REPORT_DIR}/{shown(path.name)}"),
            None,
            "",
            "Tên tệp báo cáo không đúng dạng của một kỳ báo cáo.",
            found=shown(path.name),
            expected=f"{intended}.yaml" if intended else "tên theo kỳ: " + periods.kinds_help(),
            hint=f"Có phải là «{intended}.yaml»? Đổi tên tệp cho đúng." if intended else None,
        )
    )


def read_report(check: Check, doc: Document, model: BaoCao) -> Loaded | None:
    """One report's figures read and its own rules checked; None when a figure does not read."""
    before = len(check.problems.errors)
    figures = read_figures(doc, model, check.catalogue, check.problems)
    figures_read = len(check.problems.errors) == before
    rates = check_report(doc, model, figures, check.catalogue, check.problems, figures_read).rates
    return Loaded(doc, model, figures, tuple(rates)) if figures_read else None


def seal_reports(check: Check, found: ReadReports, report_files: list[Path]) -> SealedReports:
    """The reports of one folder checked together against each other, their scans and their lock."""
    reports = found.loaded
    check_unique_periods(reports, check.problems)
    if found.every_read:
        unused_originals(check, found.named_originals)
    changes = check_changes(reports, check.catalogue, check.problems)
    originals = {r.model.slug: check_original(check, r.doc, r.model) for r in reports}
    lock_read = lock_file.read(check.folder, check.shown, check.problems)
    history = lock_history.read(check.folder)
    stems = {p.stem for p in report_files}
    sealed, to_lock = check_published(
        check,
        reports,
        stems | lost_published(check, set(lock_read.entries) - stems, found.misnamed),
        originals,
        lock_read.entries,
        set(history.sealed),  # sealed before: history says what to do, not «khoa»
    )
    lock_history.check(history, lock_read, to_lock if check.locking else {}, check.problems)
    built = [
        Report(
            model=r.model,
            file=r.doc.name,
            figures=r.figures,
            catalogue=check.catalogue,
            rows=tuple(figure_rows(r.model, r.figures)),
            rates=r.rates,
            changes=tuple(changes.get(r.model.slug, ())),
            original=originals[r.model.slug],
            seal=sealed[r.model.slug].at_publication,
            current_seal=sealed[r.model.slug].now,
            seal_version=sealed[r.model.slug].version,
        )
        for r in sorted(reports, key=lambda r: r.model.ky.order)
    ]
    return SealedReports(built, to_lock, history)


def lost_published(check: Check, lost: set[str], misnamed: dict[str, str]) -> set[str]:
    """Published reports whose file is there under another name: each said with the name it needs.

    The file is the one whose text names the period, else a file of the folder whose name is close
    to it («2022-Q3.yaml», «2022-q03.yaml», «2022-q3 (1).yaml»). Returns the periods said here.
    """
    said: set[str] = set()
    if not lost:
        return said
    others = [name for name in folder_names(check.folder / REPORT_DIR) if not _named_right(name)]
    for slug in sorted(lost):
        by_text = misnamed.get(slug)
        name = by_text or next((n for n in others if closest(n, [slug]) == slug), None)
        if name is None:
            continue
        label = periods.parse(slug)
        why = f"nội dung tệp ghi {label.label}" if by_text and label else "tên tệp gần giống"
        check.add(
            Problem(
                check.name(f"{REPORT_DIR}/{shown(name)}"),
                None,
                "",
                f"Báo cáo {slug} đã đăng tải nhưng không còn tệp {check.name(report_file(slug))}; có lẽ tệp «{shown(name)}» là nó ({why}).",
                found=shown(name),
                expected=f"{slug}.yaml",
                hint=f"Đổi tên tệp «{shown(name)}» thành «{slug}.yaml» (báo cáo đã công bố giữ tên theo kỳ), "
                "rồi chạy lại; nếu không phải, khôi phục tệp từ lịch sử git.",
            )
        )
        said.add(slug)
    return said


def _named_right(name: str) -> bool:
    return name.endswith(".yaml") and periods.parse(name.removesuffix(".yaml")) is not None
