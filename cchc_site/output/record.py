"""The verification record every built site publishes (``du-lieu/kiem-chung.json``).

For each published report: every value the seal covers (its key, a reader's name, its fingerprint
and its text), the seals and the corrections recorded so far. ``python -m cchc_site verify`` reads
it from an archived copy of the site and compares it with today's data.
"""

from __future__ import annotations

from typing import Any

from ..core.models import CapNhat
from ..site_data import Report, SiteData

FORMAT = 1


def verification_record(site: SiteData) -> dict[str, Any]:
    """The verification record of a built site: plain JSON data."""
    return {
        "phien_ban": FORMAT,
        "co_quan": site.xa.co_quan,
        "ghi_chu": "Dữ liệu đối chiếu cho lệnh «python -m cchc_site verify BẢN_LƯU»: mọi nội dung "
        "đã công bố của từng báo cáo, dấu vân tay và các lần cập nhật. Không dùng để hiển thị.",
        "bao_cao": {report.model.slug: _report_record(report) for report in site.reports},
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
    }


def correction(cap_nhat: CapNhat) -> dict[str, Any]:
    """A correction as the record writes it (and as ``verify`` compares it)."""
    return {
        "ngay": cap_nhat.ngay,
        "truong": cap_nhat.truong,
        "gia_tri_cu": cap_nhat.gia_tri_cu,
        "gia_tri_moi": cap_nhat.gia_tri_moi,
        "ly_do": cap_nhat.ly_do,
    }
