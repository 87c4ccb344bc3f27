"""Shapes B and C, already tables: «csdl», the national database's structured record, and
«tai_word», the portal's per-procedure Word download as another project extracted it."""

from __future__ import annotations

import re
from typing import Any

from ...core.record import BanGhi, CachThuc, GiayTo, KetQua, Mau, NguyenVan, NhomGiayTo, TrinhTu, VanBanPhapLy
from . import cleaning, steps, values
from .flattened import CHANNEL_NAMES, decision
from .legal import NUMBER
from .shapes import Fields, RecordShapeError, Repairs

_CHANNELS = {name.lower(): key for name, key in CHANNEL_NAMES.items()}
_KIND_AND_NUMBER = re.compile(
    rf"(?:Luật|Bộ luật|Nghị định|Thông tư(?: liên tịch)?|Nghị quyết|Quyết định)(?: số)?\s*({NUMBER.pattern})"
)
# A complete «số/năm/ký hiệu» (spacing and separators as written), or «số/ký hiệu» without a year
_COMPLETE = re.compile(r"\d+(?:\.\d+)?[a-z]?/\d{4}/[^\s/].*|\d+/[A-ZĐ][^\s/]*")
_COPIES = re.compile(r"Bản chính:\s*(\d+)\s*Bản sao:\s*(\d+)")


def _row(*pairs: str | None) -> str:
    """A structured row in the portal's words, its cells in order, for a row kept as written."""
    return " — ".join(cell for value in pairs if (cell := cleaning.text(value)))


def legal_number(written: str | None, title: str | None, repairs: Repairs) -> str | NguyenVan | None:
    """A legal document's number cell: as written when complete; the number alone when the cell
    gives its kind too («Thông tư số 104/2024/TT-BQP»); completed from the title when the cell was
    cut («12» and «Quyết định số 12/2021/QĐ-TTg …» in the title: the only number the title gives that
    begins with the cell); else kept as written, flagged."""
    cell = cleaning.text(written)
    if cell is None:
        return None
    if _COMPLETE.fullmatch(cell):
        return cell
    if kind := _KIND_AND_NUMBER.fullmatch(cell):
        return kind.group(1)
    completions = {
        found.group()
        for found in NUMBER.finditer(title or "")
        if found.group().startswith(cell) and found.group()[len(cell) : len(cell) + 1] in ("/", "-")
    }
    if len(completions) == 1 and re.fullmatch(r"\d+(?:/\d{4})?", cell):
        repairs.add("can_cu_phap_ly", "so_hieu_khong_ro")
        return completions.pop()
    return NguyenVan.model_validate({"nguyen_van": _row(cell, title), "loi": "so_hieu_khong_ro"})


def _legal_row(row: Fields, repairs: Repairs, link_key: str | None) -> VanBanPhapLy | NguyenVan | None:
    title = cleaning.text(row.text("trich_yeu"))
    number = legal_number(row.text("so_ky_hieu"), title, repairs)
    if isinstance(number, NguyenVan):
        return number
    if title is None:
        return NguyenVan.model_validate({"nguyen_van": number, "loi": "khong_tach_duoc"}) if number else None
    return VanBanPhapLy.model_validate(
        {
            "trich_yeu": title,
            "so_ky_hieu": number,
            "co_quan_ban_hanh": cleaning.text(row.text("co_quan_ban_hanh")),
            "ngay_ban_hanh": cleaning.read_date(row.text("ngay_ban_hanh")),
            "ngay_hieu_luc": cleaning.read_date(row.text("ngay_hieu_luc")),
            "duong_dan": cleaning.link(row.text(link_key)) if link_key else None,
        }
    )


def _channel(row: Fields, channel_key: str, time_key: str) -> CachThuc | NguyenVan | None:
    channel = cleaning.text(row.text(channel_key))
    time_text = row.scalar(time_key)
    note = cleaning.text(row.text("mo_ta"))
    fees = values.labelled_fees(row.text("phi_le_phi"))
    if channel is None and time_text is None and not fees and note is None:
        return None
    if channel is None or channel.lower() not in _CHANNELS:
        written = _row(channel, time_text, row.text("phi_le_phi"), note)
        return NguyenVan.model_validate({"nguyen_van": written or "(trống)", "loi": "khong_tach_duoc"})
    if cleaning.text(time_text) == "Khác" and note:
        # the database's «Khác»: the time is written in the description
        deadline: Any = {"ghi_chu": note}
        note = None
    else:
        deadline = values.time(time_text)
    return CachThuc.model_validate(
        {"hinh_thuc": _CHANNELS[channel.lower()], "thoi_han": deadline, "phi_le_phi": fees, "mo_ta": note}
    )


def _case_steps(written: str | None, case: str | None = None) -> list[TrinhTu]:
    found = steps.steps(written)
    return [TrinhTu.model_validate({"truong_hop": case, "buoc": found})] if found else []


def _count(row: Fields, key: str) -> int | None:
    """The database's yes/no for an original or a copy, as a count of one or none."""
    value = row.data.get(key)
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and 0 <= value <= 99:
        return value
    raise RecordShapeError(f"{row.path}.{key}", "Cần giá trị đúng/sai (true/false) hoặc số bản từ 0 đến 99.")


def _form(written: str) -> Mau | None:
    cleaned = cleaning.text(written)
    if cleaned is None:
        return None
    address = cleaning.link(cleaned)
    name = cleaning.text(address.rstrip("/").rsplit("/", 1)[-1]) if address else cleaned
    return Mau.model_validate({"ten": name or cleaned, "duong_dan": address})


def _database_documents(rows: list[Fields]) -> list[NhomGiayTo | NguyenVan]:
    groups: dict[str | None, list[GiayTo | NguyenVan]] = {}
    for row in rows:
        name = cleaning.text(row.text("ten_giay_to"))
        originals, copies = _count(row, "ban_chinh"), _count(row, "ban_sao")
        if originals == 0 and copies == 0:
            originals = copies = None  # neither asked for: the record says nothing of the count
        forms = [form for text in row.texts("bm_dien_tu") if (form := _form(text))]
        item: GiayTo | NguyenVan
        if name is None:
            if not forms and originals is None and copies is None:
                continue
            item = NguyenVan.model_validate(
                {"nguyen_van": _row(*(f.ten for f in forms)) or "(trống)", "loi": "thieu_ten_giay_to"}
            )
        else:
            item = GiayTo.model_validate(
                {"ten": name, "ban_chinh": originals, "ban_sao": copies, "mau": forms}
            )
        groups.setdefault(cleaning.text(row.text("loai_giay_to")), []).append(item)
    return [
        NhomGiayTo.model_validate({"truong_hop": case, "giay_to": items}) for case, items in groups.items()
    ]


def _nguon(code: str, shape: str, *, file_name: str | None, phien_ban: str, **known: Any) -> dict[str, Any]:
    return {"loai": "quoc_gia", "ma": code, "phien_ban": phien_ban, "dang": shape, "tep": file_name, **known}


def parse_database(data: dict, *, file_name: str | None, phien_ban: str, repairs: Repairs) -> BanGhi:
    """Shape B: the fields the README lists, field by field."""
    fields = Fields(data, "")
    code = fields.code("ma_tthc")
    name = fields.name("ten_tthc", cleaning.text)
    return BanGhi.model_validate(
        {
            "nguon": _nguon(
                code,
                "csdl",
                file_name=file_name,
                phien_ban=phien_ban,
                quyet_dinh_cong_bo=decision(fields.text("so_quyet_dinh")),
                ngay_quyet_dinh=cleaning.read_date(fields.text("ngay_quyet_dinh")),
                co_quan_cong_bo=cleaning.text(fields.text("co_quan_ban_hanh")),
                duong_dan=cleaning.link(fields.text("link_truy_cap")),
            ),
            "ten": name,
            "linh_vuc": cleaning.text(fields.text("linh_vuc")),
            "cap_thuc_hien": cleaning.text(fields.text("cap_thuc_hien")),
            "loai_thu_tuc": cleaning.text(fields.text("loai_tthc")),
            "doi_tuong": cleaning.text(fields.text("doi_tuong_thuc_hien")),
            "co_quan_co_tham_quyen": cleaning.text(fields.text("co_quan_co_tham_quyen")),
            "co_quan_thuc_hien": cleaning.text(fields.text("co_quan_thuc_hien")),
            "co_quan_phoi_hop": cleaning.text(fields.text("co_quan_phoi_hop")),
            "co_quan_duoc_uy_quyen": cleaning.text(fields.text("co_quan_duoc_uy_quyen")),
            "dia_chi_tiep_nhan": cleaning.text(fields.text("dia_chi_tiep_nhan")),
            "yeu_cau_dieu_kien": cleaning.text(fields.text("yeu_cau_dieu_kien")),
            "trinh_tu": [
                case
                for row in fields.rows("trinh_tu_thuc_hien")
                for case in _case_steps(
                    row.text("mo_ta_chi_tiet"), cleaning.text(row.text("truong_hop_xu_ly"))
                )
            ],
            "cach_thuc": [
                item
                for row in fields.rows("cach_thuc_thuc_hien")
                if (item := _channel(row, "hinh_thuc_nop", "thoi_gian"))
            ],
            "ho_so": _database_documents(fields.rows("tphs")),
            "ket_qua": [
                KetQua.model_validate({"ten": result_name, "ma": cleaning.text(row.text("ma_ket_qua"))})
                for row in fields.rows("kqth")
                if (result_name := cleaning.text(row.text("ten_ket_qua")))
            ],
            "can_cu_phap_ly": [
                legal_row
                for row in fields.rows("ccpl")
                if (legal_row := _legal_row(row, repairs, "dia_chi_truy_cap"))
            ],
        }
    )


def _word_document(row: Fields) -> GiayTo | NguyenVan | str | None:
    """A row of the Word table: a document, a note (no original, no copy, no form: as the portal
    page's «0 bản chính» rows) as text, or kept as written."""
    name = cleaning.text(row.text("ten_giay_to"))
    counts = cleaning.flat(row.text("ghi_chu") or "")
    copies = _COPIES.fullmatch(counts)
    forms = [Mau.model_validate({"ten": line}) for line in cleaning.lines(row.text("so_luong"))]
    if name is None and not counts and not forms:
        return None
    if name is None or (counts and copies is None):
        written = _row(name, *(form.ten for form in forms), counts)
        return NguyenVan.model_validate(
            {"nguyen_van": written, "loi": "thieu_ten_giay_to" if name is None else "khong_tach_duoc"}
        )
    originals, duplicates = (int(copies.group(1)), int(copies.group(2))) if copies else (None, None)
    if originals == 0 and duplicates == 0 and not forms:
        return name
    if (originals or 0) > 99 or (duplicates or 0) > 99:
        return NguyenVan.model_validate({"nguyen_van": _row(name, counts), "loi": "khong_tach_duoc"})
    return GiayTo.model_validate({"ten": name, "ban_chinh": originals, "ban_sao": duplicates, "mau": forms})


def parse_word(data: dict, *, file_name: str | None, phien_ban: str, repairs: Repairs) -> BanGhi:
    """Shape C: ``metadata``, ``content`` («Không có thông tin» is empty) and ``tables``."""
    fields = Fields(data, "")
    meta, content, tables = fields.child("metadata"), fields.child("content"), fields.child("tables")
    code = meta.code("mã_thủ_tục")
    name = meta.name("tên_thủ_tục", cleaning.text)
    rows = [
        document for row in tables.rows("thanh_phan_ho_so") if (document := _word_document(row)) is not None
    ]
    documents = [row for row in rows if not isinstance(row, str)]
    notes = [row for row in rows if isinstance(row, str)]
    return BanGhi.model_validate(
        {
            "nguon": _nguon(
                code,
                "tai_word",
                file_name=file_name,
                phien_ban=phien_ban,
                quyet_dinh_cong_bo=decision(meta.text("số_quyết_định")),
            ),
            "ten": name,
            "linh_vuc": cleaning.text(meta.text("lĩnh_vực")),
            "cap_thuc_hien": cleaning.text(meta.text("cấp_thực_hiện")),
            "loai_thu_tuc": cleaning.text(meta.text("loại_thủ_tục")),
            "doi_tuong": cleaning.text(content.text("đối_tượng_thực_hiện")),
            "co_quan_co_tham_quyen": cleaning.text(content.text("cơ_quan_có_thẩm_quyền")),
            "co_quan_thuc_hien": cleaning.text(content.text("cơ_quan_thực_hiện")),
            "co_quan_phoi_hop": cleaning.text(content.text("cơ_quan_phối_hợp")),
            "co_quan_duoc_uy_quyen": cleaning.text(content.text("cơ_quan_được_ủy_quyền")),
            "dia_chi_tiep_nhan": cleaning.text(content.text("địa_chỉ_tiếp_nhận_hs")),
            "yeu_cau_dieu_kien": cleaning.text(content.text("yêu_cầu_điều_kiện_thực_hiện")),
            "trinh_tu": _case_steps(content.text("trình_tự_thực_hiện")),
            "cach_thuc": [
                item
                for row in tables.rows("hinh_thuc_nop")
                if (item := _channel(row, "hinh_thuc", "thoi_han_giai_quyet"))
            ],
            "ho_so": [NhomGiayTo.model_validate({"giay_to": documents, "ghi_chu": notes})] if rows else [],
            "ket_qua": [
                KetQua.model_validate({"ten": re.sub(r"^-\s*", "", line) or line})
                for line in cleaning.lines(content.text("kết_quả_thực_hiện"))
            ],
            "can_cu_phap_ly": [
                legal_row
                for row in tables.rows("can_cu_phap_ly")
                if (legal_row := _legal_row(row, repairs, None))
            ],
        }
    )
