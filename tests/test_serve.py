"""Live preview: ``mkdocs serve`` rebuilds on an edit under content/, and a bad edit keeps the last good site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.slow  # a live preview server, edited while it runs: the full tier only


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def served(project):
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = open(project.root / "serve.log", "w+", encoding="utf-8")  # noqa: SIM115 - open while the server runs
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project.root,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: fetch(base) is not None, 90), (project.root / "serve.log").read_text()
        yield project, base, project.root / "serve.log"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_serve_rebuilds_on_edit_and_keeps_the_last_good_site(served):
    project, base, log = served
    contact = base + "lien-he/"
    home = fetch(base)
    assert home is not None and "Phượng Kỳ" in home
    time.sleep(1.5)  # let the watcher settle before the first edit
    project.replace(  # the name and the body together: a body that names another unit is refused
        "xa.yaml",
        "ten: Phượng Kỳ\nco_quan: Ủy ban nhân dân xã Phượng Kỳ",
        "ten: Phượng Kỳ Mới\nco_quan: UBND xã Phượng Kỳ Mới",
    )
    assert wait_for(lambda: "UBND xã Phượng Kỳ Mới" in (fetch(base) or ""), 60), log.read_text()

    project.replace("thu-tuc.yaml", 'ma: "1.001193"', "ma: 1.001193")  # a typical mistake
    assert wait_for(lambda: "Mã thủ tục viết không có dấu nháy" in log.read_text(), 60), log.read_text()
    assert "content/thu-tuc.yaml:" in log.read_text() and "Traceback" not in log.read_text()
    assert wait_for(lambda: "Dữ liệu đang lỗi" in (fetch(contact) or ""), 30)  # every page says so
    page = fetch(base)
    assert page is not None and "UBND xã Phượng Kỳ Mới" in page  # the last good data is still served
    assert "Mã thủ tục viết không có dấu nháy" in page

    project.replace("thu-tuc.yaml", "ma: 1.001193", 'ma: "1.001193"')  # fixed: the warning goes away
    assert wait_for(lambda: "Dữ liệu đang lỗi" not in (fetch(base) or "Dữ liệu đang lỗi"), 60), (
        log.read_text()
    )
