"""The steps of a procedure: split at «Bước N» markers, else at line-leading bullets («-», «+», «*»),
else one step per line; continuation lines join their step with a space. A step whose text a person
found garbled on the portal is kept in the portal's wording, flagged."""

from __future__ import annotations

import itertools
import re

from ...core.record import NguyenVan
from . import cleaning

# «Bước 2:» at a line start (after an optional «a) »), or after the end of a sentence on the same line
_MARKER = re.compile(
    r"(?:^|(?<=\n))(?:[a-zđ]\)\s*)?Bước\s*\d+\b"
    r"|(?:(?<=[.;:!?] )|(?<=[.;:!?]))Bước\s*\d+\s*[:.)–-]"
)
_BULLET = re.compile(r"[-+*•]")

# Portal texts a person compared with the published decision and found garbled (words displaced or
# overlapping). Matched on the cleaned one-line text, so the flag goes away once the portal is fixed.
GARBLED = (
    "đăng ký khai tâm Phục vụ hành chính công",  # 1.001193: «… khai sinh tại Trung tâm Phục vụ …»
    "hoàn tất việc sinh tại Trung nộp hồ sơ",
)


def garbled(text: str) -> bool:
    return any(snippet in text for snippet in GARBLED)


def _joined(lines: list[str]) -> str:
    return " ".join(lines)


def _without_dash(item: str) -> str:
    """A leading «-» is the list's presentation; «+» and «*» mark sub-items and stay."""
    if item.startswith("-") and not item.startswith("--"):
        return item[1:].strip() or item
    return item


def split(written: str | None) -> list[str]:
    """The steps of one text, each one line."""
    lines = cleaning.lines(written)
    if not lines:
        return []
    whole = "\n".join(lines)
    starts = [match.start() for match in _MARKER.finditer(whole)]
    if starts:
        cuts = ([0] if starts[0] > 0 else []) + starts + [len(whole)]
        pieces = (whole[a:b] for a, b in itertools.pairwise(cuts))
        return [step for piece in pieces if (step := " ".join(piece.split()))]
    if any(_BULLET.match(line) for line in lines):
        items: list[list[str]] = []
        for line in lines:
            if _BULLET.match(line) or not items:
                items.append([line])
            else:
                items[-1].append(line)
        return [_without_dash(_joined(item)) for item in items]
    return lines


def steps(written: str | None) -> list[str | NguyenVan]:
    """:func:`split`, with garbled steps kept as the portal wrote them and flagged."""
    return [
        NguyenVan.model_validate({"nguyen_van": step, "loi": "chu_bi_loi"}) if garbled(step) else step
        for step in split(written)
    ]
