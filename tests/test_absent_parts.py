"""A text published as its source has it: a news item, an excerpt, a report without signature,
recipients, opening, closing, number or year. What the source lacks is recorded (``khong_co``) and
said on the page — never invented, never printed as signed, never an empty table."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from cchc_site.core.models import BaoCao
from cchc_site.word.layout import Marks, body_blocks, closing_block

from .conftest import Project, data_errors, find_problem, make_project

FIXTURE = Path(__file__).parent / "fixtures" / "ky" / "content"

NEWS = """\
loai_ky: 6_thang
nam: 2024
loai_van_ban: tin_bai
khong_co: [mo_dau, ket_luan, noi_nhan, chu_ky, so_ky_hieu, ngay_ban_hanh, nam]
co_quan_ban_hanh: Ủy ban nhân dân xã Hòa Mỹ
ngay_dang_tai: 2024-07-10
trich_yeu: Xã Hòa Mỹ sơ kết công tác cải cách hành chính 6 tháng đầu năm
ghi_chu_nguon: Tin không ghi năm; năm 2024 theo ngày đăng tin trên cổng thông tin của xã.
phan:
  - so: I
    muc:
      - so: 1
        doan_van:
          - Sáng nay, UBND xã tổ chức hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm.
"""


@pytest.fixture
def news(tmp_path: Path) -> Project:
    project = make_project(tmp_path / "project", FIXTURE)
    (project.content / "bao-cao" / "2024-6t.yaml").write_text(NEWS, encoding="utf-8")
    return project


def test_a_news_item_says_what_it_is_and_what_its_source_lacks(news: Project) -> None:
    news.relock()
    result = news.build()
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((news.site / "bao-cao" / "2024-6t" / "index.html").read_text("utf-8"), "html.parser")
    article = soup.find("article")
    text = " ".join(article.get_text(" ").split())
    assert "Loại văn bản: Tin bài về báo cáo (không phải toàn văn báo cáo đã ký)" in text
    assert (
        "Văn bản nguồn không có: phần mở đầu, câu kết, nơi nhận, chữ ký, số, ký hiệu, ngày ban hành, "
        "năm của kỳ báo cáo (trang không điền thay)" in text
    )
    assert "văn bản không ghi năm, năm 2024 xác định như ghi chú về bản đăng tải" in text
    assert "Số, ký hiệu: văn bản nguồn không có" in text
    for invented in ("(đã ký)", "Nơi nhận", "Người ký", "BÁO CÁO"):
        assert invented not in text, invented
    assert not article.select(".van-ban__chu-ky, .van-ban__noi-nhan")
    # a news item's parts without headings get none made up
    assert not article.select(".van-ban h3, .van-ban h4")
    assert "Sáng nay, UBND xã tổ chức hội nghị sơ kết" in text
    # no figures: no empty table, on the page or on the home page
    assert not article.select(".cchc-so-lieu table")
    assert "Văn bản không nêu số liệu nào thuộc danh mục chỉ tiêu" in text
    home = BeautifulSoup((news.site / "index.html").read_text("utf-8"), "html.parser").find("article")
    assert not home.select(".cchc-so-lieu table")
    assert "Báo cáo này không nêu số liệu nào thuộc danh mục chỉ tiêu." in home.get_text()


def test_the_word_copy_of_a_text_without_signature_prints_none() -> None:
    model = BaoCao.model_validate(yaml.safe_load(NEWS))
    closing = closing_block(model, Marks(draft=False, signed=True, notes=()))
    assert "đã ký" not in closing and "Nơi nhận" not in closing
    assert model.ket_luan is None and not body_blocks(model)[-1].count("Trên đây")


LABELS = {"chu_ky": "chữ ký", "noi_nhan": "nơi nhận", "mo_dau": "phần mở đầu", "ket_luan": "câu kết"}


@pytest.mark.parametrize("part", list(LABELS))
def test_a_missing_part_is_an_error_unless_recorded_as_absent(news: Project, part: str) -> None:
    parts = ", ".join(p for p in ("mo_dau", "ket_luan", "noi_nhan", "chu_ky") if p != part)
    news.replace(
        "bao-cao/2024-6t.yaml", "khong_co: [mo_dau, ket_luan, noi_nhan, chu_ky,", f"khong_co: [{parts},"
    )
    problems = data_errors(news)
    problem = find_problem(problems, f"Thiếu {LABELS[part]}.")
    assert f"khong_co: [{part}]" in problem.hint and "không bao giờ điền thay" in problem.hint
    assert [p for p in problems if p.message.startswith("Thiếu ")] == [problem]


def test_a_part_written_and_recorded_absent_is_an_error(news: Project) -> None:
    news.replace("bao-cao/2024-6t.yaml", "phan:\n", "noi_nhan:\n  - Lưu VP.\nphan:\n")
    problem = find_problem(data_errors(news), "vừa được ghi vừa được khai")
    assert problem.field == "noi_nhan"


def test_a_year_the_text_lacks_needs_to_say_where_it_comes_from(news: Project) -> None:
    news.replace(
        "bao-cao/2024-6t.yaml",
        "ghi_chu_nguon: Tin không ghi năm; năm 2024 theo ngày đăng tin trên cổng thông tin của xã.\n",
        "",
    )
    problem = find_problem(data_errors(news), "Văn bản không ghi năm")
    assert "ghi_chu_nguon" in problem.hint
