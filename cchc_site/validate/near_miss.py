"""The period a misnamed report file most likely means, and the file a lost published report probably is.

Clerks rename files by hand: «2022-Q3.yaml», «2022-q03.yaml», «2022-q4 (1).yaml» (a copy Windows
numbered), «Bản sao của 2022-q3.yaml». A message that only says a published report has no file,
while the file sits beside it under a name off by one character, sends the clerk to git for
nothing. The name is normalised (case, spaces, copy marks, leading zeros, spelled-out words) and,
when that is not enough, compared with ``difflib`` against the names that are expected.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from ..content.os_errors import shown_name as shown
from ..core import periods

__all__ = ["CUTOFF", "closest", "intended_period", "normalised", "shown"]

CUTOFF = 0.8  # difflib ratio from which a name counts as close (one character off in «2022-q3»)

_SUFFIXES = re.compile(r"(?:\.(?:yaml|yml|json|txt|bak|old|orig|tmp|sao)|~)+$")
_COPY_MARKS = (
    re.compile(r"\s*\(\s*\d+\s*\)\s*$"),  # «2022-q3 (1)»
    re.compile(r"[\s_-]*(?:-\s*)?(?:copy|ban sao|bản sao|sao)(?:\s*\d+)?\s*$"),  # «2022-q3 - Copy»
    re.compile(r"^(?:copy of|ban sao cua|bản sao của|bản sao|ban sao)\s+"),  # «Bản sao của 2022-q3»
)
_WORDS = (  # spelled-out parts of a period, as a clerk types them → the form of a file name
    (re.compile(r"quý|quy"), "q"),
    (re.compile(r"tháng|thang"), "t"),
    (re.compile(r"(?<![a-z])(6|9)-?t(?![a-z0-9])"), r"\1t"),
    (re.compile(r"cả-?năm|ca-?nam|năm|nam"), "nam"),
)


def normalised(name: str) -> str:
    """«Bản sao của 2022-Q03 (1).yaml» → «2022-q03»: a file name without case, extension or copy marks."""
    text = unicodedata.normalize("NFC", name).strip().lower()
    text = _SUFFIXES.sub("", text).strip()
    for mark in _COPY_MARKS:
        text = mark.sub("", text).strip()
    return re.sub(r"[\s_.–—-]+", "-", text).strip("-")


def intended_period(name: str) -> str | None:
    """The period slug ``name`` most likely means, when its normalised form is one: else None.

    «2022-Q3.yaml», «2022-q03.yaml», «2022-q3 (1).yaml», «2022_q3.yml», «quy-3-2022.yaml» → «2022-q3».
    """
    base = normalised(name)
    for pattern, replacement in _WORDS:
        base = pattern.sub(replacement, base)
    base = re.sub(r"(^|-)([qt])-(\d{1,2})(?=-|$)", r"\1\2\3", base)  # «2022-q-3», «quý 3» → «2022-q3»
    candidates = [base]
    swapped = re.fullmatch(r"([a-z0-9]+)-(\d{4})", base)  # «q3-2022» → «2022-q3»
    if swapped:
        candidates.append(f"{swapped.group(2)}-{swapped.group(1)}")
    for candidate in list(candidates):
        candidates.append(re.sub(r"(?<=q)0+(?=\d)", "", candidate))  # «q03» → «q3»
        candidates.append(re.sub(r"(?<=t)(\d)$", r"0\1", candidate))  # «t8» → «t08»
        candidates.append(re.sub(r"(?<=t)0*(\d\d)$", r"\1", candidate))  # «t008» → «t08»
    for candidate in candidates:
        ky = periods.parse(candidate)
        if ky is not None:
            return ky.slug
    return None


def closest(name: str, expected: Iterable[str]) -> str | None:
    """Which of ``expected`` (period slugs) ``name`` is: by its intended period, else by difflib."""
    wanted = sorted(set(expected))
    intended = intended_period(name)
    if intended is not None:
        return intended if intended in wanted else None
    found = difflib.get_close_matches(normalised(name), wanted, n=1, cutoff=CUTOFF)
    return found[0] if found else None
