"""``python -m cchc_site``: check, new-report, import-procedures, schema; Vietnamese, exit codes 0/1/2."""

from __future__ import annotations

import csv
import difflib
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cchc_site.addresses import schema_comment
from cchc_site.commands import main
from cchc_site.content.documents import load_yaml
from cchc_site.core.errors import Problems
from cchc_site.core.models import DanhMuc
from cchc_site.json_schema import SCHEMA_DIR, SCHEMAS, render_schema
from cchc_site.procedures.importer import current_header as _header
from cchc_site.procedures.importer import dump_list
from cchc_site.validate import load_site

from .conftest import CONTENT, HISTORY, REPORT


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_site", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_check_real_content(capsys):
    assert main(["check", str(CONTENT)]) == 0
    out = capsys.readouterr().out
    assert "Dữ liệu hợp lệ: 1 báo cáo đã đăng, 163 thủ tục" in out
    assert "Thủ tục chưa có mã quốc gia. 93 chỗ (dòng" in out and "--chi-tiet" in out


def test_check_details_lists_every_warning(capsys):
    assert main(["check", "--chi-tiet", str(CONTENT)]) == 0
    assert capsys.readouterr().out.count("Gợi ý: Tra mã trên Cổng Dịch vụ công quốc gia") == 93


def test_check_accepts_a_file_inside_the_content(capsys):
    assert main(["check", str(CONTENT / REPORT)]) == 0


def test_check_without_content_folder(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 1
    assert "không tìm thấy thư mục dữ liệu" in capsys.readouterr().err


GOLDEN = [  # the common mistakes, and exactly what the clerk reads
    (
        "thu-tuc.yaml",
        'ma: "1.001193"',
        "ma: 2.000810",
        (
            "trường «thu_tuc[1].ma»: Mã thủ tục viết không có dấu nháy nên YAML đọc thành số (mất chữ số 0 ở cuối).\n"
            "      Tìm thấy: 2.000810\n"
            '      Cần: mã trong dấu nháy kép, VD: ma: "2.000810"\n'
            '      Gợi ý: Viết ma: "2.000810"'
        ),
    ),
    (
        REPORT,
        "tiep_nhan: 482",
        "tiep_nhan: 4 82",
        (
            "trường «phan[2].muc[2].so_lieu.ho_so.tiep_nhan»: Cần một số nguyên (Tổng số hồ sơ).\n"
            "      Tìm thấy: 4 82\n"
            "      Cần: số nguyên, VD: 16 hoặc 05, hoặc nhóm «gia_tri: …» kèm «pham_vi»/«xap_xi»"
        ),
    ),
    (
        REPORT,
        "    phat_song: 16",
        "    phat_song: 61",
        (
            "trường «phan[1].muc[2].so_lieu.tuyen_truyen.phat_song»: Số liệu không có trong nội dung của mục.\n"
            "      Tìm thấy: 61\n"
            "      Cần: số này được viết trong đoạn văn của mục (VD: 05 hoặc 5)\n"
            "      Gợi ý: Sửa số liệu cho khớp bản đã ký, hoặc kiểm tra đoạn văn chép lại."
        ),
    ),
    (REPORT, "trich_yeu: Công tác", "trich_yeuu: Công tác", "trường «trich_yeuu»: Trường lạ «trich_yeuu».\n"),
    (
        REPORT,
        "tu_ngay: 2022-06-15",
        "tu_ngay: 31/6/2022",
        (
            "trường «ky_bao_cao.tu_ngay»: Ngày không tồn tại.\n"
            "      Tìm thấy: 31/6/2022\n"
            "      Cần: ngày dạng 2022-09-30 hoặc 30/9/2022"
        ),
    ),
]


@pytest.mark.parametrize(
    "relative, old, new, expected",
    GOLDEN,
    ids=["unquoted-code", "number-with-space", "figure-not-in-text", "typo-in-key", "impossible-date"],
)
def test_check_golden_messages(project, relative, old, new, expected):
    project.replace(relative, old, new)
    result = run("check", str(project.content))
    assert result.returncode == 1
    line = project.line_of(relative, new.strip())
    assert f"content/{relative}: " in result.stderr  # grouped under the file
    assert f"  dòng {line}: {expected}" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_reports_every_error_of_every_file_at_once(project):
    project.replace("thu-tuc.yaml", "nhom: cap_xa", "nhom: xa")
    project.replace(REPORT, "tiep_nhan: 482", "tiep_nhan: 4 82")
    project.replace("xa.yaml", "ten: Phượng Kỳ", "ten: ''")
    result = run("check", str(project.content))
    assert result.returncode == 1
    for name in (
        "content/thu-tuc.yaml: 1 lỗi",
        "content/xa.yaml: 1 lỗi",
        "content/bao-cao/2022-q3.yaml: 1 lỗi",
    ):
        assert name in result.stderr


def test_check_is_fast_and_prints_its_time():
    result = run("check", str(CONTENT))
    assert result.returncode == 0 and "giây" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "thiếu tham số bắt buộc: LỆNH"),
        (["chek"], "Có phải ý bạn là «check»?"),
        (["check", "--khong-co"], "tham số lạ: --khong-co"),
        (["new-report"], "thiếu tham số bắt buộc: KỲ"),
        (["new-report", "2022-q4", "--tu-ngay", "32/13/2022"], "ngày không hợp lệ"),
    ],
)
def test_usage_errors_are_vietnamese_with_exit_code_2(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr and "Cách dùng: python -m cchc_site" in result.stderr


def test_help_is_vietnamese():
    result = run("--help")
    assert result.returncode == 0
    for words in ("Cách dùng:", "các lệnh", "kiểm tra toàn bộ dữ liệu", "nhập danh mục thủ tục", "tùy chọn"):
        assert words in result.stdout
    assert "usage" not in result.stdout and "show this help" not in result.stdout


def test_new_report_from_the_previous_one(project):
    result = run("new-report", "2022-q4", "--content", str(project.content))
    assert result.returncode == 0, result.stderr
    assert "kỳ số liệu 15/09/2022 – 14/12/2022" in result.stdout
    created = (project.content / "bao-cao/2022-q4.yaml").read_text(encoding="utf-8")
    assert created.startswith(schema_comment("bao-cao/2022-q4.yaml") + "\n")
    for kept in (
        "co_quan_ban_hanh: Ủy ban nhân dân xã Phượng Kỳ",
        "ho_ten: Tấn Văn Duẩn",
        "  - UBND huyện Tứ Kỳ;",
        "tieu_de: VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "pham_vi: {loai: luy_ke_nam}",
        "truc_tuyen_phan_loai: muc_do_3_4",
    ):
        assert kept in created
    assert "tu_ngay: 2022-09-15\n  den_ngay: 2022-12-14" in created
    assert "tiep_nhan:  # Tổng số hồ sơ (hồ sơ); kỳ trước: 482" in created
    assert (
        "huong_dan_truc_tiep:  # Lượt hướng dẫn, tuyên truyền trực tiếp tại Bộ phận một cửa (lượt); kỳ trước: khoảng trên 170"
        in created
    )
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM QUÝ I/2023" in created  # the next period, suggested
    assert (
        "\nngay_dang_tai:" not in created and "Đã thực hiện phát sóng" not in created
    )  # a draft, no old text
    check = run("check", str(project.content))
    assert check.returncode == 1
    problems = [line for line in check.stderr.splitlines() if line.startswith("  dòng ")]
    blanks = (
        "Không được để trống",
        "Cần một số nguyên",
        "Phạm vi «tinh_den» cần ngày",
    )  # all in the first check
    assert problems and all(any(blank in p for blank in blanks) for p in problems)
    assert "content/bao-cao/2022-q3.yaml" not in check.stderr  # the published report is untouched


def test_new_report_with_a_custom_period_and_no_overwrite(project):
    args = (
        "new-report",
        "2023-q1",
        "--content",
        str(project.content),
        "--tu-ngay",
        "16/12/2022",
        "--den-ngay",
        "2023-03-15",
    )
    assert run(*args).returncode == 0
    assert (
        "tu_ngay: 2022-12-16\n  den_ngay: 2023-03-15"
        in (project.content / "bao-cao/2023-q1.yaml").read_text()
    )
    again = run(*args)
    assert again.returncode == 1 and "không ghi đè" in again.stderr


@pytest.mark.parametrize("name", ["2022-q4\n", " 2022-q4", "2022-q4/../../x", "2022-Q4", "2022-q4.yaml"])
def test_new_report_refuses_a_period_name_with_anything_around_it(project, name):
    result = run("new-report", name, "--content", str(project.content))
    assert result.returncode == 2 and "không đúng dạng" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in (project.content / "bao-cao").iterdir()) == ["2022-q3.yaml"]


def test_new_report_from_titles_written_as_block_scalars(project):
    project.replace(
        REPORT,
        "    tieu_de: VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "    tieu_de: |\n      VỀ CÔNG TÁC CHỈ ĐẠO,\n      ĐIỀU HÀNH",
    )
    project.replace(
        REPORT,
        "        tieu_de: Xây dựng và thực hiện kế hoạch cải cách hành chính năm 2022",
        "        tieu_de: >-\n          Xây dựng và thực hiện kế hoạch\n          cải cách hành chính năm 2022",
    )
    assert run("check", str(project.content)).returncode == 0  # same text, same seal
    assert run("new-report", "2022-q4", "--content", str(project.content)).returncode == 0
    errors = Problems()
    doc = load_yaml(project.content / "bao-cao/2022-q4.yaml", "2022-q4.yaml", errors)
    assert doc is not None and not errors.items, [p.format() for p in errors.items]
    assert doc.data["phan"][0]["tieu_de"].split() == ["VỀ", "CÔNG", "TÁC", "CHỈ", "ĐẠO,", "ĐIỀU", "HÀNH"]
    assert (
        doc.data["phan"][0]["muc"][0]["tieu_de"]
        == "Xây dựng và thực hiện kế hoạch cải cách hành chính năm 2022"
    )


def test_first_report_follows_the_standard_outline(project):
    result = run("new-report", "2021-q1", "--content", str(project.content))
    assert result.returncode == 0 and "theo đề cương chuẩn" in result.stdout
    created = (project.content / "bao-cao/2021-q1.yaml").read_text(encoding="utf-8")
    assert (
        "tieu_de: VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" in created and "tieu_de: Cải cách tài chính công" in created
    )
    assert "co_quan_ban_hanh: Ủy ban nhân dân xã Phượng Kỳ" in created  # from the commune's profile
    assert "tu_ngay: 2020-12-15\n  den_ngay: 2021-03-14" in created
    check = run("check", str(project.content))
    assert check.returncode == 1 and "Traceback" not in check.stderr  # the blanks are the to-do list


def test_new_report_from_the_latest_earlier_report(history_project):
    assert run("new-report", "2024-q3", "--content", str(history_project.content)).returncode == 0
    created = (history_project.content / "bao-cao/2024-q3.yaml").read_text(encoding="utf-8")
    assert "tạo từ báo cáo Quý 2/2024" in created and "kỳ trước: 476" in created


def spreadsheet_rows(site, drop: int = 2) -> list[list]:
    """The commune-level list as the national database exports it, minus the first ``drop``."""
    rows = []
    commune = [t for t in site.danh_muc.thu_tuc if t.nhom == "cap_xa"]
    for number, t in enumerate(commune[drop:], 1):
        level = "Toàn trình" if t.ma == "1.000656" else ""
        rows.append(
            [number, t.ma, t.ten, t.linh_vuc, level, "Quyết định số 1/QĐ-UBND" if t.ma == "1.000656" else ""]
        )
    rows.append([len(rows) + 1, "1.012345", "Đăng ký thử nghiệm mới", "Hộ tịch", "Một phần", ""])
    return rows


HEADER = ["STT", "Mã TTHC", "TÊN THỦ TỤC  HÀNH CHÍNH", "Lĩnh vực", "Mức độ DVC", "Quyết định công bố"]


def make_xlsx(path: Path, rows: list[list], header=HEADER) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND CẤP XÃ"])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_import_preview_from_xlsx_changes_nothing(project, tmp_path):
    site = load_site(project.content)
    rows = spreadsheet_rows(site)
    rows[3][1] = float(rows[3][1])  # Excel made a number of the code: read back with six decimals
    before = (project.content / "thu-tuc.yaml").read_bytes()
    result = run(
        "import-procedures",
        str(make_xlsx(tmp_path / "ds.xlsx", rows)),
        "--nhom",
        "cap_xa",
        "--content",
        str(project.content),
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "dòng tiêu đề 3" in out and "«TÊN THỦ TỤC  HÀNH CHÍNH» → tên" in out and "«STT» → số thứ tự" in out
    assert "Thêm mới (1):\n  + dòng 139: 1.012345 Đăng ký thử nghiệm mới" in out
    assert "Không có trong tệp (2)" in out and "KHÔNG bãi bỏ nếu không có --xac-nhan-bai-bo 2" in out
    assert "1.001193 Đăng ký khai sinh" in out and "1.000894 Đăng ký kết hôn" in out
    assert (
        "1.000656 Đăng ký khai tử: quyet_dinh_cong_bo: (trống) → Quyết định số 1/QĐ-UBND; truc_tuyen: Mức độ 3 → Trực tuyến toàn trình"
        in out
    )
    assert "Không đổi: 134" in out and "Chưa ghi gì" in out
    assert (project.content / "thu-tuc.yaml").read_bytes() == before


def test_import_write_keeps_dates_and_details(project, tmp_path):
    site = load_site(project.content)
    xlsx = make_xlsx(tmp_path / "ds.xlsx", spreadsheet_rows(site))
    result = run(
        "import-procedures",
        str(xlsx),
        "--nhom",
        "cap_xa",
        "--content",
        str(project.content),
        "--ngay",
        "1/12/2026",
        "--quyet-dinh",
        "Quyết định số 99/QĐ-UBND ngày 25/11/2026",
        "--write",
        "--xac-nhan-bai-bo",
        "2",
    )  # withdrawals only when confirmed: test_import_safety.py
    assert result.returncode == 0, result.stderr
    after = load_site(project.content, "content", today=date(2026, 12, 1))
    by_code = {t.ma: t for t in after.danh_muc.thu_tuc if t.ma}
    assert by_code["1.001193"].ngay_bai_bo == date(2026, 12, 1)
    assert by_code["1.001193"].quyet_dinh_bai_bo == "Quyết định số 99/QĐ-UBND ngày 25/11/2026"
    assert by_code["1.001193"].chi_tiet is not None  # details survive a withdrawal
    assert (
        by_code["1.012345"].ngay_niem_yet == date(2026, 12, 1)
        and by_code["1.012345"].truc_tuyen == "mot_phan"
    )
    assert by_code["1.000656"].truc_tuyen == "toan_trinh" and by_code["1.000656"].ngay_niem_yet == date(
        2022, 9, 14
    )
    assert len(after.danh_muc.thu_tuc) == 164
    quoc_phong = [t for t in after.danh_muc.thu_tuc if t.nhom == "quoc_phong"]
    assert len(quoc_phong) == 14 and not any(t.ngay_bai_bo for t in quoc_phong)  # other groups untouched
    assert project.build().returncode == 0


def test_import_csv_with_semicolons_and_group_column(project, tmp_path):
    site = load_site(project.content)
    path = tmp_path / "ds.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(["Ma thu tuc", "Ten thu tuc", "linh vuc", "Cấp thực hiện"])
        for t in site.danh_muc.thu_tuc:
            if t.nhom == "cong_an":
                writer.writerow([t.ma, t.ten, t.linh_vuc, "Công an"])
    result = run("import-procedures", str(path), "--content", str(project.content))
    assert result.returncode == 0, result.stderr
    assert (
        "Thêm mới (0)" in result.stdout
        and "Không có trong tệp (0)" in result.stdout
        and "Không đổi: 12" in result.stdout
    )


@pytest.mark.parametrize(
    "bad, message",
    [  # the cell is named: row and column, as the spreadsheet shows them
        (["", "", "Hộ tịch", "", ""], "cột C «TÊN THỦ TỤC  HÀNH CHÍNH»: thiếu tên thủ tục"),
        (
            ["1.23", "Thủ tục lạ", "Hộ tịch", "", ""],
            "cột B «Mã TTHC»: mã thủ tục sai định dạng\n        Tìm thấy: «1.23»",
        ),
        (["", "Thủ tục lạ", "", "", ""], "cột D «Lĩnh vực»: thiếu lĩnh vực"),
        (
            ["", "Thủ tục lạ", "Hộ tịch", "mức cao", ""],
            "cột E «Mức độ DVC»: mức độ trực tuyến không rõ\n        Tìm thấy: «mức cao»",
        ),
    ],
)
def test_import_rejects_unreadable_rows_with_their_number_and_never_writes(project, tmp_path, bad, message):
    site = load_site(project.content)
    rows = spreadsheet_rows(site)
    rows.insert(5, [99, *bad])
    before = (project.content / "thu-tuc.yaml").read_bytes()
    result = run(
        "import-procedures",
        str(make_xlsx(tmp_path / "ds.xlsx", rows)),
        "--nhom",
        "cap_xa",
        "--content",
        str(project.content),
        "--write",
    )
    assert result.returncode == 1
    assert f"dòng 9, {message}" in result.stdout  # title, blank, header, 5 rows, then the bad one
    assert "chưa ghi gì" in result.stderr
    assert (project.content / "thu-tuc.yaml").read_bytes() == before


def test_import_without_group_asks_for_one(project, tmp_path):
    rows = spreadsheet_rows(load_site(project.content))
    result = run(
        "import-procedures", str(make_xlsx(tmp_path / "ds.xlsx", rows)), "--content", str(project.content)
    )
    assert result.returncode == 1 and "chạy với --nhom cap_xa" in result.stdout


def test_import_refuses_a_date_that_breaks_a_published_report(project, tmp_path):
    rows = spreadsheet_rows(load_site(project.content))
    result = run(
        "import-procedures",
        str(make_xlsx(tmp_path / "ds.xlsx", rows)),
        "--nhom",
        "cap_xa",
        "--content",
        str(project.content),
        "--ngay",
        "2022-09-10",
        "--write",
    )
    assert result.returncode == 1
    assert (
        "Số thủ tục trong báo cáo khác danh mục" in result.stderr
        and "Kiểm tra ngày (--ngay)" in result.stderr
    )


def test_import_refuses_other_file_types(project, tmp_path):
    path = tmp_path / "ds.docx"
    path.write_bytes(b"PK")
    result = run("import-procedures", str(path), "--content", str(project.content))
    assert result.returncode == 1 and "cần tệp .xlsx hoặc .csv" in result.stderr


def test_list_written_back_reads_the_same():
    site = load_site(CONTENT)
    written = dump_list(site.danh_muc, _header(CONTENT / "thu-tuc.yaml"))
    assert written.startswith(schema_comment("thu-tuc.yaml"))
    path = Path(__file__).parent / "__written.yaml"
    try:
        path.write_text(written, encoding="utf-8")
        problems = Problems()
        again = DanhMuc.model_validate(load_yaml(path, "x", problems).data)
    finally:
        path.unlink()
    assert again == site.danh_muc and not problems.items
    original = (CONTENT / "thu-tuc.yaml").read_text(encoding="utf-8").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(original, written.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert len(changed) < 20  # the hand-written style: only one folded paragraph differs


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_committed_schema_is_fresh(name):
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == render_schema(SCHEMAS[name]), "chạy: python -m cchc_site schema"


@pytest.mark.parametrize("root", [CONTENT, HISTORY], ids=["content", "fixture"])
def test_every_content_file_names_its_schema(root):
    files = [root / "xa.yaml", root / "thu-tuc.yaml", *sorted((root / "bao-cao").glob("*.yaml"))]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        relative = path.relative_to(root).as_posix()
        assert first == schema_comment(relative), relative
        if root == CONTENT:  # the fixture is copied next to the package before use
            assert (path.parent / first.split("$schema=")[1]).resolve().is_file()


def test_real_content_satisfies_the_schemas_and_a_mistake_does_not(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    pairs = [
        (CONTENT / "xa.yaml", "xa.schema.json"),
        (CONTENT / "thu-tuc.yaml", "thu-tuc.schema.json"),
        (CONTENT / REPORT, "bao-cao.schema.json"),
    ]
    for path, name in pairs:
        schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
        data = load_yaml(path, path.name, Problems()).data
        jsonschema.validate(data, schema)  # what an editor sees: no false alarm on valid data
    schema = json.loads((SCHEMA_DIR / "bao-cao.schema.json").read_text(encoding="utf-8"))
    data = load_yaml(CONTENT / REPORT, "r", Problems()).data
    data["trich_yeuu"] = data.pop("trich_yeu")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_schema_command_rewrites_the_same_files(tmp_path):
    from cchc_site.json_schema import write_schemas

    for path in write_schemas(tmp_path):
        assert path.read_text(encoding="utf-8") == (SCHEMA_DIR / path.name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("khong-co.xlsx", None, "không có tệp này"),
        ("hong.xlsx", b"PK\x03\x04 not really a workbook", "Không mở được tệp Excel"),
    ],
)
def test_import_unreadable_file_says_so_in_vietnamese(project, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run("import-procedures", str(path), "--content", str(project.content))
    assert result.returncode == 1 and message in result.stderr and "Errno" not in result.stderr


def test_import_csv_with_an_unclosed_quote_names_the_row(project, tmp_path):
    rows = ["Tên thủ tục,Mã,Lĩnh vực"] + [f"Thủ tục {i},,Hộ tịch" for i in range(1, 10)]
    rows += ['"Thủ tục hỏng,,Hộ tịch'] + [f"Thủ tục {i},,Hộ tịch" for i in range(11, 30_000)]
    path = tmp_path / "danh-muc.csv"
    path.write_text("\n".join(rows) + "\n" + "x" * 200_000 + "\n", encoding="utf-8")
    result = run("import-procedures", str(path), "--content", str(project.content), "--nhom", "cap_xa")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Tệp CSV hỏng từ dòng 11" in result.stderr


def test_import_a_sheet_of_too_many_rows_is_refused_in_bounded_memory(project, tmp_path):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Tên thủ tục", "Lĩnh vực"])
    for number in range(25_000):
        sheet.append([f"Thủ tục {number}", "Hộ tịch"])
    path = tmp_path / "qua-nhieu.xlsx"
    book.save(path)
    result = run("import-procedures", str(path), "--content", str(project.content), "--nhom", "cap_xa")
    assert result.returncode == 1 and "Bảng tính có hơn 5.000 dòng" in result.stderr


def test_import_a_sheet_declaring_a_huge_range_reads_only_what_is_there(project, tmp_path):
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Tên thủ tục", "Lĩnh vực"])
    book.active.append(["Đăng ký khai sinh", "Hộ tịch"])
    small = tmp_path / "nho.xlsx"
    book.save(small)
    path = tmp_path / "khai-rong.xlsx"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("sheet1.xml"):  # written with or without lxml: «/>» or « />»
                data, count = re.subn(
                    rb'<dimension ref="A1:B2"\s*/>', b'<dimension ref="A1:XFD1048576" />', data
                )
                assert count == 1
            target.writestr(item, data)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            (
                "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000)); "
                "from cchc_site.commands import main; sys.exit(main(sys.argv[1:]))"
            ),
            "import-procedures",
            str(path),
            "--content",
            str(project.content),
            "--nhom",
            "cap_xa",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (
        result.returncode in (0, 1)
        and "Traceback" not in result.stderr
        and "MemoryError" not in result.stderr
    )


def test_a_file_system_fault_no_command_foresaw_ends_in_a_message(monkeypatch, capsys):
    """Injected at the command's run: a full disk anywhere below it is a message and exit 1."""
    import errno

    from cchc_site import commands
    from cchc_site.commands import check

    def full_disk(args):
        raise OSError(errno.ENOSPC, "No space left on device", "content/bao-cao/2022-q3.yaml")

    monkeypatch.setattr(check, "run", full_disk)
    assert commands.main(["check"]) == 1
    error = capsys.readouterr().err
    assert "không đọc hoặc ghi tệp được «content/bao-cao/2022-q3.yaml»: ổ đĩa đã đầy" in error
    assert "Traceback" not in error
