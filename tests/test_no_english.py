"""No English on any page: the theme's own texts (Material's ``partials/languages/en.html``) must
not reach a reader, in what a page shows or in what a screen reader says of it (``aria-label``,
``title``, ``placeholder``, ``alt``). The theme's Vietnamese file leaves some in English
(«Initializing search», «Tabs»…): ``cchc_site/theme/partials/language.html`` gives them Vietnamese.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import material

THEME_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
SETTINGS = ("language", "direction", "search.config.")  # codes and settings, not text
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
HIDDEN = {"script", "style", "template"}


def theme_texts(language: str) -> dict[str, str]:
    """key → text of the theme's language file (``en``, ``vi``)."""
    source = (THEME_LANGUAGES / f"{language}.html").read_text(encoding="utf-8")
    entries = re.findall(r'^\s*"([a-z.]+)": "((?:[^"\\]|\\.)*)",?$', source, re.M)
    return {key: re.sub(r"\\(.)", r"\1", value) for key, value in entries}


def english_patterns() -> dict[str, re.Pattern[str]]:
    """The theme's English texts as whole-word patterns («#» stands for a number)."""
    patterns = {}
    for key, value in theme_texts("en").items():
        if key.startswith(SETTINGS) or value == "in":  # «in» is a Vietnamese word too (to print)
            continue
        body = r"\d+".join(re.escape(part) for part in value.split("#"))
        patterns[value] = re.compile(rf"(?<!\w){body}(?!\w)")
    return patterns


class _Texts(HTMLParser):
    """What a page shows (text outside script, style, template) and its spoken attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        self.found += [f"{name}=«{value}»" for name, value in attrs if name in ATTRIBUTES and value]

    def handle_startendtag(self, tag, attrs):
        self.found += [f"{name}=«{value}»" for name, value in attrs if name in ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.hidden:
            self.found.append(text)


def english_in(html: str, patterns: dict[str, re.Pattern[str]]) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    return [
        f"{english!r} in {text!r}"
        for text in parser.found
        for english, pattern in patterns.items()
        if pattern.search(text)
    ]


def test_the_scan_finds_the_theme_english():
    """The scan itself: what the theme's Vietnamese file left in English is found."""
    page = (
        '<nav class="md-tabs" aria-label="Tabs"><a href="/">Trang chủ</a></nav>'
        '<div class="md-search-result__meta">\n  Initializing search\n</div>'
        "<p>In ra giấy A4; 3 min read</p><script>var t = 'Search';</script>"
    )
    found = {line.split(" in ", 1)[0] for line in english_in(page, english_patterns())}
    assert found == {"'Tabs'", "'Initializing search'", "'# min read'"}  # not «In ra», nor a script's text


def test_vietnamese_of_the_site_covers_what_the_theme_leaves_in_english():
    """Every theme text whose Vietnamese is missing or the English one has the site's own."""
    english, vietnamese = theme_texts("en"), theme_texts("vi")
    untranslated = {
        key
        for key, value in english.items()
        if not key.startswith(SETTINGS) and vietnamese.get(key, value) == value
    }
    assert "search.result.initializer" in untranslated  # the theme's file as the test expects it
    own = (Path(__file__).parent.parent / "cchc_site/theme/partials/language.html").read_text(
        encoding="utf-8"
    )
    assert {key for key in untranslated if f'"{key}":' not in own} == set()


def test_no_page_shows_or_says_the_theme_english(built):
    patterns = english_patterns()
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) > 100 and (built.site / "404.html") in pages
    found = {
        str(page.relative_to(built.site)): hits
        for page in pages
        if (hits := english_in(page.read_text(encoding="utf-8"), patterns))
    }
    assert not found, found
