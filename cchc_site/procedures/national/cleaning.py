"""The only changes a record's text may undergo: Unicode NFC, invisible characters removed,
non-breaking and other odd spaces made plain, runs of spaces collapsed, ends trimmed, and the
portal's words for "nothing" («Không có thông tin», «Không») read as empty. Multi-line texts become
list items; a single-value field joins its lines with a space."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from ...core.models import FIRST_YEAR, LAST_YEAR

# The portal's ways of saying a field is empty (compared after cleaning, case-insensitively)
NONE_WORDS = frozenset({"", "không có thông tin", "không", "không có", "--", "-"})

_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x0b": "\n", "\x0c": "\n"}
_LINK = re.compile(r"https://[^\s<>\"']+")


def _characters(categories: tuple[str, ...]) -> str:
    """Every character of the Basic Multilingual Plane in these categories (read once, ~10 ms)."""
    return "".join(chr(code) for code in range(0x10000) if unicodedata.category(chr(code)) in categories)


# Invisible format characters (zero-width spaces and joiners, bidi marks, soft hyphen, BOM), with
# those outside the Basic Multilingual Plane (tags, musical and hieroglyph format controls)
_INVISIBLE = re.compile(
    "[" + re.escape(_characters(("Cf",))) + "\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
# Tabs, stray control characters and every kind of space (NBSP, thin, ideographic…) but the line break
_SPACES = re.compile("[" + re.escape(_characters(("Cc", "Zs", "Zl", "Zp")).replace("\n", "")) + "]")


def _normalised(value: str) -> str:
    for old, new in _LINE_BREAKS.items():
        value = value.replace(old, new)
    value = unicodedata.normalize("NFC", value)
    return _SPACES.sub(" ", _INVISIBLE.sub("", value))


def flat(value: str) -> str:
    """One line: every run of spaces and line breaks becomes one space, ends trimmed."""
    return " ".join(_normalised(value).split())


def text(value: str | None) -> str | None:
    """A single-value field: ``None`` when empty or when the portal says there is nothing."""
    if value is None:
        return None
    cleaned = flat(value)
    return None if cleaned.lower() in NONE_WORDS else cleaned


def lines(value: str | None) -> list[str]:
    """A multi-line text as its non-empty lines, each cleaned; nothing when the text says none."""
    if value is None or is_none(value):
        return []
    return [line for raw in _normalised(value).split("\n") if (line := " ".join(raw.split()))]


def is_none(value: str | None) -> bool:
    if value is not None and len(value) > 200 and any(c.isalnum() for c in value[:200]):
        return False  # longer than any word for "nothing", and not only invisible characters
    return text(value) is None


def link(value: str | None) -> str | None:
    """An https address, as is; anything else (http, text, spaces inside) is not a link."""
    if value is None:
        return None
    cleaned = flat(value)
    return cleaned if _LINK.fullmatch(cleaned) else None


_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})|(\d{4})-(\d{2})-(\d{2})")


def read_date(value: str | None) -> date | None:
    """«24-03-2021», «24/03/2021», «2021-03-24» → a date; an impossible or odd date → ``None``."""
    if value is None:
        return None
    match = _DATE.fullmatch(flat(value))
    if match is None:
        return None
    if match.group(1):
        day, month, year = (int(g) for g in match.group(1, 2, 3))
    else:
        year, month, day = (int(g) for g in match.group(4, 5, 6))
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if FIRST_YEAR <= found.year <= LAST_YEAR else None
