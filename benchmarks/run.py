"""All measurements in one command; results printed and written to BENCHMARKS.md.

    .venv/bin/python benchmarks/run.py            # full run (a few minutes)
    .venv/bin/python benchmarks/run.py --quick    # fewer repetitions, no ×50 (while developing)

1. ``mkdocs build`` of the real content, median of 5 runs;
2. the same site built by plain MkDocs from the generated Markdown written to disk (hooks off):
   the ratio of the two is our overhead;
3. synthetic content ×1, ×10, ×50 (``synthetic.py``): build time, peak memory, time per page, and
   the size of one procedure page;
4. ``python -m cchc_site check`` on the real content and at ×50;
5. first-load weight of each page type (``page_weight.py``, in Chromium, served by nginx);
6. a profile of one build: where the time goes, ours and MkDocs/Material's.
"""

from __future__ import annotations

import argparse
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import page_weight, sections, synthetic, web_server  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pyyaml", "pydantic", "pymdown-extensions")


@dataclass
class Run:
    seconds: float
    peak_mb: float


def timed(command: list[str], cwd: Path) -> Run:
    """Wall time and peak resident memory of one child process (which must succeed)."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} thất bại:\n{errors.read().decode()[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


def median_of(runs: int, command: list[str], cwd: Path, cold: bool = True) -> tuple[float, float]:
    """Median time and peak memory; ``cold`` empties the build cache before every run."""
    results = []
    if not cold:
        timed(command, cwd)  # fills the cache
    for _ in range(runs):
        if cold:
            shutil.rmtree(cwd / ".cache", ignore_errors=True)
        results.append(timed(command, cwd))
    return statistics.median(r.seconds for r in results), max(r.peak_mb for r in results)


def in_turns(runs: int, jobs: list[tuple[list[str], bool]], cwd: Path) -> list[tuple[float, float]]:
    """Median time and peak memory of each (command, cold cache) job, the jobs run in turns.

    Taking turns spreads the drift of a shared machine over every job alike, so their ratio holds.
    A warm job right after a cold one finds the cache that run filled.
    """
    results: list[list[Run]] = [[] for _ in jobs]
    for _ in range(runs):
        for index, (command, cold) in enumerate(jobs):
            if cold:
                shutil.rmtree(cwd / ".cache", ignore_errors=True)
            results[index].append(timed(command, cwd))
    return [(statistics.median(r.seconds for r in found), max(r.peak_mb for r in found)) for found in results]


def precompile() -> None:
    """Byte-compile the package, as ``pip install`` does for the libraries MkDocs is compared with.

    Where PYTHONDONTWRITEBYTECODE is set (this machine, CI), an editable install would otherwise
    recompile every module of the package at each build, which a deployed site never does.
    """
    import compileall

    compileall.compile_dir(ROOT / "cchc_site", quiet=1)
    compileall.compile_file(ROOT / "hooks.py", quiet=1)


BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict"]
PLAIN = [sys.executable, "-m", "mkdocs", "build", "-f", "plain.yml"]


def project_copy(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "hooks.py"):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(ROOT / "content", target / "content")
    (target / "cchc_site").symlink_to(ROOT / "cchc_site")
    return target


def plain_project(project: Path) -> None:
    """The generated Markdown and data written to disk, and a config without hooks."""
    import yaml

    from cchc_site.build import prepare

    prepared = prepare(project / "content", "content")
    docs = project / "plain-docs"
    shutil.copytree(project / "content" / "trang", docs)
    for page in prepared.pages:
        (docs / page.uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / page.uri).write_text(page.markdown, encoding="utf-8")
    for item in prepared.files:
        (docs / item.uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / item.uri).write_bytes(item.content)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: content/trang", "docs_dir: plain-docs").replace(
        "site_dir: site", "site_dir: plain-site"
    )
    text = text.replace("hooks:\n  - hooks.py\n", "")
    text = text.replace(
        "not_in_nav: |\n", "not_in_nav: |\n  /huong-dan-nhap-lieu.md\n  /thu-tuc/lich-su.md\n"
    )
    (project / "plain.yml").write_text(text, encoding="utf-8")
    assert "hooks" not in yaml.safe_load(re.sub(r"!!python/name:\S+", "x", text))


def page_count(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html")) + 1  # + 404.html


def profile(project: Path, limit: int = 12) -> tuple[list[tuple[str, float]], list[tuple[str, float, float]]]:
    """One build under cProfile: self time by package, and the costliest functions."""
    code = (
        "import cProfile,sys; from mkdocs.config import load_config; from mkdocs.commands.build import build\n"
        "cfg = load_config('mkdocs.yml'); cfg.plugins.on_startup(command='build', dirty=False)\n"
        f"cProfile.run('build(cfg)', {str(project / 'build.prof')!r})\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=project, env=ENV, check=True, capture_output=True)
    stats = pstats.Stats(str(project / "build.prof")).stats
    by_package: dict[str, float] = {}
    functions = []
    total = 0.0
    for (filename, line, name), (_, _, self_time, cumulative, _) in stats.items():
        package = _package(filename)
        by_package[package] = by_package.get(package, 0.0) + self_time
        total += self_time
        functions.append((f"{package}: {Path(filename).name}:{line} {name}", self_time, cumulative))
    shares = sorted(((k, v / total) for k, v in by_package.items()), key=lambda kv: -kv[1])
    return shares, sorted(functions, key=lambda f: -f[1])[:limit]


def _package(filename: str) -> str:
    if "cchc_site" in filename or filename.endswith("hooks.py"):
        return "cchc-site (của chúng ta)"
    for name in (
        "material",
        "mkdocs",
        "markdown",
        "pymdownx",
        "jinja2",
        "yaml",
        "pydantic",
        "markupsafe",
        "babel",
        "watchdog",
        "json",
        "re",
        "html",
    ):
        if f"/{name}/" in filename or f"/{name}.py" in filename:
            return name
    return "Python (thư viện chuẩn, khác)"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(
            next(
                row for row in Path("/proc/meminfo").read_text().splitlines() if row.startswith("MemTotal")
            ).split()[1]
        )
        memory = f", {kb / 1024 / 1024:.1f} GB RAM"
    except (OSError, StopIteration):
        pass
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in PACKAGES)
    return (
        f"{cpu}, {os.cpu_count()} nhân{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {versions}"
    )


def missing() -> list[str]:
    """What this script needs beyond the README's set-up command, with how to get it."""
    needs = []
    for module, package in (
        ("mkdocs", "requirements.txt"),
        ("material", "requirements.txt"),
        ("playwright", "tests/requirements.txt"),
    ):
        try:
            __import__(module)
        except ImportError:
            needs.append(f"gói Python «{module}»: .venv/bin/pip install -r {package}")
    if not Path(page_weight.CHROMIUM).is_file():
        needs.append(
            f"trình duyệt Chromium ({page_weight.CHROMIUM}, để đo dung lượng trang): "
            "sudo apt-get install -y chromium"
        )
    if not Path(web_server.NGINX).is_file():
        needs.append("máy chủ nginx (để phục vụ trang như README hướng dẫn): sudo apt-get install -y nginx")
    if not (ROOT / "content" / "xa.yaml").is_file():
        needs.append("thư mục content/ của dự án (chạy từ một bản sao đầy đủ của kho)")
    return needs


def main() -> int:
    parser = argparse.ArgumentParser(description="Đo hiệu năng xây dựng trang và dung lượng trang.")
    parser.add_argument("--quick", action="store_true", help="ít lần chạy hơn, không đo ×50")
    args = parser.parse_args()
    needs = missing()
    if needs:
        print("Chưa đo được, máy còn thiếu:\n" + "\n".join(f"  - {need}" for need in needs), file=sys.stderr)
        return 2
    runs = 2 if args.quick else 5
    scales = (1, 10) if args.quick else (1, 10, 50)
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        precompile()
        real = project_copy(tmp_path / "real")
        plain_project(real)
        turns = runs * 2 + 1
        (ours, ours_mb), (warm, warm_mb), (plain, plain_mb) = in_turns(
            turns, [(BUILD, True), (BUILD, False), (PLAIN, True)], real
        )
        pages = page_count(real / "site")
        print(
            f"Nội dung thật: {ours:.2f} s lần đầu, {warm:.2f} s khi dữ liệu không đổi "
            f"(MkDocs thuần {plain:.2f} s): tỷ lệ {ours / plain:.3f} / {warm / plain:.3f}"
        )
        check_real, _ = median_of(runs, [sys.executable, "-m", "cchc_site", "check", "content"], real)

        rows = []
        procedure_html = {}
        for scale in scales:
            project = synthetic.make_project(tmp_path / f"x{scale}", scale)
            repeat = runs if scale < 50 else 3
            seconds, peak = median_of(repeat, BUILD, project)
            count = page_count(project / "site")
            procedure_html[scale] = (project / "site" / "thu-tuc" / "1.001193" / "index.html").stat().st_size
            check_seconds, _ = median_of(3, [sys.executable, "-m", "cchc_site", "check", "content"], project)
            rows.append((scale, synthetic.REPORTS[scale], count, seconds, peak, check_seconds))
            print(f"×{scale}: {count} trang, {seconds:.2f} s, {peak:.0f} MB, check {check_seconds:.2f} s")
        shares, costly = profile(real)

        site = page_weight.build(tmp_path / "weight-site")
        weights = page_weight.measure_all(site)

    base = rows[0]
    out += [
        "# Đo hiệu năng",
        "",
        "Tạo lại bảng này: `.venv/bin/python benchmarks/run.py` (vài phút; cần Chromium cho phần dung lượng).",
        "",
        f"Máy: {machine()}.",
        "",
        "## Xây dựng nội dung thật",
        "",
        "| Đo | Trung vị | Bộ nhớ đỉnh |",
        "|---|--:|--:|",
        f"| `mkdocs build --strict` (có hooks, {pages} trang), lần đầu: đọc, kiểm tra, sinh trang, {turns} lần | {ours:.2f} s | {ours_mb:.0f} MB |",
        f"| như trên, dữ liệu không đổi (kết quả lấy từ `.cache/`), {turns} lần | {warm:.2f} s | {warm_mb:.0f} MB |",
        f"| MkDocs thuần từ Markdown đã sinh sẵn (không hooks), {turns} lần | {plain:.2f} s | {plain_mb:.0f} MB |",
        f"| **Tỷ lệ lần đầu** (chi phí của chúng ta, mục tiêu ≤ 1,10) | **{ours / plain:.3f}** | |",
        f"| **Tỷ lệ khi dữ liệu không đổi** | **{warm / plain:.3f}** | |",
        f"| `python -m cchc_site check` (cả khởi động Python) | {check_real:.2f} s | |",
        "",
        (
            "Ba cách xây dựng chạy lần lượt xen kẽ nhau (máy dùng chung chậm đi hay nhanh lên thì cả ba cùng chịu); "
            "gói `cchc_site` được biên dịch sẵn (`compileall`) như `pip install` làm với các thư viện MkDocs được so "
            "cùng, vì máy này đặt `PYTHONDONTWRITEBYTECODE=1`."
        ),
        "",
        "## Tăng quy mô (nội dung mẫu, không bao giờ ghi vào `content/`)",
        "",
        "×k: 163·k thủ tục; ×1: 1 báo cáo, ×10: 10 báo cáo, ×50: 40 báo cáo quý (10 năm). Mỗi lần đo là một",
        "lần xây dựng đầu (bộ nhớ đệm xóa trước mỗi lần).",
        "",
        "| Quy mô | Báo cáo | Trang | Xây dựng (trung vị) | Mỗi trang | Bộ nhớ đỉnh | `check` | Thời gian ÷ ×1 | Số trang ÷ ×1 |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for scale, reports, count, seconds, peak, check_seconds in rows:
        out.append(
            f"| ×{scale} | {reports} | {count} | {seconds:.2f} s | {seconds / count * 1000:.1f} ms | {peak:.0f} MB | "
            f"{check_seconds:.2f} s | {seconds / base[3]:.1f} | {count / base[2]:.1f} |"
        )
    out += [
        "",
        "Kích thước HTML một trang thủ tục (1.001193): "
        + ", ".join(f"×{k}: {v / 1024:.1f} KB" for k, v in procedure_html.items())
        + (
            f" (×{scales[-1]} ÷ ×1 = {procedure_html[scales[-1]] / procedure_html[1]:.3f})."
            if len(scales) > 1
            else "."
        ),
    ]
    last = rows[-1]
    linear = last[3] / base[3] <= last[2] / base[2]
    same_html = len(scales) > 1 and abs(procedure_html[scales[-1]] / procedure_html[1] - 1) <= 0.10
    out += [
        "",
        "Kết luận:",
        "",
        f"- Tăng tuyến tính: thời gian ×{last[0]} ÷ ×1 = {last[3] / base[3]:.1f}, số trang ÷ = {last[2] / base[2]:.1f}: "
        + ("đạt." if linear else "**chưa đạt**."),
        "- Trang thủ tục không phình theo quy mô (±10%): " + ("đạt." if same_html else "**chưa đạt**."),
        f"- Chi phí của chúng ta ≤ 10%: lần đầu {ours / plain:.3f}, dữ liệu không đổi {warm / plain:.3f}"
        + (
            ": đạt."
            if ours / plain <= 1.10
            else "; lần đầu **chưa đạt**, phần cố định ~"
            f"{ours - plain:.2f} s (nạp pydantic và mã của chúng ta, đọc, kiểm tra, sinh trang)."
        ),
        "- Sai số giữa các lần đo trên máy này (2 nhân, dùng chung) khoảng ±10%: so các tỷ lệ, không so từng giây.",
    ]
    out += [
        "",
        "## Một lần xây dựng nội dung thật, theo cProfile",
        "",
        "Thời gian tự thân (không tính hàm con) theo gói:",
        "",
        "| Gói | Tỷ lệ |",
        "|---|--:|",
    ]
    out += [f"| {name} | {share * 100:.1f}% |" for name, share in shares[:10]]
    out += [
        "",
        "Các hàm tốn nhất (thời gian tự thân, dưới cProfile):",
        "",
        "| Hàm | Tự thân | Tích lũy |",
        "|---|--:|--:|",
    ]
    out += [f"| `{name}` | {own:.3f} s | {cumulative:.3f} s |" for name, own, cumulative in costly]
    out += ["", page_weight.section(weights), ""]
    previous = sections.BENCHMARKS.read_text(encoding="utf-8") if sections.BENCHMARKS.exists() else ""
    for kept in ("lighthouse", "province"):  # measured on their own (lighthouse.py, province.py): kept
        if found := sections.find(previous, kept):
            out += [found, ""]
    (ROOT / "BENCHMARKS.md").write_text("\n".join(out), encoding="utf-8")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
