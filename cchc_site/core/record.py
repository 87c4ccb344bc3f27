"""A procedure's full record, as the national procedure database publishes it (or a province's
decision does): who may apply, the steps by case, each submission channel with its own time and
fee, the documents by case with their counts and forms, the result, the legal basis, and where the
record comes from. Stored one file per record, ``content/thu-tuc-quoc-gia/<mã>.yaml``, written by
``import-national``; the commune's own layer (``chi_tiet`` in the list) is never stored here.

A part the importer could not rebuild with certainty is kept as the portal's own wording
(``NguyenVan``: the text and the kind of defect), never as a parsed guess; the page shows it labelled.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from .models import MaThuTuc, Model, Ngay, PhiLePhi, Text, ThoiHan

# Defects of the portal's flattened page that a person must settle: key → what the page says
DEFECTS: dict[str, str] = {
    "so_dinh_vao_so_luong": "chữ số cuối của tên giấy tờ dính vào số lượng bản",
    "so_luong_trong_ten": "số lượng bản viết trong tên giấy tờ, không rõ ranh giới các dòng",
    "ten_mau_khong_ro": "không rõ tên tệp mẫu đơn bắt đầu từ đâu",
    "phan_cat_sai": "phần này bị cắt sai tiêu đề trên Cổng",
    "nam_dinh_vao_so_hieu": "năm dính vào số, ký hiệu văn bản",
    "chu_bi_loi": "chữ trên Cổng bị lỗi, thiếu hoặc chồng lên nhau",
    "thieu_don_vi": "thời hạn không ghi đơn vị",
    "khong_tach_duoc": "không tách được thành bảng",
    "thieu_ten_giay_to": "dòng giấy tờ không ghi tên, chỉ có số lượng bản",
    "so_hieu_khong_ro": "số, ký hiệu văn bản bị cắt cụt hoặc không phải số, ký hiệu",
}
Defect = Literal[
    "so_dinh_vao_so_luong",
    "so_luong_trong_ten",
    "ten_mau_khong_ro",
    "phan_cat_sai",
    "nam_dinh_vao_so_hieu",
    "chu_bi_loi",
    "thieu_don_vi",
    "khong_tach_duoc",
    "thieu_ten_giay_to",
    "so_hieu_khong_ro",
]
Link = Annotated[str, Field(pattern=r"^https://[^\s<>\"']+$")]

CHANNELS: dict[str, str] = {
    "truc_tiep": "Trực tiếp",
    "truc_tuyen": "Trực tuyến",
    "buu_chinh": "Dịch vụ bưu chính",
}
SOURCE_KINDS: dict[str, str] = {
    "quoc_gia": "Cơ sở dữ liệu quốc gia về thủ tục hành chính",
    "tinh": "Quyết định công bố thủ tục hành chính của tỉnh",
}
SHAPES: dict[str, str] = {
    "trang_cong": "trang thủ tục trên Cổng Dịch vụ công quốc gia",
    "csdl": "bản ghi có cấu trúc của Cơ sở dữ liệu quốc gia",
    "tai_word": "tệp Word tải từ Cổng Dịch vụ công quốc gia",
}


class NguyenVan(Model):
    """A part, or one row of it, in the portal's own wording: what could not be rebuilt with certainty."""

    nguyen_van: Text = Field(title="Nguyên văn trên Cổng")
    loi: Defect = Field(title="Lỗi cần người đối chiếu")


class NguonBanGhi(Model):
    loai: Literal["quoc_gia", "tinh"] = Field(title="Loại nguồn")
    ma: MaThuTuc = Field(title="Mã thủ tục của bản ghi")
    phien_ban: Text = Field(
        title="Phiên bản", description="Thời điểm của bản ghi, VD: giữa năm 2026; ngày 15/6/2026"
    )
    dang: Literal["trang_cong", "csdl", "tai_word"] = Field(title="Dạng bản ghi")
    tep: str | None = Field(None, title="Tệp đã nhập", description="Tên tệp, không kèm đường dẫn")
    quyet_dinh_cong_bo: str | None = Field(None, title="Quyết định công bố", description="VD: 163/QĐ-BTP")
    ngay_quyet_dinh: Ngay | None = Field(None, title="Ngày quyết định công bố")
    co_quan_cong_bo: str | None = Field(None, title="Cơ quan công bố")
    duong_dan: Link | None = Field(None, title="Địa chỉ của thủ tục trên Cổng Dịch vụ công quốc gia")


class CachThuc(Model):
    """One submission channel, with its own time and fee."""

    hinh_thuc: Literal["truc_tiep", "truc_tuyen", "buu_chinh"] = Field(title="Hình thức nộp")
    thoi_han: ThoiHan | NguyenVan | None = Field(None, title="Thời hạn giải quyết")
    phi_le_phi: list[PhiLePhi | NguyenVan] = Field(default_factory=list, title="Phí, lệ phí")
    mo_ta: str | None = Field(None, title="Mô tả")


class TrinhTu(Model):
    """The steps of one case (all cases when ``truong_hop`` is empty)."""

    truong_hop: str | None = Field(None, title="Trường hợp")
    buoc: list[Text | NguyenVan] = Field(min_length=1, title="Các bước")


class Mau(Model):
    ten: Text = Field(
        title="Tên mẫu đơn, tờ khai", description="Tên tệp như trên Cổng, VD: TK khai sinh.docx"
    )
    duong_dan: Link | None = Field(None, title="Đường dẫn tải mẫu")


class GiayTo(Model):
    ten: Text = Field(title="Tên giấy tờ")
    ban_chinh: Annotated[int, Field(ge=0, le=99)] | None = Field(None, title="Số bản chính")
    ban_sao: Annotated[int, Field(ge=0, le=99)] | None = Field(None, title="Số bản sao")
    mau: list[Mau] = Field(default_factory=list, title="Mẫu đơn, tờ khai")


class NhomGiayTo(Model):
    """The documents of one case: «Giấy tờ phải nộp», «Trường hợp …»."""

    truong_hop: str | None = Field(None, title="Trường hợp")
    giay_to: list[GiayTo | NguyenVan] = Field(default_factory=list, title="Giấy tờ")
    ghi_chu: list[Text] = Field(
        default_factory=list,
        title="Ghi chú",
        description="Các dòng «0 bản chính» trên Cổng: lời dặn, không phải giấy tờ",
    )


class KetQua(Model):
    ten: Text = Field(title="Tên kết quả")
    ma: str | None = Field(None, title="Mã kết quả", description="VD: KQ.G15.000031")


class VanBanPhapLy(Model):
    trich_yeu: Text = Field(title="Tên, trích yếu")
    so_ky_hieu: str | None = Field(None, title="Số, ký hiệu", description="VD: 123/2015/NĐ-CP")
    co_quan_ban_hanh: str | None = Field(None, title="Cơ quan ban hành")
    ngay_ban_hanh: Ngay | None = Field(None, title="Ngày ban hành")
    ngay_hieu_luc: Ngay | None = Field(None, title="Ngày hiệu lực")
    duong_dan: Link | None = Field(None, title="Đường dẫn")


class BanGhi(Model):
    """``content/thu-tuc-quoc-gia/<mã>.yaml``: one procedure's record, as its source gives it."""

    nguon: NguonBanGhi = Field(title="Nguồn")
    ten: Text = Field(title="Tên thủ tục trong bản ghi")
    linh_vuc: str | None = Field(None, title="Lĩnh vực")
    cap_thuc_hien: str | None = Field(None, title="Cấp thực hiện")
    loai_thu_tuc: str | None = Field(None, title="Loại thủ tục")
    doi_tuong: str | None = Field(None, title="Đối tượng thực hiện")
    co_quan_co_tham_quyen: str | None = Field(None, title="Cơ quan có thẩm quyền")
    co_quan_thuc_hien: str | None = Field(None, title="Cơ quan thực hiện")
    co_quan_phoi_hop: str | None = Field(None, title="Cơ quan phối hợp")
    co_quan_duoc_uy_quyen: str | None = Field(None, title="Cơ quan được ủy quyền")
    dia_chi_tiep_nhan: str | None = Field(None, title="Địa chỉ tiếp nhận hồ sơ")
    trinh_tu: list[TrinhTu | NguyenVan] = Field(default_factory=list, title="Trình tự thực hiện")
    cach_thuc: list[CachThuc | NguyenVan] = Field(default_factory=list, title="Cách thức thực hiện")
    ho_so: list[NhomGiayTo | NguyenVan] = Field(default_factory=list, title="Thành phần hồ sơ")
    yeu_cau_dieu_kien: str | None = Field(None, title="Yêu cầu, điều kiện")
    ket_qua: list[KetQua | NguyenVan] = Field(default_factory=list, title="Kết quả thực hiện")
    can_cu_phap_ly: list[VanBanPhapLy | NguyenVan] = Field(default_factory=list, title="Căn cứ pháp lý")


def flagged(value: Any, part: str = "") -> Iterator[tuple[str, NguyenVan]]:
    """Every part kept in the portal's wording, with the top-level part it sits in."""
    if isinstance(value, NguyenVan):
        yield part, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from flagged(getattr(value, name), part or name)
    elif isinstance(value, list):
        for item in value:
            yield from flagged(item, part)
