"""``python -m cchc_site verify``: an archived copy of the site against today's data, from a folder
and over HTTP on 127.0.0.1; recorded corrections are shown as such, silent changes fail."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cchc_site.lock import seal as lock

Q2 = "bao-cao/2023-q2.yaml"
CORRECTION = """cap_nhat:
  - ngay: 2023-07-03
    truong: tuyen_truyen.bai_dang
    gia_tri_cu: 22
    gia_tri_moi: 23
    ly_do: Đính chính theo bản đã ký.
  - ngay: 2023-07-03
    truong: phan.1.muc.2.doan_van.1
    gia_tri_cu: >-
      Trong kỳ, đã thực hiện phát sóng được 18 lượt; đăng tải được 22 bài tuyên truyền về cải
      cách hành chính trên trang thông tin điện tử của xã.
    gia_tri_moi: >-
      Trong kỳ, đã thực hiện phát sóng được 18 lượt; đăng tải được 23 bài tuyên truyền về cải
      cách hành chính trên trang thông tin điện tử của xã.
    ly_do: Đính chính theo bản đã ký.
"""


def verify(project, archive: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_site", "verify", archive, "--content", "content"],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def archived(history_project, history_built, tmp_path) -> tuple:
    """The fixture's site copied away as an auditor would keep it (the session's build of the same
    data: builds are reproducible), and a copy of its content to change."""
    archive = tmp_path / "ban-luu-2024-12"
    shutil.copytree(history_built.site, archive)
    return history_project, archive


def change_figures(project) -> None:
    project.replace(Q2, "bai_dang: 22}", "bai_dang: 23}")
    project.replace(Q2, "đăng tải được 22 bài", "đăng tải được 23 bài")


def reseal(project, slug: str) -> None:
    """What a rewrite of the record looks like outside git: the entry removed, then sealed again."""
    path = project.content / lock.LOCK_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["bao_cao"][slug]
    from cchc_site.lock import file as lock_file

    path.write_text(lock_file.dump(data["bao_cao"]), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "cchc_site", "khoa", "--content", str(project.content)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr


def test_the_site_publishes_the_record_and_lists_it(archived):
    _project, archive = archived
    record = json.loads((archive / "du-lieu" / "kiem-chung.json").read_text(encoding="utf-8"))
    q1 = record["bao_cao"]["2023-q1"]
    assert q1["van_tay_khi_dang_tai"] != q1["van_tay_hien_tai"] and len(q1["cap_nhat"]) == 2
    assert q1["gia_tri"]["tuyen_truyen.bai_dang"] == {
        "ten": "Tuyên truyền CCHC: Bài tuyên truyền đăng trên trang thông tin",
        "van_tay": 16,
        "noi_dung": "16",
    }
    assert q1["gia_tri"]["ngay_dang_tai"]["noi_dung"] == "2023-03-24" and q1["phien_ban_khoa"] == 1
    package = json.loads((archive / "du-lieu" / "datapackage.json").read_text(encoding="utf-8"))
    assert "kiem-chung.json" in [r["path"] for r in package["resources"]]


def test_an_unchanged_site_verifies(archived):
    project, archive = archived
    run = verify(project, str(archive))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Quý 2/2023:" in run.stdout and "tất cả như bản lưu" in run.stdout
    assert "Kết quả: không có thay đổi nào không ghi cập nhật." in run.stdout


def test_a_recorded_correction_is_shown_with_its_reason(archived):
    project, archive = archived
    change_figures(project)
    path = project.content / Q2
    path.write_text(path.read_text(encoding="utf-8") + CORRECTION, encoding="utf-8")
    assert project.build().returncode == 0
    run = verify(project, str(archive))
    assert run.returncode == 0, run.stdout + run.stderr
    out = run.stdout
    assert "2 nội dung đã đính chính có ghi cập nhật" in out
    assert "ĐÃ ĐÍNH CHÍNH: Tuyên truyền CCHC: Bài tuyên truyền đăng trên trang thông tin" in out
    assert (
        "(tuyen_truyen.bai_dang)\n      bản lưu: 22\n      hôm nay: 23\n      cập nhật ngày 03/07/2023: Đính chính"
        in out
    )
    assert "ĐÃ ĐÍNH CHÍNH: Phần I, mục 2, đoạn 1 (phan.1.muc.2.doan_van.1)" in out
    assert "THAY ĐỔI KHÔNG GHI CẬP NHẬT" not in out


def test_a_silent_change_behind_a_new_seal_fails_naming_each_value(archived):
    project, archive = archived
    change_figures(project)
    project.replace(Q2, "ngay_dang_tai: 2023-06-23", "ngay_dang_tai: 2023-06-26")
    reseal(project, "2023-q2")  # outside git nothing else can tell
    assert project.build().returncode == 0
    run = verify(project, str(archive))
    assert run.returncode == 1
    out = run.stdout
    assert "Quý 2/2023:" in out and "THAY ĐỔI KHÔNG GHI CẬP NHẬT: Dấu vân tay khi đăng tải đã khác" in out
    assert "(tuyen_truyen.bai_dang)\n      bản lưu: 22\n      hôm nay: 23" in out
    assert "THAY ĐỔI KHÔNG GHI CẬP NHẬT: Phần I, mục 2, đoạn 1 (phan.1.muc.2.doan_van.1)" in out
    assert "THAY ĐỔI KHÔNG GHI CẬP NHẬT: Ngày đăng tải (ngay_dang_tai)" in out
    assert "Kết quả: 4 THAY ĐỔI KHÔNG GHI CẬP NHẬT trong 1 báo cáo" in out


def test_a_changed_paragraph_shows_the_words_that_changed(archived):
    project, archive = archived
    project.replace(Q2, "UBND xã", "Ủy ban nhân dân xã")
    reseal(project, "2023-q2")
    run = verify(project, str(archive))
    assert run.returncode == 1
    assert "bản lưu: " in run.stdout and "Ủy ban nhân dân xã" in run.stdout


def test_a_report_removed_since_the_archive_fails(archived):
    project, archive = archived
    (project.content / "bao-cao/2024-q4.yaml").unlink()
    (project.content / "bao-cao/ban-goc/2024-q4.pdf").unlink()
    path = project.content / lock.LOCK_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["bao_cao"]["2024-q4"]
    from cchc_site.lock import file as lock_file

    path.write_text(lock_file.dump(data["bao_cao"]), encoding="utf-8")
    run = verify(project, str(archive))
    assert (
        run.returncode == 1
        and "Báo cáo đã công bố không còn trên trang (tệp báo cáo đã bị xóa)" in run.stdout
    )


@pytest.fixture
def served(archived):
    project, archive = archived
    handler = functools.partial(_Quiet, directory=str(archive))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield project, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def test_an_archive_served_over_http_verifies_the_same(served):
    project, url = served
    change_figures(project)
    reseal(project, "2023-q2")
    run = verify(project, url)
    assert run.returncode == 1
    assert f"Đối chiếu bản lưu {url}du-lieu/kiem-chung.json" in run.stdout
    assert (
        "THAY ĐỔI KHÔNG GHI CẬP NHẬT: Tuyên truyền CCHC: Bài tuyên truyền đăng trên trang thông tin"
        in run.stdout
    )


def test_an_address_without_the_record_is_said_plainly(served):
    project, url = served
    run = verify(project, url + "khong-co/")
    assert run.returncode == 1 and "máy chủ trả lời mã 404" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "không có tệp đối chiếu"),
        (b"<html>", "không phải tệp JSON đối chiếu"),
        (b'{"phien_ban": 1, "bao_cao": {"2023-q2": []}}', "không đúng cấu trúc"),
    ],
)
def test_a_broken_archive_is_said_plainly(history_project, tmp_path: Path, content, expected):
    archive = tmp_path / "ban-luu"
    (archive / "du-lieu").mkdir(parents=True)
    if content is not None:
        (archive / "du-lieu" / "kiem-chung.json").write_bytes(content)
    run = verify(history_project, str(archive))
    assert run.returncode == 1 and expected in run.stderr and "Traceback" not in run.stderr
