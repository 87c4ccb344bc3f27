"""The national records (``thu-tuc-quoc-gia/<mã>.yaml``): each named by its code, each the record
of exactly one procedure of the list (by ``ma``, or by ``ban_ghi`` for a procedure not yet coded)."""

from __future__ import annotations

from pathlib import Path

from ..addresses import LIST_FILE, RECORD_DIR, record_file
from ..content.documents import Document
from ..core.models import DanhMuc
from ..core.record import BanGhi
from .context import Check
from .files import record_files


def read_records(check: Check, doc: Document | None, danh_muc: DanhMuc | None) -> dict[str, BanGhi]:
    """Every record file read and validated, by code; tied to the list when the list was read."""
    records: dict[str, BanGhi] = {}
    lines: dict[str, Document] = {}
    for path in record_files(check):
        relative = f"{RECORD_DIR}/{path.name}"
        read = check.read(relative, BanGhi, staff_text=False)
        if read is None or read.value is None:
            continue
        code = path.name.removesuffix(".yaml")
        if read.value.nguon.ma != code:
            check.add(
                read.doc.problem(
                    ("nguon", "ma"),
                    "Mã trong bản ghi khác mã ở tên tệp.",
                    read.value.nguon.ma,
                    code,
                    f"Tệp của bản ghi {read.value.nguon.ma} phải tên là {Path(record_file(read.value.nguon.ma)).name}.",
                )
            )
            continue
        records[code] = read.value
        lines[code] = read.doc
    if doc is not None and danh_muc is not None:
        _tie(check, doc, danh_muc, records, lines)
    return records


def _tie(
    check: Check, doc: Document, danh_muc: DanhMuc, records: dict[str, BanGhi], lines: dict[str, Document]
) -> None:
    """Each record belongs to one procedure; ``ban_ghi`` only for a procedure without a code."""
    used: dict[str, int] = {}
    for index, thu_tuc in enumerate(danh_muc.thu_tuc):
        if thu_tuc.ban_ghi and thu_tuc.ma:
            check.add(
                doc.problem(
                    ("thu_tuc", index, "ban_ghi"),
                    "Thủ tục đã có mã thì trang dùng bản ghi của chính mã đó.",
                    thu_tuc.ban_ghi,
                    "để trống «ban_ghi»",
                    "«ban_ghi» chỉ dành cho thủ tục chưa xác minh được mã.",
                )
            )
            continue
        code = thu_tuc.record_code
        if not code:
            continue
        if thu_tuc.ban_ghi and code not in records:
            check.add(
                doc.problem(
                    ("thu_tuc", index, "ban_ghi"),
                    "Chưa có bản ghi quốc gia mang mã này: trang của thủ tục chưa có chi tiết.",
                    thu_tuc.ban_ghi,
                    f"tệp {check.name(record_file(code))}",
                    "Nhập bản ghi bằng «python -m cchc_site import-national TỆP --phien-ban … --write».",
                    severity="canh_bao",
                )
            )
        if code in used and code in records:
            check.add(
                doc.problem(
                    ("thu_tuc", index, "ban_ghi" if thu_tuc.ban_ghi else "ma"),
                    "Hai thủ tục dùng chung một bản ghi quốc gia.",
                    code,
                    "mỗi bản ghi cho một thủ tục",
                    f"Đã dùng cho thủ tục thứ {used[code] + 1}.",
                )
            )
        used.setdefault(code, index)
    for code, record in records.items():
        if code not in used:
            check.add(
                lines[code].problem(
                    ("nguon", "ma"),
                    "Bản ghi không thuộc thủ tục nào trong danh mục: sẽ không được đăng.",
                    f"{code} ({record.ten})",
                    f"một thủ tục trong {check.name(LIST_FILE)} có «ma» (hoặc «ban_ghi») là {code}",
                    "Thêm thủ tục vào danh mục (import-national --them-moi), hoặc xóa tệp.",
                )
            )
