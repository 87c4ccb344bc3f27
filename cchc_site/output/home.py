"""What the home page tells a citizen before any report: the way in by life event, where to ask,
and how many procedures can be done online — each count with its source and its date."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..core.life_events import DanhSachSuKien, SuKien
from ..core.models import TRUC_TUYEN_LABELS, ThuTuc
from ..core.record import CachThuc
from ..indicators import FigureRow
from ..site_data import Report, SiteData

SHOWN_FIRST = 4  # procedures of an event shown at once; the rest behind «Thêm»


@dataclass(frozen=True)
class Event:
    event: SuKien
    procedures: tuple[ThuTuc, ...]

    @property
    def first(self) -> tuple[ThuTuc, ...]:
        return self.procedures[:SHOWN_FIRST]

    @property
    def more(self) -> tuple[ThuTuc, ...]:
        return self.procedures[SHOWN_FIRST:]


@dataclass(frozen=True)
class OnlineCounts:
    """Procedures offered online, from each source that says it, never merged into one figure."""

    stated: tuple[FigureRow, ...]  # as the latest report states them
    report: Report | None
    day: date  # the list's latest listing or withdrawal up to today: what its counts stand for
    levels: tuple[tuple[str, int], ...]  # the list's online levels: label, count
    total: int
    with_record: int  # listed procedures with a national record
    online_in_record: int  # of those, with an online channel
    versions: tuple[str, ...]  # the records' versions («giữa năm 2026»)


def life_events(events: DanhSachSuKien, listed: list[ThuTuc]) -> list[Event]:
    """The events with at least one listed procedure, in the declared order."""
    found = [Event(e, tuple(e.procedures(listed))) for e in events.su_kien]
    return [e for e in found if e.procedures]


def online_counts(site: SiteData, stated_keys: tuple[str, ...]) -> OnlineCounts:
    listed = site.listed
    latest = site.reports[-1] if site.reports else None
    rows: tuple[FigureRow, ...] = ()
    if latest is not None:
        by_key = {row.key: row for row in latest.rows if not row.breakdown}
        rows = tuple(by_key[key] for key in stated_keys if key in by_key)
    levels = Counter(TRUC_TUYEN_LABELS[t.truc_tuyen] for t in listed)
    records = [r for r in (site.record_of(t) for t in listed) if r is not None]
    online = [
        r
        for r in records
        if any(isinstance(c, CachThuc) and c.hinh_thuc == "truc_tuyen" for c in r.cach_thuc)
    ]
    return OnlineCounts(
        stated=rows,
        report=latest if rows else None,
        day=max(
            (
                d
                for t in site.danh_muc.thu_tuc
                for d in (t.ngay_niem_yet, t.ngay_bai_bo)
                if d and d <= site.today
            ),
            default=site.today,
        ),
        levels=tuple(sorted(levels.items(), key=lambda item: -item[1])),
        total=len(listed),
        with_record=len(records),
        online_in_record=len(online),
        versions=tuple(dict.fromkeys(r.nguon.phien_ban for r in records)),
    )
