"""National records in the content folder: each named by its code, each tied to one procedure;
the commune's own layer wins over the record on the page; every part says where it comes from."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_site.core.models import ThuTuc, Xa
from cchc_site.core.record import BanGhi, flagged
from cchc_site.output.procedure_view import procedure_view
from cchc_site.procedures.national_import import record_text
from cchc_site.validate import load_site

from .conftest import TODAY, data_errors, find_problem


def record(code: str = "1.000894", **parts) -> BanGhi:
    data = {
        "nguon": {
            "loai": "quoc_gia",
            "ma": code,
            "phien_ban": "giữa năm 2026",
            "dang": "trang_cong",
            "tep": f"{code}.json",
            "quyet_dinh_cong_bo": "163/QĐ-BTP",
            "duong_dan": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d-abc",
        },
        "ten": "Thủ tục đăng ký kết hôn",
        "linh_vuc": "Hộ tịch",
        "trinh_tu": [{"buoc": ["Nộp hồ sơ tại Bộ phận một cửa.", "Nhận kết quả."]}],
        "cach_thuc": [
            {
                "hinh_thuc": "truc_tiep",
                "thoi_han": {"so": 1, "don_vi": "ngay_lam_viec"},
                "phi_le_phi": [{"so_tien": 0, "mo_ta": "Miễn phí"}],
            },
            {
                "hinh_thuc": "truc_tuyen",
                "thoi_han": {"nguyen_van": "1", "loi": "thieu_don_vi"},
                "phi_le_phi": [
                    {"ten": "Lệ phí", "tinh_quy_dinh": True, "mo_ta": "Mức thu do HĐND tỉnh quy định"}
                ],
            },
        ],
        "ho_so": [
            {
                "truong_hop": "Giấy tờ phải nộp",
                "giay_to": [
                    {"ten": "Tờ khai đăng ký kết hôn", "ban_chinh": 1, "mau": [{"ten": "TK ket hon.docx"}]},
                    {"nguyen_van": "Giấy tờ theo Mẫu số 181 bản chính", "loi": "so_dinh_vao_so_luong"},
                ],
                "ghi_chu": ["Không phải nộp bản giấy khi đã có bản điện tử."],
            }
        ],
        "ket_qua": [{"ten": "Giấy chứng nhận kết hôn", "ma": "KQ.G15.000032"}],
        "can_cu_phap_ly": [{"trich_yeu": "Luật Hộ tịch", "so_ky_hieu": "60/2014/QH13"}],
    }
    data.update(parts)
    return BanGhi.model_validate(data)


def put(project, value: BanGhi, name: str | None = None) -> None:
    relative = f"thu-tuc-quoc-gia/{name or value.nguon.ma + '.yaml'}"
    (project.content / "thu-tuc-quoc-gia").mkdir(exist_ok=True)
    (project.content / relative).write_text(record_text(value, relative), encoding="utf-8")


def test_a_record_written_is_read_back_the_same(project):
    value = record()
    put(project, value)
    site = load_site(project.content, "content", today=TODAY)
    assert site.records["1.000894"] == value
    listed = next(t for t in site.danh_muc.thu_tuc if t.ma == "1.000894")
    assert site.record_of(listed) == value
    assert [(part, item.loi) for part, item in flagged(value)] == [
        ("cach_thuc", "thieu_don_vi"),
        ("ho_so", "so_dinh_vao_so_luong"),
    ]


def test_a_record_file_named_by_another_code_is_refused(project):
    put(project, record(), "1.001193.yaml")
    problem = find_problem(data_errors(project), "Mã trong bản ghi khác mã ở tên tệp")
    assert problem.file == "content/thu-tuc-quoc-gia/1.001193.yaml" and problem.line
    assert problem.found == "1.000894" and problem.expected == "1.001193"


def test_a_record_no_procedure_has_is_refused(project):
    put(project, record("1.999999"))
    problem = find_problem(data_errors(project), "không thuộc thủ tục nào")
    assert "1.999999" in problem.found


def test_a_strange_file_among_the_records_is_refused(project):
    put(project, record())
    (project.content / "thu-tuc-quoc-gia" / "ghi-chu.txt").write_text("x", encoding="utf-8")
    problem = find_problem(data_errors(project), "Tệp lạ trong thư mục bản ghi quốc gia")
    assert problem.found == "ghi-chu.txt"


def test_ban_ghi_is_only_for_a_procedure_without_a_code(project):
    project.replace("thu-tuc.yaml", '  - ma: "1.001193"\n', '  - ma: "1.001193"\n    ban_ghi: "1.000894"\n')
    problem = find_problem(data_errors(project), "Thủ tục đã có mã")
    assert problem.field.endswith("ban_ghi")


def test_an_uncoded_procedure_draws_on_a_record_named_by_ban_ghi(project):
    site = load_site(project.content, "content", today=TODAY)
    uncoded = next(t for t in site.danh_muc.thu_tuc if not t.record_code)
    project.replace("thu-tuc.yaml", f"ten: {uncoded.ten}\n", f'ten: {uncoded.ten}\n    ban_ghi: "1.999997"\n')
    put(project, record("1.999997", ten="Thủ tục " + uncoded.ten))
    site = load_site(project.content, "content", today=TODAY)
    entry = next(t for t in site.danh_muc.thu_tuc if t.ten == uncoded.ten)
    assert entry.ma == "" and site.record_of(entry).nguon.ma == "1.999997"


def test_ban_ghi_before_its_record_is_imported_warns(project):
    """Named first, imported next (import-national reads a valid content folder): a warning, not an error."""
    site = load_site(project.content, "content", today=TODAY)
    uncoded = next(t for t in site.danh_muc.thu_tuc if not t.record_code)
    project.replace("thu-tuc.yaml", f"ten: {uncoded.ten}\n", f'ten: {uncoded.ten}\n    ban_ghi: "1.999998"\n')
    site = load_site(project.content, "content", today=TODAY)
    problem = next(p for p in site.warnings if "Chưa có bản ghi quốc gia" in p.message)
    assert problem.expected == "tệp content/thu-tuc-quoc-gia/1.999998.yaml" and problem.line


def test_markup_in_a_record_is_kept_as_text_not_refused(project):
    text = "Trẻ em < 6 tuổi; <script>alert(1)</script> **đậm** {{ mẫu }}"
    put(project, record(yeu_cau_dieu_kien=text))
    site = load_site(project.content, "content", today=TODAY)
    assert site.records["1.000894"].yeu_cau_dieu_kien == text


XA = Xa.model_validate({"ten": "An Bình", "co_quan": "Ủy ban nhân dân xã An Bình", "tinh": "Hải Dương"})


def procedure(**fields) -> ThuTuc:
    base = {"ma": "1.000894", "ten": "Đăng ký kết hôn", "linh_vuc": "Hộ tịch", "nhom": "cap_xa"}
    return ThuTuc.model_validate({**base, "ngay_niem_yet": date(2022, 9, 14), **fields})


def nguon(tai_dung: bool = False):
    from cchc_site.core.models import NguonDanhMuc

    return NguonDanhMuc.model_validate({"tai_dung": tai_dung, "ghi_chu": "Danh mục theo quyết định công bố."})


def test_the_record_answers_by_channel_and_says_its_source():
    view = procedure_view(procedure(), record(), XA, nguon())
    assert [c.label for c in view.channels] == ["Trực tiếp", "Trực tuyến"]
    assert not view.uniform and view.provincial_fee
    assert view.online.possible and view.online.own_page
    assert "dichvucong.gov.vn/thu-tuc-hanh-chinh/019d-abc" in view.online.url
    assert view.flags == 2 and view.forms == ("TK ket hon.docx",)
    (source,) = view.sources
    assert source.parts == "Mọi phần"
    assert "giữa năm 2026" in source.text and "163/QĐ-BTP" in source.text and "1.000894" in source.text
    assert view.where is None  # no address anywhere: the page sends the citizen to the commune's seat


def test_the_communes_layer_wins_part_by_part():
    own = {
        "thanh_phan_ho_so": ["Tờ khai"],
        "thoi_han": {"so": 3, "don_vi": "ngay_lam_viec"},
        "phi_le_phi": [{"ten": "Lệ phí", "so_tien": 20000, "nghi_quyet": "15/2020/NQ-HĐND"}],
        "dia_chi_tiep_nhan": "Nhà văn hóa thôn 3",
        "nguon": "Quyết định 1234/QĐ-UBND của Chủ tịch UBND tỉnh",
    }
    view = procedure_view(procedure(chi_tiet=own), record(), XA, nguon())
    assert view.documents_from_commune and view.channels_from_commune
    assert [c.label for c in view.channels] == ["Mọi hình thức nộp"]
    assert not view.provincial_fee  # the commune recorded the provincial amount
    assert view.where == "Nhà văn hóa thôn 3"
    assert [law.so_ky_hieu for law in view.legal] == ["60/2014/QH13"]  # not entered: the record's
    own_source, record_source = view.sources
    assert own_source.parts == "Thành phần hồ sơ, Thời hạn, phí, lệ phí"
    assert "1234/QĐ-UBND" in own_source.text
    assert record_source.parts == "Các phần khác"


def test_without_a_record_the_list_says_what_it_knows():
    view = procedure_view(procedure(truc_tuyen="muc_do_3"), None, XA, nguon(tai_dung=True))
    assert not view.has_details and view.online.possible and not view.online.own_page
    assert "Mức độ 3" in view.online.text and "keyword=" in view.online.url
    assert view.sources == ()


def test_the_office_from_the_profile_is_where_to_go():
    xa = Xa.model_validate(
        {**XA.model_dump(), "dia_chi": "Thôn 1", "gio_lam_viec": "Sáng thứ Hai đến thứ Sáu"}
    )
    view = procedure_view(procedure(), record(), xa, nguon())
    assert view.where == "Bộ phận tiếp nhận và trả kết quả, Ủy ban nhân dân xã An Bình, Thôn 1"
    assert view.hours == "Sáng thứ Hai đến thứ Sáu"


@pytest.mark.parametrize("empty", [True, False])
def test_an_empty_contact_warns_the_clerk(project, empty):
    if not empty:
        project.replace("xa.yaml", "dien_thoai:           # chưa cập nhật", 'dien_thoai: "0220 3888 888"')
    site = load_site(project.content, "content", today=TODAY)
    warned = [p for p in site.warnings if "Bộ phận tiếp nhận và trả kết quả" in p.message]
    assert bool(warned) is empty
    if empty:
        assert warned[0].file == "content/xa.yaml" and warned[0].line
