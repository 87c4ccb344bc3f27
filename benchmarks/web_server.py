"""The built site served as the commune serves it: Debian's nginx with the README's configuration.

The ``server { … }`` block is read from README.md, so what the tests and the page-weight
benchmark measure is exactly what the README tells an office to install; only the address
(127.0.0.1 and a free port) and the folder are changed. nginx runs in the foreground, as one
process, with its logs and temporary files in a temporary folder: no root, no system files.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = "/etc/nginx/mime.types"


def readme_server_block(readme: Path = ROOT / "README.md") -> str:
    """The README's sample ``server`` block (the first ```nginx fence)."""
    text = readme.read_text(encoding="utf-8")
    found = re.search(r"^( *)```nginx\n(.*?)^\1```", text, re.S | re.M)
    if not found:
        raise LookupError("README.md không có khối cấu hình ```nginx.")
    indent = found.group(1)
    return "\n".join(line.removeprefix(indent) for line in found.group(2).splitlines())


def config(site: Path, port: int, work: Path) -> str:
    """A whole nginx.conf around the README's block, listening on 127.0.0.1:port and serving site."""
    server = readme_server_block()
    server, listens = re.subn(r"^(\s*)listen\s+[^;]+;", rf"\g<1>listen 127.0.0.1:{port};", server, flags=re.M)
    server, roots = re.subn(
        r"^(\s*)root\s+[^;]+;", lambda m: f'{m.group(1)}root "{site}";', server, flags=re.M
    )
    if listens != 1 or roots != 1:
        raise ValueError("Khối cấu hình nginx trong README.md cần đúng một dòng «listen» và một dòng «root».")
    temp = "\n".join(
        f"    {kind}_temp_path {work / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
master_process off;
worker_processes 1;
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
{temp}
{server}
}}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(port: int, process: subprocess.Popen, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nginx không khởi động được")


@contextmanager
def nginx(site: Path) -> Iterator[str]:
    """Serve ``site`` with the README's nginx configuration; yields the base address."""
    with tempfile.TemporaryDirectory(prefix="cchc-nginx-") as tmp:
        work = Path(tmp)
        port = _free_port()
        conf = work / "nginx.conf"
        conf.write_text(config(site.resolve(), port, work), encoding="utf-8")
        check = subprocess.run(
            [NGINX, "-t", "-q", "-p", str(work), "-e", str(work / "error.log"), "-c", str(conf)],
            capture_output=True,
            text=True,
        )
        if check.returncode:
            raise RuntimeError(f"Cấu hình nginx trong README.md không hợp lệ:\n{check.stderr}")
        process = subprocess.Popen(
            [NGINX, "-p", str(work), "-e", str(work / "error.log"), "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _wait(port, process)
            yield f"http://127.0.0.1:{port}/"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stderr:
                process.stderr.close()
