"""Escaping: any text from data stays text through Markdown and HTML."""

from __future__ import annotations

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from cchc_site.output.render import environment, escape

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]

PAYLOADS = [
    "<script>alert(1)</script>",
    "[bấm](javascript:alert(1))",
    "![ảnh](http://x/y.png)",
    "**đậm** _nghiêng_ `mã`",
    "# Tiêu đề giả",
    "1. danh sách giả",
    "- gạch đầu dòng giả",
    "> trích dẫn giả",
    "a | b | c",
    'chữ {: onclick="x" }',
    "<img src=x onerror=alert(1)>",
    "&lt;b&gt; &amp; &#60;",
    "dòng một\ndòng hai\n\n    mã thụt lề",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_text_renders_as_the_same_text_only(payload):
    html = markdown.markdown(f"Văn bản: {escape(payload)}", extensions=EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    assert [tag.name for tag in soup.find_all(True)] == ["p"]
    assert not soup.p.attrs
    assert soup.p.get_text() == "Văn bản: " + " ".join(payload.split())


def test_templates_escape_every_value_by_default():
    template = environment().from_string("{{ value }}|{{ number|so }}")
    assert template.render(value="**x**", number=1234) == r"\*\*x\*\*|1.234"


@pytest.mark.parametrize("name", ['Đăng ký khai sinh </title a="', "<b>Đăng ký</b>", 'a "b" \\ c\nd'])
def test_a_page_title_can_never_open_or_close_a_tag(name):
    from cchc_site.output.render import title_value

    shown = title_value(name)
    assert "<" not in shown and ">" not in shown
    assert yaml.safe_load(f"title: {shown}")["title"] == " ".join(name.split()).replace("<", "‹").replace(
        ">", "›"
    )
