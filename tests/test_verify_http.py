"""``verify`` over HTTP cannot be hung or fooled by the server: misbehaving servers on 127.0.0.1,
started here (``http.server`` in a thread). Redirects are followed within one origin only (two
ports are two origins); every download has an overall deadline and a size limit."""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

LIMIT = 2  # seconds: the deadline given to the command here (the default is 60)


@pytest.fixture
def archived(history_project, history_built, tmp_path) -> tuple:
    """The fixture's site copied away as an auditor keeps it, and a copy of its content."""
    archive = tmp_path / "ban-luu"
    shutil.copytree(history_built.site, archive)
    return history_project, archive


@contextmanager
def serving(handler) -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 in a thread: its address and the paths it was asked for."""
    asked: list[str] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.asked = asked  # type: ignore[attr-defined]
    server.stopping = threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", asked
    finally:
        server.stopping.set()  # type: ignore[attr-defined]
        server.shutdown()
        server.server_close()


class _Archive(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.server.asked.append(self.path)  # type: ignore[attr-defined]
        super().do_GET()


class _Redirect(BaseHTTPRequestHandler):
    """Answers every request with a redirect to ``target`` + the path (``/cu`` removed)."""

    target = ""

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.server.asked.append(self.path)  # type: ignore[attr-defined]
        self.send_response(302)
        self.send_header("Location", self.target + self.path.removeprefix("/cu/").lstrip("/"))
        self.send_header("Content-Length", "0")
        self.end_headers()


class _Drip(BaseHTTPRequestHandler):
    """One byte every second: of the body (``headers_first``) or of the answer's first line."""

    headers_first = True

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        if self.headers_first:
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.flush()
            chunks = [b"{"] * 1000
        else:
            chunks = [bytes([b]) for b in b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"]
        for chunk in chunks:
            if self.server.stopping.is_set():  # type: ignore[attr-defined]
                return
            try:
                self.wfile.write(chunk)
                self.wfile.flush()
            except OSError:
                return
            time.sleep(1)


class _Big(BaseHTTPRequestHandler):
    """2 MB of JSON-looking bytes, with or without a Content-Length."""

    declared = True
    protocol_version = "HTTP/1.0"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.send_response(200)
        if self.declared:
            self.send_header("Content-Length", str(2_000_000))
        self.end_headers()
        try:
            for _ in range(200):
                self.wfile.write(b" " * 10_000)
        except OSError:
            return


def verify(project, url: str, *options: str) -> tuple[subprocess.CompletedProcess, float]:
    start = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "cchc_site", "verify", url, "--content", "content", *options],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return run, time.monotonic() - start


class _Moved(_Archive):
    """The archive, moved: ``/cu/…`` redirects to ``/…`` on the same host and port."""

    def do_GET(self):
        if not self.path.startswith("/cu/"):
            return super().do_GET()
        self.server.asked.append(self.path)  # type: ignore[attr-defined]
        self.send_response(301)
        self.send_header("Location", self.path.removeprefix("/cu"))
        self.send_header("Content-Length", "0")
        self.end_headers()


def test_a_redirect_within_the_origin_is_followed(archived):
    project, archive = archived
    with serving(functools.partial(_Moved, directory=str(archive))) as (url, asked):
        run, _ = verify(project, url + "cu/")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "/cu/du-lieu/kiem-chung.json" in asked and "/du-lieu/kiem-chung.json" in asked
    assert "/cu/bao-cao/2023-q2/" in asked and "/bao-cao/2023-q2/" in asked  # pages checked, through it
    assert "/du-lieu/bao-cao/2023-q2.csv" in asked  # data files too
    assert "Kết quả: không có thay đổi nào không ghi cập nhật." in run.stdout


def test_a_redirect_to_another_origin_is_refused(archived):
    project, archive = archived
    with serving(functools.partial(_Archive, directory=str(archive))) as (forged, asked_forged):
        redirect = type("_Away", (_Redirect,), {"target": forged})
        with serving(redirect) as (url, asked):
            run, _ = verify(project, url)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert (
        f"{url}du-lieu/kiem-chung.json: máy chủ chuyển hướng sang nguồn khác ({forged}du-lieu/kiem-chung.json)"
        in (run.stderr)
    )
    assert "chỉ theo chuyển hướng trong cùng nguồn" in run.stderr and "nên không theo" in run.stderr
    assert asked == ["/du-lieu/kiem-chung.json"] and asked_forged == []  # the other origin was never asked


def test_a_dripping_server_is_cut_off_at_the_limit(archived):
    project, _archive = archived
    for headers_first in (True, False):
        drip = type("_D", (_Drip,), {"headers_first": headers_first})
        with serving(drip) as (url, _):
            run, took = verify(project, url, "--gioi-han-giay", str(LIMIT))
        assert run.returncode == 1 and "Traceback" not in run.stderr
        assert f"máy chủ trả lời quá chậm, sau {LIMIT} giây vẫn chưa tải xong" in run.stderr
        assert took < LIMIT + 4, took  # the deadline, plus the interpreter's start


def test_an_oversize_answer_is_refused(archived):
    project, _archive = archived
    for declared in (True, False):
        big = type("_B", (_Big,), {"declared": declared})
        with serving(big) as (url, _):
            run, _ = verify(project, url, "--gioi-han-mb", "1")
        assert run.returncode == 1 and "Traceback" not in run.stderr
        assert (
            "du-lieu/kiem-chung.json: tệp quá lớn, hơn 1 MB (giới hạn dung lượng mỗi lần tải)" in run.stderr
        )


def test_limits_must_be_positive_numbers(archived):
    project, _archive = archived
    run, _ = verify(project, "http://127.0.0.1:9/", "--gioi-han-giay", "0")
    assert run.returncode == 2 and "cần một số dương" in run.stderr and "Traceback" not in run.stderr
