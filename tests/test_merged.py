"""A merged commune (Decree 118/2025): the reports of the communes it was formed from.

Fixture: tests/fixtures/hop-nhat/ (xã Hợp Tiến, formed from Hòa Mỹ and An Bình).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cchc_site.validate import load_site

from .conftest import TODAY, Project, data_errors, find_problem, make_project

FIXTURE = Path(__file__).parent / "fixtures" / "hop-nhat" / "content"
PREDECESSOR_PAGES = {
    "bao-cao/hoa-my/2024-q1": "Hòa Mỹ",
    "bao-cao/hoa-my/2024-q2": "Hòa Mỹ",
    "bao-cao/an-binh/2024-q2": "An Bình",
}


@pytest.fixture(scope="module")
def merged_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("hop-nhat") / "project", FIXTURE)
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def merged(tmp_path: Path) -> Project:
    return make_project(tmp_path / "project", FIXTURE)


def page(project: Project, address: str) -> BeautifulSoup:
    return BeautifulSoup((project.site / address / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_each_predecessor_report_has_its_own_address_and_label(merged_site: Project) -> None:
    for address, name in PREDECESSOR_PAGES.items():
        soup = page(merged_site, address)
        label = soup.select_one(".cchc-xa-cu")
        assert label is not None, address
        said = " ".join(label.get_text().split())
        assert f"Báo cáo của Ủy ban nhân dân xã {name} (trước khi hợp nhất vào xã Hợp Tiến" in said
        assert "01/7/2025" in said or "01/07/2025" in said, said
        assert f"ỦY BAN NHÂN DÂN XÃ {name.upper()}" in soup.get_text()
    own = page(merged_site, "bao-cao/2024-q4")
    assert own.select_one(".cchc-xa-cu") is None
    assert "trước khi hợp nhất" not in own.get_text()


def test_predecessor_pages_link_only_their_own_reports(merged_site: Project) -> None:
    soup = page(merged_site, "bao-cao/hoa-my/2024-q2")
    nav = soup.select_one(".cchc-ke-tiep")
    assert nav is not None
    hrefs = [a["href"] for a in nav.find_all("a")]
    assert "../2024-q1/" in hrefs  # Hòa Mỹ's previous report, not Hợp Tiến's nor An Bình's
    assert not any("an-binh" in h or "2024-q4" in h for h in hrefs)
    assert "Báo cáo mới nhất" in nav.get_text()  # Hòa Mỹ's last: Hợp Tiến's 2024-q4 does not follow
    assert (
        page(merged_site, "bao-cao/an-binh/2024-q2")
        .select_one(".cchc-ke-tiep")
        .find_all("a")[0]["href"]
        .endswith("lich-su/")
    )


def test_history_lists_predecessors_under_their_own_name_without_mixing(merged_site: Project) -> None:
    soup = page(merged_site, "bao-cao/lich-su")
    headings = [h.get_text(" ", strip=True) for h in soup.find_all("h2")]
    assert "Báo cáo của xã Hòa Mỹ (trước khi hợp nhất)" in headings
    assert "Báo cáo của xã An Bình (trước khi hợp nhất)" in headings
    own = [t for t in soup.select(".cchc-lich-su") if "cchc-xa-cu" not in t.get("class", [])]
    theirs = soup.select(".cchc-lich-su.cchc-xa-cu")
    assert len(own) == 1 and len(theirs) == 2
    own_columns = [th.get_text(strip=True) for th in own[0].select("thead th")][3:]
    assert own_columns == ["Quý 4/2024"], own_columns  # Hợp Tiến's series holds Hợp Tiến's report only
    for table, name, columns in (
        (theirs[0], "Hòa Mỹ", ["Quý 2/2024", "Quý 1/2024"]),
        (theirs[1], "An Bình", ["Quý 2/2024"]),
    ):
        assert name in table.caption.get_text()
        assert [th.get_text(strip=True) for th in table.select("thead th")][3:] == columns
    # An Bình's single quarter has nothing to compare with: no change shown beside it
    assert not theirs[1].select(".cchc-thay-doi")
    links = {a["href"] for a in soup.find_all("a")}
    assert "../hoa-my/2024-q1/" in links and "../an-binh/2024-q2/" in links


def test_open_data_keeps_each_commune_apart(merged_site: Project) -> None:
    rows = list(csv.DictReader(io.StringIO((merged_site.site / "du-lieu/chi-so.csv").read_text("utf-8-sig"))))
    assert rows and {r["ky"] for r in rows} == {"2024-q4"}  # the commune's series: its own reports only
    data = json.loads((merged_site.site / "du-lieu/bao-cao/hoa-my/2024-q1.json").read_text("utf-8"))
    assert data["xa_ban_hanh"] == "Hòa Mỹ"
    assert data["bao_cao"]["co_quan_ban_hanh"] == "Ủy ban nhân dân xã Hòa Mỹ"
    assert (merged_site.site / "du-lieu/bao-cao/an-binh/2024-q2.csv").is_file()
    own = json.loads((merged_site.site / "du-lieu/bao-cao/2024-q4.json").read_text("utf-8"))
    assert "xa_ban_hanh" not in own


def test_predecessor_seals_verify_against_their_own_lock_file() -> None:
    site = load_site(FIXTURE, "content", today=TODAY)
    assert [r.key for r in site.reports] == ["2024-q4"]
    for merged in site.predecessors:
        locked = json.loads((FIXTURE / "tien-than" / merged.info.ma / "khoa-so-lieu.json").read_text("utf-8"))
        assert merged.reports and not merged.to_lock
        for report in merged.reports:
            assert report.seal == locked["bao_cao"][report.model.slug]["van_tay"] == report.current_seal


def test_editing_a_predecessor_report_is_caught(merged: Project) -> None:
    relative = "tien-than/hoa-my/bao-cao/2024-q1.yaml"
    merged.replace(relative, "quý I năm 2024", "quý I năm 2024 (sửa)")
    problems = data_errors(merged)
    assert any(p.file == f"content/{relative}" for p in problems), [p.format() for p in problems]


def test_removing_a_published_predecessor_report_is_caught(merged: Project) -> None:
    (merged.content / "tien-than/an-binh/bao-cao/2024-q2.yaml").unlink()
    problem = find_problem(data_errors(merged), "đã đăng tải nhưng không còn tệp")
    assert problem.file.startswith("content/tien-than/an-binh")


def test_folder_of_an_undeclared_commune_is_refused(merged: Project) -> None:
    shutil.copytree(merged.content / "tien-than/an-binh", merged.content / "tien-than/tan-an")
    problem = find_problem(data_errors(merged), "không khai trong «hinh_thanh_tu»")
    assert problem.file == "content/tien-than/tan-an"


def test_declared_commune_without_folder_is_flagged(merged: Project) -> None:
    shutil.rmtree(merged.content / "tien-than/an-binh")
    problem = find_problem(data_errors(merged), "không có thư mục báo cáo")
    assert problem.file == "content/xa.yaml"
    assert problem.line == merged.line_of("xa.yaml", "ma: an-binh")


def test_stray_file_in_a_predecessor_folder_is_refused(merged: Project) -> None:
    (merged.content / "tien-than/hoa-my/xa.yaml").write_text("ten: Hòa Mỹ\n", encoding="utf-8")
    problem = find_problem(data_errors(merged), "Tệp lạ trong thư mục dữ liệu")
    assert problem.file == "content/tien-than/hoa-my/xa.yaml"
