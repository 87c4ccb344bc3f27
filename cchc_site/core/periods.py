"""Reporting periods: the kinds of report a commune writes, their file names, labels and windows.

Declared once, here: every other module (file names, page addresses, labels, default data
windows, the history page, open data, ``new-report``) asks a ``Ky`` rather than computing dates.
Data windows follow Decree 09/2019/NĐ-CP: the 15th of the month before → the 14th; 6-month,
9-month and annual reports are cumulative from 15/12 of the year before.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Kind:
    """One kind of report: its key in the data, its name in Vietnamese, its longest window."""

    key: str
    name: str  # "quý", as in «báo cáo quý»
    example: str  # file name stem, e.g. "2022-q3"
    max_days: int  # longest data window (giai đoạn: per year of the period)


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("thang", "tháng", "2023-t08", 31),
        Kind("quy", "quý", "2022-q3", 92),
        Kind("6_thang", "6 tháng", "2023-6t", 184),
        Kind("9_thang", "9 tháng", "2023-9t", 276),
        Kind("nam", "năm", "2022-nam", 366),
        Kind("giai_doan", "giai đoạn", "2011-2020", 366),
    )
}
ROMAN_QUARTERS = ("I", "II", "III", "IV")

_STEMS = (  # matched whole (fullmatch): a trailing newline or space is not a period
    (re.compile(r"(\d{4})-t(0[1-9]|1[0-2])"), "thang"),
    (re.compile(r"(\d{4})-q([1-4])"), "quy"),
    (re.compile(r"(\d{4})-6t"), "6_thang"),
    (re.compile(r"(\d{4})-9t"), "9_thang"),
    (re.compile(r"(\d{4})-nam"), "nam"),
    (re.compile(r"(\d{4})-(\d{4})"), "giai_doan"),
)


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
    def kind(self) -> Kind:
        return KINDS[self.loai]

    @property
    def slug(self) -> str:
        """File name stem and page address: ``2023-t08``, ``2022-q3``, ``2023-6t``, ``2011-2020``."""
        return {
            "thang": f"{self.nam}-t{self.so:02d}",
            "quy": f"{self.nam}-q{self.so}",
            "6_thang": f"{self.nam}-6t",
            "9_thang": f"{self.nam}-9t",
            "nam": f"{self.nam}-nam",
            "giai_doan": f"{self.nam}-{self.den_nam}",
        }[self.loai]

    @property
    def label(self) -> str:
        """As documents write it: «Tháng 8/2023», «6 tháng đầu năm 2023», «Giai đoạn 2011–2020»."""
        return {
            "thang": f"Tháng {self.so}/{self.nam}",
            "quy": f"Quý {self.so}/{self.nam}",
            "6_thang": f"6 tháng đầu năm {self.nam}",
            "9_thang": f"9 tháng đầu năm {self.nam}",
            "nam": f"Năm {self.nam}",
            "giai_doan": f"Giai đoạn {self.nam}–{self.den_nam}",
        }[self.loai]

    @property
    def in_year(self) -> str:
        """The period within its year, for tables by year: «Quý 3», «Tháng 8», «6 tháng», «Năm»."""
        return {
            "thang": f"Tháng {self.so}",
            "quy": f"Quý {self.so}",
            "6_thang": "6 tháng",
            "9_thang": "9 tháng",
            "nam": "Cả năm",
            "giai_doan": self.label,
        }[self.loai]

    @property
    def start(self) -> date:
        """First day of the calendar span the period names."""
        if self.loai == "thang":
            return date(self.nam, self.so, 1)
        if self.loai == "quy":
            return date(self.nam, 3 * self.so - 2, 1)
        return date(self.nam, 1, 1)

    @property
    def end(self) -> date:
        """Last day of the calendar span the period names."""
        if self.loai == "thang":
            return date(self.nam, self.so, calendar.monthrange(self.nam, self.so)[1])
        if self.loai == "quy":
            month = 3 * self.so
            return date(self.nam, month, calendar.monthrange(self.nam, month)[1])
        if self.loai == "6_thang":
            return date(self.nam, 6, 30)
        if self.loai == "9_thang":
            return date(self.nam, 9, 30)
        return date(self.den_nam or self.nam, 12, 31)

    @property
    def years(self) -> int:
        return self.den_nam - self.nam + 1 if self.loai == "giai_doan" else 1

    @property
    def max_days(self) -> int:
        return self.kind.max_days * self.years

    def default_window(self) -> tuple[date, date]:
        """Decree 09/2019: 15th of the month before → 14th; cumulative kinds from 15/12 of the year before."""
        last_month = self.end.month
        end = date(self.end.year, last_month, 14)
        if self.loai == "thang":
            start = date(self.nam - 1, 12, 15) if self.so == 1 else date(self.nam, self.so - 1, 15)
        elif self.loai == "quy":
            start = date(self.nam - 1, 12, 15) if self.so == 1 else date(self.nam, 3 * self.so - 3, 15)
        else:
            start = date(self.nam - 1, 12, 15)
        return start, end

    def previous(self) -> Ky:
        """The period just before, of the same kind (what a change is measured against)."""
        if self.loai == "thang":
            return Ky("thang", self.nam - 1, 12) if self.so == 1 else Ky("thang", self.nam, self.so - 1)
        if self.loai == "quy":
            return Ky("quy", self.nam - 1, 4) if self.so == 1 else Ky("quy", self.nam, self.so - 1)
        if self.loai == "giai_doan":
            return Ky("giai_doan", self.nam - self.years, 0, self.nam - 1)
        return Ky(self.loai, self.nam - 1)

    def year_before(self) -> Ky:
        """The same period of the year before («so với cùng kỳ năm trước»)."""
        if self.loai == "giai_doan":
            return self.previous()
        return Ky(self.loai, self.nam - 1, self.so)

    def following(self) -> Ky:
        """The period just after, of the same kind (the «phương hướng» of a report is for it)."""
        if self.loai == "thang":
            return Ky("thang", self.nam + 1, 1) if self.so == 12 else Ky("thang", self.nam, self.so + 1)
        if self.loai == "quy":
            return Ky("quy", self.nam + 1, 1) if self.so == 4 else Ky("quy", self.nam, self.so + 1)
        if self.loai == "giai_doan":
            return Ky("giai_doan", self.den_nam + 1, 0, self.den_nam + self.years)
        return Ky(self.loai, self.nam + 1)

    @property
    def order(self) -> tuple[date, int]:
        """Reports in time order: by the end of the period, the shorter period first."""
        return self.end, (self.end - self.start).days

    @property
    def upper_label(self) -> str:
        """As a heading writes it: «QUÝ IV/2022», «6 THÁNG CUỐI NĂM 2023», «NĂM 2023»."""
        if self.loai == "quy":
            return f"QUÝ {ROMAN_QUARTERS[self.so - 1]}/{self.nam}"
        return self.label.upper()

    @property
    def next_focus(self) -> str:
        """What the «phương hướng» of the report is for: «QUÝ IV/2022», «6 THÁNG CUỐI NĂM 2023»."""
        if self.loai == "6_thang":
            return f"6 THÁNG CUỐI NĂM {self.nam}"
        if self.loai == "9_thang":
            return f"QUÝ IV/{self.nam}"
        return self.following().upper_label

    @property
    def in_words(self) -> str:
        """In a sentence: «quý 3 năm 2022», «tháng 8 năm 2023», «6 tháng đầu năm 2023»."""
        if self.loai == "thang":
            return f"tháng {self.so} năm {self.nam}"
        if self.loai == "quy":
            return f"quý {self.so} năm {self.nam}"
        if self.loai == "giai_doan":
            return f"giai đoạn {self.nam}–{self.den_nam}"
        return self.label[0].lower() + self.label[1:]


def parse(stem: str) -> Ky | None:
    """The period a file name stem names, or None: ``2022-q3`` → Quý 3/2022."""
    for pattern, kind in _STEMS:
        if match := pattern.fullmatch(stem):
            year = int(match.group(1))
            if not 2000 <= year <= 2100:
                return None
            if kind == "giai_doan":
                last = int(match.group(2))
                return Ky(kind, year, 0, last) if year < last <= 2100 else None
            return Ky(kind, year, int(match.group(2)) if kind in ("thang", "quy") else 0)
    return None


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
    return ", ".join(f"{kind.name} ({kind.example}.yaml)" for kind in KINDS.values())
