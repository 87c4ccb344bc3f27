"""``import-report`` on a Word set in the shapes communes publish (tests/word_set.py): the proposals
are right (precision ≥ 95 %), every right proposal publishes once confirmed (the check refuses none),
the summary counts the open places exactly, and page furniture is never a figure. The set's figures
are recorded in BENCHMARKS.md by benchmarks/word_import.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cchc_site.commands.import_report import run_import
from cchc_site.core.errors import DataError
from cchc_site.validate import load_site

from .test_word_import import fresh_content
from .word_set import CASES, WordCase, changes, confirmed, make_docx, proposals, written_rates


def imported(case: WordCase, root: Path, capsys) -> tuple[Path, Path, str]:
    root.mkdir(parents=True, exist_ok=True)
    source = root / f"{case.name}.docx"
    source.write_bytes(make_docx(case.lines))
    content = fresh_content(root)
    assert run_import(source, content, case.ky, case.today) == 0
    return content, content / "bao-cao" / f"{case.ky}.yaml", capsys.readouterr().out


def errors_of(content: Path, draft: Path, case: WordCase) -> list:
    """The check's errors in the draft's own file (the sample list's dates are its own business)."""
    try:
        load_site(content, "content", today=case.today)
    except DataError as exc:
        return [p for p in exc.problems if p.severity == "loi" and p.file.endswith(draft.name)]
    return []


def test_the_proposals_are_right_and_found(tmp_path, capsys):
    right = proposed = stated = 0
    for case in CASES:
        _, draft, _ = imported(case, tmp_path / case.name, capsys)
        found = proposals(draft)
        right += sum(1 for key, value in found.items() if case.truth.get(key) == value)
        proposed += len(found)
        stated += len(case.truth)
    assert right / proposed >= 0.95, (right, proposed)
    assert right / stated >= 0.9, (right, stated)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_right_proposal_publishes_once_confirmed(tmp_path, capsys, case):
    content, draft, _ = imported(case, tmp_path, capsys)
    wrong = {k for k, v in proposals(draft).items() if case.truth.get(k) != v}
    confirmed(draft)
    problems = errors_of(content, draft, case)
    refused = {p.field.split("so_lieu.", 1)[-1] for p in problems if "so_lieu" in p.field}
    assert not [p.format() for p in problems if p.field.split("so_lieu.", 1)[-1] not in wrong]
    assert wrong <= refused  # a wrong proposal never publishes


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_summary_counts_the_open_places_exactly(tmp_path, capsys, case):
    content, draft, out = imported(case, tmp_path, capsys)
    said = re.search(r"ngoài (\d+) số liệu chờ xác nhận còn (\d+) chỗ", out)
    problems = [p for p in errors_of(content, draft, case) if not p.field.endswith(".de_xuat")]
    if said is None:
        assert not problems, [p.format() for p in problems]
    else:
        assert int(said.group(1)) == len(proposals(draft))
        assert int(said.group(2)) == len(problems), [p.format() for p in problems]


def test_page_furniture_is_never_a_figure_nor_text(tmp_path, capsys):
    case = CASES[0]
    _, draft, out = imported(case, tmp_path, capsys)
    text = draft.read_text(encoding="utf-8")
    assert "View Count" not in text.split("# Số chưa phân loại")[0] and "115" not in str(
        proposals(draft).values()
    )
    assert "dòng của trang web «View Count: 115»: không phải lời văn báo cáo, không nhập" in out
    assert "trich_yeu: Tình hình giải quyết thủ tục hành chính tháng 8 năm 2023" in text  # «BÁO CÁO» run in


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_change_stated_of_a_figure_is_proposed_with_its_period(tmp_path, capsys, case):
    content, draft, _ = imported(case, tmp_path, capsys)
    assert changes(draft) == case.changes
    if case.changes:  # not published until a clerk confirms it
        confirmed(draft, marks=True)  # the header filled, the marks kept
        pending = [
            p for p in errors_of(content, draft, case) if p.message.startswith("Thay đổi do máy đề xuất")
        ]
        assert len(pending) == len(case.changes)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_rate_stated_with_its_formula_is_proposed_over_the_marked_figures(tmp_path, capsys, case):
    content, draft, _ = imported(case, tmp_path, capsys)
    assert written_rates(draft) == case.rates
    if case.rates:  # not published until a clerk confirms it; then it is checked like any stated rate
        confirmed(draft, marks=True)
        pending = [p for p in errors_of(content, draft, case) if p.message.startswith("Tỷ lệ và công thức")]
        assert len(pending) == len(case.rates)
