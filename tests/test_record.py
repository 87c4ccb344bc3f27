"""The published record: the seal covers the date, the lock file is read strictly, and git history
keeps the lock append-only (every way of rewriting it is tried on a temp repository)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest

from cchc_site.lock import file as lock_file
from cchc_site.lock import seal as lock
from cchc_site.validate import load_site

from .conftest import TODAY, data_errors, find_problem

Q1 = "bao-cao/2023-q1.yaml"
Q2 = "bao-cao/2023-q2.yaml"
Q4 = "bao-cao/2024-q4.yaml"


def git(root, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **os.environ,
            "GIT_AUTHOR_DATE": "2026-11-28T10:00:00",
            "GIT_COMMITTER_DATE": "2026-11-28T10:00:00",
        },
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def khoa(project) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_site", "khoa", "--content", str(project.content)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_lock(project) -> dict:
    return json.loads((project.content / lock.LOCK_FILE).read_text(encoding="utf-8"))


def write_lock(project, entries: dict) -> None:
    (project.content / lock.LOCK_FILE).write_text(lock_file.dump(entries), encoding="utf-8")


@pytest.fixture
def repo(history_project):
    """The nine-quarter fixture committed to a new git repository, 2024-q4 not yet sealed."""
    data = read_lock(history_project)
    del data["bao_cao"]["2024-q4"]
    write_lock(history_project, data["bao_cao"])
    root = history_project.root
    git(root, "init", "-q")
    git(root, "config", "user.email", "vanthu@example.invalid")
    git(root, "config", "user.name", "Văn thư")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Báo cáo đến quý 2/2024")
    return history_project


def commit(project, message: str) -> None:
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", message)


def test_new_seal_covers_the_publication_date_and_a_rewrite_of_both_fails(repo):
    run = khoa(repo)
    assert run.returncode == 0, run.stderr
    entry = read_lock(repo)["bao_cao"]["2024-q4"]
    assert entry["phien_ban"] == 2 and entry["gia_tri"]["ngay_dang_tai"] == lock.fingerprint("2024-12-23")
    assert lock.seal(entry["gia_tri"]) == entry["van_tay"]
    load_site(repo.content, "content", today=TODAY)  # as written, it verifies
    repo.replace(Q4, "ngay_dang_tai: 2024-12-23", "ngay_dang_tai: 2024-12-30")
    data = read_lock(repo)
    data["bao_cao"]["2024-q4"]["ngay_dang_tai"] = "2024-12-30"
    write_lock(repo, data["bao_cao"])
    problem = find_problem(data_errors(repo), "không khớp với các giá trị đã khóa")
    assert problem.file == f"content/{Q4}" and problem.found == "tệp khóa đã bị sửa tay"


def test_version_one_entries_still_verify_and_their_date_is_still_checked(history_project):
    site = load_site(history_project.content, "content", today=TODAY)
    q2 = next(r for r in site.reports if r.model.slug == "2023-q2")
    assert q2.seal == q2.current_seal == read_lock(history_project)["bao_cao"]["2023-q2"]["van_tay"]
    history_project.replace(Q2, "ngay_dang_tai: 2023-06-23", "ngay_dang_tai: 2023-06-26")
    find_problem(data_errors(history_project), "đã công bố bị đổi mà không ghi cập nhật")


def test_a_wrong_publication_date_is_corrected_with_a_recorded_correction(history_project):
    history_project.replace(Q2, "ngay_dang_tai: 2023-06-23", "ngay_dang_tai: 2023-06-26")
    text = (history_project.content / Q2).read_text(encoding="utf-8")
    (history_project.content / Q2).write_text(
        text
        + (
            "cap_nhat:\n  - ngay: 2023-06-27\n    truong: ngay_dang_tai\n    gia_tri_cu: 2023-06-23\n"
            "    gia_tri_moi: 2023-06-26\n    ly_do: Ngày đăng tải ghi nhầm.\n"
        ),
        encoding="utf-8",
    )
    site = load_site(history_project.content, "content", today=TODAY)
    q2 = next(r for r in site.reports if r.model.slug == "2023-q2")
    assert q2.model.ngay_dang_tai == date(2023, 6, 26) and q2.seal == q2.current_seal  # a v1 seal


@pytest.mark.parametrize(
    "day, signed, expected",
    [
        ("2023-03-10", "", "từ ngày cuối kỳ số liệu (14/03/2023) trở đi"),
        ("2023-03-16", "ngay_ban_hanh: 2023-03-17\n", "từ ngày ban hành (17/03/2023) trở đi"),
    ],
)
def test_a_report_is_not_published_before_its_window_closes_or_it_is_signed(
    history_project, day, signed, expected
):
    history_project.replace(Q1, "ngay_ban_hanh: 2023-03-17\n", signed)
    history_project.replace(Q1, "ngay_dang_tai: 2023-03-24", f"ngay_dang_tai: {day}")
    data = read_lock(history_project)
    del data["bao_cao"]["2023-q1"]
    write_lock(history_project, data["bao_cao"])
    problem = find_problem(data_errors(history_project), "Ngày đăng tải trước khi báo cáo có thể đăng")
    assert problem.expected == expected and problem.line == history_project.line_of(Q1, "ngay_dang_tai:")


def test_a_lock_saved_with_a_bom_reads(history_project):
    path = history_project.content / lock.LOCK_FILE
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    load_site(history_project.content, "content", today=TODAY)
    history_project.replace(Q4, "ngay_dang_tai: 2024-12-23\n", "ngay_dang_tai: 2024-12-23\n")
    run = khoa(history_project)
    assert run.returncode == 0 and "Traceback" not in run.stderr


@pytest.mark.parametrize(
    "edit, message, field",
    [
        (
            lambda e: e.__setitem__("ngay_dang_tai", "28/11/2026"),
            "trong tệp khóa không đúng dạng",
            "bao_cao.2023-q1.ngay_dang_tai",
        ),
        (
            lambda e: e.__setitem__("ngay_dang_tai", "2023-02-30"),
            "trong tệp khóa không đúng dạng",
            "bao_cao.2023-q1.ngay_dang_tai",
        ),
        (
            lambda e: e.__setitem__("van_tay", "xyz"),
            "Dấu vân tay của 2023-q1 không đúng dạng",
            "bao_cao.2023-q1.van_tay",
        ),
        (
            lambda e: e["gia_tri"].__setitem__("ho_so.tiep_nhan", 12.5),
            "Giá trị đã khóa của 2023-q1 không đúng dạng",
            "bao_cao.2023-q1.gia_tri.ho_so.tiep_nhan",
        ),
        (
            lambda e: e["gia_tri"].__setitem__("ho_so.tiep_nhan", "482"),
            "Giá trị đã khóa của 2023-q1 không đúng dạng",
            "bao_cao.2023-q1.gia_tri.ho_so.tiep_nhan",
        ),
        (lambda e: e.__setitem__("sua_tay", True), "có trường lạ", "bao_cao.2023-q1.sua_tay"),
        (lambda e: e.pop("gia_tri"), "thiếu «gia_tri»", "bao_cao.2023-q1"),
        (
            lambda e: e.__setitem__("phien_ban", 7),
            "Phiên bản mục khóa của 2023-q1",
            "bao_cao.2023-q1.phien_ban",
        ),
    ],
)
def test_a_hand_edited_lock_is_located_never_a_crash(history_project, edit, message, field):
    data = read_lock(history_project)
    edit(data["bao_cao"]["2023-q1"])
    write_lock(history_project, data["bao_cao"])
    problem = find_problem(data_errors(history_project), message)
    assert problem.file == "content/khoa-so-lieu.json" and problem.field == field and problem.line
    run = khoa(history_project)
    assert run.returncode == 1 and message in run.stderr and "Traceback" not in run.stderr


def test_history_check_passes_and_says_nothing_when_the_record_is_whole(repo):
    site = load_site(repo.content, "content", today=TODAY, locking=True)
    assert site.notices == [] and list(site.to_lock) == ["2024-q4"]


def test_outside_git_the_check_is_skipped_and_said(history_project):
    site = load_site(history_project.content, "content", today=TODAY)
    assert site.notices == [
        "Bỏ qua kiểm tra lịch sử tệp khóa số liệu: thư mục dữ liệu không nằm trong kho git."
    ]


def test_deleting_the_lock_and_sealing_again_is_refused(repo):
    repo.replace(Q2, "tiep_nhan: 521", "tiep_nhan: 522")
    repo.replace(Q2, "da_giai_quyet: 514", "da_giai_quyet: 515")
    (repo.content / lock.LOCK_FILE).unlink()
    run = khoa(repo)
    assert run.returncode == 1
    assert "Báo cáo 2023-q2 đã được khóa trước đây (commit" in run.stderr and "không khóa lại" in run.stderr
    assert not (repo.content / lock.LOCK_FILE).exists()  # nothing written
    problem = find_problem(data_errors(repo), "Báo cáo 2023-q2 đã khóa trong lịch sử git")
    assert "không còn trong tệp khóa" in problem.message


def test_a_resealed_entry_fails_even_once_committed(repo):
    data = read_lock(repo)
    entry = data["bao_cao"]["2023-q2"]
    entry["gia_tri"]["ho_so.tiep_nhan"] = 522
    entry["van_tay"] = lock.seal(entry["gia_tri"])  # consistent with itself: only history tells
    write_lock(repo, data["bao_cao"])
    repo.replace(Q2, "tiep_nhan: 521", "tiep_nhan: 522")
    repo.replace(Q2, "da_giai_quyet: 514", "da_giai_quyet: 515")
    commit(repo, "Sửa số liệu")
    problems = data_errors(repo)
    problem = find_problem(problems, "Báo cáo 2023-q2 đã khóa trong lịch sử git")
    assert "với dấu vân tay khác" in problem.message and problem.line == repo.line_of(
        lock.LOCK_FILE, '"2023-q2"'
    )
    assert "git show" in problem.hint


def test_a_version_one_date_rewritten_in_report_and_lock_is_caught_by_history(repo):
    repo.replace(Q2, "ngay_dang_tai: 2023-06-23", "ngay_dang_tai: 2023-06-26")
    data = read_lock(repo)
    data["bao_cao"]["2023-q2"]["ngay_dang_tai"] = "2023-06-26"  # beside a version 1 seal, not in it
    write_lock(repo, data["bao_cao"])
    problem = find_problem(data_errors(repo), "Báo cáo 2023-q2 đã khóa trong lịch sử git")
    assert "với ngày đăng tải khác" in problem.message and "2023-06-23" in problem.expected


def test_removing_a_published_report_and_its_seal_fails(repo):
    (repo.content / Q2).unlink()
    data = read_lock(repo)
    del data["bao_cao"]["2023-q2"]
    write_lock(repo, data["bao_cao"])
    commit(repo, "Bỏ báo cáo")
    find_problem(data_errors(repo), "Báo cáo 2023-q2 đã khóa trong lịch sử git")


def test_a_recorded_correction_passes_with_history(repo):
    repo.replace(Q2, "tiep_nhan: 521", "tiep_nhan: 522")
    repo.replace(Q2, "da_giai_quyet: 514", "da_giai_quyet: 515")
    text = (repo.content / Q2).read_text(encoding="utf-8")
    assert "cap_nhat" not in text
    load_errors = data_errors(repo)
    hint = find_problem(load_errors, "bị thay đổi mà không ghi cập nhật").hint
    assert "truong: ho_so.tiep_nhan" in hint


def test_sealing_a_new_report_under_git_is_allowed_and_then_kept(repo):
    assert khoa(repo).returncode == 0
    commit(repo, "Khóa quý 4/2024")
    load_site(repo.content, "content", today=TODAY)
    data = read_lock(repo)
    del data["bao_cao"]["2024-q4"]
    write_lock(repo, data["bao_cao"])
    find_problem(data_errors(repo), "Báo cáo 2024-q4 đã khóa trong lịch sử git")
    run = khoa(repo)  # the same values sealed again: identical entry, history agrees
    assert run.returncode == 0, run.stderr
    load_site(repo.content, "content", today=TODAY)


COMING = """  - ten: Thủ tục thử nghiệm niêm yết sau
    linh_vuc: Hộ tịch
    nhom: cap_xa
    truc_tuyen: null
    ngay_niem_yet: {day}
"""


def add_procedure(project, day: date) -> None:
    path = project.content / "thu-tuc.yaml"
    path.write_text(path.read_text(encoding="utf-8") + COMING.format(day=day.isoformat()), encoding="utf-8")


def test_a_procedure_listed_later_is_coming_not_listed(project):
    add_procedure(project, TODAY + timedelta(days=30))
    site = load_site(project.content, "content", today=TODAY)
    assert [t.ten for t in site.coming] == ["Thủ tục thử nghiệm niêm yết sau"]
    assert len(site.listed) == 163 and site.coming[0] not in site.listed
    later = load_site(project.content, "content", today=TODAY + timedelta(days=30))
    assert len(later.listed) == 164 and later.coming == []


def test_the_list_page_shows_coming_procedures_apart(project):
    soon = date.today() + timedelta(days=45)  # the build's day is the clock's
    add_procedure(project, soon)
    assert project.build().returncode == 0
    page = (project.site / "thu-tuc" / "index.html").read_text(encoding="utf-8")
    assert "niêm yết <strong>163 thủ tục hành chính</strong>" in page
    coming = page[page.index('id="sap-niem-yet"') :]
    assert "Thủ tục thử nghiệm niêm yết sau" in coming and soon.strftime("%d/%m/%Y") in coming
    home = (project.site / "index.html").read_text(encoding="utf-8")
    assert "163" in home


def test_a_listing_far_ahead_is_refused(project):
    add_procedure(project, date(2099, 1, 1))
    problem = find_problem(data_errors(project), "Ngày niêm yết quá xa trong tương lai")
    assert problem.field.endswith("ngay_niem_yet") and problem.line
