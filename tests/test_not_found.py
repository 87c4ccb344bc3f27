"""The page for an address that does not exist: Vietnamese, and whole at any depth.

nginx (the README's configuration: «error_page 404 /404.html») shows 404.html at the missing
address itself, however deep; MkDocs writes its links from the site's root, so they hold there.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from .conftest import guarded_context
from .test_nginx import fetch

DEEP = "bao-cao/2099-q9/khong-co/trang-nay/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        for name in ("href", "src"):
            if found.get(name) and (tag != "a" or not found[name].startswith(("#", "mailto:"))):
                self.links.append(found[name])


def test_the_404_box_is_the_home_box():
    """theme/404.html repeats templates/_search_box.html.j2's form (two template engines): alike."""
    root = Path(__file__).parent.parent / "cchc_site"
    home = (root / "templates" / "_search_box.html.j2").read_text(encoding="utf-8")
    missing = (root / "theme" / "404.html").read_text(encoding="utf-8")
    lines = [line for line in home.splitlines() if line.startswith(("<label", "<input", "<button"))]
    assert len(lines) == 3
    for line in lines:
        assert line in missing, line


def test_the_404_page_is_vietnamese(built):
    page = (built.site / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in page and "404 -" not in page
    assert "<title>Không tìm thấy trang - " in page
    assert re.search(r"<h1[^>]*>Không tìm thấy trang</h1>", page)
    assert 'action="/thu-tuc/"' in page and 'name="q"' in page  # the search box, from the site's root


@pytest.mark.parametrize("uri", ["khong-co/", DEEP, "thu-tuc/9.999999/", "assets/khong-co.js"])
def test_a_missing_address_at_any_depth_gets_a_page_whose_links_work(base_url, uri):
    status, headers, body = fetch(base_url + uri, gzip_ok=False)
    assert status == 404 and headers["content-type"].startswith("text/html")
    text = body.decode("utf-8")
    assert "Không tìm thấy trang" in text
    parser = _Links()
    parser.feed(text)
    here = base_url + uri
    inside = [urljoin(here, link) for link in parser.links if not urlparse(link).netloc]
    assert urljoin(here, "/thu-tuc/") in inside and any(u.rstrip(".") == base_url for u in inside)
    broken = {link: code for link in sorted(set(inside)) if (code := fetch(link)[0]) != 200}
    assert not broken, broken  # styles, scripts, the home page, the list: from the missing address itself


def test_the_404_page_in_a_browser(browser, base_url):
    context, foreign = guarded_context(browser, base_url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    response = page.goto(base_url + DEEP, wait_until="networkidle")
    assert response and response.status == 404
    assert page.title().startswith("Không tìm thấy trang - ")
    assert page.locator("h1").first.inner_text() == "Không tìm thấy trang"
    # the theme's styles are there (a page without them has a static, unstyled header)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.locator("form.cchc-tim input[name=q]").is_visible()
    page.click("form.cchc-tim input[name=q]")
    page.keyboard.type("khai tu")
    page.wait_for_selector(".md-search-result__item", state="visible")
    page.keyboard.press("Escape")
    page.click("text=Xem danh sách thủ tục hành chính")
    page.wait_for_url(base_url + "thu-tuc/")
    page.go_back()
    page.click("text=Về trang chủ")
    page.wait_for_url(base_url)
    context.close()
    assert not foreign
