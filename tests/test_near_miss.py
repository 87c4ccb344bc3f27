"""A report file named off by a character is named with the name it needs; a published report whose
file was renamed is told which file is probably it, not only that its file is gone."""

from __future__ import annotations

import pytest

from cchc_site.validate.near_miss import closest, intended_period
from tests.conftest import data_errors, find_problem

REPORT = "bao-cao/2022-q3.yaml"  # published and locked in the real content


@pytest.mark.parametrize(
    "name, slug",
    [
        ("2022-Q3.yaml", "2022-q3"),
        ("2022-q03.yaml", "2022-q3"),
        ("2022-q3 (1).yaml", "2022-q3"),
        ("2022-q4 (1).yaml", "2022-q4"),
        ("2022-q3 - Copy.yaml", "2022-q3"),
        ("Bản sao của 2022-q3.yaml", "2022-q3"),
        ("2022_q3.yml", "2022-q3"),
        ("quý 3-2022.yaml", "2022-q3"),
        ("2022-q3.yaml.bak", "2022-q3"),
        ("2023-t8.yaml", "2023-t08"),
        ("6 tháng 2023.yaml", "2023-6t"),
        ("ghi-chu.yaml", None),
        ("2022-q5.yaml", None),
    ],
)
def test_the_period_a_name_means(name, slug):
    assert intended_period(name) == slug


def test_a_close_name_is_found_only_among_the_expected():
    assert closest("2022-q3x.yaml", ["2022-q3"]) == "2022-q3"
    assert closest("2022-q4 (1).yaml", ["2022-q3"]) is None  # it means another period
    assert closest("bien-ban.yaml", ["2022-q3"]) is None


@pytest.mark.parametrize("renamed", ["2022-Q3.yaml", "2022-q03.yaml", "2022-q4 (1).yaml", "2022-q3.yaml.bak"])
def test_a_renamed_published_report_names_the_file_that_is_probably_it(project, renamed):
    (project.content / REPORT).rename(project.content / "bao-cao" / renamed)
    problems = data_errors(project)
    lost = find_problem(problems, "Báo cáo 2022-q3 đã đăng tải nhưng không còn tệp")
    assert lost.file == f"content/bao-cao/{renamed}"
    assert f"«{renamed}» là nó" in lost.message
    assert lost.found == renamed and lost.expected == "2022-q3.yaml"
    assert f"Đổi tên tệp «{renamed}» thành «2022-q3.yaml»" in lost.hint
    assert not [p for p in problems if p.file == "content/bao-cao"], "the bare «no file» message is replaced"


def test_a_misnamed_report_that_does_not_read_is_still_told_its_name(project):
    path = project.content / REPORT
    path.write_text(path.read_text(encoding="utf-8") + "\n  : [\n", encoding="utf-8")  # a YAML error
    path.rename(project.content / "bao-cao" / "2022-Q3.yaml")
    problems = data_errors(project)
    named = find_problem(problems, "Tên tệp báo cáo không đúng dạng của một kỳ báo cáo")
    assert named.file == "content/bao-cao/2022-Q3.yaml" and named.expected == "2022-q3.yaml"
    lost = find_problem(problems, "đã đăng tải nhưng không còn tệp")
    assert lost.file == "content/bao-cao/2022-Q3.yaml" and "tên tệp gần giống" in lost.message


def test_a_name_like_another_period_says_so(project):
    (project.content / REPORT).rename(project.content / "bao-cao" / "2022-q4 (1).yaml")
    named = find_problem(data_errors(project), "Tên tệp báo cáo không đúng dạng")
    assert "giống kỳ 2022-q4 nhưng nội dung ghi Quý 3/2022" in named.hint


def test_a_yml_near_a_period_is_refused_with_the_name_it_needs(project):
    (project.content / "bao-cao" / "2022_Q4.yml").write_text("nam: 2022\n", encoding="utf-8")
    refused = find_problem(data_errors(project), "gần giống một kỳ")
    assert refused.file == "content/bao-cao/2022_Q4.yml" and refused.expected == "2022-q4.yaml"
