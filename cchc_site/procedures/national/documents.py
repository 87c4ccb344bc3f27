"""The portal page's documents table, flattened to one string, rebuilt: groups headed
«Tên giấy tờMẫu đơn, tờ khaiSố lượng» (the text before a header is the group's title), rows ending in
a count «N bản chính» or «N bản chính,M bản sao», a form's file name glued between name and count.

A row is published only when its three cells are certain; otherwise it is kept in the portal's
wording with the defect named."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...core.record import GiayTo, Mau, NguyenVan, NhomGiayTo
from . import cleaning
from .shapes import Repairs

PART = "thanh_phan_ho_so"
HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
COUNT = re.compile(r"(?<!\d)(\d+) bản chính(?:,(\d+) bản sao)?")
_EXTENSIONS = r"docx?|xlsx?|pdf|rar|zip|odt|ods|rtf"
_FILE_END = re.compile(rf"\.(?:{_EXTENSIONS})$", re.IGNORECASE)
_FILE_SPLIT = re.compile(
    r"(?<=\.(?:doc|pdf|xls|rar|zip|odt|ods|rtf))(?!x)|(?<=\.(?:docx|xlsx))", re.IGNORECASE
)
# What may end a name just before a file name glued after a full stop: a word, or a legal number
_NAME_END = re.compile(r"[^\W\d_]+|\d+(?:/\d{4})?/[A-ZĐ0-9-]+|[^\W\d_]+\)", re.UNICODE)
_LOWER_WORD = re.compile(r"\s+[a-zà-ỹđ]")


@dataclass(frozen=True)
class _Count:
    start: int
    end: int
    digits: str
    copies: str | None


def _in_name(body: str, match: re.Match[str]) -> bool:
    """A count written inside a document's name («(01 bản chính)», «01 bản chính văn bản …»), not the
    table's count cell. Certain: the table prints its count as a plain integer (never «01»), the cell
    follows the name directly (never after «(») and is followed by the next row, which never begins
    with «)», with «, » or «; », or with a lower-case word after a space."""
    digits, after = match.group(1), body[match.end() : match.end() + 3]
    return (
        (len(digits) > 1 and digits.startswith("0"))
        or body[match.start() - 1 : match.start()] == "("
        or after.startswith(")")
        or re.match(r"[,;:]\s", after) is not None
        or _LOWER_WORD.match(after) is not None
    )


def _split_form(row: str) -> tuple[str, list[str]] | None:
    """(name, form file names) of a row; ``None`` when where the files start is not certain.

    The files are the row's last run without spaces, cut after its last «)», «;», «:» or «”», or
    after a full stop that ends a word or a legal number («…kèm theo.PC22.docx»): a name never ends
    inside such a run, and a file name with spaces («Mẫu số 03.docx») has no clear start. Files
    glued to each other part after each extension («01B-HSB.docx14-HSB.docx»)."""
    ending = _FILE_END.search(row)
    if ending is None:
        return row, []
    token = row.split()[-1]
    cut = max(token.rfind(mark) for mark in ");:”")
    if cut >= 0:
        file = token[cut + 1 :].lstrip(".")
    else:
        dot = token.find(".")
        if dot == len(token) - len(ending.group()) or not _NAME_END.fullmatch(token[:dot]):
            return None
        file = token[dot + 1 :]
    files = [part for part in _FILE_SPLIT.split(file) if part]
    if not all(
        part[0].isalnum() and _FILE_END.search(part) and not _FILE_END.fullmatch(part) for part in files
    ):
        return None
    name = row[: len(row) - len(file)].rstrip()
    return (name, files) if name and files else None


def _title(written: str) -> str | None:
    """«* Giấy tờ phải nộp:» → «Giấy tờ phải nộp»; «--» and nothing → ``None``."""
    title = cleaning.flat(written)
    title = re.sub(r"^(?:\*+|-(?!-))\s*", "", title).rstrip(":").strip()
    return None if title in ("", "--", "-") else title


def _row(text: str, count: _Count, repairs: Repairs) -> GiayTo | NguyenVan | str:
    """One row: a document, a note («0 bản chính» with no copy and no form) as text, or flagged."""
    written = text + count.digits + " bản chính" + (f",{count.copies} bản sao" if count.copies else "")
    digits = count.digits
    if len(digits) > 1:
        # «ngày 25/6/20241 bản chính», «năm 20240 bản chính»: a year has four digits, so the fifth
        # (and sixth) digit is the count
        if re.search(r"\d{1,2}/\d{1,2}/$|năm\s?$", text, re.IGNORECASE) and len(digits) in (5, 6):
            if digits[4] == "0" and len(digits) == 6:
                return NguyenVan.model_validate(
                    {"nguyen_van": cleaning.flat(written), "loi": "so_dinh_vao_so_luong"}
                )
            text, digits = text + digits[:4], digits[4:]
            repairs.add(PART, "so_dinh_vao_so_luong")
        else:
            return NguyenVan.model_validate(
                {"nguyen_van": cleaning.flat(written), "loi": "so_dinh_vao_so_luong"}
            )
    cleaned = re.sub(r"^-(?!-)\s*", "", cleaning.flat(text))
    if not cleaned:
        return NguyenVan.model_validate({"nguyen_van": cleaning.flat(written), "loi": "thieu_ten_giay_to"})
    split = _split_form(cleaned)
    if split is None:
        return NguyenVan.model_validate({"nguyen_van": cleaning.flat(written), "loi": "ten_mau_khong_ro"})
    name, files = split
    originals, copies = int(digits), None if count.copies is None else int(count.copies)
    if originals == 0 and copies is None and not files:
        return name
    if originals > 99 or (copies is not None and copies > 99):
        return NguyenVan.model_validate({"nguyen_van": cleaning.flat(written), "loi": "so_dinh_vao_so_luong"})
    return GiayTo.model_validate(
        {
            "ten": name,
            "ban_chinh": originals,
            "ban_sao": copies,
            "mau": [Mau.model_validate({"ten": file}) for file in files],
        }
    )


def _group(title: str | None, body: str, repairs: Repairs) -> tuple[NhomGiayTo, str]:
    """A group's rows, and the text after its last count (the next group's title)."""
    items: list[GiayTo | NguyenVan] = []
    notes: list[str] = []
    start = 0
    for match in COUNT.finditer(body):
        if _in_name(body, match):
            repairs.add(PART, "so_luong_trong_ten")
            continue
        count = _Count(match.start(), match.end(), match.group(1), match.group(2))
        row = _row(body[start : match.start()], count, repairs)
        if isinstance(row, str):
            notes.append(row)
        else:
            items.append(row)
        start = match.end()
    group = NhomGiayTo.model_validate({"truong_hop": title, "giay_to": items, "ghi_chu": notes})
    return group, body[start:]


def parse(written: str | None, repairs: Repairs) -> list[NhomGiayTo | NguyenVan]:
    if cleaning.is_none(written):
        return []
    whole = cleaning.flat(written or "")
    if HEADER not in whole:
        # the portal's documents section always opens with this header: without it the field holds
        # another section's text (cut at the wrong heading)
        return [NguyenVan.model_validate({"nguyen_van": whole, "loi": "phan_cat_sai"})]
    pieces = whole.split(HEADER)
    groups: list[NhomGiayTo | NguyenVan] = []
    rest = pieces[0]
    for body in pieces[1:]:
        group, rest = _group(_title(rest), body, repairs)
        groups.append(group)
    if trailing := cleaning.flat(rest):  # text after the last count: a row printed with no count
        groups.append(NguyenVan.model_validate({"nguyen_van": trailing, "loi": "khong_tach_duoc"}))
    return groups
