"""The bad-input corpus (tests/bad_inputs/cases.yaml): every case fails the build and the check.

For each case: ``mkdocs build`` and ``python -m cchc_site check`` exit non-zero with the expected
Vietnamese message naming the file and the line, never a traceback; the previously built site is
byte-identical; the run stays within a bounded time and memory; a secret written where a symbolic
link points is never printed. The keys of a case are described at the top of cases.yaml.
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

from cchc_site.content.rawtext import MAX_BYTES

from .conftest import Project, make_project

pytestmark = pytest.mark.slow  # every example or case is a real build or check: the full tier only

HERE = Path(__file__).parent / "bad_inputs"
CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
TIME_LIMIT = 60  # seconds per command
MEMORY_LIMIT = 1_500_000_000  # bytes of address space per command (the loader refuses bombs long before)

EDITS = ("find", "append", "content", "bytes", "generate", "encode", "copy_to", "delete", "mkdir",
         "symlink_to", "fifo")  # fmt: skip
KEYS = {
    "id", "nhom", "file", "expect", "in_file", "line", "line_of", "line_of_in", "offset",
    "replace", "also", "secret", "secret_name", "chmod", "only", *EDITS,
}  # fmt: skip


def generate(kind: str) -> str:
    if kind == "alias_bomb":  # "billion laughs": nine levels of nine references
        lines = ['a0: &a0 ["ha"]']
        lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
        return "\n".join(lines) + "\n"
    if kind == "deep_nesting":
        return "ten: " + "[" * 500 + "]" * 500 + "\n"
    if kind == "oversize":
        return "# " + "x" * (MAX_BYTES + 100_000) + "\n"  # just over the content limit
    if kind == "deep_brackets":  # never closed: a recursive parser would overflow its stack
        return "[" * 50_000
    if kind == "deep_braces":
        return "{a: " * 50_000
    if kind == "deep_indent":  # 150 keys, each indented under the previous one
        return "".join(f"{'  ' * i}muc_{i}:\n" for i in range(150)) + "  " * 150 + "x: 1\n"
    if kind == "deep_dashes":  # a list in a list in a list…, all opened on one line
        return "- " * 150
    if kind == "long_number":
        return "4" * 400
    if kind == "many_parts":  # parts III…XL after the report's I and II: one more than the numerals known
        part = "  - so: {}\n    tieu_de: PHẦN {}\n    doan_van:\n      - Nội dung.\n"
        return "".join(part.format(_roman(n), n) for n in range(3, 41))
    if kind == "many_items":  # one flat list, small in bytes, over the loader's count of values
        return "[" + "0, " * 200_001 + "0]"
    raise ValueError(kind)


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + letters, number - value
    return out


def apply_edit(edit: dict, project: Project) -> None:
    """One edit of one path under content/ (``edit["file"]``)."""
    path = project.content / edit["file"]
    if "find" in edit:
        new = edit["replace"]
        if "generate" in edit:
            new = new.replace("{sinh}", generate(edit["generate"]))
        project.replace(edit["file"], edit["find"], new)
    elif "append" in edit:
        path.write_text(path.read_text(encoding="utf-8") + edit["append"], encoding="utf-8")
    elif "content" in edit:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(edit["content"], encoding="utf-8")
    elif "bytes" in edit:
        path.write_bytes((HERE / "files" / edit["bytes"]).read_bytes())
    elif "generate" in edit:
        path.write_text(generate(edit["generate"]), encoding="utf-8")
    elif "encode" in edit:
        path.write_bytes(path.read_text(encoding="utf-8").encode(edit["encode"]))
    elif "copy_to" in edit:
        shutil.copy(path, project.content / edit["copy_to"])
    elif edit.get("delete"):
        path.unlink()
    elif edit.get("mkdir"):
        path.mkdir(parents=True)
    elif edit.get("fifo"):
        path.unlink(missing_ok=True)
        os.mkfifo(path)
    elif "symlink_to" in edit:
        if "secret" in edit:  # what the link would expose: written where it points (in a folder: secret_name)
            target = path.parent / edit["symlink_to"]
            if "secret_name" in edit:
                target = target / edit["secret_name"]
            assert target.resolve().is_relative_to(project.root.resolve()), target  # never outside the copy
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"{edit['secret']}\n", encoding="utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        path.symlink_to(edit["symlink_to"])
    elif "chmod" not in edit:
        raise ValueError(f"{edit}: no edit")
    if "chmod" in edit:
        path.chmod(int(str(edit["chmod"]), 8))


def apply(case: dict, project: Project) -> None:
    for edit in case.get("also", []):
        apply_edit(edit, project)
    apply_edit(case, project)
    if "chmod" in case and _readable(project.content / case["file"]):
        pytest.skip("tiến trình đọc được cả tệp đã bỏ quyền đọc (chạy bằng root): không thử được")


def _readable(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            handle.read(1)
        return True
    except OSError:
        return False


def expected_where(case: dict, project: Project) -> tuple[str, int | None]:
    """``content/<file>:<line>`` (a pattern for any line, or no line), and the line number if one is known."""
    file = case.get("in_file", case["file"])
    if "line_of" in case or "line_of_in" in case:
        needle = case.get("line_of_in", case.get("line_of"))
        text = (project.content / file).read_bytes().decode("utf-8", "replace")
        lines = text.replace("\r\n", "\n").split("\n")  # not splitlines(): U+2028, U+0085… are no new line
        number = next(i for i, line in enumerate(lines, 1) if needle in line) + case.get("offset", 0)
        return re.escape(f"content/{file}:{number}") + r"\b", number
    if case.get("line") == "none":
        return re.escape(f"content/{file}: "), None  # the file itself, no line number
    if case.get("line") == "any":
        return re.escape(f"content/{file}:") + r"\d+", None
    return re.escape(f"content/{file}:{case['line']}") + r"\b", case["line"]


def limited() -> None:  # runs in the child: bounded memory, no core files
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run(command: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    result = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=limited,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return result, time.monotonic() - started


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Project:
    """The real content, built once: each case starts from a copy of it and its site."""
    project = make_project(tmp_path_factory.mktemp("corpus") / "project")
    assert project.build().returncode == 0
    return project


def test_corpus_is_large_and_varied():
    assert len(CASES) >= 100
    assert len({case["id"] for case in CASES}) == len(CASES)
    assert len({case["nhom"] for case in CASES}) >= 10
    for case in CASES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case["id"]), case["id"]
        assert case["expect"] and case["file"] and case["nhom"], case["id"]
        assert set(case) <= KEYS, (case["id"], set(case) - KEYS)  # a mistyped key would silently do nothing
        assert {"line", "line_of", "line_of_in"} & set(case), case["id"]  # say where, or say "none"
        assert case.get("only", "build") == "build", case["id"]
        if "{dong}" in case["expect"]:
            assert "line_of" in case or isinstance(case.get("line"), int), case["id"]
        for edit in [case, *case.get("also", [])]:
            kinds = set(edit) & set(EDITS)
            kinds -= {"generate"} if "find" in kinds else set()  # «generate» then fills «replace»
            assert len(kinds) == 1 or (not kinds and "chmod" in edit), (case["id"], edit)
    assert sum(case.get("only") == "build" for case in CASES) <= 10  # sparingly: see cases.yaml


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_bad_input_fails_cleanly(case, template, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(template.root, root, symlinks=True)
    project = Project(root)
    before = project.site_digest()
    apply(case, project)
    where, number = expected_where(case, project)
    expect = case["expect"].replace("{dong}", str(number))
    secret = case.get("secret")

    build, build_seconds = run([sys.executable, "-m", "mkdocs", "build", "--strict"], root)
    assert build.returncode != 0
    assert not secret or secret not in build.stdout + build.stderr  # refused unread
    assert expect in build.stderr, build.stderr[-3000:]
    assert re.search(where, build.stderr), (where, build.stderr[-3000:])
    assert "Traceback" not in build.stderr
    assert project.site_digest() == before  # nothing half-written, nothing removed
    assert build_seconds < 30
    if case.get("only") == "build":
        return

    check, check_seconds = run([sys.executable, "-m", "cchc_site", "check", "content"], root)
    assert check.returncode == 1
    assert not secret or secret not in check.stdout + check.stderr
    assert expect in check.stderr, check.stderr[-3000:]
    file = case.get("in_file", case["file"])
    assert f"content/{file}: " in check.stderr  # grouped under the file
    if case.get("line") != "none":
        assert re.search(r"  dòng \d+: |  cả tệp: ", check.stderr)
    assert "Traceback" not in check.stderr
    assert check_seconds < 15
