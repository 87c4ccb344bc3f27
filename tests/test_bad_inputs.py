"""The bad-input corpus (tests/bad_inputs/cases.yaml): every case fails the build and the check.

For each case: ``mkdocs build`` and ``python -m cchc_site check`` exit non-zero with the expected
Vietnamese message naming the file and the line, never a traceback; the previously built site is
byte-identical; the run stays within a bounded time and memory.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from .conftest import Project, make_project

HERE = Path(__file__).parent / "bad_inputs"
CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
TIME_LIMIT = 60  # seconds per command
MEMORY_LIMIT = 1_500_000_000  # bytes of address space per command (the loader refuses bombs long before)


def generate(kind: str) -> str:
    if kind == "alias_bomb":  # "billion laughs": nine levels of nine references
        lines = ['a0: &a0 ["ha"]']
        lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
        return "\n".join(lines) + "\n"
    if kind == "deep_nesting":
        return "ten: " + "[" * 500 + "]" * 500 + "\n"
    if kind == "oversize":
        return "# " + "x" * 2_100_000 + "\n"
    raise ValueError(kind)


def apply(case: dict, project: Project) -> None:
    path = project.content / case["file"]
    if "find" in case:
        project.replace(case["file"], case["find"], case["replace"])
    elif "append" in case:
        path.write_text(path.read_text(encoding="utf-8") + case["append"], encoding="utf-8")
    elif "content" in case:
        path.write_text(case["content"], encoding="utf-8")
    elif "bytes" in case:
        path.write_bytes((HERE / "files" / case["bytes"]).read_bytes())
    elif "generate" in case:
        path.write_text(generate(case["generate"]), encoding="utf-8")
    elif "copy_to" in case:
        shutil.copy(path, project.content / case["copy_to"])
    elif case.get("delete"):
        path.unlink()
    else:
        raise ValueError(f"case {case['id']}: no edit")


def expected_where(case: dict, project: Project) -> str | None:
    """``content/<file>:<line>``, a pattern for any line, or None when no line applies."""
    file = case.get("in_file", case["file"])
    if "line_of" in case or "line_of_in" in case:
        needle = case.get("line_of_in", case.get("line_of"))
        lines = (project.content / file).read_bytes().decode("utf-8", "replace").splitlines()
        number = next(i for i, line in enumerate(lines, 1) if needle in line) + case.get("offset", 0)
        return re.escape(f"content/{file}:{number}") + r"\b"
    if case.get("line") == "none":
        return re.escape(f"content/{file}")
    if case.get("line") == "any":
        return re.escape(f"content/{file}:") + r"\d+"
    return re.escape(f"content/{file}:{case['line']}") + r"\b"


def limited() -> None:  # runs in the child: bounded memory, no core files
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run(command: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=TIME_LIMIT,
                            preexec_fn=limited, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return result, time.monotonic() - started


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Project:
    """The real content, built once: each case starts from a copy of it and its site."""
    project = make_project(tmp_path_factory.mktemp("corpus") / "project")
    assert project.build().returncode == 0
    return project


def test_corpus_is_large_and_varied():
    assert len(CASES) >= 40
    assert len({case["id"] for case in CASES}) == len(CASES)
    assert len({case["nhom"] for case in CASES}) >= 10
    for case in CASES:
        assert case["expect"] and case["file"], case["id"]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_bad_input_fails_cleanly(case, template, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(template.root, root, symlinks=True)
    project = Project(root)
    before = project.site_digest()
    apply(case, project)
    where = expected_where(case, project)

    build, build_seconds = run([sys.executable, "-m", "mkdocs", "build", "--strict"], root)
    assert build.returncode != 0
    assert case["expect"] in build.stderr, build.stderr[-3000:]
    assert re.search(where, build.stderr), (where, build.stderr[-3000:])
    assert "Traceback" not in build.stderr
    assert project.site_digest() == before  # nothing half-written, nothing removed

    check, check_seconds = run([sys.executable, "-m", "cchc_site", "check", "content"], root)
    assert check.returncode == 1
    assert case["expect"] in check.stderr, check.stderr[-3000:]
    file = case.get("in_file", case["file"])
    assert f"content/{file}: " in check.stderr  # grouped under the file
    if case.get("line") != "none":
        assert re.search(r"  dòng \d+: |  cả tệp: ", check.stderr)
    assert "Traceback" not in check.stderr
    assert build_seconds < 30 and check_seconds < 15
