"""Typed content models: one source of truth for fields, labels (``title``) and meaning.

Pydantic was chosen over hand-written dataclasses because the same models give strict type
checks with exact error locations (mapped back to YAML lines), and JSON Schema for editors.
Keys are Vietnamese without diacritics, the vocabulary used from the YAML to the templates.
Models hold data and what follows from it alone (a report's period, a procedure listed on a day);
the rules that span fields or files live in ``validate/``.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from .. import text
from .periods import FIRST_REPORT_YEAR, LAST_REPORT_YEAR, LAST_YEAR_FIELD, PERIOD_KINDS, QUARTER, Ky
from .units import LoaiDonVi, LoaiDonViCu, unit_name, unit_word

CODE_PATTERN = re.compile(r"^[1-9]\.\d{6}(\.[A-Z0-9]+)?$")


def roman(number: int) -> str:
    """1 → I, 14 → XIV: part numbers as documents write them."""
    digits = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in digits:
        while number >= value:
            out, number = out + letters, number - value
    return out


ROMAN = tuple(roman(n) for n in range(1, 40))


FIRST_YEAR, LAST_YEAR = (
    1945,
    2100,
)  # a date outside is a typing slip, and date arithmetic overflows at the ends


def _read_date(value: Any) -> Any:
    """Dates as ISO ``2022-09-30`` or as in documents ``30/9/2022``, between 1945 and 2100."""
    if value is None:
        return value
    if isinstance(value, date):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise PydanticCustomError("ngay_ngoai_khoang", "Ngày ngoài khoảng hợp lý.")
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
            day_read = date(int(year), int(month), int(day))
        except ValueError:
            raise PydanticCustomError("ngay_khong_ton_tai", "Ngày không tồn tại.") from None
        return _read_date(day_read)
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
_DATE_TEXT = Annotated[
    str, Field(pattern=r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})$", examples=["2022-09-30", "30/9/2022"])
]
_CODE_TEXT = Annotated[str, Field(pattern=r"^$|^[1-9]\.\d{6}(\.[A-Z0-9]+)?$", examples=["1.001193"])]

Ngay = Annotated[date, BeforeValidator(_read_date, json_schema_input_type=_DATE_TEXT)]
MaThuTuc = Annotated[str, BeforeValidator(_read_code, json_schema_input_type=_CODE_TEXT)]
Text = Annotated[str, Field(min_length=1)]
Count = Annotated[int, Field(ge=0, le=999_999_999_999)]  # larger is a typing error, not a figure


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


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


class LanhDao(Model):
    ho_ten: Text = Field(title="Họ và tên")
    chuc_vu: Text = Field(title="Chức vụ")
    nguon: str | None = Field(None, title="Nguồn", description="Văn bản xác nhận thông tin này")


class NamedUnit:
    """A commune-level unit named by its kind and name (``loai``, ``ten``): the profile and each
    predecessor it was formed from."""

    if TYPE_CHECKING:  # the fields of the model that uses it (declared there, in the file's order)
        loai: str
        ten: str

    @property
    def don_vi(self) -> str:
        """«phường Quang Hanh», «thị trấn Hòa Mỹ»: how a page names the unit."""
        return unit_name(self.loai, self.ten)

    @property
    def loai_chu(self) -> str:
        """«phường»: the word a page uses for «the unit» («Bộ phận tiếp nhận của phường»)."""
        return unit_word(self.loai)


class TienThan(NamedUnit, Model):
    """A commune this one was formed from (merged on ``ngay``); its published reports stay its own."""

    ma: Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=40)] = Field(
        title="Mã xã cũ",
        description="Chữ thường không dấu, nối bằng «-», VD: hoa-my: tên thư mục tien-than/hoa-my/ "
        "và địa chỉ /bao-cao/hoa-my/",
    )
    ten: Text = Field(title="Tên xã cũ", description="Không kèm chữ «xã», «phường»…, VD: Hòa Mỹ")
    loai: LoaiDonViCu = Field(
        "xa",
        title="Loại đơn vị",
        description="xa (mặc định), phuong, dac_khu hoặc thi_tran (thị trấn, trước ngày 01/7/2025)",
    )
    co_quan: Text = Field(title="Cơ quan ban hành báo cáo", description="VD: Ủy ban nhân dân xã Hòa Mỹ")
    ngay: Ngay = Field(title="Ngày hợp nhất", description="VD: 2025-07-01")
    nghi_quyet: Text = Field(
        title="Nghị quyết sắp xếp",
        description="VD: Nghị quyết số 1670/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội",
    )


class Xa(NamedUnit, Model):
    """The commune's profile (``content/xa.yaml``)."""

    ten: Text = Field(title="Tên xã", description="Không kèm chữ «xã», «phường», «đặc khu», VD: An Bình")
    loai: LoaiDonVi = Field(
        "xa", title="Loại đơn vị", description="xa (xã, mặc định), phuong (phường) hoặc dac_khu (đặc khu)"
    )
    co_quan: Text = Field(title="Tên cơ quan", description="VD: Ủy ban nhân dân xã An Bình")
    huyen: str | None = Field(
        None, title="Huyện", description="Huyện tại thời điểm các báo cáo (bỏ trống nếu không còn cấp huyện)"
    )
    tinh: Text = Field(title="Tỉnh")
    dia_chi: str | None = Field(None, title="Địa chỉ trụ sở")
    dien_thoai: str | None = Field(None, title="Điện thoại", pattern=r"^[0-9 .+()-]{6,20}$")
    email: str | None = Field(None, title="Thư điện tử", pattern=r"^[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}$")
    gio_lam_viec: str | None = Field(None, title="Giờ làm việc của Bộ phận một cửa")
    lanh_dao: list[LanhDao] = Field(default_factory=list, title="Lãnh đạo")
    ghi_chu: str | None = Field(None, title="Ghi chú")
    hinh_thanh_tu: list[TienThan] = Field(
        default_factory=list,
        title="Hình thành từ",
        description="Các xã cũ hợp nhất thành xã này; báo cáo đã đăng của mỗi xã cũ nằm ở tien-than/<ma>/",
    )


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


UNIT_WORDS = {"ngay_lam_viec": "ngày làm việc", "ngay": "ngày", "gio": "giờ", "thang": "tháng"}
CURRENCY_WORDS = {"dong": "đồng", "usd": "USD"}


class ThoiHan(Model):
    so: Annotated[int, Field(gt=0)] | Annotated[float, Field(gt=0)] | None = Field(
        None, title="Số", examples=[5]
    )
    don_vi: Literal["ngay_lam_viec", "ngay", "gio", "thang"] | None = Field(
        None, title="Đơn vị", description="Cần khi có «so»"
    )
    ghi_chu: str | None = Field(
        None, title="Ghi chú", description="Thời hạn viết bằng lời, hoặc lời dặn kèm theo"
    )

    @property
    def amount(self) -> str:
        """«5 ngày làm việc», «0,5 giờ»; empty when the time is only written in words."""
        if self.so is None:
            return ""
        return f"{text.format_decimal(self.so)} {UNIT_WORDS[self.don_vi] if self.don_vi else '(không ghi đơn vị)'}"


class PhiLePhi(Model):
    ten: str | None = Field(None, title="Tên khoản phí, lệ phí", description="VD: Lệ phí đăng ký kết hôn")
    so_tien: Count | None = Field(
        None,
        title="Số tiền",
        description="Bỏ trống nếu do tỉnh quy định mà chưa xác minh",
        examples=[8000],
    )
    tien_te: Literal["dong", "usd"] = Field("dong", title="Đơn vị tiền")
    mo_ta: str | None = Field(
        None, title="Mô tả", description="Cách tính, trường hợp miễn, giảm như văn bản ghi"
    )
    tinh_quy_dinh: bool = Field(
        False,
        title="Do HĐND tỉnh quy định",
        description="true: mức thu do Hội đồng nhân dân tỉnh quyết định, cần xác nhận với tỉnh",
    )
    nghi_quyet: str | None = Field(
        None,
        title="Nghị quyết của HĐND tỉnh",
        description="Văn bản quy định mức thu ở tỉnh, VD: 15/2020/NQ-HĐND",
    )

    @property
    def amount(self) -> str:
        """«8.000 đồng», «Miễn phí» for 0; empty when no amount is given."""
        if self.so_tien is None:
            return ""
        if self.so_tien == 0:
            return "Miễn phí"
        return f"{text.format_number(self.so_tien)} {CURRENCY_WORDS[self.tien_te]}"

    @property
    def words(self) -> str:
        """The amount and its description as one phrase: «2.000 đồng/trang», «Miễn phí (Miễn lệ phí …)»."""
        amount, note = self.amount, self.mo_ta or ""
        if not amount or note.startswith(amount):
            return note or amount
        if not note:
            return amount
        return amount + note if note.startswith("/") else f"{amount}; {note}"


class ChiTiet(Model):
    """The commune's own layer of a procedure: what it entered, never overwritten by a national record.

    Each part given here is shown instead of the record's; a part left empty shows the record's."""

    nguon: str | None = Field(
        None,
        title="Nguồn của phần xã nhập",
        description="VD: Quyết định 1234/QĐ-UBND ngày 15/6/2022 của Chủ tịch UBND tỉnh",
    )
    thanh_phan_ho_so: list[Text] = Field(default_factory=list, title="Thành phần hồ sơ")
    thoi_han: ThoiHan | None = Field(None, title="Thời hạn giải quyết", description="Thời hạn của địa phương")
    phi_le_phi: list[PhiLePhi] = Field(
        default_factory=list, title="Phí, lệ phí", description="Mức thu ở tỉnh, kèm Nghị quyết của HĐND tỉnh"
    )
    mien_giam: str | None = Field(None, title="Miễn, giảm")
    can_cu_phap_ly: list[Text] = Field(default_factory=list, title="Căn cứ pháp lý")
    ket_qua: str | None = Field(None, title="Kết quả")
    co_quan_thuc_hien: str | None = Field(None, title="Cơ quan thực hiện")
    cach_thuc: str | None = Field(None, title="Cách thức thực hiện")
    dia_chi_tiep_nhan: str | None = Field(
        None, title="Nơi tiếp nhận hồ sơ", description="Nếu khác Bộ phận một cửa ghi trong xa.yaml"
    )
    gio_tiep_nhan: str | None = Field(
        None, title="Giờ tiếp nhận", description="Nếu khác giờ làm việc trong xa.yaml"
    )
    ghi_chu: str | None = Field(None, title="Ghi chú của xã")


class ThuTuc(Model):
    ma: MaThuTuc = Field(
        "",
        title="Mã thủ tục",
        description='Mã trên CSDL quốc gia, VD: "1.001193" (trong dấu nháy); để trống nếu chưa xác minh',
    )
    ten: Text = Field(title="Tên thủ tục")
    linh_vuc: Text = Field(title="Lĩnh vực")
    nhom: Nhom = Field(title="Nhóm")
    truc_tuyen: TrucTuyen | None = Field(None, title="Dịch vụ công trực tuyến")
    ngay_niem_yet: Ngay = Field(title="Ngày niêm yết")
    ngay_bai_bo: Ngay | None = Field(None, title="Ngày bãi bỏ")
    quyet_dinh_cong_bo: str | None = Field(None, title="Quyết định công bố")
    quyet_dinh_bai_bo: str | None = Field(
        None, title="Quyết định bãi bỏ", description="Văn bản bãi bỏ thủ tục, khi có «ngay_bai_bo»"
    )
    duong_dan: Annotated[str, Field(pattern=r"^https://")] | None = Field(
        None, title="Đường dẫn trên Cổng DVC quốc gia", description="Chỉ ghi khi đã kiểm tra bằng tay"
    )
    ban_ghi: MaThuTuc = Field(
        "",
        title="Bản ghi quốc gia dùng cho chi tiết",
        description="Chỉ khi «ma» để trống: mã của bản ghi cùng tên trong CSDL quốc gia (tệp "
        "thu-tuc-quoc-gia/<mã>.yaml) mà trang dùng cho chi tiết; mã của thủ tục vẫn là chưa xác minh",
    )
    chi_tiet: ChiTiet | None = Field(None, title="Chi tiết do xã nhập")

    @property
    def record_code(self) -> str:
        """The code of the national record this procedure's page draws on ("" when none)."""
        return self.ma or self.ban_ghi

    def active_on(self, day: date) -> bool:
        """Listed on or before ``day``, and not withdrawn by then."""
        return self.ngay_niem_yet <= day and (self.ngay_bai_bo is None or self.ngay_bai_bo > day)


class NguonDanhMuc(Model):
    tai_dung: bool = Field(
        title="Tái dựng", description="true nếu danh mục được tái dựng, chưa đối chiếu quyết định công bố"
    )
    ghi_chu: Text = Field(title="Ghi chú nguồn")


class DanhMuc(Model):
    """The procedure list (``content/thu-tuc.yaml``)."""

    nguon: NguonDanhMuc = Field(title="Nguồn")
    thu_tuc: list[ThuTuc] = Field(title="Thủ tục")


def _read_period_kind(value: Any) -> Any:
    """«loai_ky»: a kind of ``PERIOD_KINDS`` (asked when a file is read: a kind added later counts)."""
    if value is None or (isinstance(value, str) and value in PERIOD_KINDS):
        return value
    keys = [repr(key) for key in PERIOD_KINDS]
    expected = f"{', '.join(keys[:-1])} or {keys[-1]}" if len(keys) > 1 else keys[0]
    raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})


def _kinds_described() -> str:
    """«thang, quy, … hoặc giai_doan; bỏ trống khi có «quy» (báo cáo quý) hoặc «thang» (báo cáo tháng)»."""
    keys = list(PERIOD_KINDS)
    implied = sorted((k for k in PERIOD_KINDS.values() if k.number_field), key=lambda k: k.number_field or "")
    said = " hoặc ".join(f"«{k.number_field}» (báo cáo {k.name})" for k in implied)
    return f"{', '.join(keys[:-1])} hoặc {keys[-1]}; bỏ trống khi có {said}"


LoaiKy = Annotated[
    str, BeforeValidator(_read_period_kind, json_schema_input_type=Literal[tuple(PERIOD_KINDS)])
]


class PhamVi(Model):
    """What a figure covers: the reporting window, the year to date, a day, or a span."""

    loai: Literal["ky_bao_cao", "luy_ke_nam", "tinh_den", "khoang"] = Field(title="Loại phạm vi")
    ngay: Ngay | None = Field(None, title="Tính đến ngày")
    tu_ngay: Ngay | None = Field(None, title="Từ ngày")
    den_ngay: Ngay | None = Field(None, title="Đến ngày")


XapXi = Literal["khoang", "khoang_tren", "tren", "hon", "gan", "duoi"]
XAP_XI_LABELS: dict[str, str] = {
    "khoang": "khoảng",
    "khoang_tren": "khoảng trên",
    "tren": "trên",
    "hon": "hơn",
    "gan": "gần",
    "duoi": "dưới",
}


class SoLieu(Model):
    """One figure as written under a group: a number, or the number with what qualifies it."""

    gia_tri: Count = Field(title="Giá trị")
    pham_vi: PhamVi | None = Field(
        None, title="Phạm vi", description="Bỏ trống: theo phạm vi của nhóm số liệu"
    )
    xap_xi: XapXi | None = Field(
        None,
        title="Số gần đúng",
        description="khoang, khoang_tren, tren, hon, gan (gần, "
        "dưới mức đó một chút) hoặc duoi, như văn bản viết trước con số",
    )
    trich: Annotated[str, Field(min_length=1, max_length=300)] | None = Field(
        None,
        title="Đoạn văn nêu số liệu",
        description="Chép đúng cụm từ của văn bản có con số này, khi phần mềm "
        "không tự nhận ra (VD: «Tiếp nhận: 482»)",
    )
    de_xuat: bool | None = Field(
        None,
        title="Số liệu do máy đề xuất",
        description="Lệnh «import-report» ghi «de_xuat: true» cho số liệu nó đọc được trong văn bản. "
        "Báo cáo không đăng được khi còn dòng này: đối chiếu số liệu với bản đã ký rồi xóa dòng",
    )


Percent = Annotated[str, Field(pattern=r"^\d{1,3}(,\d{1,4})?\s?%$", examples=["99,57%", "100%"])]


class TyLeNeu(Model):
    """A rate the text states, with the definition it uses, checked at the precision it is written."""

    gia_tri: Percent = Field(title="Tỷ lệ như văn bản viết", description="VD: 85,25%")
    chi_tieu: Annotated[str, Field(pattern=r"^ty_le\.[a-z0-9_]+$")] | None = Field(
        None, title="Mã tỷ lệ", description="Tỷ lệ của danh mục chỉ tiêu, VD: ty_le.dung_han"
    )
    cong_thuc: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")] | None = Field(
        None, title="Cách tính", description="Một cách tính của tỷ lệ đó (bỏ trống: cách tính mặc định)"
    )
    tu_so: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_.]*$")]] = Field(
        default_factory=list,
        title="Tử số",
        description="Khi văn bản tự nêu công thức: các mã chỉ tiêu cộng lại ở tử số",
    )
    mau_so: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_.]*$")]] = Field(
        default_factory=list, title="Mẫu số", description="Các mã chỉ tiêu cộng lại ở mẫu số"
    )
    nhan: str | None = Field(
        None, title="Tên tỷ lệ", description="Bắt buộc khi không có «chi_tieu», VD: Tỷ lệ giải ngân"
    )
    doi_voi: str | None = Field(None, title="Đối với", description="Tỷ lệ của khối số liệu ghi «doi_voi» này")
    linh_vuc: str | None = Field(None, title="Lĩnh vực")
    trong_do: str | None = Field(None, title="Trong đó")
    de_xuat: bool | None = Field(
        None,
        title="Máy đề xuất",
        description="Lệnh «import-report» ghi «de_xuat: true» cho tỷ lệ nó đọc được cùng công thức trong văn "
        "bản: xóa dòng này sau khi đối chiếu tử số, mẫu số với bản đã ký",
    )


class ThayDoiNeu(Model):
    """A change against another period that the text states («tăng 36,49%»), checked when it can be."""

    chi_tieu: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_.]*$")] = Field(
        title="Mã chỉ tiêu hoặc tỷ lệ", description="VD: ho_so.tiep_nhan hoặc ty_le.dung_han"
    )
    gia_tri: Annotated[str, Field(min_length=2, max_length=40)] = Field(
        title="Thay đổi như văn bản viết", description="VD: tăng 36,49%; giảm 12 hồ sơ"
    )
    don_vi: Literal["phan_tram", "diem_phan_tram", "so"] = Field(
        title="Đơn vị của thay đổi",
        description="phan_tram (% so với kỳ trước), diem_phan_tram (điểm %, giữa hai tỷ "
        "lệ) hoặc so (số chênh lệch)",
    )
    so_voi: Literal["ky_truoc", "cung_ky"] = Field(
        "ky_truoc",
        title="So với",
        description="ky_truoc (kỳ liền trước cùng loại) hoặc cung_ky (cùng kỳ năm trước)",
    )
    cong_thuc: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")] | None = Field(
        None, title="Cách tính của tỷ lệ"
    )
    doi_voi: str | None = Field(None, title="Đối với")
    linh_vuc: str | None = Field(None, title="Lĩnh vực")
    trong_do: str | None = Field(None, title="Trong đó")
    de_xuat: bool | None = Field(
        None,
        title="Máy đề xuất",
        description="Lệnh «import-report» ghi «de_xuat: true» cho thay đổi nó đọc được trong văn bản: xóa "
        "dòng này sau khi đối chiếu chỉ tiêu, đơn vị và kỳ so sánh với bản đã ký",
    )


SoLieuMuc = dict[str, Any]  # figure groups, stated rates and changes: read against the indicator catalogue


class VanBan(Model):
    loai: Text = Field(title="Loại văn bản", description="VD: Công văn, Kế hoạch, Quyết định")
    so_ky_hieu: Text = Field(title="Số, ký hiệu", description="VD: 837/QĐ-UBND")
    ngay: Ngay = Field(title="Ngày ban hành")
    co_quan: str | None = Field(None, title="Cơ quan ban hành")
    trich_yeu: str | None = Field(None, title="Trích yếu")


class Muc(Model):
    so: Annotated[int, Field(ge=1)] = Field(title="Số thứ tự", examples=[1])
    tieu_de: Text | None = Field(
        None, title="Tiêu đề", description="Bỏ trống khi văn bản nguồn không có tiêu đề mục (VD: tin bài)"
    )
    doan_van: list[Text] = Field(
        min_length=1, title="Các đoạn văn", description="Nguyên văn như bản đã ký, mỗi đoạn một mục"
    )
    so_lieu: SoLieuMuc | None = Field(None, title="Số liệu")


class Phan(Model):
    so: Literal[ROMAN] = Field(title="Số La Mã")  # type: ignore[valid-type]
    tieu_de: Text | None = Field(
        None, title="Tiêu đề", description="Bỏ trống khi văn bản nguồn không có tiêu đề phần (VD: tin bài)"
    )
    doan_van: list[Text] = Field(default_factory=list, title="Các đoạn văn")
    muc: list[Muc] = Field(default_factory=list, title="Các mục")


class DanhGiaChung(Model):
    so: Literal[ROMAN] = Field(title="Số La Mã")  # type: ignore[valid-type]
    tieu_de: Text = Field(title="Tiêu đề")
    nhan_dinh: list[Text] = Field(
        default_factory=list, title="Nhận định chung", description="Các ý gạch đầu dòng trước phần hạn chế"
    )
    han_che: list[Text] = Field(min_length=1, title="Hạn chế")


class PhuongHuong(Model):
    so: Literal[ROMAN] = Field(title="Số La Mã")  # type: ignore[valid-type]
    tieu_de: Text = Field(title="Tiêu đề")
    nhiem_vu: list[Text] = Field(
        min_length=1, title="Nhiệm vụ", description="Các nhiệm vụ đánh số 1, 2, … theo thứ tự"
    )


class KyBaoCao(Model):
    tu_ngay: Ngay = Field(title="Từ ngày")
    den_ngay: Ngay = Field(title="Đến ngày")


# the parts of a report a source may lack: recorded (``khong_co``), said on the page, never invented
ABSENT_PARTS: dict[str, str] = {
    "mo_dau": "phần mở đầu",
    "ket_luan": "câu kết",
    "noi_nhan": "nơi nhận",
    "chu_ky": "chữ ký",
    "so_ky_hieu": "số, ký hiệu",
    "ngay_ban_hanh": "ngày ban hành",
    "nam": "năm của kỳ báo cáo",
}
REQUIRED_UNLESS_ABSENT = ("mo_dau", "ket_luan", "noi_nhan", "chu_ky")  # the others may stay blank anyway
PhanVang = Literal["mo_dau", "ket_luan", "noi_nhan", "chu_ky", "so_ky_hieu", "ngay_ban_hanh", "nam"]
LoaiVanBan = Literal["trich", "tin_bai"]
TEXT_KINDS: dict[str | None, str] = {  # what the published text is
    None: "báo cáo",
    "trich": "trích báo cáo",
    "tin_bai": "tin bài về báo cáo",
}


class ChuKy(Model):
    quyen_han: Text = Field(title="Thẩm quyền ký", description="VD: TM. ỦY BAN NHÂN DÂN")
    chuc_vu: Text = Field(title="Chức vụ", description="VD: CHỦ TỊCH")
    ho_ten: Text = Field(title="Họ và tên người ký")


GiaTri = Annotated[str, Field(min_length=1)] | Annotated[int, Field(ge=0)] | None


class CapNhat(Model):
    """A correction of a published report: recorded, dated, explained, never silent."""

    ngay: Ngay = Field(title="Ngày cập nhật")
    truong: Text = Field(
        title="Nội dung thay đổi",
        description="Mã số liệu hoặc vị trí văn bản, đúng như trong thông báo của lệnh xây dựng, VD: ho_so.tiep_nhan",
    )
    gia_tri_cu: GiaTri = Field(
        None, title="Giá trị cũ", description="Như đã công bố; bỏ trống nếu trước đó chưa có"
    )
    gia_tri_moi: GiaTri = Field(None, title="Giá trị mới", description="Bỏ trống nếu nội dung bị xóa")
    ly_do: Text = Field(title="Lý do", description="VD: đính chính theo bản đã ký; sai sót khi nhập liệu")


class BaoCao(Model):
    """One CCHC report (``content/bao-cao/<kỳ>.yaml``), as signed: monthly to multi-year."""

    loai_ky: LoaiKy | None = Field(None, title="Loại kỳ báo cáo", description=_kinds_described())
    nam: Annotated[int, Field(ge=FIRST_REPORT_YEAR, le=LAST_REPORT_YEAR)] = Field(
        title="Năm", description="Năm của kỳ báo cáo; báo cáo giai đoạn: năm đầu", examples=[2022]
    )
    quy: Annotated[int, Field(ge=1, le=4)] | None = Field(
        None, title="Quý", description="Chỉ với báo cáo quý"
    )
    thang: Annotated[int, Field(ge=1, le=12)] | None = Field(
        None, title="Tháng", description="Chỉ với báo cáo tháng"
    )
    den_nam: Annotated[int, Field(ge=FIRST_REPORT_YEAR, le=LAST_REPORT_YEAR)] | None = Field(
        None, title="Năm cuối", description="Chỉ với báo cáo giai đoạn, VD: 2020", examples=[2020]
    )
    ky_bao_cao: KyBaoCao | None = Field(
        None,
        title="Kỳ số liệu",
        description="Bỏ trống: tính theo NĐ 09/2019 (ngày 15 tháng trước đến ngày 14 tháng cuối kỳ; báo cáo 6 tháng, 9 tháng, năm tính từ 15/12 năm trước)",
    )
    co_quan_ban_hanh: Text = Field(title="Cơ quan ban hành")
    so_ky_hieu: str | None = Field(None, title="Số, ký hiệu", description="Chỉ ghi khi có trên bản đã ký")
    ngay_ban_hanh: Ngay | None = Field(
        None, title="Ngày ban hành", description="Chỉ ghi khi có trên bản đã ký"
    )
    trich_yeu: Text = Field(title="Trích yếu", description="Dòng dưới chữ BÁO CÁO; tin bài: tiêu đề của tin")
    loai_van_ban: LoaiVanBan | None = Field(
        None,
        title="Loại văn bản",
        description="Bỏ trống: báo cáo đầy đủ; trich: trích một báo cáo; tin_bai: tin bài về một báo cáo",
    )
    khong_co: list[PhanVang] | None = Field(
        None,
        title="Văn bản nguồn không có",
        description="Những phần văn bản nguồn không có, để trang ghi rõ thay vì bịa ra: "
        + ", ".join(f"{key} ({label})" for key, label in ABSENT_PARTS.items()),
    )
    can_cu: list[VanBan] = Field(default_factory=list, title="Căn cứ")
    mo_dau: list[Text] = Field(
        default_factory=list, title="Phần mở đầu", description="Bỏ trống chỉ khi «khong_co» ghi mo_dau"
    )
    phan: list[Phan] = Field(min_length=1, title="Các phần")
    danh_gia_chung: DanhGiaChung | None = Field(
        None,
        title="Đánh giá chung",
        description="Bỏ trống khi báo cáo không có phần này (VD: báo cáo thống kê tháng)",
    )
    phuong_huong: PhuongHuong | None = Field(
        None, title="Phương hướng, nhiệm vụ", description="Bỏ trống khi báo cáo không có phần này"
    )
    ket_luan: Text | None = Field(
        None, title="Câu kết", description="Bỏ trống chỉ khi «khong_co» ghi ket_luan"
    )
    noi_nhan: list[Text] = Field(
        default_factory=list, title="Nơi nhận", description="Bỏ trống chỉ khi «khong_co» ghi noi_nhan"
    )
    chu_ky: ChuKy | None = Field(None, title="Chữ ký", description="Bỏ trống chỉ khi «khong_co» ghi chu_ky")
    ghi_chu_nguon: str | None = Field(
        None, title="Ghi chú về nguồn", description="Bản gốc, cách chép lại, những gì không có trong bản lưu"
    )
    ban_goc: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*\.pdf$")] | None = Field(
        None,
        title="Bản gốc đã ký (PDF)",
        description="Tên tệp PDF bản quét trong thư mục bao-cao/ban-goc/, VD: 2022-q3.pdf",
    )
    ngay_dang_tai: Ngay | None = Field(
        None,
        title="Ngày đăng tải",
        description="Ngày công bố trên trang; bỏ trống khi còn là bản nháp (kiểm tra nhưng không đăng). Từ khi đăng, mọi thay đổi phải ghi trong «cap_nhat»",
    )
    cap_nhat: list[CapNhat] = Field(
        default_factory=list,
        title="Cập nhật",
        description="Các lần đính chính sau khi đăng tải, theo thứ tự thời gian",
    )

    def lacks(self, part: str) -> bool:
        """The source has no such part (``khong_co``)."""
        return part in (self.khong_co or ())

    @property
    def absent(self) -> list[str]:
        """The parts the source lacks, in the page's words."""
        return [ABSENT_PARTS[part] for part in ABSENT_PARTS if self.lacks(part)]

    @property
    def text_kind(self) -> str:
        return TEXT_KINDS[self.loai_van_ban]

    @property
    def kind(self) -> str:
        """The kind of period: as written, else the one its number field implies (a quarter when
        none or several are written: validate reports that)."""
        if self.loai_ky is not None:
            return self.loai_ky
        implied = [
            k.key for k in PERIOD_KINDS.values() if k.number_field and self.period_value(k.number_field)
        ]
        return implied[0] if len(implied) == 1 else QUARTER

    def period_value(self, name: str) -> int | None:
        """A period field's value (``quy``, ``thang``, ``den_nam``), None when not written."""
        value = getattr(self, name, None)
        return value if isinstance(value, int) else None

    @property
    def ky(self) -> Ky:
        """The period the report is about (fields missing for its kind, which validate reports, read as 1)."""
        kind = PERIOD_KINDS[self.kind]
        number = (self.period_value(kind.number_field) or 1) if kind.number_field else 0
        last = max(self.den_nam or 0, self.nam + 1) if kind.span == "years" else 0
        return Ky(kind.key, self.nam, number, last)

    @property
    def slug(self) -> str:
        return self.ky.slug

    @property
    def label(self) -> str:
        return self.ky.label

    @property
    def window(self) -> KyBaoCao:
        """The data window: as written, else Decree 09/2019's default (15th → 14th)."""
        if self.ky_bao_cao is not None:
            return self.ky_bao_cao
        start, end = self.ky.default_window()
        return KyBaoCao(tu_ngay=start, den_ngay=end)

    def sections(self) -> Iterator[tuple[tuple, Muc]]:
        """Every numbered subsection with its location in the file."""
        for i, phan in enumerate(self.phan):
            for j, muc in enumerate(phan.muc):
                yield ("phan", i, "muc", j), muc


# the fields of a report file that say its period besides «loai_ky» and «nam», in the file's order
PERIOD_FIELDS = tuple(
    name
    for name in BaoCao.model_fields
    if name == LAST_YEAR_FIELD or any(k.number_field == name for k in PERIOD_KINDS.values())
)
