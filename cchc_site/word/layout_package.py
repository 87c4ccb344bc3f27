"""The parts of a .docx around the document text, and the zip that holds them, byte for byte.

Styles carry the Decree 30/2020 look (Times New Roman, sizes, spacing), so a clerk who edits the
file keeps it. The zip is reproducible: parts in a fixed order, each stamped with a date from the
data, fixed permissions and compression; the properties carry dates from the data, never the clock,
and no part holds a random id.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from functools import cache
from typing import NamedTuple

from .layout_xml import DECLARATION, R, W, escape

FONT = "Times New Roman"
BODY_SIZE = 14  # points; Decree 30/2020: 13–14
INDENT = 567  # first line of a paragraph: 1 cm (Decree 30: 1–1.27 cm)
SPACE_AFTER = 120  # between paragraphs: 6 pt (Decree 30: at least 6 pt)
LINE = 288  # line spacing 1.2 (Decree 30: single to 1.5 lines)
ZIP_EPOCH = date(1980, 1, 1)

# paragraph styles: id, name shown in Word, formatting; the id tells what the paragraph is
PARAGRAPH_STYLES: tuple[tuple[str, str, str, str], ...] = (
    # (id, name, paragraph properties, run properties)
    ("Normal", "Normal", "", ""),
    (
        "BodyText",
        "Body Text",
        (
            f'<w:spacing w:after="{SPACE_AFTER}" w:line="{LINE}" w:lineRule="auto"/>'
            f'<w:ind w:firstLine="{INDENT}"/><w:jc w:val="both"/>'
        ),
        "",
    ),
    ("Heading1", "heading 1", '<w:keepNext/><w:keepLines/><w:outlineLvl w:val="0"/>', "<w:b/><w:bCs/>"),
    ("Heading2", "heading 2", '<w:keepNext/><w:keepLines/><w:outlineLvl w:val="1"/>', "<w:b/><w:bCs/>"),
    ("GachDauDong", "Gạch đầu dòng", "", ""),
    ("DoanDanhSo", "Đoạn đánh số", "", ""),
    ("Title", "Title", '<w:keepNext/><w:spacing w:before="360"/><w:jc w:val="center"/>', "<w:b/><w:bCs/>"),
    ("TrichYeu", "Trích yếu", '<w:keepNext/><w:jc w:val="center"/>', "<w:b/><w:bCs/>"),
    ("Header", "header", '<w:jc w:val="center"/>', '<w:sz w:val="26"/><w:szCs w:val="26"/>'),
    ("Footer", "footer", "", '<w:i/><w:iCs/><w:sz w:val="16"/><w:szCs w:val="16"/>'),
)
BASED_ON = {  # headings, bullets and numbered tasks are body paragraphs that say what they are
    "BodyText": "Normal",
    "Heading1": "BodyText",
    "Heading2": "BodyText",
    "GachDauDong": "BodyText",
    "DoanDanhSo": "BodyText",
    "Title": "Normal",
    "TrichYeu": "Normal",
    "Header": "Normal",
    "Footer": "Normal",
}

CONTENT_TYPES = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "word/settings.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
    "word/header1.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "word/header2.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "word/footer1.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "word/footer2.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOCUMENT_RELS = (  # (id, type, target): the ids the section properties name
    ("rIdStyles", f"{_REL}/styles", "styles.xml"),
    ("rIdSettings", f"{_REL}/settings", "settings.xml"),
    ("rIdHeader", f"{_REL}/header", "header1.xml"),
    ("rIdHeaderFirst", f"{_REL}/header", "header2.xml"),
    ("rIdFooter", f"{_REL}/footer", "footer1.xml"),
    ("rIdFooterFirst", f"{_REL}/footer", "footer2.xml"),
)
PACKAGE_RELS = (
    ("rId1", f"{_REL}/officeDocument", "word/document.xml"),
    (
        "rId2",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "docProps/core.xml",
    ),
    ("rId3", f"{_REL}/extended-properties", "docProps/app.xml"),
)


@cache  # the same for every report
def styles_xml() -> str:
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        f'<w:sz w:val="{BODY_SIZE * 2}"/><w:szCs w:val="{BODY_SIZE * 2}"/>'
        '<w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault>"
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    )
    styles = []
    for style_id, name, para, chars in PARAGRAPH_STYLES:
        default = ' w:default="1"' if style_id == "Normal" else ""
        based = f'<w:basedOn w:val="{BASED_ON[style_id]}"/>' if style_id in BASED_ON else ""
        follows = '<w:next w:val="BodyText"/>' if style_id.startswith("Heading") else ""
        styles.append(
            f'<w:style w:type="paragraph"{default} w:styleId="{style_id}"><w:name w:val="{escape(name)}"/>'
            f"{based}{follows}<w:qFormat/>"
            + (f"<w:pPr>{para}</w:pPr>" if para else "")
            + (f"<w:rPr>{chars}</w:rPr>" if chars else "")
            + "</w:style>"
        )
    styles.append(
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    )
    styles.append(
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    )
    return f'{DECLARATION}<w:styles xmlns:w="{W}">{defaults}{"".join(styles)}</w:styles>'


@cache  # the same for every report
def settings_xml() -> str:
    return (
        f'{DECLARATION}<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        ' w:val="15"/></w:compat><w:themeFontLang w:val="vi-VN"/>'
        '<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/></w:settings>'
    )


def header_footer_xml(tag: str, paragraphs: str) -> str:
    """``w:hdr`` or ``w:ftr`` holding the given paragraphs (at least one, as Word requires)."""
    return f'{DECLARATION}<w:{tag} xmlns:w="{W}" xmlns:r="{R}">{paragraphs or "<w:p/>"}</w:{tag}>'


def document_xml(body: str) -> str:
    return f'{DECLARATION}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>'


def _relationships(rels: tuple[tuple[str, str, str], ...]) -> str:
    items = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in rels)
    return (
        f'{DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{items}</Relationships>"
    )


@cache  # the same for every report
def _content_types() -> str:
    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in CONTENT_TYPES.items()
    )
    return (
        f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
    )


class Properties(NamedTuple):
    """The document's properties (File › Info in Word): all from the data."""

    title: str
    subject: str
    creator: str
    description: str
    keywords: str
    created: date
    modified: date
    revision: int


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def core_xml(props: Properties) -> str:
    """Core properties; no «last printed»: a file made from data has never been printed."""
    return (
        f"{DECLARATION}<cp:coreProperties"
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(props.title)}</dc:title><dc:subject>{escape(props.subject)}</dc:subject>"
        f"<dc:creator>{escape(props.creator)}</dc:creator><cp:keywords>{escape(props.keywords)}</cp:keywords>"
        f"<dc:description>{escape(props.description)}</dc:description>"
        f"<cp:lastModifiedBy>{escape(props.creator)}</cp:lastModifiedBy><cp:revision>{props.revision}</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{_stamp(props.created)}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{_stamp(props.modified)}</dcterms:modified>'
        "<dc:language>vi-VN</dc:language><cp:category>Báo cáo</cp:category></cp:coreProperties>"
    )


def app_xml(company: str) -> str:
    return (
        f"{DECLARATION}<Properties"
        ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>cchc-site</Application><DocSecurity>0</DocSecurity><Company>{escape(company)}</Company>"
        "</Properties>"
    )


def package(parts: dict[str, str], props: Properties) -> bytes:
    """The .docx: the given parts (document, headers, footers) and the fixed ones, zipped reproducibly."""
    files = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _relationships(PACKAGE_RELS),
        "docProps/core.xml": core_xml(props),
        "docProps/app.xml": app_xml(props.creator),
        "word/_rels/document.xml.rels": _relationships(DOCUMENT_RELS),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": settings_xml(),
        **parts,
    }
    missing = set(CONTENT_TYPES) - set(files)
    assert not missing, f"parts without content: {sorted(missing)}"  # a bug here, not in the data
    day = max(props.modified, ZIP_EPOCH)  # a zip entry cannot be dated before 1980
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # the same bytes whichever system builds the site
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"), compresslevel=6)
    return buffer.getvalue()
