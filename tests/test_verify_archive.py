"""``verify`` checks that an archived copy agrees with itself: pages, CSV and JSON edited after the
build, and readable texts edited in the verification record, are each named (file, report, value,
found, expected), even when ``kiem-chung.json`` is untouched."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest

from .test_verify import verify

BOM = "\ufeff"
KEY = "tuyen_truyen.bai_dang"
NAME = "Tuyên truyền CCHC: Bài tuyên truyền đăng trên trang thông tin"
PARAGRAPH = "Phần I, mục 2, đoạn 1 (phan.1.muc.2.doan_van.1)"


@pytest.fixture
def archived(history_project, history_built, tmp_path) -> tuple:
    """The fixture's site copied away as an auditor keeps it, and a copy of its content."""
    archive = tmp_path / "ban-luu"
    shutil.copytree(history_built.site, archive)
    return history_project, archive


def record(archive) -> dict:
    return json.loads((archive / "du-lieu/kiem-chung.json").read_text(encoding="utf-8"))


def write_record(archive, data: dict) -> None:
    (archive / "du-lieu/kiem-chung.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


def named(out: str, file: str, what: str, found: str, expected: str) -> bool:
    return (
        f"KHÔNG KHỚP TRONG BẢN LƯU: {file}: {what}\n      tìm thấy: {found}\n      phải là: {expected}" in out
    )


def failed_plainly(run) -> str:
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert "Quý 2/2023: " in run.stdout and "Quý 2/2023: 0" not in run.stdout
    assert "BẢN LƯU KHÔNG NHẤT QUÁN" in run.stdout
    q2 = next(line for line in run.stdout.splitlines() if line.startswith("Quý 2/2023:"))
    assert "tất cả như bản lưu" not in q2 and "CHỖ KHÔNG KHỚP TRONG BẢN LƯU" in q2
    return run.stdout


def edit_csv(path, key: str, value: str, ky: str = "2023-q2") -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    head = rows[0]
    hits = [r for r in rows[1:] if r[head.index("khoa")] == key and r[head.index("ky")] == ky]
    assert len(hits) == 1
    hits[0][head.index("gia_tri")] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(BOM + buffer.getvalue(), encoding="utf-8")


def test_a_figure_edited_on_the_page_is_named(archived):
    project, archive = archived
    page = archive / "bao-cao/2023-q2/index.html"
    html = page.read_text(encoding="utf-8")
    row = record(archive)["bao_cao"]["2023-q2"]["trang"]["bang_so_lieu"].index(KEY)
    table = re.search(r'class="[^"]*cchc-so-lieu.*?</table>', html, re.S)
    assert table is not None
    cell = list(re.finditer(r'<td class="gia-tri[^"]*">([^<]*)</td>', table.group(0)))[row]
    assert cell.group(1) == "22"
    at = table.start() + cell.start(1)
    edited = html[:at] + "999" + html[at + 2 :]
    page.write_text(edited, encoding="utf-8")
    out = failed_plainly(verify(project, str(archive)))
    assert named(out, "bao-cao/2023-q2/", f"{NAME} ({KEY})", "999", "22")


def test_a_paragraph_edited_on_the_page_is_named(archived):
    project, archive = archived
    page = archive / "bao-cao/2023-q2/index.html"
    html = page.read_text(encoding="utf-8")
    assert "đăng tải được 22 bài" in html
    page.write_text(html.replace("đăng tải được 22 bài", "đăng tải được 999 bài"), encoding="utf-8")
    out = failed_plainly(verify(project, str(archive)))
    assert f"KHÔNG KHỚP TRONG BẢN LƯU: bao-cao/2023-q2/: {PARAGRAPH}" in out
    assert "tìm thấy: «Trong kỳ, đã thực hiện phát sóng được 18 lượt; đăng tải được 999 bài" in out
    assert "phải là: «Trong kỳ, đã thực hiện phát sóng được 18 lượt; đăng tải được 22 bài" in out


def test_the_reports_csv_edited_is_named_with_its_fingerprint(archived):
    project, archive = archived
    edit_csv(archive / "du-lieu/bao-cao/2023-q2.csv", KEY, "999")
    out = failed_plainly(verify(project, str(archive)))
    assert "KHÔNG KHỚP TRONG BẢN LƯU: du-lieu/bao-cao/2023-q2.csv: Dấu vân tay của tệp (SHA-256)" in out
    assert named(out, "du-lieu/bao-cao/2023-q2.csv", f"{NAME} ({KEY})", "999", "22")


def test_the_series_csv_edited_is_named_for_its_report(archived):
    project, archive = archived
    edit_csv(archive / "du-lieu/chi-so.csv", KEY, "999")
    out = failed_plainly(verify(project, str(archive)))
    assert named(out, "du-lieu/chi-so.csv", f"{NAME} ({KEY})", "999", "22")
    assert out.count(f"({KEY})\n      tìm thấy: 999") == 1  # only Q2's row, not other quarters'


def test_the_reports_json_edited_is_named(archived):
    project, archive = archived
    path = archive / "du-lieu/bao-cao/2023-q2.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    (figure,) = [f for f in data["so_lieu"] if f["khoa"] == KEY]
    figure["gia_tri"] = 999
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    out = failed_plainly(verify(project, str(archive)))
    assert "du-lieu/bao-cao/2023-q2.json: Dấu vân tay của tệp (SHA-256)" in out
    assert named(out, "du-lieu/bao-cao/2023-q2.json", f"{NAME} ({KEY})", "999", "22")


def test_a_readable_text_edited_in_the_record_is_named(archived):
    project, archive = archived
    data = record(archive)
    values = data["bao_cao"]["2023-q2"]["gia_tri"]
    values[KEY]["noi_dung"] = "999"
    paragraph = values["phan.1.muc.2.doan_van.1"]
    paragraph["noi_dung"] = paragraph["noi_dung"].replace("22 bài", "999 bài")
    write_record(archive, data)
    out = failed_plainly(verify(project, str(archive)))
    assert named(
        out,
        "du-lieu/kiem-chung.json",
        f"{NAME} ({KEY}): nội dung đọc được",
        "«999»",
        "«22», như dấu vân tay của giá trị",
    )
    assert f"du-lieu/kiem-chung.json: {PARAGRAPH}: nội dung đọc được" in out


def test_a_value_and_its_text_edited_together_in_the_record_break_the_seal(archived):
    project, archive = archived
    data = record(archive)
    data["bao_cao"]["2023-q2"]["gia_tri"][KEY].update(van_tay=999, noi_dung="999")
    write_record(archive, data)
    out = failed_plainly(verify(project, str(archive)))
    assert "KHÔNG KHỚP TRONG BẢN LƯU: du-lieu/kiem-chung.json: Dấu vân tay hiện tại của báo cáo" in out
    assert "Dấu vân tay khi đăng tải (các giá trị trước mọi lần cập nhật)" in out
    assert named(out, "bao-cao/2023-q2/", f"{NAME} ({KEY})", "22", "999")  # the page still says 22


def test_a_listed_file_missing_or_outside_the_site_is_said(archived):
    project, archive = archived
    (archive / "du-lieu/ty-le.csv").unlink()
    data = record(archive)
    data["tep"]["../../ngoai-trang.txt"] = "sha256:" + "0" * 64
    write_record(archive, data)
    run = verify(project, str(archive))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "du-lieu/ty-le.csv: Tệp dữ liệu\n      tìm thấy: không có trong bản lưu" in run.stdout
    assert "Danh sách tệp («tep»)\n      tìm thấy: «../../ngoai-trang.txt»" in run.stdout


def test_an_archive_built_before_files_were_listed_still_verifies_and_says_so(archived):
    project, archive = archived
    data = record(archive)
    del data["tep"]
    for entry in data["bao_cao"].values():
        del entry["trang"]
    write_record(archive, data)
    run = verify(project, str(archive))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "chỉ kiểm tra được tệp đối chiếu với chính nó" in run.stdout
    assert "Kết quả: không có thay đổi nào không ghi cập nhật." in run.stdout


def test_an_untouched_archive_agrees_with_itself(archived):
    project, archive = archived
    run = verify(project, str(archive))
    assert run.returncode == 0 and "KHÔNG KHỚP" not in run.stdout and "chỉ kiểm tra được" not in run.stdout
