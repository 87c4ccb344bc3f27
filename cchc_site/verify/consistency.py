"""Does the archived copy agree with itself? Its verification record against its own seals, and the
data files and pages the record lists against the record.

An archive whose CSV says 999 where its record says 482 was edited after the build (or is not one
build): each place is named (file, report, value, what it says, what the record says).
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import html
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .. import addresses
from ..addresses import RECORD
from ..lock import seal as lock
from .download import Archive, Missing, safe_address

_TABLE = re.compile(r'class="[^"]*\bcchc-so-lieu\b[^"]*".*?</table>', re.S)
_CELL = re.compile(r'<td class="gia-tri\b[^"]*">(.*?)</td>', re.S)
_HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.S | re.I)
_BLOCK_END = re.compile(r"</(?:p|li|td|th|h[1-6]|div|dd|dt|blockquote|figcaption)\s*>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]*>")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SHOWN = 120  # characters of a text shown in a message


@dataclass(frozen=True)
class Mismatch:
    """One place where the archive disagrees with its own verification record."""

    file: str  # the archive's file, from the site's root: "du-lieu/bao-cao/2022-q3.csv"
    slug: str | None  # the report it concerns; None: the archive as a whole
    what: str  # the value («Hồ sơ TTHC: Tổng số hồ sơ (ho_so.tiep_nhan)») or the part of the file
    found: str
    expected: str


def check_archive(archive: Archive, record: dict[str, Any]) -> tuple[list[Mismatch], bool]:
    """Every disagreement inside the archive; and whether its record lists files and pages to check
    (a site built before it did can only be checked against itself)."""
    found = check_record(record)
    lists = "tep" in record or any("trang" in entry for entry in record["bao_cao"].values())
    found += check_files(archive, record)
    for slug, entry in sorted(record["bao_cao"].items()):
        found += check_page(archive, slug, entry)
    return found, lists


# -- the record against itself ------------------------------------------------------------------


def readable_matches(fingerprint: Any, readable: Any) -> bool:
    """A value's readable text says what its fingerprint says: a number is written as itself, a
    text's SHA-256 is the fingerprint."""
    if not isinstance(readable, str):
        return False
    if isinstance(fingerprint, int) and not isinstance(fingerprint, bool):
        return readable == str(fingerprint)
    return isinstance(fingerprint, str) and lock.fingerprint(readable) == fingerprint


def check_record(record: dict[str, Any]) -> list[Mismatch]:
    """Readable texts against fingerprints, fingerprints against the report's seals."""
    found: list[Mismatch] = []
    for slug, entry in sorted(record["bao_cao"].items()):
        values = {key: value["van_tay"] for key, value in sorted(entry["gia_tri"].items())}
        for key, value in sorted(entry["gia_tri"].items()):
            if not readable_matches(value["van_tay"], value.get("noi_dung")):
                found.append(
                    Mismatch(
                        RECORD,
                        slug,
                        value_name(entry, key) + ": nội dung đọc được",
                        f"«{_short(str(value.get('noi_dung')))}»",
                        _expected_readable(value["van_tay"]),
                    )
                )
        version = entry.get("phien_ban_khoa")
        version = version if isinstance(version, int) else 1
        now = _seal(values, version)
        if now != entry.get("van_tay_hien_tai"):
            found.append(
                Mismatch(
                    RECORD,
                    slug,
                    "Dấu vân tay hiện tại của báo cáo",
                    f"tính lại từ các giá trị trong tệp: {now[:16]}…",
                    f"tệp ghi {str(entry.get('van_tay_hien_tai'))[:16]}…",
                )
            )
        published = _seal(_before_corrections(values, entry["cap_nhat"]), version)
        if published != entry.get("van_tay_khi_dang_tai"):
            found.append(
                Mismatch(
                    RECORD,
                    slug,
                    "Dấu vân tay khi đăng tải (các giá trị trước mọi lần cập nhật)",
                    f"tính lại từ các giá trị và các lần cập nhật trong tệp: {published[:16]}…",
                    f"tệp ghi {str(entry.get('van_tay_khi_dang_tai'))[:16]}…",
                )
            )
    return found


def _seal(values: dict[str, Any], version: int) -> str:
    sealed = dict(values)
    if version < 2:
        sealed.pop(lock.DATE_KEY, None)
    return lock.seal(sealed)


def _before_corrections(values: dict[str, Any], corrections: list[dict[str, Any]]) -> dict[str, Any]:
    """The values as published: the recorded corrections undone, last first."""
    before = dict(values)
    for fix in reversed(corrections):
        key = fix["truong"]
        if before.get(key) != lock.fingerprint(fix.get("gia_tri_moi")):
            continue  # the seals will not match: said there
        old = lock.fingerprint(fix.get("gia_tri_cu"))
        if old is None:
            before.pop(key, None)
        else:
            before[key] = old
    return dict(sorted(before.items()))


def _expected_readable(fingerprint: Any) -> str:
    if isinstance(fingerprint, int) and not isinstance(fingerprint, bool):
        return f"«{fingerprint}», như dấu vân tay của giá trị"
    return f"một nội dung có dấu vân tay {str(fingerprint)[:23]}… như tệp ghi"


# -- data files ---------------------------------------------------------------------------------


def check_files(archive: Archive, record: dict[str, Any]) -> list[Mismatch]:
    """Each data file the record lists, by its SHA-256; where it differs, the values that differ."""
    listed = record.get("tep", {})
    if not isinstance(listed, dict) or not all(
        isinstance(a, str) and isinstance(h, str) for a, h in listed.items()
    ):
        return [
            Mismatch(RECORD, None, "Danh sách tệp («tep»)", "không đúng cấu trúc", "địa chỉ tệp → sha256:…")
        ]
    found: list[Mismatch] = []
    for address, expected in sorted(listed.items()):
        if not safe_address(address):
            found.append(Mismatch(RECORD, None, "Danh sách tệp («tep»)", f"«{address}»", "một tệp của trang"))
            continue
        try:
            data = archive.read(address)
        except Missing:
            found.append(
                Mismatch(address, None, "Tệp dữ liệu", "không có trong bản lưu", f"có ({expected[:23]}…)")
            )
            continue
        actual = "sha256:" + hashlib.sha256(data).hexdigest()
        if actual != expected:
            found.append(
                Mismatch(
                    address,
                    _owner(address, record),
                    "Dấu vân tay của tệp (SHA-256)",
                    actual[:23] + "…",
                    expected[:23] + "…",
                )
            )
            found += file_details(address, data, record)
    return found


def _owner(address: str, record: dict[str, Any]) -> str | None:
    """The report whose own data file this is (``du-lieu/bao-cao/2022-q3.csv``), if any."""
    stem = address.rsplit(".", 1)[0]
    return next((slug for slug in record["bao_cao"] if stem == addresses.report_data(slug, "x")[:-2]), None)


def file_details(address: str, data: bytes, record: dict[str, Any]) -> list[Mismatch]:
    """Which values a changed data file now says differently from the record."""
    reports = record["bao_cao"]
    try:
        if address in (addresses.FIGURES_CSV, *(addresses.report_data(s, "csv") for s in reports)):
            rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
            return _by_report(address, [(r.get("ky"), r.get("gia_tri")) for r in rows], record)
        if address in (addresses.FIGURES_JSON, *(addresses.report_data(s, "json") for s in reports)):
            document = json.loads(data.decode("utf-8-sig"))
            figures = document.get("so_lieu", []) if isinstance(document, dict) else []
            pairs = [(r.get("ky"), r.get("gia_tri")) for r in figures if isinstance(r, dict)]
            found = _by_report(address, pairs, record)
            for slug in reports:
                if address == addresses.report_data(slug, "json"):
                    found += texts_missing(address, slug, reports[slug], list(_strings(document)))
            return found
    except (UnicodeDecodeError, ValueError, csv.Error, RecursionError):
        return [
            Mismatch(
                address, None, "Nội dung tệp", "không đọc được (không đúng định dạng)", "như khi xây dựng"
            )
        ]
    return []


def _by_report(address: str, pairs: list[tuple[Any, Any]], record: dict[str, Any]) -> list[Mismatch]:
    found: list[Mismatch] = []
    for slug, entry in sorted(record["bao_cao"].items()):
        own = address in (addresses.report_data(slug, "csv"), addresses.report_data(slug, "json"))
        cells = [str(value) for ky, value in pairs if own or ky == slug]
        found += figures_differ(address, slug, entry, cells)
    return found


def _strings(value: Any) -> Any:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# -- what a page or a file shows ----------------------------------------------------------------


def figures_differ(address: str, slug: str, entry: dict[str, Any], cells: list[str]) -> list[Mismatch]:
    """The figures a table shows, row by row, against the record's values (``trang.bang_so_lieu``)."""
    keys = _table_keys(entry)
    if keys is None:
        return []
    found: list[Mismatch] = []
    for index, key in enumerate(keys):
        value = entry["gia_tri"].get(key)
        if value is None:
            continue
        if index >= len(cells):
            found.append(
                Mismatch(address, slug, value_name(entry, key), "không có dòng này", str(value["noi_dung"]))
            )
        elif _number(cells[index]) != str(value["van_tay"]):
            found.append(
                Mismatch(address, slug, value_name(entry, key), cells[index], str(value["noi_dung"]))
            )
    if len(cells) > len(keys):
        found.append(Mismatch(address, slug, "Bảng số liệu", f"{len(cells)} dòng", f"{len(keys)} dòng"))
    return found


def texts_missing(address: str, slug: str, entry: dict[str, Any], blocks: list[str]) -> list[Mismatch]:
    """Every text of the report (a paragraph, a title: words with spaces, not a date or a code)
    must be there word for word; the closest block is shown when it is not."""
    shown = [_normal(block) for block in blocks if block.strip()]
    corpus = "\n".join(shown)
    found: list[Mismatch] = []
    for key, value in sorted(entry["gia_tri"].items()):
        readable = value.get("noi_dung")
        if isinstance(value["van_tay"], int) or not isinstance(readable, str):
            continue
        readable = _normal(readable)
        if " " not in readable or _DATE.fullmatch(readable) or readable in corpus:
            continue
        close = difflib.get_close_matches(readable, shown, n=1, cutoff=0.5)
        found.append(
            Mismatch(
                address,
                slug,
                value_name(entry, key),
                f"«{close[0]}»" if close else "không có văn bản này",
                f"«{readable}»",
            )
        )
    return found


def check_page(archive: Archive, slug: str, entry: dict[str, Any]) -> list[Mismatch]:
    """A report's page: its table of figures and every text of the report."""
    page = entry.get("trang")
    if page is None:
        return []
    address = page.get("dia_chi") if isinstance(page, dict) else None
    if not isinstance(address, str) or not safe_address(address) or _table_keys(entry) is None:
        return [
            Mismatch(
                RECORD, slug, "Trang của báo cáo («trang»)", "không đúng cấu trúc", "địa chỉ và bảng số liệu"
            )
        ]
    try:
        data = archive.read(address)
    except Missing:
        return [Mismatch(address, slug, "Trang báo cáo", "không có trong bản lưu", "có")]
    markup = _HIDDEN.sub(" ", data.decode("utf-8", errors="replace"))
    cells = [_text(cell) for table in _TABLE.findall(markup) for cell in _CELL.findall(table)]
    blocks = [_text(block) for block in _BLOCK_END.split(markup)]
    return figures_differ(address, slug, entry, cells) + texts_missing(address, slug, entry, blocks)


def _table_keys(entry: dict[str, Any]) -> list[str] | None:
    page = entry.get("trang")
    keys = page.get("bang_so_lieu") if isinstance(page, dict) else None
    if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
        return keys
    return None


def value_name(entry: dict[str, Any], key: str) -> str:
    value = entry["gia_tri"].get(key) or {}
    name = value.get("ten") if isinstance(value, dict) else None
    return f"{name} ({key})" if name else key


def _text(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def _normal(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())


def _number(cell: str) -> str:
    """The number a cell shows: «khoảng 1.234» → «1234»."""
    return re.sub(r"[^\d-]", "", cell)


def _short(value: str) -> str:
    return value if len(value) <= SHOWN else value[: SHOWN - 1] + "…"
