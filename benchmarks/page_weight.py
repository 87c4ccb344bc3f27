"""First-load weight of each page type, measured in a real browser on the real server.

Builds the site from ``content/`` into a temporary folder, serves it with Debian's nginx and the
README's configuration (``web_server.py``: gzip as the commune's server sends it), opens one page
of each type in Chromium (``/usr/bin/chromium``) in a fresh profile, and records every response
until the network is idle: the bytes sent over the wire (headers excluded) and the file's size on
disk. Then it opens the search on the procedure page and records what the first search costs
(its code and index load only then). Any request to another origin is reported and fails the run.
Results are printed and written to ``BENCHMARKS.md``.

Run: ``.venv/bin/python benchmarks/page_weight.py`` (needs Playwright, Debian's chromium and nginx).
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the project's packages importable
    sys.path.insert(0, str(ROOT))

from benchmarks import sections  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = {
    "Trang chủ": "",
    "Báo cáo quý": "bao-cao/2022-q3/",
    "Lịch sử báo cáo": "bao-cao/lich-su/",
    "Danh sách thủ tục": "thu-tuc/",
    "Trang thủ tục": "thu-tuc/1.001193/",
    "Dữ liệu mở": "du-lieu/",
}
PROCEDURE = "Trang thủ tục"
BUDGET = 60 * 1024  # a procedure page's first load, as sent (gzip)
PAGE_BUDGET = 70 * 1024  # any page type's first load
MARKER_START, MARKER_END = sections.markers("page-weight")


@dataclass
class Weight:
    page: str
    files: dict[str, tuple[int, int]]  # path → (on disk, sent)
    foreign: list[str]
    search: dict[str, tuple[int, int]] = field(default_factory=dict)  # what the first search adds

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
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(target)],
        cwd=ROOT,
        check=True,
        env=env,
    )
    return target


def _record(page, origin: str, site: Path, files: dict[str, tuple[int, int]], foreign: list[str]) -> None:
    def done(request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("data", "blob"):
            return
        if url.netloc != origin:
            foreign.append(request.url)
            return
        path = unquote(url.path).lstrip("/")
        local = site / path
        if local.is_dir():
            local = local / "index.html"
        on_disk = local.stat().st_size if local.is_file() else 0
        files[path or "/"] = (on_disk, request.sizes()["responseBodySize"])

    page.on("requestfinished", done)


def measure(site: Path, base: str, uri: str, browser, search: bool = False) -> Weight:
    origin = urlparse(base).netloc
    weight = Weight(uri, {}, [])
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    _record(page, origin, site, weight.files, weight.foreign)
    page.goto(base + uri, wait_until="networkidle")
    if search:  # the first search: its code and index arrive now
        first = dict(weight.files)
        page.click("label.md-header__button[for='__search']")
        page.keyboard.type("khai sinh")
        page.wait_for_selector(".md-search-result__item", state="attached")
        page.wait_for_load_state("networkidle")
        weight.search = {k: v for k, v in weight.files.items() if k not in first}
        weight.files = first
    context.close()
    return weight


def measure_all(site: Path) -> dict[str, Weight]:
    from playwright.sync_api import sync_playwright

    from benchmarks.web_server import nginx

    with nginx(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return {
                name: measure(site, base, uri, browser, search=name == PROCEDURE)
                for name, uri in PAGES.items()
                if (site / uri / "index.html").is_file()
            }
        finally:
            browser.close()


def table(weights: dict[str, Weight]) -> str:
    kinds = ("HTML", "CSS", "JS", "Chỉ mục tìm kiếm", "Khác")
    head = "| Trang | " + " | ".join(kinds) + " | Số yêu cầu | Trên đĩa | **Gửi đi (gzip)** |"
    lines = [head, "|---" + "|--:" * (len(kinds) + 3) + "|"]
    for name, weight in weights.items():
        cells = [f"{weight.total((k,))[1] / 1024:.1f} KB" for k in kinds]
        raw, sent = weight.total()
        lines.append(
            f"| {name} | " + " | ".join(cells) + f" | {len(weight.files)} | {raw / 1024:.1f} KB | "
            f"**{sent / 1024:.1f} KB** |"
        )
    return "\n".join(lines)


def section(weights: dict[str, Weight]) -> str:
    import material
    import mkdocs

    searched = weights[PROCEDURE].search if PROCEDURE in weights else {}
    first_search = ", ".join(f"`{path}` {sent / 1024:.1f} KB" for path, (_, sent) in sorted(searched.items()))
    return "\n".join(
        [
            MARKER_START,
            "## Dung lượng tải lần đầu của mỗi loại trang",
            "",
            "Đo bằng `python benchmarks/page_weight.py`: trang mở lần đầu (trình duyệt chưa lưu gì) trên",
            "điện thoại 390 px, phục vụ bởi nginx của Debian với đúng cấu hình trong README (nén gzip);",
            "tính mọi yêu cầu cho đến khi mạng yên, theo số byte nginx gửi đi (không kể phần đầu HTTP).",
            f"Giới hạn: trang thủ tục ≤ {BUDGET // 1024} KB, mọi loại trang ≤ {PAGE_BUDGET // 1024} KB.",
            "",
            table(weights),
            "",
            (
                "Tìm kiếm chỉ tải khi người đọc mở ô tìm kiếm lần đầu; lần tìm đầu tiên trên trang thủ tục tải "
                f"thêm: {first_search or 'không có'}."
            ),
            "",
            (
                f"Máy: {platform.machine()}, Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
                f"Material {material.__version__}."
            ),
            MARKER_END,
        ]
    )


def record(weights: dict[str, Weight], path: Path | None = None) -> None:
    sections.write("page-weight", section(weights), path or sections.BENCHMARKS)


def over_budget(weights: dict[str, Weight]) -> list[str]:
    """Pages over their budget, in Vietnamese."""
    out = []
    for name, weight in weights.items():
        limit = BUDGET if name == PROCEDURE else PAGE_BUDGET
        sent = weight.total()[1]
        if sent > limit:
            out.append(f"{name}: {sent / 1024:.1f} KB > {limit / 1024:.0f} KB")
    return out


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
    over = over_budget(weights)
    if over:
        print("Vượt giới hạn dung lượng:", *over, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
