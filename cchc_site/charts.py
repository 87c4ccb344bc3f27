"""Bar charts of a series across the periods of one kind, laid out at build time for an inline SVG template.

Python computes the geometry; ``templates/_chart.html.j2`` draws it. No chart library: a bar
chart is a few rectangles, and writing them ourselves keeps the page free of scripts, fonts
and third-party requests, and lets the SVG carry a title, a description and a data table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import text
from .history import Series, Slot

WIDTH, HEIGHT = 640, 250
LEFT, RIGHT, TOP, BOTTOM = 52, 8, 20, 36


@dataclass(frozen=True)
class Bar:
    period: str  # "Q3/2022"
    x: float  # left edge of the bar's slot
    width: float
    y: float
    height: float
    shown: str | None  # the value as written; None when the period has no value

    @property
    def middle(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    unit: str
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # (y, label) of horizontal grid lines
    rows: list[tuple[str, str]]  # the data table: period, value (or why there is none)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM


def bar_chart(chart_id: str, title: str, series: Series, periods: list[Slot]) -> Chart | None:
    """A chart of one series over every period of its kind (gaps shown as gaps); None without values."""
    values = [series.points[q.slug].value for q in periods if q.slug in series.points]
    if not values:
        return None
    top = 1.0 if series.is_rate else _nice_ceiling(max(values))
    plot_height = HEIGHT - BOTTOM - TOP
    width = (WIDTH - RIGHT - LEFT) / len(periods)
    bars, rows = [], []
    for index, period in enumerate(periods):
        point = series.points.get(period.slug)
        height = 0.0 if point is None else plot_height * point.value / top
        bars.append(
            Bar(
                period.short,
                LEFT + index * width + width * 0.15,
                width * 0.7,
                HEIGHT - BOTTOM - height,
                height,
                point.shown if point else None,
            )
        )
        missing = "không có báo cáo" if period.report is None else "báo cáo không nêu"
        rows.append((period.label, point.shown if point else missing))
    ticks = [(HEIGHT - BOTTOM - plot_height * i / 4, _tick(top * i / 4, series.is_rate)) for i in range(5)]
    return Chart(chart_id, title, _describe(title, series, periods), series.unit, bars, ticks, rows)


def _describe(title: str, series: Series, periods: list[Slot]) -> str:
    """What a screen reader says instead of the picture: span, extremes, gaps."""
    present = [(q, series.points[q.slug]) for q in periods if q.slug in series.points]
    high = max(present, key=lambda item: item[1].value)
    low = min(present, key=lambda item: item[1].value)
    unit = "" if series.is_rate else f" {series.unit}"
    parts = [
        f"Biểu đồ cột: {title} ({series.scope}), từ {periods[0].label} đến {periods[-1].label}.",
        f"Cao nhất {high[1].shown}{unit} ({high[0].label}); thấp nhất {low[1].shown}{unit} ({low[0].label}).",
    ]
    gaps = [q.label for q in periods if q.slug not in series.points]
    if gaps:
        parts.append("Không có số liệu: " + ", ".join(gaps) + ".")
    parts.append("Số liệu từng quý ở bảng kèm theo.")
    return " ".join(parts)


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above ``value`` (axis top)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def _tick(value: float, is_rate: bool) -> str:
    if is_rate:
        return text.format_percent(value)
    return text.format_decimal(value)
