"""Nothing the data says becomes markup: refused at the door, and escaped anyway.

Two layers, each tested on every string field of every kind of content file:
- text with Markdown look-alikes (allowed: a clerk may type ``*`` or ``#``) goes through a real
  ``mkdocs build`` and must appear literally;
- text with tags, script links and Markdown links (refused by ``check``) is pushed past the
  validation, straight into the page generator and Python-Markdown with the site's extensions:
  no element, attribute or URL from it may be live.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from cchc_site.content.documents import Document
from cchc_site.core.errors import Problems
from cchc_site.core.models import BaoCao, DanhMuc, Xa
from cchc_site.indicators import figure_rows
from cchc_site.indicators.figures import read_figures
from cchc_site.indicators.values import rate_table
from cchc_site.output.open_data import site_files
from cchc_site.output.pages import build_pages
from cchc_site.site_data import Report, SiteData
from cchc_site.validate import load_site

from .conftest import CONTENT

# fields whose format is fixed (codes, enums, dates, URLs, numbers written in prose elsewhere)
FIXED = {
    "ma",
    "ban_ghi",
    "tien_te",
    "nhom",
    "truc_tuyen",
    "don_vi",
    "loai",
    "xap_xi",
    "truc_tuyen_phan_loai",
    "duong_dan",
    "ban_goc",
    "dien_thoai",
    "email",
    "so",
    "ngay",
    "tu_ngay",
    "den_ngay",
    "ngay_niem_yet",
    "ngay_bai_bo",
    "ngay_ban_hanh",
    "ngay_dang_tai",
    "so_ky_hieu",
    "nam",
    "quy",
    "gia_tri",
}
LOOKALIKES = " **đậm** _nghiêng_ `mã` # tiêu đề | ô | > trích ~~gạch~~ [chú] <3 & AT&T \\ --- 1) +"
FORBIDDEN = (
    '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(2)">a</a>'
    '[bấm](javascript:alert(3)) ![ảnh](data:image/png;base64,AAAA) <iframe src="https://evil.example">'
    '{: onclick="alert(4)" } &#60;script&#62; <https://evil.example> <!-- chú -->'
)
FILES = (("xa.yaml", Xa), ("thu-tuc.yaml", DanhMuc), ("bao-cao/2022-q3.yaml", BaoCao))


def poison(value: Any, payload: str, key: str = "") -> tuple[Any, int]:
    """Append ``payload`` to every free-text string; return the data and how many were changed."""
    if isinstance(value, dict):
        count = 0
        result = {}
        for k, item in value.items():
            result[k], changed = poison(item, payload, k)
            count += changed
        return result, count
    if isinstance(value, list):
        pairs = [poison(item, payload, key) for item in value]
        return [p[0] for p in pairs], sum(p[1] for p in pairs)
    if isinstance(value, str) and key not in FIXED and key != "noi_dung":
        return value + payload, 1
    return value, 0


def article_of(html: str):
    return BeautifulSoup(html, "html.parser").find("article") or BeautifulSoup(html, "html.parser")


def test_markdown_lookalikes_in_every_field_are_shown_literally(project):
    from cchc_site.content.documents import load_yaml
    from cchc_site.core.errors import Problems

    changed = 0
    for relative, _ in FILES:
        path = project.content / relative
        data = load_yaml(path, relative, Problems()).data
        data, count = poison(data, LOOKALIKES)
        changed += count
        path.write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8"
        )
    assert changed > 500  # every paragraph, name, label, detail…
    project.relock()
    result = project.build()
    assert result.returncode == 0, result.stderr
    pages = [p for p in project.site.rglob("index.html") if "search" not in p.parts]
    assert len(pages) > 170
    for page in pages:
        article = article_of(page.read_text(encoding="utf-8"))
        for tag, text in (("strong", "đậm"), ("em", "nghiêng"), ("code", "mã"), ("del", "gạch")):
            assert not article.find(tag, string=text), f"{page}: <{tag}>{text}"
    report = article_of((project.site / "bao-cao/2022-q3/index.html").read_text(encoding="utf-8")).get_text()
    assert "**đậm** _nghiêng_ `mã` # tiêu đề | ô | > trích ~~gạch~~ [chú] <3 & AT&T" in report


def _poisoned_site() -> SiteData:
    """The real content with FORBIDDEN in every free-text field, validation skipped on purpose."""
    site = load_site(CONTENT)
    xa, _ = poison(site.xa.model_dump(mode="json"), FORBIDDEN)
    danh_muc, _ = poison(site.danh_muc.model_dump(mode="json"), FORBIDDEN)
    reports = []
    for report in site.reports:
        data, _ = poison(report.dump(), FORBIDDEN)
        model = BaoCao.model_validate(data, strict=False)
        doc = Document(CONTENT / report.file, report.file, data)
        figures = read_figures(doc, model, site.catalogue, Problems())
        reports.append(
            Report(
                model=model,
                file=report.file,
                figures=figures,
                catalogue=site.catalogue,
                rows=tuple(figure_rows(model, figures)),
                rates=tuple(rate_table(model, figures, site.catalogue, {}).rates),
                seal="a" * 64,
                current_seal="b" * 64,
            )
        )
    return SiteData(Xa.model_validate(xa), DanhMuc.model_validate(danh_muc), reports, site.catalogue)


def _render(page_markdown: str) -> str:
    body = re.sub(r"\A---\n.*?\n---\n", "", page_markdown, flags=re.S)  # front matter, as MkDocs strips it
    return markdown.markdown(body, extensions=["admonition", "attr_list", "md_in_html", "tables", "toc"])


@pytest.fixture(scope="module")
def poisoned_pages():
    site = _poisoned_site()
    return site, build_pages(site, site_files(site))


def test_forbidden_payload_is_refused_by_check(project):
    project.replace(
        "bao-cao/2022-q3.yaml", "trich_yeu: Công tác", "trich_yeu: <script>alert(1)</script> Công tác"
    )
    from cchc_site.core.errors import DataError

    with pytest.raises(DataError) as caught:
        load_site(project.content)
    assert "Văn bản chứa thẻ HTML" in caught.value.format()


def test_forbidden_payload_past_validation_is_still_inert(poisoned_pages):
    _site, pages = poisoned_pages
    assert len(pages) > 170
    for spec in pages:
        html = BeautifulSoup(_render(spec.markdown), "html.parser")
        ours = [
            tag
            for tag in html.find_all("script")
            if tag.get("src", "").endswith("assets/cchc/loc-thu-tuc.js")
        ]
        live = [
            tag for tag in html.find_all(["script", "iframe", "img", "object", "embed"]) if tag not in ours
        ]
        assert not live, (spec.uri, live[:1])
        for element in html.find_all(True):
            for attribute, value in element.attrs.items():
                assert not attribute.startswith("on"), (spec.uri, element)
                joined = " ".join(value) if isinstance(value, list) else str(value)
                assert not re.match(r"\s*(javascript|data|vbscript):", joined, re.I), (spec.uri, element)
                if attribute in ("href", "src"):  # data may sit in a query string, never in the address
                    assert urlparse(joined).netloc in (
                        "",
                        "dichvucong.gov.vn",
                        "datapackage.org",
                        "127.0.0.1:8000",
                    ), (spec.uri, element)
        text = html.get_text()
        if "Công tác cải cách hành chính quý 3" in text and spec.uri.startswith("bao-cao/2022"):
            assert '<script>alert("x")</script>' in text  # shown as text, not run


def test_forbidden_payload_in_downloads_and_feed_is_data_not_markup(poisoned_pages):
    site, _ = poisoned_pages
    for item in site_files(site):
        if item.uri.endswith(".xml"):
            from xml.etree import ElementTree as ET

            root = ET.fromstring(item.content)  # well-formed: the payload is escaped text
            assert not root.findall(".//{http://www.w3.org/1999/xhtml}script")
        if item.uri.endswith(".csv"):
            for line in item.content.decode("utf-8-sig").splitlines()[1:]:
                for cell in next(__import__("csv").reader([line])):
                    assert cell[:1] not in ("=", "+", "-", "@"), cell  # no spreadsheet formula
