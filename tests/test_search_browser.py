"""The search in people's words and the home page's search box, in a real browser (Debian's
Chromium, pages served by nginx as the README says). The ranking of each query citizens type is
in search_queries.yaml (run by test_browser.py)."""

from __future__ import annotations

import pytest

from cchc_site import addresses

from .conftest import DESKTOP, PHONE, guarded_context, wait_until
from .test_browser import search

pytest.importorskip("playwright.sync_api")

BOX = "form.cchc-tim input[name=q]"
HEADER_INPUT = ".md-search__input"


def first_titles(page) -> list[str]:
    titles = page.locator(".md-search-result__item > a .md-search-result__article > :is(h1, h2)")
    return [" ".join(t.split()) for t in titles.all_inner_texts()]


def test_everyday_words_mark_the_words_that_found_the_page(page, base_url):
    titles = search(page, base_url, "so do")
    assert "quyền sử dụng đất" in titles[0]
    first = page.locator(".md-search-result__item").first
    marked = {m.strip().lower() for m in first.locator("mark").all_text_contents()}
    assert marked and marked <= {"quyền", "sử", "dụng", "đất", "giấy", "chứng", "nhận"}  # the term's words


def test_the_everyday_words_load_with_the_index_and_not_before(page, base_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url, wait_until="networkidle")
    assert not [url for url in requested if "tu-dong-nghia" in url or "search_index" in url]
    page.click(HEADER_INPUT)
    page.keyboard.type("cat khau")
    page.wait_for_selector(".md-search-result__item", state="attached")
    assert any(url.endswith(addresses.SEARCH_ALIASES) for url in requested)
    assert any(url.endswith("search/search_index.json") for url in requested)
    wait_until(
        page,
        "(document.querySelector('.md-search-result__item h1') || {}).textContent === 'Xóa đăng ký thường trú'",
    )


def test_the_search_works_without_the_everyday_words(browser, base_url):
    context, foreign = guarded_context(browser, base_url, viewport=DESKTOP)
    context.route(f"**/{addresses.SEARCH_ALIASES}", lambda route: route.abort())
    without = context.new_page()
    titles = search(without, base_url, "dang ky ket hon")
    context.close()
    assert titles[0] == "Đăng ký kết hôn" and not foreign


def test_the_home_search_box_is_seen_at_once_on_a_phone(phone, base_url):
    phone.goto(base_url, wait_until="networkidle")
    box = phone.locator(BOX)
    assert box.is_visible()
    found = box.bounding_box()
    assert found and found["x"] >= 0 and found["x"] + found["width"] <= PHONE["width"]
    assert found["y"] + found["height"] <= PHONE["height"] and found["height"] >= 44  # a finger's target
    assert phone.locator("form.cchc-tim button[type=submit]").is_visible()
    assert phone.locator("label[for='cchc-tim-o']").inner_text() == "Tìm thủ tục hành chính"
    assert box.get_attribute("placeholder") == "Tìm thủ tục: khai sinh, kết hôn, chứng thực…"
    assert not phone.evaluate("document.getElementById('__drawer').checked")  # no menu was opened


def test_typing_in_the_home_box_runs_the_site_search(phone, base_url):
    phone.goto(base_url, wait_until="networkidle")
    phone.click(BOX)
    phone.keyboard.type("dang ky ket hon")
    phone.wait_for_selector(".md-search-result__item", state="visible")
    wait_until(phone, "document.activeElement.classList.contains('md-search__input')")
    assert phone.input_value(HEADER_INPUT) == "dang ky ket hon"  # every letter, none lost on the way
    wait_until(phone, "document.querySelector('.md-search-result__item h1') !== null")
    assert first_titles(phone)[0] == "Đăng ký kết hôn"
    phone.keyboard.press("Escape")  # closed: the focus and the words are back in the box
    wait_until(phone, "document.activeElement.id === 'cchc-tim-o'")
    assert phone.input_value(BOX) == "dang ky ket hon"
    assert not phone.evaluate("document.getElementById('__search').checked")


def test_enter_in_the_home_box_opens_the_first_result(page, base_url):
    page.goto(base_url, wait_until="networkidle")
    page.click(BOX)
    page.keyboard.type("giấy chứng sinh")
    wait_until(page, "document.querySelectorAll('.md-search-result__item').length > 0")
    page.keyboard.press("Enter")
    page.wait_for_url("**/thu-tuc/1.001193/")  # Đăng ký khai sinh


def test_without_javascript_the_box_sends_the_words_to_the_procedure_list(browser, base_url):
    context, foreign = guarded_context(browser, base_url, viewport=PHONE, java_script_enabled=False)
    plain = context.new_page()
    plain.goto(base_url)
    plain.fill(BOX, "khai sinh")
    plain.press(BOX, "Enter")
    plain.wait_for_url("**/thu-tuc/?q=khai+sinh")
    assert plain.locator("h1").first.inner_text() == "Thủ tục hành chính"
    context.close()
    assert not foreign


# -- the ranking rules, on a small index of made-up pages (tim-kiem.js as the site ships it) -------
def _doc(location: str, title: str, text: str = "") -> dict:
    return {"location": location, "title": title, "text": text}


SMALL_INDEX = {
    "config": {"lang": ["vi"]},
    "docs": [
        # names that start with the query: the site's order, whatever their length
        _doc("a/", "Giấy xyz cho người ở xa, ở gần và ở mọi nơi khác trong xã"),
        _doc("b/", "Giấy xyz mới"),
        # names that hold it further on: the more of the name it is, the higher
        _doc("i/", "Đăng ký việc riêng của giấy xyz"),
        _doc("j/", "Báo giấy xyz"),
        _doc("c/", "Trang c"),
        _doc("c/#thanh-phan-ho-so", "Thành phần hồ sơ", "Bản chính giấy qwe"),  # a paper to bring
        _doc("d/", "Trang d"),
        _doc("d/#ket-qua", "Kết quả", "Bản chính giấy qwe"),  # ordinary text
        _doc("e/", "Trang e"),
        _doc("e/#ho-so-can-chuan-bi", "Hồ sơ cần chuẩn bị", "Bản chính giấy qwe"),  # the section's older name
        _doc("f/", "Trang f"),
        _doc("f/#giay-qwe", "Giấy qwe", "Nội dung"),  # a heading
        _doc("g/", "Cấp thẻ căn cước"),
        _doc("h/", "Thẻ xanh"),  # the words as typed
    ],
}
SMALL_ALIASES = {
    "tu_dong_nghia": [
        {"tu": ["cccd"], "thuat_ngu": ["thẻ căn cước"]},
        {"tu": ["thẻ xanh"], "thuat_ngu": ["thẻ căn cước"]},
    ]
}


@pytest.fixture
def small(page, base_url):
    """The home page, its search answering from SMALL_INDEX and SMALL_ALIASES."""
    page.route("**/search/search_index.json", lambda route: route.fulfill(json=SMALL_INDEX))
    page.route(f"**/{addresses.SEARCH_ALIASES}", lambda route: route.fulfill(json=SMALL_ALIASES))
    page.goto(base_url, wait_until="networkidle")
    page.click(HEADER_INPUT)
    wait_until(page, "window.cchc.search !== undefined")
    return lambda query: page.evaluate("q => window.cchc.search.run(q).then(r => r.map(x => x.page))", query)


def test_names_that_start_with_the_query_keep_the_site_order(small):
    assert small("giay xyz") == ["a/", "b/", "j/", "i/"]  # then, further on, the shorter name first
    assert small("giay xyz moi")[0] == "b/"  # a name that is the whole query comes first


def test_a_heading_outranks_the_documents_which_outrank_other_text(small):
    assert small("giay qwe") == ["f/", "c/", "e/", "d/"]  # «ho-so-can-chuan-bi» counts as the documents


def test_an_everyday_word_finds_the_term_and_ranks_below_the_words_as_typed(small):
    assert small("cccd") == ["g/"]
    assert small("the xanh")[:2] == ["h/", "g/"]  # the page with the words as typed first
