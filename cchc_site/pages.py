"""Validated data → page specs (address + Markdown). The URL scheme lives here only."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import quote

from markupsafe import Markup

from . import text
from .indicators import figure_rows, rates
from .models import NHOM_LABELS, NHOM_SHORT, ONLINE_LEVELS, TRUC_TUYEN_LABELS, ThuTuc
from .render import render
from .validate import Report, SiteData, procedure_slug

PORTAL_SEARCH = "https://dichvucong.gov.vn/tim-kiem-thu-tuc-hanh-chinh?keyword="

HOME = "index.md"
REPORT_INDEX = "bao-cao/index.md"
LIST = "thu-tuc/index.md"


@dataclass(frozen=True)
class PageSpec:
    """A page generated during the build; ``in_nav`` pages are named in ``mkdocs.yml``."""

    uri: str
    markdown: str
    in_nav: bool


def report_uri(report: Report) -> str:
    return f"bao-cao/{report.model.slug}.md"


def procedure_uri(thu_tuc: ThuTuc) -> str:
    return f"thu-tuc/{procedure_slug(thu_tuc)}.md"


def link(from_uri: str, to_uri: str) -> Markup:
    """Relative Markdown link target between two generated pages (checked by MkDocs)."""
    depth = from_uri.count("/")
    return Markup("../" * depth + to_uri)


def portal_url(thu_tuc: ThuTuc) -> Markup:
    """The hand-checked portal page where the data has one, else the portal's search."""
    if thu_tuc.duong_dan:
        return Markup(quote(thu_tuc.duong_dan, safe=":/?&=#%.-_~"))
    return Markup(PORTAL_SEARCH + quote(thu_tuc.ten))


def build_pages(site: SiteData) -> list[PageSpec]:
    """Every generated page of the site, in a stable order."""
    current = [t for t in site.danh_muc.thu_tuc if t.ngay_bai_bo is None]
    latest = site.reports[-1]
    common = {"xa": site.xa, "link": link, "nguon": site.danh_muc.nguon}
    pages = [
        PageSpec(HOME, render("home.md.j2", **common, uri=HOME, latest=latest,
                              latest_uri=report_uri(latest), rows=key_rows(latest),
                              rates=rates(latest.model), count=len(current)), True),
        PageSpec(REPORT_INDEX, render("report_index.md.j2", **common, uri=REPORT_INDEX,
                                      years=_by_year(site.reports), report_uri=report_uri), True),
        PageSpec(LIST, render("procedure_list.md.j2", **common, uri=LIST,
                              groups=_grouped(current), total=len(current),
                              withdrawn=[t for t in site.danh_muc.thu_tuc if t.ngay_bai_bo],
                              procedure_uri=procedure_uri, levels=TRUC_TUYEN_LABELS,
                              short=NHOM_SHORT), True),
    ]
    for report in site.reports:
        uri = report_uri(report)
        pages.append(PageSpec(uri, render("report.md.j2", **common, uri=uri, report=report,
                                          r=report.model, rows=figure_rows(report.model),
                                          rates=rates(report.model), list_uri=LIST,
                                          index_uri=REPORT_INDEX), False))
    for thu_tuc in site.danh_muc.thu_tuc:
        uri = procedure_uri(thu_tuc)
        pages.append(PageSpec(uri, render("procedure.md.j2", **common, uri=uri, t=thu_tuc,
                                          group=NHOM_LABELS[thu_tuc.nhom],
                                          level=TRUC_TUYEN_LABELS[thu_tuc.truc_tuyen],
                                          portal=portal_url(thu_tuc), list_uri=LIST,
                                          online=thu_tuc.truc_tuyen in ONLINE_LEVELS), False))
    return pages


def key_rows(report: Report) -> list:
    """The figures a citizen looks for first on the home page."""
    wanted = ("thu_tuc.tong", "thu_tuc.truc_tuyen", "ho_so.tiep_nhan", "ho_so.da_giai_quyet",
              "ho_so.truoc_han", "khao_sat.phieu_phat_ra", "can_bo.tong")
    rows = {row.key: row for row in figure_rows(report.model)}
    return [rows[key] for key in wanted if key in rows]


def _by_year(reports: list[Report]) -> list[tuple[int, list[Report]]]:
    ordered = sorted(reports, key=lambda r: (r.model.nam, r.model.quy), reverse=True)
    return [(year, list(items)) for year, items in groupby(ordered, key=lambda r: r.model.nam)]


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
