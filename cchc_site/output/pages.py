"""Validated data → page specs (address + Markdown), every address from ``addresses``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from urllib.parse import quote

from markupsafe import Markup

from .. import addresses, text
from ..core.models import NHOM_LABELS, NHOM_SHORT, TRUC_TUYEN_LABELS, ThuTuc
from ..core.periods import FIRST_REPORT_YEAR, PERIOD_KINDS, Ky
from ..core.rules import RULES
from ..indicators.catalogue import Headline
from ..indicators.checks import shown_change
from ..site_data import Report, SiteData
from .charts import bar_chart
from .guide import catalogue_docs, model_docs
from .history import Slot, first_listing, indicator_series, kinds_of, list_history, slots
from .home import life_events, online_counts
from .open_data import CHANGES, CORRECTIONS, FIGURES, PROCEDURES, RATES, DataFile, original_uri
from .procedure_view import NOT_ONLINE_IN_RECORD, ONLINE_IN_RECORD, online_label, procedure_view
from .render import render

TYPES = {
    "string": "văn bản",
    "integer": "số nguyên",
    "number": "số",
    "date": "ngày",
    "boolean": "đúng/sai (true/false)",
}


@dataclass(frozen=True)
class PageSpec:
    """A page generated during the build; ``in_nav`` pages are named in ``mkdocs.yml``."""

    uri: str
    markdown: str
    in_nav: bool
    updated: date | None = None  # last change of what the page shows (sitemap), when known


def report_uri(report: Report) -> str:
    return addresses.report_page(report.key)


def asof_uri(report: Report) -> str:
    return addresses.asof_page(report.model.slug)


def link(from_uri: str, to_uri: str) -> Markup:
    """Relative Markdown link target between two generated pages (checked by MkDocs)."""
    depth = from_uri.count("/")
    return Markup("../" * depth + to_uri)


def url(from_uri: str, to_uri: str) -> Markup:
    """The built address of ``to_uri`` (a page, or a data file) relative to the built page ``from_uri``
    (raw HTML links, which MkDocs does not rewrite; ``use_directory_urls`` is required by the hooks)."""
    if not to_uri.endswith(".md"):  # a data file is published under its own name
        return Markup(quote(_relative(to_uri, addresses.page_url(from_uri))))
    relative = _relative(addresses.page_url(to_uri), addresses.page_url(from_uri))
    return Markup(quote(relative.rstrip("/") + "/" if relative != "." else "./"))


def _relative(target: str, start: str) -> str:
    """``posixpath.relpath`` for the site's own addresses (relative, no «..»), without its
    ``abspath`` calls: a province-sized list links thousands of pages from each page."""
    to, base = [p for p in target.split("/") if p], [p for p in start.split("/") if p]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def build_pages(site: SiteData, files: list[DataFile]) -> list[PageSpec]:
    """Every generated page of the site, in a stable order."""
    current = site.listed
    latest = site.reports[-1] if site.reports else None  # a new commune's site has none yet
    common = {
        "xa": site.xa,
        "link": link,
        "url": url,
        "nguon": site.danh_muc.nguon,
        "report_uri": report_uri,
        "procedure_uri": _addresses(site),
        "addresses": addresses,
        "short": NHOM_SHORT,
    }
    online = {id(t): online_label(t, site.record_of(t)) for t in site.danh_muc.thu_tuc}
    pages = [
        PageSpec(
            addresses.HOME,
            render(
                "home.md.j2",
                **common,
                uri=addresses.HOME,
                latest=latest,
                latest_uri=report_uri(latest) if latest else None,
                rows=key_rows(latest, site.catalogue.headlines.home) if latest else [],
                rates=latest.rates if latest else [],
                count=len(current),
                events=life_events(site.events, current),
                online=online_counts(site, site.catalogue.headlines.online),
            ),
            True,
        ),
        PageSpec(
            addresses.REPORT_INDEX,
            render(
                "report_index.md.j2",
                **common,
                uri=addresses.REPORT_INDEX,
                years=_by_year(site.reports),
                kinds=[kind.name for kind in PERIOD_KINDS.values()],
            ),
            True,
        ),
        history_page(site, common),
        PageSpec(
            addresses.LIST,
            render(
                "procedure_list.md.j2",
                **common,
                uri=addresses.LIST,
                groups=_grouped(current),
                total=len(current),
                withdrawn=site.withdrawn,
                coming=site.coming,
                today=site.today,
                online_of=lambda t: online[id(t)],
                with_record=any(
                    label in (ONLINE_IN_RECORD, NOT_ONLINE_IN_RECORD) for label in online.values()
                ),
                choices=_filter_choices(current, online),
            ),
            True,
        ),
        list_history_page(site, common),
        data_page(files, common),
        PageSpec(
            addresses.GUIDE,
            render(
                "guide.md.j2",
                **common,
                uri=addresses.GUIDE,
                models=model_docs(),
                groups=catalogue_docs(site.catalogue),
                rules=RULES,
            ),
            False,
        ),
    ]
    periods = {p.quarter.slug: p for p in list_history(site)}
    for index, report in enumerate(site.reports):
        pages.append(report_page(report, index, site.reports, common))
        day = report.model.window.den_ngay
        standing = [t for t in site.danh_muc.thu_tuc if t.active_on(day)]
        uri = asof_uri(report)
        pages.append(
            PageSpec(
                uri,
                render(
                    "procedure_list_asof.md.j2",
                    **common,
                    uri=uri,
                    report=report,
                    day=day,
                    groups=_grouped(standing),
                    total=len(standing),
                    period=periods.get(report.model.slug),
                ),
                False,
            )
        )
    for merged in site.predecessors:  # each among its own reports only: never next to ours
        for index, report in enumerate(merged.reports):
            pages.append(report_page(report, index, merged.reports, common))
    for thu_tuc in site.danh_muc.thu_tuc:
        uri = common["procedure_uri"](thu_tuc)
        pages.append(
            PageSpec(
                uri,
                render(
                    "procedure.md.j2",
                    **common,
                    uri=uri,
                    t=thu_tuc,
                    v=procedure_view(thu_tuc, site.record_of(thu_tuc), site.xa, site.danh_muc.nguon),
                    group=NHOM_LABELS[thu_tuc.nhom],
                    level=TRUC_TUYEN_LABELS[thu_tuc.truc_tuyen],
                    today=site.today,
                ),
                False,
            )
        )
    return pages


def _addresses(site: SiteData):
    """``procedure_uri`` computed once per procedure: lists repeat them thousands of times."""
    known = {id(t): addresses.procedure_page(t) for t in site.danh_muc.thu_tuc}
    return lambda thu_tuc: known.get(id(thu_tuc)) or addresses.procedure_page(thu_tuc)


def report_page(report: Report, index: int, reports: list[Report], common: dict) -> PageSpec:
    uri = report_uri(report)
    model = report.model
    corrections = [(c, report.describe(c.truong)) for c in model.cap_nhat]
    changes = [(c, shown_change(c)) for c in report.changes]
    return PageSpec(
        uri,
        render(
            "report.md.j2",
            **common,
            uri=uri,
            report=report,
            r=model,
            rows=report.rows,
            rates=report.rates,
            changes=changes,
            previous=reports[index - 1] if index > 0 else None,
            following=reports[index + 1] if index + 1 < len(reports) else None,
            corrections=corrections,
            csv_uri=addresses.report_data(report.key, "csv"),
            json_uri=addresses.report_data(report.key, "json"),
            word_uri=addresses.report_data(report.key, "docx"),
            asof_uri=None if report.tien_than else asof_uri(report),
            original_uri=original_uri(report) if report.original else None,
        ),
        False,
        last_change(report),
    )


def last_change(report: Report) -> date | None:
    """Publication, or the latest correction."""
    days = [report.model.ngay_dang_tai, *(c.ngay for c in report.model.cap_nhat)]
    return max((d for d in days if d is not None), default=None)


@dataclass(frozen=True)
class KindHistory:
    """One kind of report on the history page: which periods have one, figures across them, charts."""

    key: str
    name: str  # "quý"
    row_heading: str  # what the grid's rows are: «Năm», or «Giai đoạn» for reviews of whole years
    slots: list[Slot]
    columns: list[str]  # the grid's columns: «Quý 1» … «Quý 4»
    grid: list[tuple[str, list[Slot | None]]]  # (row label, cells)
    groups: list[tuple[str, list]]
    charts: list


def _grid(loai: str, found: list[Slot]) -> tuple[list[str], list[tuple[str, list[Slot | None]]]]:
    """Columns and rows of the history's grid: whole-year reviews one per row; else a row per year,
    a column per period of the year."""
    kind = PERIOD_KINDS[loai]
    by_slug = {s.slug: s for s in found}
    if kind.span == "years":
        return ["Báo cáo"], [(s.label, [s]) for s in reversed(found)]
    years = sorted({s.ky.nam for s in found}, reverse=True)
    numbers = range(1, kind.per_year + 1) if kind.span == "numbered" else (0,)
    columns = [Ky(loai, FIRST_REPORT_YEAR, n).in_year for n in numbers]
    return columns, [(str(year), [by_slug.get(Ky(loai, year, n).slug) for n in numbers]) for year in years]


def kind_history(reports: list[Report], loai: str, charted: tuple[Headline, ...]) -> KindHistory:
    """One kind of report of one issuing commune: its periods, figures across them, charts of the
    ``charted`` headline figures."""
    found = slots(reports, loai)
    series = indicator_series(reports, loai)
    groups: dict[str, list] = {}
    for item in series:
        groups.setdefault(item.group, []).append(item)
    charts = []
    for headline in charted:
        key = headline.key
        candidates = [s for s in series if s.key == key and not s.breakdown]
        if candidates:  # the kind of scope the reports use most for this indicator
            chosen = max(candidates, key=lambda s: len(s.points))
            chart_id = f"bieu-do-{loai}-{key}".replace(".", "-").replace("_", "-")
            chart = bar_chart(chart_id, headline.label, chosen, found)
            if chart is not None:
                charts.append(chart)
    columns, grid = _grid(loai, found)
    kind = PERIOD_KINDS[loai]
    row_heading = kind.name[0].upper() + kind.name[1:] if kind.span == "years" else "Năm"
    return KindHistory(loai, kind.name, row_heading, found, columns, grid, list(groups.items()), charts)


def history_page(site: SiteData, common: dict) -> PageSpec:
    """Reports by period, for each kind: indicators across its periods with changes, charts; all corrections."""
    charted = site.catalogue.headlines.charts
    kinds = [kind_history(site.reports, loai, charted) for loai in kinds_of(site.reports)]
    corrections = [
        (report, c, report.describe(c.truong)) for report in site.reports for c in report.model.cap_nhat
    ]
    corrections.sort(key=lambda item: (item[1].ngay, item[0].model.slug), reverse=True)
    merged = [
        (p, [kind_history(p.reports, loai, charted) for loai in kinds_of(p.reports)])
        for p in site.predecessors
    ]
    return PageSpec(
        addresses.HISTORY,
        render(
            "history.md.j2",
            **common,
            uri=addresses.HISTORY,
            kinds=kinds,
            corrections=corrections,
            merged=merged,
        ),
        True,
    )


def list_history_page(site: SiteData, common: dict) -> PageSpec:
    initial = first_listing(site)
    initial_count = sum(1 for t in site.danh_muc.thu_tuc if t.ngay_niem_yet == initial)
    return PageSpec(
        addresses.LIST_HISTORY,
        render(
            "list_history.md.j2",
            **common,
            uri=addresses.LIST_HISTORY,
            periods=list_history(site),
            initial=initial,
            initial_count=initial_count,
            asof_uri=asof_uri,
        ),
        False,
    )


def data_page(files: list[DataFile], common: dict) -> PageSpec:
    package = next(f for f in files if f.uri == addresses.DATAPACKAGE)
    listed = [f for f in files if f.uri.startswith(f"{addresses.DATA_DIR}/")]
    schemas = []
    for title, columns in (
        ("Số liệu", FIGURES),
        ("Tỷ lệ", RATES),
        ("Thay đổi so với kỳ trước", CHANGES),
        ("Các lần cập nhật", CORRECTIONS),
        ("Danh mục thủ tục", PROCEDURES),
    ):
        names = [f.uri.rsplit("/", 1)[-1] for f in listed if f.columns == columns]
        if names:
            schemas.append((title, columns, names))
    return PageSpec(
        addresses.DATA,
        render(
            "data.md.j2",
            **common,
            uri=addresses.DATA,
            files=listed,
            package=package,
            schemas=schemas,
            types=TYPES,
        ),
        True,
    )


def key_rows(report: Report, wanted: tuple[str, ...]) -> list:
    """The figures a citizen looks for first on the home page, in the catalogue's order."""
    rows = {row.key: row for row in report.rows if not row.breakdown}
    return [rows[key] for key in wanted if key in rows]


def _by_year(reports: list[Report]) -> list[tuple[int, list[Report]]]:
    ordered = sorted(reports, key=lambda r: r.ky.order, reverse=True)
    return [(year, list(items)) for year, items in groupby(ordered, key=lambda r: r.ky.nam)]


def _slug(value: str) -> Markup:
    """A choice of the list filter as written in the page's address: ``[a-z0-9-]`` only."""
    return Markup(text.slugify(value))


def _filter_choices(procedures: list[ThuTuc], online: dict[int, str]) -> dict[str, list[tuple[Markup, str]]]:
    """The list filter's choices, from the data: (value in the page's address, label)."""
    fields = sorted({t.linh_vuc for t in procedures}, key=text.sort_key)
    present = {online[id(t)] for t in procedures}
    order = [*TRUC_TUYEN_LABELS.values(), ONLINE_IN_RECORD, NOT_ONLINE_IN_RECORD]
    return {
        "linh_vuc": [(_slug(field), field) for field in fields],
        "truc_tuyen": [(_slug(label), label) for label in order if label in present],
    }


def _grouped(procedures: list[ThuTuc]) -> list[tuple[str, str, int, list[tuple[str, list[ThuTuc]]]]]:
    """(group key, group label, count, [(lĩnh vực, procedures)]) with lĩnh vực in Vietnamese order."""
    result = []
    for nhom, label in NHOM_LABELS.items():
        by_field: dict[str, list[ThuTuc]] = defaultdict(list)
        for thu_tuc in procedures:
            if thu_tuc.nhom == nhom:
                by_field[thu_tuc.linh_vuc].append(thu_tuc)
        fields = sorted(by_field.items(), key=lambda item: text.sort_key(item[0]))
        result.append((nhom, label, sum(len(v) for v in by_field.values()), fields))
    return result
