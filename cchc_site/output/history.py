"""Reports over time: indicator series across periods of one kind, and the procedure list's changes.

A series is one indicator (or rate) of one block with one kind of scope, across the periods of
one kind: monthly figures are compared with the month before, annual ones with the year before,
never a 6-month report with a quarter. A year-to-date figure of a month or a quarter restarts in
January: no change is shown across a year. No change is computed across a period with no report.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

from .. import text
from ..core import periods
from ..core.models import ThuTuc
from ..core.periods import Ky
from ..indicators import SCOPE_KINDS
from ..site_data import Report, SiteData

RATE_GROUP = "Tỷ lệ (tính từ số liệu)"


@dataclass(frozen=True)
class Slot:
    """A period of one kind, with its published report (None: no report for it)."""

    ky: Ky
    report: Report | None

    @property
    def label(self) -> str:
        return self.ky.label

    @property
    def slug(self) -> str:
        return self.ky.slug


@dataclass(frozen=True)
class Point:
    value: float  # a count, or a ratio for rates
    shown: str  # "482", "khoảng trên 170", "98,5%"
    approx: bool
    change: float | None = None  # against the previous period, same series
    change_shown: str = ""  # "+12", "−3", "+1,2 điểm %"


@dataclass
class Series:
    """One row of the history table."""

    key: str  # "ho_so.tiep_nhan" or "ty_le.dung_han"
    kind: str  # one of indicators.SCOPE_KINDS
    group: str
    label: str
    unit: str
    is_rate: bool = False
    breakdown: str = ""
    custom: bool = False
    points: dict[str, Point] = field(default_factory=dict)  # by period slug

    @property
    def scope(self) -> str:
        return SCOPE_KINDS[self.kind]


def kinds_of(reports: list[Report]) -> list[str]:
    """The kinds of period the reports have, in the catalogue's order (tháng, quý, …)."""
    present = {r.ky.loai for r in reports}
    return [kind for kind in periods.PERIOD_KINDS if kind in present]


def slots(reports: list[Report], loai: str) -> list[Slot]:
    """Every period of one kind from the first report to the last, oldest first, gaps included."""
    mine = sorted((r for r in reports if r.ky.loai == loai), key=lambda r: r.ky.order)
    if not mine:
        return []
    by_slug = {r.model.slug: r for r in mine}
    if (
        periods.PERIOD_KINDS[loai].span == "years"
    ):  # reviews cover years of their own choosing: only those written
        return [Slot(r.ky, r) for r in mine]
    return [Slot(ky, by_slug.get(ky.slug)) for ky in periods.span(mine[0].ky, mine[-1].ky)]


def indicator_series(reports: list[Report], loai: str) -> list[Series]:
    """Figures and rates of every report of one kind, one series per indicator, block and scope."""
    series: dict[tuple, Series] = {}
    mine = [r for r in reports if r.ky.loai == loai]
    for report in mine:
        slug = report.model.slug
        for row in report.rows:
            if any(part.isdigit() for part in row.key.split(".")):
                continue  # list items (training courses) differ from period to period
            item = series.setdefault(
                (row.key, row.kind, row.breakdown),
                Series(
                    row.key,
                    row.kind,
                    row.group,
                    row.label,
                    row.unit,
                    breakdown=row.breakdown,
                    custom=row.custom,
                ),
            )
            item.points[slug] = Point(row.value, row.shown, row.xap_xi is not None)
        for rate in report.rates:
            if not rate.key or not rate.computable:
                continue
            label = rate.label if rate.variant == "mac_dinh" else f"{rate.label} ({rate.formula})"
            item = series.setdefault(
                (rate.key, rate.variant, rate.breakdown, rate.kind),
                Series(rate.key, rate.kind, RATE_GROUP, label, "%", True, rate.breakdown),
            )
            item.points[slug] = Point(rate.ratio, rate.shown, rate.approx)
    ordered = sorted(_stable_groups(list(series.values())), key=lambda s: s.is_rate)
    all_slots = slots(reports, loai)
    for item in ordered:
        _add_changes(item, all_slots)
    return ordered


def _stable_groups(items: list[Series]) -> list[Series]:
    """Keep document order but bring rows of one group together (first appearance wins)."""
    groups: dict[tuple[bool, str], list[Series]] = {}
    for item in items:
        groups.setdefault((item.is_rate, item.group), []).append(item)
    return [item for rows in groups.values() for item in rows]


def _add_changes(item: Series, all_slots: list[Slot]) -> None:
    for previous, current in itertools.pairwise(all_slots):
        before, now = item.points.get(previous.slug), item.points.get(current.slug)
        if before is None or now is None or current.ky.previous() != previous.ky:
            continue
        if item.kind == "luy_ke" and not current.ky.kind.cumulative and current.ky.nam != previous.ky.nam:
            continue  # year to date restarts: January against December says nothing
        delta = now.value - before.value
        approx = "≈ " if (now.approx or before.approx) else ""
        if item.is_rate:
            points = round(delta * 100, 1)
            shown = f"{approx}{_signed(points)} điểm %"
            delta = points / 100
        else:
            shown = approx + _signed(delta)
        item.points[current.slug] = Point(now.value, now.shown, now.approx, delta, shown)


def _signed(value: float) -> str:
    if value == 0:
        return "0"
    number = text.format_decimal(abs(value))
    return ("+" if value > 0 else "−") + number


@dataclass(frozen=True)
class Change:
    day: date
    action: str  # "niem_yet" | "bai_bo"
    thu_tuc: ThuTuc


@dataclass(frozen=True)
class ListPeriod:
    """One quarter of the procedure list: what changed in it and how many stood at its end."""

    quarter: Slot
    start: date
    end: date
    changes: list[Change]
    count_at_end: int


def reporting_window(ky: Ky, reports: list[Report]) -> tuple[date, date]:
    """The quarter's data window: its report's, else Decree 09/2019's (15th → 14th)."""
    for report in reports:
        if report.ky == ky:
            window = report.model.window
            return window.tu_ngay, window.den_ngay
    return ky.default_window()


def first_listing(site: SiteData) -> date | None:
    days = [t.ngay_niem_yet for t in site.danh_muc.thu_tuc]
    return min(days) if days else None


def list_quarters(reports: list[Report]) -> list[Slot]:
    """The quarters from the first report's period to the last one's, whatever their kinds."""
    if not reports:
        return []
    first = min(r.ky.start for r in reports)
    last = max(r.ky.end for r in reports)
    start, end = periods.quarter_of(first), periods.quarter_of(last)
    by_slug = {r.model.slug: r for r in reports if r.ky.loai == periods.QUARTER}
    return [Slot(ky, by_slug.get(ky.slug)) for ky in periods.span(start, end)]


def list_history(site: SiteData) -> list[ListPeriod]:
    """Each quarter of the reports' span, newest first, with the list's additions and withdrawals.

    Procedures listed on the very first listing date are the initial list, not changes.
    """
    initial = first_listing(site)
    found = []
    for index, quarter in enumerate(list_quarters(site.reports)):
        start, end = reporting_window(quarter.ky, site.reports)
        if index == 0 and initial is not None:
            start = min(start, initial)  # the first period reaches back to the initial list
        changes = []
        for thu_tuc in site.danh_muc.thu_tuc:
            if start <= thu_tuc.ngay_niem_yet <= end and thu_tuc.ngay_niem_yet != initial:
                changes.append(Change(thu_tuc.ngay_niem_yet, "niem_yet", thu_tuc))
            if thu_tuc.ngay_bai_bo and start <= thu_tuc.ngay_bai_bo <= end:
                changes.append(Change(thu_tuc.ngay_bai_bo, "bai_bo", thu_tuc))
        changes.sort(key=lambda c: (c.day, c.action != "bai_bo", text.sort_key(c.thu_tuc.ten)))
        count = sum(1 for t in site.danh_muc.thu_tuc if t.active_on(end))
        found.append(ListPeriod(quarter, start, end, changes, count))
    return list(reversed(found))
