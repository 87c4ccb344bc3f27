"""The lock's git history cannot be bypassed: not by the build cache, not by a shallow clone; and
the recovery command the history check prints works where it says to run it."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys

import pytest

from cchc_site.core.errors import DataError
from cchc_site.lock import file as lock_file
from cchc_site.lock import seal as lock
from cchc_site.validate import load_site

from .conftest import TODAY, data_errors, find_problem

Q2 = "bao-cao/2023-q2.yaml"
GIT_ENV = {"GIT_AUTHOR_DATE": "2026-11-28T10:00:00", "GIT_COMMITTER_DATE": "2026-11-28T10:00:00"}


def git(root, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=Thử", "-c", "user.email=thu@example.vn", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **GIT_ENV},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit(project, message: str) -> None:
    git(project.root, "add", "content", "mkdocs.yml")
    git(project.root, "commit", "-q", "-m", message)


def reseal(project) -> None:
    """2023-q2 changed, its lock entry removed and sealed again by ``khoa``: consistent, only history tells."""
    project.replace(Q2, "UBND xã Phượng Kỳ về cải cách", "Ủy ban nhân dân xã Phượng Kỳ về cải cách")
    path = project.content / lock.LOCK_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["bao_cao"]["2023-q2"]
    path.write_text(lock_file.dump(data["bao_cao"]), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "cchc_site", "khoa", "--content", str(project.content)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0 and "Đã khóa số liệu báo cáo 2023-q2" in run.stdout, run.stderr


def test_the_cache_never_replays_a_success_the_history_now_forbids(history_project):
    project = history_project
    originals = {p: (project.content / p).read_bytes() for p in (lock.LOCK_FILE, Q2)}
    reseal(project)
    tampered = {p: (project.content / p).read_bytes() for p in originals}
    first = project.build()  # outside git: the history cannot tell, the build passes and is cached
    assert first.returncode == 0, first.stderr
    assert list((project.root / ".cache" / "cchc-site").glob("*.json"))
    git(project.root, "init", "-q")
    for path, data in originals.items():
        (project.content / path).write_bytes(data)
    commit(project, "Đăng các báo cáo")
    for path, data in tampered.items():  # the very files of the cached build, now against history
        (project.content / path).write_bytes(data)
    commit(project, "Sửa số liệu")
    cached = project.build()
    assert cached.returncode != 0
    assert "Báo cáo 2023-q2 đã khóa trong lịch sử git" in cached.stderr
    (project.root / ".cache").rename(project.root / "cache-cu")
    uncached = project.build()
    assert uncached.returncode != 0

    def error(output: str) -> str:
        return output[output.index("Báo cáo 2023-q2 đã khóa") :].split("\n\n")[0]

    assert error(cached.stderr) == error(uncached.stderr)


@pytest.fixture
def shallow(history_project, tmp_path):
    """The fixture committed twice (2024-q4 sealed in the second commit), cloned with depth 1."""
    project = history_project
    data = json.loads((project.content / lock.LOCK_FILE).read_text(encoding="utf-8"))
    whole = dict(data["bao_cao"])
    del data["bao_cao"]["2024-q4"]
    (project.content / lock.LOCK_FILE).write_text(lock_file.dump(data["bao_cao"]), encoding="utf-8")
    git(project.root, "init", "-q")
    commit(project, "Đăng")
    (project.content / lock.LOCK_FILE).write_text(lock_file.dump(whole), encoding="utf-8")
    commit(project, "Khóa quý 4/2024")
    clone = tmp_path / "ban-sao"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{project.root}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    return clone


def test_a_shallow_clone_fails_saying_how_to_fetch_the_history(shallow, monkeypatch):
    monkeypatch.delenv("CCHC_LICH_SU", raising=False)
    with pytest.raises(DataError) as caught:
        load_site(shallow / "content", "content", today=TODAY)
    problem = find_problem(caught.value.problems, "bản sao nông")
    assert problem.file == "content/khoa-so-lieu.json"
    assert "git fetch --unshallow" in problem.hint and "fetch-depth: 0" in problem.hint
    assert "CCHC_LICH_SU=noi-khac" in problem.hint
    command = re.search(r"«(git fetch --unshallow)» trong thư mục dự án", problem.hint)
    assert command
    subprocess.run(shlex.split(command.group(1)), cwd=shallow, check=True, capture_output=True, timeout=60)
    site = load_site(shallow / "content", "content", today=TODAY)  # the whole history: checked, passes
    assert site.notices == []


def test_a_shallow_clone_builds_when_told_the_history_is_checked_elsewhere(shallow, monkeypatch):
    monkeypatch.setenv("CCHC_LICH_SU", "noi-khac")
    site = load_site(shallow / "content", "content", today=TODAY)
    assert len(site.notices) == 1 and "kiểm tra ở nơi khác (CCHC_LICH_SU=noi-khac)" in site.notices[0]


def test_the_printed_recovery_command_works_in_the_project_folder(history_project):
    project = history_project
    sealed_before = json.loads((project.content / lock.LOCK_FILE).read_text(encoding="utf-8"))["bao_cao"]
    originals = {p: (project.content / p).read_bytes() for p in (lock.LOCK_FILE, Q2)}
    reseal(project)  # outside git: khoa seals it
    tampered = {p: (project.content / p).read_bytes() for p in originals}
    git(project.root, "init", "-q")
    for path, data in originals.items():
        (project.content / path).write_bytes(data)
    commit(project, "Đăng")
    for path, data in tampered.items():
        (project.content / path).write_bytes(data)
    commit(project, "Sửa số liệu")
    problem = find_problem(data_errors(project), "Báo cáo 2023-q2 đã khóa trong lịch sử git")
    match = re.search(r"«(git show [^»]+)» \(chạy trong thư mục dự án\)", problem.hint)
    assert match, problem.hint
    for where in (project.root, project.content):  # any folder of the project
        shown = subprocess.run(
            shlex.split(match.group(1)), cwd=where, capture_output=True, text=True, timeout=60
        )
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["bao_cao"]["2023-q2"] == sealed_before["2023-q2"]
    assert "dinh-chinh 2023-q2" in problem.hint
