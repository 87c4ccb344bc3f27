"""Reporting periods: the kinds of report a commune writes, each declared once, here.

A kind (``PeriodKind``) says all the software knows of it: its key in a report file («loai_ky»),
its name, its file stem and so its page address (``2022-q3``), the fields it writes in a report
file, its labels as documents write them, how its dates fall (numbered within the year, from
January, or whole years), its longest data window, and the phrases by which a Word file names it.
Every other module asks a ``Ky`` (one period of a kind) or ``PERIOD_KINDS``: adding a kind is one
entry in ``PERIOD_KINDS``.

Data windows follow Decree 09/2019/NĐ-CP: the 15th of the month before the period → the 14th of
its last month; a kind counted from January (6 tháng, 9 tháng, năm) is cumulative from 15/12 of
the year before.
"""

from __future__ import annotations

import calendar
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Literal

Span = Literal["numbered", "from_january", "years"]
FIRST_REPORT_YEAR, LAST_REPORT_YEAR = 2000, 2100  # of a period: a year outside is a typing slip
LAST_YEAR_FIELD = "den_nam"  # the report file's field for the last year of a kind of whole years
QUARTER = "quy"  # the kind the procedure list's history and a province's deadlines count in
ROMAN_QUARTERS = ("I", "II", "III", "IV")
_ROMAN = {numeral.lower(): number for number, numeral in enumerate(ROMAN_QUARTERS, 1)}
# periods documents name that are no kind of the site: the clerk says which one with --ky
UNNAMED_PHRASES = (re.compile(r"\b6 thang cuoi nam"),)


@dataclass(frozen=True)
class PeriodKind:
    """One kind of report. Texts are formats of ``{nam}``, ``{so}`` (the month or quarter),
    ``{so_la_ma}`` (the quarter in Roman numerals) and ``{den_nam}`` (the last year)."""

    key: str  # «loai_ky» in a report file: "quy"
    name: str  # as in «báo cáo quý»: "quý"
    stem: str  # the report's file name without «.yaml», and its page address: "{nam}-q{so}"
    label: str  # as documents write the period: "Quý {so}/{nam}"
    in_year: str  # within its year, for tables by year: "Quý {so}"
    in_words: str  # in a sentence: "quý {so} năm {nam}"
    span: Span  # numbered within the year, counted from January, or whole years
    months: int  # how many it covers (whole years: per year)
    max_days: int  # the longest data window (whole years: per year)
    example: str  # a file stem, for messages: "2022-q3"
    number_field: str | None = None  # the report file's field holding ``so``; writing it implies the kind
    heading: str | None = None  # as a heading writes it; default: the label in capitals
    next_focus: str | None = (
        None  # what the report's «phương hướng» is for; default: the next period's heading
    )
    phrases: tuple[str, ...] = ()  # how a document names it, on its text without diacritics, in lower case
    loose_phrases: bool = (
        False  # phrases other kinds' contain: tried last, and only in the summary and closing
    )

    @property
    def per_year(self) -> int:
        """Periods of this kind in a year: 12 months, 4 quarters; 1 counted from January; 0 for whole years."""
        return {"numbered": 12 // self.months, "from_january": 1, "years": 0}[self.span]

    @property
    def cumulative(self) -> bool:
        """Counted from the start of its (first) year: its window is the year to date."""
        return self.span != "numbered"

    @property
    def covers_quarter(self) -> bool:
        """A report of this kind stands for the quarter it ends (a quarter's, 6 months', a year's)."""
        return self.span != "years" and self.months % 3 == 0

    def fields(self) -> tuple[str, ...]:
        """The period fields it writes in a report file, besides «nam»."""
        if self.number_field:
            return (self.number_field,)
        return ("loai_ky", LAST_YEAR_FIELD) if self.span == "years" else ("loai_ky",)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The stem as a pattern (``{so:02d}`` is two digits); ``parse`` checks the values."""
        parts = []
        for literal, name, spec, _ in string.Formatter().parse(self.stem):
            parts.append(re.escape(literal))
            if name is not None:
                digits = "4" if name != "so" else ("2" if spec == "02d" else "1,2")
                parts.append(f"(?P<{name}>\\d{{{digits}}})")
        return re.compile("".join(parts))

    @cached_property
    def compiled_phrases(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(phrase) for phrase in self.phrases)


def _kinds(*kinds: PeriodKind) -> dict[str, PeriodKind]:
    for kind in kinds:  # a numbered kind says which field holds its number
        assert kind.span != "numbered" or kind.number_field, kind.key
    return {kind.key: kind for kind in kinds}


PERIOD_KINDS: dict[str, PeriodKind] = _kinds(  # in the order pages and help list them
    PeriodKind(
        "thang", "tháng", "{nam}-t{so:02d}", "Tháng {so}/{nam}", "Tháng {so}", "tháng {so} năm {nam}",
        span="numbered", months=1, max_days=31, example="2023-t08", number_field="thang",
        phrases=(r"\bthang (?P<so>\d{1,2}) ?(?:nam |/ ?)(?P<nam>\d{4})",),
    ),
    PeriodKind(
        "quy", "quý", "{nam}-q{so}", "Quý {so}/{nam}", "Quý {so}", "quý {so} năm {nam}",
        span="numbered", months=3, max_days=92, example="2022-q3", number_field="quy",
        heading="QUÝ {so_la_ma}/{nam}",
        phrases=(r"\bquy (?P<so>iv|i{1,3}|[1-4]) ?(?:nam |/ ?)(?P<nam>\d{4})",),
    ),
    PeriodKind(
        "6_thang", "6 tháng", "{nam}-6t", "6 tháng đầu năm {nam}", "6 tháng", "6 tháng đầu năm {nam}",
        span="from_january", months=6, max_days=184, example="2023-6t",
        next_focus="6 THÁNG CUỐI NĂM {nam}",
        phrases=(r"\b6 thang dau nam (?P<nam>\d{4})",),
    ),
    PeriodKind(
        "9_thang", "9 tháng", "{nam}-9t", "9 tháng đầu năm {nam}", "9 tháng", "9 tháng đầu năm {nam}",
        span="from_january", months=9, max_days=276, example="2023-9t",
        next_focus="QUÝ IV/{nam}",
        phrases=(r"\b9 thang (?:dau )?nam (?P<nam>\d{4})",),
    ),
    PeriodKind(
        "nam", "năm", "{nam}-nam", "Năm {nam}", "Cả năm", "năm {nam}",
        span="from_january", months=12, max_days=366, example="2022-nam",
        phrases=(r"\bnam (?P<nam>\d{4})",), loose_phrases=True,
    ),
    PeriodKind(
        "giai_doan", "giai đoạn", "{nam}-{den_nam}", "Giai đoạn {nam}–{den_nam}", "Giai đoạn {nam}–{den_nam}",
        "giai đoạn {nam}–{den_nam}",
        span="years", months=12, max_days=366, example="2011-2020",
        phrases=(r"giai doan (?P<nam>\d{4}) ?[-–] ?(?P<den_nam>\d{4})",),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Ky:
    """A reporting period: «Quý 3/2022», «Năm 2022», «Giai đoạn 2011–2020»…

    ``so`` is the month (tháng) or the quarter (quý); ``den_nam`` the last year of a giai đoạn.
    """

    loai: str
    nam: int
    so: int = 0
    den_nam: int = 0

    @property
    def kind(self) -> PeriodKind:
        return PERIOD_KINDS[self.loai]

    def _text(self, form: str) -> str:
        roman = ROMAN_QUARTERS[self.so - 1] if 1 <= self.so <= len(ROMAN_QUARTERS) else str(self.so)
        return form.format(nam=self.nam, so=self.so, so_la_ma=roman, den_nam=self.den_nam)

    @property
    def slug(self) -> str:
        """File name stem and page address: ``2023-t08``, ``2022-q3``, ``2023-6t``, ``2011-2020``."""
        return self._text(self.kind.stem)

    @property
    def label(self) -> str:
        """As documents write it: «Tháng 8/2023», «6 tháng đầu năm 2023», «Giai đoạn 2011–2020»."""
        return self._text(self.kind.label)

    @property
    def in_year(self) -> str:
        """The period within its year, for tables by year: «Quý 3», «Tháng 8», «6 tháng», «Cả năm»."""
        return self._text(self.kind.in_year)

    @property
    def in_words(self) -> str:
        """In a sentence: «quý 3 năm 2022», «tháng 8 năm 2023», «6 tháng đầu năm 2023»."""
        return self._text(self.kind.in_words)

    @property
    def upper_label(self) -> str:
        """As a heading writes it: «QUÝ IV/2022», «6 THÁNG ĐẦU NĂM 2023», «NĂM 2023»."""
        return self._text(self.kind.heading) if self.kind.heading else self.label.upper()

    @property
    def plan_span(self) -> str:
        """What the period's plans cover: «năm 2023», or for a review of years «giai đoạn 2011–2020»
        (never the first year alone)."""
        return f"giai đoạn {self.nam}–{self.den_nam}" if self.kind.span == "years" else f"năm {self.nam}"

    @property
    def next_focus(self) -> str:
        """What the «phương hướng» of the report is for: «QUÝ IV/2022», «6 THÁNG CUỐI NĂM 2023»."""
        return self._text(self.kind.next_focus) if self.kind.next_focus else self.following().upper_label

    def fields(self) -> dict[str, int | str]:
        """The period as a report file writes it, in the file's order: «loai_ky» when the kind needs
        saying, «nam», then the month, the quarter or the last year."""
        values: dict[str, int | str] = {"loai_ky": self.loai} if "loai_ky" in self.kind.fields() else {}
        values["nam"] = self.nam
        for name in self.kind.fields():
            if name == self.kind.number_field:
                values[name] = self.so
            elif name == LAST_YEAR_FIELD:
                values[name] = self.den_nam
        return values

    @property
    def start(self) -> date:
        """First day of the calendar span the period names."""
        first_month = (self.so - 1) * self.kind.months + 1 if self.kind.span == "numbered" else 1
        return date(self.nam, first_month, 1)

    @property
    def end(self) -> date:
        """Last day of the calendar span the period names."""
        if self.kind.span == "years":
            return date(self.den_nam or self.nam, 12, 31)
        last_month = self.so * self.kind.months if self.kind.span == "numbered" else self.kind.months
        return date(self.nam, last_month, calendar.monthrange(self.nam, last_month)[1])

    @property
    def years(self) -> int:
        return self.den_nam - self.nam + 1 if self.kind.span == "years" else 1

    @property
    def max_days(self) -> int:
        return self.kind.max_days * self.years

    def default_window(self) -> tuple[date, date]:
        """Decree 09/2019: the 15th of the month before the period → the 14th of its last month."""
        start, end = self.start, self.end
        before = date(start.year - 1, 12, 15) if start.month == 1 else date(start.year, start.month - 1, 15)
        return before, date(end.year, end.month, 14)

    def previous(self) -> Ky:
        """The period just before, of the same kind (what a change is measured against)."""
        if self.kind.span == "numbered":
            if self.so == 1:
                return Ky(self.loai, self.nam - 1, self.kind.per_year)
            return Ky(self.loai, self.nam, self.so - 1)
        if self.kind.span == "years":
            return Ky(self.loai, self.nam - self.years, 0, self.nam - 1)
        return Ky(self.loai, self.nam - 1)

    def year_before(self) -> Ky:
        """The same period of the year before («so với cùng kỳ năm trước»)."""
        if self.kind.span == "years":
            return self.previous()
        return Ky(self.loai, self.nam - 1, self.so)

    def following(self) -> Ky:
        """The period just after, of the same kind (the «phương hướng» of a report is for it)."""
        if self.kind.span == "numbered":
            if self.so == self.kind.per_year:
                return Ky(self.loai, self.nam + 1, 1)
            return Ky(self.loai, self.nam, self.so + 1)
        if self.kind.span == "years":
            return Ky(self.loai, self.den_nam + 1, 0, self.den_nam + self.years)
        return Ky(self.loai, self.nam + 1)

    @property
    def order(self) -> tuple[date, int]:
        """Reports in time order: by the end of the period, the shorter period first."""
        return self.end, (self.end - self.start).days


def parse(stem: str) -> Ky | None:
    """The period a file name stem names, or None: ``2022-q3`` → Quý 3/2022 (the whole stem, as written)."""
    for kind in PERIOD_KINDS.values():
        if match := kind.pattern.fullmatch(stem):
            found = {name: int(value) for name, value in match.groupdict().items()}
            ky = Ky(kind.key, found["nam"], found.get("so", 0), found.get("den_nam", 0))
            if _valid(ky) and ky.slug == stem:
                return ky
    return None


def _valid(ky: Ky) -> bool:
    kind = ky.kind
    if not FIRST_REPORT_YEAR <= ky.nam <= LAST_REPORT_YEAR:
        return False
    if kind.span == "numbered":
        return 1 <= ky.so <= kind.per_year
    if kind.span == "years":
        return ky.nam < ky.den_nam <= LAST_REPORT_YEAR
    return True


def named_in(folded: str, loose: bool = False) -> Iterator[tuple[Ky | None, int, int]]:
    """The periods a text names (without diacritics, in lower case), most specific phrase first:
    (period, start, end of its words); None for a period the site has no kind of («6 tháng cuối
    năm»). ``loose``: also the phrases too loose for any text but a summary or a closing sentence."""
    specific = sorted(
        (k for k in PERIOD_KINDS.values() if not k.loose_phrases),
        key=lambda k: (k.span == "years", k.months),
        reverse=True,
    )
    tried: list[tuple[re.Pattern[str], PeriodKind | None]] = [(pattern, None) for pattern in UNNAMED_PHRASES]
    for kind in [*specific, *(k for k in PERIOD_KINDS.values() if k.loose_phrases and loose)]:
        tried += [(pattern, kind) for pattern in kind.compiled_phrases]
    for pattern, named in tried:
        match = pattern.search(folded)
        if match is None:
            continue
        if named is None:
            yield None, match.start(), match.end()
            continue
        found = match.groupdict()
        number = found.get("so")
        ky = Ky(
            named.key,
            int(found["nam"]),
            (_ROMAN.get(number) or int(number)) if number else 0,
            int(found["den_nam"]) if found.get("den_nam") else 0,
        )
        if parse(ky.slug) == ky:
            yield ky, match.start(), match.end()


def quarter_of(day: date) -> Ky:
    """The quarter ``day`` falls in."""
    return Ky(QUARTER, day.year, (day.month - 1) // 3 + 1)


def window_days(start: date, end: date) -> int:
    return (end - start).days + 1


def span(first: Ky, last: Ky) -> list[Ky]:
    """Every period of one kind from ``first`` to ``last``, gaps included."""
    found = [first]
    while found[-1].order < last.order and len(found) < 1200:
        found.append(found[-1].following())
    return found


def kinds_help() -> str:
    """The kinds and their file names, for messages: «tháng (2023-t08.yaml), quý (2022-q3.yaml), …»."""
    return ", ".join(f"{kind.name} ({kind.example}.yaml)" for kind in PERIOD_KINDS.values())
