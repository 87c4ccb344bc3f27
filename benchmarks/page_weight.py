"""First-load weight of each page type, measured in a real browser.

Builds the site from ``content/`` into a temporary folder, serves it on 127.0.0.1, opens one
page of each type in Chromium (``/usr/bin/chromium``), records every request the page makes
until the network is idle (the search index included), and sums the files' sizes raw and
gzip-compressed (level 6, as a web server would send them). Any request to another origin is
reported and fails the run. Results are printed and written to ``BENCHMARKS.md``.

Run: ``.venv/bin/python benchmarks/page_weight.py`` (needs Playwright and Debian's chromium).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import platform
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = {
    "Trang chủ": "",
    "Báo cáo quý": "bao-cao/2022-q3/",
    "Danh sách thủ tục": "thu-tuc/",
    "Trang thủ tục": "thu-tuc/1.001193/",
}
BUDGET = 100 * 1024  # a procedure page's first load, gzip
MARKER_START = "<!-- page-weight:start -->"
MARKER_END = "<!-- page-weight:end -->"


@dataclass
class Weight:
    page: str
    files: dict[str, tuple[int, int]]  # path → (raw, gzip)
    foreign: list[str]

    def total(self, kinds: tuple[str, ...] | None = None) -> tuple[int, int]:
        chosen = [v for k, v in self.files.items() if kinds is None or kind(k) in kinds]
        return sum(r for r, _ in chosen), sum(g for _, g in chosen)


def kind(path: str) -> str:
    if path.endswith((".html", "/")):
        return "HTML"
    if path.endswith(".css"):
        return "CSS"
    if path.endswith(".js"):
        return "JS"
    if path.endswith("search_index.json"):
        return "Chỉ mục tìm kiếm"
    return "Khác"


def build(target: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(target)],
                   cwd=ROOT, check=True, env=env)
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def measure(site: Path, base: str, uri: str, browser) -> Weight:
    origin = urlparse(base).netloc
    requested: list[str] = []
    foreign: list[str] = []
    page = browser.new_page()

    def record(request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("data", "blob"):
            return
        (requested if url.netloc == origin else foreign).append(request.url)

    page.on("request", record)
    page.goto(base + uri, wait_until="networkidle")
    page.close()
    files: dict[str, tuple[int, int]] = {}
    for url in requested:
        path = unquote(urlparse(url).path).lstrip("/")
        local = site / path
        if local.is_dir():
            local = local / "index.html"
        if local.is_file():
            data = local.read_bytes()
            files[path or "/"] = (len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))
    return Weight(uri, files, foreign)


def measure_all(site: Path) -> dict[str, Weight]:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return {name: measure(site, base, uri, browser) for name, uri in PAGES.items()}
            finally:
                browser.close()
    finally:
        server.shutdown()


def table(weights: dict[str, Weight]) -> str:
    kinds = ("HTML", "CSS", "JS", "Chỉ mục tìm kiếm")
    head = "| Trang | " + " | ".join(f"{k} (gzip)" for k in kinds) + " | Tổng thô | Tổng gzip |"
    lines = [head, "|---" * (len(kinds) + 3) + "|"]
    for name, weight in weights.items():
        cells = [f"{weight.total((k,))[1] / 1024:.1f} KB" for k in kinds]
        raw, packed = weight.total()
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {raw / 1024:.1f} KB | {packed / 1024:.1f} KB |")
    return "\n".join(lines)


def record(weights: dict[str, Weight]) -> None:
    import mkdocs
    import material

    body = "\n".join([
        MARKER_START,
        "## Dung lượng tải lần đầu của mỗi loại trang",
        "",
        "Đo bằng `python benchmarks/page_weight.py`: các tệp trình duyệt tải khi mở trang lần đầu",
        "(HTML, CSS, JS, chỉ mục tìm kiếm), nén gzip mức 6. Giới hạn cho trang thủ tục: 100 KB.",
        "",
        table(weights),
        "",
        f"Máy: {platform.machine()}, Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
        f"Material {material.__version__}.",
        MARKER_END,
    ])
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Đo hiệu năng\n\n"
    if MARKER_START in text:
        start, end = text.index(MARKER_START), text.index(MARKER_END) + len(MARKER_END)
        text = text[:start] + body + text[end:]
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = build(Path(tmp) / "site")
        weights = measure_all(site)
    print(table(weights))
    record(weights)
    foreign = [url for w in weights.values() for url in w.foreign]
    if foreign:
        print("Có yêu cầu tới máy chủ khác:", *foreign, sep="\n  ")
        return 1
    procedure = weights["Trang thủ tục"].total()[1]
    if procedure > BUDGET:
        print(f"Trang thủ tục vượt giới hạn: {procedure / 1024:.1f} KB > {BUDGET / 1024:.0f} KB")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
