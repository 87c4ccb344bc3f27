"""``verify``: an auditor's check of an archived copy of the site against today's data.

It reads the verification record (``output/record.py``) from an archived copy (a folder, or an
address served over HTTP), replays the corrections recorded since, and compares with today's data:
each difference is either explained by a correction or named as a silent change.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .. import text
from ..addresses import RECORD, shown
from ..core.errors import DataError, format_grouped
from ..lock import seal as lock
from ..output.record import FORMAT, correction
from ..site_data import Report, SiteData
from ..validate import load_site
from .parser import add_content

NAME = "verify"
MAX_BYTES = 100_000_000
TIMEOUT = 30


def add(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help="đối chiếu một bản lưu của trang với dữ liệu hôm nay (cho thanh tra, kiểm tra)",
        description="Đọc du-lieu/kiem-chung.json của một bản lưu trang (thư mục hoặc địa chỉ http/https),\n"
        "so với dữ liệu hôm nay: in mọi nội dung đã công bố nay khác đi, kèm lần cập nhật giải thích nó,\n"
        "hoặc nêu từng thay đổi không ghi cập nhật.\n"
        "Mã thoát: 0 = không có thay đổi không ghi cập nhật; 1 = có, hoặc không đọc được bản lưu/dữ liệu.",
    )
    parser.add_argument(
        "archive", metavar="BẢN_LƯU", help="thư mục trang đã lưu (VD: site-2026-11) hoặc địa chỉ trang"
    )
    add_content(parser, "thư mục dữ liệu hôm nay (mặc định: content)")
    return parser


def run(args: argparse.Namespace) -> int:
    return verify_archive(args.archive, args.content)


def verify_archive(source: str, content: Path) -> int:
    """Compare an archived copy of the site with today's data; 1 when something changed silently."""
    try:
        where, data = fetch(source)
        archived = parse(where, data)
    except ArchiveError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        site = load_site(content, shown(content))
    except DataError as exc:
        print(format_grouped(exc.problems), file=sys.stderr)
        print("Dữ liệu hôm nay có lỗi: sửa rồi đối chiếu lại.", file=sys.stderr)
        return 1
    results, newer = compare(archived, site)
    print(report_text(where, archived, results, newer))
    return 1 if any(result.silent for result in results) else 0


class ArchiveError(Exception):
    """The archived copy cannot be read; the message is Vietnamese."""


def fetch(source: str) -> tuple[str, bytes]:
    """The record of an archived site (folder, file or http(s) address): (where, bytes)."""
    if source.startswith(("http://", "https://")):
        url = source if source.endswith(".json") else urllib.parse.urljoin(source.rstrip("/") + "/", RECORD)
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as answer:
                data = answer.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise ArchiveError(f"{url}: máy chủ trả lời mã {exc.code}; cần tệp {RECORD} của trang.") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ArchiveError(f"{url}: không tải được ({reason}).") from None
        where = url
    else:
        path = Path(source)
        if path.is_dir():
            path = path / RECORD
        if not path.is_file():
            raise ArchiveError(
                f"{path}: không có tệp đối chiếu. Cần thư mục trang đã xây dựng (có {RECORD}); trang "
                "xây dựng trước khi có lệnh verify không có tệp này."
            )
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise ArchiveError(f"{path}: không đọc được ({exc.strerror}).") from None
        where = str(path)
    if len(data) > MAX_BYTES:
        raise ArchiveError(f"{where}: tệp quá lớn (hơn {MAX_BYTES // 1_000_000} MB).")
    return where, data


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


def report_text(where: str, archived: dict[str, Any], results: list[ReportResult], newer: list[str]) -> str:
    """The auditor's reading, in Vietnamese: per report, what was corrected and what changed silently."""
    lines = [
        (
            f"Đối chiếu bản lưu {where} ({archived.get('co_quan', '')}, {len(results)} báo cáo) "
            "với dữ liệu hôm nay."
        )
    ]
    for result in results:
        fixed = [d for d in result.differences if not d.silent]
        if not result.differences and not result.problems:
            lines.append(f"{result.label}: {result.unchanged} nội dung, tất cả như bản lưu.")
            continue
        head = f"{result.label}: {result.unchanged} nội dung như bản lưu"
        if fixed:
            head += f"; {len(fixed)} nội dung đã đính chính có ghi cập nhật"
        if result.silent:
            head += f"; {result.silent} THAY ĐỔI KHÔNG GHI CẬP NHẬT"
        lines.append(head + ".")
        lines += [f"  THAY ĐỔI KHÔNG GHI CẬP NHẬT: {problem}" for problem in result.problems]
        for difference in result.differences:
            label = "ĐÃ ĐÍNH CHÍNH" if not difference.silent else "THAY ĐỔI KHÔNG GHI CẬP NHẬT"
            lines.append(f"  {label}: {difference.name} ({difference.key})")
            before, after = _changed_part(difference.before, difference.after)
            lines.append(f"      bản lưu: {before or '(không có)'}")
            lines.append(f"      hôm nay: {after or '(đã bị xóa)'}")
            for fix in difference.corrections:
                day = fix["ngay"]
                when = text.format_date(day) if isinstance(day, date) else str(day)
                lines.append(f"      cập nhật ngày {when}: {fix['ly_do']}")
    if newer:
        lines.append(f"\nBáo cáo đăng tải sau bản lưu (không có gì để đối chiếu): {', '.join(newer)}.")
    silent = sum(result.silent for result in results)
    corrected = sum(1 for result in results for d in result.differences if not d.silent)
    if silent:
        affected = sum(1 for result in results if result.silent)
        lines.append(
            f"\nKết quả: {silent} THAY ĐỔI KHÔNG GHI CẬP NHẬT trong {affected} báo cáo"
            + (f"; {corrected} nội dung đã đính chính có ghi cập nhật." if corrected else ".")
        )
    else:
        lines.append(
            "\nKết quả: không có thay đổi nào không ghi cập nhật"
            + (f"; {corrected} nội dung đã đính chính có ghi cập nhật." if corrected else ".")
        )
    return "\n".join(lines)


def _changed_part(before: str, after: str, context: int = 6, limit: int = 300) -> tuple[str, str]:
    """For long texts, the changed words with a few words around them, marked «…»."""
    if len(before) <= limit and len(after) <= limit:
        return before, after
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    changed = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not changed:
        return before[:limit] + "…", after[:limit] + "…"
    a_start, a_end = max(0, changed[0][1] - context), min(len(old), changed[-1][2] + context)
    b_start, b_end = max(0, changed[0][3] - context), min(len(new), changed[-1][4] + context)

    def cut(words: list[str], start: int, end: int) -> str:
        shown = " ".join(words[start:end])
        shown = shown if len(shown) <= limit else shown[:limit] + "…"
        return ("…" if start > 0 else "") + shown + ("…" if end < len(words) else "")

    return cut(old, a_start, a_end), cut(new, b_start, b_end)
