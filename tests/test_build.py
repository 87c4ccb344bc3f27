"""Real MkDocs builds of the real content, asserted on the HTML."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from cchc_site.validate import load_site

from .conftest import CONTENT, REPORT, ROOT

SEED = ROOT.parent / "shared" / "seeds" / "000_970482e9f820f7bc.txt"


def page(project, uri: str) -> BeautifulSoup:
    return BeautifulSoup((project.site / uri).read_text(encoding="utf-8"), "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def report():
    return load_site(CONTENT).reports[-1]


def report_paragraphs(report) -> list[str]:
    r = report.model
    texts = [
        *r.mo_dau,
        r.trich_yeu,
        r.ket_luan,
        *r.noi_nhan,
        r.chu_ky.quyen_han,
        r.chu_ky.chuc_vu,
        r.chu_ky.ho_ten,
        r.danh_gia_chung.tieu_de,
        *r.danh_gia_chung.nhan_dinh,
        *r.danh_gia_chung.han_che,
        r.phuong_huong.tieu_de,
        *r.phuong_huong.nhiem_vu,
    ]
    for phan in r.phan:
        texts += [phan.tieu_de, *phan.doan_van]
        for muc in phan.muc:
            texts += [muc.tieu_de, *muc.doan_van]
    return texts


def test_html_is_vietnamese(built):
    assert page(built, "index.html").html["lang"] == "vi"


def test_report_page_states_every_paragraph_of_the_signed_report(built, report):
    article = words(page(built, "bao-cao/2022-q3/index.html").find("article").get_text(" "))
    missing = [t for t in report_paragraphs(report) if words(t) not in article]
    assert not missing
    assert "BÁO CÁO" in article and "Nơi nhận:" in article and "Tấn Văn Duẩn" in article


def test_report_text_is_the_signed_text(report):
    """Every paragraph is in the signed report, and nothing of the signed report is left out."""
    if not SEED.exists():
        pytest.skip("bản báo cáo gốc (shared/seeds) không có trên máy này")
    seed = words(SEED.read_text(encoding="utf-8"))
    not_in_seed = [t for t in report_paragraphs(report) if words(t) not in seed]
    assert not not_in_seed
    rest = seed
    for text in sorted(report_paragraphs(report), key=len, reverse=True):
        rest = rest.replace(words(text), " ", 1)
    # what remains is numbering, dashes and the page number caught in the extraction ("6")
    leftover = set(words(rest).split()) - {
        "BÁO",
        "CÁO",
        "-",
        "I.",
        "II.",
        "III.",
        "IV.",
        "1.",
        "2.",
        "3.",
        "4.",
        "5.",
        "6.",
        "6",
        "Nơi",
        "nhận:",
    }
    assert not leftover


def test_report_page_has_every_figure_in_the_key_figures_table(built, report):
    table = page(built, "bao-cao/2022-q3/index.html").find("table")
    cells = [words(td.get_text()) for td in table.find_all("td")]
    for figure in report.figures.figures:
        assert str(figure.value) in " ".join(cells)
    assert "khoảng trên 170" in cells and "Tính đến 30/09/2022" in cells
    assert "Lũy kế từ đầu năm 2022" in cells


def test_report_page_shows_computed_rates(built):
    text = words(page(built, "bao-cao/2022-q3/index.html").get_text(" "))
    assert "82,2%" in text  # 134 ÷ 163 procedures offered online
    assert "100%" in text  # 470 ÷ 470 forms


def test_procedure_list_links_every_procedure_page(built):
    soup = page(built, "thu-tuc/index.html")
    article = soup.find("article")
    links = {a["href"] for a in article.find_all("a", href=True) if not a["href"].startswith(("#", "http"))}
    assert len(links) == 163
    for href in links:
        assert (built.site / "thu-tuc" / href / "index.html").resolve().is_file(), href
    headings = [words(h.get_text()) for h in article.find_all("h2")]
    assert headings == [
        "Thủ tục hành chính cấp xã (137 thủ tục)",
        "Lĩnh vực Quốc phòng (14 thủ tục)",
        "Lĩnh vực Công an (12 thủ tục)",
    ]
    assert "163 thủ tục hành chính" in words(article.get_text(" "))
    rows = article.find_all("tr")
    assert len([r for r in rows if r.find("td")]) == 163


def test_field_subheads_are_in_vietnamese_order_and_add_up(built):
    article = page(built, "thu-tuc/index.html").find("article")
    for h2 in article.find_all("h2"):
        total = int(re.search(r"\((\d+) thủ tục\)", h2.get_text()).group(1))
        counts = []
        for sibling in h2.find_next_siblings():
            if sibling.name == "h2":
                break
            if sibling.name == "h3":
                counts.append(int(re.search(r"\((\d+)\)$", sibling.get_text().strip()).group(1)))
        assert sum(counts) == total


def test_all_internal_links_resolve(built):
    broken = []
    for html in built.site.rglob("*.html"):
        if html.name == "404.html":  # served at any depth, so MkDocs gives it absolute links
            continue
        for a in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True):
            href = a["href"]
            parsed = urlparse(href)
            if parsed.scheme or href.startswith(("#", "mailto:")):
                continue
            target = (html.parent / unquote(parsed.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{html.relative_to(built.site)} → {href}")
    assert not broken


def test_procedure_page_a_citizen_can_act_on(built):
    soup = page(built, "thu-tuc/1.001193/index.html")
    article = soup.find("article")
    text = words(article.get_text(" "))
    assert "Đăng ký khai sinh" in soup.find("h1").get_text()
    assert "Mã thủ tục: 1.001193" in text
    for heading in ("Thành phần hồ sơ", "Thời hạn", "Phí, lệ phí", "Trình tự thực hiện", "Căn cứ pháp lý"):
        assert heading in text
    # the procedure's own page on the portal (from its national record), not a keyword search
    portal = [a["href"] for a in article.find_all("a", href=True) if "dichvucong.gov.vn" in a["href"]]
    assert portal and portal[0] == load_site(CONTENT).records["1.001193"].nguon.duong_dan


def test_every_coded_procedure_answers_with_its_source(built):
    """Documents, deadline, fee and steps on every coded procedure's page, with the source line."""
    site = load_site(CONTENT)
    coded = [t for t in site.listed if t.ma]
    assert len(coded) == 70
    for t in coded:
        article = page(built, f"thu-tuc/{t.ma}/index.html").find("article")
        answers = words(article.find("div", class_="tra-loi").get_text(" "))
        assert "Cần chuẩn bị:" in answers, t.ma
        assert "Thời hạn" in answers and "phí" in answers.lower(), t.ma
        headings = [words(h.get_text(" ")) for h in article.find_all("h2")]
        assert "Trình tự thực hiện" in headings and "Nguồn thông tin" in headings, t.ma
        source = words(article.find("div", class_="nguon-tt").get_text(" "))
        assert "Cơ sở dữ liệu quốc gia về thủ tục hành chính" in source and "giữa năm 2026" in source, t.ma


def test_a_procedure_without_a_record_links_the_portals_search(built):
    site = load_site(CONTENT)
    bare = next(t for t in site.listed if site.record_of(t) is None and not t.duong_dan)
    from cchc_site.addresses import procedure_slug

    article = page(built, f"thu-tuc/{procedure_slug(bare)}/index.html").find("article")
    portal = [a["href"] for a in article.find_all("a", href=True) if "dichvucong.gov.vn" in a["href"]]
    assert portal and parse_qs(urlparse(portal[0]).query)["keyword"][0] == bare.ten


def test_procedure_without_code_is_flagged_and_has_a_page(built):
    site = load_site(CONTENT)
    without = next(t for t in site.danh_muc.thu_tuc if not t.ma)
    from cchc_site.addresses import procedure_slug

    text = words(page(built, f"thu-tuc/{procedure_slug(without)}/index.html").get_text(" "))
    assert "Mã thủ tục: chưa xác minh" in text


def test_detail_pages_do_not_grow_with_the_list(built):
    """The navigation holds sections only: a procedure page links a handful of pages."""
    soup = page(built, "thu-tuc/1.001193/index.html")
    nav_links = [a["href"] for a in soup.select("nav a[href]")]
    assert not [h for h in nav_links if re.search(r"thu-tuc/[^/]+/$", h) and "1.001193" not in h]
    assert len((built.site / "thu-tuc/1.001193/index.html").read_bytes()) < 40_000


def test_reconstructed_list_is_labelled(built):
    for uri in ("thu-tuc/index.html", "thu-tuc/1.001193/index.html"):
        assert "tái dựng" in page(built, uri).find("article").get_text()


def test_home_shows_latest_key_figures(built):
    article = page(built, "index.html").find("article")
    text = words(article.get_text(" "))
    for figure in ("163", "134", "482", "477", "470", "18"):
        assert figure in text
    assert any(a["href"].endswith("bao-cao/2022-q3/") for a in article.find_all("a", href=True))


def test_report_index_by_year(built):
    article = page(built, "bao-cao/index.html").find("article")
    assert [words(h.get_text()) for h in article.find_all("h2")] == ["Năm 2022"]
    assert "không có trong bản lưu" in article.get_text()


def test_no_third_party_requests(built):
    for html in built.site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag, **{attr: True}):
                assert not urlparse(element[attr]).netloc, f"{html}: {element}"


def test_bad_figure_fails_build_and_leaves_site_byte_identical(project):
    assert project.build().returncode == 0
    before = project.site_digest()
    line = project.line_of(REPORT, "da_giai_quyet: 477")
    project.replace(REPORT, "da_giai_quyet: 477", "da_giai_quyet: 476")
    result = project.build()
    assert result.returncode != 0
    assert f"content/bao-cao/2022-q3.yaml:{line}" in result.stderr
    assert (
        "Hồ sơ TTHC: tổng các thành phần không bằng tổng số (Tổng số hồ sơ = Hồ sơ đã giải quyết + Hồ sơ "
        "đang giải quyết)"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert project.site_digest() == before


def test_online_button_only_for_procedures_offered_online(built):
    online = page(built, "thu-tuc/1.001193/index.html").find("article")  # mức độ 3
    assert online.find("a", string="Nộp trực tuyến")
    offline = page(built, "thu-tuc/1.003583/index.html").find("article")  # not established
    assert not offline.find("a", string="Nộp trực tuyến")
    assert offline.find("a", string="Xem trên Cổng Dịch vụ công quốc gia")


def test_withdrawn_procedure_and_hand_checked_url(project):
    # withdrawn after the reporting period: the Q3 report still counts it, the list no longer shows it
    project.replace("thu-tuc.yaml", 'ma: "1.003583"', 'ma: "1.003583"\n    ngay_bai_bo: 2022-10-01')
    url = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-0000-0000-0000-000000000000"
    project.replace("thu-tuc.yaml", 'ma: "1.001193"', f'ma: "1.001193"\n    duong_dan: {url}')
    result = project.build()
    assert result.returncode == 0, result.stderr
    article = page(project, "thu-tuc/index.html").find("article")
    assert "162 thủ tục hành chính" in words(article.get_text(" "))
    withdrawn = article.find("h2", string="Thủ tục đã bãi bỏ").find_next("table")
    assert "Đăng ký khai sinh lưu động" in withdrawn.get_text() and "01/10/2022" in withdrawn.get_text()
    assert "Ngày bãi bỏ: 01/10/2022" in words(page(project, "thu-tuc/1.003583/index.html").get_text(" "))
    links = [
        a["href"]
        for a in page(project, "thu-tuc/1.001193/index.html").find("article").find_all("a", href=True)
    ]
    assert url in links


def test_link_from_data_must_be_https(project):
    project.replace("thu-tuc.yaml", 'ma: "1.001193"', 'ma: "1.001193"\n    duong_dan: "javascript:alert(1)"')
    result = project.build()
    assert result.returncode != 0 and "Sai định dạng" in result.stderr and "duong_dan" in result.stderr
