"""How right ``import-report``'s proposals are on the Word set (tests/word_set.py: reports in the
shapes communes publish): precision (proposals that are the right indicator with the right value),
recall (figures of the text proposed), and wrong proposals the check accepts once confirmed (must be
0). Records the table in BENCHMARKS.md. Run: .venv/bin/python benchmarks/word_import.py"""

from __future__ import annotations

import contextlib
import io
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import sections  # noqa: E402
from cchc_site.commands.import_report import run_import  # noqa: E402
from cchc_site.core.errors import DataError  # noqa: E402
from cchc_site.validate import load_site  # noqa: E402
from tests.word_set import CASES, WordCase, changes, confirmed, make_docx, proposals, written_rates  # noqa: E402

RATES: list[tuple[int, int, int]] = []  # per report: rates stated with a written formula
CHANGES: list[tuple[int, int, int]] = []  # per report: right, proposed, stated changes («tăng 36,42%»)


def run_case(case: WordCase, root: Path) -> tuple[int, int, int, int, float]:
    """(right, proposed, stated, wrong accepted by the check, seconds) for one report."""
    content = root / "content"
    content.mkdir(parents=True)
    for name in ("xa.yaml", "thu-tuc.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    source = root / f"{case.name}.docx"
    source.write_bytes(make_docx(case.lines))
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        run_import(source, content, case.ky, case.today)
    seconds = time.perf_counter() - started
    draft = content / "bao-cao" / f"{case.ky}.yaml"
    CHANGES.append((len(set(changes(draft)) & set(case.changes)), len(changes(draft)), len(case.changes)))
    RATES.append(
        (len(set(written_rates(draft)) & set(case.rates)), len(written_rates(draft)), len(case.rates))
    )
    found = proposals(draft)
    right = sum(1 for key, value in found.items() if case.truth.get(key) == value)
    wrong = {key for key, value in found.items() if case.truth.get(key) != value}
    confirmed(draft)
    try:
        load_site(content, "content", today=case.today)
        refused: set[str] = set()
    except DataError as exc:
        refused = {p.field.split("so_lieu.", 1)[-1] for p in exc.problems if "so_lieu" in p.field}
    return right, len(found), len(case.truth), len(wrong - refused), seconds


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            rows.append((case, *run_case(case, Path(tmp) / case.name)))
    right = sum(r[1] for r in rows)
    proposed = sum(r[2] for r in rows)
    stated = sum(r[3] for r in rows)
    accepted = sum(r[4] for r in rows)
    seconds = sorted(r[5] for r in rows)
    lines = [
        "| Văn bản | Kỳ | Số liệu văn bản nêu | Đề xuất | Đúng | Sai mà check vẫn nhận |",
        "|---|---|--:|--:|--:|--:|",
        *(f"| {c.name} | {c.ky} | {s} | {p} | {r} | {a} |" for c, r, p, s, a, _ in rows),
        f"| **Cả bộ** | | **{stated}** | **{proposed}** | **{right}** | **{accepted}** |",
    ]
    precision = right / proposed if proposed else 0.0
    recall = right / stated if stated else 0.0
    start, end = sections.markers("word-import")
    body = "\n".join(
        [
            start,
            "## Nhập báo cáo Word: độ đúng của các số liệu đề xuất",
            "",
            (
                f"Bộ văn bản Word mẫu (`tests/word_set.py`, {len(rows)} văn bản theo các dạng trong DOMAIN: thống kê "
                "tháng có «BÁO CÁO» liền tiêu đề và gạch đầu dòng * - +, quý lồng mục, tin bài không đầu văn bản, năm, "
                "9 tháng có số gần đúng, giai đoạn, khối «Đối với các xã, phường», tỷ lệ kèm công thức «[(2)+(3)]/(1)»; có dòng của trang web như «View Count»). Đo bằng "
                "`.venv/bin/python benchmarks/word_import.py`."
            ),
            "",
            *lines,
            "",
            (
                f"Độ chính xác (đề xuất đúng ÷ đề xuất): **{precision:.1%}**; độ phủ (đề xuất đúng ÷ số liệu văn bản "
                f"nêu): **{recall:.1%}**; đề xuất sai mà `check` vẫn nhận sau khi xóa «de_xuat»: **{accepted}**. "
                f"Thời gian nhập một văn bản (trung vị): {seconds[len(seconds) // 2]:.2f} giây. Thay đổi so với "
                f"kỳ trước, cùng kỳ («tăng 36,42%»): {sum(c[0] for c in CHANGES)} đề xuất đúng / "
                f"{sum(c[1] for c in CHANGES)} đề xuất / {sum(c[2] for c in CHANGES)} văn bản nêu. Tỷ lệ kèm công "
                f"thức: {sum(r[0] for r in RATES)} đúng / {sum(r[1] for r in RATES)} đề xuất / "
                f"{sum(r[2] for r in RATES)} văn bản nêu."
            ),
            "",
            f"Máy: {platform.machine()}, Python {platform.python_version()}.",
            end,
        ]
    )
    sections.write("word-import", body)
    print(body)
    return 0 if precision >= 0.95 and accepted == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
