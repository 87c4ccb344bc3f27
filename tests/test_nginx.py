"""The README's nginx configuration, run for real: Debian's nginx serving the built site.

The browser tests and the page-weight benchmark use the same server (``benchmarks/web_server.py``
reads the ``server { … }`` block out of README.md), so what they measure is what an office that
follows the README gets.
"""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request

import pytest

from benchmarks import web_server


def fetch(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.fixture(scope="module")
def hashed_css(built) -> str:
    names = [p.name for p in (built.site / "assets" / "stylesheets").glob("main.*.min.css")]
    assert names, "the theme's stylesheet has a hash in its name"
    return "assets/stylesheets/" + names[0]


def test_the_readme_block_is_a_valid_nginx_configuration():
    block = web_server.readme_server_block()
    assert block.lstrip().startswith("server {") and block.rstrip().endswith("}")
    assert "listen 80;" in block and "root /var/www/cchc-site;" in block


@pytest.mark.parametrize(
    "uri, kind",
    [
        ("", "text/html"),
        ("thu-tuc/1.000894/", "text/html"),
        ("assets/cchc/cchc.css", "text/css"),
        ("assets/cchc/tim-kiem.js", "javascript"),
        ("search/search_index.json", "application/json"),
    ],
)
def test_text_is_sent_compressed(base_url, uri, kind):
    status, headers, body = fetch(base_url + uri)
    assert status == 200
    assert kind in headers["content-type"] and "charset=utf-8" in headers["content-type"]
    assert headers.get("content-encoding") == "gzip" and "Accept-Encoding" in headers.get("vary", "")
    assert gzip.decompress(body)


def test_pages_are_always_revalidated_and_hashed_assets_kept(base_url, hashed_css):
    assert fetch(base_url + "thu-tuc/")[1]["cache-control"] == "no-cache"
    assert fetch(base_url + "search/search_index.json")[1]["cache-control"] == "no-cache"
    assert fetch(base_url + "assets/cchc/cchc.js")[1]["cache-control"] == "no-cache"  # no hash in its name
    assert fetch(base_url + hashed_css)[1]["cache-control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("uri", ["", "assets/cchc/cchc.js", "du-lieu/chi-so.csv", "khong-co-trang-nay/"])
def test_every_response_carries_the_security_headers(base_url, uri):
    """nginx drops server-level add_header in a location with its own: the README avoids that."""
    _, headers, _ = fetch(base_url + uri)
    assert headers["content-security-policy"].startswith("default-src 'self'")
    assert headers["x-content-type-options"] == "nosniff"


def test_hashed_assets_keep_the_security_headers_too(base_url, hashed_css):
    _, headers, _ = fetch(base_url + hashed_css)
    assert "content-security-policy" in headers and headers["x-content-type-options"] == "nosniff"


def test_csv_opens_as_utf8_text(base_url):
    status, headers, body = fetch(base_url + "du-lieu/chi-so.csv", gzip_ok=False)
    assert status == 200 and headers["content-type"] == "text/csv; charset=utf-8"
    assert body.decode("utf-8")


def test_a_missing_page_gets_the_site_404_page(base_url):
    status, _, body = fetch(base_url + "khong-co-trang-nay/", gzip_ok=False)
    assert status == 404
    assert re.search(rb"<html lang=\"vi\"", body)
