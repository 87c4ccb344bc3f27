"""The commune's profile (``xa.yaml``): what citizens need to reach the one-stop office; and the
life events its home page offers (``su-kien.yaml``, else the package's)."""

from __future__ import annotations

from ..addresses import EVENTS_FILE
from ..content.documents import Document
from ..core.life_events import DanhSachSuKien, package_events
from ..core.models import TienThan, Xa
from ..core.units import body_name
from .context import Check

CONTACT_FIELDS = ("dia_chi", "dien_thoai", "gio_lam_viec")


def check_contact(check: Check, doc: Document, xa: Xa) -> None:
    """Warn (never fail) while the office's address, phone and hours are all empty: every page
    then sends citizens to the commune's seat, and the clerk should know why."""
    if any(getattr(xa, name) for name in CONTACT_FIELDS):
        return
    check.add(
        doc.problem(
            ("dia_chi",),
            "Chưa có địa chỉ, điện thoại, giờ làm việc của Bộ phận tiếp nhận và trả kết quả.",
            "để trống",
            "dia_chi, dien_thoai, gio_lam_viec",
            "Trang chủ và trang thủ tục đang ghi «chưa cập nhật» và mời người dân hỏi tại trụ sở "
            f"UBND {xa.loai_chu}; ghi đủ ba thông tin này khi có văn bản xác nhận.",
            severity="canh_bao",
        )
    )


def check_kind(check: Check, doc: Document, xa: Xa) -> None:
    """The issuing body names the unit's kind and name as ``loai`` and ``ten`` say («Ủy ban nhân dân
    phường Quang Hanh»): every title is built from them, so a mismatch would publish two names."""
    units: list[tuple[tuple[str | int, ...], TienThan | Xa]] = [((), xa)]
    units += [(("hinh_thanh_tu", index), item) for index, item in enumerate(xa.hinh_thanh_tu)]
    for loc, unit in units:
        if " ".join(unit.co_quan.split()).casefold().endswith(unit.don_vi.casefold()):
            continue
        check.add(
            doc.problem(
                (*loc, "co_quan"),
                f"Tên cơ quan không khớp loại và tên đơn vị: trang ghi «{unit.don_vi}».",
                unit.co_quan,
                body_name(unit.loai, unit.ten),
                "Sửa «co_quan», hoặc «loai» (xa, phuong, dac_khu"
                + (", thi_tran" if loc else "")
                + ") và «ten» cho đúng văn bản của đơn vị.",
            )
        )


def read_events(check: Check) -> DanhSachSuKien:
    """The commune's own life events when it keeps a file of them, else the national default."""
    if not (check.folder / EVENTS_FILE).exists():
        return package_events()
    read = check.read(EVENTS_FILE, DanhSachSuKien)
    return read.value if read and read.value is not None else package_events()
