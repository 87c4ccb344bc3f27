"""Every check rule, each with a failing fixture made by breaking a copy of the real content."""

from __future__ import annotations

import re

import pytest

from cchc_site.core.errors import DataError, Problem
from cchc_site.validate import load_site

from .conftest import REPORT

LIST = "thu-tuc.yaml"


def errors(project) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load_site(project.content)
    return caught.value.problems


def find(problems: list[Problem], fragment: str) -> Problem:
    matches = [p for p in problems if fragment in p.message]
    assert matches, f"no error with {fragment!r}: " + "\n".join(p.format() for p in problems)
    return matches[0]


def test_real_content_is_valid(project):
    site = load_site(project.content)
    assert [r.model.slug for r in site.reports] == ["2022-q3"]
    groups = [t.nhom for t in site.danh_muc.thu_tuc]
    assert (len(groups), groups.count("cap_xa"), groups.count("quoc_phong"), groups.count("cong_an")) == (
        163,
        137,
        14,
        12,
    )


def test_wrong_type_names_file_line_field(project):
    project.replace(REPORT, "phat_song: 16", "phat_song: nhiều")
    error = find(errors(project), "Cần một số nguyên")
    assert error.file == "content/bao-cao/2022-q3.yaml"
    assert error.line == project.line_of(REPORT, "phat_song:")
    assert error.field == "phan[1].muc[2].so_lieu.tuyen_truyen.phat_song"
    assert error.found == "nhiều"
    assert "Dữ liệu có" in DataError([error]).format() and "Tìm thấy: nhiều" in error.format()


def test_missing_required_field(project):
    project.replace(REPORT, "  ho_ten: Tấn Văn Duẩn\n", "")
    error = find(errors(project), "Thiếu trường bắt buộc «ho_ten»")
    assert error.field == "chu_ky.ho_ten" and error.line == project.line_of(REPORT, "chu_ky:")


def test_unknown_key_suggests_the_right_one(project):
    project.replace(REPORT, "phat_song: 16", "phat_songg: 16")
    error = find(errors(project), "Trường lạ «phat_songg»")
    assert error.hint.startswith("Có phải ý bạn là «phat_song»?")
    assert error.line == project.line_of(REPORT, "phat_songg")


def test_typed_rate_is_refused(project):
    project.replace(REPORT, "phieu_tot: 470", "phieu_tot: 470\n            ty_le_tot: 100")
    error = find(errors(project), "Trường lạ «ty_le_tot»")
    assert "tính tự động" in error.hint


def test_duplicate_key(project):
    project.replace(REPORT, "phat_song: 16", "phat_song: 16\n            phat_song: 16")
    assert find(errors(project), "bị lặp lại").line == project.line_of(REPORT, "phat_song: 16") + 1


def test_wrong_choice_lists_allowed_values(project):
    project.replace(LIST, "nhom: quoc_phong", "nhom: quan_su")
    error = find(errors(project), "Giá trị không được phép")
    assert "quoc_phong" in error.expected and error.field.endswith(".nhom")


def test_unquoted_code_is_an_error_with_hint(project):
    project.replace(LIST, 'ma: "1.001193"', "ma: 1.001193")
    error = find(errors(project), "không có dấu nháy")
    assert error.found == "1.001193" and 'ma: "1.001193"' in error.hint
    assert error.line == project.line_of(LIST, "ma: 1.001193")


def test_badly_formed_code(project):
    project.replace(LIST, 'ma: "1.001193"', 'ma: "1001193"')
    assert find(errors(project), "sai định dạng").field.endswith(".ma")


def test_duplicate_code(project):
    text = (project.content / LIST).read_text(encoding="utf-8")
    first, second = re.findall(r'ma: "(\d\.\d{6})"', text)[:2]
    project.replace(LIST, f'ma: "{second}"', f'ma: "{first}"')
    error = find(errors(project), "Mã thủ tục bị trùng")
    assert error.found == first


def test_missing_code_only_warns(project):
    site = load_site(project.content)
    empty = [t for t in site.danh_muc.thu_tuc if not t.ma]
    warned = [w for w in site.warnings if "chưa có mã" in w.message]
    assert len(warned) == len(empty) > 0 and all(w.severity == "canh_bao" for w in warned)


def test_figure_date_outside_quarter(project):
    project.replace(
        REPORT,
        "pham_vi: {loai: tinh_den, ngay: 2022-09-30}\n            tiep_nhan",
        "pham_vi: {loai: tinh_den, ngay: 2022-10-30}\n            tiep_nhan",
    )
    error = find(errors(project), "nằm ngoài Quý 3/2022")
    assert error.found == "30/10/2022" and error.field.endswith("ho_so.pham_vi.ngay")


def test_period_end_outside_quarter(project):
    project.replace(REPORT, "den_ngay: 2022-09-14\nco_quan", "den_ngay: 2022-12-14\nco_quan")
    find(errors(project), "Ngày kết thúc kỳ số liệu nằm ngoài Quý 3/2022")


def test_document_date_outside_quarter(project):
    project.replace(REPORT, "ngay: 2022-09-16", "ngay: 2022-05-16")
    problems = errors(project)
    find(problems, "Ngày văn bản nằm ngoài Quý 3/2022")
    find(problems, "Ngày của văn bản không có trong nội dung của mục")


@pytest.mark.parametrize("written", ["2022-02-30", "31/9/2022", "hôm qua"])
def test_impossible_or_unreadable_date(project, written):
    project.replace(REPORT, "ngay: 2022-09-16", f'ngay: "{written}"')
    error = find(
        errors(project), "Ngày không tồn tại" if "/" in written or "-" in written else "Cần một ngày"
    )
    assert "30/9/2022" in error.expected


def test_date_written_as_in_documents_is_read(project):
    project.replace(REPORT, "ngay: 2022-09-16", "ngay: 16/9/2022")
    load_site(project.content)


def test_file_name_must_match_quarter(project):
    (project.content / REPORT).rename(project.content / "bao-cao/2022-q4.yaml")
    find(errors(project), "Tên tệp không khớp")


def test_two_files_for_one_quarter(project):
    source = (project.content / REPORT).read_text(encoding="utf-8")
    (project.content / "bao-cao/2022-q3-ban-sao.yaml").write_text(source, encoding="utf-8")
    error = find(errors(project), "Tên tệp báo cáo không đúng dạng của một kỳ báo cáo")
    assert error.file == "content/bao-cao/2022-q3-ban-sao.yaml" and error.expected == "2022-q3.yaml"


def test_groups_must_sum_to_total(project):
    project.replace(REPORT, "tong: 163", "tong: 164")
    project.replace(REPORT, "là 163 thủ tục", "là 164 thủ tục")
    error = find(
        errors(project),
        "Thủ tục hành chính: tổng các thành phần không bằng tổng số (Tổng số TTHC được niêm yết = TTHC cấp xã + TTHC lĩnh vực Quốc phòng + TTHC lĩnh vực Công an)",
    )
    assert error.found == "137 + 14 + 12 = 163" and error.expected == "164"


def test_report_counts_must_equal_the_list_at_period_end(project):
    text = (project.content / LIST).read_text(encoding="utf-8")
    last = text.rindex("ngay_niem_yet: 2022-09-14")  # a police procedure listed after the period
    (project.content / LIST).write_text(
        text[:last] + "ngay_niem_yet: 2022-09-20" + text[last + 25 :], encoding="utf-8"
    )
    problems = errors(project)
    error = find(problems, "khác danh mục thủ tục ngày 14/09/2022")
    assert {p.field.rsplit(".", 1)[-1] for p in problems if p is error or "khác danh mục" in p.message} == {
        "tong",
        "cong_an",
    }
    assert error.found == "báo cáo ghi 163" and error.expected.startswith("danh mục có 162")


def test_withdrawn_procedure_is_not_counted(project):
    path = project.content / LIST
    text, count = re.subn(
        r'(ma: "1\.001193"[\s\S]*?\n(\s+))ngay_niem_yet: 2022-09-14',
        r"\1ngay_niem_yet: 2022-01-01\n\2ngay_bai_bo: 2022-09-01",
        path.read_text(encoding="utf-8"),
        count=1,
    )
    assert count == 1
    path.write_text(text, encoding="utf-8")
    error = find(errors(project), "khác danh mục thủ tục")
    assert error.expected.startswith("danh mục có 162")


def test_withdrawal_must_follow_listing(project):
    project.replace(LIST, 'ma: "1.001193"', 'ma: "1.001193"\n    ngay_bai_bo: 2022-01-01')
    find(errors(project), "Ngày bãi bỏ phải sau ngày niêm yết")


def test_dossiers_resolved_plus_in_progress_equal_received(project):
    project.replace(REPORT, "tiep_nhan: 482", "tiep_nhan: 483")
    project.replace(REPORT, "tổng số 482 hồ sơ", "tổng số 483 hồ sơ")
    error = find(errors(project), "Tổng số hồ sơ = Hồ sơ đã giải quyết + Hồ sơ đang giải quyết")
    assert error.line == project.line_of(REPORT, "tiep_nhan: 483")
    assert error.found == "477 + 5 = 482" and error.expected == "483"


def test_dossiers_early_on_time_late_equal_resolved(project):
    project.replace(
        REPORT, "truoc_han: 477", "truoc_han: 477\n            dung_han: 05\n            qua_han: 0"
    )
    error = find(errors(project), "Đã giải quyết trước hạn + Đã giải quyết đúng hạn + Đã giải quyết quá hạn")
    assert error.found == "477 + 5 + 0 = 482" and error.expected == "477"


@pytest.mark.parametrize(
    "old, new, group",
    [
        ("theo_loai: {can_bo: 10, cong_chuc: 08}", "theo_loai: {can_bo: 10, cong_chuc: 05}", "loại"),
        (
            "chuyen_mon: {thac_si: 01, dai_hoc: 15, trung_cap: 02}",
            "chuyen_mon: {thac_si: 01, dai_hoc: 15}",
            "trình độ chuyên môn",
        ),
        (
            "ly_luan_chinh_tri: {trung_cap: 16, so_cap: 02}",
            "ly_luan_chinh_tri: {trung_cap: 16, so_cap: 12}",
            "trình độ lý luận chính trị",
        ),
    ],
)
def test_staff_breakdowns_sum_to_total(project, old, new, group):
    project.replace(REPORT, old, new)
    error = find(errors(project), f"Cán bộ, công chức theo {group}: tổng các thành phần không bằng tổng số")
    assert error.expected == "18"


def test_satisfied_cannot_exceed_surveyed(project):
    project.replace(REPORT, "phieu_tot: 470", "phieu_tot: 480")
    project.replace(REPORT, "đánh giá tốt là 470 phiếu", "đánh giá tốt là 480 phiếu")
    find(errors(project), "Lấy phiếu đánh giá: các thành phần vượt quá tổng số")


def test_rate_in_text_must_match_the_computed_rate(project):
    project.replace(REPORT, "đạt 100%", "đạt 98%")
    error = find(errors(project), "Tỷ lệ văn bản viết không khớp tỷ lệ tính từ số liệu của mục")
    assert (
        error.found == "98%"
        and error.expected
        == "100% = phiếu tốt ÷ phiếu phát ra: 470 ÷ 470 (Phiếu đánh giá tốt / phiếu phát ra)"
    )
    assert error.line == project.line_of(REPORT, "đạt 98%")  # the line of the paragraph where it is written


def test_figure_must_appear_in_its_section_text(project):
    project.replace(REPORT, "bai_dang: 18", "bai_dang: 19")
    error = find(errors(project), "Số liệu không có trong nội dung của mục")
    assert error.found == "19" and error.line == project.line_of(REPORT, "bai_dang: 19")


def test_figure_in_another_section_does_not_count(project):
    # 163 is written in section II.2, not in I.2
    project.replace(REPORT, "bai_dang: 18", "bai_dang: 163")
    find(errors(project), "Số liệu không có trong nội dung của mục")


def test_leading_zero_in_text_matches_the_figure(project):
    # the text says "08 cuộc"; the figure may be written 8 or 08
    project.replace(REPORT, "hop_long_ghep: 08", "hop_long_ghep: 8")
    load_site(project.content)


def test_cited_document_must_be_in_the_introduction(project):
    project.replace(REPORT, "so_ky_hieu: 281/UBND-VP", "so_ky_hieu: 282/UBND-VP")
    assert find(errors(project), "Số, ký hiệu văn bản không có trong phần mở đầu").found == "282/UBND-VP"


def test_numbering_of_sections(project):
    project.replace(REPORT, "  - so: II\n", "  - so: V\n")
    assert find(errors(project), "Số thứ tự phần không liên tục").expected == "II"


def test_every_error_of_every_file_is_reported_at_once(project):
    project.replace(REPORT, "bai_dang: 18", "bai_dang: 19")
    project.replace(LIST, "nhom: quoc_phong", "nhom: quan_su")
    project.replace("xa.yaml", "tinh: Hải Dương", "tinh: 5")
    files = {p.file for p in errors(project)}
    assert files == {"content/bao-cao/2022-q3.yaml", "content/thu-tuc.yaml", "content/xa.yaml"}


def test_page_addresses_are_unique_and_short(project):
    from cchc_site.addresses import procedure_slug

    site = load_site(project.content)
    slugs = [procedure_slug(t) for t in site.danh_muc.thu_tuc]
    assert len(set(slugs)) == len(slugs) == 163
    assert max(len(s) for s in slugs) <= 70
    assert procedure_slug(site.danh_muc.thu_tuc[0]) == "1.001193"  # the national code when known


def test_same_name_twice_in_a_group_is_an_error(project):
    project.replace(LIST, "ten: Đăng ký kết hôn lưu động", "ten: Đăng ký kết hôn")
    error = find(errors(project), "Tên thủ tục bị trùng trong cùng nhóm")
    assert error.found == "Đăng ký kết hôn"
