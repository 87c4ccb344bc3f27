"""Figures as reports state them: new families, breakdowns, approximate values, stated rates and
changes, each figure tied to where its text states it (fixtures written for these tests)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from cchc_site.indicators.values import percent_at
from cchc_site.validate import load_site

from .conftest import KINDS, REPORT, TODAY, data_errors, find_problem
from .test_history import read_csv

MONTH = "bao-cao/2023-t08.yaml"
YEAR = "bao-cao/2023-nam.yaml"


def report(slug: str):
    return next(r for r in load_site(KINDS, "content", today=TODAY).reports if r.model.slug == slug)


def test_monthly_dossiers_are_structured_and_checked():
    month = report("2023-t08")
    values = {(row.key, row.breakdown): row.value for row in month.rows}
    assert values[("ho_so.ton_ky_truoc", "")] == 120 and values[("ho_so.moi_tiep_nhan", "")] == 1322
    assert values[("ho_so.truc_tuyen_toan_trinh", "")] == 600 and values[("ho_so.qua_han", "")] == 50
    assert (
        values[("ho_so.dang_qua_han", "Lĩnh vực Đất đai")] == 60
    )  # «riêng lĩnh vực đất đai 60 hồ sơ quá hạn»
    stated = {(r.key, r.variant): r for r in month.rates}
    on_time = stated[("ty_le.dung_han", "tinh_ca_dang_trong_han")]
    assert (on_time.numerator, on_time.denominator, on_time.stated, on_time.matches) == (
        1330,
        1442,
        "92,23%",
        True,
    )
    assert on_time.formula == "(trước hạn + đúng hạn + đang giải quyết trong hạn) ÷ tổng số hồ sơ"
    assert stated[("ty_le.dung_han", "mac_dinh")].shown == "96,2%"  # the catalogue's own rate, beside it
    assert (
        stated[("ty_le.ho_so_truc_tuyen", "tren_moi_tiep_nhan")].shown == "74,13%"
    )  # as precise as the text


@pytest.mark.parametrize(
    "old, new, fragment",
    [
        (
            "ton_ky_truoc: 120",
            "ton_ky_truoc: 121",
            "Tổng số hồ sơ = Hồ sơ kỳ trước chuyển sang + Hồ sơ mới tiếp nhận",
        ),
        (
            "truc_tuyen_mot_phan: 380",
            "truc_tuyen_mot_phan: 381",
            "Hồ sơ tiếp nhận trực tuyến = Hồ sơ trực tuyến toàn",
        ),
        (
            "qua_han: 50",
            "qua_han: 51",
            "Hồ sơ đã giải quyết = Đã giải quyết trước và đúng hạn + Đã giải quyết quá hạn",
        ),
        ("dang_trong_han: 80", "dang_trong_han: 81", "Hồ sơ đang giải quyết = Đang giải quyết trong hạn"),
    ],
)
def test_monthly_sums_are_checked(kinds_project, old, new, fragment):
    kinds_project.replace(MONTH, old, new)
    kinds_project.replace(MONTH, f" {old.split(': ')[1]} hồ sơ", f" {new.split(': ')[1]} hồ sơ")
    find_problem(data_errors(kinds_project), fragment)


def test_a_stated_formula_is_checked_against_the_figures(kinds_project):
    kinds_project.replace(MONTH, "đạt 92,23%", "đạt 92,50%")
    kinds_project.replace(MONTH, "gia_tri: 92,23%", "gia_tri: 92,50%")
    error = find_problem(data_errors(kinds_project), "Tỷ lệ văn bản viết khác tỷ lệ tính từ số liệu")
    assert error.found == "92,50%" and error.expected.startswith(
        "92,23% = (trước hạn + đúng hạn + đang giải quyết"
    )


def test_an_unknown_formula_variant_lists_the_variants(kinds_project):
    kinds_project.replace(MONTH, "cong_thuc: tinh_ca_dang_trong_han", "cong_thuc: tinh_ca_trong_han")
    error = find_problem(data_errors(kinds_project), "Tỷ lệ «ty_le.dung_han» không có cách tính này")
    assert "tinh_ca_dang_trong_han" in error.expected and "mac_dinh" in error.expected


def test_the_text_own_formula_can_be_written_with_its_figures(kinds_project):
    kinds_project.replace(
        MONTH,
        "              cong_thuc: tinh_ca_dang_trong_han",
        "              tu_so: [ho_so.truoc_va_dung_han, ho_so.dang_trong_han]\n"
        "              mau_so: [ho_so.tiep_nhan]",
    )
    kinds_project.relock()
    month = next(
        r
        for r in load_site(kinds_project.content, "content", today=TODAY).reports
        if r.model.slug == "2023-t08"
    )
    own = next(r for r in month.rates if r.variant == "van_ban")
    assert own.matches and own.formula == (
        "(Đã giải quyết trước và đúng hạn + Đang giải quyết trong hạn) ÷ Tổng số hồ sơ"
    )


def test_a_percentage_the_text_writes_must_be_accounted_for(kinds_project):
    kinds_project.replace(
        MONTH, "              cong_thuc: tinh_ca_dang_trong_han\n", "              cong_thuc: mac_dinh\n"
    )
    error = find_problem(data_errors(kinds_project), "Tỷ lệ văn bản viết khác tỷ lệ tính từ số liệu")
    assert error.expected.startswith("96,15% = (trước hạn + đúng hạn) ÷ đã giải quyết: 1250 ÷ 1300")


def test_an_unrecorded_percentage_is_an_error(kinds_project):
    kinds_project.replace(MONTH, "chiếm\n            74,13%", "chiếm\n            85,25%")
    kinds_project.replace(MONTH, "gia_tri: 74,13%", "gia_tri: 74,1%")
    problems = data_errors(kinds_project)
    assert find_problem(problems, "không có trong lời văn của mục").found == "74,1%"
    error = find_problem(problems, "Tỷ lệ văn bản viết không khớp tỷ lệ tính từ số liệu của mục")
    assert error.found == "85,25%" and error.line == kinds_project.line_of(MONTH, "85,25%")
    assert "so_lieu.ty_le" in error.hint


def test_the_stated_change_is_checked_against_the_previous_month(kinds_project):
    change = report("2023-t08").changes[0]
    assert (change.against, change.matches, change.note) == ("Tháng 7/2023", True, "khớp")
    kinds_project.replace(MONTH, "tăng 36,42%", "tăng 36,49%", count=2)
    error = find_problem(
        data_errors(kinds_project), "Thay đổi văn bản nêu khác thay đổi tính từ báo cáo Tháng 7/2023"
    )
    assert error.found == "tăng 36,49%" and error.expected.startswith("+36,42%")


def test_a_change_in_points_of_a_rate_or_without_the_earlier_report(kinds_project):
    kinds_project.replace(MONTH, "              don_vi: phan_tram", "              don_vi: diem_phan_tram")
    find_problem(data_errors(kinds_project), "Điểm phần trăm chỉ dùng cho thay đổi của một tỷ lệ")


def test_a_change_against_a_period_not_on_the_site_is_noted_not_refused(kinds_project):
    (kinds_project.content / "bao-cao/2023-t07.yaml").unlink()
    lock = kinds_project.content / "khoa-so-lieu.json"
    import json

    data = json.loads(lock.read_text(encoding="utf-8"))
    del data["bao_cao"]["2023-t07"]
    from cchc_site.lock import file as locking

    lock.write_text(locking.dump(data["bao_cao"]), encoding="utf-8")
    month = next(
        r
        for r in load_site(kinds_project.content, "content", today=TODAY).reports
        if r.model.slug == "2023-t08"
    )
    assert month.changes[0].matches is None and "chưa có báo cáo Tháng 7/2023" in month.changes[0].note


def test_annual_counts_by_type():
    year = report("2023-nam")
    values = {row.key: row for row in year.rows}
    assert values["ho_tich.khai_sinh"].value == 300 and values["ho_tich.ket_hon"].unit == "cặp"
    assert values["chung_thuc.ban_sao"].value == 912
    assert values["ho_tich_chung_thuc.tong"].shown == "hơn 1.623"  # «hơn 1.623 lượt»
    assert values["don_thu.khieu_nai.tong"].label == "Khiếu nại: Đơn khiếu nại"
    assert values["moi_truong.cay_xanh"].custom and values["moi_truong.cay_xanh"].group == "Bảo vệ môi trường"
    change = year.changes[0]
    assert (change.stated.written, change.against, change.matches) == ("giảm 5 đơn", "Năm 2022", True)
    disbursed = next(r for r in year.rates if r.label == "Tỷ lệ giải ngân vốn đầu tư công")
    assert not disbursed.computable and disbursed.stated == "95%"  # stated, recorded, not recomputable


@pytest.mark.parametrize(
    "old, new, fragment",
    [
        ("khieu_nai: {tong: 3}", "khieu_nai: {tong: 4}", "Tổng số đơn = Đơn tố cáo + Đơn khiếu nại"),
        ("da_giai_quyet: 9\n", "da_giai_quyet: 10\n", "Tổng số đơn ≥ Đơn đã giải quyết"),
    ],
)
def test_petitions_add_up(kinds_project, old, new, fragment):
    kinds_project.replace(YEAR, old, new)
    find_problem(data_errors(kinds_project), fragment)


def test_civil_status_counts_are_tied_to_their_words(kinds_project):
    # a marriage count written under the births: the number stands in the text, with other words
    kinds_project.replace(
        YEAR, "khai_sinh: 300\n            ket_hon: 90", "khai_sinh: 90\n            ket_hon: 300"
    )
    problems = data_errors(kinds_project)
    # the message names the real cause: the number goes with another figure's word
    tied = {p.field.rsplit(".", 1)[-1]: p for p in problems if "số liệu không được gắn" in p.message}
    assert set(tied) == {"khai_sinh", "ket_hon"}
    assert (
        "Câu nêu số 90 nói về «kết hôn» (Đăng ký kết hôn), không phải «Đăng ký khai sinh»"
        in tied["khai_sinh"].message
    )
    assert "ket_hon" in tied["khai_sinh"].hint


def test_swapped_figures_of_one_section_fail(project):
    project.replace(
        REPORT, "phat_song: 16\n            bai_dang: 18", "phat_song: 18\n            bai_dang: 16"
    )
    problems = data_errors(project)
    tied = [p for p in problems if "không được gắn với chỉ tiêu này" in p.message]
    assert {p.field.rsplit(".", 1)[-1] for p in tied} == {"phat_song", "bai_dang"}
    # each says the unit it found: «18 bài» is no count of broadcasts
    assert "Số 18 đi với đơn vị «bài»" in tied[0].message and "18 bài" in tied[0].found


def test_staff_by_kind_swapped_fail(project):
    project.replace(
        REPORT, "theo_loai: {can_bo: 10, cong_chuc: 08}", "theo_loai: {can_bo: 08, cong_chuc: 10}"
    )
    tied = [p for p in data_errors(project) if "số liệu không được gắn với chỉ tiêu này" in p.message]
    assert {p.field.rsplit(".", 1)[-1] for p in tied} == {"can_bo", "cong_chuc"}


def test_forgiveness_for_leading_zeros_and_thousands(kinds_project):
    kinds_project.replace(MONTH, "là 1.442 hồ sơ", "là 1442 hồ sơ")  # 1442 and 1.442 are one number
    kinds_project.replace("bao-cao/2023-q1.yaml", "cong_an: 1\n", "cong_an: 01\n")  # «01 TTHC»
    kinds_project.relock()
    load_site(kinds_project.content, "content", today=TODAY)


def test_a_quote_ties_a_figure_the_matcher_cannot(kinds_project):
    kinds_project.replace("bao-cao/2023-q3.yaml", "có 468 phiếu hài lòng", "hài lòng: 468")
    find_problem(data_errors(kinds_project), "không đi cùng đơn vị hay tên của chỉ tiêu")
    kinds_project.replace(
        "bao-cao/2023-q3.yaml", "phieu_tot: 468", 'phieu_tot: {gia_tri: 468, trich: "hài lòng: 468"}'
    )
    kinds_project.relock()
    load_site(kinds_project.content, "content", today=TODAY)
    kinds_project.replace("bao-cao/2023-q3.yaml", 'trich: "hài lòng: 468"', 'trich: "hài lòng 469"')
    find_problem(data_errors(kinds_project), "Cụm từ «trich» không có trong nội dung của mục")


def test_a_rate_from_approximate_figures_is_shown_as_approximate(kinds_built):
    six = report("2023-6t")
    rate = next(r for r in six.rates if r.key == "ty_le.dung_han")
    assert rate.approx and rate.shown == "khoảng 98,3%"
    page = BeautifulSoup(
        (kinds_built.site / "bao-cao/2023-6t/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    text = page.find("article").get_text(" ", strip=True)
    assert "gần 3.000" in text and "khoảng 98,3%" in text and "tính từ số gần đúng nên chỉ gần đúng" in text
    rows = [r for r in read_csv(kinds_built.site / "du-lieu/ty-le.csv") if r["ky"] == "2023-6t"]
    assert rows[0]["gan_dung"] == "true"


@pytest.mark.parametrize(
    "old, new, fragment",
    [
        (
            "tiep_nhan: {gia_tri: 3000, xap_xi: gan}",
            "tiep_nhan: 3000",
            "Văn bản viết «gần 3000» nhưng số liệu ghi khác",
        ),
        (
            "truoc_va_dung_han: 2850",
            "truoc_va_dung_han: {gia_tri: 2850, xap_xi: tren}",
            "Số liệu ghi là số gần đúng nhưng văn bản viết số chính xác",
        ),
    ],
)
def test_approximation_must_be_as_written(kinds_project, old, new, fragment):
    kinds_project.replace("bao-cao/2023-6t.yaml", old, new)
    find_problem(data_errors(kinds_project), fragment)


@pytest.mark.parametrize(
    "numerator, denominator, decimals, shown",
    [
        (468, 470, 2, "99.57"),
        (468, 470, 1, "99.6"),
        (468, 470, 0, "99"),
        (470, 470, 0, "100"),
        (469, 470, 0, "99"),
        (1, 470, 0, "1"),
        (0, 470, 1, "0.0"),
        (1330, 1442, 2, "92.23"),
    ],
)
def test_rates_at_the_precision_the_text_writes(numerator, denominator, decimals, shown):
    assert str(percent_at(numerator, denominator, decimals)) == shown


@pytest.mark.parametrize(
    "written, ok", [("99,57%", True), ("99,6%", True), ("99,5%", False), ("99,58%", False)]
)
def test_stated_rate_with_one_or_two_decimals(kinds_project, written, ok):
    kinds_project.replace("bao-cao/2023-9t.yaml", "đạt\n            99,57%", f"đạt\n            {written}")
    if ok:
        kinds_project.relock()
        load_site(kinds_project.content, "content", today=TODAY)
    else:
        assert find_problem(data_errors(kinds_project), "Tỷ lệ văn bản viết không khớp").found == written


def test_rounding_never_makes_a_hundred_percent(project):
    project.replace(REPORT, "phieu_tot: 470", "phieu_tot: 469")
    project.replace(REPORT, "đánh giá tốt là 470 phiếu", "đánh giá tốt là 469 phiếu")
    error = find_problem(data_errors(project), "Tỷ lệ văn bản viết không khớp tỷ lệ tính từ số liệu của mục")
    assert error.found == "100%" and error.expected.startswith("99,8% = phiếu tốt ÷ phiếu phát ra: 469 ÷ 470")


def test_a_field_cannot_exceed_the_whole(kinds_project):
    kinds_project.replace(MONTH, "              dang_qua_han: 60", "              dang_qua_han: 63")
    kinds_project.replace(MONTH, "đất đai 60 hồ sơ", "đất đai 63 hồ sơ")
    error = find_problem(data_errors(kinds_project), "Số liệu của «Lĩnh vực Đất đai» vượt quá số liệu chung")
    assert error.expected == "không quá 62 (Đang giải quyết quá hạn)"


def test_fields_together_cannot_exceed_the_whole(kinds_project):
    kinds_project.replace(
        MONTH, "đất đai 60 hồ sơ quá hạn.", "đất đai 60 hồ sơ quá hạn, lĩnh vực hộ tịch 5 hồ sơ quá hạn."
    )
    kinds_project.replace(
        MONTH,
        "              dang_qua_han: 60",
        "              dang_qua_han: 60\n            - linh_vuc: Hộ tịch\n              dang_qua_han: 5",
    )
    error = find_problem(data_errors(kinds_project), "Tổng số liệu các lĩnh vực vượt quá số liệu chung")
    assert error.found == "60 + 5 = 65"


def test_another_unit_is_a_block_of_its_own(kinds_project):
    kinds_project.replace(
        "bao-cao/2023-t07.yaml",
        "sang và 960 hồ sơ mới tiếp nhận.",
        "sang và 960 hồ sơ mới tiếp nhận. Đối với các thôn, tiếp nhận 40 hồ sơ.",
    )
    kinds_project.replace(
        "bao-cao/2023-t07.yaml",
        "            moi_tiep_nhan: 960\n",
        "            moi_tiep_nhan: 960\n          - doi_voi: các thôn\n            tiep_nhan: 40\n",
    )
    kinds_project.replace(
        "bao-cao/2023-t07.yaml",
        "          ho_so:\n            tiep_nhan: 1057",
        "          ho_so:\n          - tiep_nhan: 1057",
    )
    kinds_project.relock()
    month = next(
        r
        for r in load_site(kinds_project.content, "content", today=TODAY).reports
        if r.model.slug == "2023-t07"
    )
    assert ("ho_so.tiep_nhan", "Đối với các thôn", 40) in {(r.key, r.breakdown, r.value) for r in month.rows}
    assert "ho_so@doi-voi-cac-thon.tiep_nhan" in month.leaves  # sealed under its own key


def test_a_block_for_another_unit_needs_its_required_figures(kinds_project):
    kinds_project.replace(
        "bao-cao/2023-t07.yaml",
        "            moi_tiep_nhan: 960\n",
        "            moi_tiep_nhan: 960\n          - doi_voi: các thôn\n            ton_ky_truoc: 97\n",
    )
    kinds_project.replace(
        "bao-cao/2023-t07.yaml",
        "          ho_so:\n            tiep_nhan: 1057",
        "          ho_so:\n          - tiep_nhan: 1057",
    )
    assert find_problem(
        data_errors(kinds_project), "Thiếu trường bắt buộc «tiep_nhan» (Tổng số hồ sơ)"
    ).hint.startswith("Báo cáo không nêu số này thì xóa cả nhóm")


def test_a_figure_given_twice_is_refused(kinds_project):
    kinds_project.replace(
        "bao-cao/2023-t07.yaml",
        "            dang_giai_quyet: 120",
        "            dang_giai_quyet: 120\n            tiep_nhan: 1057",
    )
    error = find_problem(data_errors(kinds_project), "Số liệu «ho_so.tiep_nhan» ghi hai lần trong báo cáo")
    assert error.hint == "Lần đầu ở phần 1, mục 1."


def test_report_page_says_which_formula_it_used(kinds_built):
    page = BeautifulSoup(
        (kinds_built.site / "bao-cao/2023-t08/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    text = page.find("article").get_text(" ", strip=True)
    row = next(
        tr for tr in page.select("tr") if "đang giải quyết trong hạn) ÷ tổng số hồ sơ" in tr.get_text()
    )
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    # a stated rate: the text's figure, the site's check, then the formula; its name says its denominator
    assert cells == [
        "Trước hạn + đúng hạn + đang giải quyết trong hạn / tổng số hồ sơ",
        "92,23%",
        "92,23% (khớp)",
        "(trước hạn + đúng hạn + đang giải quyết trong hạn) ÷ tổng số hồ sơ: 1.330 ÷ 1.442",
    ]
    assert row.find_parent("table").find("th").get_text() == "Tỷ lệ văn bản nêu"
    assert "tăng 36,42%" in text and "Tháng 7/2023" in text and "khớp" in text
    assert "Hồ sơ TTHC (Lĩnh vực Đất đai)" in text
