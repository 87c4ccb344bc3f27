"""The procedure list's filter (``/thu-tuc/``), in a real browser: what a citizen on a phone sees.

The form is in the page's HTML (no layout shift), hidden without JavaScript; matching uses the
site search's spelling (``window.cchc.key``); the filter lives in the address.
"""

from __future__ import annotations

import time
import unicodedata
from itertools import pairwise
from urllib.parse import parse_qs, urlparse

import pytest

from cchc_site import text

from .conftest import DESKTOP, PHONE, wait_until
from .conftest import guarded_context as _context

pytest.importorskip("playwright.sync_api")

LIST = "thu-tuc/"

# Total of the layout shifts the page has had (none with recent input), as Web Vitals counts them
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  requestAnimationFrame(() => setTimeout(() => resolve(total), 300));
})"""

# The article's blocks after the form that take room on screen: (tag, visible rows, text)
VISIBLE_BLOCKS = """() => {
  const form = document.getElementById("loc-thu-tuc");
  const tall = el => el.getBoundingClientRect().height > 0;
  const blocks = [];
  for (let el = form.nextElementSibling; el; el = el.nextElementSibling) {
    if (!tall(el)) continue;
    const rows = [...el.querySelectorAll("tbody tr")].filter(tall);
    blocks.push([el.tagName, rows.length, el.textContent.trim().slice(0, 60)]);
  }
  return blocks;
}"""

# For every table on screen: its body's height minus its visible rows' heights (hidden rows: 0)
GAPS_BETWEEN_ROWS = """() => [...document.querySelectorAll("article tbody")]
  .filter(body => body.getBoundingClientRect().height > 0)
  .map(body => body.getBoundingClientRect().height - [...body.rows]
    .reduce((sum, row) => sum + row.getBoundingClientRect().height, 0))"""

# Material used to wrap each table in two divs; any wrapper must disappear with its table
WRAP_TABLES = """document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("article table")) {
    const outer = document.createElement("div"), inner = document.createElement("div");
    outer.className = "md-typeset__scrollwrap";
    inner.className = "md-typeset__table";
    table.replaceWith(outer);
    outer.append(inner);
    inner.append(table);
  }
});"""


def _open(page, base_url, address: str = LIST):
    page.goto(base_url + address)
    wait_until(page, "document.getElementById('loc-thu-tuc').hasAttribute('data-loc')")
    return page


def _count(page) -> str:
    return page.locator("#loc-dem").inner_text()


def _visible_names(page) -> list[str]:
    return page.locator("article tbody tr:visible td:first-child").all_inner_texts()


def _headings(page, level: str) -> list[str]:
    return [" ".join(h.split()) for h in page.locator(f"article {level}:visible").all_inner_texts()]


def _assert_no_empty_block(page) -> None:
    blocks = page.evaluate(VISIBLE_BLOCKS)
    assert blocks
    for index, (tag, rows, shown) in enumerate(blocks):
        follower = blocks[index + 1] if index + 1 < len(blocks) else ("", 0, "")
        if tag == "H2":
            assert follower[0] == "H3", (shown, follower)  # a group shown has a lĩnh vực shown
        elif tag == "H3":
            assert follower[0] != "H3" and follower[1] >= 1, (shown, follower)  # a heading, then its rows
        else:
            assert rows >= 1, (tag, shown)  # no box without a row in it
    assert all(abs(gap) <= 2 for gap in page.evaluate(GAPS_BETWEEN_ROWS))


def _slow_scripts(page) -> None:
    """The page's scripts arrive after its first paint, as on a slow connection."""

    def late(route):
        time.sleep(0.4)
        route.fallback()  # on to the context's guard against other origins

    page.route("**/assets/cchc/*.js", late)


@pytest.mark.parametrize("device", ["phone", "page"], ids=["phone", "desktop"])
def test_the_list_does_not_shift_while_it_loads(request, base_url, device):
    page = request.getfixturevalue(device)
    _slow_scripts(page)
    page.goto(base_url + LIST, wait_until="load")
    assert page.evaluate(LAYOUT_SHIFT) == 0
    assert page.locator("#loc-tu-khoa").is_visible()
    assert page.locator("#loc-thu-tuc[data-loc]").count() == 1  # wired up by then


def test_opening_a_filtered_address_barely_shifts(phone, base_url):
    # the filter can only apply once its script has run, after the whole list may have been
    # painted: the list then shortens below the form (under Web Vitals' 0.1 for "good")
    _slow_scripts(phone)
    phone.goto(base_url + LIST + "?q=khai+sinh", wait_until="load")
    assert phone.evaluate(LAYOUT_SHIFT) < 0.1


def test_procedure_list_filters_as_you_type(page, base_url):
    _open(page, base_url)
    assert _count(page) == "163/163 thủ tục"
    page.fill("#loc-tu-khoa", "dang ky khai sinh")
    visible = _visible_names(page)
    assert visible[0] == "Đăng ký khai sinh"
    assert _count(page) == f"{len(visible)}/163 thủ tục" and 1 <= len(visible) < 10
    _assert_no_empty_block(page)
    page.fill("#loc-tu-khoa", "1.000894")
    assert _count(page) == "1/163 thủ tục" and _visible_names(page) == ["Đăng ký kết hôn"]
    page.fill("#loc-tu-khoa", "")
    page.select_option("#loc-nhom", "quoc_phong")
    assert _count(page) == "14/163 thủ tục"
    assert _headings(page, "h2") == ["Lĩnh vực Quốc phòng (14/14 thủ tục)"]
    page.select_option("#loc-nhom", "")
    page.select_option("#loc-linh-vuc", label="Chứng thực")
    assert _count(page) == f"{len(_visible_names(page))}/163 thủ tục"
    assert _headings(page, "h3") == ["Chứng thực (11/11)"]
    page.select_option("#loc-linh-vuc", "")
    page.select_option("#loc-truc-tuyen", label="Mức độ 3")
    levels = page.locator("article tbody tr:visible td:nth-child(3)").all_inner_texts()
    assert levels and all(level.endswith("Mức độ 3") for level in levels)
    _assert_no_empty_block(page)


@pytest.mark.parametrize("device", ["phone", "page"], ids=["phone", "desktop"])
def test_filtering_leaves_no_empty_block(request, base_url, device):
    page = request.getfixturevalue(device)
    _open(page, base_url)
    page.fill("#loc-tu-khoa", "khai sinh")
    _assert_no_empty_block(page)
    assert page.locator("article h3:visible").count() == 1  # only «Hộ tịch» is left


def test_a_wrapper_around_a_table_is_hidden_with_it(page, base_url):
    page.add_init_script(WRAP_TABLES)
    _open(page, base_url)
    assert page.locator(".md-typeset__scrollwrap").count() == page.locator("article table").count() > 30
    page.fill("#loc-tu-khoa", "khai sinh")
    _assert_no_empty_block(page)
    assert page.locator(".md-typeset__scrollwrap:visible").count() == 1


def test_headings_show_the_filtered_counts(page, base_url):
    _open(page, base_url)
    totals = (_headings(page, "h2"), _headings(page, "h3"))
    assert "Hộ tịch (20)" in totals[1] and "Thủ tục hành chính cấp xã (137 thủ tục)" in totals[0]
    page.fill("#loc-tu-khoa", "khai sinh")
    assert _headings(page, "h2") == ["Thủ tục hành chính cấp xã (7/137 thủ tục)"]
    assert _headings(page, "h3") == ["Hộ tịch (7/20)"]
    assert _count(page) == "7/163 thủ tục"
    for h3 in page.locator("article h3:visible").all():  # each heading counts the rows under it
        shown = int(h3.inner_text().split("(")[-1].split("/")[0])
        rows = h3.locator("xpath=following-sibling::*[1]").locator("tbody tr:visible")
        assert rows.count() == shown
    page.fill("#loc-tu-khoa", "")
    assert (_headings(page, "h2"), _headings(page, "h3")) == totals


def test_no_result_offers_the_site_search(page, base_url):
    _open(page, base_url)
    message = page.locator("#loc-khong-co")
    assert not message.is_visible()
    page.fill("#loc-tu-khoa", "zzz")
    assert _count(page) == "0/163 thủ tục"
    assert message.is_visible()
    assert " ".join(message.inner_text().split()).startswith("Không có thủ tục nào khớp “zzz”.")
    assert page.locator("article tbody tr:visible").count() == 0
    assert page.locator("article :is(h2, h3):visible").count() == 0
    page.evaluate("""() => document.querySelector('.md-search__input')
        .addEventListener('input', event => { window.heard = event.target.value; })""")
    page.get_by_role("button", name="Tìm trên toàn trang").click()
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert page.evaluate("window.heard") == "zzz"  # the search engine hears the query
    assert page.locator(".md-search__input").is_visible()
    # choices that match nothing, without a query: said so, and no search to offer
    page.evaluate("document.getElementById('__search').checked = false")
    page.fill("#loc-tu-khoa", "")
    page.select_option("#loc-nhom", "quoc_phong")
    page.select_option("#loc-linh-vuc", label="Hộ tịch")
    assert message.is_visible() and "các lựa chọn" in message.inner_text()
    assert not page.locator("#loc-tim-ca-trang").is_visible()


@pytest.mark.parametrize(
    "query",
    [
        "dang ki khai sinh",  # i for y, as the search
        "Đăng ký khai sinh",
        "ĐĂNG KÍ KHAI SINH",
        unicodedata.normalize("NFD", "đăng ký khai sinh"),
        "  dang   ky khai sinh ",
        "1.001193",
    ],
)
def test_the_filter_tolerates_the_spellings_the_search_does(page, base_url, query):
    _open(page, base_url)
    page.fill("#loc-tu-khoa", query)
    assert _visible_names(page)[0] == "Đăng ký khai sinh"


def test_the_filter_is_kept_in_the_address(page, base_url):
    _open(page, base_url)
    length = page.evaluate("history.length")
    page.fill("#loc-tu-khoa", "khai sinh")
    page.select_option("#loc-linh-vuc", label="Hộ tịch")
    page.select_option("#loc-truc-tuyen", label="Mức độ 3")
    address = urlparse(page.url)
    assert parse_qs(address.query) == {
        "q": ["khai sinh"],
        "linh-vuc": ["ho-tich"],
        "truc-tuyen": ["muc-do-3"],
    }
    assert page.evaluate("history.length") == length  # typing adds no history entries
    filtered = (_count(page), _visible_names(page))
    assert filtered[1] == ["Đăng ký khai sinh"]

    page.reload()
    wait_until(page, "document.getElementById('loc-thu-tuc').hasAttribute('data-loc')")
    assert page.input_value("#loc-tu-khoa") == "khai sinh"
    assert page.input_value("#loc-linh-vuc") == "ho-tich"
    assert (_count(page), _visible_names(page)) == filtered

    page.click("article tbody tr:visible a")  # to the procedure, and back to the same list
    page.wait_for_url("**/thu-tuc/1.001193/")
    page.go_back()
    page.wait_for_url("**/thu-tuc/?*")
    wait_until(page, "document.getElementById('loc-thu-tuc').hasAttribute('data-loc')")
    assert (_count(page), _visible_names(page)) == filtered

    page.fill("#loc-tu-khoa", "")
    page.select_option("#loc-linh-vuc", "")
    page.select_option("#loc-truc-tuyen", "")
    assert urlparse(page.url).query == "" and _count(page) == "163/163 thủ tục"


def test_a_shared_address_opens_the_filtered_list(browser, base_url):
    context, foreign = _context(browser, base_url, viewport=PHONE, is_mobile=True, has_touch=True)
    shared = context.new_page()
    _open(shared, base_url, LIST + "?q=ket+hon&nhom=cap_xa&linh-vuc=khong-co-linh-vuc-nay")
    assert shared.input_value("#loc-tu-khoa") == "ket hon"
    assert shared.input_value("#loc-nhom") == "cap_xa"
    assert shared.input_value("#loc-linh-vuc") == ""  # a value the list does not have: all
    assert _visible_names(shared)[0] == "Đăng ký kết hôn"
    context.close()
    assert not foreign


def test_the_first_result_is_near_the_top_on_a_phone(phone, base_url):
    _open(phone, base_url)
    phone.fill("#loc-tu-khoa", "khai sinh")
    form = phone.locator("#loc-thu-tuc").bounding_box()
    first = phone.locator("article tbody tr:visible").first.bounding_box()
    assert form and first
    assert first["y"] + first["height"] - form["y"] <= PHONE["height"]  # within a screen of the form
    assert first["y"] < 1.2 * PHONE["height"]  # a thumb's scroll from the top of the page
    summary = phone.locator("article details.warning summary")  # the warning is short, still seen
    assert summary.is_visible() and "đối chiếu" in summary.inner_text()
    assert "tái dựng" in phone.locator("article details.warning").text_content()


def test_the_folded_warning_is_printed_whole(page, base_url):
    _open(page, base_url)
    note = page.locator("article details.warning p")
    assert not note.is_visible()  # folded on screen
    page.emulate_media(media="print")
    assert note.is_visible() and "tái dựng" in note.inner_text()
    assert not page.locator("#loc-thu-tuc").is_visible()


@pytest.mark.parametrize("address", [LIST, LIST + "?q=khai+sinh", LIST + "?q=zzz"])
def test_no_sideways_scroll_on_a_phone(phone, base_url, address):
    _open(phone, base_url, address)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for table in phone.locator("article table:visible").all()[:10]:
        box = table.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    if address == LIST:  # each procedure reads as its name, then labelled code and online level
        cells = phone.locator("article tbody tr").first.locator("td")
        name, code, level = (cells.nth(i).bounding_box() for i in range(3))
        assert name and code and level
        assert code["y"] >= name["y"] + name["height"] - 1 and level["y"] == code["y"]  # name, then one line
        labels = cells.evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
        assert labels[1:] == ['"Mã: "', '"Trực tuyến: "']
        assert phone.locator("article h3").first.is_visible()


def test_filter_controls_are_labelled_and_announce_the_count(page, base_url):
    _open(page, base_url)
    for control in ("#loc-tu-khoa", "#loc-nhom", "#loc-linh-vuc", "#loc-truc-tuyen"):
        label = page.locator(f"label[for='{control[1:]}']")
        assert label.count() == 1 and label.is_visible() and label.inner_text().strip()
    assert page.get_attribute("#loc-dem", "aria-live") == "polite"
    assert page.get_attribute("#loc-dem", "role") == "status"
    assert page.get_by_role("search", name="Lọc danh sách thủ tục").count() == 1
    levels = [
        int(tag[1])
        for tag in page.evaluate(
            "[...document.querySelectorAll('article :is(h1, h2, h3)')].map(h => h.tagName)"
        )
    ]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels))  # no level skipped
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.tagName")
    assert focused in ("A", "INPUT", "BUTTON")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("address", [LIST + "?q=khai+sinh", LIST + "?q=zzz"], ids=["filtered", "no-result"])
def test_filtered_list_has_no_serious_accessibility_violations(browser, base_url, viewport, address):
    from .test_browser import _serious_violations

    assert not _serious_violations(browser, base_url, viewport, address)


def test_procedure_list_without_javascript(browser, base_url):
    context, foreign = _context(browser, base_url, java_script_enabled=False)
    no_js = context.new_page()
    no_js.goto(base_url + LIST)
    assert no_js.locator("article tbody tr:visible").count() == 163
    assert no_js.locator("#loc-tu-khoa").count() == 1  # in the page, but no dead control shown
    assert not no_js.locator("#loc-thu-tuc").is_visible()
    assert no_js.locator("article :is(input, select, button):visible").count() == 0
    assert no_js.locator("article details.warning summary").is_visible()
    no_js.click("text=Đăng ký kết hôn >> nth=0")
    assert no_js.locator("h1").inner_text() == "Đăng ký kết hôn"
    context.close()
    assert not foreign


def test_javascript_fold_matches_python_fold(page, base_url):
    page.goto(base_url + LIST)
    letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    sample = letters + letters.upper() + " Thuỷ hoá"
    wait_until(page, "window.cchc !== undefined")
    folded = text.fold(sample).lower()
    assert page.evaluate("s => window.cchc.fold(s)", sample) == folded
    assert page.evaluate("s => window.cchc.key(s)", sample) == folded.replace("y", "i")
