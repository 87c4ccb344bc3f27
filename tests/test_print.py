"""Printed on A4 (Chromium's own PDF, as «In» / «Lưu thành PDF» makes it): what lands on which page.

The text of each PDF page is read back from the PDF itself (Chromium writes every glyph with a
ToUnicode map), so the tests see the pages a clerk holds: the report's text on page 1, no table
row and no signature cut by a page break, the address of every link written after it.
"""

from __future__ import annotations

import re
import unicodedata
import zlib

import pytest
from bs4 import BeautifulSoup

from .conftest import DESKTOP, guarded_context

pytest.importorskip("playwright.sync_api")

REPORT = "bao-cao/2022-q3/"


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(number): body for number, body in re.findall(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.S)}


def _stream(body: bytes) -> bytes:
    head, raw = body.split(b"stream", 1)
    raw = raw.lstrip(b"\r\n")
    return zlib.decompressobj().decompress(raw) if b"/FlateDecode" in head else raw[: raw.rfind(b"endstream")]


def _unicode_map(cmap: bytes) -> dict[int, str]:
    table: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, first in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                table[code] = chr(int(first, 16) + offset)
    return table


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, in page order, without spaces or line breaks (NFC)."""
    objects = _objects(pdf)

    def leaves(number: int) -> list[int]:
        body = objects[number]
        if b"/Type /Pages" not in body:
            return [number]
        kids = re.search(rb"/Kids \[([^\]]*)\]", body).group(1)
        return [leaf for kid in re.findall(rb"(\d+) 0 R", kids) for leaf in leaves(int(kid))]

    pages = []
    for number in leaves(int(re.search(rb"/Type /Catalog\s*/Pages (\d+) 0 R", pdf).group(1))):
        page = objects[number]
        fonts = {}
        for name, font in re.findall(rb"/(F\d+) (\d+) 0 R", page):
            cmap = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(font)])
            fonts[name] = _unicode_map(_stream(objects[int(cmap.group(1))])) if cmap else {}
        content = _stream(objects[int(re.search(rb"/Contents (\d+) 0 R", page).group(1))])
        glyphs, font = [], {}
        for match in re.finditer(rb"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj|\[(.*?)\] TJ", content, re.S):
            if match.group(1):
                font = fonts.get(match.group(1), {})
                continue
            shown = (
                [match.group(2)]
                if match.group(2) is not None
                else re.findall(rb"<([0-9A-Fa-f]*)>", match.group(3))
            )
            for codes in shown:
                glyphs += [font.get(int(codes[i : i + 4], 16), "") for i in range(0, len(codes), 4)]
        pages.append(squeeze("".join(glyphs)))
    return pages


def squeeze(text: str) -> str:
    """Text as compared with a PDF page: NFC, no whitespace at all (lines break anywhere)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def page_count(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


@pytest.fixture
def printer(browser, base_url):
    context, foreign = guarded_context(browser, base_url, viewport=DESKTOP)
    yield context.new_page()
    context.close()
    assert not foreign, f"requests to other origins: {foreign}"


def open_printed(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")


# Keep only ``keep`` (and what contains it) in the article, below a blank block ``height`` px tall:
# moving the content down by steps walks a page break through every line of it.
ISOLATE = """([keep, height]) => {
  const kept = [...document.querySelectorAll(keep)];
  for (const el of document.querySelectorAll("article *")) {
    if (!kept.some(k => k === el || k.contains(el) || el.contains(k))) el.style.display = "none";
  }
  const spacer = document.createElement("div");
  spacer.style.height = height + "px";
  document.querySelector("article").prepend(spacer);
}"""
STEPS = range(0, 1000, 50)  # a printed A4 page holds ~1,000 CSS px of content


def test_report_prints_its_text_first(printer, base_url):
    open_printed(printer, base_url + REPORT)
    layout = printer.evaluate("""() => ({
      text: document.querySelector(".van-ban").getBoundingClientRect().top,
      figures: document.querySelector(".cchc-so-lieu").getBoundingClientRect().top,
      first: document.querySelector(".van-ban > p:not([class])").textContent})""")
    assert layout["text"] < layout["figures"]
    pdf = printer.pdf(format="A4")
    pages = pdf_pages(pdf)
    assert squeeze(layout["first"]) in pages[0]  # the report's first paragraph is on page 1
    assert page_count(pdf) == len(pages) <= 9  # 8 now; 10 before, with the text from page 4


def test_signature_block_is_never_split_nor_alone(printer, base_url):
    """Wherever the page break falls: «Nơi nhận», the signer's title and name stay on one page,
    with the end of the report's last paragraph."""
    open_printed(printer, base_url + REPORT)
    parts = printer.evaluate("""() => {
      const end = document.querySelector(".van-ban__cuoi");
      return {last: end.previousElementSibling.textContent, end: [...end.querySelectorAll("p")].map(p => p.textContent)};
    }""")
    tail = squeeze(parts["last"])[-40:]
    lines = [squeeze(line) for line in parts["end"] if line.strip()]
    assert any("TấnVănDuẩn" in line for line in lines) and any("Nơinhận" in line for line in lines)
    split = []
    for height in STEPS:
        printer.reload(wait_until="load")
        printer.evaluate(ISOLATE, [".van-ban > :has(+ .van-ban__cuoi), .van-ban__cuoi", height])
        pages = pdf_pages(printer.pdf(format="A4"))
        with_name = [page for page in pages if "TấnVănDuẩn" in page]
        assert len(with_name) == 1
        if not all(line in with_name[0] for line in lines) or tail not in with_name[0]:
            split.append(height)
    assert not split


def test_table_rows_are_never_split(printer, base_url):
    """The figures and rates tables: wherever the page break falls, each row is on one page."""
    open_printed(printer, base_url + REPORT)
    rows = printer.evaluate("""() => [...document.querySelectorAll("article .cchc-bang tbody tr")]
      .map(tr => [...tr.children].map(cell => cell.textContent).join(""))""")
    assert len(rows) > 30
    split = set()
    for height in STEPS:
        printer.reload(wait_until="load")
        printer.evaluate(ISOLATE, ["article .cchc-bang", height])
        pages = pdf_pages(printer.pdf(format="A4"))
        split |= {row for row in map(squeeze, rows) if not any(row in page for page in pages)}
    assert not split


def test_links_within_the_site_print_their_address(printer, base_url):
    open_printed(printer, base_url + REPORT)
    after = printer.evaluate("""() => [...document.querySelectorAll("article a[href^='../']")]
      .map(a => getComputedStyle(a, "::after").content)""")
    assert after and all(base_url in content for content in after)
    printed = "".join(pdf_pages(printer.pdf(format="A4")))
    for address in ("thu-tuc/", "bao-cao/", "bao-cao/lich-su/", "du-lieu/bao-cao/2022-q3.csv"):
        assert f"({base_url}{address})" in printed


TWO_PAGES_OF_TEXT = 8_500  # characters of a procedure page's text that two A4 pages at 9 pt hold


def longest_procedures(built, count: int = 3, limit: int | None = None) -> list[str]:
    """The procedure pages with the most text (up to ``limit`` characters): the hardest to keep on two sheets."""
    sizes = []
    for html in (built.site / "thu-tuc").glob("*/index.html"):
        article = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find("article")
        if article is not None and html.parent.name[:1].isdigit():
            size = len(article.get_text(" ", strip=True))
            if limit is None or size <= limit:
                sizes.append((size, html.parent.name))
    return [name for _, name in sorted(sizes, reverse=True)[:count]]


def test_procedure_pages_print_on_two_a4_pages_at_most(printer, base_url, built):
    """Where the content allows (most national records; a civil-status record's steps run longer)."""
    names = longest_procedures(built, limit=TWO_PAGES_OF_TEXT)
    assert len(names) == 3
    for name in names:
        open_printed(printer, f"{base_url}thu-tuc/{name}/")
        pdf = printer.pdf(format="A4")
        assert page_count(pdf) <= 2, name
        assert f"({base_url}thu-tuc/)" in "".join(pdf_pages(pdf))  # «← Danh sách thủ tục» with its address


def test_a_long_procedure_prints_its_answers_on_the_first_page(printer, base_url, built):
    (name,) = longest_procedures(built, count=1)
    open_printed(printer, f"{base_url}thu-tuc/{name}/")
    first = pdf_pages(printer.pdf(format="A4"))[0]
    for label in ("Thờihạn", "Nộptại:", "Nộptrựctuyến:", "Cầnchuẩnbị:"):
        assert label in first, label
