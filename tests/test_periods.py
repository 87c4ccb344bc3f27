"""Report periods: every kind, its file name, label, default window, limits and comparisons."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_site.core import periods
from cchc_site.output.history import indicator_series, kinds_of, slots
from cchc_site.validate import load_site

from .conftest import KINDS, TODAY, data_errors, find_problem
from .test_cli import run

KINDS_TABLE = [  # stem, label, default window, longest window
    ("2023-t08", "Tháng 8/2023", (date(2023, 7, 15), date(2023, 8, 14)), 31),
    ("2023-t01", "Tháng 1/2023", (date(2022, 12, 15), date(2023, 1, 14)), 31),
    ("2022-q3", "Quý 3/2022", (date(2022, 6, 15), date(2022, 9, 14)), 92),
    ("2022-q1", "Quý 1/2022", (date(2021, 12, 15), date(2022, 3, 14)), 92),
    ("2023-6t", "6 tháng đầu năm 2023", (date(2022, 12, 15), date(2023, 6, 14)), 184),
    ("2023-9t", "9 tháng đầu năm 2023", (date(2022, 12, 15), date(2023, 9, 14)), 276),
    ("2022-nam", "Năm 2022", (date(2021, 12, 15), date(2022, 12, 14)), 366),
    ("2011-2020", "Giai đoạn 2011–2020", (date(2010, 12, 15), date(2020, 12, 14)), 3660),
]


@pytest.mark.parametrize("stem, label, window, longest", KINDS_TABLE)
def test_every_kind_of_period(stem, label, window, longest):
    ky = periods.parse(stem)
    assert ky is not None and ky.slug == stem and ky.label == label
    assert ky.default_window() == window and ky.max_days == longest


@pytest.mark.parametrize(
    "stem",
    [
        "2022-q5",
        "2022-t13",
        "2022-t8",
        "2022-Q3",
        "2020-2011",
        "2022-q3 ",
        "2022-q4\n",
        "2022",
        "q3-2022",
        "2022-q3.yaml",
    ],
)
def test_what_is_not_a_period(stem):
    assert periods.parse(stem) is None


def test_previous_same_period_last_year_and_next_focus():
    assert periods.parse("2023-t01").previous().label == "Tháng 12/2022"
    assert periods.parse("2023-q1").year_before().label == "Quý 1/2022"
    assert periods.parse("2023-6t").previous().label == "6 tháng đầu năm 2022"
    assert periods.parse("2011-2020").previous().label == "Giai đoạn 2001–2010"
    assert [
        periods.parse(s).next_focus
        for s in ("2022-q3", "2022-q4", "2023-6t", "2023-9t", "2022-nam", "2023-t12")
    ] == ["QUÝ IV/2022", "QUÝ I/2023", "6 THÁNG CUỐI NĂM 2023", "QUÝ IV/2023", "NĂM 2023", "THÁNG 1/2024"]


def test_the_fixture_has_every_kind_published():
    site = load_site(KINDS, "content", today=TODAY)
    assert {r.ky.loai for r in site.reports} == set(periods.PERIOD_KINDS)
    assert [r.model.slug for r in site.reports] == [  # time order: end of period, shorter first
        "2016-2020",
        "2022-nam",
        "2023-q1",
        "2023-6t",
        "2023-t07",
        "2023-t08",
        "2023-q3",
        "2023-9t",
        "2023-nam",
    ]


def test_reversed_window_is_refused(kinds_project):
    path = "bao-cao/2023-t08.yaml"
    kinds_project.replace(
        path, "thang: 8\n", "thang: 8\nky_bao_cao: {tu_ngay: 2023-08-14, den_ngay: 2023-07-15}\n"
    )
    error = find_problem(data_errors(kinds_project), "ngày bắt đầu phải trước ngày kết thúc")
    assert error.field == "ky_bao_cao.tu_ngay" and error.line == kinds_project.line_of(path, "ky_bao_cao")


def test_window_longer_than_the_kind_is_refused(kinds_project):
    kinds_project.replace(
        "bao-cao/2023-t08.yaml",
        "thang: 8\n",
        "thang: 8\nky_bao_cao: {tu_ngay: 2023-06-15, den_ngay: 2023-08-14}\n",
    )
    error = find_problem(data_errors(kinds_project), "Kỳ số liệu dài hơn một kỳ báo cáo tháng")
    assert error.found.endswith("(61 ngày)") and error.expected == "tối đa 31 ngày"
    assert "15/07/2023 – 14/08/2023" in error.hint  # the default window is suggested


def test_window_override_within_the_kind_is_accepted(kinds_project):
    kinds_project.replace(
        "bao-cao/2023-9t.yaml",
        "nam: 2023\n",
        "nam: 2023\nky_bao_cao: {tu_ngay: 2023-01-01, den_ngay: 2023-09-14}\n",
    )
    kinds_project.relock()
    report = next(
        r
        for r in load_site(kinds_project.content, "content", today=TODAY).reports
        if r.model.slug == "2023-9t"
    )
    assert (report.model.window.tu_ngay, report.model.window.den_ngay) == (
        date(2023, 1, 1),
        date(2023, 9, 14),
    )


@pytest.mark.parametrize(
    "old, new, fragment",
    [
        ("loai_ky: nam\n", "loai_ky: năm\n", "Giá trị không được phép (Loại kỳ báo cáo)"),
        ("loai_ky: nam\n", "loai_ky: nam\nquy: 4\n", "Báo cáo năm không ghi «quy»"),
        ("loai_ky: nam\n", "", "Chưa rõ loại kỳ của báo cáo"),
        ("loai_ky: nam\n", "loai_ky: 6_thang\n", "Tên tệp không khớp với kỳ của báo cáo"),
    ],
)
def test_kind_fields_must_agree_with_the_file(kinds_project, old, new, fragment):
    kinds_project.replace("bao-cao/2022-nam.yaml", old, new)
    error = find_problem(data_errors(kinds_project), fragment)
    assert error.file == "content/bao-cao/2022-nam.yaml" and error.line


def test_a_file_name_that_names_no_period_lists_the_kinds(kinds_project):
    source = kinds_project.content / "bao-cao/2023-9t.yaml"
    source.rename(source.with_name("2023-9thang.yaml"))
    error = find_problem(data_errors(kinds_project), "Tên tệp báo cáo không đúng dạng")
    assert (
        "2023-t08.yaml" in error.hint and "2011-2020.yaml" in error.hint and error.expected == "2023-9t.yaml"
    )


def test_history_compares_only_periods_of_the_same_kind():
    site = load_site(KINDS, "content", today=TODAY)
    assert kinds_of(site.reports) == list(periods.PERIOD_KINDS)
    monthly = {s.key: s for s in indicator_series(site.reports, "thang") if not s.is_rate and not s.breakdown}
    assert monthly["ho_so.tiep_nhan"].points["2023-t08"].change == 1442 - 1057  # against July
    annual = {s.key: s for s in indicator_series(site.reports, "nam")}
    assert annual["don_thu.tong"].points["2023-nam"].change == 9 - 14  # against 2022, not a quarter
    quarterly = [s.slug for s in slots(site.reports, "quy")]
    assert quarterly == ["2023-q1", "2023-q2", "2023-q3"]  # Q2 has no report: a gap, no comparison
    six = indicator_series(site.reports, "6_thang")
    assert all(p.change is None for s in six for p in s.points.values())


def test_history_page_has_a_section_per_kind(kinds_built):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(
        (kinds_built.site / "bao-cao/lich-su/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    headings = [h.get_text(strip=True) for h in soup.find("article").find_all("h2")]
    assert headings[:6] == [
        "Báo cáo tháng",
        "Báo cáo quý",
        "Báo cáo 6 tháng",
        "Báo cáo 9 tháng",
        "Báo cáo năm",
        "Báo cáo giai đoạn",
    ]
    captions = [c.get_text(strip=True) for c in soup.select(".cchc-lich-su caption")]
    assert "Báo cáo tháng: số liệu từ Tháng 7/2023 đến Tháng 8/2023" in captions
    assert soup.find("a", href="../2016-2020/", string="Giai đoạn 2016–2020")


def test_report_pages_and_addresses_for_every_kind(kinds_built):
    for slug, label in (
        ("2023-t08", "Tháng 8/2023"),
        ("2023-6t", "6 tháng đầu năm 2023"),
        ("2022-nam", "Năm 2022"),
        ("2016-2020", "Giai đoạn 2016–2020"),
    ):
        html = (kinds_built.site / f"bao-cao/{slug}/index.html").read_text(encoding="utf-8")
        assert f"Báo cáo cải cách hành chính {label}" in html


def test_open_data_says_the_kind_of_each_period(kinds_built):
    from .test_history import read_csv

    figures = read_csv(kinds_built.site / "du-lieu/chi-so.csv")
    by_period = {(r["ky"], r["loai_ky"], r["nam"], r["quy"], r["thang"], r["den_nam"]) for r in figures}
    assert ("2023-t08", "thang", "2023", "", "8", "") in by_period
    assert ("2023-q1", "quy", "2023", "1", "", "") in by_period
    assert ("2016-2020", "giai_doan", "2016", "", "", "2020") in by_period
    assert {r["loai_ky"] for r in figures} == set(periods.PERIOD_KINDS)


@pytest.mark.parametrize(
    "stem, words",
    [
        (
            "2023-t09",
            ("thang: 9", "tạo từ báo cáo Tháng 8/2023", "tu_ngay: 2023-08-15\n  den_ngay: 2023-09-14"),
        ),
        ("2024-q1", ("quy: 1", "tạo từ báo cáo Quý 3/2023", "QUÝ II/2024")),
        (
            "2024-6t",
            (
                "loai_ky: 6_thang",
                "tạo từ báo cáo 6 tháng đầu năm 2023",
                "tu_ngay: 2023-12-15\n  den_ngay: 2024-06-14",
            ),
        ),
        (
            "2024-9t",
            (
                "loai_ky: 9_thang",
                "tạo từ báo cáo 9 tháng đầu năm 2023",
            ),
        ),
        ("2024-nam", ("loai_ky: nam", "tạo từ báo cáo Năm 2023", "NĂM 2025")),
        ("2021-2025", ("loai_ky: giai_doan", "den_nam: 2025", "tạo từ báo cáo Giai đoạn 2016–2020")),
    ],
)
def test_new_report_scaffolds_every_kind(kinds_project, stem, words):
    result = run("new-report", stem, "--content", str(kinds_project.content))
    assert result.returncode == 0, result.stderr
    created = (kinds_project.content / f"bao-cao/{stem}.yaml").read_text(encoding="utf-8")
    for word in words:
        assert word in created, word
    check = run("check", str(kinds_project.content))
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert f"content/bao-cao/{stem}.yaml" in check.stderr  # a draft whose blanks are the to-do list
    assert "Tên tệp" not in check.stderr and "loại kỳ" not in check.stderr  # its period is right


def test_new_report_refuses_a_name_that_is_no_period(kinds_project):
    result = run("new-report", "2024-q5", "--content", str(kinds_project.content))
    assert result.returncode == 2 and "2023-t08" in result.stderr and "Traceback" not in result.stderr
    result = run("new-report", "2024-q1\n", "--content", str(kinds_project.content))
    assert result.returncode == 2 and not list(kinds_project.content.glob("bao-cao/2024-q1*"))


TWO_MONTHS = periods.PeriodKind(  # a kind the software does not have, declared only here
    "2_thang",
    "2 tháng",
    "{nam}-2t",
    "2 tháng đầu năm {nam}",
    "2 tháng",
    "2 tháng đầu năm {nam}",
    span="from_january",
    months=2,
    max_days=62,
    example="2024-2t",
    next_focus="THÁNG 3/{nam}",
    phrases=(r"\b2 thang dau nam (?P<nam>\d{4})",),
)


def test_a_kind_declared_in_one_place_is_handled_everywhere(kinds_project, tmp_path, monkeypatch, capsys):
    """«2 tháng» added to PERIOD_KINDS and nowhere else: new-report, check, khoa, the report page, the
    CSV, export-docx and import-report's period reading all handle it."""
    from bs4 import BeautifulSoup
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from cchc_site.commands import main

    monkeypatch.setitem(periods.PERIOD_KINDS, TWO_MONTHS.key, TWO_MONTHS)
    content = kinds_project.content
    assert main(["new-report", "2024-2t", "--content", str(content)]) == 0
    scaffold = (content / "bao-cao/2024-2t.yaml").read_text(encoding="utf-8")
    assert "loai_ky: 2_thang  # báo cáo 2 tháng" in scaffold and "nam: 2024" in scaffold
    assert "tu_ngay: 2023-12-15" in scaffold and "den_ngay: 2024-02-14" in scaffold
    capsys.readouterr()
    assert main(["check", str(content)]) == 1  # a draft: its blanks are the to-do list
    assert "2024-2t.yaml" in capsys.readouterr().err

    filled = (content / "bao-cao/2023-6t.yaml").read_text(encoding="utf-8")
    for old, new in (
        ("loai_ky: 6_thang", "loai_ky: 2_thang"),
        ("nam: 2023", "nam: 2024"),
        ("ngay_ban_hanh: 2023-06-16", "ngay_ban_hanh: 2024-02-16"),
        ("ngay_dang_tai: 2023-06-21", "ngay_dang_tai: 2024-02-21"),
        ("6 tháng đầu năm 2023", "2 tháng đầu năm 2024"),
        ("Trong 6 tháng", "Trong 2 tháng"),
        ("6 THÁNG CUỐI NĂM 2023", "THÁNG 3/2024"),
    ):
        assert old in filled, old
        filled = filled.replace(old, new)
    (content / "bao-cao/2024-2t.yaml").write_text(filled, encoding="utf-8")
    assert main(["khoa", "--content", str(content)]) == 0
    assert main(["check", str(content)]) == 0, capsys.readouterr().err

    config = load_config(config_file=str(kinds_project.root / "mkdocs.yml"))
    config.site_dir = str(kinds_project.site)
    build(config)
    page = BeautifulSoup(
        (kinds_project.site / "bao-cao/2024-2t/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert "2 tháng đầu năm 2024" in page.find("h1").get_text()
    csv_text = (kinds_project.site / "du-lieu/chi-so.csv").read_text(encoding="utf-8-sig")
    assert "2024-2t,2_thang,2024,,,," in csv_text
    history = (kinds_project.site / "bao-cao/lich-su/index.html").read_text(encoding="utf-8")
    assert "2 tháng đầu năm 2024" in history

    word = tmp_path / "bao-cao-2024-2t.docx"
    assert main(["export-docx", "2024-2t", "--content", str(content), "-o", str(word)]) == 0
    (content / "bao-cao/2024-2t.yaml").unlink()
    capsys.readouterr()
    assert main(["import-report", str(word), "--content", str(content)]) == 0
    assert "Kỳ báo cáo đọc từ văn bản: «2 tháng đầu năm 2024»." in capsys.readouterr().out
    imported = (content / "bao-cao/2024-2t.yaml").read_text(encoding="utf-8")
    assert "loai_ky: 2_thang  # báo cáo 2 tháng" in imported


@pytest.mark.parametrize(
    ("stem", "span"),
    [("2011-2020", "giai đoạn 2011–2020"), ("2023-nam", "năm 2023"), ("2023-q2", "năm 2023")],
)
def test_a_first_report_from_the_outline_names_the_whole_period(tmp_path, stem, span):
    """A commune's first report comes from the standard outline: a review of 2011–2020 plans for
    the whole period, never «năm 2011»."""
    made = run("init", str(tmp_path / "du-an"), "--xa", "Tân Việt", "--tinh", "Hưng Yên")
    assert made.returncode == 0, made.stderr
    content = tmp_path / "du-an" / "content"
    result = run("new-report", stem, "--content", str(content))
    assert result.returncode == 0, result.stderr
    created = (content / "bao-cao" / f"{stem}.yaml").read_text(encoding="utf-8")
    assert f"kế hoạch cải cách hành chính {span}\n" in created
    assert "năm 2011" not in created
