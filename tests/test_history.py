"""Auditors' views on the synthetic 9-quarter fixture: history, charts, downloads, package, feed."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from datetime import date
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from cchc_site.output.charts import _nice_ceiling, bar_chart
from cchc_site.output.history import indicator_series, list_history, slots
from cchc_site.validate import load_site

from .conftest import HISTORY

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


@pytest.fixture(scope="module")
def site():
    return load_site(HISTORY, "content", today=date(2026, 11, 28))


def series(site, key, kind="ky"):
    return next(s for s in indicator_series(site.reports, "quy") if (s.key, s.kind) == (key, kind))


def page(project, uri: str) -> BeautifulSoup:
    return BeautifulSoup((project.site / uri).read_text(encoding="utf-8"), "html.parser")


def test_quarters_include_the_gap(site):
    found = slots(site.reports, "quy")
    assert [q.slug for q in found][:2] == ["2022-q3", "2022-q4"] and len(found) == 10
    assert next(q for q in found if q.slug == "2024-q3").report is None


def test_series_values_and_changes_against_the_previous_quarter(site):
    received = series(site, "ho_so.tiep_nhan")
    assert {slug: p.value for slug, p in received.points.items()} == {
        r.model.slug: next(row.value for row in r.rows if row.key == "ho_so.tiep_nhan") for r in site.reports
    }
    assert received.points["2023-q1"].change == 356 - 455 and received.points["2023-q1"].change_shown == "−99"
    assert received.points["2022-q3"].change is None  # nothing before
    assert received.points["2024-q4"].change is None  # 2024-q3 has no report: no comparison across a gap
    assert received.unit == "hồ sơ"


def test_year_to_date_figures_never_mix_with_quarterly_ones(site):
    all_series = indicator_series(site.reports, "quy")
    assert len({(s.key, s.kind) for s in all_series}) == len(all_series)
    ytd = series(site, "pho_bien_phap_luat.bai", "luy_ke")
    assert not [s for s in all_series if s.key == "pho_bien_phap_luat.bai" and s.kind != "luy_ke"]
    assert ytd.points["2023-q1"].change is None  # the year restarts: Q1 is not compared with Q4
    assert ytd.points["2023-q2"].change == 5 - 2


def test_rates_are_computed_with_their_change_in_points(site):
    on_time = series(site, "ty_le.dung_han")
    assert on_time.is_rate and on_time.points["2022-q4"].shown == "99,3%"  # (441 + 6) / 450
    assert on_time.points["2022-q4"].change_shown == "−0,7 điểm %"
    assert "2023-q2" not in series(site, "ty_le.hai_long").points  # that report has no survey


def test_list_history_per_quarter(site):
    periods = {p.quarter.slug: p for p in list_history(site)}
    added = periods["2023-q1"].changes
    assert [(c.action, c.thu_tuc.ten) for c in added] == [("niem_yet", "Cấp bản sao Trích lục hộ tịch")]
    assert [(c.action, c.thu_tuc.ten) for c in periods["2023-q4"].changes] == [
        ("bai_bo", "Công nhận tuyên truyền viên pháp luật")
    ]
    assert {c.action for c in periods["2024-q2"].changes} == {"niem_yet", "bai_bo"}
    assert periods["2023-q3"].count_at_end == 13 and periods["2024-q4"].count_at_end == 12
    assert not periods["2022-q3"].changes  # the initial list is not a change


def test_chart_shows_every_quarter_and_describes_the_gap(site):
    chart = bar_chart("c", "Hồ sơ", series(site, "ho_so.tiep_nhan"), slots(site.reports, "quy"))
    assert len(chart.bars) == 10 and [b.shown for b in chart.bars].count(None) == 1
    assert "Không có số liệu: Quý 3/2024" in chart.description
    assert "Cao nhất 603 hồ sơ (Quý 4/2024)" in chart.description
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.shown == "603" and tallest.y >= 20  # inside the plot
    assert ("Quý 3/2024", "không có báo cáo") in chart.rows


@pytest.mark.parametrize("value, top", [(0, 1), (7, 10), (12, 20), (603, 1000), (250, 250), (251, 500)])
def test_axis_top_is_a_round_number(value, top):
    assert _nice_ceiling(value) == top


def test_history_page_table(history_built):
    soup = page(history_built, "bao-cao/lich-su/index.html")
    table = soup.select_one(".cchc-lich-su table")
    heads = [th.get_text(strip=True) for th in table.select("thead th")]
    assert heads[3:] == [
        "Quý 4/2024",
        "Quý 3/2024",
        "Quý 2/2024",
        "Quý 1/2024",
        "Quý 4/2023",
        "Quý 3/2023",
        "Quý 2/2023",
        "Quý 1/2023",
        "Quý 4/2022",
        "Quý 3/2022",
    ]  # newest first
    row = next(tr for tr in table.select("tbody tr") if tr.th.get_text(strip=True) == "Tổng số hồ sơ")
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells[:2] == ["hồ sơ", "trong kỳ báo cáo"]
    assert cells[2:] == [
        "603",
        "—",
        "476 (+142)",
        "334 (−164)",
        "498 (−89)",
        "587 (+66)",
        "521 (+165)",
        "356 (−99)",
        "455 (+43)",
        "412",
    ]
    ytd = next(
        tr for tr in table.select("tbody tr") if tr.th.get_text(strip=True) == "Bài tuyên truyền pháp luật"
    )
    assert "lũy kế từ đầu năm" in ytd.get_text()
    grid = soup.find("h2", string="Báo cáo quý").find_next("table")
    assert "chưa có báo cáo" in grid.get_text() and grid.find("a", href="../2023-q1/")


def test_history_charts_are_labelled_svg_with_their_data(history_built):
    soup = page(history_built, "bao-cao/lich-su/index.html")
    figures = soup.select("figure.cchc-bieu-do")
    assert len(figures) == 4
    for figure in figures:
        svg = figure.find("svg")
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text() and svg.find("desc", id=desc_id).get_text()
        assert len(svg.find_all("rect")) >= 8
        assert len(figure.select("details table tbody tr")) == 10
    assert not soup.find("script", src=re.compile("chart|d3|plotly", re.I))


def test_history_lists_every_correction(history_built):
    soup = page(history_built, "bao-cao/lich-su/index.html")
    table = soup.find("h2", string="Các lần cập nhật").find_next("table")
    text = table.get_text(" ", strip=True)
    assert "03/04/2023" in text and "Đính chính theo bản đã ký" in text and "15" in text and "16" in text


def test_report_page_navigation_downloads_and_corrections(history_built):
    soup = page(history_built, "bao-cao/2023-q1/index.html")
    article = soup.find("article")
    nav = article.find("nav", class_="cchc-ke-tiep")
    assert nav.find("a", href="../2022-q4/") and nav.find("a", href="../2023-q2/")
    links = {a["href"] for a in article.find_all("a", href=True)}
    for href in (
        "../../du-lieu/bao-cao/2023-q1.csv",
        "../../du-lieu/bao-cao/2023-q1.json",
        "../../thu-tuc/theo-ky/2023-q1/",
    ):
        assert href in links
        target = (history_built.site / "bao-cao/2023-q1" / href).resolve()
        assert target.is_file() or (target / "index.html").is_file()
    updates = article.find("h2", id="cap-nhat").find_next("table").get_text(" ", strip=True)
    assert "Tuyên truyền CCHC: Bài tuyên truyền đăng trên trang thông tin" in updates
    assert "15 16 Đính chính theo bản đã ký" in updates
    assert "Bài tuyên truyền đăng trên trang thông tin 16" in article.get_text(
        " ", strip=True
    )  # new value shown
    last = page(history_built, "bao-cao/2024-q4/index.html").find("article")
    assert "Báo cáo mới nhất" in last.find("nav").get_text()


def test_signed_original_is_published_with_its_sha256(history_built):
    article = page(history_built, "bao-cao/2024-q4/index.html").find("article")
    pdf = history_built.site / "du-lieu/ban-goc/2024-q4.pdf"
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert digest == hashlib.sha256((HISTORY / "bao-cao/ban-goc/2024-q4.pdf").read_bytes()).hexdigest()
    assert article.find("a", href="../../du-lieu/ban-goc/2024-q4.pdf") and digest in article.get_text()
    assert "chưa đính kèm bản quét" in page(history_built, "bao-cao/2023-q1/index.html").get_text()


def test_list_as_of_a_report_date(history_built):
    q3 = page(history_built, "thu-tuc/theo-ky/2023-q3/index.html").find("article").get_text(" ", strip=True)
    assert "13 thủ tục" in q3 and "Đăng ký nghĩa vụ quân sự tạm vắng" in q3
    assert "Công nhận tuyên truyền viên pháp luật" in q3
    q4 = page(history_built, "thu-tuc/theo-ky/2024-q4/index.html").find("article").get_text(" ", strip=True)
    assert "12 thủ tục" in q4 and "Công nhận tuyên truyền viên pháp luật" not in q4
    assert "Đăng ký tổ chức lễ hội cấp xã" in q4 and "Thông báo tổ chức lễ hội cấp xã" not in q4


def test_list_history_page_names_the_decisions(history_built):
    article = page(history_built, "thu-tuc/lich-su/index.html").find("article")
    assert [h.get_text()[:3] for h in article.find_all("h2")] == ["Quý"] * 10  # one heading per quarter
    text = article.get_text(" ", strip=True)
    assert "Niêm yết mới Cấp bản sao Trích lục hộ tịch" in text
    assert "Quyết định số 123/QĐ-UBND ngày 01/02/2023" in text
    assert "Bãi bỏ Công nhận tuyên truyền viên pháp luật" in text and "2210/QĐ-UBND" in text
    assert "Danh mục ban đầu: 11 thủ tục niêm yết ngày 01/06/2022" in text


def read_csv(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # Excel-friendly UTF-8, RFC 4180 lines
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_report_downloads_match_the_yaml(history_built, site):
    for report in site.reports:
        slug = report.model.slug
        rows = read_csv(history_built.site / f"du-lieu/bao-cao/{slug}.csv")
        expected = {row.key: row.value for row in report.rows}
        assert {r["khoa"]: int(r["gia_tri"]) for r in rows} == expected
        assert {r["ky"] for r in rows} == {slug}
        data = json.loads((history_built.site / f"du-lieu/bao-cao/{slug}.json").read_text(encoding="utf-8"))
        assert data["bao_cao"] == report.dump()
        assert data["van_tay_khi_dang_tai"] == report.seal
    q1 = json.loads((history_built.site / "du-lieu/bao-cao/2023-q1.json").read_text(encoding="utf-8"))
    assert q1["cap_nhat"][0]["gia_tri_cu"] == 15 and q1["cap_nhat"][0]["gia_tri_moi"] == 16


def test_history_downloads_cover_every_report(history_built, site):
    rows = read_csv(history_built.site / "du-lieu/chi-so.csv")
    assert {r["ky"] for r in rows} == {r.model.slug for r in site.reports}
    ytd = [r for r in rows if r["khoa"] == "pho_bien_phap_luat.bai"]
    assert {r["pham_vi"] for r in ytd} == {"luy_ke_nam"} and all(not r["tu_ngay"] for r in ytd)
    rates = read_csv(history_built.site / "du-lieu/ty-le.csv")
    q4 = next(r for r in rates if r["ky"] == "2022-q4" and r["khoa"] == "ty_le.dung_han")
    assert (q4["tu_so"], q4["mau_so"], q4["ty_le"]) == ("447", "450", "0.993333")
    corrections = read_csv(history_built.site / "du-lieu/cap-nhat.csv")
    assert [r["truong"] for r in corrections] == ["tuyen_truyen.bai_dang", "phan.1.muc.2.doan_van.1"]
    procedures = read_csv(history_built.site / "du-lieu/thu-tuc.csv")
    assert len(procedures) == 14 and {r["ngay_bai_bo"] for r in procedures} >= {"2023-11-20", "2024-05-05"}


def test_datapackage_describes_every_file_and_validates(history_built, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    data_dir = history_built.site / "du-lieu"
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    files = {
        p.relative_to(data_dir).as_posix()
        for p in data_dir.rglob("*")
        if p.is_file() and p.name not in ("datapackage.json", "index.html")
    }
    assert {r["path"] for r in descriptor["resources"]} == files
    for resource in descriptor["resources"]:
        assert resource["title"] and resource["hash"].startswith("sha256:")
        for column in resource.get("schema", {}).get("fields", []):
            assert column["title"] and column["type"] in ("string", "integer", "number", "date", "boolean")
    report = frictionless.validate(str(data_dir / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    # the package notices a file that changed after publication
    copy = tmp_path / "du-lieu"
    shutil.copytree(data_dir, copy)
    csv_path = copy / "chi-so.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b",603,", b",604,"))
    assert not frictionless.validate(str(copy / "datapackage.json")).valid


def test_feed_is_valid_atom(history_built):
    root = ET.parse(history_built.site / "atom.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for parent in [root, *root.findall(f"{ATOM}entry")]:  # RFC 4287 4.1.1 and 4.1.2
        for tag in ("id", "title", "updated"):
            assert len(parent.findall(f"{ATOM}{tag}")) == 1, tag
        assert RFC3339.match(parent.find(f"{ATOM}updated").text)
        assert parent.find(f"{ATOM}id").text.startswith("urn:uuid:")
    assert root.find(f"{ATOM}author/{ATOM}name").text  # so entries need no author of their own
    entries = root.findall(f"{ATOM}entry")
    assert len({e.find(f"{ATOM}id").text for e in entries}) == len(entries) == 9 + 2
    for entry in entries:
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        target = history_built.site / link.get("href").split("#")[0] / "index.html"
        assert target.is_file(), link.get("href")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert (
        "Cập nhật báo cáo Quý 1/2023: Tuyên truyền CCHC: Bài tuyên truyền đăng trên trang thông tin" in titles
    )
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True) and root.find(f"{ATOM}updated").text == updated[0]
    feedparser = pytest.importorskip("feedparser")  # a second opinion from a feed reader
    assert not feedparser.parse((history_built.site / "atom.xml").read_bytes()).bozo


def test_data_page_lists_files_with_sizes_and_hashes(history_built):
    article = page(history_built, "du-lieu/index.html").find("article")
    for name in ("chi-so.csv", "ty-le.csv", "cap-nhat.csv", "thu-tuc.csv", "2023-q1.json", "2024-q4.pdf"):
        link = article.find("a", string=name)
        assert link is not None, name
        path = (history_built.site / "du-lieu" / link["href"]).resolve()
        assert hashlib.sha256(path.read_bytes()).hexdigest() in article.get_text()
    assert article.find("a", href="datapackage.json") and article.find("a", href="../atom.xml")
    assert "Mã chỉ tiêu" in article.get_text()  # the columns are documented


def test_every_page_links_the_feed(history_built):
    for uri in ("index.html", "bao-cao/lich-su/index.html", "thu-tuc/1.001193/index.html"):
        link = page(history_built, uri).find("link", rel="alternate", type="application/atom+xml")
        assert link is not None and link["href"].endswith("atom.xml")


def test_real_content_shows_its_history(built):
    soup = page(built, "bao-cao/lich-su/index.html")
    heads = [th.get_text(strip=True) for th in soup.select(".cchc-lich-su thead th")]
    assert heads[3:] == ["Quý 3/2022"]
    assert soup.find("a", href="../2022-q3/")
    assert "Chưa có báo cáo nào được cập nhật" in soup.get_text()
    root = ET.parse(built.site / "atom.xml").getroot()
    assert len(root.findall(f"{ATOM}entry")) == 1
    rows = read_csv(built.site / "du-lieu/bao-cao/2022-q3.csv")
    assert {r["khoa"]: r["gia_tri"] for r in rows}["ho_so.tiep_nhan"] == "482"
    report = page(built, "bao-cao/2022-q3/index.html").find("article").get_text(" ", strip=True)
    assert (
        "Không có báo cáo trước" in report
        and "Chưa có cập nhật nào kể từ khi đăng tải ngày 28/11/2026" in report
    )


def test_as_of_lists_link_to_existing_pages(history_built):
    for page in (history_built.site / "thu-tuc" / "theo-ky").glob("*/index.html"):
        links = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("ul.cchc-ds a")
        assert links
        for a in links:
            assert (page.parent / a["href"] / "index.html").resolve().is_file(), (page, a["href"])
