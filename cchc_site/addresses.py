"""Every address of the built site and every name in the content folder, defined once.

Pages are named by their MkDocs source address (``bao-cao/2022-q3.md``); ``page_url`` gives the
address a reader sees (``bao-cao/2022-q3/``, ``use_directory_urls``). Data files are published
under their own name. The content folder's layout (``xa.yaml``, ``bao-cao/``, the lock file…) is
what staff write and what every check, command and message names.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol

from . import text


class Procedure(Protocol):
    """What a procedure's address is made of (``core.models.ThuTuc`` has it): this module stands
    below every other, the domain's models included."""

    ma: str
    ten: str


CONTENT_DIR = "content"  # the default content folder of a project (``extra.cchc.content_dir``)
XA_FILE = "xa.yaml"
LIST_FILE = "thu-tuc.yaml"
CUSTOM_FILE = "chi-tieu-rieng.yaml"  # the commune's own indicators
EVENTS_FILE = "su-kien.yaml"  # the commune's own life events for the home page (optional)
ALIASES_FILE = "tu-dong-nghia.yaml"  # the commune's own everyday words for the search (optional)
LOCK_FILE = "khoa-so-lieu.json"
REPORT_DIR = "bao-cao"
ORIGINALS_DIR = f"{REPORT_DIR}/ban-goc"  # signed scans (PDF)
RECORD_DIR = "thu-tuc-quoc-gia"  # thu-tuc-quoc-gia/<mã>.yaml: a procedure's national record
STATIC_DIR = "trang"  # the staff's own pages (MkDocs' docs_dir)
PREDECESSOR_DIR = "tien-than"  # tien-than/<ma>/: a merged commune's folder, laid out as its content was
SCHEMA_FOLDER = "cchc_site/schema"  # the editors' JSON Schemas, from the project's root
CONTENT_MARKERS = (XA_FILE, LIST_FILE, REPORT_DIR)  # a folder holding one of them is a content folder


def report_file(slug: str) -> str:
    """``bao-cao/2022-q3.yaml``."""
    return f"{REPORT_DIR}/{slug}.yaml"


def record_file(code: str) -> str:
    """``thu-tuc-quoc-gia/1.001193.yaml``."""
    return f"{RECORD_DIR}/{code}.yaml"


def predecessor_dir(ma: str) -> str:
    """``tien-than/hoa-my``: a merged commune's own content folder."""
    return f"{PREDECESSOR_DIR}/{ma}"


def schema_file(relative: str) -> str:
    """The JSON Schema of a content file at ``relative`` (from the content folder), or of every
    file of a folder: ``xa.yaml`` → ``xa.schema.json``; ``bao-cao/…`` → ``bao-cao.schema.json``."""
    if relative.startswith(f"{REPORT_DIR}/"):
        return "bao-cao.schema.json"
    if relative.startswith(f"{RECORD_DIR}/"):
        return "thu-tuc-quoc-gia.schema.json"
    return relative.removesuffix(".yaml") + ".schema.json"


def schema_comment(relative: str) -> str:
    """The first line of a content file at ``relative``: where editors find its JSON Schema."""
    depth = relative.count("/") + 1  # up from the file's folder to the project root
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_FOLDER}/{schema_file(relative)}"


def shown(path: Path, root: Path | None = None) -> str:
    """A path as messages write it: relative to ``root`` (default: where the command runs) when inside."""
    try:
        return path.resolve().relative_to((root or Path.cwd()).resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


HOME = "index.md"
REPORT_INDEX = f"{REPORT_DIR}/index.md"
HISTORY = f"{REPORT_DIR}/lich-su.md"
LIST = "thu-tuc/index.md"
LIST_HISTORY = "thu-tuc/lich-su.md"
ASOF_DIR = "thu-tuc/theo-ky"  # the list as it stood at the end of each report's data window
DATA = "du-lieu/index.md"
GUIDE = "huong-dan-nhap-lieu.md"
ABOUT = "gioi-thieu.md"  # staff pages every project has
CONTACT = "lien-he.md"
REPORT_PAGES = (REPORT_INDEX, HISTORY)  # pages of bao-cao/ itself: no merged commune's code may take one
RESERVED_SLUGS = {Path(LIST).stem, Path(LIST_HISTORY).stem, Path(ASOF_DIR).name}  # no procedure may take one
LIST_SCRIPT = "assets/cchc/loc-thu-tuc.js"


def report_page(key: str) -> str:
    """``bao-cao/2022-q3.md``; a merged commune's report under its code: ``bao-cao/hoa-my/2024-q3.md``."""
    return f"{REPORT_DIR}/{key}.md"


def asof_page(slug: str) -> str:
    """The procedure list as it stood at the end of a report's data window."""
    return f"{ASOF_DIR}/{slug}.md"


def procedure_slug(thu_tuc: Procedure) -> str:
    """A procedure's address: its national code, else its name without diacritics.

    Only letters, digits and hyphens (``text.slugify``): no name can reach another folder.
    """
    if thu_tuc.ma:
        return thu_tuc.ma
    slug = text.slugify(thu_tuc.ten)
    if not slug:  # a name of punctuation only
        return "thu-tuc-" + hashlib.sha1(thu_tuc.ten.encode()).hexdigest()[:8]
    if len(slug) <= 60:
        return slug
    # long names: a readable start plus a short fingerprint of the whole name, so two names
    # sharing their first words still get two addresses (and no file name grows too long)
    digest = hashlib.sha1(slug.encode()).hexdigest()[:6]
    return f"{slug[:60].rsplit('-', 1)[0]}-{digest}"


def procedure_page(thu_tuc: Procedure) -> str:
    return f"thu-tuc/{procedure_slug(thu_tuc)}.md"


def page_url(uri: str) -> str:
    """The address MkDocs gives a page (``use_directory_urls``), from the site's root:
    ``index.md`` → ``""``; ``a/index.md``, ``a/README.md``, ``a.md`` → ``a/``. Other files keep their name."""
    for suffix in (".md", ".markdown"):
        if uri.endswith(suffix):
            stem = uri[: -len(suffix)]
            folder, _, name = stem.rpartition("/")
            if name in ("index", "README"):
                return f"{folder}/" if folder else ""
            return f"{stem}/"
    return uri


DATA_DIR = "du-lieu"
FEED = "atom.xml"
DATAPACKAGE = f"{DATA_DIR}/datapackage.json"
RECORD = f"{DATA_DIR}/kiem-chung.json"  # what ``verify`` reads from an archived copy
SITE_DIR = "site"  # the built site, next to the content folder (mkdocs.yml's site_dir)


def previous_record(content_dir: Path) -> Path:
    """The verification record of the last build, which ``khoa`` and ``dinh-chinh`` compare with."""
    return content_dir.resolve().parent / SITE_DIR / RECORD


FIGURES_CSV = f"{DATA_DIR}/chi-so.csv"
RATES_CSV = f"{DATA_DIR}/ty-le.csv"
FIGURES_JSON = f"{DATA_DIR}/chi-so.json"
CHANGES_CSV = f"{DATA_DIR}/thay-doi.csv"
CORRECTIONS_CSV = f"{DATA_DIR}/cap-nhat.csv"
LIST_CSV = f"{DATA_DIR}/thu-tuc.csv"
LIST_JSON = f"{DATA_DIR}/thu-tuc.json"
SEARCH_ALIASES = f"{DATA_DIR}/tu-dong-nghia.json"  # the search's everyday words (tim-kiem.js names it)


def report_data(key: str, suffix: str) -> str:
    """A report's own data files, beside each other: ``du-lieu/bao-cao/2022-q3.csv`` (``.json``, ``.docx``)."""
    return f"{DATA_DIR}/{REPORT_DIR}/{key}.{suffix}"


def original_file(name: str, predecessor: str | None = None) -> str:
    """A signed scan as published; a merged commune's scans apart: ``du-lieu/ban-goc/hoa-my/…``."""
    folder = f"{predecessor}/" if predecessor else ""
    return f"{DATA_DIR}/ban-goc/{folder}{name}"


OVERVIEW_COMMUNES_CSV = f"{DATA_DIR}/cac-xa.csv"  # a province's overview (``tong-hop``)
OVERVIEW_PERIODS_CSV = f"{DATA_DIR}/ky-bao-cao.csv"
OVERVIEW_JSON = f"{DATA_DIR}/tong-hop.json"


def docx_name(slug: str) -> str:
    """The name ``export-docx`` writes: «bao-cao-2022-q3.docx»."""
    return f"bao-cao-{slug}.docx"
