"""Every kind of commune-level unit: xã, phường, đặc khu (and thị trấn, for a merged unit's
predecessor before 01/07/2025). Titles, the issuing body, the profile and predecessors' labels
follow the kind; a district or a province is never taken for one."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cchc_site.core.errors import DataError
from cchc_site.validate import load_site

from .conftest import make_project
from .test_init import build, cli

MERGED = Path(__file__).parent / "fixtures" / "hop-nhat" / "content"


@pytest.mark.parametrize(
    ("loai", "name", "word"),
    [("xa", "Tân Việt", "xã"), ("phuong", "Quang Hanh", "phường"), ("dac-khu", "Vân Đồn", "đặc khu")],
)
def test_each_kind_of_unit_is_published_under_its_own_name(tmp_path: Path, loai, name, word) -> None:
    project = tmp_path / "du-an"
    made = cli("init", str(project), "--xa", name, "--loai", loai, "--tinh", "Quảng Ninh")
    assert made.returncode == 0, made.stderr
    assert f"của Ủy ban nhân dân {word} {name}" in made.stdout
    profile = (project / "content" / "xa.yaml").read_text(encoding="utf-8")
    assert f"loai: {loai.replace('-', '_')}" in profile and f'"Ủy ban nhân dân {word} {name}"' in profile
    built = build(project)
    assert built.returncode == 0, built.stderr
    home = BeautifulSoup((project / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.title.get_text() == f"Trang chủ - UBND {word} {name} – Cải cách hành chính"
    text = " ".join(home.get_text(" ").split())
    assert f"Ủy ban nhân dân {word} {name}" in text
    if word != "xã":
        assert f"xã {name}" not in text
        contact = (project / "site" / "lien-he" / "index.html").read_text(encoding="utf-8")
        assert f"hành chính của {word} được tiếp nhận" in " ".join(contact.split())


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("TP Hội An", "cấp huyện hoặc cấp tỉnh"),
        ("Tp. Hội An", "cấp huyện hoặc cấp tỉnh"),
        ("Tp.Hội An", "cấp huyện hoặc cấp tỉnh"),
        ("T.P Hội An", "cấp huyện hoặc cấp tỉnh"),
        ("thành phố Hội An", "cấp huyện hoặc cấp tỉnh"),
        ("Thị xã Kinh Môn", "cấp huyện hoặc cấp tỉnh"),
        ("quận Hoàn Kiếm", "cấp huyện hoặc cấp tỉnh"),
        ("phường Quang Hanh", '--loai phuong --xa "Quang Hanh"'),
        ("UBND phường Quang Hanh", '--loai phuong --xa "Quang Hanh"'),
        ("Đặc khu Vân Đồn", '--loai dac-khu --xa "Vân Đồn"'),
        ("thị trấn Gia Lộc", "không còn thị trấn"),
    ],
)
def test_a_unit_word_or_a_district_in_the_name_is_refused_with_what_to_write(
    tmp_path: Path, name: str, message: str
) -> None:
    result = cli("init", str(tmp_path / "du-an"), "--xa", name, "--tinh", "Quảng Nam")
    assert result.returncode == 1, result.stdout
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "du-an").exists()


def test_names_that_only_look_like_a_prefix_are_accepted(tmp_path: Path) -> None:
    for name in ("Tân Phú", "Tịnh Biên", "Quảng Phú"):
        result = cli("init", str(tmp_path / name.replace(" ", "-")), "--xa", name, "--tinh", "An Giang")
        assert result.returncode == 0, (name, result.stderr)


def test_an_issuing_body_that_contradicts_the_kind_is_an_error(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MERGED)
    project.replace("xa.yaml", "ten: Hợp Tiến\n", "ten: Hợp Tiến\nloai: phuong\n")
    with pytest.raises(DataError) as caught:
        load_site(project.content)
    (problem,) = [p for p in caught.value.problems if p.field.endswith("co_quan")]
    assert (
        "không khớp loại và tên đơn vị" in problem.message and problem.line == 5
    )  # co_quan, below the added loai
    assert problem.expected == "Ủy ban nhân dân phường Hợp Tiến"


def test_a_predecessor_town_keeps_its_kind_on_its_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MERGED)
    project.replace(
        "xa.yaml",
        "    ten: Hòa Mỹ\n    co_quan: Ủy ban nhân dân xã Hòa Mỹ\n",
        "    ten: Hòa Mỹ\n    loai: thi_tran\n    co_quan: Ủy ban nhân dân thị trấn Hòa Mỹ\n",
    )
    result = project.build()
    assert result.returncode == 0, result.stderr
    history = (project.site / "bao-cao" / "lich-su" / "index.html").read_text(encoding="utf-8")
    assert "Báo cáo của thị trấn Hòa Mỹ (trước khi hợp nhất)" in history
    report = BeautifulSoup(
        (project.site / "bao-cao" / "hoa-my" / "2024-q1" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    label = " ".join(report.select_one(".cchc-xa-cu").get_text().split())
    assert label.startswith("Báo cáo của thị trấn cũ")
    assert "Số liệu là của thị trấn Hòa Mỹ" in label and "hợp nhất vào xã Hợp Tiến" in label
