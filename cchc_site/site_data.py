"""The validated site: what a successful check hands to the pages, the data files and the commands.

``validate.load_site`` makes it; nothing here reads a file or checks a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from .core.aliases import TuDongNghia
from .core.errors import Problem
from .core.life_events import DanhSachSuKien, package_events
from .core.models import BaoCao, DanhMuc, ThuTuc, TienThan, Xa
from .core.periods import Ky
from .core.record import BanGhi
from .indicators import Catalogue, FigureRow, FigureSet, Rate
from .indicators.checks import ChangeResult
from .lock import seal as lock


@dataclass(frozen=True)
class Original:
    """The signed original (PDF scan) attached to a report."""

    path: Path
    name: str
    sha256: str
    size: int


def report_dump(model: BaoCao, figures: FigureSet) -> dict[str, Any]:
    """Everything the report file says, in canonical form (JSON download, fingerprints)."""
    data = model.model_dump(mode="json", exclude_none=True)
    for index, (loc, _) in enumerate(model.sections()):
        muc = data["phan"][loc[1]]["muc"][loc[3]]
        if index in figures.dumps:
            muc["so_lieu"] = figures.dumps[index]
        else:
            muc.pop("so_lieu", None)
    return data


@dataclass(frozen=True, eq=False)
class Report:
    """A validated report, the file it came from, its figures, and what publication recorded of it."""

    model: BaoCao
    file: str
    figures: FigureSet
    catalogue: Catalogue  # the one its figures were read against (the commune's own indicators too)
    rows: tuple[FigureRow, ...] = ()
    rates: tuple[Rate, ...] = ()
    changes: tuple[ChangeResult, ...] = ()
    original: Original | None = None
    seal: str | None = None  # fingerprint of all values when published (from the lock)
    current_seal: str | None = None  # the same over today's values (differs after corrections)
    seal_version: int = lock.VERSION  # of the lock entry: 1 kept the publication date beside the seal
    tien_than: TienThan | None = None  # issued by this merged commune, not by the site's commune

    @property
    def key(self) -> str:
        """The report's name across the site: its period, after the merged commune's code if any."""
        return f"{self.tien_than.ma}/{self.model.slug}" if self.tien_than else self.model.slug

    @property
    def ky(self) -> Ky:
        return self.model.ky

    @property
    def published(self) -> bool:
        return self.model.ngay_dang_tai is not None

    def dump(self) -> dict[str, Any]:
        return report_dump(self.model, self.figures)

    @cached_property
    def leaves(self) -> dict[str, lock.Leaf]:
        """Every published value by key, with a reader's name for it (corrections, messages)."""
        return lock.leaves(self.dump(), self.figures, self.original.sha256 if self.original else None)

    def describe(self, key: str) -> str:
        """A reader's name for a published value's key (a figure, a paragraph), as corrections name it."""
        return lock.describe(self.leaves, key, self.catalogue)


@dataclass(frozen=True)
class Predecessor:
    """A merged commune and its reports, published (oldest first) and not."""

    info: TienThan
    reports: list[Report] = field(default_factory=list)
    drafts: list[Report] = field(default_factory=list)
    to_lock: dict[str, dict[str, Any]] = field(default_factory=dict)  # for its own lock file
    notice: str | None = None


@dataclass(frozen=True)
class SiteData:
    """Everything the site is built from, checked."""

    xa: Xa
    danh_muc: DanhMuc
    reports: list[Report]  # published, oldest first
    catalogue: Catalogue
    warnings: list[Problem] = field(default_factory=list)
    drafts: list[Report] = field(default_factory=list)  # checked, not published
    to_lock: dict[str, dict[str, Any]] = field(default_factory=dict)  # published, not yet locked
    today: date = field(default_factory=date.today)  # the build's day: what is listed "now"
    notices: list[str] = field(default_factory=list)  # checks that could not run, said plainly
    predecessors: list[Predecessor] = field(default_factory=list)  # merged communes
    records: dict[str, BanGhi] = field(default_factory=dict)  # national records by code
    events: DanhSachSuKien = field(default_factory=package_events)  # the home page's ways in
    tu_dong_nghia: list[TuDongNghia] = field(default_factory=list)  # the search's everyday words

    def record_of(self, thu_tuc: ThuTuc) -> BanGhi | None:
        """The national record a procedure's page draws on, if imported."""
        return self.records.get(thu_tuc.record_code) if thu_tuc.record_code else None

    def procedures_at(self, day: date) -> list[ThuTuc]:
        """The list as it stood on ``day``: listed on or before it, not yet withdrawn."""
        return [t for t in self.danh_muc.thu_tuc if t.active_on(day)]

    @property
    def listed(self) -> list[ThuTuc]:
        """The list today."""
        return self.procedures_at(self.today)

    @property
    def coming(self) -> list[ThuTuc]:
        """Procedures whose listing starts after today (a decision published ahead of its date)."""
        return sorted(
            (t for t in self.danh_muc.thu_tuc if t.ngay_niem_yet > self.today), key=lambda t: t.ngay_niem_yet
        )

    @property
    def withdrawn(self) -> list[ThuTuc]:
        """Procedures withdrawn on or before today."""
        return [t for t in self.danh_muc.thu_tuc if t.ngay_bai_bo is not None and t.ngay_bai_bo <= self.today]
