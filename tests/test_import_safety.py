"""``import-procedures`` with the files a new user really has: a province's partial list, old names,
other headers, semicolons, deadline and fee columns. A partial file must never wipe the list."""

from __future__ import annotations

import csv
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from cchc_site.core.models import ThuTuc
from cchc_site.procedures import deadlines_fees, matching
from cchc_site.procedures.importer import Options, plan_import
from cchc_site.procedures.table import read_sheet
from cchc_site.validate import load_site

DAY = "1/12/2026"  # the day the withdrawals are dated (today's list is checked against it)

HO_TICH = [  # seven rows of the Hộ tịch field, written as a province writes them
    ["Thủ tục đăng ký khai sinh", "Trong ngày", "Miễn phí"],
    ["Đăng ký lại việc sinh", "05 ngày làm việc", "5.000 đồng/trường hợp"],
    ["ĐĂNG KÝ KẾT HÔN", "Trong ngày", "Không"],
    [unicodedata.normalize("NFD", "Đăng ký khai tử"), "Trong ngày", "Không"],
    ["Đăng ký nhận cha, mẹ, con.", "03 ngày làm việc", ""],
    ["Cấp giấy xác nhận tình trạng hôn nhân", "03 ngày làm việc", ""],
    ["Đăng ký giám hộ", "03 ngày làm việc", ""],
]
HEADER = ["STT", "Tên TTHC", "Lĩnh vực", "Thời hạn giải quyết", "Phí, lệ phí"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_site", *args], capture_output=True, text=True, timeout=120
    )


def make_xlsx(
    path: Path, rows: list[list], header: list = HEADER, title: str | None = "DANH MỤC TTHC"
) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def ho_tich_file(tmp_path: Path) -> Path:
    rows = [
        [number, name, "Lĩnh vực Hộ tịch", deadline, fee]
        for number, (name, deadline, fee) in enumerate(HO_TICH, 1)
    ]
    return make_xlsx(tmp_path / "ho-tich.xlsx", rows)


def import_(project, path: Path, *args: str) -> subprocess.CompletedProcess:
    return run(
        "import-procedures",
        str(path),
        "--content",
        str(project.content),
        "--nhom",
        "cap_xa",
        "--ngay",
        DAY,
        *args,
    )


def active(project) -> list[ThuTuc]:
    site = load_site(project.content, "content", today=date(2026, 12, 2))
    return [t for t in site.danh_muc.thu_tuc if t.ngay_bai_bo is None]


def test_partial_list_withdraws_nothing_even_with_write(project, tmp_path):
    result = import_(project, ho_tich_file(tmp_path), "--write")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Phạm vi so sánh: lĩnh vực Hộ tịch (cấp xã)" in out  # not the whole commune-level group
    assert "Không có trong tệp (13)" in out and "KHÔNG bãi bỏ nếu không có --xac-nhan-bai-bo 13" in out
    assert "0 bãi bỏ" in out and "13 thủ tục không có trong tệp chưa bị bãi bỏ" in out
    assert "thêm --xac-nhan-bai-bo 13" in out
    assert len(active(project)) == 163  # the list keeps every procedure


def test_more_than_half_of_a_field_missing_is_called_out(project, tmp_path):
    result = import_(project, ho_tich_file(tmp_path))
    assert "⚠ Tệp thiếu 13/20 thủ tục của lĩnh vực Hộ tịch (cấp xã): hơn một nửa" in result.stdout


@pytest.mark.parametrize("confirm", ["5", "0", "135"])
def test_a_wrong_confirmation_count_writes_nothing(project, tmp_path, confirm):
    before = (project.content / "thu-tuc.yaml").read_bytes()
    result = import_(project, ho_tich_file(tmp_path), "--write", "--xac-nhan-bai-bo", confirm)
    assert result.returncode == 1
    assert f"--xac-nhan-bai-bo {confirm} nhưng tệp này bãi bỏ 13 thủ tục: không ghi gì" in result.stderr
    assert "chạy lại với --xac-nhan-bai-bo 13" in result.stderr
    assert (project.content / "thu-tuc.yaml").read_bytes() == before


def test_the_confirmed_count_withdraws_only_within_the_field(project, tmp_path):
    result = import_(project, ho_tich_file(tmp_path), "--write", "--xac-nhan-bai-bo", "13")
    assert result.returncode == 0, result.stderr
    assert "13 bãi bỏ từ 01/12/2026" in result.stdout
    listed = active(project)
    assert len(listed) == 150
    assert sum(t.linh_vuc == "Hộ tịch" for t in listed) == 7  # the seven rows of the file
    assert (
        sum(t.nhom == "quoc_phong" for t in listed) == 14
        and sum(t.linh_vuc == "Chứng thực" for t in listed) == 11
    )


def test_whole_list_option_compares_the_whole_group(project, tmp_path):
    result = import_(project, ho_tich_file(tmp_path), "--ca-danh-muc", "--write")
    assert result.returncode == 0, result.stderr
    assert "Phạm vi so sánh: nhóm cấp xã (--ca-danh-muc" in result.stdout
    assert "Không có trong tệp (130)" in result.stdout and "--xac-nhan-bai-bo 130" in result.stdout
    assert len(active(project)) == 163  # still nothing withdrawn without the confirmation


def test_the_old_behaviour_that_wiped_the_group_needs_two_explicit_flags(project, tmp_path):
    result = import_(project, ho_tich_file(tmp_path), "--ca-danh-muc", "--write", "--xac-nhan-bai-bo", "130")
    assert result.returncode == 0, result.stderr
    assert len([t for t in active(project) if t.nhom == "cap_xa"]) == 7


def test_preview_shows_each_match_and_its_confidence(project, tmp_path):
    out = import_(project, ho_tich_file(tmp_path)).stdout
    assert "Khớp với danh mục (7)" in out and "Thêm mới (0)" in out
    assert (
        "= dòng 3 «Thủ tục đăng ký khai sinh» → 1.001193 Đăng ký khai sinh (cùng tên, viết khác; độ tin cậy cao)"
        in out
    )
    assert (
        "= dòng 4 «Đăng ký lại việc sinh» → 1.004884 Đăng ký lại khai sinh (tên cũ trong bảng đổi tên; độ tin cậy cao)"
        in out
    )
    assert "NĐ 123/2015/NĐ-CP" in out  # the source of the renaming is shown
    assert "«ĐĂNG KÝ KẾT HÔN» → 1.000894 Đăng ký kết hôn" in out
    assert "2 cùng tên" in out  # «Đăng ký khai tử» typed in NFD is the same name


@pytest.mark.parametrize(
    "written, listed",
    [
        ("Thủ tục đăng ký khai sinh", "Đăng ký khai sinh"),
        ("đăng ký khai sinh", "Đăng ký khai sinh"),
        (unicodedata.normalize("NFD", "Đăng ký khai sinh"), "Đăng ký khai sinh"),
        ("Đăng kí khai sinh", "Đăng ký khai sinh"),
        ("Đăng ký khai sinh.", "Đăng ký khai sinh"),
        ("Đăng ký nhận cha mẹ con", "Đăng ký nhận cha, mẹ, con"),
        ("Dân số - Kế hoạch hoá gia đình", "Dân số - Kế hoạch hóa gia đình"),
        ("Quản lý thuỷ lợi", "Quản lý thủy lợi"),
    ],
)
def test_names_are_compared_ignoring_how_they_are_written(written, listed):
    assert matching.name_key(written) == matching.name_key(listed)


@pytest.mark.parametrize(
    "one, other",
    [
        ("Đăng ký kết hôn", "Đăng ký lại kết hôn"),
        ("Đăng ký khai sinh", "Đăng ký khai tử"),
        ("Cấp bản sao từ sổ gốc", "Cấp bản sao từ số gốc"),  # a tone is a different word
    ],
)
def test_different_names_stay_different(one, other):
    assert matching.name_key(one) != matching.name_key(other)


@pytest.mark.parametrize(
    "old, code",
    [
        ("Đăng ký lại việc sinh", "1.004884"),
        ("Đăng ký lại việc kết hôn", "1.004746"),
        ("Đăng ký lại việc tử", "1.005461"),
        ("Đăng ký việc nhận cha, mẹ, con", "1.001022"),
        ("Đăng ký việc giám hộ", "1.004837"),
        ("Cấp bản sao Giấy khai sinh", "2.000635"),
        ("Đăng ký việc nuôi con nuôi", "2.001263"),
        ("Thủ tục đăng ký lại việc nuôi con nuôi", "2.001255"),
    ],
)
def test_old_civil_status_names_find_the_current_procedure(old, code):
    site = load_site(Path(__file__).parent.parent / "content")
    matcher = matching.Matcher(list(site.danh_muc.thu_tuc))
    found = matcher.match("", old, "cap_xa")
    assert found is not None and found.kind == "ten_cu"
    assert matcher.existing[found.index].ma == code


def test_renaming_table_is_sourced_data_naming_codes_of_the_list():
    site = load_site(Path(__file__).parent.parent / "content")
    by_code = {t.ma: t for t in site.danh_muc.thu_tuc if t.ma}
    table = matching.renamings()
    assert len(table) >= 8
    for renaming in table:
        assert renaming.nguon and renaming.ten_khac
        assert all(len(name.split()) >= 3 for name in renaming.ten_khac)  # not split at its commas
        assert any(word in renaming.nguon for word in ("Luật", "NĐ", "Cổng DVC"))
        listed = by_code[renaming.ma]  # the current name is the one this commune lists under that code
        assert matching.name_key(listed.ten) in {
            matching.name_key(n) for n in (renaming.ten, *renaming.ten_khac)
        }


def test_an_old_name_never_renames_the_list(project, tmp_path):
    path = make_xlsx(
        tmp_path / "ds.xlsx",
        [["1.004884", "Đăng ký lại việc sinh", "Hộ tịch"]],
        ["Mã TTHC", "Tên TTHC", "Lĩnh vực"],
    )
    result = import_(project, path)
    assert "Thay đổi (0)" in result.stdout and "Không đổi: 1" in result.stdout


def test_a_similar_name_is_suggested_never_matched(project, tmp_path):
    path = make_xlsx(
        tmp_path / "ds.xlsx", [["Đăng ký khai sinh lưu động cho trẻ", "Hộ tịch"]], ["Tên TTHC", "Lĩnh vực"]
    )
    out = import_(project, path).stdout
    assert "Thêm mới (1)" in out and "gợi ý: có thể là «1.003583 Đăng ký khai sinh lưu động»" in out


def test_a_name_typed_without_diacritics_matches_with_medium_confidence(project, tmp_path):
    path = make_xlsx(tmp_path / "ds.xlsx", [["Dang ky ket hon", "Ho tich"]], ["Ten thu tuc", "Linh vuc"])
    out = import_(project, path).stdout
    assert "→ 1.000894 Đăng ký kết hôn (tên viết không dấu; độ tin cậy trung bình)" in out
    assert "Thay đổi (0)" in out  # «Ho tich» is the list's «Hộ tịch»


def test_the_same_procedure_twice_in_the_file_is_an_error(project, tmp_path):
    rows = [["Đăng ký khai sinh", "Hộ tịch"], ["Thủ tục đăng ký khai sinh", "Hộ tịch"]]
    result = import_(project, make_xlsx(tmp_path / "ds.xlsx", rows, ["Tên TTHC", "Lĩnh vực"]))
    assert result.returncode == 1 and "dòng 4, cột A «Tên TTHC»: trùng thủ tục với dòng 3" in result.stdout


@pytest.mark.parametrize(
    "header, field",
    [
        ("Tên TTHC", "ten"),
        ("Tên thủ tục hành chính", "ten"),
        ("Lĩnh vực, thủ tục hành chính", "ten"),
        ("Thời hạn giải quyết", "thoi_han"),
        ("Thời hạn giải quyết (ngày)", "thoi_han"),
        ("Phí, lệ phí", "phi"),
        ("Lệ phí", "phi"),
        ("Mã TTHC", "ma"),
        ("Mã số", "ma"),
        ("Mã số TTHC", "ma"),
        ("Mức độ DVCTT", "truc_tuyen"),
    ],
)
def test_header_synonyms(tmp_path, header, field):
    names = [header, "Lĩnh vực"] if field == "ten" else [header, "Tên thủ tục", "Lĩnh vực"]
    path = make_xlsx(tmp_path / "ds.xlsx", [["Đăng ký khai sinh", "Hộ tịch", "x"]], names)
    sheet = read_sheet(path)
    assert sheet.columns[field].header == header


def test_field_written_as_lĩnh_vực_x_is_the_lists_field(project, tmp_path):
    out = import_(project, ho_tich_file(tmp_path)).stdout
    assert "Thay đổi (1)" in out and "linh_vuc" not in out  # «Lĩnh vực Hộ tịch» is «Hộ tịch»


def test_heading_rows_give_the_field_of_the_rows_under_them(project, tmp_path):
    rows = [
        ["I", "Lĩnh vực Hộ tịch"],
        [1, "Đăng ký khai sinh"],
        [2, "Đăng ký kết hôn"],
        ["II", "LĨNH VỰC CHỨNG THỰC"],
        [1, "Chứng thực di chúc"],
    ]
    path = make_xlsx(tmp_path / "ds.xlsx", rows, ["STT", "Lĩnh vực, thủ tục hành chính"])
    result = import_(project, path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 dòng thủ tục, 2 dòng tiêu đề lĩnh vực/nhóm" in result.stdout
    assert "Phạm vi so sánh: lĩnh vực Chứng thực (cấp xã), lĩnh vực Hộ tịch (cấp xã)" in result.stdout
    assert "Khớp với danh mục (3): 3 cùng tên" in result.stdout


@pytest.mark.parametrize(
    "delimiter, args", [(";", ()), ("\t", ()), (";", ("--phan-cach", ";")), ("\t", ("--phan-cach", "tab"))]
)
def test_csv_separated_by_semicolons_or_tabs(project, tmp_path, delimiter, args):
    path = tmp_path / "ds.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, delimiter=delimiter)
        writer.writerow(["Tên thủ tục", "Lĩnh vực", "Phí, lệ phí"])
        writer.writerow(["Đăng ký nhận cha, mẹ, con", "Hộ tịch", "Không"])  # commas inside: not the separator
        writer.writerow(["Đăng ký kết hôn", "Hộ tịch", "Không"])
    result = import_(project, path, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Khớp với danh mục (2)" in result.stdout and "cột bỏ qua" not in result.stdout.lower()


def test_csv_with_excel_separator_line(project, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text("sep=;\nTên thủ tục;Lĩnh vực\nĐăng ký kết hôn;Hộ tịch\n", encoding="utf-8")
    result = import_(project, path)
    assert result.returncode == 0 and "Khớp với danh mục (1)" in result.stdout


@pytest.mark.parametrize(
    "written, so, unit, note",
    [
        ("5 ngày làm việc", 5, "ngay_lam_viec", None),
        ("05 ngày làm việc", 5, "ngay_lam_viec", None),
        ("03 ngày", 3, "ngay", None),
        ("Không quá 05 ngày làm việc.", 5, "ngay_lam_viec", None),
        ("24 giờ", 24, "gio", None),
        ("Trong ngày", 1, "ngay_lam_viec", "Trong ngày"),
        (
            "Ngay trong ngày tiếp nhận; sau 15 giờ thì trả trong ngày làm việc tiếp theo",
            1,
            "ngay_lam_viec",
            "Ngay trong ngày tiếp nhận; sau 15 giờ thì trả trong ngày làm việc tiếp theo",
        ),
        (
            "Tối đa không quá 15 ngày làm việc kể từ ngày nhận đủ hồ sơ",
            15,
            "ngay_lam_viec",
            "Tối đa không quá 15 ngày làm việc kể từ ngày nhận đủ hồ sơ",
        ),
        ("0,5 ngày làm việc", None, "ngay_lam_viec", "0,5 ngày làm việc"),
    ],
)
def test_deadline_text(written, so, unit, note):
    found = deadlines_fees.read_deadline(written).value
    assert found is not None and (found.so, found.don_vi, found.ghi_chu) == (so, unit, note)


def test_deadline_without_a_unit_is_not_invented():
    assert deadlines_fees.read_deadline("Theo quy định").value is None


@pytest.mark.parametrize(
    "written, amount, note",
    [
        ("8.000 đồng/văn bản", 8000, "8.000 đồng/văn bản"),
        ("8.000", 8000, None),
        ("8.000 đồng", 8000, None),
        ("50000đ", 50000, None),
        ("Không", 0, "Không"),
        ("Miễn phí", 0, "Miễn phí"),
        ("Không thu phí, lệ phí.", 0, "Không thu phí, lệ phí."),
        (
            "Lệ phí: 10.000 đồng; bản sao: 8.000 đồng/bản",
            None,
            "Lệ phí: 10.000 đồng; bản sao: 8.000 đồng/bản",
        ),
        ("Theo Nghị quyết số 15/2020/NQ-HĐND tỉnh", None, "Theo Nghị quyết số 15/2020/NQ-HĐND tỉnh"),
    ],
)
def test_fee_text(written, amount, note):
    fee = deadlines_fees.read_fee(written).value
    assert (fee.so_tien, fee.mo_ta) == (amount, note)


def test_deadline_and_fee_are_written_for_a_new_procedure_and_filled_where_missing(project, tmp_path):
    rows = [
        [
            1,
            "Thủ tục thử nghiệm mới",
            "Lĩnh vực Hộ tịch",
            "Tối đa 10 ngày làm việc kể từ ngày nhận hồ sơ",
            "8.000 đồng/văn bản",
        ],
        [2, "Đăng ký lại việc sinh", "Hộ tịch", "05 ngày làm việc", "Không"],
    ]
    result = import_(project, make_xlsx(tmp_path / "ds.xlsx", rows), "--write")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "~ dòng 4: 1.004884 Đăng ký lại khai sinh: thời hạn: (trống) → 5 ngày làm việc" in result.stdout
    site = load_site(project.content, "content", today=date(2026, 12, 2))
    by_name = {t.ten: t for t in site.danh_muc.thu_tuc}
    new = by_name["Thử nghiệm mới"]  # written as the list writes names: without a leading «Thủ tục»
    assert new.linh_vuc == "Hộ tịch" and new.chi_tiet is not None
    assert (new.chi_tiet.thoi_han.so, new.chi_tiet.thoi_han.don_vi) == (10, "ngay_lam_viec")
    assert new.chi_tiet.thoi_han.ghi_chu == "Tối đa 10 ngày làm việc kể từ ngày nhận hồ sơ"
    assert (new.chi_tiet.phi_le_phi[0].so_tien, new.chi_tiet.phi_le_phi[0].mo_ta) == (
        8000,
        "8.000 đồng/văn bản",
    )
    old = by_name["Đăng ký lại khai sinh"].chi_tiet
    assert old is not None and old.thoi_han.so == 5 and old.phi_le_phi[0].so_tien == 0


def test_a_different_deadline_is_shown_and_the_list_kept(project, tmp_path):
    rows = [[1, "Đăng ký giám hộ", "Hộ tịch", "10 ngày làm việc", ""]]
    before = (project.content / "thu-tuc.yaml").read_bytes()
    result = import_(project, make_xlsx(tmp_path / "ds.xlsx", rows), "--write")
    assert "giữ nguyên, sửa tay nếu tỉnh đã đổi (1)" in result.stdout
    assert (
        "dòng 3, cột D «Thời hạn giải quyết»: 1.004837 Đăng ký giám hộ: tệp ghi 10 ngày làm việc, danh mục ghi 3 ngày làm việc"
        in result.stdout
    )
    assert "Danh mục không có gì thay đổi" in result.stdout
    assert (project.content / "thu-tuc.yaml").read_bytes() == before


def test_a_deadline_without_days_is_reported_not_guessed(project, tmp_path):
    rows = [[1, "Thủ tục thử nghiệm mới", "Hộ tịch", "Theo quy định", ""]]
    out = import_(project, make_xlsx(tmp_path / "ds.xlsx", rows)).stdout
    assert "Đọc được một phần (1)" in out
    assert (
        "dòng 3, cột D «Thời hạn giải quyết»: thời hạn «Theo quy định» không nêu số ngày, giờ nào: không nhập"
        in out
    )


def test_errors_name_row_and_column_and_say_nothing_is_written(project, tmp_path):
    rows = [["1.23", "Thủ tục lạ", "Hộ tịch", "mức cao"], ["", "", "Hộ tịch", ""]]
    path = make_xlsx(tmp_path / "ds.xlsx", rows, ["Mã TTHC", "Tên TTHC", "Lĩnh vực", "Mức độ DVC"])
    result = import_(project, path)
    assert result.returncode == 1
    out = result.stdout
    assert (
        "! dòng 3, cột A «Mã TTHC»: mã thủ tục sai định dạng\n        Tìm thấy: «1.23»\n        Cần: dạng 1.001193"
        in out
    )
    assert "! dòng 3, cột D «Mức độ DVC»: mức độ trực tuyến không rõ" in out
    assert "! dòng 4, cột B «Tên TTHC»: thiếu tên thủ tục" in out
    assert "Có 3 lỗi trong tệp: chưa ghi gì vào danh mục, và --write cũng không ghi gì" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_list_that_fails_the_checks_is_named_by_spreadsheet_row(project, tmp_path):
    # the code of one procedure with the name of another: the list would hold the same name twice
    rows = [["1.001193", "Đăng ký kết hôn", "Hộ tịch"]]
    path = make_xlsx(tmp_path / "ds.xlsx", rows, ["Mã TTHC", "Tên TTHC", "Lĩnh vực"])
    before = (project.content / "thu-tuc.yaml").read_bytes()
    result = import_(project, path, "--write")
    assert result.returncode == 1
    assert "trường «ten»: Tên thủ tục bị trùng trong cùng nhóm." in result.stderr
    assert "Trùng với thủ tục «Đăng ký kết hôn» ở dòng 3 của tệp." in result.stderr
    assert "thu-tuc.yaml:" not in result.stderr  # no line of a file that was never written
    assert "chưa ghi gì" in result.stderr
    assert (project.content / "thu-tuc.yaml").read_bytes() == before


def test_plan_is_pure_and_reports_scope(tmp_path):
    site = load_site(Path(__file__).parent.parent / "content")
    sheet = read_sheet(ho_tich_file(tmp_path))
    plan = plan_import(sheet, site.danh_muc, Options(date(2026, 12, 1), default_group="cap_xa"))
    assert len(plan.not_in_file) == 13 and not plan.withdrawn and not plan.rejected and plan.refused is None
    confirmed = plan_import(
        sheet, site.danh_muc, Options(date(2026, 12, 1), default_group="cap_xa", confirm=13)
    )
    assert len(confirmed.withdrawn) == 13
    assert sum(t.ngay_bai_bo is not None for t in confirmed.result) == 13


def test_a_file_without_groups_says_so_once(project, tmp_path):
    rows = [
        ["Đăng ký khai sinh", "Hộ tịch"],
        ["Đăng ký kết hôn", "Hộ tịch"],
        ["Chứng thực di chúc", "Chứng thực"],
    ]
    path = make_xlsx(tmp_path / "ds.xlsx", rows, ["Tên TTHC", "Lĩnh vực"])
    result = run("import-procedures", str(path), "--content", str(project.content))
    assert result.returncode == 1
    assert result.stdout.count("không biết thủ tục thuộc nhóm nào") == 1
    assert "! dòng 3, 4, 5 (3 dòng): không biết thủ tục thuộc nhóm nào" in result.stdout
    assert "chạy với --nhom cap_xa" in result.stdout and "Có 1 lỗi trong tệp" in result.stderr
