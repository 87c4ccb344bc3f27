"""The verification record every built site publishes (``du-lieu/kiem-chung.json``).

For each published report: every value the seal covers (its key, a reader's name, its fingerprint
and its text), the seals and the corrections recorded so far, its page and the keys of the figures
its page's table shows, row by row. For the site: the SHA-256 of every data file written before it
(the reports' CSV and JSON among them). ``python -m cchc_site verify`` reads it from an archived
copy of the site, checks that the copy agrees with it, and compares it with today's data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from .. import addresses
from ..core.models import CapNhat
from ..site_data import Report, SiteData

FORMAT = 1


class Listed(Protocol):
    """A data file the record fingerprints (``open_data.DataFile``)."""

    @property
    def uri(self) -> str: ...

    @property
    def sha256(self) -> str: ...


def verification_record(site: SiteData, files: Iterable[Listed] = ()) -> dict[str, Any]:
    """The verification record of a built site: plain JSON data; ``files`` are fingerprinted."""
    return {
        "phien_ban": FORMAT,
        "co_quan": site.xa.co_quan,
        "ghi_chu": "Dữ liệu đối chiếu cho lệnh «python -m cchc_site verify BẢN_LƯU»: mọi nội dung "
        "đã công bố của từng báo cáo, dấu vân tay và các lần cập nhật. Không dùng để hiển thị.",
        "bao_cao": {report.model.slug: _report_record(report) for report in site.reports},
        "tep": {item.uri: f"sha256:{item.sha256}" for item in files},
    }


def _report_record(report: Report) -> dict[str, Any]:
    return {
        "nhan": report.model.label,
        "ngay_dang_tai": report.model.ngay_dang_tai,
        "phien_ban_khoa": report.seal_version,
        "van_tay_khi_dang_tai": report.seal,
        "van_tay_hien_tai": report.current_seal,
        "cap_nhat": [correction(c) for c in report.model.cap_nhat],
        "gia_tri": {
            key: {"ten": leaf.label, "van_tay": leaf.value, "noi_dung": leaf.raw}
            for key, leaf in sorted(report.leaves.items())
        },
        "trang": {
            "dia_chi": addresses.page_url(addresses.report_page(report.key)),
            "bang_so_lieu": table_keys(report),
        },
    }


def table_keys(report: Report) -> list[str]:
    """The key of each figure the report's page shows in its table, row by row (``report.rows``
    follows ``figures.figures``; a figure's value is the leaf written where the figure is)."""
    by_loc: dict[Any, str] = {}
    for key, leaf in report.leaves.items():
        by_loc.setdefault(leaf.loc, key)
    return [by_loc.get(figure.loc, "") for figure in report.figures.figures]


def correction(cap_nhat: CapNhat) -> dict[str, Any]:
    """A correction as the record writes it (and as ``verify`` compares it)."""
    return {
        "ngay": cap_nhat.ngay,
        "truong": cap_nhat.truong,
        "gia_tri_cu": cap_nhat.gia_tri_cu,
        "gia_tri_moi": cap_nhat.gia_tri_moi,
        "ly_do": cap_nhat.ly_do,
    }
