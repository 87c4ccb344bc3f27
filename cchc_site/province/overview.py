"""The province overview: one static HTML page and its open data, from the communes' validated data."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .. import text
from ..addresses import DATAPACKAGE, OVERVIEW_COMMUNES_CSV, OVERVIEW_JSON, OVERVIEW_PERIODS_CSV
from ..core.periods import Ky
from ..indicators import national
from ..output.open_data import Column, DataFile, datapackage_descriptor, to_csv, to_json
from .communes import Commune, due_date, expected_quarter, load_commune


def commune_columns() -> tuple[Column, ...]:
    """The overview's columns: each commune's state, its latest headline figures (from the
    catalogue), whether its due report is published."""
    return (
        Column("xa", "string", "Thư mục của xã"),
        Column("ten", "string", "Tên đơn vị (xã, phường, đặc khu)"),
        Column("trang_thai", "string", "Tình trạng dữ liệu", "hop_le hoặc loi"),
        Column("so_loi", "integer", "Số lỗi dữ liệu"),
        Column("loi_dau_tien", "string", "Lỗi đầu tiên"),
        Column("ky_moi_nhat", "string", "Kỳ của báo cáo mới nhất đã đăng"),
        *(
            Column(h.column, "number", h.description, "0–1, kỳ mới nhất")
            if h.is_rate
            else Column(h.column, "integer", h.description, "theo báo cáo mới nhất")
            for h in national().headlines.overview
        ),
        Column("ky_phai_co", "string", "Kỳ quý đã đến hạn báo cáo"),
        Column("han_bao_cao", "date", "Hạn báo cáo kỳ đó"),
        Column("cham", "boolean", "Chưa đăng báo cáo kỳ đã đến hạn"),
        Column("trang", "string", "Địa chỉ trang của xã"),
    )


PERIODS = (
    Column("xa", "string", "Thư mục của xã"),
    Column("ten", "string", "Tên đơn vị (xã, phường, đặc khu)"),
    Column("ky", "string", "Kỳ báo cáo", "2022-q3, 2023-6t, 2022-nam…"),
    Column("loai_ky", "string", "Loại kỳ"),
    Column("nam", "integer", "Năm"),
    Column("ngay_dang_tai", "date", "Ngày đăng tải"),
    Column("trang", "string", "Địa chỉ trang báo cáo"),
)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """HTML templates, escaped by Jinja (the site's Markdown templates escape differently)."""
    env = Environment(
        loader=PackageLoader("cchc_site", "templates"),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["ty_le"] = text.format_percent
    env.filters["so"] = text.format_number
    env.filters["ngay"] = text.format_date
    return env


def commune_record(commune: Commune, expected: Ky) -> dict[str, Any]:
    latest = commune.latest
    figures = dict(zip((h.column for h in national().headlines.overview), commune.figures(), strict=True))
    return {
        "xa": commune.slug,
        "ten": commune.name,
        "trang_thai": "hop_le" if commune.ok else "loi",
        "so_loi": len(commune.problems),
        "loi_dau_tien": commune.first_error or None,
        "ky_moi_nhat": latest.ky.slug if latest else None,
        **{
            column: None if f is None else _rounded(f.ratio) if f.ratio is not None else f.value
            for column, f in figures.items()
        },
        "ky_phai_co": expected.slug,
        "han_bao_cao": due_date(expected),
        "cham": None if not commune.ok else not commune.covers(expected),
        "trang": commune.url,
    }


def period_records(commune: Commune) -> list[dict[str, Any]]:
    reports = commune.site.reports if commune.site else []
    return [
        {
            "xa": commune.slug,
            "ten": commune.name,
            "ky": r.ky.slug,
            "loai_ky": r.ky.loai,
            "nam": r.ky.nam,
            "ngay_dang_tai": r.model.ngay_dang_tai,
            "trang": commune.report_url(r.ky),
        }
        for r in sorted(reports, key=lambda r: r.ky.order)
    ]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def overview_files(communes: list[Commune], today: date) -> list[DataFile]:
    """Open data of the overview: CSV, JSON and the Data Package describing them."""
    expected = expected_quarter(today)
    rows = [commune_record(c, expected) for c in communes]
    periods = [r for c in communes for r in period_records(c)]
    files = [
        DataFile(
            OVERVIEW_COMMUNES_CSV,
            to_csv(commune_columns(), rows),
            "Các xã",
            "Mỗi xã một dòng: tình trạng dữ liệu, số liệu của báo cáo mới nhất, báo cáo đã đến hạn.",
            commune_columns(),
        ),
        DataFile(
            OVERVIEW_PERIODS_CSV,
            to_csv(PERIODS, periods),
            "Các kỳ đã đăng",
            "Mỗi báo cáo đã đăng của mỗi xã một dòng.",
            PERIODS,
        ),
        DataFile(
            OVERVIEW_JSON,
            to_json({"ngay": today, "cac_xa": rows, "ky_bao_cao": periods}),
            "Tổng hợp (JSON)",
            "Nội dung của cac-xa.csv và ky-bao-cao.csv trong một tệp JSON.",
        ),
    ]
    descriptor = datapackage_descriptor(
        files,
        name="cchc-tong-hop",
        title="Tổng hợp cải cách hành chính các xã",
        description=f"Số liệu tổng hợp từ dữ liệu đã kiểm tra của {len(communes)} xã, ngày {text.format_date(today)}. "
        "Tệp CSV mã hóa UTF-8 có BOM, phân cách bằng dấu phẩy, số thập phân dùng dấu chấm.",
        keywords=["cải cách hành chính", "tổng hợp"],
    )
    return [*files, DataFile(DATAPACKAGE, to_json(descriptor), "Mô tả gói dữ liệu", "")]


def render_overview(communes: list[Commune], today: date, files: list[DataFile]) -> str:
    expected = expected_quarter(today)
    periods = sorted(
        {r.ky for c in communes if c.site for r in c.site.reports}, key=lambda k: k.order, reverse=True
    )
    published = {c.slug: {r.ky for r in c.site.reports} if c.site else set() for c in communes}
    return (
        environment()
        .get_template("tong_hop.html.j2")
        .render(
            communes=communes,
            headings=[h.label for h in national().headlines.overview],
            today=today,
            expected=expected,
            due=due_date(expected),
            periods=periods,
            published=published,
            files=files,
        )
    )


def load_communes(folders: list[Path], url: str, today: date) -> list[Commune]:
    """Every commune, loaded and validated (``url``: the address pattern, ``{xa}`` the folder)."""
    return [load_commune(f, url.format(xa=f.name), today) for f in folders]


def overview_outputs(communes: list[Commune], today: date) -> dict[str, bytes]:
    """The overview's files: ``index.html`` and ``du-lieu/…``, path under the output folder → bytes."""
    files = overview_files(communes, today)
    outputs = {item.uri: item.content for item in files}
    outputs["index.html"] = render_overview(communes, today, files).encode("utf-8")
    return outputs
