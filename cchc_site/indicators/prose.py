"""Where a report's text states a figure: numbers with the words around them, percentages.

A figure is tied to the text when its number is written next to a word of its unit or of its
name («16 lượt», «08 công chức», «khoảng trên 170 lượt»), within the same clause. Numbers that
belong to dates and document numbers (``30/9/2022``, ``837/QĐ-UBND``) are not figures.
``05`` is 5 and ``1.442`` is 1442; «không» (none) states a zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..text import fold

WINDOW = 8  # syllables on each side of a number that still belong to it
ZERO_WINDOW = 14
_TOKEN = re.compile(
    r"(?P<pct>\d+(?:,\d+)?\s?%)|(?P<num>\d+(?:\.\d{3})+(?!\d)|\d+)|(?P<word>[^\W\d_]+)|(?P<punct>[^\w\s])"
)
# compared with their diacritics: «kết hôn 96» is not «hơn 96»
_APPROX = {
    ("khoảng", "trên"): "khoang_tren",
    ("khoảng",): "khoang",
    ("trên",): "tren",
    ("hơn",): "hon",
    ("gần",): "gan",
    ("dưới",): "duoi",
}
_ZERO = {"khong", "chua"}
_SENTENCE_END = {".", ";", "!", "?"}


@dataclass(frozen=True)
class Token:
    kind: str  # pct, num, word, punct
    text: str
    start: int
    end: int

    @property
    def folded(self) -> str:
        return fold(self.text).lower().replace("y", "i")


@dataclass(frozen=True)
class Mention:
    """A number written in the text, with the words it belongs to."""

    value: int
    approx: str | None  # the word before it: «khoảng trên» → khoang_tren
    before: tuple[str, ...]  # folded syllables before it, within its clause
    after: tuple[str, ...]  # folded syllables after it, within its clause
    excerpt: str  # the text around it, for messages
    start: int = 0  # position in the text
    zero_word: bool = False  # «không» rather than a digit


@dataclass(frozen=True)
class Percent:
    value: Decimal  # 85.25
    decimals: int  # 2
    written: str  # "85,25%"
    start: int


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[Token, ...]:
    return tuple(
        Token(match.lastgroup or "", match.group(), match.start(), match.end())
        for match in _TOKEN.finditer(text)
    )


def _glued(a: Token, b: Token) -> bool:
    return a.end == b.start


def _is_figure(toks: tuple[Token, ...], index: int) -> bool:
    """A number standing on its own, not a part of a date, a code or a document number."""
    token = toks[index]
    for step in (-1, 1):
        near = index + step
        if not 0 <= near < len(toks):
            continue
        other = toks[near]
        if not (_glued(other, token) if step < 0 else _glued(token, other)):
            continue
        if other.kind in ("word", "num", "pct") or other.text in "/-–":
            return False
        beyond = near + step
        if (
            other.text in ":."
            and 0 <= beyond < len(toks)
            and toks[beyond].kind == "num"
            and (_glued(toks[beyond], other) if step < 0 else _glued(other, toks[beyond]))
        ):
            return False  # 9001:2015
    return True


def _words(toks: tuple[Token, ...], start: int, step: int, limit: int, stops: set[str] | None) -> list[str]:
    found: list[str] = []
    index = start
    while 0 <= index < len(toks) and len(found) < limit:
        token = toks[index]
        if token.kind in ("num", "pct"):
            break
        if token.kind == "punct":
            if stops is None or token.text in stops:
                break
        else:
            found.append(token.folded)
        index += step
    return found if step > 0 else found[::-1]


def _excerpt(text: str, start: int, end: int) -> str:
    left = max(0, start - 30)
    right = min(len(text), end + 30)
    return ("…" if left else "") + " ".join(text[left:right].split()) + ("…" if right < len(text) else "")


@lru_cache(maxsize=4096)
def mentions(text: str) -> tuple[Mention, ...]:
    """Every figure-like number of ``text`` and every «không» (a stated zero)."""
    toks = tokens(text)
    found: list[Mention] = []
    for index, token in enumerate(toks):
        if token.kind == "num" and _is_figure(toks, index):
            before = _words(toks, index - 1, -1, WINDOW, None)
            after = _words(toks, index + 1, 1, WINDOW, None)
            # the words right before the number say «khoảng trên»
            written: tuple[str, ...] = ()
            while (
                len(written) < 2
                and index - len(written) > 0
                and toks[index - len(written) - 1].kind == "word"
            ):
                written = (toks[index - len(written) - 1].text.lower(), *written)
            approx = _APPROX.get(written[-2:]) or _APPROX.get(written[-1:])
            found.append(
                Mention(
                    int(token.text.replace(".", "")),
                    approx,
                    tuple(before),
                    tuple(after),
                    _excerpt(text, token.start, token.end),
                    token.start,
                )
            )
        elif token.kind == "word" and token.folded in _ZERO:
            after = _words(toks, index + 1, 1, ZERO_WINDOW, _SENTENCE_END)
            found.append(
                Mention(0, None, (), tuple(after), _excerpt(text, token.start, token.end), token.start, True)
            )
    return tuple(found)


def has_word(window: tuple[str, ...], word: tuple[str, ...]) -> bool:
    """``word`` (folded syllables) stands in ``window`` as a whole."""
    size = len(word)
    return size > 0 and any(window[i : i + size] == word for i in range(len(window) - size + 1))


@lru_cache(maxsize=4096)
def percents(text: str) -> tuple[Percent, ...]:
    """Rates the text states; «×100%» at the end of a written formula is not one."""
    found = []
    toks = tokens(text)
    for index, token in enumerate(toks):
        if index and (
            toks[index - 1].text in ("×", "*", "x", "X") or toks[index - 1].text.endswith(("×", "*"))
        ):
            continue
        if token.kind == "pct":
            number = token.text.rstrip("%").strip()
            decimals = len(number.split(",", 1)[1]) if "," in number else 0
            found.append(Percent(Decimal(number.replace(",", ".")), decimals, token.text, token.start))
    return tuple(found)


def parse_percent(written: str) -> Percent | None:
    found = percents(written.strip())
    return found[0] if len(found) == 1 and found[0].written == written.strip() else None


def normalized(text: str) -> str:
    """For finding a quoted phrase in the text: one space, case and ``%`` spacing ignored."""
    return re.sub(r"\s+%", "%", " ".join(text.split())).casefold()
