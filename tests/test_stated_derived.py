"""Stated or derived, never confused: a rate the text states is shown as stated and checked; a rate
the site computes where the text states none is labelled computed, in its own table, and left off
the home page; a rate's name says its real denominator; a figure the text gives «đến nay» is shown
at the time of writing, not with the period's window."""

from __future__ import annotations

import csv
import io

from bs4 import BeautifulSoup

from cchc_site.indicators import national


def page(built, address: str) -> BeautifulSoup:
    return BeautifulSoup((built.site / address).read_text(encoding="utf-8"), "html.parser")


def tables(soup: BeautifulSoup) -> dict[str, list[list[str]]]:
    """Each table of the article by its first heading: its rows' cells."""
    found = {}
    for table in soup.find("article").find_all("table"):
        rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.find_all("tr")]
        found[table.find("th").get_text(" ", strip=True)] = [r for r in rows if r]
    return found


def csv_rows(built, address: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((built.site / address).read_text(encoding="utf-8-sig"))))


def test_the_report_page_keeps_stated_and_computed_rates_apart(built):
    found = tables(page(built, "bao-cao/2022-q3/index.html"))
    stated = found["Tỷ lệ văn bản nêu"]
    computed = found["Tỷ lệ trang tính từ số liệu (văn bản không nêu)"]
    assert [r[:3] for r in stated] == [["Phiếu đánh giá tốt / phiếu phát ra", "100%", "100% (khớp)"]]
    assert [r[:2] for r in computed] == [
        ["TTHC giải quyết trực tuyến / TTHC niêm yết", "82,2% (tính)"],
        ["Hồ sơ giải quyết trước hạn và đúng hạn / hồ sơ đã giải quyết", "100% (tính)"],
    ]
    assert not {r[0] for r in stated} & {r[0] for r in computed}  # never one label for both


def test_the_home_page_leads_with_stated_figures_only(built):
    soup = page(built, "index.html")
    found = tables(soup)
    assert "Tỷ lệ trang tính từ số liệu (văn bản không nêu)" not in found
    assert found["Tỷ lệ văn bản nêu"][0][:2] == ["Phiếu đánh giá tốt / phiếu phát ra", "100%"]
    figures = soup.find("article").select(".cchc-so-lieu")[0].get_text(" ", strip=True)
    assert "82,2%" not in figures
    assert "các tỷ lệ trang tự tính từ số liệu (văn bản không nêu) có ở trang báo cáo" in " ".join(
        soup.get_text(" ").split()
    )


def test_downloads_say_whether_a_rate_is_stated_or_computed(built):
    rates = {r["khoa"]: r for r in csv_rows(built, "du-lieu/ty-le.csv")}
    assert rates["ty_le.hai_long"]["nguon"] == "van_ban" and rates["ty_le.hai_long"]["van_ban_viet"] == "100%"
    assert (
        rates["ty_le.truc_tuyen"]["nguon"] == "tinh_tu_so_lieu"
        and not rates["ty_le.truc_tuyen"]["van_ban_viet"]
    )


def test_a_figure_given_at_the_time_of_writing_is_not_labelled_with_the_window(built):
    found = tables(page(built, "bao-cao/2022-q3/index.html"))
    rows = {(r[1], r[2]): r[3] for r in found["Nhóm"]}
    assert rows[("Tổng số TTHC được niêm yết", "163")] == "Tại thời điểm lập báo cáo: văn bản ghi «đến nay»"
    assert rows[("Tổng số cán bộ, công chức", "18")] == "Tại thời điểm lập báo cáo: văn bản ghi «hiện tại»"
    assert rows[("TTHC giải quyết trực tuyến", "134")] == "Kỳ báo cáo (15/06/2022 – 14/09/2022)"
    # the download keeps the scope as recorded (and sealed), with the text's words beside it
    figures = {r["khoa"]: r for r in csv_rows(built, "du-lieu/bao-cao/2022-q3.csv")}
    assert figures["thu_tuc.tong"]["pham_vi"] == "ky_bao_cao"
    assert figures["thu_tuc.tong"]["van_ban_ghi_thoi_diem"] == "đến nay"
    assert figures["thu_tuc.truc_tuyen"]["van_ban_ghi_thoi_diem"] == ""


def test_a_rate_named_for_its_denominator():
    rate = national().rates["ty_le.dung_han"]
    assert rate.label_for(rate.default) == "Hồ sơ giải quyết trước hạn và đúng hạn / hồ sơ đã giải quyết"
    assert (
        rate.label_for(rate.formulas["tren_tong_so"])
        == "Hồ sơ giải quyết trước hạn và đúng hạn / tổng số hồ sơ"
    )


def test_the_report_json_says_whether_a_rate_is_stated_or_computed(built):
    import json

    data = json.loads((built.site / "du-lieu/bao-cao/2022-q3.json").read_text(encoding="utf-8"))
    sources = {rate["khoa"]: rate["nguon"] for rate in data["ty_le"]}
    assert sources == {
        "ty_le.truc_tuyen": "tinh_tu_so_lieu",
        "ty_le.dung_han": "tinh_tu_so_lieu",
        "ty_le.hai_long": "van_ban",
    }
    figures = {row["khoa"]: row for row in data["so_lieu"]}
    assert figures["thu_tuc.tong"]["van_ban_ghi_thoi_diem"] == "đến nay"
