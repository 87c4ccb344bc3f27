"""What only a browser shows: search, the list filter, no-JS, accessibility, privacy, print.

Playwright drives Debian's Chromium (``/usr/bin/chromium``); no browser is downloaded.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import urlparse

import pytest

from benchmarks.page_weight import CHROMIUM, CHROMIUM_ARGS, serve
from cchc_site import text

playwright_api = pytest.importorskip("playwright.sync_api")

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PAGES = ["", "bao-cao/2022-q3/", "thu-tuc/", "thu-tuc/1.000894/"]


@pytest.fixture(scope="session")
def base_url(built):
    server, url = serve(built.site)  # the benchmark's server: one way to serve the built site
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _context(browser, base_url, **options):
    """A browser context in which any request to another origin fails the test."""
    context = browser.new_context(**options)
    foreign: list[str] = []
    origin = urlparse(base_url).netloc

    def guard(route):
        url = urlparse(route.request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != origin:
            foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    return context, foreign


@pytest.fixture
def page(browser, base_url):
    context, foreign = _context(browser, base_url, viewport=DESKTOP)
    yield context.new_page()
    context.close()
    assert not foreign, f"requests to other origins: {foreign}"


def search(page, base_url, query: str) -> list[str]:
    page.goto(base_url, wait_until="networkidle")  # the index and the worker's scripts are in
    page.click(".md-search__input")
    page.keyboard.type(query)  # the theme reacts to key events, as when a person types
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=10_000)
    # results follow each keystroke: wait until the list for the whole query has settled
    previous = None
    for _ in range(40):
        current = page.inner_html(".md-search-result")
        if current == previous:
            break
        previous = current
        page.wait_for_timeout(250)
    titles = page.locator(".md-search-result__item > a .md-search-result__article > :is(h1, h2)")
    return [" ".join(t.split()) for t in titles.all_inner_texts()]


@pytest.mark.parametrize("query", [
    "dang ky ket hon",
    "đăng ký kết hôn",
    "ĐĂNG KÝ KẾT HÔN",
    unicodedata.normalize("NFD", "đăng ký kết hôn"),
    "1.000894",
])
def test_search_finds_marriage_registration_first(page, base_url, query):
    assert search(page, base_url, query)[0] == "Đăng ký kết hôn"


@pytest.mark.parametrize("query, first", [
    ("dang ky khai sinh", "Đăng ký khai sinh"),
    ("khai tu", "Đăng ký khai tử"),
    ("dang ky thuong tru", "Đăng ký thường trú"),
])
def test_search_without_diacritics(page, base_url, query, first):
    assert search(page, base_url, query)[0] == first


def test_exact_diacritics_rank_above_folded_matches(page, base_url):
    # "bản sao" folds to "ban sao", as do "Ủy ban" and "bán": the exact words come first
    top = search(page, base_url, "bản sao")[0]
    assert "bản sao" in top.lower()


def test_snippets_keep_diacritics_and_highlight_folded_matches(page, base_url):
    search(page, base_url, "ket hon")
    first = page.locator(".md-search-result__item").first
    assert "Đăng ký kết hôn" in " ".join(first.inner_text().split())
    marked = {m.strip() for m in first.locator("mark").all_text_contents()}  # some sit in <details>
    assert marked & {"kết", "hôn"}


def _count(page) -> str:
    return page.locator("#loc-dem").inner_text()


def test_procedure_list_filters_as_you_type(page, base_url):
    page.goto(base_url + "thu-tuc/")
    assert _count(page) == "163/163 thủ tục"
    page.fill("#loc-tu-khoa", "dang ky khai sinh")
    visible = page.locator("article tbody tr:visible td:first-child")
    assert visible.first.inner_text() == "Đăng ký khai sinh"
    shown = int(_count(page).split("/")[0])
    assert shown == visible.count() and 1 <= shown < 10
    for table in page.locator("article table:visible").all():  # no empty tables left behind
        assert table.locator("tbody tr:visible").count() > 0
    page.fill("#loc-tu-khoa", "1.000894")
    assert _count(page) == "1/163 thủ tục"
    page.fill("#loc-tu-khoa", "")
    page.select_option("#loc-nhom", "quoc_phong")
    assert _count(page) == "14/163 thủ tục"
    assert page.locator("article h2:visible").all_inner_texts() == ["Lĩnh vực Quốc phòng (14 thủ tục)"]
    page.select_option("#loc-nhom", "")
    page.select_option("#loc-linh-vuc", "Chứng thực")
    assert _count(page) == f"{page.locator('article tbody tr:visible').count()}/163 thủ tục"
    page.select_option("#loc-linh-vuc", "")
    page.select_option("#loc-truc-tuyen", "Mức độ 3")
    assert all(c == "Mức độ 3" for c in page.locator("article tbody tr:visible td:nth-child(3)").all_inner_texts())


def test_filter_controls_are_labelled_and_announce_the_count(page, base_url):
    page.goto(base_url + "thu-tuc/")
    for control in ("#loc-tu-khoa", "#loc-nhom", "#loc-linh-vuc", "#loc-truc-tuyen"):
        label = page.locator(f"label[for='{control[1:]}']")
        assert label.count() == 1 and label.inner_text().strip()
    assert page.get_attribute("#loc-dem", "aria-live") == "polite"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.tagName")
    assert focused in ("A", "INPUT", "BUTTON")


def test_procedure_list_without_javascript(browser, base_url):
    context, foreign = _context(browser, base_url, java_script_enabled=False)
    no_js = context.new_page()
    no_js.goto(base_url + "thu-tuc/")
    assert no_js.locator("article tbody tr:visible").count() == 163
    assert no_js.locator("#loc-tu-khoa").count() == 0
    no_js.click("text=Đăng ký kết hôn >> nth=0")
    assert no_js.locator("h1").inner_text() == "Đăng ký kết hôn"
    context.close()
    assert not foreign


def test_javascript_fold_matches_python_fold(page, base_url):
    page.goto(base_url + "thu-tuc/")
    letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    sample = letters + letters.upper() + " Thuỷ hoá"
    assert page.evaluate("s => window.cchcFold(s)", sample) == text.fold(sample).lower()


@pytest.fixture(scope="session")
def history_url(history_built):
    server, url = serve(history_built.site)
    yield url
    server.shutdown()


def _serious_violations(browser, base_url, viewport, uri):
    from axe_playwright_python.sync_playwright import Axe

    context, foreign = _context(browser, base_url, viewport=viewport)
    axe_page = context.new_page()
    axe_page.goto(base_url + uri, wait_until="networkidle")
    violations = Axe().run(axe_page).response["violations"]
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in violations if v["impact"] in ("serious", "critical")]
    assert axe_page.get_attribute("html", "lang") == "vi"
    context.close()
    assert not foreign
    return serious


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("uri", PAGES, ids=["home", "report", "list", "procedure"])
def test_no_serious_accessibility_violations(browser, base_url, viewport, uri):
    assert not _serious_violations(browser, base_url, viewport, uri)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("uri", ["bao-cao/lich-su/", "bao-cao/2023-q1/", "du-lieu/", "thu-tuc/lich-su/",
                                 "thu-tuc/theo-ky/2023-q3/"],
                         ids=["history", "corrected-report", "open-data", "list-history", "list-as-of"])
def test_auditor_pages_have_no_serious_accessibility_violations(browser, history_url, viewport, uri):
    assert not _serious_violations(browser, history_url, viewport, uri)


def test_history_charts_keep_their_table_reachable(browser, history_url):
    context, foreign = _context(browser, history_url, viewport=PHONE)
    chart_page = context.new_page()
    chart_page.goto(history_url + "bao-cao/lich-su/", wait_until="networkidle")
    svg = chart_page.locator("figure.cchc-bieu-do svg").first
    box = svg.bounding_box()
    assert box and 300 < box["width"] <= 390  # scales to the phone's width
    summary = chart_page.locator("figure.cchc-bieu-do summary").first
    summary.focus()
    chart_page.keyboard.press("Enter")  # the data table opens from the keyboard
    assert chart_page.locator("figure.cchc-bieu-do details table").first.is_visible()
    context.close()
    assert not foreign


def test_focus_is_visible(page, base_url):
    page.goto(base_url + "thu-tuc/1.000894/")
    page.focus("article a.md-button")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


def test_procedure_page_prints_cleanly(page, base_url):
    page.goto(base_url + "thu-tuc/1.000894/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"):
        assert page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).display") == "none"
    after = page.evaluate(
        "getComputedStyle(document.querySelector('article a[href^=\"https://dichvucong\"]'), '::after').content")
    assert "dichvucong.gov.vn" in after
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") <= 2


def test_site_works_under_the_readme_content_security_policy(browser, base_url):
    """The nginx sample forbids every other origin: the pages and the search must still work."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    policy = re.search(r'Content-Security-Policy "([^"]+)"', readme).group(1)
    context = browser.new_context(viewport=DESKTOP)

    def with_policy(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    context.route("**/*", with_policy)
    csp_page = context.new_page()
    violations: list[str] = []
    csp_page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    for uri in ("", "bao-cao/lich-su/", "thu-tuc/"):
        csp_page.goto(base_url + uri, wait_until="networkidle")
    titles = search(csp_page, base_url, "khai sinh")
    context.close()
    assert not violations, violations
    assert titles and "khai sinh" in titles[0].lower()
