"""Lighthouse (mobile) scores of each page type, on the real server: median of 3 runs.

Builds the site, serves it with Debian's nginx and the README's configuration (``web_server.py``),
and runs npm's ``lighthouse`` (installed on first use into ``.cache/lighthouse/``, pinned below)
driving Debian's ``/usr/bin/chromium``, with Lighthouse's default mobile emulation and simulated
slow 4G. Records performance, accessibility, and the cumulative layout shift; results are
printed and written to ``BENCHMARKS.md``. Targets: performance ≥ 98, accessibility 100, CLS 0.

Run: ``.venv/bin/python benchmarks/lighthouse.py`` (needs node/npm, chromium and nginx).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the project's packages importable
    sys.path.insert(0, str(ROOT))

from benchmarks import page_weight, sections  # noqa: E402

VERSION = "12.8.2"
PREFIX = ROOT / ".cache" / "lighthouse"
CLI = PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
RUNS = 3
PAGES = {
    "Trang chủ": "",
    "Báo cáo quý": "bao-cao/2022-q3/",
    "Danh sách thủ tục": "thu-tuc/",
    "Trang thủ tục": "thu-tuc/1.001193/",
}
TARGETS = {"performance": 98, "accessibility": 100}
MARKER_START, MARKER_END = sections.markers("lighthouse")


@dataclass
class Score:
    performance: float
    accessibility: float
    cls: float
    fcp_ms: float
    lcp_ms: float
    tbt_ms: float


def install() -> Path:
    """npm's lighthouse in .cache/ (once); the path of its command line."""
    if not CLI.is_file():
        npm = shutil.which("npm")
        if not npm:
            raise RuntimeError("Cần node và npm để chạy Lighthouse: sudo apt-get install -y nodejs npm")
        PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(PREFIX),
                "--no-audit",
                "--no-fund",
                "--silent",
                f"lighthouse@{VERSION}",
            ],
            check=True,
        )
    return CLI


def run_once(cli: Path, url: str) -> Score:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": page_weight.CHROMIUM}
        flags = " ".join(["--headless=new", *page_weight.CHROMIUM_ARGS, f"--user-data-dir={tmp}/profile"])
        subprocess.run(
            [
                "node",
                str(cli),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                "--only-categories=performance,accessibility",
                f"--chrome-flags={flags}",
            ],
            check=True,
            env=env,
            timeout=300,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return Score(
        performance=data["categories"]["performance"]["score"] * 100,
        accessibility=data["categories"]["accessibility"]["score"] * 100,
        cls=audits["cumulative-layout-shift"]["numericValue"],
        fcp_ms=audits["first-contentful-paint"]["numericValue"],
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
    )


def median(scores: list[Score]) -> Score:
    return Score(
        *(statistics.median(getattr(s, name) for s in scores) for name in Score.__dataclass_fields__)
    )


def measure_all(site: Path, runs: int = RUNS) -> dict[str, Score]:
    from benchmarks.web_server import nginx

    cli = install()
    results: dict[str, list[Score]] = {name: [] for name in PAGES}
    with nginx(site) as base:
        for _ in range(runs):  # interleaved: a slow moment of the machine falls on every page alike
            for name, uri in PAGES.items():
                results[name].append(run_once(cli, base + uri))
    return {name: median(scores) for name, scores in results.items()}


def table(scores: dict[str, Score]) -> str:
    lines = ["| Trang | Hiệu năng | Trợ năng | CLS | FCP | LCP | TBT |", "|---|--:|--:|--:|--:|--:|--:|"]
    for name, s in scores.items():
        lines.append(
            f"| {name} | {s.performance:.0f} | {s.accessibility:.0f} | {s.cls:.3f} | "
            f"{s.fcp_ms / 1000:.2f} s | {s.lcp_ms / 1000:.2f} s | {s.tbt_ms:.0f} ms |"
        )
    return "\n".join(lines)


def section(scores: dict[str, Score], runs: int = RUNS) -> str:
    return "\n".join(
        [
            MARKER_START,
            "## Lighthouse trên điện thoại",
            "",
            f"Đo bằng `python benchmarks/lighthouse.py`: Lighthouse {VERSION} (npm) điều khiển Chromium của Debian,",
            "giả lập điện thoại và mạng 4G chậm (mặc định của Lighthouse); trang phục vụ bởi nginx với cấu hình",
            f"trong README. Trung vị của {runs} lần chạy. Mục tiêu: hiệu năng ≥ 98, trợ năng 100, CLS 0.",
            "",
            table(scores),
            MARKER_END,
        ]
    )


def record(scores: dict[str, Score], runs: int = RUNS, path: Path | None = None) -> None:
    sections.write("lighthouse", section(scores, runs), path or sections.BENCHMARKS)


def below_target(scores: dict[str, Score]) -> list[str]:
    out = []
    for name, s in scores.items():
        for category, target in TARGETS.items():
            if getattr(s, category) < target:
                out.append(f"{name}: {category} {getattr(s, category):.0f} < {target}")
        if s.cls > 0:
            out.append(f"{name}: CLS {s.cls:.3f} > 0")
    return out


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = page_weight.build(Path(tmp) / "site")
        scores = measure_all(site)
    print(table(scores))
    record(scores)
    below = below_target(scores)
    if below:
        print("Chưa đạt:", *below, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
