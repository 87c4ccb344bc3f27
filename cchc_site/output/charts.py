"""Bar charts of a series across the periods of one kind, laid out at build time for an inline SVG template.

Python computes the geometry; ``templates/_chart.html.j2`` draws it. No chart library: a bar
chart is a few rectangles, and writing them ourselves keeps the page free of scripts, fonts
and third-party requests, and lets the SVG carry a title, a description and a data table.

The drawing is made for a phone first: the SVG scales to the width of the page, and its
coordinate system is about as wide as a phone's column of text (358 CSS px at 390 px), so
one unit is drawn at least one CSS pixel there and 12-unit text is never smaller than 12 px.
Periods are named as the site writes them («Quý 3/2022»); labels that do not fit their bar
are turned, and on very crowded charts only every few periods are named (the table under
the chart always has every period and value).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import text
from .history import Series, Slot

WIDTH = 320  # at most the column of text of a 360 px phone: text is never drawn smaller than set
FONT = 12  # every text of the chart, in SVG units (the template's style sets the same size)
GAP = 4  # between a label and what it names
PLOT_HEIGHT = 150
TOP = 20  # room for a value written above the tallest bar
RIGHT = 8
TURNED = 45  # degrees a period label turns when it is wider than its bar
SIN = math.sin(math.radians(TURNED))


@dataclass(frozen=True)
class Bar:
    period: str  # «Quý 3/2022», as the site writes the period
    x: float  # left edge of the bar
    width: float
    y: float
    height: float
    shown: str | None  # the value as written; None when the period has no value
    labelled: bool = True  # False on crowded charts: the period is named in the table only

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
    left: float  # x of the vertical axis
    baseline: float  # y of the horizontal axis
    height: float
    period_angle: int = 0  # 0: period labels written level; else turned by -TURNED degrees
    value_angle: int = 0  # 0: values written level above their bar; -90: written upwards
    width: int = WIDTH

    @property
    def right(self) -> float:
        return self.width - RIGHT


def text_width(value: str) -> float:
    """A generous estimate of the width of ``value`` written at ``FONT`` in a sans-serif face."""
    return len(value) * FONT * 0.6


def bar_chart(chart_id: str, title: str, series: Series, periods: list[Slot]) -> Chart | None:
    """A chart of one series over every period of its kind (gaps shown as gaps); None without values."""
    values = [series.points[q.slug].value for q in periods if q.slug in series.points]
    if not values:
        return None
    top_value = 1.0 if series.is_rate else _nice_ceiling(max(values))
    ticks_shown = [_tick(top_value * i / 4, series.is_rate) for i in range(5)]
    labels = [q.label for q in periods]
    shown = [series.points[q.slug].shown for q in periods if q.slug in series.points]
    left = max(text_width(t) for t in ticks_shown) + 2 * GAP
    slot = (WIDTH - RIGHT - left) / len(periods)
    widest = max(text_width(label) for label in labels)

    period_angle = 0 if widest <= slot - GAP else -TURNED
    if period_angle:  # a turned label reaches back to the left: keep the first one inside
        left = max(left, widest * SIN - slot / 2 + GAP)
        slot = (WIDTH - RIGHT - left) / len(periods)
    bottom = FONT + 2 * GAP if period_angle == 0 else widest * SIN + FONT + 2 * GAP
    widest_value = max(text_width(v) for v in shown)
    value_angle = 0 if widest_value <= slot - 2 else -90
    top = TOP if value_angle == 0 else max(TOP, widest_value + 2 * GAP)
    # labels closer than a line apart would overlap: then only every ``step``-th bar is named
    step = max(
        1 if period_angle == 0 else math.ceil((FONT + GAP) / (slot * SIN)),
        1 if value_angle == 0 else math.ceil((FONT + 2) / slot),
    )
    last = len(periods) - 1  # the latest period is always named
    labelled = [(last - index) % step == 0 for index in range(len(periods))]
    baseline = top + PLOT_HEIGHT

    bars, rows = [], []
    for index, period in enumerate(periods):
        point = series.points.get(period.slug)
        height = 0.0 if point is None else PLOT_HEIGHT * point.value / top_value
        bars.append(
            Bar(
                period.label,
                left + index * slot + slot * 0.15,
                slot * 0.7,
                baseline - height,
                height,
                point.shown if point else None,
                labelled[index],
            )
        )
        missing = "không có báo cáo" if period.report is None else "báo cáo không nêu"
        rows.append((period.label, point.shown if point else missing))
    ticks = [(baseline - PLOT_HEIGHT * i / 4, label) for i, label in enumerate(ticks_shown)]
    return Chart(
        chart_id,
        title,
        _describe(title, series, periods),
        series.unit,
        bars,
        ticks,
        rows,
        left,
        baseline,
        math.ceil(baseline + bottom),
        period_angle,
        value_angle,
    )


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
    parts.append("Số liệu từng kỳ ở bảng kèm theo.")
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
