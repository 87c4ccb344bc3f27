"""A reader that closes the pipe early (``check --chi-tiet | head``) ends a command quietly.

Real pipes: the command writes into a pipe of one page (4 KB) so that it must still be writing
when the reader goes away, whatever the machine's default pipe size.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys

import pytest

from .conftest import ROOT

SMALL_PIPE = 4096


def small_pipe() -> tuple[int, int]:
    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, SMALL_PIPE)  # Linux; the smallest size is one page
    return read, write


def run_into_closed_pipe(args: list[str], read_first_line: bool) -> tuple[int, str, bytes]:
    """Run ``python -m cchc_site ARGS`` with stdout into a pipe the reader closes; (code, stderr, read)."""
    read, write = small_pipe()
    process = subprocess.Popen(
        [sys.executable, "-m", "cchc_site", *args], stdout=write, stderr=subprocess.PIPE, cwd=ROOT
    )
    os.close(write)
    with os.fdopen(read, "rb") as reader:
        first = reader.readline() if read_first_line else b""
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr.decode("utf-8"), first


def test_check_details_into_head_ends_quietly() -> None:
    whole = subprocess.run(
        [sys.executable, "-m", "cchc_site", "check", "--chi-tiet"], capture_output=True, cwd=ROOT, timeout=120
    )
    assert len(whole.stdout) > 2 * SMALL_PIPE  # otherwise the pipe would hold it all: no test
    code, stderr, first = run_into_closed_pipe(["check", "--chi-tiet"], read_first_line=True)
    assert first.decode("utf-8").startswith(whole.stdout.decode("utf-8").splitlines()[0])
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
    assert stderr == ""
    assert code == 141


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--help"], 0),  # argparse itself drops a help text it cannot write
        (["check", "--help"], 0),
        (["ma-tran", "tests/fixtures/tinh/xa"], 141),
    ],
)
def test_output_into_a_pipe_closed_at_once_ends_quietly(args: list[str], expected: int) -> None:
    code, stderr, _ = run_into_closed_pipe(args, read_first_line=False)
    assert stderr == "", stderr
    assert code == expected


def test_an_open_pipe_keeps_the_usual_exit_code() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cchc_site", "ma-tran", "tests/fixtures/tinh/xa"],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout.startswith(b'{"include":')
