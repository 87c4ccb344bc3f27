"""The deadline and fee columns of a province's list, read into the procedure's ``thoi_han`` and ``phi_le_phi``.

Number and unit are stored when the text is clear («05 ngày làm việc», «03 ngày», «24 giờ»); else
the number and unit the text begins with are stored and the whole text is kept as the note, as the
list already does («1 ngày làm việc. Ngay trong ngày tiếp nhận…»). Fees: the amount in đồng when the
text gives one amount («8.000 đồng/văn bản»), 0 when it says there is none («Không», «Miễn phí»),
always with the text. Nothing is guessed: a text without a number keeps no number.

A bare number is a deadline only under a header that gives its unit («Thời gian giải quyết tối đa
(ngày)», «Thời hạn (ngày làm việc)»). The sentences of a fee cell that grant an exemption («Miễn lệ
phí đối với …», «miễn, giảm …», «Không thu phí đối với …») are the procedure's ``mien_giam``, not its
fee: they are taken out of the fee text, which is read without them.
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
_BARE_NUMBER = re.compile(r"0*(\d+)(?:[.,](\d+))?")
_HEADER_UNIT = re.compile(
    r"\(\s*(?:so\s+|tinh bang\s+|don vi:?\s*)?(ngay lam viec|ngay|gio lam viec|gio)\s*\)"
)
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


def header_unit(header: str) -> str | None:
    """The unit a deadline column's header gives its numbers: «… (ngày làm việc)» → ngay_lam_viec."""
    found = _HEADER_UNIT.search(text.fold(_flat(header)).lower())
    return _UNITS[found.group(1)] if found else None


def bare_number(written: str) -> int | float | None:
    """«05» → 5, «0,5» → 0.5; None when the text is not a number alone (or is zero)."""
    found = _BARE_NUMBER.fullmatch(_flat(written).rstrip("."))
    if not found:
        return None
    number = float(f"{found.group(1)}.{found.group(2) or 0}")
    if number <= 0:
        return None
    return int(number) if number.is_integer() else number


def read_deadline(written: str, unit: str | None = None) -> Deadline:
    """«05 ngày làm việc» → 5 ngày làm việc; «Trong ngày» → 1 ngày làm việc + the text as the note;
    «5» → 5 in ``unit``, the unit the column's header gives (nothing without one)."""
    flat = _flat(written)
    folded = _folded(flat)
    number = bare_number(flat)
    if number is not None and unit is not None:
        return Deadline(_deadline(so=number, don_vi=unit), True, flat)
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


_EXEMPT_WORD = re.compile(r"(?<!\w)(?:miễn|giảm)(?!\w)")
_EXEMPT_START = re.compile(
    r"(?:(?:các|những)\s+)?(?:trường hợp\s+)?(?:được\s+)?(?:miễn|giảm|không thu)(?!\w)"
)
_NOT_CHARGED = re.compile(r"(?<!\w)không thu(?!\w)[^.;]*?(?<!\w)(?:đối với|cho|trường hợp)(?!\w)")
_FEE_LABEL = re.compile(r"(?:phi,? le phi|le phi|phi)\s*:\s*")
_CLAUSE_END = re.compile(r";|\n|\.(?=\s|$)")


def _is_exemption(clause: str) -> bool:
    """A clause granting an exemption or a reduction, not a fee that is nil for everyone («Miễn phí»)."""
    lowered = unicodedata.normalize("NFC", clause).lower()
    if _FREE.fullmatch(_FEE_LABEL.sub("", _folded(clause), count=1)):
        return False
    return bool(_EXEMPT_WORD.search(lowered) or _NOT_CHARGED.search(lowered))


def split_exemption(written: str) -> tuple[str, str | None]:
    """The fee text without its exemption sentences, and those sentences (None when there are none).

    «5.000 đồng/trường hợp. Miễn lệ phí đối với người thuộc hộ nghèo» → («5.000 đồng/trường hợp»,
    «Miễn lệ phí đối với người thuộc hộ nghèo»). Clauses end at «;», a line end or a full stop. A
    clause beginning with «miễn», «giảm», «không thu … đối với» is an exemption; so is the part of a
    clause after a comma or in brackets that begins so («8.000 đồng/bản (miễn cho …)»), and a clause
    without an amount that grants one («trẻ em được miễn»). A clause mixing an amount and an
    exemption any other way stays in the fee text as written.
    """
    flat = " ".join(unicodedata.normalize("NFC", written).split())
    lowered = flat.lower()
    spans: list[tuple[int, int]] = []  # what is taken out of the fee text
    start = 0
    while start < len(flat):
        end_match = _CLAUSE_END.search(flat, start)
        end = end_match.end() if end_match else len(flat)
        clause = flat[start:end]
        begin = start + len(clause) - len(clause.lstrip())
        if _EXEMPT_START.match(lowered, begin) and _is_exemption(clause.strip(" .;")):
            spans.append((start, end))
        elif inner := _inner_exemption(flat, lowered, start, end):
            spans.append(inner)
        elif _is_exemption(clause.strip(" .;")) and not _MONEY.search(clause.lower()):
            spans.append((start, end))
        start = end
    if not spans:
        return written, None
    taken = []
    for begin, end in spans:
        part = flat[begin:end].strip(" ,;")
        if part.startswith("("):
            part = part[1:].rstrip(" )") if part.endswith(")") else part[1:]
        part = part.strip(" ,;")
        taken.append(part[:1].upper() + part[1:])
    exemption = " ".join(
        part if index == len(taken) - 1 or part.endswith(".") else part + "."
        for index, part in enumerate(taken)
    )
    rest = flat
    for begin, end in reversed(spans):
        rest = rest[:begin] + " " + rest[end:]
    return " ".join(rest.replace("()", " ").split()).strip(" ,;:."), exemption


def _inner_exemption(flat: str, lowered: str, start: int, end: int) -> tuple[int, int] | None:
    """The exemption after a comma or in brackets within one clause, as a span of ``flat``."""
    for opening in re.finditer(r"[(,]\s*", flat[start:end]):
        at = start + opening.end()
        if not _EXEMPT_START.match(lowered, at):
            continue
        close = flat.find(")", at, end) if opening.group().startswith("(") else -1
        stop = close + 1 if close >= 0 else end
        if _is_exemption(flat[at:stop].strip(" .;)")):
            return start + opening.start(), stop
    return None


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
