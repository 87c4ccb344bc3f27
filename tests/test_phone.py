"""A citizen on a cheap phone (390 × 844): every kind of page fits the screen, reads from the top.

Real Chromium (Debian's ``/usr/bin/chromium``) on the sites served by nginx with the README's
configuration: the real content (``built``), the 9-quarter history fixture and the fixture with
every kind of period (monthly, 6-month, 9-month, annual, multi-year).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cchc_site.output.open_data import CHANGES, CORRECTIONS, FIGURES, PROCEDURES, RATES

from .conftest import PHONE, guarded_context

pytest.importorskip("playwright.sync_api")

REAL = {
    "home": "",
    "report-index": "bao-cao/",
    "report-quarter": "bao-cao/2022-q3/",
    "procedure": "thu-tuc/1.000894/",
    "procedure-list": "thu-tuc/",
    "list-history": "thu-tuc/lich-su/",
    "list-as-of": "thu-tuc/theo-ky/2022-q3/",
    "open-data": "du-lieu/",
    "guide": "huong-dan-nhap-lieu/",
    "about": "gioi-thieu/",
    "contact": "lien-he/",
    "not-found": "khong-co-trang-nay/",
}
HISTORY = {
    "report-history": "bao-cao/lich-su/",
    "corrected-report": "bao-cao/2023-q1/",
    "list-history-changes": "thu-tuc/lich-su/",
    "open-data-history": "du-lieu/",
}
KINDS = {
    "report-month": "bao-cao/2023-t08/",
    "report-6-months": "bao-cao/2023-6t/",
    "report-9-months": "bao-cao/2023-9t/",
    "report-year": "bao-cao/2023-nam/",
    "report-multi-year": "bao-cao/2016-2020/",
    "report-history-kinds": "bao-cao/lich-su/",
}
REPORTS = [
    "report-quarter",
    "corrected-report",
    "report-month",
    "report-6-months",
    "report-9-months",
    "report-year",
    "report-multi-year",
]
SCREEN = PHONE["height"]

# What sticks out of the screen, or is cut off inside a box that scrolls or clips sideways: in the
# page's content and in the header (the closed search dialog and the closed menu are off-canvas).
OVERFLOW = r"""() => {
  const width = document.documentElement.clientWidth;
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "")
    + " «" + (el.textContent || "").trim().slice(0, 40) + "»";
  const tiny = el => { const box = el.getBoundingClientRect(); return box.width <= 1 || box.height <= 1; };
  const hidden = el => { for (let up = el; up; up = up.parentElement) {  // visually hidden (for screen readers)
    if (getComputedStyle(up).overflowX !== "visible" && tiny(up)) return true; } return false; };
  const found = [];
  if (document.documentElement.scrollWidth > width) found.push("document: " + document.documentElement.scrollWidth);
  const roots = [...document.querySelectorAll(".md-content, .md-header")];
  for (const root of roots) {
    for (const el of [root, ...root.querySelectorAll("*")]) {
      if (el.closest(".md-search, .md-sidebar")) continue;
      const box = el.getBoundingClientRect();
      if (!box.width || !box.height || getComputedStyle(el).visibility === "hidden" || hidden(el)) continue;
      if (box.right > width + 1 || box.left < -1) found.push(`${name(el)}: ${Math.round(box.left)}..${Math.round(box.right)}`);
      const style = getComputedStyle(el);
      if (root.matches(".md-content") && style.overflowX !== "visible" && el.scrollWidth > el.clientWidth + 1)
        found.push(`${name(el)}: cut off, ${el.scrollWidth} px in ${el.clientWidth} px`);
    }
  }
  return found;
}"""

# Every table's title (its <caption>, else the heading before it): on screen and not clipped.
CAPTIONS = r"""() => {
  const width = document.documentElement.clientWidth;
  const headings = [...document.querySelectorAll("article :is(h1, h2, h3, h4)")];
  const problems = [];
  let count = 0;
  for (const table of document.querySelectorAll("article table")) {
    if (!table.getClientRects().length) continue;  // in a closed <details>
    let title = table.querySelector(":scope > caption");
    if (!title) title = headings.filter(h => h.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
    if (!title) { problems.push("a table without a title"); continue; }
    count += 1;
    const box = title.getBoundingClientRect();
    const text = title.textContent.trim().slice(0, 50);
    if (!box.width || !box.height) problems.push(`«${text}»: not shown`);
    if (box.left < -1 || box.right > width + 1) problems.push(`«${text}»: ${Math.round(box.left)}..${Math.round(box.right)}`);
    if (title.scrollWidth > title.clientWidth + 1) problems.push(`«${text}»: cut off`);
    for (let up = title.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX === "visible") continue;
      const clip = up.getBoundingClientRect();
      if (box.left < clip.left - 1 || box.right > clip.right + 1) problems.push(`«${text}»: clipped by ${up.tagName}`);
    }
  }
  return {count, problems};
}"""


@pytest.fixture(scope="session")
def kinds_url(kinds_built):
    from benchmarks.web_server import nginx

    with nginx(kinds_built.site) as url:
        yield url


@pytest.fixture(scope="session")
def sites(base_url, history_url, kinds_url):
    return {"real": base_url, "history": history_url, "kinds": kinds_url}


@pytest.fixture(scope="module")
def phone_pages(browser, sites):
    """One phone for the whole module (opening a context per page costs more than the page)."""
    contexts = {}
    pages = {}
    for name, url in sites.items():
        context, foreign = guarded_context(
            browser, url, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
        )
        contexts[name] = (context, foreign)
        pages[name] = context.new_page()
    yield pages
    for context, foreign in contexts.values():
        context.close()
        assert not foreign, f"requests to other origins: {foreign}"


def open_page(phone_pages, sites, page_id: str):
    site = "real" if page_id in REAL else "history" if page_id in HISTORY else "kinds"
    uri = {**REAL, **HISTORY, **KINDS}[page_id]
    page = phone_pages[site]
    page.goto(sites[site] + uri, wait_until="load")
    return page


ALL_PAGES = [*REAL, *HISTORY, *KINDS]


@pytest.mark.parametrize("page_id", ALL_PAGES)
def test_nothing_is_wider_than_the_screen(phone_pages, sites, page_id):
    page = open_page(phone_pages, sites, page_id)
    assert page.evaluate(OVERFLOW) == []


@pytest.mark.parametrize("page_id", ALL_PAGES)
def test_every_table_shows_its_title(phone_pages, sites, page_id):
    page = open_page(phone_pages, sites, page_id)
    result = page.evaluate(CAPTIONS)
    assert result["problems"] == []


@pytest.mark.parametrize(
    "page_id",
    [
        "report-quarter",
        "report-history",
        "open-data",
        "guide",
        "report-index",
        "corrected-report",
        "list-history-changes",
    ],
)
def test_wide_tables_become_label_value_rows(phone_pages, sites, page_id):
    """Each row of the site's own tables is a card: every value next to the name of its column."""
    page = open_page(phone_pages, sites, page_id)
    rows = page.evaluate("""() => [...document.querySelectorAll("article .cchc-bang tbody tr")].map(tr => ({
      display: getComputedStyle(tr).display,
      cells: [...tr.querySelectorAll("td[data-label]")].filter(td => td.textContent.trim()).map(td => ({
        label: getComputedStyle(td, "::before").content, wanted: td.dataset.label}))}))""")
    assert rows
    assert {row["display"] for row in rows} == {"grid"}
    cells = [cell for row in rows for cell in row["cells"]]
    assert cells and all(cell["label"] == f'"{cell["wanted"]}"' for cell in cells)


def test_history_table_shows_every_value_with_its_period(phone_pages, sites):
    """The values of the history table (off-screen to the right before) sit under the phone's edge."""
    page = open_page(phone_pages, sites, "report-history")
    cells = page.evaluate("""() => [...document.querySelectorAll(".cchc-lich-su tbody td")].map(td => {
      const box = td.getBoundingClientRect();
      return {left: box.left, right: box.right, label: getComputedStyle(td, "::before").content, text: td.textContent};
    })""")
    row = next(i for i, c in enumerate(cells) if c["text"] == "603")
    assert cells[row]["label"] == '"Quý 4/2024"'
    assert all(c["left"] >= 0 and c["right"] <= PHONE["width"] for c in cells)


def test_figures_summary_is_compact(phone_pages, sites):
    """«Số liệu chính»: one short card per figure (it was 3,700 px of narrow columns)."""
    page = open_page(phone_pages, sites, "report-quarter")
    height = page.evaluate("document.querySelector('.cchc-so-lieu table').getBoundingClientRect().height")
    rows = page.evaluate("document.querySelectorAll('.cchc-so-lieu tbody tr').length")
    assert rows == 30 and height < 90 * rows


@pytest.mark.parametrize("page_id", REPORTS)
def test_report_text_starts_near_the_top(phone_pages, sites, page_id):
    page = open_page(phone_pages, sites, page_id)
    top = page.evaluate("""() => {
      const first = document.querySelector(".van-ban > p:not([class])");
      return first.getBoundingClientRect().top + window.scrollY;
    }""")
    assert top < 1.5 * SCREEN
    order = page.evaluate("""() => document.querySelector(".van-ban").compareDocumentPosition(
      document.querySelector(".cchc-so-lieu")) & Node.DOCUMENT_POSITION_FOLLOWING""")
    assert order  # the figures come after the text


@pytest.mark.parametrize("page_id", REPORTS)
def test_report_text_is_not_justified_on_a_phone(phone_pages, sites, page_id):
    page = open_page(phone_pages, sites, page_id)
    aligns = page.evaluate(
        "[...document.querySelectorAll('.van-ban p')].map(p => getComputedStyle(p).textAlign)"
    )
    assert aligns and "justify" not in aligns


CHART_TEXT = r"""() => [...document.querySelectorAll("figure.cchc-bieu-do svg")].flatMap(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll("text")].map(t => ({
    text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale, box: t.getBBox().height * scale,
    axis: t.classList.contains("truc")}));
})"""


@pytest.mark.parametrize("page_id", ["report-history", "report-history-kinds"])
def test_chart_text_is_at_least_12_px(phone_pages, sites, page_id):
    page = open_page(phone_pages, sites, page_id)
    texts = page.evaluate(CHART_TEXT)
    assert len(texts) > 40
    small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < 12 or t["box"] < 12]
    assert not small


@pytest.mark.parametrize(
    "page_id, wanted",
    [
        ("report-history", {"Quý 3/2022", "Quý 4/2024"}),
        (
            "report-history-kinds",
            {"Tháng 8/2023", "Quý 1/2023", "6 tháng đầu năm 2023", "9 tháng đầu năm 2023"},
        ),
    ],
)
def test_chart_labels_name_periods_as_the_site_does(phone_pages, sites, page_id, wanted):
    page = open_page(phone_pages, sites, page_id)
    texts = page.evaluate(CHART_TEXT)
    periods = {t["text"] for t in texts if t["axis"] and not re.fullmatch(r"[\d.,]+%?", t["text"])}
    table = set(
        page.evaluate(
            "[...document.querySelectorAll('figure.cchc-bieu-do details th[scope=row]')]"
            ".map(th => th.textContent)"
        )
    )
    assert wanted <= periods <= table  # the same words as the chart's table and the rest of the site
    assert not [t["text"] for t in texts if re.fullmatch(r"(Q\d|T\d{1,2}|[69]T)/\d{4}", t["text"])]


def test_open_data_column_names_are_written_as_they_are(history_built):
    """«gia_tri», not «gia\\_tri»: a column name is code, printed without Markdown's escapes."""
    soup = BeautifulSoup(
        (Path(history_built.site) / "du-lieu/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    article = soup.find("article")
    shown = [code.get_text() for code in article.select(".cchc-bang td code")]
    names = {
        column.name for columns in (FIGURES, RATES, CHANGES, CORRECTIONS, PROCEDURES) for column in columns
    }
    assert not [name for name in shown if "\\" in name]
    assert names <= set(shown)
    assert "\\" not in "".join(td.get_text() for td in article.select("table td"))


ANSWERS = r"""() => {
  const box = document.querySelector("article .tra-loi");
  if (!box) return null;
  const found = {};
  for (const strong of box.querySelectorAll("strong")) found[strong.textContent.trim()] = strong.getBoundingClientRect().bottom;
  const first = box.querySelector("li");
  if (first) found["first document"] = first.getBoundingClientRect().top + 20;
  return found;
}"""


@pytest.mark.parametrize(
    "uri",
    [
        "thu-tuc/1.001193/",  # the commune's own details over the record
        "thu-tuc/1.003677/",  # the record alone
        "thu-tuc/2.000815/",  # a long name, two fees for one channel
        "thu-tuc/dang-ky-nghia-vu-quan-su-lan-dau/",  # an uncoded Defence procedure, by name
    ],
)
def test_a_procedure_answers_on_the_first_screen(phone_pages, sites, uri):
    """How long, how much, where, online, what to bring: all begin above the fold of a 390 × 844 phone."""
    page = phone_pages["real"]
    page.goto(sites["real"] + uri, wait_until="load")
    found = page.evaluate(ANSWERS)
    assert found, "no answers block"
    for label in ("Thời hạn:", "Nộp tại:", "Nộp trực tuyến:", "Cần chuẩn bị:", "first document"):
        assert label in found, (label, found)
        assert found[label] <= SCREEN, (label, found[label])
    assert any(key.startswith(("Phí", "Thời hạn, phí")) for key in found)
