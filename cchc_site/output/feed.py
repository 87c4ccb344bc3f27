"""The Atom feed (RFC 4287): one entry per published report and per correction, newest first."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any
from xml.etree import ElementTree as ET

from .. import addresses, text
from ..site_data import Report, SiteData

ATOM = "http://www.w3.org/2005/Atom"
TIMEZONE = "+07:00"  # Vietnam; dates in the data are local dates


def atom_feed(site: SiteData, published: list[tuple[Report, list[dict[str, Any]]]]) -> bytes:
    """The feed's XML: every published report, then each of its corrections, by their day."""
    ET.register_namespace("", ATOM)
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"cchc-site:{site.xa.co_quan}")
    entries: list[tuple[date, str, str, str, str]] = []  # day, id, title, link, summary
    for report, corrections in published:
        model = report.model
        assert model.ngay_dang_tai is not None
        page = addresses.report_page(model.slug)
        link = addresses.page_url(page)
        entries.append(
            (
                model.ngay_dang_tai,
                page.removesuffix(".md"),  # the entry's id: stable across builds
                f"Báo cáo cải cách hành chính {model.label}",
                link,
                (
                    f"{model.trich_yeu}. Kỳ số liệu {text.format_date(model.window.tu_ngay)} – "
                    f"{text.format_date(model.window.den_ngay)}."
                ),
            )
        )
        for index, record in enumerate(corrections, 1):
            entries.append(
                (
                    record["ngay"],
                    f"{page.removesuffix('.md')}/cap-nhat/{index}",
                    f"Cập nhật báo cáo {model.label}: {record['noi_dung']}",
                    link + "#cap-nhat",
                    f"{_brief(record['gia_tri_cu'])} → {_brief(record['gia_tri_moi'])}. Lý do: {record['ly_do']}",
                )
            )
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})

    def sub(parent: ET.Element, tag: str, value: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = value
        return element

    sub(feed, "id", f"urn:uuid:{namespace}")
    sub(feed, "title", f"Cải cách hành chính – {site.xa.co_quan}")
    sub(feed, "subtitle", "Báo cáo mới đăng tải và các lần cập nhật báo cáo.")
    sub(feed, "updated", _stamp(max((e[0] for e in entries), default=date(2000, 1, 1))))
    sub(sub(feed, "author"), "name", site.xa.co_quan)
    sub(feed, "link", rel="self", href=addresses.FEED, type="application/atom+xml")
    sub(feed, "link", rel="alternate", href="./", type="text/html")
    for day, key, title, link, summary in entries:
        entry = sub(feed, "entry")
        sub(entry, "id", f"urn:uuid:{uuid.uuid5(namespace, key)}")
        sub(entry, "title", title)
        sub(entry, "updated", _stamp(day))
        sub(entry, "link", rel="alternate", href=link, type="text/html")
        sub(entry, "summary", summary)
    body = ET.tostring(feed, encoding="unicode", xml_declaration=False)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00{TIMEZONE}"


def _brief(value: Any, limit: int = 160) -> str:
    if value is None:
        return "(không có)"
    shown = " ".join(str(value).split())
    return shown if len(shown) <= limit else shown[:limit] + "…"
