"""What only a browser shows: search, the list filter, no-JS, accessibility, privacy, print.

Playwright drives Debian's Chromium (``/usr/bin/chromium``); no browser is downloaded.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from .conftest import DESKTOP, PHONE, wait_until
from .conftest import guarded_context as _context

pytest.importorskip("playwright.sync_api")

PAGES = ["", "bao-cao/2022-q3/", "thu-tuc/", "thu-tuc/1.000894/"]


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


QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", QUERIES, ids=[case["query"] for case in QUERIES])
def test_search_ranks_the_expected_page_first(page, base_url, case):
    first = search(page, base_url, case["query"])[0]
    if "first" in case:
        assert first == case["first"]
    else:
        assert case["first_contains"].lower() in first.lower()


def test_search_with_a_decomposing_keyboard(page, base_url):
    assert search(page, base_url, unicodedata.normalize("NFD", "đăng ký kết hôn"))[0] == "Đăng ký kết hôn"


def test_snippets_keep_diacritics_and_highlight_folded_matches(page, base_url):
    search(page, base_url, "ket hon")
    first = page.locator(".md-search-result__item").first
    assert "Đăng ký kết hôn" in " ".join(first.inner_text().split())
    marked = {m.strip() for m in first.locator("mark").all_text_contents()}  # some sit in <details>
    assert marked & {"kết", "hôn"}


def test_search_loads_its_code_and_index_on_first_use_only(page, base_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + "thu-tuc/1.000894/", wait_until="networkidle")
    assert not [url for url in requested if "search_index" in url or "tim-kiem" in url or "worker" in url]
    page.click(".md-search__input")
    page.keyboard.type("khai sinh")  # typed at once, before the index has arrived
    page.wait_for_selector(".md-search-result__item", state="attached")
    assert any(url.endswith("search/search_index.json") for url in requested)
    assert any(url.endswith("assets/cchc/tim-kiem.js") for url in requested)
    assert "khai sinh" in page.locator(".md-search-result__item h1").first.inner_text().lower()


def test_search_on_a_phone(phone, base_url):
    phone.goto(base_url + "lien-he/", wait_until="networkidle")
    phone.click("label.md-header__button[for='__search']")
    wait_until(phone, "document.activeElement.classList.contains('md-search__input')")
    phone.keyboard.type("dang ki ket hon")
    phone.wait_for_selector(".md-search-result__item", state="visible")
    first = phone.locator(".md-search-result__item a").first
    assert " ".join(first.locator("h1").inner_text().split()) == "Đăng ký kết hôn"
    # the panel slides in (the theme's transition): measured once it has come to rest
    wait_until(phone, "Math.abs(document.querySelector('.md-search__inner').getBoundingClientRect().x) < 0.5")
    box = first.bounding_box()
    assert box and box["x"] >= -0.5 and box["x"] + box["width"] <= 390.5
    phone.keyboard.press("Enter")  # Enter opens the first result
    phone.wait_for_url("**/thu-tuc/1.000894/")


def test_search_without_result_points_to_the_list(page, base_url):
    page.goto(base_url, wait_until="networkidle")
    page.click(".md-search__input")
    page.keyboard.type("zzzqqq")
    meta = page.locator(".md-search-result__meta")
    meta.locator("a").wait_for()
    assert "Không tìm thấy kết quả cho «zzzqqq»" in meta.inner_text()
    assert meta.locator("a").get_attribute("href").endswith("thu-tuc/?q=zzzqqq")  # the list, filtered
    assert page.locator(".md-search-result__item").count() == 0


def test_search_results_are_text_not_markup(page, base_url):
    """A title or text in the index is never inserted as markup (the query neither)."""
    page.goto(base_url, wait_until="networkidle")
    page.click(".md-search__input")
    page.keyboard.type("<img src=x onerror=alert(1)> khai")
    wait_until(page, "document.querySelector('.md-search-result__meta').textContent.length > 0")
    assert page.locator(".md-search-result img").count() == 0


def _serious_violations(browser, base_url, viewport, uri):
    from axe_playwright_python.sync_playwright import Axe

    context, foreign = _context(browser, base_url, viewport=viewport)
    axe_page = context.new_page()
    axe_page.goto(base_url + uri, wait_until="networkidle")
    violations = Axe().run(axe_page).response["violations"]
    serious = [
        (
            v["id"],
            v["impact"],
            [n["target"] for n in v["nodes"]][:3],
        )  # minor ones too: Lighthouse counts them
        for v in violations
    ]
    assert axe_page.get_attribute("html", "lang") == "vi"
    context.close()
    assert not foreign
    return serious


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("uri", PAGES, ids=["home", "report", "list", "procedure"])
def test_no_serious_accessibility_violations(browser, base_url, viewport, uri):
    assert not _serious_violations(browser, base_url, viewport, uri)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(
    "uri",
    ["bao-cao/lich-su/", "bao-cao/2023-q1/", "du-lieu/", "thu-tuc/lich-su/", "thu-tuc/theo-ky/2023-q3/"],
    ids=["history", "corrected-report", "open-data", "list-history", "list-as-of"],
)
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


def test_procedure_page_prints_cleanly(page, base_url):
    page.goto(base_url + "thu-tuc/1.000894/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"):
        assert page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).display") == "none"
    after = page.evaluate(
        "getComputedStyle(document.querySelector('article a[href^=\"https://dichvucong\"]'), '::after').content"
    )
    assert "dichvucong.gov.vn" in after
    # How many A4 pages a procedure takes, and that its answers come first: tests/test_print.py


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
    csp_page.on(
        "console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None
    )
    for uri in ("", "bao-cao/lich-su/", "thu-tuc/"):
        csp_page.goto(base_url + uri, wait_until="networkidle")
    titles = search(csp_page, base_url, "khai sinh")
    context.close()
    assert not violations, violations
    assert titles and "khai sinh" in titles[0].lower()
