"""The format of the package's catalogue file (``chi_tieu.yaml``), as pydantic models.

The build reads that file as plain data (it ships with the package); the tests check it against
these models, which also document every key it may hold.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..core.models import Model, Text
from .catalogue import FullKey, Key


class DonViTinh(Model):
    ten: Text = Field(title="Đơn vị tính")
    cach_viet: list[Text] = Field(default_factory=list, title="Các cách viết trong văn bản")


class ChiTieu(Model):
    khoa: Key = Field(title="Mã chỉ tiêu")
    nhan: Text = Field(title="Tên chỉ tiêu")
    don_vi: Text = Field(title="Đơn vị tính")
    mo_ta: str | None = Field(None, title="Mô tả")
    bat_buoc: bool = Field(False, title="Bắt buộc khi có nhóm")
    tu_khoa: list[Text] = Field(default_factory=list, title="Từ khóa trong văn bản")
    danh_muc: Literal["tat_ca", "cap_xa", "quoc_phong", "cong_an"] | None = Field(
        None, title="Đối chiếu danh mục thủ tục"
    )


class LuaChon(Model):
    khoa: Key = Field(title="Mã trường")
    nhan: Text = Field(title="Tên trường")
    mo_ta: str | None = Field(None, title="Mô tả")
    gia_tri: dict[str, Text] = Field(title="Các giá trị")


class DanhSach(Model):
    khoa: Key = Field(title="Mã danh sách")
    nhan: Text = Field(title="Tên danh sách")
    ten: Key = Field(title="Trường tên của mỗi mục")
    nhan_ten: Text = Field(title="Tên của trường tên")
    chi_tieu: list[ChiTieu] = Field(title="Chỉ tiêu của mỗi mục")


class Nhom(Model):
    khoa: Key = Field(title="Mã nhóm")
    nhan: Text = Field(title="Tên nhóm")
    mo_ta: str | None = Field(None, title="Mô tả")
    van_ban: bool = Field(False, title="Có ghi quyết định, thông báo")
    chi_tieu: list[ChiTieu] = Field(default_factory=list, title="Chỉ tiêu")
    nhom_con: list[Nhom] = Field(default_factory=list, title="Nhóm con")
    danh_sach: list[DanhSach] = Field(default_factory=list, title="Danh sách")
    lua_chon: list[LuaChon] = Field(default_factory=list, title="Trường chọn")


class Tong(Model):
    tong: FullKey = Field(title="Tổng")
    thanh_phan: list[FullKey] = Field(min_length=1, title="Các thành phần")
    quan_he: Literal["bang", "khong_vuot"] = Field("bang", title="Quan hệ")
    day_du: bool = Field(False, title="Thành phần không ghi là 0")


class CongThuc(Model):
    khoa: Key = Field(title="Mã cách tính")
    nhan: Text = Field(title="Cách tính")
    tu_so: list[FullKey] = Field(min_length=1, title="Tử số")
    mau_so: list[FullKey] = Field(min_length=1, title="Mẫu số")


class TyLe(Model):
    khoa: Key = Field(title="Mã tỷ lệ")
    nhan: Text = Field(title="Tên tỷ lệ")
    cong_thuc: list[CongThuc] = Field(min_length=1, title="Các cách tính")


class TieuBieu(Model):
    khoa: FullKey = Field(title="Mã chỉ tiêu hoặc tỷ lệ")
    nhan: Text = Field(title="Tên hiện ra (tên biểu đồ, tên cột)")
    cot: Key | None = Field(None, title="Tên cột trong tệp CSV (trang tổng hợp)")
    mo_ta: str | None = Field(None, title="Tên đầy đủ (mô tả cột)")


class SoLieuTieuBieu(Model):
    trang_chu: list[FullKey] = Field(title="Trang chủ")
    bieu_do: list[TieuBieu] = Field(title="Biểu đồ ở trang lịch sử báo cáo")
    tong_hop: list[TieuBieu] = Field(title="Trang tổng hợp của tỉnh")
    truc_tuyen: list[FullKey] = Field(
        default_factory=list,
        title="Số TTHC cung cấp trực tuyến (trang chủ đặt cạnh số của danh mục, mỗi số kèm nguồn và ngày)",
    )


class DanhMucChiTieu(Model):
    """The national catalogue (``cchc_site/indicators/chi_tieu.yaml``)."""

    don_vi: list[DonViTinh] = Field(title="Đơn vị tính")
    nhom: list[Nhom] = Field(title="Nhóm số liệu")
    tong: list[Tong] = Field(title="Quan hệ cộng")
    ty_le: list[TyLe] = Field(title="Tỷ lệ")
    tieu_bieu: SoLieuTieuBieu = Field(title="Số liệu tiêu biểu")
