"""The checks, in the words of the data-entry guide, with the fields each one reads, and the limits
the checks apply (declared here, so the guide says what the validator does).

The rules about periods are written from the declared period kinds: a new kind is listed here too.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..addresses import CONTENT_DIR, CUSTOM_FILE, ORIGINALS_DIR
from .models import ABSENT_PARTS, PERIOD_FIELDS, REQUIRED_UNLESS_ABSENT
from .periods import PERIOD_KINDS

LATE_DAYS = 45  # a report is issued within this many days of its period's end
MAX_ORIGINAL_MB = 30  # a signed scan (PDF)


@dataclass(frozen=True)
class Rule:
    """One check of this module, in the words of the data-entry guide, and the fields it reads."""

    text: str
    fields: tuple[str, ...]  # "Model.field"


def _longest_windows() -> str:
    """«tháng 31 ngày, quý 92, …, năm 366 ngày»: every kind but reviews of whole years (per year: a year's)."""
    shown = [f"{kind.name} {kind.max_days}" for kind in PERIOD_KINDS.values() if kind.span != "years"]
    return f"{shown[0]} ngày, {', '.join(shown[1:-1])}, {shown[-1]} ngày"


RULES: tuple[Rule, ...] = (
    Rule(
        "Tên tệp báo cáo theo kỳ: "
        + ", ".join(f"{kind.example} ({kind.name})" for kind in PERIOD_KINDS.values())
        + ", đuôi .yaml; khớp "
        + ", ".join(f"«{name}»" for name in ("loai_ky", "nam", *PERIOD_FIELDS))
        + "; mỗi kỳ một tệp.",
        tuple(f"BaoCao.{name}" for name in ("loai_ky", "nam", *PERIOD_FIELDS)),
    ),
    Rule(
        "Kỳ số liệu: ngày bắt đầu trước ngày kết thúc, ngày kết thúc nằm trong kỳ báo cáo, độ dài không quá "
        f"một kỳ ({_longest_windows()}); bỏ trống thì tính theo Nghị định 09/2019/NĐ-CP.",
        ("BaoCao.ky_bao_cao", "KyBaoCao.tu_ngay", "KyBaoCao.den_ngay"),
    ),
    Rule(
        f"Ngày ban hành từ ngày cuối kỳ số liệu đến {LATE_DAYS} ngày sau khi hết kỳ báo cáo.",
        ("BaoCao.ngay_ban_hanh",),
    ),
    Rule(
        "Ghi đúng như văn bản nguồn, không điền thay: phần nào văn bản không có ("
        + ", ".join(f"{label} «{key}»" for key, label in ABSENT_PARTS.items())
        + ") thì khai trong «khong_co», trang ghi rõ «văn bản nguồn không có» và không in «đã ký» khi "
        "không có chữ ký; "
        + ", ".join(f"«{key}»" for key in REQUIRED_UNLESS_ABSENT)
        + " phải ghi hoặc khai là không có, không được vừa ghi vừa khai; văn bản không ghi năm thì "
        "«ghi_chu_nguon» nói năm lấy từ đâu. «loai_van_ban»: trich (trích báo cáo), tin_bai (tin bài về "
        "báo cáo); bỏ trống là báo cáo đầy đủ.",
        ("BaoCao.khong_co", "BaoCao.loai_van_ban", *(f"BaoCao.{key}" for key in REQUIRED_UNLESS_ABSENT)),
    ),
    Rule(
        "Số thứ tự các phần (I, II, …) và các mục (1, 2, …) liên tục.",
        ("Phan.so", "Muc.so", "DanhGiaChung.so", "PhuongHuong.so"),
    ),
    Rule(
        "Văn bản căn cứ: số, ký hiệu và ngày được viết trong phần mở đầu; ngày không sau ngày lập báo cáo.",
        ("BaoCao.can_cu", "VanBan.so_ky_hieu", "VanBan.ngay", "BaoCao.mo_dau"),
    ),
    Rule(
        "Mỗi số liệu gắn với chỗ văn bản nêu nó: con số có trong lời văn của chính mục đó, đi cùng đơn vị hoặc "
        "tên của chỉ tiêu («16 lượt», «08 công chức»; «05» hay «5», «1.442» hay «1442» đều được; 0 viết "
        "«không»); số gần đúng ghi «xap_xi» đúng như văn bản («khoảng trên 170»); văn bản viết khác thì ghi "
        "«trich» là cụm từ có số liệu.",
        ("SoLieu.gia_tri", "SoLieu.xap_xi", "SoLieu.trich", "Muc.doan_van", "Muc.so_lieu"),
    ),
    Rule(
        "Mỗi số liệu ghi một lần trong báo cáo. Một nhóm số liệu ghi được ở nhiều mục, và thành nhiều khối khi "
        "mỗi khối ghi rõ đối tượng: «doi_voi» (đơn vị khác), «linh_vuc» hoặc «trong_do» (một phần của tổng).",
        ("Muc.so_lieu",),
    ),
    Rule(
        "Phạm vi «tinh_den» cần «ngay» trong kỳ; «khoang» cần «tu_ngay» và «den_ngay» hợp lệ.",
        ("PhamVi.loai", "PhamVi.ngay", "PhamVi.tu_ngay", "PhamVi.den_ngay"),
    ),
    Rule(
        "Các quan hệ cộng của danh mục chỉ tiêu (bảng «Các nhóm số liệu» ở dưới): thành phần cộng bằng tổng, "
        "hoặc không vượt quá tổng; chỉ so các số cùng phạm vi, không so số gần đúng.",
        ("Muc.so_lieu",),
    ),
    Rule(
        "Khối «linh_vuc», «trong_do» là một phần: mỗi số không vượt quá số chung của đơn vị, các lĩnh vực cộng "
        "lại cũng không vượt quá.",
        ("Muc.so_lieu",),
    ),
    Rule(
        "Số thủ tục trong báo cáo bằng số thủ tục của danh mục còn hiệu lực tại ngày của số liệu.",
        ("Muc.so_lieu", "ThuTuc.ngay_niem_yet", "ThuTuc.ngay_bai_bo", "ThuTuc.nhom"),
    ),
    Rule(
        "Chỉ tiêu bắt buộc của một nhóm (đánh dấu «có» ở bảng chỉ tiêu) phải có khi báo cáo ghi nhóm đó.",
        ("Muc.so_lieu",),
    ),
    Rule(
        "Mỗi tỷ lệ văn bản viết trong một mục («đạt 99,57%») được ghi nhận: khớp một tỷ lệ tính từ số liệu của "
        "mục, hoặc ghi ở «so_lieu.ty_le» với cách tính văn bản dùng, rồi được đối chiếu ở đúng số chữ số thập "
        "phân văn bản viết («99,57%» và «99,6%» khớp 468/470, «99,5%» thì không).",
        ("TyLeNeu.gia_tri", "TyLeNeu.chi_tieu", "TyLeNeu.cong_thuc", "TyLeNeu.tu_so", "TyLeNeu.mau_so"),
    ),
    Rule(
        "Thay đổi văn bản nêu («tăng 36,49%») ghi ở «so_lieu.thay_doi» với đơn vị (phan_tram hoặc "
        "diem_phan_tram) và được đối chiếu khi trang có báo cáo kỳ trước cùng loại (hoặc cùng kỳ năm trước).",
        ("ThayDoiNeu.chi_tieu", "ThayDoiNeu.gia_tri", "ThayDoiNeu.don_vi", "ThayDoiNeu.so_voi"),
    ),
    Rule(
        "Quyết định, thông báo của nhóm (VD: kiểm tra): số và ngày được viết trong mục; ngày nằm trong kỳ.",
        ("VanBan.so_ky_hieu", "VanBan.ngay"),
    ),
    Rule(
        "Tỷ lệ không nhập như một số liệu: trường bắt đầu bằng «ty_le» trong một nhóm bị từ chối; tỷ lệ được "
        "tính từ số liệu, tỷ lệ văn bản nêu ghi ở «so_lieu.ty_le».",
        (),
    ),
    Rule(
        f"Chỉ tiêu riêng của xã khai báo một lần trong {CONTENT_DIR}/{CUSTOM_FILE} (mã «nhóm.tên», tên, đơn vị, "
        "chỉ tiêu chứa nó nếu có); số liệu có mã lạ là lỗi, kèm gợi ý khai báo.",
        ("ChiTieuRieng.khoa", "ChiTieuRieng.nhan", "ChiTieuRieng.don_vi", "ChiTieuRieng.thuoc"),
    ),
    Rule(
        "Mã thủ tục đặt trong dấu nháy, đúng dạng «1.001193», không trùng; để trống thì có cảnh báo.",
        ("ThuTuc.ma",),
    ),
    Rule(
        "Tên thủ tục không trùng trong cùng nhóm; mỗi thủ tục có địa chỉ trang riêng.",
        ("ThuTuc.ten", "ThuTuc.nhom"),
    ),
    Rule("Ngày bãi bỏ phải sau ngày niêm yết.", ("ThuTuc.ngay_bai_bo", "ThuTuc.ngay_niem_yet")),
    Rule(
        "Báo cáo đã đăng tải bị khóa: mọi thay đổi số liệu, lời văn, bản gốc phải ghi «cap_nhat»; "
        "không được xóa, đưa về bản nháp hay đổi ngày đăng tải.",
        ("BaoCao.ngay_dang_tai", "BaoCao.cap_nhat"),
    ),
    Rule(
        "Cập nhật: ngày từ ngày đăng tải trở đi, theo thứ tự, không ở tương lai; giá trị cũ đúng giá trị đang "
        "công bố; giá trị mới khác giá trị cũ; «truong» là nội dung có trong báo cáo.",
        ("CapNhat.ngay", "CapNhat.truong", "CapNhat.gia_tri_cu", "CapNhat.gia_tri_moi"),
    ),
    Rule(
        f"Bản gốc: tệp PDF có trong thư mục {ORIGINALS_DIR}/, không quá {MAX_ORIGINAL_MB} MB.",
        ("BaoCao.ban_goc",),
    ),
    Rule(
        "Số liệu do lệnh «import-report» đọc từ tệp Word ghi «de_xuat: true»: báo cáo còn dòng này thì không "
        "đăng được; đối chiếu từng số với bản đã ký rồi xóa dòng «de_xuat».",
        ("SoLieu.de_xuat",),
    ),
)
