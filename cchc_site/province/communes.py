"""Communes of a province: which folders are commune projects, their CI matrix, their latest figures."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..addresses import CONTENT_DIR, CONTENT_MARKERS, page_url, report_page, shown
from ..core.errors import DataError, Problem
from ..core.periods import Ky, quarter_of
from ..indicators import national
from ..site_data import Report, SiteData
from ..validate import load_site

DUE_DAY = 20  # reports are due by the 20th of the period's last month (581/BNV-CCHC)


def is_commune(folder: Path) -> bool:
    """A commune project: a folder holding ``content/`` with the commune's profile or data."""
    content = folder / CONTENT_DIR
    return content.is_dir() and any((content / n).exists() for n in CONTENT_MARKERS)


def find_communes(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Commune folders named directly or found one level below (``xa/``), and paths that are neither."""
    found: list[Path] = []
    refused: list[Path] = []
    for path in paths:
        if is_commune(path):
            found.append(path)
        elif path.is_dir() and (inside := sorted(p for p in path.iterdir() if p.is_dir() and is_commune(p))):
            found += inside
        else:
            refused.append(path)
    return found, refused


def matrix(communes: list[Path]) -> str:
    """GitHub Actions' ``strategy.matrix`` as one JSON line (for ``fromJSON``)."""
    rows = [{"xa": c.name, "thu_muc": c.as_posix().rstrip("/")} for c in communes]
    return json.dumps({"include": rows}, ensure_ascii=False, separators=(",", ":"))


def gitlab_matrix(communes: list[Path]) -> str:
    """The ``parallel: matrix`` block of a GitLab CI job, to paste into ``.gitlab-ci.yml``."""
    names = ", ".join(c.name for c in communes)
    return f"parallel:\n  matrix:\n    - XA: [{names}]\n"


def due_date(ky: Ky) -> date:
    return date(ky.end.year, ky.end.month, DUE_DAY)


def expected_quarter(today: date) -> Ky:
    """The latest quarter whose report is due by ``today``."""
    ky = quarter_of(today)
    while due_date(ky) > today:
        ky = ky.previous()
    return ky


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    ratio: float | None = None  # rates
    value: int | None = None  # counts
    formula: str = ""


@dataclass
class Commune:
    """One commune as the overview shows it: its data, or why it could not be read."""

    slug: str
    folder: Path
    url: str
    site: SiteData | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.site is not None

    @property
    def name(self) -> str:
        return self.site.xa.don_vi if self.site else self.slug  # «phường Quang Hanh»: kinds side by side

    def report_url(self, ky: Ky) -> str:
        """The address of this commune's report for ``ky``, from the overview."""
        return self.url + page_url(report_page(ky.slug))

    @property
    def first_error(self) -> str:
        return self.problems[0].format() if self.problems else ""

    @property
    def latest(self) -> Report | None:
        reports = self.site.reports if self.site else []
        return max(reports, key=lambda r: r.ky.order) if reports else None

    def figures(self) -> list[Figure | None]:
        """The latest report's figures the overview shows side by side (the catalogue's headline
        figures), in their order; None where the report does not state one."""
        report = self.latest
        headlines = national().headlines.overview
        if report is None:
            return [None] * len(headlines)
        shown: list[Figure | None] = []
        for headline in headlines:
            if headline.is_rate:  # as the site computes it
                rates = [r for r in report.rates if r.key == headline.key and r.computable]
                rate = next((r for r in rates if r.variant == "mac_dinh"), rates[0] if rates else None)
                shown.append(
                    Figure(headline.key, rate.label, ratio=rate.ratio, formula=rate.formula) if rate else None
                )
            else:
                row = next((r for r in report.rows if r.key == headline.key and not r.breakdown), None)
                shown.append(Figure(headline.key, row.label, value=row.value) if row else None)
        return shown

    def covers(self, ky: Ky) -> bool:
        """A published report stands for the quarter ``ky`` (its own, or a 6-month/9-month/year one ending then)."""
        reports = self.site.reports if self.site else []
        return any(r.ky.kind.covers_quarter and r.ky.end == ky.end for r in reports)


def load_commune(folder: Path, url: str, today: date) -> Commune:
    """Load and validate one commune; a broken one keeps its problems instead of raising."""
    content = folder / CONTENT_DIR
    commune = Commune(folder.name, folder, url)
    try:
        commune.site = load_site(content, shown(content), today=today)
    except DataError as exc:
        commune.problems = exc.problems
    return commune
