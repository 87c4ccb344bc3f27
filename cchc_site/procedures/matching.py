"""Which procedure of the list a spreadsheet row is: by code, by name written another way, by an old name.

Provinces and one-stop offices write the same procedure in many ways: «Thủ tục đăng ký khai sinh»,
«ĐĂNG KÝ KHAI SINH», decomposed letters (NFD), the old tone placement («hoá», «thuỷ»), «kí» for
«ký», other punctuation, or a name from before the 2014 Civil Status Law («Đăng ký lại việc
sinh»). A row is matched to at most one procedure; how it was matched is shown to the clerk with a
confidence. A name that is only *similar* is never matched: it is offered as a suggestion.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from .. import text
from ..core.models import ThuTuc

RENAMINGS_FILE = Path(__file__).resolve().parents[1] / "mau" / "doi-ten-thu-tuc.yaml"
# tone marks → spacing modifier letters, written after the word: unlike digits, no name contains them
_TONE_MARKS = {
    "\u0300": "\u02cb",
    "\u0301": "\u02ca",
    "\u0303": "\u02dc",
    "\u0309": "\u02c0",
    "\u0323": "\u02cc",
}
_WORD = re.compile(r"[^\W_]+")  # letters and digits, whatever the script
_FINAL_Y = re.compile(
    "(?<=[bcdđghklmnpqrstvx])y(?=[\u02cb\u02ca\u02dc\u02c0\u02cc]?$)"
)  # «ký» and «kí», «lý» and «lí»
SUGGEST_RATIO = 0.8  # a name this similar is suggested, never matched

# How a row was matched, and how sure that is, as the clerk reads it
MATCH_KINDS = {
    "ma": ("cùng mã", "chắc chắn"),
    "ten": ("cùng tên", "chắc chắn"),
    "ten_viet_khac": ("cùng tên, viết khác", "cao"),  # case, punctuation, «Thủ tục», tone placement
    "ten_cu": ("tên cũ trong bảng đổi tên", "cao"),
    "khong_dau": ("tên viết không dấu", "trung bình"),
}


def _syllable(word: str) -> str:
    """One word with its tone mark moved to its end: «hoá» and «hóa» give the same key."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [_TONE_MARKS[c] for c in decomposed if c in _TONE_MARKS]
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _FINAL_Y.sub("i", base + "".join(tones[:1]))


@lru_cache(maxsize=65_536)  # each listed name is compared with every row of a province's file
def name_key(name: str) -> str:
    """The name as compared: case, NFC/NFD, tone placement, i/y, punctuation and «Thủ tục» ignored."""
    words = _keys(name)
    if len(words) > 2 and words[:2] == _keys("Thủ tục"):
        words = words[2:]
    return " ".join(words)


def _keys(phrase: str) -> list[str]:
    return [_syllable(w) for w in _WORD.findall(unicodedata.normalize("NFC", phrase).lower())]


def bare_key(name: str) -> str:
    """The name without any diacritic (for rows typed without them)."""
    return text.fold(name_key(name)).translate(_NO_TONES)


_NO_TONES = str.maketrans("", "", "".join(_TONE_MARKS.values()))


def has_diacritics(name: str) -> bool:
    return text.fold(name) != name


def _without_prefix(phrase: str, prefix: str) -> str:
    """``phrase`` without its first words when they are ``prefix`` written any way (kept otherwise)."""
    flat = " ".join(unicodedata.normalize("NFC", phrase).split())
    words, size = flat.split(" "), len(_keys(prefix))
    if len(words) > size and _keys(" ".join(words[:size])) == _keys(prefix):
        rest = " ".join(words[size:]).lstrip(" :-–.")
        return rest[:1].upper() + rest[1:] if rest else flat
    return flat


def field_key(linh_vuc: str) -> str:
    """A lĩnh vực as compared: «Lĩnh vực Hộ tịch», «HỘ TỊCH», «hộ tịch» are one."""
    return name_key(_without_prefix(linh_vuc, "Lĩnh vực"))


def clean_field(linh_vuc: str) -> str:
    """A lĩnh vực as the list writes it: without a leading «Lĩnh vực», not in capitals."""
    flat = _without_prefix(linh_vuc, "Lĩnh vực")
    return flat[:1] + flat[1:].lower() if flat.isupper() else flat


FIELD_PREFIXES = ("Thủ tục hành chính", "TTHC", "Thuộc", "Lĩnh vực")  # «TTHC thuộc lĩnh vực Hộ tịch»
UMBRELLAS = ("Hành chính tư pháp", "Tư pháp")  # a heading naming the commune's office, then the lĩnh vực


def field_words(written: str) -> str:
    """A lĩnh vực cell or heading without the words around the name: «TTHC lĩnh vực Hộ tịch (20 thủ
    tục)» → «Hộ tịch»; capitals as the list writes them."""
    flat = re.sub(r"\s*\([^)]*\)\s*$", "", " ".join(unicodedata.normalize("NFC", written).split()))
    for prefix in FIELD_PREFIXES:
        flat = _without_prefix(flat, prefix)
    return clean_field(flat) if flat else written


def without_umbrella(name: str) -> str:
    """«Tư pháp – Hộ tịch», «Hành chính tư pháp hộ tịch» → «Hộ tịch»; ``name`` itself otherwise."""
    for umbrella in UMBRELLAS:
        rest = _without_prefix(name, umbrella)
        if rest != name:
            rest = _without_prefix(rest, "và")
            return rest[:1].upper() + rest[1:]
    return name


def clean_name(name: str) -> str:
    """A new procedure's name as the list writes names: no leading «Thủ tục», spaces collapsed."""
    return _without_prefix(name, "Thủ tục")


@dataclass(frozen=True)
class Renaming:
    """One procedure's names: the current one, its old names and other current ones (with their source)."""

    ten: str
    ma: str
    ten_cu: tuple[str, ...]  # names a newer text replaced: a list using one is out of date
    cach_goi_khac: tuple[str, ...]  # other current names (the national portal's): not out of date
    nguon: str

    @property
    def ten_khac(self) -> tuple[str, ...]:
        """Every name other than the current one."""
        return self.ten_cu + self.cach_goi_khac


@cache
def renamings(path: Path = RENAMINGS_FILE) -> tuple[Renaming, ...]:
    """The package's table of old names (``mau/doi-ten-thu-tuc.yaml``)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        Renaming(
            item["ten"],
            item.get("ma", ""),
            tuple(item.get("ten_cu") or ()),
            tuple(item.get("cach_goi_khac") or ()),
            " ".join(item["nguon"].split()),
        )
        for item in data["doi_ten"]
    )


@dataclass(frozen=True)
class Match:
    index: int  # in the list
    kind: str  # a key of MATCH_KINDS
    note: str = ""  # what the clerk should know: the old name and its source

    @property
    def how(self) -> str:
        return MATCH_KINDS[self.kind][0]

    @property
    def confidence(self) -> str:
        return MATCH_KINDS[self.kind][1]


class Matcher:
    """Finds the list's procedure for a row: code first, then name in the same group."""

    def __init__(self, existing: list[ThuTuc]) -> None:
        self.existing = existing
        self.by_code = {t.ma: i for i, t in enumerate(existing) if t.ma}
        self.exact: dict[tuple[str, str], list[int]] = {}
        self.keyed: dict[tuple[str, str], list[int]] = {}
        self.bare: dict[tuple[str, str], list[int]] = {}
        for i, t in enumerate(existing):
            self.exact.setdefault((t.nhom, " ".join(t.ten.split())), []).append(i)
            self.keyed.setdefault((t.nhom, name_key(t.ten)), []).append(i)
            self.bare.setdefault((t.nhom, bare_key(t.ten)), []).append(i)
        self.classes: dict[str, Renaming] = {}
        self.old: dict[str, Renaming] = {}  # an old name → its procedure's names
        for renaming in renamings():
            for name in (renaming.ten, *renaming.ten_khac):
                self.classes[name_key(name)] = renaming
            for name in renaming.ten_cu:
                self.old[name_key(name)] = renaming

    def match(self, code: str, name: str, group: str) -> Match | None:
        if code and code in self.by_code:
            return Match(self.by_code[code], "ma")
        exact = self.exact.get((group, " ".join(unicodedata.normalize("NFC", name).split())))
        if exact:
            return Match(exact[0], "ten")
        key = name_key(name)
        keyed = self.keyed.get((group, key))
        if keyed:
            return Match(keyed[0], "ten_viet_khac")
        renaming = self.classes.get(key)
        if renaming is not None:
            for other in (renaming.ten, *renaming.ten_khac):
                found = self.keyed.get((group, name_key(other)))
                if found and name_key(other) != key:
                    listed = self.existing[found[0]].ten
                    return Match(
                        found[0],
                        "ten_cu",
                        f"«{clean_name(name)}» là tên khác của «{listed}»: {renaming.nguon}",
                    )
        if not has_diacritics(name):
            bare = self.bare.get((group, bare_key(name)), [])
            if len(bare) == 1:
                return Match(bare[0], "khong_dau")
        return None

    def old_name(self, written: str) -> Renaming | None:
        """The procedure's names when ``written`` is one of its old names («Đăng ký lại việc sinh»)."""
        return self.old.get(name_key(written))

    def is_older_name(self, written: str, listed: str) -> bool:
        """True when ``written`` is another name (old, or the portal's) of the procedure listed as ``listed``."""
        renaming = self.classes.get(name_key(written))
        return renaming is not None and renaming is self.classes.get(name_key(listed))

    def suggest(self, name: str, group: str, taken: set[int]) -> tuple[int, float] | None:
        """The most similar procedure of the group, when similar enough to be worth a look."""
        key = name_key(name)
        best: tuple[int, float] | None = None
        for i, t in enumerate(self.existing):
            if t.nhom != group or i in taken or t.ngay_bai_bo is not None:
                continue
            listed = name_key(t.ten)
            if 2 * min(len(key), len(listed)) < SUGGEST_RATIO * (len(key) + len(listed)):
                continue  # difflib's real_quick_ratio, without building a matcher
            compared = difflib.SequenceMatcher(None, key, listed)
            if compared.real_quick_ratio() < SUGGEST_RATIO or compared.quick_ratio() < SUGGEST_RATIO:
                continue  # cheap upper bounds first: a province's list has thousands of rows
            ratio = compared.ratio()
            if ratio >= SUGGEST_RATIO and (best is None or ratio > best[1]):
                best = (i, ratio)
        return best
