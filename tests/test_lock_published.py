"""Without git, ``khoa`` compares with the last published site; published corrections are sealed;
``dinh-chinh`` writes a correction with the old value taken from the published record."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from cchc_site.lock import file as lock_file
from cchc_site.lock import seal as lock
from cchc_site.validate import load_site

from .conftest import TODAY, data_errors, find_problem

Q1 = "bao-cao/2023-q1.yaml"
Q2 = "bao-cao/2023-q2.yaml"
Q3_2022 = "bao-cao/2022-q3.yaml"


def cli(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_site", *args, "--content", str(project.content)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=project.root,
    )


def unseal(project, slug: str) -> bytes:
    path = project.content / lock.LOCK_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["bao_cao"][slug]
    path.write_text(lock_file.dump(data["bao_cao"]), encoding="utf-8")
    return path.read_bytes()


def test_khoa_refuses_to_reseal_a_changed_report_the_last_build_published(history_project, history_built):
    shutil.copytree(history_built.site, history_project.site)  # the previous build of the same data
    history_project.replace(Q2, "UBND xã Phượng Kỳ về cải cách", "Ủy ban nhân dân xã Phượng Kỳ về cải cách")
    before = unseal(history_project, "2023-q2")
    run = cli(history_project, "khoa")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "Báo cáo 2023-q2 khác với bản đã công bố (site/du-lieu/kiem-chung.json)" in run.stderr
    assert "(mo_dau.1): đã công bố «" in run.stderr and "dinh-chinh" in run.stderr
    assert (history_project.content / lock.LOCK_FILE).read_bytes() == before
    history_project.replace(Q2, "Ủy ban nhân dân xã Phượng Kỳ về cải cách", "UBND xã Phượng Kỳ về cải cách")
    run = cli(history_project, "khoa")  # the published values again: the same entry, sealed
    assert run.returncode == 0, run.stderr
    load_site(history_project.content, "content", today=TODAY)


def test_khoa_refuses_to_rewrite_the_q3_2022_publication_date(project, built):
    shutil.copytree(built.site, project.site)
    project.replace(Q3_2022, "ngay_dang_tai: 2026-11-28", "ngay_dang_tai: 2026-11-30")
    (project.content / lock.LOCK_FILE).unlink()
    run = cli(project, "khoa")
    assert run.returncode == 1
    assert "ngày đăng tải đã công bố là 28/11/2026, nay ghi 30/11/2026" in run.stderr
    assert not (project.content / lock.LOCK_FILE).exists()


def test_khoa_compares_with_an_archived_copy_given(history_project, history_built, tmp_path):
    archived = tmp_path / "site-2026-11"
    shutil.copytree(history_built.site, archived)
    history_project.replace(Q2, "UBND xã Phượng Kỳ về cải cách", "Ủy ban nhân dân xã Phượng Kỳ về cải cách")
    unseal(history_project, "2023-q2")
    assert not history_project.site.exists()
    run = cli(history_project, "khoa", "--ban-luu", str(archived))
    assert run.returncode == 1 and "Báo cáo 2023-q2 khác với bản đã công bố" in run.stderr
    missing = cli(history_project, "khoa", "--ban-luu", str(tmp_path / "khong-co"))
    assert missing.returncode == 1 and "không có tệp đối chiếu" in missing.stderr


def test_a_sealed_correction_cannot_be_moved_or_edited(history_project):
    run = cli(history_project, "khoa")
    assert run.returncode == 0 and "Đã khóa 2 lần cập nhật mới của báo cáo 2023-q1" in run.stdout
    load_site(history_project.content, "content", today=TODAY)
    history_project.replace(
        Q1,
        "ngay: 2023-04-03\n    truong: tuyen_truyen.bai_dang",
        "ngay: 2023-03-30\n    truong: tuyen_truyen.bai_dang",
    )  # earlier, still after publication: only the seal tells
    problem = find_problem(data_errors(history_project), "Lần cập nhật thứ 1 đã công bố và đã khóa bị sửa")
    assert problem.file == "content/bao-cao/2023-q1.yaml"
    assert problem.line == history_project.line_of(Q1, "ngay: 2023-03-30")
    assert problem.field == "cap_nhat[1].ngay"  # counted from 1, as staff read it
    assert problem.found == "30/03/2023" and problem.expected == "03/04/2023 (như đã khóa)"
    history_project.replace(Q1, "ngay: 2023-03-30", "ngay: 2023-04-03")
    history_project.replace(Q1, "gia_tri_moi: 16", "gia_tri_moi: 17")
    history_project.replace(Q1, "bai_dang: 16", "bai_dang: 17")
    problems = data_errors(history_project)
    problem = find_problem(problems, "Lần cập nhật thứ 1 đã công bố và đã khóa bị sửa: giá trị mới khác")
    assert problem.found == "17" and problem.expected == "16 (như đã khóa)"


def test_dinh_chinh_records_a_text_change_with_the_published_words(history_project, history_built):
    shutil.copytree(history_built.site, history_project.site)
    old = "Trong kỳ, đã thực hiện phát sóng được 18 lượt"
    history_project.replace(Q2, old, old.replace("18", "19"))
    history_project.replace(Q2, "phat_song: 18", "phat_song: 19")
    run = cli(
        history_project,
        "dinh-chinh",
        "2023-q2",
        "--ngay",
        "2023-07-01",
        "--ly-do",
        "Đính chính theo bản đã ký.",
    )
    assert run.returncode == 0, run.stderr
    assert "Đã ghi 2 mục cập nhật" in run.stdout
    report = next(
        r
        for r in load_site(history_project.content, "content", today=TODAY).reports
        if r.model.slug == "2023-q2"
    )
    written = {c.truong: c for c in report.model.cap_nhat}
    assert (
        written["tuyen_truyen.phat_song"].gia_tri_cu == 18
        and written["tuyen_truyen.phat_song"].gia_tri_moi == 19
    )
    paragraph = next(c for key, c in written.items() if key.startswith("phan."))
    assert str(paragraph.gia_tri_cu).startswith(old) and str(paragraph.gia_tri_moi).startswith(
        old.replace("18", "19")
    )
    assert cli(history_project, "khoa").returncode == 0
    load_site(history_project.content, "content", today=TODAY)


def test_dinh_chinh_changes_a_number_and_fills_its_old_value_from_the_lock(history_project):
    run = cli(
        history_project,
        "dinh-chinh",
        "2023-q2",
        "--chi-tieu",
        "ho_so.dung_han",
        "--gia-tri-moi",
        "13",
        "--ngay",
        "2023-07-01",
        "--ly-do",
        "Nhập sai khi đăng.",
    )
    assert run.returncode == 0, run.stderr
    text = (history_project.content / Q2).read_text(encoding="utf-8")
    assert text.endswith(
        "cap_nhat:\n  - ngay: 2023-07-01\n    truong: ho_so.dung_han\n    gia_tri_cu: 12\n"
        "    gia_tri_moi: 13\n    ly_do: Nhập sai khi đăng.\n"
    )
    problems = data_errors(history_project)  # the figure changed with it; the sums now disagree
    assert not [p for p in problems if "mà không ghi cập nhật" in p.message]


def test_dinh_chinh_without_the_published_words_says_what_to_give(history_project):
    history_project.replace(Q2, "UBND xã Phượng Kỳ về cải cách", "Ủy ban nhân dân xã Phượng Kỳ về cải cách")
    before = (history_project.content / Q2).read_bytes()
    run = cli(history_project, "dinh-chinh", "2023-q2", "--ly-do", "Sửa lời văn.")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "Không tìm thấy nguyên văn đã công bố của «mo_dau.1»" in run.stderr and "--ban-luu" in run.stderr
    assert (history_project.content / Q2).read_bytes() == before
