"""Vietnamese text helpers: accent folding, slugs, collation, dates in prose, numbers and dates as
documents write them.

The site's `mkdocs.yml` names `cchc_site.text.slugify` (its headings' anchors): this module stays here.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_SHAPES = {"\u0306": "(", "\u0302": "^", "\u031b": "+"}  # ă, â/ê/ô, ơ/ư


def fold(text: str) -> str:
    """Remove every diacritic and map đ/Đ to d/D: ``Đăng ký`` → ``Dang ky``."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d").replace("Đ", "D")


def slugify(value: str, separator: str = "-") -> str:
    """URL slug without diacritics (``Đăng ký khai sinh`` → ``dang-ky-khai-sinh``).

    Also used as the Markdown ``toc`` slug function, so heading anchors keep the letter đ.
    """
    folded = fold(value).lower()
    return re.sub(r"[^a-z0-9]+", separator, folded).strip(separator)


# Vietnamese alphabet order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
_ORDER = [
    "a",
    "a(",
    "a^",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "e^",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "o^",
    "o+",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "u+",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_RANK = {letter: index for index, letter in enumerate(_ORDER)}


def sort_key(text: str) -> tuple:
    """Collation key: letters in Vietnamese alphabet order first, then tones."""
    primary: list[tuple[int, str]] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.lower()):
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], parts[1:]
        letter = base + "".join(_SHAPES.get(m, "") for m in marks)
        tone = next((m for m in marks if m in _TONES), "")
        primary.append((_RANK.get(letter, len(_ORDER)), letter))
        tones.append(" \u0300\u0309\u0303\u0301\u0323".index(tone) if tone else 0)
    return (tuple(primary), tuple(tones))


_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")


def dates_in(text: str) -> set[date]:
    """Dates written d/m/yyyy, with or without leading zeros."""
    found: set[date] = set()
    for day, month, year in _DATE.findall(text):
        try:
            found.add(date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return found


def format_number(value: int) -> str:
    """Vietnamese thousands separator: 1234567 → ``1.234.567``."""
    return f"{value:,}".replace(",", ".")


def format_decimal(value: float) -> str:
    """A whole number as ``1.234``, else one decimal with a comma: ``12,5``."""
    if float(value).is_integer():
        return ("-" if value < 0 else "") + format_number(abs(int(value)))
    return f"{value:.1f}".replace(".", ",")


def format_percent(ratio: float, decimals: int = 1) -> str:
    """``1.0`` → ``100%``, ``0.9753`` → ``97,5%`` (one decimal by default, comma, trailing zeros dropped)."""
    text = f"{ratio * 100:.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def format_date(value: date) -> str:
    """``dd/mm/yyyy`` as on Vietnamese forms."""
    return value.strftime("%d/%m/%Y")


def format_size(size: int) -> str:
    """File size as Vietnamese readers write it: "329 byte", "3,6 KB", "1,2 MB"."""
    if size < 1000:
        return f"{size} byte"
    for unit, scale in (("KB", 1e3), ("MB", 1e6)):
        if size < scale * 1000 or unit == "MB":
            return f"{size / scale:.1f}".replace(".", ",") + f" {unit}"
    return f"{size} byte"  # pragma: no cover
