"""Keyboard and screen readers: focus ring contrast, skip link, Tab order on a phone, menu and search
buttons, the current tab, and the search note without JavaScript.

Real Chromium (Debian's) on the site served by nginx; every measure is read from the rendered page.
"""

from __future__ import annotations

import re

import pytest

from .conftest import DESKTOP, PHONE, wait_until
from .conftest import guarded_context as _context

pytest.importorskip("playwright.sync_api")

PAGES = ["", "bao-cao/2022-q3/", "thu-tuc/", "thu-tuc/1.000894/"]
PAGE_IDS = ["home", "report", "list", "procedure"]
TOP_PAGES = ["", "bao-cao/", "bao-cao/lich-su/", "thu-tuc/", "du-lieu/", "gioi-thieu/", "lien-he/"]
VIEWPORTS = {
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": DESKTOP},
}


@pytest.fixture(params=list(VIEWPORTS))
def viewer(request, browser, base_url):
    """A page at phone or desktop size (the test fails on any request to another origin)."""
    context, foreign = _context(browser, base_url, **VIEWPORTS[request.param])
    yield context.new_page()
    context.close()
    assert not foreign, f"requests to other origins: {foreign}"


@pytest.fixture
def phone_page(browser, base_url):
    context, foreign = _context(browser, base_url, **VIEWPORTS["phone"])
    yield context.new_page()
    context.close()
    assert not foreign, f"requests to other origins: {foreign}"


# -- measuring the focused element, in the page ---------------------------------------------------
# Transitions are finished first (the skip link fades in, the menu slides): what is measured is what
# the eye sees once the page is still. The background behind the ring is the stack of boxes painted
# at the ring's place (document.elementsFromPoint), their background colours composited down to an
# opaque one (white if none); the ring's colour is blended by the element's effective opacity.
FOCUSED = r"""
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} });
  window.__kbSeen = window.__kbSeen || new Set();
  const again = window.__kbSeen.has(el);
  window.__kbSeen.add(el);
  const rgba = s => { const n = (s.match(/[\d.]+/g) || []).map(Number);
                      return n.length < 3 ? [0, 0, 0, 0] : [n[0], n[1], n[2], n.length > 3 ? n[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3]));
  function backdrop(x, y) {
    const layers = [];
    for (const node of document.elementsFromPoint(x, y)) {
      if (el.contains(node) && node !== el) continue;  // the ring is painted over the element's content
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let colour = [255, 255, 255];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  }
  let opacity = 1;
  for (let n = el; n; n = n.parentElement) opacity *= Number(getComputedStyle(n).opacity);
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const width = parseFloat(cs.outlineWidth) || 0, offset = parseFloat(cs.outlineOffset) || 0;
  const d = offset + width / 2;
  const mx = r.left + r.width / 2, my = r.top + r.height / 2;
  const sides = [];
  for (const [x, y] of [[mx, r.top - d], [mx, r.bottom + d], [r.left - d, my], [r.right + d, my]]) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const bg = backdrop(x, y);
    let clipped = null;  // a parent that does not let its content overflow cuts this side of the ring off
    for (let n = el.parentElement; n && n !== document.body && !clipped; n = n.parentElement) {
      const s = getComputedStyle(n), box = n.getBoundingClientRect();
      if (s.overflowX !== "visible" && (x < box.left || x > box.right) ||
          s.overflowY !== "visible" && (y < box.top || y > box.bottom)) clipped = n.className || n.tagName;
    }
    sides.push({x, y, bg, clipped,
                ring: over([...rgba(cs.outlineColor).slice(0, 3), rgba(cs.outlineColor)[3] * opacity], bg)});
  }
  // visible: not hidden, and what is at the centre of its visible part is the element (or inside it)
  const vx = (Math.max(r.left, 0) + Math.min(r.right, innerWidth)) / 2;
  const vy = (Math.max(r.top, 0) + Math.min(r.bottom, innerHeight)) / 2;
  const hit = document.elementFromPoint(vx, vy);
  const label = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") +
    " «" + (el.getAttribute("aria-label") || el.textContent || el.value || "").replace(/\s+/g, " ").trim().slice(0, 40) + "»";
  return {
    again, label, left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height,
    shown: el.checkVisibility({visibilityProperty: true, opacityProperty: true}) && r.width > 0 && r.height > 0,
    hit: !!hit && (hit === el || el.contains(hit) || hit.contains(el)),
    style: cs.outlineStyle, outline: width, sides,
  };
}
"""


def luminance(rgb) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def colour(css: str) -> tuple[float, ...]:
    return tuple(float(n) for n in re.findall(r"[\d.]+", css)[:3])


def tab_through(page, limit: int = 600) -> list[dict]:
    """Press Tab until the focus comes back (or leaves the page): what each stop looked like."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if (stop is None and stops) or (stop and stop["again"]):
            break
        if stop:
            stops.append(stop)
            if "md-search__input" in stop["label"]:
                page.wait_for_load_state("networkidle")  # a person pauses: the search has loaded
    assert stops, "Tab reached nothing"
    return stops


def ring_problems(stop: dict) -> list[str]:
    if stop["style"] == "none" or stop["outline"] < 2:
        return [f"{stop['label']}: no focus ring ({stop['style']} {stop['outline']}px)"]
    if not stop["sides"]:
        return [f"{stop['label']}: its focus ring is outside the window"]
    clipped = [
        f"{stop['label']}: its ring is cut off by «{side['clipped']}»"
        for side in stop["sides"]
        if side["clipped"]
    ]
    return clipped + [
        f"{stop['label']}: ring {tuple(round(c) for c in side['ring'])} on {tuple(round(c) for c in side['bg'])}"
        f" is {contrast(side['ring'], side['bg']):.2f}:1"
        for side in stop["sides"]
        if contrast(side["ring"], side["bg"]) < 3
    ]


# -- the focus ring ------------------------------------------------------------------------------


@pytest.mark.parametrize("uri", PAGES, ids=PAGE_IDS)
def test_focus_ring_contrasts_with_what_it_sits_on(viewer, base_url, uri):
    """WCAG 1.4.11 / 2.4.7: every Tab stop shows a ring of at least 3:1 against its surroundings."""
    viewer.goto(base_url + uri, wait_until="networkidle")
    stops = tab_through(viewer)
    problems = [p for stop in stops for p in ring_problems(stop)]
    assert not problems, "\n".join(problems)
    assert len(stops) > 5


def test_focus_ring_on_the_blue_header_and_tabs(page, base_url):
    """The regions where the old red ring vanished (1.05:1 on the header's blue)."""
    page.goto(base_url + "thu-tuc/1.000894/", wait_until="networkidle")
    for selector in (".md-header a", ".md-tabs__link", ".md-skip"):
        page.locator(selector).first.focus()
        stop = page.evaluate(FOCUSED)
        assert stop and stop["sides"], selector
        assert not ring_problems(stop), ring_problems(stop)


def test_focus_is_visible(page, base_url):
    page.goto(base_url + "thu-tuc/1.000894/")
    page.focus("article a.md-button")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


# -- scroll regions ------------------------------------------------------------------------------
SCROLLERS = """
() => [...document.querySelectorAll('.md-content *')].filter(e => {
  const s = getComputedStyle(e);
  return e.scrollWidth > e.clientWidth + 1 && /auto|scroll/.test(s.overflowX);
}).map(e => {
  const headings = [...document.querySelectorAll('.md-content :is(h1, h2, h3, h4, h5, h6)')]
    .filter(h => h.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
  const above = headings.length ? headings[headings.length - 1].textContent.replace(/\\s+/g, ' ').trim() : null;
  return {tag: e.tagName, tabindex: e.getAttribute('tabindex'), label: e.getAttribute('aria-label'),
          caption: !!e.querySelector('caption'), above};
})
"""


def _axe_scroll_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [n["target"] for v in violations if v["id"] == "scrollable-region-focusable" for n in v["nodes"]]


def test_wide_tables_on_a_phone_can_be_scrolled_from_the_keyboard(phone_page, base_url):
    """A staff page whose tables are forced wider than the phone: each one becomes a named Tab stop
    that the arrow keys scroll, and stops being one when it fits again."""
    phone_page.goto(base_url + "huong-dan-nhap-lieu/", wait_until="networkidle")
    phone_page.add_style_tag(content=".md-typeset table td, .md-typeset table th { white-space: nowrap }")
    phone_page.evaluate("window.dispatchEvent(new Event('resize'))")
    phone_page.wait_for_selector("table[data-cchc-cuon]", state="attached")
    phone_page.wait_for_timeout(300)
    scrollers = phone_page.evaluate(SCROLLERS)
    tables = [s for s in scrollers if s["tag"] == "TABLE"]
    assert len(tables) >= 3
    for s in scrollers:
        assert s["tabindex"] == "0", s
    for s in tables:
        assert s["caption"] or (s["label"] and s["label"] == s["above"]), s
    assert not _axe_scroll_violations(phone_page)
    table = phone_page.locator("table[data-cchc-cuon]").first
    table.focus()
    phone_page.keyboard.press("ArrowRight")
    wait_until(phone_page, "t => t.scrollLeft > 0", table.element_handle())
    phone_page.evaluate(
        "document.querySelectorAll('style').forEach(s => s.textContent.includes('nowrap') && s.remove());"
        "window.dispatchEvent(new Event('resize'))"
    )
    wait_until(phone_page, "() => !document.querySelector('table[data-cchc-cuon]')")
    assert phone_page.locator("table[tabindex], table[aria-label]").count() == 0  # fits again: no extra stops


def test_history_table_with_a_caption_is_reachable_and_named_by_it(browser, history_url):
    context, foreign = _context(browser, history_url, viewport=DESKTOP)
    history = context.new_page()
    history.goto(history_url + "bao-cao/lich-su/", wait_until="networkidle")
    scrollers = history.evaluate(SCROLLERS)
    assert scrollers and all(s["tabindex"] == "0" for s in scrollers), scrollers
    assert all(s["label"] is None for s in scrollers if s["caption"])  # the caption names the table
    assert not _axe_scroll_violations(history)
    context.close()
    assert not foreign


# -- skip link -----------------------------------------------------------------------------------


@pytest.mark.parametrize("uri", PAGES, ids=PAGE_IDS)
def test_skip_link_says_where_it_goes_and_goes_there(phone_page, base_url, uri):
    phone_page.goto(base_url + uri, wait_until="networkidle")
    phone_page.keyboard.press("Tab")
    skip = phone_page.evaluate(FOCUSED)
    assert skip and "md-skip" in skip["label"] and skip["shown"] and skip["hit"]
    text = " ".join(phone_page.evaluate("document.activeElement.textContent").split())
    assert text == "Bỏ qua, đến nội dung chính"
    target = phone_page.evaluate("document.activeElement.hash.slice(1)")
    assert phone_page.evaluate("id => !!document.getElementById(id).closest('.md-content')", target)
    phone_page.keyboard.press("Enter")
    wait_until(phone_page, "id => location.hash === '#' + id", target)
    assert phone_page.evaluate("!!document.activeElement.closest('.md-content')"), (
        "focus stays out of the content"
    )
    top = phone_page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target)
    header = phone_page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header - 1 <= top < 844 / 2, "the main content is not at the top of the screen"
    phone_page.keyboard.press("Tab")  # the next stop is in the content, not back in the header
    assert phone_page.evaluate("!!document.activeElement.closest('.md-content')")


# -- Tab order on a phone ------------------------------------------------------------------------


@pytest.mark.parametrize("uri", PAGES, ids=PAGE_IDS)
def test_phone_tab_order_stays_on_screen(phone_page, base_url, uri):
    """No focus lands in the closed menu, the closed search or anything else off-screen."""
    phone_page.goto(base_url + uri, wait_until="networkidle")
    stops = tab_through(phone_page)
    problems = []
    for stop in stops:
        if stop["left"] < -0.5 or stop["right"] > PHONE["width"] + 0.5:
            problems.append(f"{stop['label']}: x {stop['left']:.0f}..{stop['right']:.0f}")
        elif not stop["shown"] or stop["bottom"] <= 0 or stop["top"] >= PHONE["height"]:
            problems.append(f"{stop['label']}: not visible")
        elif not stop["hit"]:
            problems.append(f"{stop['label']}: covered by something else")
    assert not problems, f"{len(problems)} of {len(stops)} Tab stops:\n" + "\n".join(problems)


def _button(page, target: str):
    return page.locator(f".md-header__button[for='{target}'] > [role=button]")


def _open_by_keyboard(page, target: str, key: str = "Enter"):
    button = _button(page, target)
    button.focus()
    assert page.evaluate("document.activeElement.parentElement.getAttribute('for')") == target, (
        "not focusable"
    )
    assert button.get_attribute("role") == "button"
    assert button.get_attribute("aria-expanded") == "false"
    assert (button.get_attribute("aria-label") or "").strip()
    page.keyboard.press(key)
    assert page.is_checked(f"#{target}")
    assert button.get_attribute("aria-expanded") == "true"


@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
def test_menu_opens_from_the_keyboard_and_escape_closes_it(phone_page, base_url, key):
    phone_page.goto(base_url + "thu-tuc/1.000894/", wait_until="networkidle")
    _open_by_keyboard(phone_page, "__drawer", key)
    in_menu = "!!document.activeElement.closest('.md-sidebar--primary')"
    assert phone_page.evaluate(in_menu), "the focus did not move into the menu"
    names = []
    while phone_page.evaluate(in_menu):
        stop = phone_page.evaluate(FOCUSED)
        assert stop["shown"] and stop["left"] >= 0 and stop["right"] <= PHONE["width"], stop["label"]
        assert not ring_problems(stop), ring_problems(stop)
        names.append(stop["label"])
        phone_page.keyboard.press("Tab")
        assert len(names) < 40
    assert any("Thủ tục hành chính" in n for n in names), names  # every menu link was reachable
    assert not phone_page.is_checked("#__drawer"), "Tab out of the menu leaves it open behind"
    _open_by_keyboard(phone_page, "__drawer")
    phone_page.keyboard.press("Escape")
    assert not phone_page.is_checked("#__drawer")
    assert phone_page.evaluate("document.activeElement.parentElement.getAttribute('for')") == "__drawer"
    assert _button(phone_page, "__drawer").get_attribute("aria-expanded") == "false"
    phone_page.wait_for_timeout(400)  # the menu has slid away: its links take no focus
    assert phone_page.evaluate(
        "[...document.querySelectorAll('.md-sidebar--primary a')].every(a => !a.checkVisibility({visibilityProperty: true}))"
    )


def test_search_opens_from_the_keyboard_and_escape_closes_it(phone_page, base_url):
    phone_page.goto(base_url + "thu-tuc/1.000894/", wait_until="networkidle")
    _open_by_keyboard(phone_page, "__search")
    assert phone_page.evaluate("document.activeElement.classList.contains('md-search__input')")
    stop = phone_page.evaluate(FOCUSED)
    assert stop["shown"] and not ring_problems(stop), ring_problems(stop)
    phone_page.keyboard.type("ket hon")
    phone_page.wait_for_selector("a.md-search-result__link")
    phone_page.keyboard.press("ArrowDown")  # into the results: their ring is not cut off by the list
    stop = phone_page.evaluate(FOCUSED)
    assert "md-search-result__link" in stop["label"] and stop["shown"], stop["label"]
    assert not ring_problems(stop), ring_problems(stop)
    phone_page.keyboard.press("Escape")
    assert not phone_page.is_checked("#__search")
    assert phone_page.evaluate("document.activeElement.parentElement.getAttribute('for')") == "__search"
    assert _button(phone_page, "__search").get_attribute("aria-expanded") == "false"


# -- the current tab -----------------------------------------------------------------------------

TAB_STYLE = """
a => { const s = getComputedStyle(a);
       return [s.fontWeight, s.textDecorationLine, s.borderBottomStyle, s.boxShadow, s.color].join("|"); }
"""


@pytest.mark.parametrize("uri", TOP_PAGES)
def test_current_tab_is_marked_and_looks_different(page, base_url, uri):
    page.goto(base_url + uri)
    current = page.locator(".md-tabs__link[aria-current='page']")
    assert current.count() == 1
    assert page.evaluate("a => a.href", current.element_handle()) == base_url + uri
    others = page.locator(".md-tabs__link:not([aria-current])")
    assert others.count() == len(TOP_PAGES) - 1
    mine = current.evaluate(TAB_STYLE)
    assert all(style != mine for style in others.evaluate_all(f"all => all.map({TAB_STYLE})"))
    fg = colour(current.evaluate("a => getComputedStyle(a).color"))
    bg = colour(page.evaluate("getComputedStyle(document.querySelector('.md-tabs')).backgroundColor"))
    assert contrast(fg, bg) >= 4.5


@pytest.mark.parametrize(
    ("uri", "section"), [("bao-cao/2022-q3/", "bao-cao/"), ("thu-tuc/1.000894/", "thu-tuc/")]
)
def test_pages_outside_the_menu_mark_their_section_tab(page, base_url, uri, section):
    page.goto(base_url + uri)
    marked = page.locator(".md-tabs__link[aria-current]")
    assert marked.count() == 1
    assert marked.get_attribute("aria-current") == "true"  # a place in the site, not this very page
    assert page.evaluate("a => a.href", marked.element_handle()) == base_url + section


# -- without JavaScript ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_without_javascript_a_note_replaces_the_search(browser, base_url, size):
    context, foreign = _context(browser, base_url, java_script_enabled=False, **VIEWPORTS[size])
    no_js = context.new_page()
    no_js.goto(base_url + "thu-tuc/1.000894/")
    note = no_js.locator(".cchc-khong-js")
    assert note.is_visible()
    assert "JavaScript" in note.inner_text()
    box = note.bounding_box()
    width = VIEWPORTS[size]["viewport"]["width"]
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert not no_js.locator(".md-search__input").is_visible()  # no dead search box
    link = note.locator("a")
    assert no_js.evaluate("a => a.href", link.element_handle()) == base_url + "thu-tuc/"
    link.click()
    assert no_js.locator("h1").inner_text() == "Thủ tục hành chính"
    context.close()
    assert not foreign
