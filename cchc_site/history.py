"""Reports over time: indicator series across quarters, and the procedure list's changes.

A series is one indicator with one kind of scope: a year-to-date figure and a quarterly one
never share a row, and a change is only computed against the quarter just before, of the
same kind (year-to-date figures restart in the first quarter: no change is shown there).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from . import text
from .indicators import KINDS, figure_rows, rates
from .models import ThuTuc, default_period
from .validate import Report, SiteData, active_on

RATE_GROUP = "Tỷ lệ (tính từ số liệu)"


@dataclass(frozen=True)
class Quarter:
    nam: int
    quy: int
    report: Report | None  # None: no published report for this quarter

    @property
    def label(self) -> str:
        return f"Quý {self.quy}/{self.nam}"

    @property
    def short(self) -> str:
        return f"Q{self.quy}/{self.nam}"

    @property
    def slug(self) -> str:
        return f"{self.nam}-q{self.quy}"


@dataclass(frozen=True)
class Point:
    value: float  # a count, or a ratio for rates
    shown: str  # "482", "khoảng trên 170", "98,5%"
    approx: bool
    change: float | None = None  # against the previous quarter, same series
    change_shown: str = ""  # "+12", "−3", "+1,2 điểm %"


@dataclass
class Series:
    """One row of the history table."""

    key: str  # "ho_so.tiep_nhan" or "ty_le.dung_han"
    kind: str  # one of indicators.KINDS
    group: str
    label: str
    unit: str
    is_rate: bool = False
    points: dict[str, Point] = field(default_factory=dict)  # by quarter slug

    @property
    def scope(self) -> str:
        return KINDS[self.kind]


def quarters(reports: list[Report]) -> list[Quarter]:
    """Every quarter from the first report to the last, oldest first, gaps included."""
    if not reports:
        return []
    by_slug = {r.model.slug: r for r in reports}
    first, last = reports[0].model, reports[-1].model
    found = []
    nam, quy = first.nam, first.quy
    while (nam, quy) <= (last.nam, last.quy):
        found.append(Quarter(nam, quy, by_slug.get(f"{nam}-q{quy}")))
        nam, quy = (nam, quy + 1) if quy < 4 else (nam + 1, 1)
    return found


def indicator_series(reports: list[Report]) -> list[Series]:
    """Figures and rates of every report, one series per indicator and kind of scope."""
    series: dict[tuple[str, str], Series] = {}
    for report in reports:
        slug = report.model.slug
        for row in figure_rows(report.model):
            if any(part.isdigit() for part in row.key.split(".")):
                continue  # list items (training courses) differ from quarter to quarter
            item = series.setdefault((row.key, row.kind), Series(row.key, row.kind, row.group, row.label, row.unit))
            item.points[slug] = Point(row.value, row.shown, row.xap_xi is not None)
        for rate in rates(report.model):
            item = series.setdefault((rate.key, rate.kind), Series(rate.key, rate.kind, RATE_GROUP, rate.label, "%", True))
            item.points[slug] = Point(rate.ratio, rate.shown, False)
    ordered = sorted(_stable_groups(list(series.values())), key=lambda s: s.is_rate)
    all_quarters = quarters(reports)
    for item in ordered:
        _add_changes(item, all_quarters)
    return ordered


def _stable_groups(items: list[Series]) -> list[Series]:
    """Keep document order but bring rows of one group together (first appearance wins)."""
    groups: dict[tuple[bool, str], list[Series]] = {}
    for item in items:
        groups.setdefault((item.is_rate, item.group), []).append(item)
    return [item for rows in groups.values() for item in rows]


def _add_changes(item: Series, all_quarters: list[Quarter]) -> None:
    for previous, current in zip(all_quarters, all_quarters[1:]):
        before, now = item.points.get(previous.slug), item.points.get(current.slug)
        if before is None or now is None:
            continue
        if item.kind == "luy_ke" and current.nam != previous.nam:
            continue  # year to date restarts: Q1 against Q4 says nothing
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


# --- the procedure list over time -------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    day: date
    action: str  # "niem_yet" | "bai_bo"
    thu_tuc: ThuTuc


@dataclass(frozen=True)
class ListPeriod:
    """One quarter of the procedure list: what changed in it and how many stood at its end."""

    quarter: Quarter
    start: date
    end: date
    changes: list[Change]
    count_at_end: int


def reporting_window(nam: int, quy: int, reports: list[Report]) -> tuple[date, date]:
    """The quarter's data window: its report's, else Decree 09/2019's (15th → 14th)."""
    for report in reports:
        if (report.model.nam, report.model.quy) == (nam, quy):
            return report.model.period.tu_ngay, report.model.period.den_ngay
    return default_period(nam, quy)


def first_listing(site: SiteData) -> date | None:
    days = [t.ngay_niem_yet for t in site.danh_muc.thu_tuc]
    return min(days) if days else None


def list_history(site: SiteData) -> list[ListPeriod]:
    """Each quarter of the reports' span, newest first, with the list's additions and withdrawals.

    Procedures listed on the very first listing date are the initial list, not changes.
    """
    initial = first_listing(site)
    periods = []
    for index, quarter in enumerate(quarters(site.reports)):
        start, end = reporting_window(quarter.nam, quarter.quy, site.reports)
        if index == 0 and initial is not None:
            start = min(start, initial)  # the first period reaches back to the initial list
        changes = []
        for thu_tuc in site.danh_muc.thu_tuc:
            if start <= thu_tuc.ngay_niem_yet <= end and thu_tuc.ngay_niem_yet != initial:
                changes.append(Change(thu_tuc.ngay_niem_yet, "niem_yet", thu_tuc))
            if thu_tuc.ngay_bai_bo and start <= thu_tuc.ngay_bai_bo <= end:
                changes.append(Change(thu_tuc.ngay_bai_bo, "bai_bo", thu_tuc))
        changes.sort(key=lambda c: (c.day, c.action != "bai_bo", text.sort_key(c.thu_tuc.ten)))
        count = sum(1 for t in site.danh_muc.thu_tuc if active_on(t, end))
        periods.append(ListPeriod(quarter, start, end, changes, count))
    return list(reversed(periods))
