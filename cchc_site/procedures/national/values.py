"""A channel's time and fee as the national records write them: «5 Ngày làm việc», «1.5 Giờ»,
«Miễn phí», «10,000 Việt Nam Đồng», «Lệ phí : 03 USD (…)», «Phí: 0 VNĐ». What is not one of these
forms stays text (a time in words) or is kept in the portal's wording (a fee that does not read)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ... import text as vntext
from ...core.models import PhiLePhi, ThoiHan
from ...core.record import NguyenVan
from . import cleaning

_UNITS = {"ngày làm việc": "ngay_lam_viec", "ngày": "ngay", "giờ": "gio", "tháng": "thang"}
NUMBER = r"\d+(?:[.,]\d+)*"
TIME = re.compile(rf"({NUMBER})\s*(ngày làm việc|ngày|giờ|tháng)", re.IGNORECASE)
BARE_NUMBER = re.compile(NUMBER)
CURRENCIES = {"việt nam đồng": "dong", "vnđ": "dong", "vnd": "dong", "đồng": "dong", "usd": "usd"}
CURRENCY = r"Việt Nam Đồng|VNĐ|VND|Đồng|đồng|USD"
MAX_AMOUNT = 999_999_999_999  # the model's bound: more is a typing slip, kept as written

# The amount is set by the provincial People's Council: the fee's own text says so
_PROVINCE_SET = re.compile(
    r"hoi dong nhan dan (?:cap )?tinh|hdnd (?:cap )?tinh|nghi quyet cua (?:hdnd|hoi dong nhan dan)"
    r"|theo quy dinh cua tinh"
)


def amount(written: str) -> int | float | None:
    """«10,000» and «50.000» → 10000, 50000 (groups of three); «1.5», «0,5» → 1.5, 0.5; else ``None``."""
    if re.fullmatch(r"\d+", written):
        return int(written)
    if re.fullmatch(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*", written):
        return int(re.sub(r"[.,]", "", written))
    if re.fullmatch(r"\d+[.,]\d{1,2}", written):
        return float(written.replace(",", "."))
    return None


def time(written: str | None) -> ThoiHan | NguyenVan | None:
    """«5 Ngày làm việc» → 5 working days; «Không quy định» or a sentence → the words as the note;
    a number with no unit → kept as the portal wrote it, flagged."""
    cleaned = cleaning.text(written)
    if cleaned is None:
        return None
    match = TIME.fullmatch(cleaned)
    if match:
        number = amount(match.group(1))
        if number:  # zero («0 Giờ» for "at once") is no amount of time: the words stay
            return ThoiHan.model_validate({"so": number, "don_vi": _UNITS[match.group(2).lower()]})
        return ThoiHan.model_validate({"ghi_chu": cleaned})
    if BARE_NUMBER.fullmatch(cleaned):
        return NguyenVan.model_validate({"nguyen_van": cleaned, "loi": "thieu_don_vi"})
    return ThoiHan.model_validate({"ghi_chu": cleaned})


def set_by_province(*texts: str | None) -> bool:
    folded = " ".join(vntext.fold(t).lower() for t in texts if t)
    return bool(_PROVINCE_SET.search(folded))


def bracketed(written: str, start: int) -> int | None:
    """The index just after the bracket opened at ``start`` closes; ``None`` when it never does."""
    depth = 0
    for index in range(start, len(written)):
        if written[index] == "(":
            depth += 1
        elif written[index] == ")":
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def fee(
    *,
    name: str | None,
    number: int | float | None,
    currency: str,
    note: str | None,
    written: str | None = None,
) -> PhiLePhi:
    """One fee; an amount with a fraction («2.5 USD») is kept in the portal's words, not as a number
    (amounts are whole numbers: a clerk's «8.000» must never read as eight)."""
    if isinstance(number, float):
        if number.is_integer():
            number = int(number)
        else:
            note = f"{written or number} {currency}" + (f" ({note})" if note else "")
            number = None
    return PhiLePhi.model_validate(
        {
            "ten": name,
            "so_tien": number,
            "tien_te": CURRENCIES[currency.lower()],
            "mo_ta": note,
            "tinh_quy_dinh": set_by_province(note),
        }
    )


_LABELLED = re.compile(
    rf"(?P<ten>Lệ phí|Phí)\s*:\s*(?P<so>{NUMBER}|[Kk]hông)?\s*(?P<tien>{CURRENCY})?\s*", re.IGNORECASE
)


_PLAIN = re.compile(
    rf"(?P<free>Miễn phí)|(?P<none>Không có thông tin)"
    rf"|(?P<so>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?) ?(?P<tien>{CURRENCY})"
)


@dataclass(frozen=True)
class PlainFee:
    value: PhiLePhi | None  # None: «Không có thông tin», no fee row
    end: int


def plain_fee(written: str, start: int = 0) -> PlainFee | None:
    """The portal page's fee cell at ``start``: «Miễn phí», «Không có thông tin» or an amount with
    its currency, then an optional bracketed note; ``None`` when no fee cell starts there or its
    bracket never closes."""
    match = _PLAIN.match(written, start)
    if match is None:
        return None
    end, note = match.end(), None
    if written.startswith("(", end):
        close = bracketed(written, end)
        if close is None:
            return None
        note, end = cleaning.text(written[end + 1 : close - 1]), close
    if match.group("none"):
        value = None if note is None else fee(name=None, number=None, currency="Đồng", note=note)
        return PlainFee(value, end)
    if match.group("free"):
        words = "Miễn phí" + (f" ({note})" if note else "")
        return PlainFee(fee(name=None, number=0, currency="Đồng", note=words), end)
    # the page writes amounts as «10,000» and «4,500,000» (commas between thousands), «1.5»
    written = match.group("so")
    if not re.fullmatch(r"\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?", written):
        return None  # «1.500 USD»: a thousand and a half, or one and a half? not certain
    number = float(written.replace(",", "")) if "." in written else int(written.replace(",", ""))
    if number > MAX_AMOUNT:
        return None
    return PlainFee(
        fee(name=None, number=number, currency=match.group("tien"), note=note, written=written), end
    )


def _labelled_fee(entry: str) -> PhiLePhi | NguyenVan | None:
    match = _LABELLED.match(entry)
    if match is None:
        plain = plain_fee(entry)
        if plain is not None and plain.end == len(entry):
            return plain.value
        return NguyenVan.model_validate({"nguyen_van": entry, "loi": "khong_tach_duoc"})
    rest = entry[match.end() :]
    note: str | None = None
    if rest.startswith("("):
        end = bracketed(rest, 0)
        if end is None:
            return NguyenVan.model_validate({"nguyen_van": entry, "loi": "khong_tach_duoc"})
        note, rest = rest[1 : end - 1].strip(), rest[end:].strip()
    written = match.group("so")
    number = None if written is None else 0 if written.lower() == "không" else amount(written)
    if written is not None and (number is None or number > MAX_AMOUNT):
        return NguyenVan.model_validate({"nguyen_van": entry, "loi": "khong_tach_duoc"})
    if written is None and match.group("tien") is None and not note and not rest:
        return None  # «Phí :» alone: nothing said
    # lines after the fee («File đính kèm: …») belong to it: kept with its note
    note = " ".join(part for part in (note, rest) if part) or None
    return fee(
        name=match.group("ten").capitalize(),
        number=number,
        currency=match.group("tien") or "Đồng",
        note=note,
        written=written,
    )


def labelled_fees(written: str | None) -> list[PhiLePhi | NguyenVan]:
    """«Phí : 0 Đồng», «Lệ phí : 03 USD (…)» – one or more, one per line, as the Word download and the
    database write them."""
    entries: list[str] = []
    for line in cleaning.lines(written):
        if _LABELLED.match(line) or not entries:
            entries.append(line)
        else:
            entries[-1] += " " + line
    fees = [_labelled_fee(entry) for entry in entries]
    return [item for item in fees if item is not None]
