"""The archived record against today's data: each difference is either explained by a correction
recorded since, or a silent change."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..lock import seal as lock
from ..output.record import FORMAT, correction
from ..site_data import Report, SiteData
from .consistency import Mismatch
from .download import ArchiveError, Limits, open_archive


def read_record(source: str, limits: Limits | None = None) -> tuple[str, dict[str, Any]]:
    """Where the record of an archived site (folder, file or http(s) address) is, and the record;
    read within ``limits`` and the same origin (``khoa`` and ``dinh-chinh`` read it too)."""
    archive = open_archive(source, limits or Limits())
    return archive.where, parse(archive.where, archive.read_record())


def parse(where: str, data: bytes) -> dict[str, Any]:
    """The archived record, checked for the shape ``record`` writes."""
    try:
        archived = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ArchiveError(f"{where}: không phải tệp JSON đối chiếu của trang.") from None
    reports = archived.get("bao_cao") if isinstance(archived, dict) else None
    if (
        not isinstance(archived, dict)
        or archived.get("phien_ban") != FORMAT
        or not isinstance(reports, dict)
        or not all(_well_formed(r) for r in reports.values())
    ):
        raise ArchiveError(f"{where}: tệp đối chiếu không đúng cấu trúc (phiên bản {FORMAT}).")
    return archived


def _well_formed(report: Any) -> bool:
    return (
        isinstance(report, dict)
        and isinstance(report.get("gia_tri"), dict)
        and isinstance(report.get("cap_nhat"), list)
        and all(isinstance(c, dict) and isinstance(c.get("truong"), str) for c in report["cap_nhat"])
        and all(isinstance(v, dict) and "van_tay" in v for v in report["gia_tri"].values())
    )


@dataclass(frozen=True)
class Difference:
    """One published value that differs between the archived copy and today."""

    key: str
    name: str
    before: str  # as archived ("" when it was not there)
    after: str  # today ("" when removed)
    corrections: tuple[dict[str, Any], ...] = ()  # the recorded corrections that explain it

    @property
    def silent(self) -> bool:
        return not self.corrections


@dataclass
class ReportResult:
    slug: str
    label: str
    unchanged: int = 0
    differences: list[Difference] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # silent changes not tied to one value
    mismatches: list[Mismatch] = field(default_factory=list)  # where the archive disagrees with itself

    @property
    def silent(self) -> int:
        return len(self.problems) + sum(1 for d in self.differences if d.silent)


def compare(archived: dict[str, Any], site: SiteData) -> tuple[list[ReportResult], list[str]]:
    """Each archived report against today's; and the reports published since the archive."""
    today = {report.model.slug: report for report in site.reports}
    results = [
        _compare_report(slug, entry, today.get(slug), {r.model.slug for r in site.drafts})
        for slug, entry in sorted(archived["bao_cao"].items())
    ]
    newer = [report.model.label for slug, report in today.items() if slug not in archived["bao_cao"]]
    return results, newer


def _compare_report(
    slug: str, entry: dict[str, Any], report: Report | None, drafts: set[str]
) -> ReportResult:
    result = ReportResult(slug, str(entry.get("nhan") or slug))
    if report is None:
        result.problems.append(
            "Báo cáo đã công bố không còn trên trang"
            + (" (đã trở lại bản nháp)." if slug in drafts else " (tệp báo cáo đã bị xóa).")
        )
        return result
    if entry.get("van_tay_khi_dang_tai") != report.seal:
        result.problems.append(
            "Dấu vân tay khi đăng tải đã khác: báo cáo đã bị khóa lại với giá trị khác "
            f"(bản lưu {str(entry.get('van_tay_khi_dang_tai'))[:16]}…, hôm nay {str(report.seal)[:16]}…)."
        )
    archived_corrections = entry["cap_nhat"]
    today_corrections = [correction(c) for c in report.model.cap_nhat]
    if [_same(c) for c in archived_corrections] != [
        _same(c) for c in today_corrections[: len(archived_corrections)]
    ]:
        result.problems.append("Các lần cập nhật đã công bố trong bản lưu đã bị sửa hoặc xóa.")
    values = {key: value["van_tay"] for key, value in entry["gia_tri"].items()}
    explained: dict[str, list[dict[str, Any]]] = {}
    for later in today_corrections[len(archived_corrections) :]:
        key = later["truong"]
        if values.get(key) == lock.fingerprint(later["gia_tri_cu"]):
            new = lock.fingerprint(later["gia_tri_moi"])
            if new is None:
                values.pop(key, None)
            else:
                values[key] = new
            explained.setdefault(key, []).append(later)
    found = report.leaves
    for key in sorted(set(entry["gia_tri"]) | set(found)):
        before = entry["gia_tri"].get(key)
        leaf = found.get(key)
        now = leaf.value if leaf is not None else None
        was = before["van_tay"] if before is not None else None
        if was == now:
            result.unchanged += 1
            continue
        name = (leaf.label if leaf is not None and leaf.label else None) or (before or {}).get("ten") or key
        before_text = str(before.get("noi_dung", "")) if before is not None else ""
        after_text = leaf.raw if leaf is not None else ""
        corrections = tuple(explained.get(key, ())) if values.get(key) == now else ()
        result.differences.append(Difference(key, str(name), before_text, after_text, corrections))
    return result


def _same(correction: dict[str, Any]) -> tuple[Any, ...]:
    day = correction.get("ngay")
    return (
        day.isoformat() if isinstance(day, date) else str(day),
        correction.get("truong"),
        lock.fingerprint(correction.get("gia_tri_cu")),
        lock.fingerprint(correction.get("gia_tri_moi")),
        lock.fingerprint(correction.get("ly_do")),
    )
