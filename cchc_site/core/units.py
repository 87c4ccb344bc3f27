"""Kinds of commune-level unit, declared once: since 01/07/2025 xã, phường and đặc khu (Law on the
Organisation of Local Government 2025); before that also thị trấn, which a merged commune's
predecessor may be. Titles, the issuing body, the profile, predecessors' labels and ``init`` ask
here for the word of a kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

BODY = "Ủy ban nhân dân"  # «Ủy ban nhân dân phường Quang Hanh»; «UBND» in short titles


@dataclass(frozen=True)
class UnitKind:
    key: str  # as written in xa.yaml («loai») and on the command line (with «-» for «_»)
    word: str  # «phường», as a title writes it before the name
    until: date | None = None  # the last day the kind existed, for a kind that no longer does


UNIT_KINDS: dict[str, UnitKind] = {
    kind.key: kind
    for kind in (
        UnitKind("xa", "xã"),
        UnitKind("phuong", "phường"),
        UnitKind("dac_khu", "đặc khu"),
        UnitKind("thi_tran", "thị trấn", until=date(2025, 6, 30)),
    )
}
LoaiDonVi = Literal["xa", "phuong", "dac_khu"]  # a unit today
LoaiDonViCu = Literal["xa", "phuong", "dac_khu", "thi_tran"]  # a unit merged into one of today's
CURRENT = tuple(key for key, kind in UNIT_KINDS.items() if kind.until is None)


def unit_word(key: str) -> str:
    return UNIT_KINDS[key].word


def unit_name(key: str, name: str) -> str:
    """«phường Quang Hanh»."""
    return f"{unit_word(key)} {name}"


def body_name(key: str, name: str) -> str:
    """«Ủy ban nhân dân phường Quang Hanh»: the issuing body of the unit's documents."""
    return f"{BODY} {unit_name(key, name)}"
