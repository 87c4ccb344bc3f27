"""Typed content models: one source of truth for fields, labels (``title``) and meaning.

Pydantic was chosen over hand-written dataclasses because the same models give strict type
checks with exact error locations (mapped back to YAML lines), and JSON Schema for editors.
Keys are Vietnamese without diacritics, the vocabulary used from the YAML to the templates.
Models hold data only; rules that span fields or files live in ``validate.py``.
"""

from __future__ import annotations

import re
import types
import typing
from datetime import date
from typing import Annotated, Any, Iterator, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

CODE_PATTERN = re.compile(r"^[1-9]\.\d{6}(\.[A-Z0-9]+)?$")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _read_date(value: Any) -> Any:
    """Dates as ISO ``2022-09-30`` or as in documents ``30/9/2022``."""
    if isinstance(value, date) or value is None:
        return value
    if isinstance(value, str):
        text = value.strip()
        if iso := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
            year, month, day = iso.groups()
        elif written := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
            day, month, year = written.groups()
        else:
            raise PydanticCustomError("ngay", "Cần một ngày.")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise PydanticCustomError("ngay_khong_ton_tai", "Ngày không tồn tại.") from None
    raise PydanticCustomError("ngay", "Cần một ngày.")


def _read_code(value: Any) -> Any:
    """National procedure code, always quoted text; empty when not confirmed."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("ma_khong_nhay", "Mã thủ tục phải đặt trong dấu nháy.")
    if isinstance(value, str) and value and not CODE_PATTERN.match(value):
        raise PydanticCustomError("ma_sai_dang", "Mã thủ tục sai định dạng.")
    return value


def _read_figure(value: Any) -> Any:
    """A bare number is shorthand for ``{gia_tri: number}``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return {"gia_tri": value}
    if isinstance(value, dict):
        return value
    raise PydanticCustomError("so_lieu", "Cần một số nguyên.")


# What editors are told to expect (JSON Schema): the forms staff may write, not Python types
_DATE_TEXT = Annotated[str, Field(pattern=r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})$",
                                  examples=["2022-09-30", "30/9/2022"])]
_CODE_TEXT = Annotated[str, Field(pattern=r"^$|^[1-9]\.\d{6}(\.[A-Z0-9]+)?$", examples=["1.001193"])]

Ngay = Annotated[date, BeforeValidator(_read_date, json_schema_input_type=_DATE_TEXT)]
MaThuTuc = Annotated[str, BeforeValidator(_read_code, json_schema_input_type=_CODE_TEXT)]
Text = Annotated[str, Field(min_length=1)]
Count = Annotated[int, Field(ge=0)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- commune profile ------------------------------------------------------------------------

class LanhDao(Model):
    ho_ten: Text = Field(title="Họ và tên")
    chuc_vu: Text = Field(title="Chức vụ")
    nguon: str | None = Field(None, title="Nguồn", description="Văn bản xác nhận thông tin này")


class Xa(Model):
    """The commune's profile (``content/xa.yaml``)."""

    ten: Text = Field(title="Tên xã", description="Không kèm chữ «xã», VD: Phượng Kỳ")
    co_quan: Text = Field(title="Tên cơ quan", description="VD: Ủy ban nhân dân xã Phượng Kỳ")
    huyen: str | None = Field(None, title="Huyện", description="Huyện tại thời điểm các báo cáo (bỏ trống nếu không còn cấp huyện)")
    tinh: Text = Field(title="Tỉnh")
    dia_chi: str | None = Field(None, title="Địa chỉ trụ sở")
    dien_thoai: str | None = Field(None, title="Điện thoại", pattern=r"^[0-9 .+()-]{6,20}$")
    email: str | None = Field(None, title="Thư điện tử", pattern=r"^[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}$")
    gio_lam_viec: str | None = Field(None, title="Giờ làm việc của Bộ phận một cửa")
    lanh_dao: list[LanhDao] = Field(default_factory=list, title="Lãnh đạo")
    ghi_chu: str | None = Field(None, title="Ghi chú")


# --- procedures -----------------------------------------------------------------------------

Nhom = Literal["cap_xa", "quoc_phong", "cong_an"]
TrucTuyen = Literal["khong", "muc_do_2", "muc_do_3", "muc_do_4", "mot_phan", "toan_trinh"]

NHOM_LABELS: dict[str, str] = {
    "cap_xa": "Thủ tục hành chính cấp xã",
    "quoc_phong": "Lĩnh vực Quốc phòng",
    "cong_an": "Lĩnh vực Công an",
}
NHOM_SHORT: dict[str, str] = {  # "137 thủ tục cấp xã, 14 thủ tục lĩnh vực Quốc phòng"
    "cap_xa": "cấp xã",
    "quoc_phong": "lĩnh vực Quốc phòng",
    "cong_an": "lĩnh vực Công an",
}
TRUC_TUYEN_LABELS: dict[str | None, str] = {
    None: "Chưa xác định",
    "khong": "Không cung cấp trực tuyến",
    "muc_do_2": "Mức độ 2",
    "muc_do_3": "Mức độ 3",
    "muc_do_4": "Mức độ 4",
    "mot_phan": "Trực tuyến một phần",
    "toan_trinh": "Trực tuyến toàn trình",
}
ONLINE_LEVELS = {"muc_do_3", "muc_do_4", "mot_phan", "toan_trinh"}


class ThoiHan(Model):
    so: Annotated[int, Field(gt=0)] | None = Field(None, title="Số")
    don_vi: Literal["ngay_lam_viec", "ngay", "gio"] = Field(title="Đơn vị")
    ghi_chu: str | None = Field(None, title="Ghi chú")


class PhiLePhi(Model):
    ten: Text = Field(title="Tên khoản phí, lệ phí")
    so_tien: Count | None = Field(None, title="Số tiền (đồng)", description="Bỏ trống nếu do tỉnh quy định mà chưa xác minh")
    mo_ta: str | None = Field(None, title="Mô tả")


class ChiTiet(Model):
    thanh_phan_ho_so: list[Text] = Field(default_factory=list, title="Thành phần hồ sơ")
    thoi_han: ThoiHan | None = Field(None, title="Thời hạn giải quyết")
    phi_le_phi: list[PhiLePhi] = Field(default_factory=list, title="Phí, lệ phí")
    mien_giam: str | None = Field(None, title="Miễn, giảm")
    can_cu_phap_ly: list[Text] = Field(default_factory=list, title="Căn cứ pháp lý")
    ket_qua: str | None = Field(None, title="Kết quả")
    co_quan_thuc_hien: str | None = Field(None, title="Cơ quan thực hiện")
    cach_thuc: str | None = Field(None, title="Cách thức thực hiện")


class ThuTuc(Model):
    ma: MaThuTuc = Field("", title="Mã thủ tục", description="Mã trên CSDL quốc gia, VD: \"1.001193\" (trong dấu nháy); để trống nếu chưa xác minh")
    ten: Text = Field(title="Tên thủ tục")
    linh_vuc: Text = Field(title="Lĩnh vực")
    nhom: Nhom = Field(title="Nhóm")
    truc_tuyen: TrucTuyen | None = Field(None, title="Dịch vụ công trực tuyến")
    ngay_niem_yet: Ngay = Field(title="Ngày niêm yết")
    ngay_bai_bo: Ngay | None = Field(None, title="Ngày bãi bỏ")
    quyet_dinh_cong_bo: str | None = Field(None, title="Quyết định công bố")
    quyet_dinh_bai_bo: str | None = Field(None, title="Quyết định bãi bỏ", description="Văn bản bãi bỏ thủ tục, khi có «ngay_bai_bo»")
    duong_dan: Annotated[str, Field(pattern=r"^https://")] | None = Field(
        None, title="Đường dẫn trên Cổng DVC quốc gia", description="Chỉ ghi khi đã kiểm tra bằng tay")
    chi_tiet: ChiTiet | None = Field(None, title="Chi tiết")


class NguonDanhMuc(Model):
    tai_dung: bool = Field(title="Tái dựng", description="true nếu danh mục được tái dựng, chưa đối chiếu quyết định công bố")
    ghi_chu: Text = Field(title="Ghi chú nguồn")


class DanhMuc(Model):
    """The procedure list (``content/thu-tuc.yaml``)."""

    nguon: NguonDanhMuc = Field(title="Nguồn")
    thu_tuc: list[ThuTuc] = Field(title="Thủ tục")


# --- reports --------------------------------------------------------------------------------

class PhamVi(Model):
    """What a figure covers: the reporting window, the year to date, a day, or a span."""

    loai: Literal["ky_bao_cao", "luy_ke_nam", "tinh_den", "khoang"] = Field(title="Loại phạm vi")
    ngay: Ngay | None = Field(None, title="Tính đến ngày")
    tu_ngay: Ngay | None = Field(None, title="Từ ngày")
    den_ngay: Ngay | None = Field(None, title="Đến ngày")


class SoLieu(Model):
    gia_tri: Count = Field(title="Giá trị")
    pham_vi: PhamVi | None = Field(None, title="Phạm vi", description="Bỏ trống: theo phạm vi của nhóm số liệu")
    xap_xi: Literal["khoang", "khoang_tren", "tren"] | None = Field(None, title="Số gần đúng")


Fig = Annotated[SoLieu, BeforeValidator(_read_figure, json_schema_input_type=Annotated[int, Field(ge=0)] | SoLieu)]


def _fig(title: str, unit: str, required: bool = False) -> Any:
    """A figure field: its label and unit are declared once, here (pages, CSV, schema)."""
    return Field(... if required else None, title=title, json_schema_extra={"don_vi": unit})


def unwrap(annotation: Any) -> tuple[Any, bool]:
    """A field's type without Optional and Annotated, and whether it is a list of it."""
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, is_list
            annotation = args[0]
        elif origin is list:
            annotation, is_list = typing.get_args(annotation)[0], True
        else:
            return annotation, is_list


def default_period(nam: int, quy: int) -> tuple[date, date]:
    """Decree 09/2019: the 15th of the month before the quarter to the 14th of its last month."""
    start = date(nam - 1, 12, 15) if quy == 1 else date(nam, 3 * quy - 3, 15)
    return start, date(nam, 3 * quy, 14)


def unit_of(block: type[BaseModel], name: str) -> str:
    extra = block.model_fields[name].json_schema_extra
    return str(extra.get("don_vi", "")) if isinstance(extra, dict) else ""


class Block(Model):
    """A group of figures of one section; ``pham_vi`` is the default scope of its figures."""

    pham_vi: PhamVi | None = Field(None, title="Phạm vi")

    def figures(self, loc: tuple = ()) -> Iterator[tuple[tuple, SoLieu]]:
        """Every figure of the block, with its location relative to the block."""
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SoLieu):
                yield (*loc, name), value
            elif isinstance(value, Block):
                yield from value.figures((*loc, name))
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, Block):
                        yield from item.figures((*loc, name, index))


class VanBan(Model):
    loai: Text = Field(title="Loại văn bản", description="VD: Công văn, Kế hoạch, Quyết định")
    so_ky_hieu: Text = Field(title="Số, ký hiệu", description="VD: 837/QĐ-UBND")
    ngay: Ngay = Field(title="Ngày ban hành")
    co_quan: str | None = Field(None, title="Cơ quan ban hành")
    trich_yeu: str | None = Field(None, title="Trích yếu")


class TuyenTruyen(Block):
    phat_song: Fig | None = _fig("Lượt phát sóng tuyên truyền", "lượt")
    bai_dang: Fig | None = _fig("Bài tuyên truyền đăng trên trang thông tin", "bài")
    huong_dan_truc_tiep: Fig | None = _fig("Lượt hướng dẫn, tuyên truyền trực tiếp tại Bộ phận một cửa", "lượt")
    hop_long_ghep: Fig | None = _fig("Cuộc họp lồng ghép triển khai kế hoạch", "cuộc")


class KiemTra(Block):
    so_cuoc: Fig | None = _fig("Số cuộc kiểm tra", "cuộc")
    van_ban: list[VanBan] = Field(default_factory=list, title="Quyết định, thông báo kiểm tra")


class PhoBienPhapLuat(Block):
    bai: Fig | None = _fig("Bài tuyên truyền pháp luật", "bài")
    luot: Fig | None = _fig("Lượt tuyên truyền pháp luật", "lượt")


class ThuTucNiemYet(Block):
    tong: Fig = _fig("Tổng số TTHC được niêm yết", "thủ tục", required=True)
    cap_xa: Fig | None = _fig("TTHC cấp xã", "thủ tục")
    quoc_phong: Fig | None = _fig("TTHC lĩnh vực Quốc phòng", "thủ tục")
    cong_an: Fig | None = _fig("TTHC lĩnh vực Công an", "thủ tục")
    truc_tuyen: Fig | None = _fig("TTHC giải quyết trực tuyến", "thủ tục")
    truc_tuyen_phan_loai: Literal["muc_do_3_4", "toan_trinh_mot_phan"] | None = Field(
        None, title="Cách phân loại dịch vụ trực tuyến", description="muc_do_3_4 (NĐ 43/2011) hoặc toan_trinh_mot_phan (NĐ 42/2022)")


class KhaoSat(Block):
    phieu_phat_ra: Fig = _fig("Phiếu đánh giá phát ra", "phiếu", required=True)
    phieu_tot: Fig = _fig("Phiếu đánh giá tốt (hài lòng)", "phiếu", required=True)


class PhanAnh(Block):
    phan_anh_kien_nghi: Fig = _fig("Phản ánh, kiến nghị về quy định TTHC", "phản ánh", required=True)


class HoSo(Block):
    tiep_nhan: Fig = _fig("Tổng số hồ sơ", "hồ sơ", required=True)
    da_giai_quyet: Fig | None = _fig("Hồ sơ đã giải quyết", "hồ sơ")
    truoc_han: Fig | None = _fig("Đã giải quyết trước hạn", "hồ sơ")
    dung_han: Fig | None = _fig("Đã giải quyết đúng hạn", "hồ sơ")
    qua_han: Fig | None = _fig("Đã giải quyết quá hạn", "hồ sơ")
    dang_giai_quyet: Fig | None = _fig("Hồ sơ đang giải quyết", "hồ sơ")
    dang_trong_han: Fig | None = _fig("Đang giải quyết trong hạn", "hồ sơ")
    dang_qua_han: Fig | None = _fig("Đang giải quyết quá hạn", "hồ sơ")


class TheoLoai(Block):
    can_bo: Fig | None = _fig("Cán bộ", "người")
    cong_chuc: Fig | None = _fig("Công chức", "người")


class ChuyenMon(Block):
    tien_si: Fig | None = _fig("Tiến sĩ", "người")
    thac_si: Fig | None = _fig("Thạc sĩ", "người")
    dai_hoc: Fig | None = _fig("Đại học", "người")
    cao_dang: Fig | None = _fig("Cao đẳng", "người")
    trung_cap: Fig | None = _fig("Trung cấp", "người")
    so_cap: Fig | None = _fig("Sơ cấp", "người")
    chua_qua_dao_tao: Fig | None = _fig("Chưa qua đào tạo", "người")


class LyLuanChinhTri(Block):
    cu_nhan: Fig | None = _fig("Cử nhân", "người")
    cao_cap: Fig | None = _fig("Cao cấp", "người")
    trung_cap: Fig | None = _fig("Trung cấp", "người")
    so_cap: Fig | None = _fig("Sơ cấp", "người")
    chua_qua_dao_tao: Fig | None = _fig("Chưa qua đào tạo", "người")


class CanBo(Block):
    tong: Fig = _fig("Tổng số cán bộ, công chức", "người", required=True)
    theo_loai: TheoLoai | None = Field(None, title="Theo loại")
    chuyen_mon: ChuyenMon | None = Field(None, title="Trình độ chuyên môn")
    ly_luan_chinh_tri: LyLuanChinhTri | None = Field(None, title="Trình độ lý luận chính trị")


class LopDaoTao(Block):
    noi_dung: Text = Field(title="Lớp đào tạo, bồi dưỡng")
    so_nguoi: Fig = _fig("Số người được cử", "người", required=True)


class DaoTao(Block):
    lop: list[LopDaoTao] = Field(title="Các lớp")


class KyLuat(Block):
    so_bi_ky_luat: Fig = _fig("Cán bộ, công chức bị xử lý kỷ luật", "người", required=True)


class SoLieuMuc(Model):
    """Figures of one subsection; each kind at most once in a report."""

    tuyen_truyen: TuyenTruyen | None = Field(None, title="Tuyên truyền CCHC")
    kiem_tra: KiemTra | None = Field(None, title="Kiểm tra CCHC")
    pho_bien_phap_luat: PhoBienPhapLuat | None = Field(None, title="Phổ biến, giáo dục pháp luật")
    thu_tuc: ThuTucNiemYet | None = Field(None, title="Thủ tục hành chính")
    khao_sat: KhaoSat | None = Field(None, title="Lấy phiếu đánh giá")
    phan_anh: PhanAnh | None = Field(None, title="Phản ánh, kiến nghị")
    ho_so: HoSo | None = Field(None, title="Hồ sơ TTHC")
    can_bo: CanBo | None = Field(None, title="Cán bộ, công chức")
    dao_tao: DaoTao | None = Field(None, title="Đào tạo, bồi dưỡng")
    ky_luat: KyLuat | None = Field(None, title="Kỷ luật")

    def blocks(self) -> Iterator[tuple[str, Block]]:
        for name in type(self).model_fields:
            block = getattr(self, name)
            if block is not None:
                yield name, block


class Muc(Model):
    so: Annotated[int, Field(ge=1)] = Field(title="Số thứ tự")
    tieu_de: Text = Field(title="Tiêu đề")
    doan_van: list[Text] = Field(min_length=1, title="Các đoạn văn", description="Nguyên văn như bản đã ký, mỗi đoạn một mục")
    so_lieu: SoLieuMuc | None = Field(None, title="Số liệu")


class Phan(Model):
    so: Literal[ROMAN] = Field(title="Số La Mã")  # type: ignore[valid-type]
    tieu_de: Text = Field(title="Tiêu đề")
    doan_van: list[Text] = Field(default_factory=list, title="Các đoạn văn")
    muc: list[Muc] = Field(default_factory=list, title="Các mục")


class DanhGiaChung(Model):
    so: Literal[ROMAN] = Field(title="Số La Mã")  # type: ignore[valid-type]
    tieu_de: Text = Field(title="Tiêu đề")
    nhan_dinh: list[Text] = Field(default_factory=list, title="Nhận định chung", description="Các ý gạch đầu dòng trước phần hạn chế")
    han_che: list[Text] = Field(min_length=1, title="Hạn chế")


class PhuongHuong(Model):
    so: Literal[ROMAN] = Field(title="Số La Mã")  # type: ignore[valid-type]
    tieu_de: Text = Field(title="Tiêu đề")
    nhiem_vu: list[Text] = Field(min_length=1, title="Nhiệm vụ", description="Các nhiệm vụ đánh số 1, 2, … theo thứ tự")


class KyBaoCao(Model):
    tu_ngay: Ngay = Field(title="Từ ngày")
    den_ngay: Ngay = Field(title="Đến ngày")


class ChuKy(Model):
    quyen_han: Text = Field(title="Thẩm quyền ký", description="VD: TM. ỦY BAN NHÂN DÂN")
    chuc_vu: Text = Field(title="Chức vụ", description="VD: CHỦ TỊCH")
    ho_ten: Text = Field(title="Họ và tên người ký")


GiaTri = Annotated[str, Field(min_length=1)] | Annotated[int, Field(ge=0)] | None


class CapNhat(Model):
    """A correction of a published report: recorded, dated, explained, never silent."""

    ngay: Ngay = Field(title="Ngày cập nhật")
    truong: Text = Field(title="Nội dung thay đổi", description="Mã số liệu hoặc vị trí văn bản, đúng như trong thông báo của lệnh xây dựng, VD: ho_so.tiep_nhan")
    gia_tri_cu: GiaTri = Field(None, title="Giá trị cũ", description="Như đã công bố; bỏ trống nếu trước đó chưa có")
    gia_tri_moi: GiaTri = Field(None, title="Giá trị mới", description="Bỏ trống nếu nội dung bị xóa")
    ly_do: Text = Field(title="Lý do", description="VD: đính chính theo bản đã ký; sai sót khi nhập liệu")


class BaoCao(Model):
    """One quarterly CCHC report (``content/bao-cao/YYYY-qN.yaml``), as signed."""

    nam: Annotated[int, Field(ge=2000, le=2100)] = Field(title="Năm")
    quy: Annotated[int, Field(ge=1, le=4)] = Field(title="Quý")
    ky_bao_cao: KyBaoCao | None = Field(None, title="Kỳ báo cáo", description="Bỏ trống: tính theo NĐ 09/2019 (ngày 15 tháng trước quý đến ngày 14 tháng cuối quý)")
    co_quan_ban_hanh: Text = Field(title="Cơ quan ban hành")
    so_ky_hieu: str | None = Field(None, title="Số, ký hiệu", description="Chỉ ghi khi có trên bản đã ký")
    ngay_ban_hanh: Ngay | None = Field(None, title="Ngày ban hành", description="Chỉ ghi khi có trên bản đã ký")
    trich_yeu: Text = Field(title="Trích yếu", description="Dòng dưới chữ BÁO CÁO")
    can_cu: list[VanBan] = Field(default_factory=list, title="Căn cứ")
    mo_dau: list[Text] = Field(min_length=1, title="Phần mở đầu")
    phan: list[Phan] = Field(min_length=1, title="Các phần")
    danh_gia_chung: DanhGiaChung = Field(title="Đánh giá chung")
    phuong_huong: PhuongHuong = Field(title="Phương hướng, nhiệm vụ")
    ket_luan: Text = Field(title="Câu kết")
    noi_nhan: list[Text] = Field(min_length=1, title="Nơi nhận")
    chu_ky: ChuKy = Field(title="Chữ ký")
    ghi_chu_nguon: str | None = Field(None, title="Ghi chú về nguồn", description="Bản gốc, cách chép lại, những gì không có trong bản lưu")
    ban_goc: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*\.pdf$")] | None = Field(
        None, title="Bản gốc đã ký (PDF)", description="Tên tệp PDF bản quét trong thư mục bao-cao/ban-goc/, VD: 2022-q3.pdf")
    ngay_dang_tai: Ngay | None = Field(
        None, title="Ngày đăng tải", description="Ngày công bố trên trang; bỏ trống khi còn là bản nháp (kiểm tra nhưng không đăng). Từ khi đăng, mọi thay đổi phải ghi trong «cap_nhat»")
    cap_nhat: list[CapNhat] = Field(default_factory=list, title="Cập nhật", description="Các lần đính chính sau khi đăng tải, theo thứ tự thời gian")


    @property
    def slug(self) -> str:
        return f"{self.nam}-q{self.quy}"

    @property
    def label(self) -> str:
        return f"Quý {self.quy}/{self.nam}"

    @property
    def quarter_start(self) -> date:
        return date(self.nam, 3 * self.quy - 2, 1)

    @property
    def quarter_end(self) -> date:
        return date(self.nam, 3 * self.quy, 31 if self.quy in (1, 4) else 30)

    @property
    def period(self) -> KyBaoCao:
        """The data window: as written, else Decree 09/2019's default (15th → 14th)."""
        if self.ky_bao_cao is not None:
            return self.ky_bao_cao
        start, end = default_period(self.nam, self.quy)
        return KyBaoCao(tu_ngay=start, den_ngay=end)

    def sections(self) -> Iterator[tuple[tuple, Muc]]:
        """Every numbered subsection with its location in the file."""
        for i, phan in enumerate(self.phan):
            for j, muc in enumerate(phan.muc):
                yield ("phan", i, "muc", j), muc

    def blocks(self) -> dict[str, Block]:
        """Figure blocks by kind (each kind appears at most once: checked by validate)."""
        found: dict[str, Block] = {}
        for _, muc in self.sections():
            if muc.so_lieu is not None:
                for name, block in muc.so_lieu.blocks():
                    found.setdefault(name, block)
        return found
