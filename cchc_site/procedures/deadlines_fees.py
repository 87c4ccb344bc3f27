"""The deadline and fee columns of a province's list, read into the procedure's ``thoi_han`` and ``phi_le_phi``.

Number and unit are stored when the text is clear («05 ngày làm việc», «03 ngày», «24 giờ»); else
the number and unit the text begins with are stored and the whole text is kept as the note, as the
list already does («1 ngày làm việc. Ngay trong ngày tiếp nhận…»). Fees: the amount in đồng when the
text gives one amount («8.000 đồng/văn bản»), 0 when it says there is none («Không», «Miễn phí»),
always with the text. Nothing is guessed: a text without a number keeps no number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .. import text
from ..core.models import UNIT_WORDS, PhiLePhi, ThoiHan

_UNITS = {"ngay lam viec": "ngay_lam_viec", "ngay": "ngay", "gio": "gio", "gio lam viec": "gio"}
_AMOUNT = r"(?<![\d.,/])(\d+)(?![\d,/]|\.\d)"
_DEADLINE_PAIR = re.compile(_AMOUNT + r"\s*(ngay lam viec|ngay|gio lam viec|gio)\b")
_DEADLINE_CLEAR = re.compile(
    r"(?:(?:trong|trong vong|trong thoi han|khong qua|toi da|toi da khong qua)\s+)?0*([1-9]\d*)\s*"
    r"(ngay lam viec|ngay|gio)"
)
_SAME_DAY = re.compile(r"\btrong (?:ngay|ngay lam viec)\b")
_NUMBER = r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)(?![\d,/]|\.\d)"
_MONEY = re.compile(_NUMBER + r"\s*(?:đồng|vnđ|vnd|đ)(?!\w)")  # an amount is written with its unit
_BARE_AMOUNT = re.compile(_NUMBER + r"(?:\s*(?:đồng|vnđ|vnd|đ))?")
_FREE = re.compile(
    r"(?:khong|khong co|khong thu|mien|mien phi|mien le phi|khong thu phi|khong thu le phi|"
    r"khong thu phi,? le phi|mien phi,? le phi|0|0 dong|0 d)"
)


def _deadline(**fields: Any) -> ThoiHan:
    return ThoiHan.model_validate(fields)


def _fee(**fields: Any) -> PhiLePhi:
    return PhiLePhi.model_validate(fields)


def _flat(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())


def _folded(value: str) -> str:
    return text.fold(_flat(value)).lower().rstrip(" .;")


@dataclass(frozen=True)
class Deadline:
    value: ThoiHan | None  # None: the text gives no unit, nothing to store
    clear: bool
    written: str


def read_deadline(written: str) -> Deadline:
    """«05 ngày làm việc» → 5 ngày làm việc; «Trong ngày» → 1 ngày làm việc + the text as the note."""
    flat = _flat(written)
    folded = _folded(flat)
    clear = _DEADLINE_CLEAR.fullmatch(folded)
    if clear:
        return Deadline(_deadline(so=int(clear.group(1)), don_vi=_UNITS[clear.group(2)]), True, flat)
    pair = _DEADLINE_PAIR.search(folded)
    same_day = _SAME_DAY.search(folded)
    if same_day and (pair is None or same_day.start() < pair.start()):
        # the list's own convention for «trong ngày»: 1 working day, the words kept
        return Deadline(_deadline(so=1, don_vi="ngay_lam_viec", ghi_chu=flat), False, flat)
    if pair:
        number = int(pair.group(1))
        return Deadline(_deadline(so=number or None, don_vi=_UNITS[pair.group(2)], ghi_chu=flat), False, flat)
    for words, unit in (("ngay lam viec", "ngay_lam_viec"), ("gio", "gio"), ("ngay", "ngay")):
        if re.search(rf"\b{words}\b", folded):
            return Deadline(_deadline(don_vi=unit, ghi_chu=flat), False, flat)
    return Deadline(None, False, flat)


def show_deadline(value: ThoiHan | None) -> str:
    if value is None:
        return "(trống)"
    unit = UNIT_WORDS[value.don_vi] if value.don_vi else ""
    head = value.amount if value.so else f"(không rõ số) {unit}"
    return head + (f" («{value.ghi_chu}»)" if value.ghi_chu else "")


@dataclass(frozen=True)
class Fee:
    value: PhiLePhi
    clear: bool


def read_fee(written: str) -> Fee:
    """«8.000 đồng/văn bản» → 8.000 đồng with the text; «Miễn phí» → 0 with the text; else the text only."""
    flat = _flat(written)
    folded = _folded(flat)
    name = "Lệ phí" if folded.startswith("le phi") else "Phí" if folded.startswith("phi ") else "Phí, lệ phí"
    if _FREE.fullmatch(folded):
        return Fee(_fee(ten=name, so_tien=0, mo_ta=flat), True)
    lowered = flat.lower()
    bare = _BARE_AMOUNT.fullmatch(lowered.rstrip(" ."))
    if bare:  # «8.000», «8.000 đồng»: the amount is the whole text
        return Fee(_fee(ten=name, so_tien=int(bare.group(1).replace(".", ""))), True)
    amounts = {int(m.group(1).replace(".", "")) for m in _MONEY.finditer(lowered)}
    if len(amounts) == 1:
        return Fee(_fee(ten=name, so_tien=amounts.pop(), mo_ta=flat), True)
    return Fee(_fee(ten=name, so_tien=None, mo_ta=flat), False)


def show_fee(fees: list[PhiLePhi]) -> str:
    if not fees:
        return "(trống)"
    shown = []
    for fee in fees:
        amount = (
            f"{text.format_number(fee.so_tien)} đồng"
            if isinstance(fee.so_tien, int)
            else fee.amount or "(không rõ số tiền)"
        )
        shown.append(amount + (f" («{fee.mo_ta}»)" if fee.mo_ta else ""))
    return "; ".join(shown)
