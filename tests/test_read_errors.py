"""Every OS error met while reading content becomes a Vietnamese message naming the path and what to
do: unreadable files, names that are not UTF-8, a folder where a file belongs, a link loop."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import data_errors, find_problem

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def check(project) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_site", "check", "content"],
        cwd=project.root,
        capture_output=True,
        timeout=120,
    )


def test_a_name_that_is_not_utf8_is_refused_and_printed_without_crashing(project):
    folder = os.fsencode(project.content / "bao-cao")
    with open(os.path.join(folder, b"2022-q4\xff.yaml"), "wb") as handle:
        handle.write(b"nam: 2022\n")
    os.mkdir(os.path.join(os.fsencode(project.content), b"t\xe0i-li\xeau"))
    problems = data_errors(project)
    refused = find_problem(problems, "không phải mã UTF-8")
    assert refused.file == "content/bao-cao/2022-q4\ufffd.yaml" and "Đổi tên" in refused.hint
    assert any(p.file == "content/t\ufffdi-li\ufffdu" for p in problems)
    result = check(project)  # printed to a real pipe: no UnicodeEncodeError, no traceback
    out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in out
    assert "content/bao-cao/2022-q4\ufffd.yaml" in out


@pytest.mark.skipif(AS_ROOT, reason="root reads a file whatever its permissions: chmod 000 denies nothing")
def test_an_unreadable_file_says_permission_not_encoding(project):
    (project.content / "thu-tuc.yaml").chmod(0)
    try:
        problem = find_problem(data_errors(project), "Không đọc được tệp (không có quyền)")
        assert problem.file == "content/thu-tuc.yaml" and "chmod" in problem.hint
        assert "UTF-8" not in problem.format()
    finally:
        (project.content / "thu-tuc.yaml").chmod(0o644)


@pytest.mark.skipif(AS_ROOT, reason="root opens a folder whatever its permissions: chmod 000 denies nothing")
def test_an_unreadable_folder_is_said_not_skipped(project):
    (project.content / "bao-cao").chmod(0)
    try:
        problem = find_problem(data_errors(project), "Không mở được thư mục (không có quyền)")
        assert problem.file == "content/bao-cao"
    finally:
        (project.content / "bao-cao").chmod(0o755)


def test_a_folder_where_a_data_file_belongs(project):
    (project.content / "xa.yaml").unlink()
    (project.content / "xa.yaml").mkdir()
    problem = find_problem(data_errors(project), "Ở chỗ của tệp dữ liệu là một thư mục")
    assert problem.file == "content/xa.yaml" and problem.hint


def test_a_link_loop_is_named_as_such(project):
    reports = project.content / "bao-cao"
    (reports / "2022-q4.yaml").symlink_to("b.yaml")
    (reports / "b.yaml").symlink_to("2022-q4.yaml")
    problem = find_problem(data_errors(project), "liên kết trỏ vòng")
    assert problem.file in ("content/bao-cao/2022-q4.yaml", "content/bao-cao/b.yaml")


def test_an_original_scan_over_the_limit_is_refused_before_it_is_read(project, monkeypatch):
    from pathlib import Path

    from cchc_site.core import rules

    originals = project.content / "bao-cao" / "ban-goc"
    originals.mkdir(exist_ok=True)
    scan = originals / "2022-q3.pdf"
    with scan.open("wb") as handle:  # sparse: a size, no bytes to read
        handle.write(b"%PDF-1.4\n")
        handle.truncate((rules.MAX_ORIGINAL_MB + 1) * 1_000_000)
    path = project.content / "bao-cao" / "2022-q3.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\nnam:", "\nban_goc: 2022-q3.pdf\nnam:", 1),
        encoding="utf-8",
    )
    read = Path.read_bytes
    monkeypatch.setattr(
        Path, "read_bytes", lambda self: pytest.fail("read whole") if self == scan else read(self)
    )
    find_problem(data_errors(project), "Tệp bản gốc quá lớn")
