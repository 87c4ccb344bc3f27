"""A province of N synthetic communes (default 100), each built on its own with ``mkdocs build``.

Layout as in the README («Cả tỉnh trong một kho»): ``mkdocs.base.yml`` at the root, one
``xa/<xã>/`` per commune with its ``content/`` and a three-line ``mkdocs.yml`` (``INHERIT``).
Every commune is the synthetic ×1 site (163 procedures, one published report) under its own name.
Measured: the builds one after the other (total, median per commune, peak memory of one build),
then ``python -m cchc_site tong-hop`` over all of them. Writes its section of BENCHMARKS.md
(between the province markers) and leaves every other section alone. All in a temporary folder.

    .venv/bin/python benchmarks/province.py            # 100 communes, ~6 minutes on 2 cores
    .venv/bin/python benchmarks/province.py --so-xa 10 # a quicker look, BENCHMARKS.md not written
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import sections, synthetic  # noqa: E402
from benchmarks.run import ENV, Run, machine, timed  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "tinh"
MARKER_START, MARKER_END = sections.markers("province")
CHILD = "INHERIT: ../../mkdocs.base.yml\nsite_name: UBND xã {name} – Cải cách hành chính\n"


def make_province(target: Path, count: int) -> list[Path]:
    """The province folder: shared config, the project's hooks and package, ``count`` communes."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURE / "mkdocs.base.yml", target / "mkdocs.base.yml")
    shutil.copy(ROOT / "hooks.py", target / "hooks.py")
    (target / "cchc_site").symlink_to(ROOT / "cchc_site")
    model = synthetic.make_content(target / "mau" / "content", 1)  # checked and locked once, copied
    communes = []
    for number in range(1, count + 1):
        folder = target / "xa" / f"xa-{number:03d}"
        name = f"Mẫu {number:03d}"
        shutil.copytree(model, folder / "content")
        profile = folder / "content" / "xa.yaml"
        profile.write_text(profile.read_text(encoding="utf-8").replace("Phượng Kỳ", name), encoding="utf-8")
        (folder / "mkdocs.yml").write_text(CHILD.format(name=name), encoding="utf-8")
        communes.append(folder)
    shutil.rmtree(target / "mau")
    return communes


def build_all(communes: list[Path]) -> list[Run]:
    runs = []
    for index, folder in enumerate(communes, 1):
        runs.append(timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml"], folder))
        if index % 10 == 0:
            print(f"  {index}/{len(communes)} xã: {sum(r.seconds for r in runs):.0f} s", flush=True)
    return runs


def section(count: int, runs: list[Run], overview: Run, pages: int, site_mb: float) -> str:
    total = sum(r.seconds for r in runs)
    return "\n".join(
        [
            MARKER_START,
            "## Cả tỉnh: nhiều xã trong một kho",
            "",
            f"Đo bằng `python benchmarks/province.py`: {count} xã giả lập (mỗi xã 163 thủ tục, 1 báo cáo quý,",
            "nội dung của `benchmarks/synthetic.py` ×1), bố cục `xa/<xã>/mkdocs.yml` kế thừa `mkdocs.base.yml`;",
            "xây dựng lần lượt từng xã bằng `mkdocs build` (mỗi xã một tiến trình, không có bộ nhớ đệm),",
            "rồi trang tổng hợp của tỉnh (`python -m cchc_site tong-hop xa/`).",
            "",
            "| Đo | Kết quả |",
            "|---|--:|",
            f"| Xây dựng {count} xã lần lượt, tổng | {total:.0f} s ({total / 60:.1f} phút) |",
            f"| Mỗi xã, trung vị | {statistics.median(r.seconds for r in runs):.2f} s |",
            f"| Mỗi xã, chậm nhất | {max(r.seconds for r in runs):.2f} s |",
            f"| Bộ nhớ đỉnh của một lần xây dựng | {max(r.peak_mb for r in runs):.0f} MB |",
            (
                f"| Trang tổng hợp {count} xã (đọc, kiểm tra dữ liệu từng xã, ghi HTML và dữ liệu mở) | "
                f"{overview.seconds:.1f} s, {overview.peak_mb:.0f} MB |"
            ),
            f"| Tổng số trang HTML / dung lượng `site/` của các xã | {pages} trang / {site_mb:.0f} MB |",
            "",
            "Thời gian tăng tuyến tính theo số xã (mỗi xã xây dựng riêng, không chia sẻ gì lúc chạy); trên CI",
            "mỗi xã là một job song song nên thời gian chờ là của xã chậm nhất cộng khởi động job.",
            "",
            f"Máy: {machine()}.",
            MARKER_END,
        ]
    )


def write_section(text: str) -> None:
    sections.write("province", text)


def main() -> int:
    parser = argparse.ArgumentParser(description="Đo xây dựng trang cho nhiều xã của một tỉnh.")
    parser.add_argument("--so-xa", type=int, default=100, help="số xã giả lập (mặc định 100)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cchc-tinh-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        communes = make_province(root, args.so_xa)
        print(f"Đã tạo {len(communes)} xã giả lập ({time.perf_counter() - started:.0f} s).", flush=True)
        runs = build_all(communes)
        overview = timed([sys.executable, "-m", "cchc_site", "tong-hop", "xa/", "--out", "tong-hop"], root)
        pages = sum(1 for c in communes for _ in (c / "site").rglob("*.html"))
        size = sum(f.stat().st_size for c in communes for f in (c / "site").rglob("*") if f.is_file())
        text = section(len(communes), runs, overview, pages, size / 1024 / 1024)
    print(text)
    if args.so_xa == 100:
        write_section(text)
    return 0


if __name__ == "__main__":
    os.environ.update(ENV)
    sys.exit(main())
