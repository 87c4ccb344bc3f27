"""Figures proposed from a report's text: each number matched with an indicator of the catalogue.

Every indicator is described by what the catalogue declares of it: its unit and the ways texts
write it, its keywords, its label, its key, its group's and subgroup's labels, and for list items
the list's labels. A number is scored against each indicator by how much of the words around it
(within its clause) these phrases explain, twice as much for words that touch the number
(«tổng số 482 hồ sơ»); indicators whose keywords are absent count half (the check would doubt
them too); a subgroup named just before («Trình độ lý luận chính trị: 16 Trung cấp») decides
between twin indicators. Numbers and indicators are then paired so that the sum of scores is
highest, each indicator at most once in the report (list items as often as the text gives
them). Nothing is guessed: a number without a clear indicator is returned in ``unclassified``
with the reason, and every proposal is marked for a clerk to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..core import periods
from ..indicators import prose
from ..indicators.catalogue import Catalogue, Group, Indicator, ListSpec
from ..text import fold

MIN_SCORE = 6.0  # «phát sóng được 16 lượt» scores 10; a bare «16 lượt» 2
MIN_ZERO_SCORE = 10.0  # «không» (a zero) only with the indicator's own words around it
SPAN = 12  # syllables on each side of a number that may describe it
MAX_NUMBERS = 3_000  # a report states a few hundred at most; pairing more would take minutes
MAX_EXACT = 120  # numbers competing for the same indicators beyond which pairing is greedy, not exact
ZERO_SPAN = 20  # «không nhận được đơn, thư phản ánh, kiến nghị nào … về quy định TTHC»
_STOPS = {".", ";", "!", "?", "(", ")"}


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FILLERS = _set(
    "la duoc co gom voi dat khoang tren hon gan duoi cho tong con"
)  # words between, saying nothing
# after «không» (a zero): the verb before what there is none of («không nhận được đơn», «không phát sinh vụ việc»)
_ZERO_FILLERS = _FILLERS | _set("nhan phat sinh xai ra de tiep bi phai")
_FUNCTION_WORDS = (
    "số các và của trong trên được có là đã tại theo về cho với một những này đó khi thì từ đến ra"
)
_STOPWORDS = _set(  # single syllables that say nothing of what a number counts
    _FUNCTION_WORDS
    + " tổng cộng người bị năm tháng ngày kỳ xã thực hiện đang mới hoặc hay vào do nào qua sau trước"
    + " loại tiếp nhận giải quyết tthc thủ tục hành chính hồ sơ"
)
# abbreviations of the administration, read as their words on both sides («CCHC» is «cải cách hành chính»)
ABBREVIATIONS = {
    "cchc": "cai cach hanh chinh",
    "tthc": "thu tuc hanh chinh",
    "cbcc": "can bo cong chuc",
    "cbccvc": "can bo cong chuc vien chuc",
    "llct": "li luan chinh tri",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "dvc": "dich vu cong",
    "dvctt": "dich vu cong truc tuyen",
}
# numbers that count nothing: years, months, levels, durations, articles (compared with diacritics)
_NOT_AFTER = {
    "năm",
    "tháng",
    "quý",
    "ngày",
    "đoạn",
    "độ",
    "thứ",
    "khóa",
    "khoá",
    "điều",
    "khoản",
    "điểm",
    "chương",
    "phiên",
    "tuần",
    "mức",
}
_NOT_BEFORE = {"tháng", "năm", "ngày", "quý", "giờ", "phút", "tuần"}
_YEAR_AFTER = {"năm", "đến", "từ", "đoạn"}


def syllables(text: str) -> tuple[str, ...]:
    """Words as the matcher compares them: no diacritics, lower case, «y» read as «i», abbreviations spelt out."""
    words: list[str] = []
    for word in fold(text).lower().replace("y", "i").split():
        words += ABBREVIATIONS.get(word.replace("y", "i"), word).split()
    return tuple(words)


def _grams(text: str, minimum: int = 2) -> set[tuple[str, ...]]:
    """Every run of two or more syllables of each comma- or colon-separated piece of ``text``."""
    found: set[tuple[str, ...]] = set()
    for piece in re.split(r"[,:;()/]", text):
        words = tuple(w for w in syllables(piece) if not w.isdigit())
        for size in range(minimum, len(words) + 1):
            for start in range(len(words) - size + 1):
                gram = words[start : start + size]
                if not all(w in _FOLDED_STOPWORDS for w in gram):
                    found.add(gram)
    return found


_FOLDED_STOPWORDS = {syllables(w)[0] for w in _set(_FUNCTION_WORDS)}


def _words(text: str) -> set[str]:
    """Content syllables of a label, compared with their diacritics («đăng» is not «đang»)."""
    return {w for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in _STOPWORDS and len(w) > 1}


@dataclass(frozen=True)
class Spec:
    """What the catalogue says of one indicator, as phrases to look for around a number."""

    indicator: Indicator
    order: int
    group: Group
    keywords: tuple[tuple[str, ...], ...]
    units: tuple[tuple[str, ...], ...]
    label: frozenset[tuple[str, ...]]
    words: frozenset[str]
    context: frozenset[tuple[str, ...]]  # the group's label: words of the section around
    subgroup: tuple[str, ...] = ()  # path of its subgroup, when it has twins in a sibling subgroup
    listing: ListSpec | None = None
    heads: frozenset[str] = frozenset()  # a list's word for its items («lớp»)
    own: frozenset[str] = frozenset()  # the syllables of its own label (function words aside)


def specs(catalogue: Catalogue) -> list[Spec]:
    """Every indicator of the catalogue (the commune's own included), in the catalogue's order."""
    found: list[Spec] = []

    def add(
        indicator: Indicator, group: Group, extra: str = "", subgroup: tuple[str, ...] = (), listing=None
    ) -> None:
        label_text = f"{indicator.row_label}, {extra}" if extra else indicator.row_label
        label = _grams(label_text) | _grams(indicator.name.replace("_", " "))
        found.append(
            Spec(
                indicator,
                len(found),
                group,
                tuple(syllables(k) for k in indicator.keywords),
                tuple(syllables(u) for u in catalogue.words(indicator)),
                frozenset(label),
                frozenset(_words(label_text)),
                frozenset(_grams(group.label)),
                subgroup,
                listing,
                frozenset(listing.name_label.lower().split()[:1]) if listing is not None else frozenset(),
                frozenset(w for w in syllables(indicator.label) if w not in _FOLDED_STOPWORDS),
            )
        )

    for group in catalogue.groups.values():
        twins = _twin_subgroups(group)
        for indicator in group.indicators.values():
            add(indicator, group)
        for sub_key, sub in group.subgroups.items():
            for indicator in sub.all_indicators():
                add(indicator, group, subgroup=(group.key, sub_key) if sub_key in twins else ())
        for spec in group.lists.values():
            for indicator in spec.indicators.values():
                add(indicator, group, f"{spec.label}, {spec.name_label}", listing=spec)
    return found


def _twin_subgroups(group: Group) -> set[str]:
    """Subgroups that share an indicator name with a sibling (trình độ chuyên môn / lý luận: trung cấp)."""
    names: dict[str, set[str]] = {}
    for key, sub in group.subgroups.items():
        for indicator in sub.indicators:
            names.setdefault(indicator, set()).add(key)
    return {key for owners in names.values() if len(owners) > 1 for key in owners}


@dataclass(frozen=True)
class Number:
    """A number of a section's text that may be a figure, with the words on each side."""

    section: int
    paragraph: int  # 0: the section's title
    mention: prose.Mention
    written: str  # «08», «1.442», «không»
    before: tuple[str, ...]  # nearest first
    after: tuple[str, ...]
    before_words: tuple[str, ...]  # the same, with diacritics (lower case)
    after_words: tuple[str, ...]
    clause: str  # the words of the clause, for a «trich» and for messages
    position: int  # order in the report
    excerpt: str = ""  # a few whole words on each side, for the clerk


@dataclass
class Scope:
    loai: str  # ky_bao_cao, luy_ke_nam, tinh_den, khoang
    ngay: date | None = None
    tu_ngay: date | None = None
    den_ngay: date | None = None
    evidence: str = ""  # the words that say it

    @property
    def signature(self) -> tuple:
        return self.loai, self.ngay, self.tu_ngay, self.den_ngay


@dataclass
class Proposal:
    spec: Spec
    number: Number
    score: float
    scope: Scope
    quote: str | None = None  # «trich», when the words that tie it are not its unit or keyword
    item_name: str | None = None  # a list item's name («lớp bồi dưỡng …»)
    item_index: int = 0  # its place in the list, in the draft
    block: str | None = None  # «các xã, phường»: the figure of another unit («Đối với …»)
    block_index: int | None = None  # its block's place in the group's list of blocks, in the draft

    @property
    def value(self) -> int:
        return self.number.mention.value


@dataclass
class Unclassified:
    section: int
    paragraph: int
    excerpt: str
    reason: str
    written: str = ""  # the number as the text writes it

    @property
    def shown(self) -> str:
        """«482 («… tổng số 482 hồ sơ …»)»: which number, and where."""
        return f"{self.written} («{self.excerpt}»)" if self.written else f"«{self.excerpt}»"


class TooManyNumbers(Exception):
    """More numbers than any report states: no proposal is attempted (the text is imported all the same)."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


@dataclass
class Found:
    proposals: list[Proposal] = field(default_factory=list)
    unclassified: list[Unclassified] = field(default_factory=list)


def numbers_of(section: int, paragraphs: list[str], start: int = 0) -> list[Number]:
    """Numbers that may count something, in the section's title (0) and paragraphs (1…)."""
    found: list[Number] = []
    for index, text in enumerate(paragraphs):
        toks = prose.tokens(text)
        by_start = {token.start: i for i, token in enumerate(toks)}
        figure_like = {
            m.start
            for m in prose.mentions(text)
            if not m.zero_word and m.start in by_start and _counts(toks, by_start[m.start])
        }
        for mention in prose.mentions(text):
            at = by_start.get(mention.start)
            if at is None or (not mention.zero_word and mention.start not in figure_like):
                continue
            span = ZERO_SPAN if mention.zero_word else SPAN
            before = _side(toks, at, -1, span, figure_like)
            after = _side(toks, at, 1, span, figure_like)
            folded_before = [(w, word.lower()) for word in before for w in reversed(syllables(word))]
            folded_after = [(w, word.lower()) for word in after for w in syllables(word)]
            found.append(
                Number(
                    section,
                    index,
                    mention,
                    toks[at].text,
                    tuple(w for w, _ in folded_before),
                    tuple(w for w, _ in folded_after),
                    tuple(w for _, w in folded_before),
                    tuple(w for _, w in folded_after),
                    _clause(text, toks, at),
                    start + len(found),
                    _words_around(text, toks[at].start),
                )
            )
    return found


def _counts(toks: tuple[prose.Token, ...], at: int) -> bool:
    """A number that counts something: not a year, a month, a level, a duration, a list label."""
    before = toks[at - 1].text.lower() if at > 0 and toks[at - 1].kind == "word" else ""
    following = toks[at + 1] if at + 1 < len(toks) else None
    if at == 0 and following is not None and following.text in (".", ")"):
        return False  # «1.» heading a paragraph
    if following is not None and following.kind == "word" and following.text.lower() in _NOT_BEFORE:
        return False
    if before in _NOT_AFTER:
        return False
    # «mức độ 3, 4», «năm 2021, 2022»: a list after such a word
    index = at - 1
    while index > 0 and toks[index].text.lower() in (",", "và", "-", "–") and toks[index - 1].kind == "num":
        index -= 2
        if index >= 0 and toks[index].kind == "word" and toks[index].text.lower() in _NOT_AFTER:
            return False
    value = int(toks[at].text.replace(".", ""))
    if 1900 <= value <= 2100 and len(toks[at].text) == 4 and before in _YEAR_AFTER:
        return False
    return not (at > 0 and toks[at - 1].text == "(" and following is not None and following.text == ")")


def _side(toks, at: int, step: int, span: int, figures: set[int]) -> list[str]:
    """Words on one side of the number, nearest first, up to the clause's end or another figure.

    Words between two figures separated by a comma belong to the one on their side of the comma:
    in «15 đại học, 02 Trung cấp», «đại học» is not said of 02.
    """
    found: list[str] = []
    index = at + step
    while 0 <= index < len(toks) and len(found) < span:
        token = toks[index]
        if _marker_at(toks, index, step):  # «tiếp nhận (1): 1.442»: the text's mark, not a bracket
            index += 3 * step
            continue
        if token.kind == "punct":
            if token.text in _STOPS or (token.text == "," and _figure_beyond(toks, index, step, figures)):
                break
        elif token.kind in ("num", "pct"):
            if token.start in figures or token.kind == "pct":
                break
        else:
            found.append(token.text)
        index += step
    return found


def _marker_at(toks, index: int, step: int) -> bool:
    """«(1)» starting at ``index`` in the direction of ``step``: a one-digit mark a text puts on a
    figure for its formula («[(2)+(3)]/(1)»)."""
    first, last = ("(", ")") if step > 0 else (")", "(")
    end = index + 2 * step
    return (
        min(index, end) >= 0
        and max(index, end) < len(toks)
        and toks[index].text == first
        and toks[index + step].kind == "num"
        and len(toks[index + step].text) == 1
        and toks[end].text == last
    )


def _figure_beyond(toks, index: int, step: int, figures: set[int]) -> bool:
    """Another figure stands past this comma, before the clause ends."""
    index += step
    while 0 <= index < len(toks):
        token = toks[index]
        if token.kind == "punct" and (token.text in _STOPS or token.text == ","):
            return False
        if token.kind == "num" and token.start in figures:
            return True
        index += step
    return False


def _words_around(text: str, position: int, words: int = 7) -> str:
    """«… tổng số 482 hồ sơ. Trong đó, …»: whole words around a number, «…» set apart where cut (a «…»
    right after «ã» would read as broken encoding to the loader's check)."""
    spans = list(re.finditer(r"\S+", text))
    at = next((i for i, m in enumerate(spans) if m.start() <= position < m.end()), 0)
    first, last = max(0, at - words), min(len(spans), at + words + 1)
    shown = " ".join(m.group() for m in spans[first:last])
    return ("… " if first else "") + shown + (" …" if last < len(spans) else "")


def _clause(text: str, toks, at: int) -> str:
    start, end = at, at
    while start > 0 and toks[start - 1].text not in _STOPS:
        start -= 1
    while end + 1 < len(toks) and toks[end + 1].text not in _STOPS:
        end += 1
    return " ".join(text[toks[start].start : toks[end].end].split())


def _cover(window: tuple[str, ...], phrases, weight: float, marks: list[float]) -> bool:
    """Mark the positions of ``window`` (nearest first) that a phrase covers; any found?"""
    hit = False
    reading = window[::-1]  # in reading order: the phrase's own order
    size = len(reading)
    for phrase in phrases:
        length = len(phrase)
        if not length:
            continue
        for start in range(size - length + 1):
            if reading[start : start + length] == phrase:
                hit = True
                for offset in range(length):
                    position = size - 1 - (start + offset)  # back to nearest-first
                    marks[position] = max(marks[position], weight)
    return hit


def _cover_after(window: tuple[str, ...], phrases, weight: float, marks: list[float]) -> bool:
    hit = False
    size = len(window)
    for phrase in phrases:
        length = len(phrase)
        for start in range(size - length + 1):
            if window[start : start + length] == phrase:
                hit = True
                for offset in range(length):
                    marks[start + offset] = max(marks[start + offset], weight)
    return hit


def _side_score(window: tuple[str, ...], marks: list[float], zero: bool = False) -> float:
    """Covered words count; those in an unbroken run from the number twice, the others less as they
    stand further away («… văn bản pháp luật khác» nine words after «18 bài» says little of it)."""
    total = 0.0
    chained = True
    fillers = _ZERO_FILLERS if zero else _FILLERS
    reach = (ZERO_SPAN if zero else SPAN) * 2 / 3
    for position, (word, mark) in enumerate(zip(window, marks, strict=True)):
        if mark:
            total += mark * (2 if chained else max(0.25, 1 - position / reach))
        elif word not in fillers:
            chained = False
    return total


def score(spec: Spec, number: Number) -> tuple[float, bool, bool]:
    """(score, tied as the check ties it (unit or keyword beside it), keyword present)."""
    mention = number.mention
    sides = (
        ((number.after, number.after_words),)
        if mention.zero_word
        else (
            (number.before, number.before_words),
            (number.after, number.after_words),
        )
    )
    total = 0.0
    keyword_hit = False
    for index, (window, words) in enumerate(sides):
        marks = [0.0] * len(window)
        cover = _cover_after if (mention.zero_word or index == 1) else _cover
        cover(window, spec.units, 1.0, marks)
        keyword_hit |= cover(window, spec.keywords, 2.0, marks)
        cover(window, spec.label, 2.0, marks)
        for position, word in enumerate(words):
            if position >= len(marks) or marks[position]:
                continue
            if word in spec.heads:  # «lớp»: the word that names a list's items
                marks[position] = 2.0
            elif word in spec.words and not spec.keywords:  # keywords tell it apart, not stray words
                marks[position] = 1.0
        total += _side_score(window, marks, mention.zero_word)
    if spec.keywords and not keyword_hit:
        total /= 2
    elif keyword_hit:
        total += 1
    if total and spec.own:  # between equals, the one whose own name the words spell out more fully
        seen = set(number.after) if mention.zero_word else {*number.before, *number.after}
        total += len(spec.own & seen) / len(spec.own)
    windows = (mention.after,) if mention.zero_word else (mention.before, mention.after)
    own = any(prose.has_word(w, k) for w in windows for k in spec.keywords)
    unit = any(prose.has_word(w, u) for w in windows for u in spec.units)
    return total, own or unit, keyword_hit


def _context_bonus(spec: Spec, around: tuple[str, ...]) -> float:
    """Up to 3 when the group's name is written in the section's title or the number's paragraph."""
    longest = max((len(g) for g in spec.context if prose.has_word(around, g)), default=0)
    return min(longest * 0.5, 3.0)


def _subgroup_bonus(
    spec: Spec, text_before: tuple[str, ...], siblings: dict[tuple[str, ...], frozenset]
) -> float:
    """+4 when the nearest subgroup named before the number is this one's, −4 when it is a twin's."""
    if not spec.subgroup:
        return 0.0
    nearest: tuple[int, tuple[str, ...]] | None = None
    for path, grams in siblings.items():
        if path[0] != spec.subgroup[0]:
            continue
        for gram in grams:
            size = len(gram)
            for start in range(len(text_before) - size, -1, -1):
                if text_before[start : start + size] == gram:
                    if nearest is None or start > nearest[0]:
                        nearest = (start, path)
                    break
    if nearest is None:
        return 0.0
    return 4.0 if nearest[1] == spec.subgroup else -4.0


def _distinct_subgroup_grams(catalogue: Catalogue) -> dict[tuple[str, ...], frozenset]:
    """Per subgroup, the runs of words of its label that no sibling's label has («chuyên môn»)."""
    found: dict[tuple[str, ...], frozenset] = {}
    for group in catalogue.groups.values():
        labels = {key: _grams(sub.label) for key, sub in group.subgroups.items()}
        for key, grams in labels.items():
            others = set().union(*(g for k, g in labels.items() if k != key)) if len(labels) > 1 else set()
            found[(group.key, key)] = frozenset(grams - others)
    return found


_SCOPES = (
    (re.compile(r"\b(?:tinh )?den (?:het )?(?:ngay )?(\d{1,2})/(\d{1,2})/(\d{4})"), "tinh_den"),
    (
        re.compile(
            r"\btu (?:ngay )?(\d{1,2})/(\d{1,2})(?:/(\d{4}))? ?(?:-|–|den(?: ngay)?) ?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?"
        ),
        "khoang",
    ),
    (re.compile(r"\b(?:\d{1,2} thang (?:dau )?nam|tu dau nam|luy ke)\b"), "luy_ke_nam"),
    (re.compile(r"\b(?:den nay|hien tai|hien nay|trong ky|trong quy|trong thang)\b"), "ky_bao_cao"),
)


def _plain(text: str) -> str:
    """Lower case without diacritics, one letter for one letter (positions stay those of ``text``)."""
    return "".join((fold(char) or char)[:1].lower() for char in text)


def scope_at(text: str, position: int, ky: periods.Ky, window: tuple[date, date]) -> Scope:
    """What the number at ``position`` covers: the nearest phrase before it in its paragraph
    (or after it, in its sentence); the reporting window when none says otherwise."""
    plain = _plain(text)
    sentence_end = min(
        (i for i in (plain.find(". ", position), plain.find(";", position)) if i >= 0), default=len(plain)
    )
    best: tuple[int, Scope] | None = None
    for pattern, kind in _SCOPES:
        for match in pattern.finditer(plain):
            if match.start() > sentence_end:
                break
            distance = position - match.end() if match.start() < position else (match.start() - position) * 4
            read = _scope(kind, match, ky, window, text[match.start() : match.end()])
            if read is None:
                continue
            if best is None or distance < best[0]:
                best = (distance, read)
    return best[1] if best else Scope("ky_bao_cao")


def _scope(
    kind: str, match: re.Match, ky: periods.Ky, window: tuple[date, date], evidence: str
) -> Scope | None:
    try:
        if kind == "tinh_den":
            day, month, year = (int(g) for g in match.groups())
            return Scope("tinh_den", ngay=date(year, month, day), evidence=evidence)
        if kind == "khoang":
            d1, m1, y1, d2, m2, y2 = match.groups()
            end_year = int(y2) if y2 else window[1].year
            end = date(end_year, int(m2), int(d2))
            start_year = int(y1) if y1 else (end_year if int(m1) <= int(m2) else end_year - 1)
            return Scope(
                "khoang", tu_ngay=date(start_year, int(m1), int(d1)), den_ngay=end, evidence=evidence
            )
    except ValueError:
        return None
    if kind == "luy_ke_nam":
        # a 6-month, 9-month or annual report's window is already the year to date
        return Scope("ky_bao_cao" if ky.kind.cumulative else "luy_ke_nam", evidence=evidence)
    return Scope("ky_bao_cao", evidence=evidence)


def ranked(
    number: Number,
    sections: list[tuple[str, list[str]]],
    all_specs: list[Spec],
    siblings: dict[tuple[str, ...], frozenset],
) -> list[tuple[float, Spec, bool]]:
    """The indicators ``number`` may be, with their scores, above the threshold (best first)."""
    title, paragraphs = sections[number.section]
    paragraph = [title, *paragraphs][number.paragraph]
    around = syllables(f"{title} . {paragraph}" if number.paragraph else title)
    sentence_start = max(paragraph.rfind(". ", 0, number.mention.start) + 1, 0)
    before_text = syllables(paragraph[sentence_start : number.mention.start])
    threshold = MIN_ZERO_SCORE if number.mention.zero_word else MIN_SCORE
    scored = []
    context: dict[str, float] = {}  # by group: its name is in the text or not, whichever indicator asks
    # the unit written right after the number («21 đơn»): an indicator counted in another unit is out
    written_unit = max(
        (u for spec in all_specs for u in spec.units if number.after[: len(u)] == u), key=len, default=None
    )
    for spec in all_specs:
        if written_unit is not None and not number.mention.zero_word and written_unit not in spec.units:
            continue
        value, tied, _ = score(spec, number)
        if value <= 0:
            continue
        group = spec.group.key
        if group not in context:
            context[group] = _context_bonus(spec, around)
        value += context[group] + _subgroup_bonus(spec, before_text, siblings)
        if value >= threshold:
            scored.append((value - spec.order * 1e-6, spec, tied))
    return sorted(scored, key=lambda entry: -entry[0])


def propose(
    sections: list[tuple[str, list[str]]],
    catalogue: Catalogue,
    ky: periods.Ky,
    window: tuple[date, date],
    figure_sections: set[int] | None = None,
) -> Found:
    """Proposals for ``sections`` (title, paragraphs); only those in ``figure_sections`` hold figures."""
    all_specs = specs(catalogue)
    siblings = _distinct_subgroup_grams(catalogue)
    found = Found()
    numbers: list[Number] = []
    for index, (title, paragraphs) in enumerate(sections):
        numbers += numbers_of(index, [title, *paragraphs], len(numbers))
    if len(numbers) > MAX_NUMBERS:
        raise TooManyNumbers(len(numbers))
    candidates: dict[int, list[tuple[float, Spec, bool]]] = {}
    for number in numbers:
        if figure_sections is not None and number.section not in figure_sections:
            if not number.mention.zero_word:
                found.unclassified.append(
                    _left(number, "số nằm ngoài một mục đánh số (chỉ các mục «1.», «2.» … ghi được số liệu)")
                )
            continue
        scored = ranked(number, sections, all_specs, siblings)
        if scored:
            candidates[number.position] = scored
        elif not number.mention.zero_word:
            found.unclassified.append(
                _left(
                    number,
                    "không rõ là số liệu nào: không đi cùng đơn vị hay tên của một chỉ tiêu trong danh mục",
                )
            )
    by_position = {n.position: n for n in numbers}
    # «Đối với các xã, phường: …»: the same figures of another unit, paired apart, one block each
    block_of = {position: _other_unit(sections, by_position[position]) for position in candidates}
    pairs: dict[int, tuple[float, Spec, bool]] = {}
    for block in dict.fromkeys(block_of.values()):
        pairs |= _pair({p: c for p, c in candidates.items() if block_of[p] == block})
    for position, (value, spec, tied) in sorted(pairs.items()):
        number = by_position[position]
        title, paragraphs = sections[number.section]
        paragraph = [title, *paragraphs][number.paragraph]
        proposal = Proposal(spec, number, value, scope_at(paragraph, number.mention.start, ky, window))
        if not tied:
            proposal.quote = number.clause if len(number.clause) <= 300 else None
        if spec.listing is not None:
            proposal.item_name = _item_name(spec.listing, number)
        proposal.block = block_of[position]
        found.proposals.append(proposal)
    for block in dict.fromkeys(pr.block for pr in found.proposals):
        for proposal, rule in _against_sums([pr for pr in found.proposals if pr.block == block], catalogue):
            found.proposals.remove(proposal)
            found.unclassified.append(
                _left(
                    proposal.number,
                    f"có thể là «{proposal.spec.indicator.row_label}» nhưng khi đó sai quan hệ cộng «{rule}»",
                )
            )
    blocks_of_group: dict[tuple[str, int], list[str | None]] = {}  # (group, section) → blocks in order
    for proposal in sorted(found.proposals, key=lambda pr: pr.number.position):
        found_blocks = blocks_of_group.setdefault(
            (proposal.spec.indicator.group, proposal.number.section), []
        )
        if proposal.block not in found_blocks:
            found_blocks.append(proposal.block)
    for proposal in found.proposals:
        blocks = blocks_of_group[(proposal.spec.indicator.group, proposal.number.section)]
        if blocks != [None]:
            proposal.block_index = sorted(blocks, key=lambda b: b is not None).index(proposal.block)
    taken = {
        pr.spec.indicator.key: pr.number
        for pr in found.proposals
        if pr.spec.listing is None and pr.block is None
    }
    for position, scored in candidates.items():
        if position in pairs or by_position[position].mention.zero_word:
            continue
        number = by_position[position]
        best = scored[0][1]
        other = taken.get(best.indicator.key)
        reason = (
            f"có thể là «{best.indicator.row_label}» nhưng chỉ tiêu này đã nhận số {other.written} "
            f"(«{other.excerpt}»); mỗi chỉ tiêu ghi một lần"
            if other is not None
            else f"có thể là «{best.indicator.row_label}», chưa đủ chắc"
        )

        found.unclassified.append(_left(number, reason))
    found.proposals.sort(key=lambda pr: pr.number.position)
    found.unclassified.sort(key=lambda u: (u.section, u.paragraph))
    return found


_OTHER_UNIT = re.compile(  # «Đối với các xã, phường: …» (up to its colon), else «Đối với cấp xã, …»
    r"(?:^|[.;:\-–*+•]\s*)Đối với\s+(?:([^:.;()]{2,60}?)\s*:|([^:,.;()]{2,60}?)\s*,)", re.IGNORECASE
)


def _other_unit(sections: list[tuple[str, list[str]]], number: Number) -> str | None:
    """The unit a «Đối với …» before the number in its paragraph names («các xã, phường»), if any."""
    title, paragraphs = sections[number.section]
    text = [title, *paragraphs][number.paragraph][: number.mention.start]
    found = list(_OTHER_UNIT.finditer(text))
    return (found[-1].group(1) or found[-1].group(2)).strip() if found else None


def _left(number: Number, reason: str) -> Unclassified:
    return Unclassified(number.section, number.paragraph, number.excerpt, reason, number.written)


def _against_sums(proposals: list[Proposal], catalogue: Catalogue) -> list[tuple[Proposal, str]]:
    """Proposals that break a sum of the catalogue (the check would refuse them): the least sure of
    the figures in a broken sum is withdrawn, until every sum holds."""
    withdrawn: list[tuple[Proposal, str]] = []
    kept = [pr for pr in proposals if pr.spec.listing is None]
    for _ in range(len(kept)):
        by_key = {pr.spec.indicator.key: pr for pr in kept}
        broken = None
        for rule in catalogue.sums:
            whole = by_key.get(rule.whole)
            parts = [by_key[key] for key in rule.parts if key in by_key]
            if (
                whole is None
                or not parts
                or whole.number.mention.approx
                or any(p.number.mention.approx for p in parts)
            ):
                continue
            if len({pr.scope.signature for pr in (whole, *parts)}) > 1:
                continue
            total = sum(p.value for p in parts)
            complete = len(parts) == len(rule.parts) or rule.complete
            if (rule.exact and complete and total != whole.value) or total > whole.value:
                broken = (rule, [whole, *parts])
                break
        if broken is None:
            break
        rule, members = broken
        weakest = min(members, key=lambda pr: pr.score)
        labels = " + ".join(
            catalogue.indicators[key].label for key in rule.parts if key in catalogue.indicators
        )
        relation = f"{catalogue.indicators[rule.whole].label} {'=' if rule.exact else '≥'} {labels}"
        kept.remove(weakest)
        withdrawn.append((weakest, relation))
    return withdrawn


def _item_name(spec: ListSpec, number: Number) -> str:
    """A list item's name as the text writes it: from the first word of the list's label on («lớp …»)."""
    starts = {
        w for w in re.findall(r"[^\W\d_]+", f"{spec.name_label} {spec.label}".lower()) if w not in _STOPWORDS
    }
    words = number.clause.split()
    lowered = [w.lower().strip(",;:.()") for w in words]
    at = next((i for i, w in enumerate(lowered) if w in starts), None)
    if at is None:
        return ""
    return " ".join(words[at:]).strip(" ,;:.")


def _pair(candidates: dict[int, list[tuple[float, Spec, bool]]]) -> dict[int, tuple[float, Spec, bool]]:
    """Numbers paired with indicators for the highest total score; an indicator once (list items: any times)."""
    parent: dict[object, object] = {}

    def find(x: object) -> object:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def column(position: int, spec: Spec) -> tuple:
        return (
            ("list", spec.indicator.key, position)
            if spec.listing is not None
            else ("one", spec.indicator.key)
        )

    for position, scored in candidates.items():
        for _, spec, _ in scored:
            a, b = find(("row", position)), find(column(position, spec))
            parent[a] = b
    components: dict[object, list[int]] = {}
    for position in candidates:
        components.setdefault(find(("row", position)), []).append(position)
    chosen: dict[int, tuple[float, Spec, bool]] = {}
    for rows in components.values():
        if len(rows) > MAX_EXACT:  # Kuhn–Munkres is cubic: the best pairs first instead
            chosen.update(_greedy({position: candidates[position] for position in rows}, column))
            continue
        columns: list[tuple] = []
        index: dict[tuple, int] = {}
        for position in rows:
            for _, spec, _ in candidates[position]:
                col = column(position, spec)
                if col not in index:
                    index[col] = len(columns)
                    columns.append(col)
        size = max(len(rows), len(columns))
        cost = [[0.0] * size for _ in range(size)]
        best: dict[tuple[int, int], tuple[float, Spec, bool]] = {}
        for r, position in enumerate(rows):
            for entry in candidates[position]:
                c = index[column(position, entry[1])]
                if -entry[0] < cost[r][c]:
                    cost[r][c] = -entry[0]
                    best[(r, c)] = entry
        for r, c in enumerate(_hungarian(cost)):
            if r < len(rows) and (r, c) in best:
                chosen[rows[r]] = best[(r, c)]
    return chosen


def _greedy(
    candidates: dict[int, list[tuple[float, Spec, bool]]], column
) -> dict[int, tuple[float, Spec, bool]]:
    chosen: dict[int, tuple[float, Spec, bool]] = {}
    taken: set[tuple] = set()
    pairs = sorted(
        ((entry[0], position, entry) for position, scored in candidates.items() for entry in scored),
        key=lambda item: (-item[0], item[1]),
    )
    for _, position, entry in pairs:
        col = column(position, entry[1])
        if position not in chosen and col not in taken:
            chosen[position] = entry
            taken.add(col)
    return chosen


def _hungarian(cost: list[list[float]]) -> list[int]:
    """The column of each row in a square cost matrix, for the lowest total cost (Kuhn–Munkres)."""
    n = len(cost)
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    match = [0] * (n + 1)
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0 = match[j0]
            delta = inf
            j1 = 0
            row = cost[i0 - 1]
            for j in range(1, n + 1):
                if not used[j]:
                    current = row[j - 1] - u[i0] - v[j]
                    if current < minv[j]:
                        minv[j] = current
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while True:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
            if j0 == 0:
                break
    result = [0] * n
    for j in range(1, n + 1):
        if match[j]:
            result[match[j] - 1] = j - 1
    return result


# «tăng 36,42%», «giảm 2,5 %»: a change the text states, not a rate
_CHANGE = re.compile(
    r"\b(tăng|giảm)(?:\s+(?:thêm|được|là|khoảng|hơn))?\s+(\d{1,3}(?:,\d{1,4})?)\s?%", re.IGNORECASE
)
_SAME_PERIOD = ("cung ki", "cung thoi ki")


@dataclass(frozen=True)
class Change:
    chi_tieu: str
    gia_tri: str  # «tăng 36,42%»
    so_voi: str  # ky_truoc or cung_ky
    excerpt: str


def changes_of(texts: list[str], proposals: list[Proposal]) -> list[Change]:
    """Changes stated right after a proposed figure in its sentence («tiếp nhận 1.442 hồ sơ, tăng
    36,42% so với tháng trước»). A change after a stated rate, or with no proposed figure before it
    in its sentence, is left to the clerk (the check lists it)."""
    found = []
    for paragraph, text in enumerate(texts):
        rates = [p.start for p in prose.percents(text)]
        for match in _CHANGE.finditer(text):
            head = text[: match.start()]
            stops = [m.end() for m in re.finditer(r"[.;!?](?!\d)", head)]
            start = stops[-1] if stops else 0
            subjects = [
                pr
                for pr in proposals
                if pr.number.paragraph == paragraph
                and pr.spec.listing is None
                and start <= pr.number.mention.start < match.start()
            ]
            if not subjects:
                continue
            subject = max(subjects, key=lambda pr: pr.number.mention.start)
            if any(subject.number.mention.start < at < match.start() for at in rates):
                continue  # a rate stands between: the change is the rate's
            after = fold(text[match.end() : match.end() + 40]).lower().replace("y", "i")
            found.append(
                Change(
                    subject.spec.indicator.key,
                    f"{match.group(1).lower()} {match.group(2)}%",
                    "cung_ky" if any(word in after for word in _SAME_PERIOD) else "ky_truoc",
                    _words_around(text, match.start(), 9),
                )
            )
    return found


# «[(2)+(3)]/(1)×100%»: a rate's formula written with the markers the text puts on its figures
_FORMULA = re.compile(r"[\[(]*\((\d)\)((?:\s*\+\s*\(\d\))*)[\])]*\s*[/÷:]\s*\((\d)\)(?:\s*[x×*]\s*100\s*%?)?")
_MARKER = re.compile(r"(?<![\w)])\((\d)\)")
_NEAR = 60  # characters between a marker and the number it marks


@dataclass(frozen=True)
class WrittenRate:
    gia_tri: str  # «92,23%»
    tu_so: tuple[str, ...]
    mau_so: tuple[str, ...]
    formula: str  # as written
    name: str  # the words before the formula («Tỷ lệ giải quyết đúng hạn»)


def written_rates(texts: list[str], proposals: list[Proposal]) -> list[WrittenRate]:
    """Rates stated with a formula over marked figures («tiếp nhận 1.442 hồ sơ (1) … trước hạn 1.100
    hồ sơ (2) … tỷ lệ [(2)+(3)]/(1) = 92,23%»). Only when every marker of the formula marks one
    proposed figure of the section; otherwise the clerk records it (the check lists it)."""
    formulas = [(paragraph, m) for paragraph, text in enumerate(texts) for m in _FORMULA.finditer(text)]
    spans = {(paragraph, m.start(), m.end()) for paragraph, m in formulas}
    marked: dict[str, str | None] = {}
    for paragraph, text in enumerate(texts):
        for marker in _MARKER.finditer(text):
            if any(p == paragraph and s <= marker.start() < e for p, s, e in spans):
                continue
            near = [
                pr
                for pr in proposals
                if pr.number.paragraph == paragraph
                and pr.spec.listing is None
                and pr.block is None
                and abs(pr.number.mention.start - marker.start()) <= _NEAR
            ]
            nearest = min(near, key=lambda pr: abs(pr.number.mention.start - marker.start()), default=None)
            key = nearest.spec.indicator.key if nearest else None
            n = marker.group(1)
            marked[n] = key if n not in marked or marked[n] == key else None  # one figure per marker
    found = []
    for paragraph, match in formulas:
        text = texts[paragraph]
        top = [match.group(1), *re.findall(r"\((\d)\)", match.group(2))]
        bottom = [match.group(3)]
        keys = [marked.get(n) for n in (*top, *bottom)]
        percent = next((pc for pc in prose.percents(text) if 0 <= pc.start - match.end() <= 40), None)
        if percent is None or any(k is None for k in keys):
            continue
        head = text[: match.start()]
        stops = [m.end() for m in re.finditer(r"[.;!?](?!\d)", head)]
        name = head[stops[-1] if stops else 0 :].strip(" :=-–").strip()
        found.append(
            WrittenRate(
                percent.written,
                tuple(k for k in keys[: len(top)] if k),
                tuple(k for k in keys[len(top) :] if k),
                match.group(0),
                name[:1].upper() + name[1:] if name else "",
            )
        )
    return found
