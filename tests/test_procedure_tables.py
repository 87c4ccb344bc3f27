"""``import-procedures`` with procedure tables as communes really publish them: deadline columns
under their usual headings, a «Ghi chú» column, exemptions inside the fee text, heading rows naming
the commune's office («Tư pháp – Hộ tịch»), pre-2015 names, and columns, rows and sheets that are
not read. Each test reads the preview, then writes with ``--write`` and reads the list back."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from cchc_site.core.models import ThuTuc
from cchc_site.validate import load_site

from .test_import_safety import import_  # the same command, the same day


def write_table(path: Path, header: list, rows: list[list], title: str | None = None) -> Path:
    """A .csv (commas) or .xlsx file: an optional title row, the header, the rows."""
    lines = ([[title]] if title else []) + [header, *rows]
    if path.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        for line in lines:
            book.active.append(line)
        book.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as file:
            csv.writer(file).writerows(lines)
    return path


def listed(project) -> dict[str, ThuTuc]:
    """The list as written, by name."""
    site = load_site(project.content, "content", today=date(2026, 12, 2))
    return {t.ten: t for t in site.danh_muc.thu_tuc}


def write(project, path: Path, *args: str) -> str:
    """Preview, then ``--write``: the preview's output (both runs print the same plan)."""
    preview = import_(project, path, *args)
    assert preview.returncode == 0, preview.stdout + preview.stderr
    written = import_(project, path, *args, "--write")
    assert written.returncode == 0, written.stdout + written.stderr
    assert "Đã ghi" in written.stdout
    return preview.stdout


@pytest.mark.parametrize(
    "header, cell, so, unit, suffix",
    [
        ("Thời hạn giải quyết", "05 ngày làm việc", 5, "ngay_lam_viec", "csv"),
        ("Thời gian giải quyết", "03 ngày", 3, "ngay", "csv"),
        ("Thời gian giải quyết tối đa (ngày)", "7", 7, "ngay", "csv"),
        ("Thời gian giải quyết tối đa (ngày)", 7, 7, "ngay", "xlsx"),  # a number cell, not text
        ("Thời hạn (ngày làm việc)", "05", 5, "ngay_lam_viec", "csv"),
        ("Thời hạn (ngày làm việc)", 2.0, 2, "ngay_lam_viec", "xlsx"),  # Excel's 2.0
    ],
)
def test_deadline_columns_under_their_usual_headings(project, tmp_path, header, cell, so, unit, suffix):
    rows = [
        ["Đăng ký lại khai sinh", "Hộ tịch", cell],  # listed without a deadline: filled in
        ["Thủ tục thử nghiệm thời hạn", "Hộ tịch", cell],  # new
    ]
    path = write_table(tmp_path / f"ds.{suffix}", ["Tên thủ tục", "Lĩnh vực", header], rows)
    out = write(project, path)
    assert f"«{header}» → thời hạn giải quyết" in out
    assert "Cột bỏ qua" not in out and "Đọc được một phần" not in out
    shown = f"{so} {'ngày làm việc' if unit == 'ngay_lam_viec' else 'ngày'}"
    assert f"~ dòng 2: 1.004884 Đăng ký lại khai sinh: thời hạn: (trống) → {shown}" in out
    assert f"+ dòng 3: Thử nghiệm thời hạn [cấp xã; Hộ tịch]\n      thời hạn: {shown}" in out
    after = listed(project)
    for name in ("Đăng ký lại khai sinh", "Thử nghiệm thời hạn"):
        deadline = after[name].chi_tiet.thoi_han
        assert (deadline.so, deadline.don_vi) == (so, unit) and isinstance(deadline.so, int)


def test_a_bare_number_under_a_heading_without_unit_is_named_not_guessed(project, tmp_path):
    rows = [["Thủ tục thử nghiệm thời hạn", "Hộ tịch", "5"]]
    path = write_table(tmp_path / "ds.csv", ["Tên thủ tục", "Lĩnh vực", "Thời hạn giải quyết"], rows)
    out = write(project, path)
    assert (
        "dòng 2, cột C «Thời hạn giải quyết»: thời hạn «5» không ghi đơn vị, tiêu đề cột cũng không "
        "(ngày, ngày làm việc hay giờ): không nhập" in out
    )
    assert listed(project)["Thử nghiệm thời hạn"].chi_tiet is None


def test_the_note_column_is_kept_and_never_overwrites_the_communes_note(project, tmp_path):
    project.replace(  # the commune's own note on 1.001193 (the first procedure with details)
        "thu-tuc.yaml", "    chi_tiet:\n", "    chi_tiet:\n      ghi_chu: Nhận hồ sơ cả sáng thứ Bảy.\n"
    )
    rows = [
        ["Đăng ký khai sinh", "Hộ tịch", "Liên thông với đăng ký thường trú"],  # has a note: kept
        ["Đăng ký lại khai sinh", "Hộ tịch", "Cần  bản sao\ngiấy tờ tùy thân"],  # none yet: filled
        ["Thủ tục thử nghiệm ghi chú", "Hộ tịch", "Thủ tục mới ban hành"],
    ]
    path = write_table(tmp_path / "ds.csv", ["Tên thủ tục", "Lĩnh vực", "Ghi chú"], rows)
    out = write(project, path)
    assert "«Ghi chú» → ghi chú" in out and "Cột bỏ qua" not in out
    assert (
        "~ dòng 3: 1.004884 Đăng ký lại khai sinh: ghi chú: (trống) → «Cần bản sao giấy tờ tùy thân»" in out
    )
    assert (
        "· dòng 2, cột C «Ghi chú»: 1.001193 Đăng ký khai sinh: tệp ghi ghi chú «Liên thông với đăng ký "
        "thường trú», danh mục ghi «Nhận hồ sơ cả sáng thứ Bảy.»" in out
    )
    assert "ghi chú: «Thủ tục mới ban hành»" in out
    after = listed(project)
    assert after["Đăng ký khai sinh"].chi_tiet.ghi_chu == "Nhận hồ sơ cả sáng thứ Bảy."  # not overwritten
    assert after["Đăng ký khai sinh"].chi_tiet.thanh_phan_ho_so  # the rest of its details kept
    assert after["Đăng ký lại khai sinh"].chi_tiet.ghi_chu == "Cần bản sao giấy tờ tùy thân"
    assert after["Thử nghiệm ghi chú"].chi_tiet.ghi_chu == "Thủ tục mới ban hành"


def test_fee_exemptions_move_to_mien_giam_and_the_fee_stays_structured(project, tmp_path):
    rows = [
        [
            "Đăng ký lại khai sinh",
            "5.000 đồng/trường hợp. Miễn lệ phí đối với người thuộc hộ nghèo, người khuyết tật.",
        ],
        ["Thủ tục thử nghiệm lệ phí", "8.000 đồng/bản (miễn, giảm cho người có công với cách mạng)"],
        ["Thủ tục thử nghiệm không thu", "Không thu phí đối với trẻ em dưới 6 tuổi"],
        ["Thủ tục thử nghiệm miễn phí", "Miễn phí"],  # nil for everyone: a fee, not an exemption
        ["Đăng ký khai sinh", "Miễn lệ phí đối với trẻ em"],  # the list has its own exemption: kept
    ]
    rows = [[name, "Hộ tịch", fee] for name, fee in rows]
    out = write(project, write_table(tmp_path / "ds.csv", ["Tên thủ tục", "Lĩnh vực", "Phí, lệ phí"], rows))
    assert (
        "~ dòng 2: 1.004884 Đăng ký lại khai sinh: phí, lệ phí: (trống) → 5.000 đồng («5.000 đồng/trường hợp»); "
        "miễn, giảm: (trống) → «Miễn lệ phí đối với người thuộc hộ nghèo, người khuyết tật.»" in out
    )
    assert (
        "phí, lệ phí: 8.000 đồng («8.000 đồng/bản»); miễn, giảm: «Miễn, giảm cho người có công với cách mạng»"
        in out
    )
    assert (
        "cột C «Phí, lệ phí»: 1.001193 Đăng ký khai sinh: tệp ghi miễn, giảm «Miễn lệ phí đối với trẻ em»"
        in out
    )
    after = listed(project)
    details = after["Đăng ký lại khai sinh"].chi_tiet
    assert [(f.so_tien, f.mo_ta) for f in details.phi_le_phi] == [(5000, "5.000 đồng/trường hợp")]
    assert details.mien_giam == "Miễn lệ phí đối với người thuộc hộ nghèo, người khuyết tật."
    details = after["Thử nghiệm lệ phí"].chi_tiet
    assert [(f.so_tien, f.mo_ta) for f in details.phi_le_phi] == [(8000, "8.000 đồng/bản")]
    assert details.mien_giam == "Miễn, giảm cho người có công với cách mạng"
    details = after["Thử nghiệm không thu"].chi_tiet
    assert details.phi_le_phi == [] and details.mien_giam == "Không thu phí đối với trẻ em dưới 6 tuổi"
    details = after["Thử nghiệm miễn phí"].chi_tiet
    assert [f.so_tien for f in details.phi_le_phi] == [0] and details.mien_giam is None
    assert after["Đăng ký khai sinh"].chi_tiet.mien_giam.startswith("Miễn lệ phí đăng ký hộ tịch cho người")


def test_heading_rows_name_the_lists_lĩnh_vực_or_say_they_cannot(project, tmp_path):
    rows = [
        ["I", "Hành chính tư pháp hộ tịch"],
        [1, "Đăng ký khai sinh"],
        [2, "Thủ tục thử nghiệm tiêu đề A"],
        ["II", "Tư pháp – Hộ tịch"],  # en dash
        [1, "Thủ tục thử nghiệm tiêu đề B"],
        ["", "Tư pháp - Hộ tịch"],  # hyphen, no numbering
        [1, "Chứng thực di chúc"],  # listed under Chứng thực: a heading does not move it
        ["III", "Lĩnh vực Hộ tịch"],
        [1, "Thủ tục thử nghiệm tiêu đề C"],
        ["IV", "Hành chính tư pháp"],  # names no lĩnh vực of the list
        [1, "Đăng ký kết hôn"],
        [2, "Thủ tục thử nghiệm tiêu đề D"],
    ]
    path = write_table(tmp_path / "ds.csv", ["STT", "Tên thủ tục hành chính"], rows)
    out = write(project, path)
    assert "Dòng tiêu đề lĩnh vực/nhóm (5):" in out
    assert (
        "· dòng 2 «Hành chính tư pháp hộ tịch» → lĩnh vực Hộ tịch: tên lĩnh vực trong danh mục (2 thủ tục)"
        in out
    )
    assert "· dòng 5 «Tư pháp – Hộ tịch» → lĩnh vực Hộ tịch: tên lĩnh vực trong danh mục (1 thủ tục)" in out
    assert "· dòng 7 «Tư pháp - Hộ tịch» → lĩnh vực Hộ tịch: tên lĩnh vực trong danh mục (1 thủ tục)" in out
    assert "· dòng 9 «Lĩnh vực Hộ tịch» → lĩnh vực Hộ tịch (1 thủ tục)" in out
    assert (
        "⚠ dòng 11 «Hành chính tư pháp» → chưa chắc là lĩnh vực nào: danh mục không có lĩnh vực "
        "«Hành chính tư pháp» (2 thủ tục)" in out
    )
    assert (
        "dòng 8 (tiêu đề dòng 7): 2.001019 Chứng thực di chúc: tệp ghi lĩnh vực «Tư pháp - Hộ tịch» "
        "(đọc là Hộ tịch), danh mục ghi Chứng thực" in out
    )
    assert "linh_vuc" not in out  # no listed procedure changes its lĩnh vực
    after = listed(project)
    for name in ("Thử nghiệm tiêu đề A", "Thử nghiệm tiêu đề B", "Thử nghiệm tiêu đề C"):
        assert after[name].linh_vuc == "Hộ tịch"
    assert after["Thử nghiệm tiêu đề D"].linh_vuc == "Hành chính tư pháp"  # as written, and said so
    assert (
        after["Chứng thực di chúc"].linh_vuc == "Chứng thực"
        and after["Đăng ký kết hôn"].linh_vuc == "Hộ tịch"
    )
    assert not {t.linh_vuc for t in after.values()} & {"Hành chính tư pháp hộ tịch", "Tư pháp – Hộ tịch"}


def test_a_lĩnh_vực_column_written_under_the_office_is_read_too(project, tmp_path):
    rows = [
        ["Thủ tục thử nghiệm cột", "Tư pháp – Hộ tịch"],
        ["Thủ tục thử nghiệm lĩnh vực mới", "Quản lý thử nghiệm"],
    ]
    out = write(project, write_table(tmp_path / "ds.csv", ["Tên thủ tục", "Lĩnh vực"], rows))
    assert "· cột B «Lĩnh vực», dòng 2: «Tư pháp – Hộ tịch» → Hộ tịch (tên lĩnh vực trong danh mục)" in out
    assert (
        "⚠ cột B «Lĩnh vực», dòng 3: lĩnh vực «Quản lý thử nghiệm» chưa có trong danh mục: ghi như tệp" in out
    )
    after = listed(project)
    assert after["Thử nghiệm cột"].linh_vuc == "Hộ tịch"
    assert after["Thử nghiệm lĩnh vực mới"].linh_vuc == "Quản lý thử nghiệm"


def test_old_names_are_said_with_the_current_name(project, tmp_path):
    # a list that does not have «Đăng ký lại khai tử» under that name: the row is a new procedure
    project.replace("thu-tuc.yaml", "ten: Đăng ký lại khai tử\n", "ten: Đăng ký lại khai tử (bản thử)\n")
    rows = [
        ["", "Đăng ký lại việc sinh", "Hộ tịch"],  # matched through the renaming table
        ["2.000635", "Cấp bản sao Giấy khai sinh", "Hộ tịch"],  # matched by code, written with an old name
        ["", "Đăng ký lại việc tử", "Hộ tịch"],  # not in the list: added, as written
        [
            "",
            "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc",
            "Hộ tịch",
        ],  # the portal's
    ]
    out = write(project, write_table(tmp_path / "ds.csv", ["Mã TTHC", "Tên TTHC", "Lĩnh vực"], rows))
    assert "Tên cũ trong tệp (3):" in out
    assert (
        "· dòng 2: tên cũ «Đăng ký lại việc sinh» → tên hiện hành «Đăng ký lại khai sinh» (mã 1.004884; "
        "NĐ 158/2005/NĐ-CP" in out
    )
    assert "Khớp với 1.004884 Đăng ký lại khai sinh của danh mục; tên trong danh mục giữ nguyên." in out
    assert (
        "· dòng 3: tên cũ «Cấp bản sao Giấy khai sinh» → tên hiện hành «Cấp bản sao Trích lục hộ tịch»" in out
    )
    assert (
        "· dòng 4: tên cũ «Đăng ký lại việc tử» → tên hiện hành «Đăng ký lại khai tử» (mã 1.005461; " in out
        and "Danh mục chưa có thủ tục này: thêm mới với tên như tệp ghi." in out
    )
    assert "dòng 5: tên cũ" not in out  # another current name is no old name
    assert "+ dòng 4: Đăng ký lại việc tử [cấp xã; Hộ tịch]" in out
    after = listed(project)
    assert (
        "Đăng ký lại khai sinh" in after and "Đăng ký lại việc sinh" not in after
    )  # the list is not renamed
    assert after["Cấp bản sao Trích lục hộ tịch"].ma == "2.000635"
    assert after["Đăng ký lại việc tử"].ngay_niem_yet == date(2026, 12, 1)


def test_nothing_is_dropped_without_being_named(project, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Cấp xã"
    for row in [
        ["DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ"],  # 1: a title above the header
        ["STT", "Tên thủ tục", "Lĩnh vực", "Cơ quan phối hợp", None],  # 2: the header
        [1, "Đăng ký khai sinh", "Hộ tịch", "Công an xã", "x"],  # column E has no heading
        [2, "Thủ tục thử nghiệm bỏ sót", "Hộ tịch", None, None],
        [None, None, None, None, "chữ lạc ở cột không tên"],  # 5: text only in a column not read
        [None, None, None, None, None],  # empty: nothing to lose
        ["", "CHỦ TỊCH"],  # 7: a signature read as a heading, with nothing under it
    ]:
        sheet.append(row)
    book.create_sheet("Quốc phòng").append(["STT", "Tên thủ tục"])
    book.create_sheet("Trống")
    path = tmp_path / "ds.xlsx"
    book.save(path)
    out = write(project, path)
    assert (
        "Cột bỏ qua, không đọc (2): cột D «Cơ quan phối hợp», cột E (không có tiêu đề; có chữ từ dòng 3)"
        in out
    )
    assert "Dòng bỏ qua, không đọc (2):" in out
    assert "· dòng 1 «DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ»: ở trên dòng tiêu đề" in out
    assert "· dòng 5 «chữ lạc ở cột không tên»: chỉ có chữ ở cột không đọc (E)" in out
    assert "trang tính khác có dữ liệu, không đọc: «Quốc phòng»." in out and "«Trống»" not in out
    assert "⚠ dòng 7 «CHỦ TỊCH» → chưa chắc là lĩnh vực nào" in out
    assert "(không có thủ tục nào dưới tiêu đề này)" in out
    assert "2 dòng thủ tục, 1 dòng tiêu đề lĩnh vực/nhóm" in out and "Thêm mới (1):" in out
    after = listed(project)
    assert after["Thử nghiệm bỏ sót"].linh_vuc == "Hộ tịch"
    assert len(after) == 164  # the one new procedure: nothing else came from the unread cells
