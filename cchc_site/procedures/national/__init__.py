"""National procedure records (Cơ sở dữ liệu quốc gia về thủ tục hành chính) read into ``BanGhi``:
the portal page flattened (``flattened``), the database's structured record and the portal's Word
download (``structured``). What cannot be rebuilt with certainty stays in the portal's wording."""

from __future__ import annotations

from pydantic import ValidationError

from ...core.record import BanGhi
from . import flattened, structured
from .shapes import RecordShapeError, Repair, Repairs, shape_of

__all__ = ["RecordShapeError", "Repair", "parse_record", "parse_record_with_repairs", "shape_of"]


def parse_record_with_repairs(
    data: dict, *, file_name: str | None, phien_ban: str
) -> tuple[BanGhi, tuple[Repair, ...]]:
    """:func:`parse_record`, with the defects it repaired with certainty (part, rule)."""
    shape = shape_of(data)
    if shape is None:
        raise RecordShapeError(
            "(bản ghi)",
            "Không nhận ra dạng bản ghi: cần trang Cổng (ma_thu_tuc, ten_thu_tuc…), bản ghi CSDL "
            "(ma_tthc, ten_tthc…) hoặc tệp Word đã trích (metadata, content, tables).",
        )
    repairs = Repairs()
    parser = {
        "trang_cong": flattened.parse,
        "csdl": structured.parse_database,
        "tai_word": structured.parse_word,
    }
    try:
        record = parser[shape](data, file_name=file_name, phien_ban=phien_ban, repairs=repairs)
    except ValidationError as error:
        # the record's values break the model (e.g. an empty «phien_ban»): named, never raised raw
        first = error.errors()[0]
        place = ".".join(str(part) for part in first["loc"]) or "(bản ghi)"
        raise RecordShapeError(place, f"Giá trị không hợp lệ: {first['msg']}") from None
    return record, tuple(repairs.items)


def parse_record(data: dict, *, file_name: str | None, phien_ban: str) -> BanGhi:
    """One national record, of any of the three shapes, as a ``BanGhi``; raises
    :class:`RecordShapeError` (and nothing else) when it is no record or lacks its code or name."""
    return parse_record_with_repairs(data, file_name=file_name, phien_ban=phien_ban)[0]
