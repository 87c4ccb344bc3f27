"""One Jinja2 environment for every page template.

Templates produce Markdown. Every value printed with ``{{ }}`` is escaped for Markdown and
HTML unless it is ``Markup`` made on purpose in Python (internal links, formatted numbers):
text from data can never become markup, even where a template forgets a filter.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import text

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_HTML_TABLE = str.maketrans(_HTML)
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")  # Python-Markdown ESCAPED_CHARS


def escape(value: Any) -> Markup:
    """Make any value inert in Markdown and HTML, on one line."""
    if isinstance(value, Markup):
        return value
    raw = " ".join(str(value).split()).translate(_HTML_TABLE)
    return Markup(_MARKDOWN.sub(r"\\\1", raw))


def escape_html(value: Any) -> Markup:
    """For raw HTML blocks (tables, SVG), which Markdown leaves alone: HTML escaping only."""
    if isinstance(value, Markup):
        return value
    if value is None:  # as ``{{ }}`` prints nothing for None
        return Markup("")
    return Markup(" ".join(str(value).split()).translate(_HTML_TABLE))


def title_value(value: Any) -> Markup:
    """A page title for the front matter: one quoted YAML line, and no ``<`` or ``>`` at all.

    The theme prints a title through ``striptags`` into ``<title>``, which undoes HTML escaping:
    angle brackets become look-alike ones (‹ ›), so no title can ever open or close a tag there.
    """
    clean = " ".join(str(value).split()).replace("<", "‹").replace(">", "›")
    return Markup(json.dumps(clean, ensure_ascii=False))


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    return escape(value)


def _number(value: int) -> Markup:
    return Markup(text.format_number(value))


def _date(value: date | None) -> Markup:
    return Markup(text.format_date(value)) if value else Markup("")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Built once per process: templates are compiled once and cached by Jinja."""
    env = Environment(
        loader=PackageLoader("cchc_site", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # compiled templates kept between builds (Jinja's per-user temp folder,
        # checked by source checksum): ~70 ms of each build otherwise
        bytecode_cache=FileSystemBytecodeCache(),
    )
    env.filters["so"] = _number
    env.filters["ngay"] = _date
    env.filters["ty_le"] = lambda ratio: Markup(text.format_percent(ratio))
    env.filters["html"] = escape_html
    env.filters["tieu_de"] = title_value
    env.filters["toa_do"] = lambda value: Markup(f"{float(value):.1f}")  # SVG coordinates
    env.filters["kich_thuoc"] = lambda size: Markup(text.format_size(size))
    return env


def render(name: str, **context: Any) -> str:
    """Render ``templates/<name>`` to Markdown."""
    return environment().get_template(name).render(**context)
