"""The commune's profile (``xa.yaml``): what citizens need to reach the one-stop office; and the
life events its home page offers (``su-kien.yaml``, else the package's)."""

from __future__ import annotations

from ..addresses import EVENTS_FILE
from ..content.documents import Document
from ..core.life_events import DanhSachSuKien, package_events
from ..core.models import Xa
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
            "UBND xã; ghi đủ ba thông tin này khi có văn bản xác nhận.",
            severity="canh_bao",
        )
    )


def read_events(check: Check) -> DanhSachSuKien:
    """The commune's own life events when it keeps a file of them, else the national default."""
    if not (check.folder / EVENTS_FILE).exists():
        return package_events()
    read = check.read(EVENTS_FILE, DanhSachSuKien)
    return read.value if read and read.value is not None else package_events()
