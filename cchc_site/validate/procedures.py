"""The procedure list: codes, names and page addresses unique; withdrawal after listing."""

from __future__ import annotations

from datetime import timedelta

from .. import text
from ..addresses import RESERVED_SLUGS, page_url, procedure_page, procedure_slug
from ..content.documents import Document
from ..core.errors import Severity
from ..core.models import DanhMuc
from .context import Check

AHEAD_DAYS = 366  # a listing or withdrawal is decided at most this far ahead of its day


def check_list(check: Check, doc: Document, danh_muc: DanhMuc) -> None:
    """Duplicate codes, names and page addresses; withdrawal after listing; dates not too far
    ahead of the check's day (a later listing is shown as coming); missing codes warn."""
    today = check.today
    latest = today + timedelta(days=AHEAD_DAYS)
    codes: dict[str, int] = {}
    names: dict[tuple[str, str], int] = {}
    slugs: dict[str, int] = {}
    for index, thu_tuc in enumerate(danh_muc.thu_tuc):

        def add(
            field_name: str,
            message: str,
            found: str,
            expected: str,
            severity: Severity = "loi",
            hint: str | None = None,
            index: int = index,
        ) -> None:
            check.add(
                doc.problem(("thu_tuc", index, field_name), message, found, expected, hint, severity=severity)
            )

        if thu_tuc.ma:
            if thu_tuc.ma in codes:
                add(
                    "ma",
                    "Mã thủ tục bị trùng.",
                    thu_tuc.ma,
                    "mỗi mã một thủ tục",
                    hint=f"Đã dùng cho thủ tục thứ {codes[thu_tuc.ma] + 1}.",
                )
            codes.setdefault(thu_tuc.ma, index)
        else:
            add(
                "ma",
                "Thủ tục chưa có mã quốc gia.",
                "để trống",
                'mã dạng "1.001193"',
                "canh_bao",
                hint="Tra mã trên Cổng Dịch vụ công quốc gia và quyết định công bố của tỉnh.",
            )
        key = (thu_tuc.nhom, " ".join(text.fold(thu_tuc.ten).lower().split()))  # no-break spaces too
        if key in names:
            add(
                "ten",
                "Tên thủ tục bị trùng trong cùng nhóm.",
                thu_tuc.ten,
                "mỗi thủ tục một lần",
                hint=f"Trùng với thủ tục thứ {names[key] + 1}.",
            )
        names.setdefault(key, index)
        slug = procedure_slug(thu_tuc)
        if slug in RESERVED_SLUGS:
            add(
                "ten",
                "Tên thủ tục tạo ra địa chỉ trùng một trang của hệ thống.",
                page_url(procedure_page(thu_tuc)),
                "địa chỉ khác " + ", ".join(sorted(RESERVED_SLUGS)),
                hint="Ghi mã thủ tục hoặc sửa tên thủ tục.",
            )
        if slug in slugs and names[key] == index:  # same name already reported above
            add(
                "ten",
                "Hai thủ tục có cùng địa chỉ trang.",
                slug,
                "địa chỉ riêng cho mỗi thủ tục",
                hint="Ghi mã thủ tục hoặc sửa tên cho khác nhau.",
            )
        slugs.setdefault(slug, index)
        for field_name, day, what in (
            ("ngay_niem_yet", thu_tuc.ngay_niem_yet, "niêm yết"),
            ("ngay_bai_bo", thu_tuc.ngay_bai_bo, "bãi bỏ"),
        ):
            if day is not None and day > latest:
                add(
                    field_name,
                    f"Ngày {what} quá xa trong tương lai.",
                    text.format_date(day),
                    f"đến {text.format_date(latest)} (một năm kể từ hôm nay, {text.format_date(today)})",
                    hint="Kiểm tra năm đã gõ. Ngày sau hôm nay được hiện ở mục «Sắp niêm yết» "
                    "(hoặc «sẽ bãi bỏ») cho đến ngày đó.",
                )
        if thu_tuc.ngay_bai_bo and thu_tuc.ngay_bai_bo <= thu_tuc.ngay_niem_yet:
            add(
                "ngay_bai_bo",
                "Ngày bãi bỏ phải sau ngày niêm yết.",
                text.format_date(thu_tuc.ngay_bai_bo),
                f"sau {text.format_date(thu_tuc.ngay_niem_yet)}",
            )
