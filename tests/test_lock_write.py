"""The lock file is always whole: ``khoa`` killed while writing, or on a full disk, leaves the old
lock or the new one, never an empty or partial file."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cchc_site.lock import file as lock_file
from cchc_site.lock import seal as lock

from .conftest import make_project, tmpfs

KHOA = [sys.executable, "-m", "cchc_site", "khoa", "--content"]
SLOW_WRITES = [
    "strace",
    "-f",
    "-qq",
    "-o",
    os.devnull,
    "-e",
    "trace=write",
    "-e",
    "inject=write:delay_enter=300000",
]


def unlocked(project) -> tuple[Path, bytes]:
    """The fixture with 2024-q4 removed from its lock: ``khoa`` has an entry to write."""
    path = project.content / lock.LOCK_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["bao_cao"]["2024-q4"]
    path.write_text(lock_file.dump(data["bao_cao"]), encoding="utf-8")
    return path, path.read_bytes()


def assert_whole(path: Path, old: bytes, new: bytes | None) -> None:
    now = path.read_bytes()
    assert now == old or (new is not None and now == new), f"lock is neither old nor new: {len(now)} bytes"
    assert lock_file.parse(now.decode("utf-8")) is not None


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir()}


def children(pid: int) -> list[int]:
    """Every process under ``pid`` (strace runs khoa as its child)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += [int(child), *children(int(child))]
    return found


def test_khoa_killed_at_the_write_leaves_the_old_or_the_new_lock(history_project):
    path, old = unlocked(history_project)
    done = subprocess.run([*KHOA, str(history_project.content)], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    new = path.read_bytes()
    assert new != old
    # 1. every write system call slowed down by 0.3 s (strace, in the kernel's path, not in the
    # code), and khoa killed the moment anything in the folder changes: its temporary file, or the
    # lock itself
    if shutil.which("strace"):
        for _ in range(2):
            path.write_bytes(old)
            before = snapshot(history_project.content)
            tracer = subprocess.Popen(
                [*SLOW_WRITES, *KHOA, str(history_project.content)],
                stdout=subprocess.DEVNULL,
            )
            try:
                while tracer.poll() is None and snapshot(history_project.content) == before:
                    pass
                assert tracer.poll() is None, "khoa finished before anything changed"
                for pid in children(tracer.pid):
                    os.kill(pid, signal.SIGKILL)
            finally:
                tracer.wait(timeout=60)
            assert path.read_bytes() == old  # killed while writing: the old lock, whole
    else:  # pragma: no cover - strace is in the test image
        pytest.skip("strace is needed to slow the write down")
    # 2. killed at random moments of its whole run
    started = time.monotonic()
    subprocess.run([*KHOA, str(history_project.content)], capture_output=True, timeout=120)
    took = time.monotonic() - started
    randomly = random.Random(22)
    for _ in range(6):
        path.write_bytes(old)
        child = subprocess.Popen([*KHOA, str(history_project.content)], stdout=subprocess.DEVNULL)
        time.sleep(randomly.uniform(0.5, 1.1) * took)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        assert_whole(path, old, new)
    leftovers = [p.name for p in history_project.content.glob(".khoa-so-lieu.json.*")]
    done = subprocess.run([*KHOA, str(history_project.content)], capture_output=True, timeout=120)
    assert done.returncode == 0 and path.read_bytes() == new
    assert not list(history_project.content.glob(".khoa-so-lieu.json.*")), leftovers  # cleaned up


@pytest.fixture
def small_disk(tmp_path):
    """A 24 MB tmpfs mounted for the test; skipped where mounting is not allowed."""
    with tmpfs(tmp_path / "disk", "24m") as folder:
        yield folder


def test_khoa_on_a_full_disk_leaves_the_lock_as_it_was(small_disk, history_project):
    project = make_project(small_disk / "project", history_project.content)
    path, old = unlocked(project)
    filler = small_disk / "filler"
    with filler.open("wb", buffering=0) as handle:  # fill every free byte
        for size in (1 << 20, 65536, 4096, 512, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError:
                pass
    assert shutil.disk_usage(small_disk).free < 4096
    run = subprocess.run(
        [*KHOA, str(project.content)], capture_output=True, text=True, timeout=120, env={**os.environ}
    )
    assert run.returncode == 1
    assert "ổ đĩa đã đầy" in run.stderr and "Tệp khóa vẫn nguyên như trước" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert path.read_bytes() == old
    assert not list(project.content.glob(".khoa-so-lieu.json.*"))  # no temporary file left
    filler.unlink()
    run = subprocess.run([*KHOA, str(project.content)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "Đã khóa số liệu báo cáo 2024-q4" in run.stdout
