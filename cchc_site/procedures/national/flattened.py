"""Shape A, «trang_cong»: the portal's procedure page as a crawl saved it, plain fields plus four
tables flattened to one string each (channels, documents, legal basis, results) and ``raw_text``, the
whole page, from which sections cut at the wrong heading are re-read."""

from __future__ import annotations

import re

from ...core.record import BanGhi, CachThuc, KetQua, NguyenVan, TrinhTu
from . import cleaning, documents, legal, sections, steps, values
from .shapes import Fields, Repairs

CHANNEL_NAMES = {"Trực tiếp": "truc_tiep", "Trực tuyến": "truc_tuyen", "Dịch vụ bưu chính": "buu_chinh"}
# A channel word starts a row only when the time cell follows it (a number or «Không có thông tin»);
# inside a description it is followed by a space or lower-case words
ROW_START = re.compile(r"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\d|Không có thông tin)")
_TIME_CELL = re.compile(r"Không có thông tin|(\d+(?:[.,]\d+)?)(?: (Ngày làm việc|Ngày|Giờ|Tháng))?")
_CURRENCY_NEXT = re.compile(rf"\s*(?:{values.CURRENCY})")
_RESULT_CODE = re.compile(r"Mã: ")
_MIDDLE_CODE = re.compile(r"KQ\.G\d{2}\.\d{6}")  # a result code followed by the next result's name
_LAST_CODE = re.compile(r"[0-9A-Z][0-9A-Za-z.-]*$")  # an identifier, as the portal writes codes
_PAGE_FURNITURE = "Từ khóa"


def _channel_row(channel: str, rest: str) -> CachThuc | NguyenVan:
    """One row: channel, time, fee (with its bracketed note), description."""
    written = cleaning.flat(channel + rest)
    time = _TIME_CELL.match(rest)
    if time is None:
        return NguyenVan.model_validate({"nguyen_van": written, "loi": "khong_tach_duoc"})
    if time.group(1) and not time.group(2) and _CURRENCY_NEXT.match(rest, time.end()):
        # a time with no unit ran into the fee's amount: which digits are whose is not certain
        return NguyenVan.model_validate({"nguyen_van": written, "loi": "thieu_don_vi"})
    fee = values.plain_fee(rest, time.end())
    if fee is None:
        return NguyenVan.model_validate({"nguyen_van": written, "loi": "khong_tach_duoc"})
    return CachThuc.model_validate(
        {
            "hinh_thuc": CHANNEL_NAMES[channel],
            "thoi_han": values.time(time.group()),
            "phi_le_phi": [] if fee.value is None else [fee.value],
            "mo_ta": cleaning.text(rest[fee.end :]),
        }
    )


def channels(written: str | None) -> list[CachThuc | NguyenVan]:
    if cleaning.is_none(written):
        return []
    text = (written or "").strip()
    if not text.startswith(sections.CHANNELS_HEADER):
        return [NguyenVan.model_validate({"nguyen_van": cleaning.flat(text), "loi": "khong_tach_duoc"})]
    body = text[len(sections.CHANNELS_HEADER) :]
    starts = list(ROW_START.finditer(body))
    rows: list[CachThuc | NguyenVan] = []
    if lead := cleaning.text(body[: starts[0].start()] if starts else body):
        rows.append(NguyenVan.model_validate({"nguyen_van": lead, "loi": "khong_tach_duoc"}))
    for index, match in enumerate(starts):
        following = starts[index + 1] if index + 1 < len(starts) else None
        rest = body[match.end() : following.start() if following else len(body)]
        rows.append(_channel_row(match.group(1), rest))
    return rows


def results(written: str | None) -> list[KetQua | NguyenVan]:
    """«Giấy khai sinhMã: KQ.G15.000031Từ khóa…»: names and codes; the page's furniture cut off. A
    code followed by the next result's name must be a whole «KQ.Gnn.nnnnnn» (its end is then
    certain); the last code runs to the end."""
    text = cleaning.flat((written or "").split(_PAGE_FURNITURE, 1)[0])
    if cleaning.is_none(text):
        return []
    marks = list(_RESULT_CODE.finditer(text))
    if not marks:
        return [KetQua.model_validate({"ten": text})]
    found: list[KetQua | NguyenVan] = []
    position = 0
    for index, mark in enumerate(marks):
        last = index == len(marks) - 1
        code = (_LAST_CODE if last else _MIDDLE_CODE).match(text, mark.end())
        name = text[position : mark.start()].strip()
        if not name or code is None:
            found.append(
                NguyenVan.model_validate({"nguyen_van": text[position:].strip(), "loi": "khong_tach_duoc"})
            )
            return found
        found.append(KetQua.model_validate({"ten": name, "ma": code.group()}))
        position = code.end()
    return found


def _sections(fields: Fields, repairs: Repairs) -> dict[str, str | None]:
    """Each table's text: the field, or the page's section when the field was cut at the wrong
    heading and the page's headings place the section with certainty."""
    names = (
        sections.STEPS,
        sections.CHANNELS,
        sections.DOCUMENTS,
        sections.LEGAL,
        sections.AGENCY,
        sections.CONDITIONS,
        sections.RESULTS,
    )
    chosen = {name: fields.text(name) for name in names}
    raw = fields.text("raw_text")
    if not raw:
        return chosen
    for name, found in sections.resplit(raw, chosen[sections.CHANNELS]).items():
        given = chosen[name] or ""
        if name == sections.RESULTS:
            given, found = given.split(_PAGE_FURNITURE, 1)[0], found.split(_PAGE_FURNITURE, 1)[0]
        if given.strip() != found.strip() and cleaning.flat(given) != cleaning.flat(found):
            chosen[name] = found
            repairs.add(name, "phan_cat_sai")
    return chosen


def decision(written: str | None) -> str | None:
    """«Quyết định số 3717/QĐ-BQP» → «3717/QĐ-BQP»."""
    cleaned = cleaning.text(written)
    if cleaned is None:
        return None
    return re.sub(r"^Quyết định\s*(?:số)?\s*:?\s*", "", cleaned, flags=re.IGNORECASE) or cleaned


def parse(data: dict, *, file_name: str | None, phien_ban: str, repairs: Repairs) -> BanGhi:
    fields = Fields(data, "")
    code = fields.code("ma_thu_tuc")
    name = fields.name("ten_thu_tuc", cleaning.text)
    chosen = _sections(fields, repairs)
    plain = {key: cleaning.text(fields.text(key)) for key in _PLAIN}
    steps_found = steps.steps(chosen[sections.STEPS])
    return BanGhi.model_validate(
        {
            "nguon": {
                "loai": "quoc_gia",
                "ma": code,
                "phien_ban": phien_ban,
                "dang": "trang_cong",
                "tep": file_name,
                "quyet_dinh_cong_bo": decision(fields.text("so_quyet_dinh")),
                "duong_dan": cleaning.link(fields.text("detail_url")),
            },
            "ten": name,
            **{target: plain[key] for key, target in _PLAIN.items()},
            "co_quan_thuc_hien": cleaning.text(chosen[sections.AGENCY]),
            "yeu_cau_dieu_kien": cleaning.text(chosen[sections.CONDITIONS]),
            "trinh_tu": [TrinhTu.model_validate({"buoc": steps_found})] if steps_found else [],
            "cach_thuc": channels(chosen[sections.CHANNELS]),
            "ho_so": documents.parse(chosen[sections.DOCUMENTS], repairs),
            "ket_qua": results(chosen[sections.RESULTS]),
            "can_cu_phap_ly": legal.parse(chosen[sections.LEGAL], repairs),
        }
    )


# Plain fields of the page and where they go
_PLAIN = {
    "linh_vuc": "linh_vuc",
    "cap_thuc_hien": "cap_thuc_hien",
    "loai_thu_tuc": "loai_thu_tuc",
    "doi_tuong_thuc_hien": "doi_tuong",
    "co_quan_co_tham_quyen": "co_quan_co_tham_quyen",
    "co_quan_phoi_hop": "co_quan_phoi_hop",
    "co_quan_duoc_uy_quyen": "co_quan_duoc_uy_quyen",
    "dia_chi_tiep_nhan": "dia_chi_tiep_nhan",
}
