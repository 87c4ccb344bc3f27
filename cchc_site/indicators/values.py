"""Figures as a reader sees them, and the rates derived from them (never typed).

A rate is computed from the figures of one block (the whole, or one breakdown), with the
catalogue's formula. A value the report does not state may be used only when the sums force it
(477 resolved of which 477 early: on time and late are 0); it is never shown as a figure. A
percentage the text writes is matched with the rate it states, at the precision it is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .. import text
from ..core.models import XAP_XI_LABELS, BaoCao, PhamVi
from . import prose
from .catalogue import Catalogue, Formula, RateDef
from .figures import WHOLE, Breakdown, Figure, FigureSet, StatedRate

APPROX = {key: label + " " for key, label in XAP_XI_LABELS.items()}

# What a figure covers, as compared across periods: figures of different kinds never share a row.
SCOPE_KINDS = {
    "ky": "trong kỳ báo cáo",
    "luy_ke": "lũy kế từ đầu năm",
    "thoi_diem": "tại thời điểm báo cáo",
    "khoang": "trong khoảng thời gian riêng",
}


def describe_scope(report: BaoCao, scope: PhamVi | None) -> str:
    if scope is None or scope.loai == "ky_bao_cao":
        window = report.window
        return f"Kỳ báo cáo ({text.format_date(window.tu_ngay)} – {text.format_date(window.den_ngay)})"
    if scope.loai == "luy_ke_nam":
        return f"Lũy kế từ đầu năm {report.window.den_ngay.year}"
    if scope.loai == "tinh_den" and scope.ngay:
        return f"Tính đến {text.format_date(scope.ngay)}"
    if scope.loai == "khoang" and scope.tu_ngay and scope.den_ngay:
        return f"Từ {text.format_date(scope.tu_ngay)} đến {text.format_date(scope.den_ngay)}"
    return "Không rõ"


def scope_kind(report: BaoCao, scope: PhamVi | None) -> str:
    """Classify a scope; an explicit span equal to the reporting window is the window."""
    if scope is None or scope.loai == "ky_bao_cao":
        return "ky"
    if scope.loai == "khoang":
        window = report.window
        return "ky" if (scope.tu_ngay, scope.den_ngay) == (window.tu_ngay, window.den_ngay) else "khoang"
    return {"luy_ke_nam": "luy_ke", "tinh_den": "thoi_diem"}[scope.loai]


def scope_signature(report: BaoCao, scope: PhamVi | None) -> tuple:
    """Two figures may be added or divided only when they cover the same thing."""
    kind = scope_kind(report, scope)
    if kind == "thoi_diem" and scope is not None:
        return kind, scope.ngay
    if kind == "khoang" and scope is not None:
        return kind, scope.tu_ngay, scope.den_ngay
    return (kind,)


@dataclass(frozen=True)
class FigureRow:
    group: str  # group title, e.g. "Hồ sơ TTHC"
    label: str
    value: int
    shown: str  # as a reader should see it: "khoảng trên 170"
    scope: str  # "Tính đến 30/09/2022"
    key: str  # stable id: "ho_so.tiep_nhan"
    unit: str = ""  # "hồ sơ"
    kind: str = "ky"  # one of SCOPE_KINDS
    pham_vi: PhamVi | None = None  # the figure's effective scope (None: the reporting window)
    xap_xi: str | None = None
    breakdown: str = ""  # what the block covers when not the whole: "Lĩnh vực Đất đai"
    custom: bool = False  # the commune's own indicator
    now_words: str | None = None  # «đến nay»: the text gives it at the time of writing
    written: date | None = None  # the report's date, when it has one

    @property
    def shown_scope(self) -> str:
        """The scope as a page shows it: a figure the text gives «đến nay» is at the time of writing,
        not over the window (the data files keep the scope as recorded, beside the text's words)."""
        if self.now_words:
            when = f" ({text.format_date(self.written)})" if self.written else ""
            return f"Tại thời điểm lập báo cáo{when}: văn bản ghi «{self.now_words}»"
        return self.scope


def shown(value: int, approx: str | None) -> str:
    return APPROX.get(approx or "", "") + text.format_number(value)


# words by which a text gives a figure at the time of writing rather than over the period
NOW_WORDS = {"den nay": "đến nay", "hien nay": "hiện nay", "hien tai": "hiện tại", "hien co": "hiện có"}
_NOW = re.compile(r"\b(" + "|".join(NOW_WORDS) + r")\b")
_SENTENCE_END = re.compile(r"[.!?\n](?!\d)")


def said_now(report: BaoCao, section: int, value: int) -> str | None:
    """The words («đến nay», «hiện tại»…) by which the sentence stating ``value`` gives it at the time
    of writing; a «Trong đó …» sentence continues the one before it. None when it says none."""
    sections = [muc for _, muc in report.sections()]
    if not 0 <= section < len(sections):
        return None
    for paragraph in [sections[section].tieu_de or "", *sections[section].doan_van]:
        for mention in prose.mentions(paragraph):
            if mention.value != value or mention.zero_word:
                continue
            starts = [0, *(m.end() for m in _SENTENCE_END.finditer(paragraph[: mention.start]))]
            sentence = " ".join(text.fold(paragraph[starts[-1] : mention.start]).lower().split())
            if sentence.startswith("trong do") and len(starts) > 1:
                sentence = " ".join(text.fold(paragraph[starts[-2] : mention.start]).lower().split())
            found = _NOW.search(sentence)
            if found:
                return NOW_WORDS[found.group(1)]
    return None


def said_now_of(report: BaoCao, figure: Figure) -> str | None:
    """«đến nay» when the text gives a figure of the reporting window at the time of writing."""
    if figure.scope is None or figure.scope.loai == "ky_bao_cao":
        return said_now(report, figure.section, figure.value)
    return None


def figure_rows(report: BaoCao, figures: FigureSet) -> list[FigureRow]:
    """Every structured figure of the report, in document order."""
    return [
        FigureRow(
            f.group_label,
            f.label,
            f.value,
            shown(f.value, f.approx),
            describe_scope(report, f.scope),
            f.key,
            f.indicator.unit,
            scope_kind(report, f.scope),
            f.scope,
            f.approx,
            f.breakdown.label,
            f.indicator.custom,
            said_now_of(report, f),
            report.ngay_ban_hanh,
        )
        for f in figures.figures
    ]


@dataclass(frozen=True)
class Known:
    value: int
    approx: bool
    signature: tuple
    sections: frozenset[int]
    derived: bool = False
    label: str = ""


def known_values(
    report: BaoCao,
    figures: FigureSet,
    catalogue: Catalogue,
    breakdown: Breakdown = WHOLE,
) -> dict[str, Known]:
    """The block's figures, plus the values its sums force (marked ``derived``)."""
    known = {
        key: Known(
            f.value,
            f.approx is not None,
            scope_signature(report, f.scope),
            frozenset({f.section}),
            False,
            f.indicator.label,
        )
        for key, f in figures.of(breakdown).items()
    }
    changed = True
    while changed:
        changed = False
        for rule in catalogue.sums:
            if not rule.exact:
                continue
            whole = known.get(rule.whole)
            parts = [known.get(part) for part in rule.parts]
            present = [k for k in (whole, *parts) if k is not None]
            if not present or any(k.approx for k in present) or len({k.signature for k in present}) > 1:
                continue
            forced: dict[str, int] = {}
            if whole is None:
                if all(p is not None for p in parts):
                    forced[rule.whole] = sum(p.value for p in parts if p is not None)
            else:
                missing = [key for key, value in zip(rule.parts, parts, strict=False) if value is None]
                given = sum(p.value for p in parts if p is not None)
                if missing and given == whole.value:
                    forced = dict.fromkeys(missing, 0)
                elif len(missing) == 1 and given < whole.value:
                    forced = {missing[0]: whole.value - given}
            sections = frozenset().union(*(k.sections for k in present))
            for key, value in forced.items():
                label = catalogue.indicators[key].label if key in catalogue.indicators else key
                known[key] = Known(value, False, present[0].signature, sections, True, label)
                changed = True
    return known


@dataclass(frozen=True)
class Rate:
    label: str
    numerator: int | None
    denominator: int | None
    formula: str
    key: str = ""  # "ty_le.dung_han"; empty for a rate the catalogue does not define
    kind: str = "ky"  # the scope kind of its denominator
    variant: str = "mac_dinh"
    breakdown: str = ""
    approx: bool = False  # computed from an approximate figure
    stated: str | None = None  # as the text writes it: "100%"
    matches: bool | None = None  # the stated value equals the computed one at its precision
    derived: tuple[tuple[str, int], ...] = ()  # values the sums force, used in the formula
    sections: frozenset[int] = frozenset()
    terms: tuple[str, ...] = ()  # indicator keys of the formula

    @property
    def computable(self) -> bool:
        return bool(self.denominator)

    @property
    def ratio(self) -> float:
        return (self.numerator or 0) / self.denominator if self.denominator else 0.0

    @property
    def shown(self) -> str:
        """One decimal, or as many as the text writes: «74,13%» is compared with 74,13, not 74,1."""
        if not self.computable:
            return self.stated or ""
        decimals = max(
            1, len(self.stated.rstrip("% ").split(",")[1]) if self.stated and "," in self.stated else 1
        )
        return ("khoảng " if self.approx else "") + text.format_percent(self.ratio, decimals)


def percent_at(numerator: int, denominator: int, decimals: int) -> Decimal:
    """The rate in percent, rounded half up at ``decimals`` places («99,57%»: 2).

    Rounding never reaches 100% or 0% unless the rate is exactly that: «đạt 100%» with 469 of
    470 would hide the one that was missed.
    """
    exact = Decimal(numerator * 100) / Decimal(denominator)
    shown = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    step = Decimal(1).scaleb(-decimals)
    if shown == 100 and numerator != denominator:
        return Decimal(100) - step
    if shown == 0 and numerator != 0:
        return step
    return shown


def compute(
    rate: RateDef | None,
    formula: Formula,
    label: str,
    known: dict[str, Known],
    kind_of: dict,
    breakdown: Breakdown,
) -> Rate | None:
    """The rate by ``formula`` from ``known``, or None when a term is missing or scopes differ."""
    terms = [known.get(key) for key in (*formula.numerator, *formula.denominator)]
    if any(t is None for t in terms):
        return None
    present = [t for t in terms if t is not None]
    if len({t.signature for t in present}) > 1:
        return None
    numerator = sum(known[k].value for k in formula.numerator)
    denominator = sum(known[k].value for k in formula.denominator)
    if denominator <= 0:
        return None
    derived = tuple(
        (known[k].label, known[k].value)
        for k in (*formula.numerator, *formula.denominator)
        if known[k].derived
    )
    return Rate(
        rate.label_for(formula) if rate else label,
        numerator,
        denominator,
        formula.label,
        rate.key if rate else "",
        kind_of.get(present[-1].signature, "ky"),
        formula.key,
        breakdown.label,
        any(t.approx for t in present),
        derived=derived,
        sections=frozenset().union(*(t.sections for t in present)),
        terms=(*formula.numerator, *formula.denominator),
    )


@dataclass
class RateTable:
    """The report's rates, and what the text's percentages say about them."""

    rates: list[Rate] = field(default_factory=list)
    unaccounted: list[tuple[int, int, prose.Percent, Rate | None]] = field(
        default_factory=list
    )  # section, paragraph
    not_in_text: list[StatedRate] = field(default_factory=list)
    mismatched: list[tuple[StatedRate, Rate]] = field(default_factory=list)


def rate_table(
    report: BaoCao, figures: FigureSet, catalogue: Catalogue, ties: dict[int, dict[str, tuple[int, int]]]
) -> RateTable:
    """Rates of every block, stated rates attached, every percentage of the sections accounted for.

    ``ties``: per section, the (paragraph, position) where each figure's number is written, to
    tell which rate a percentage written after them states.
    """
    table = RateTable()
    kind_of: dict[tuple, str] = {}
    by_block: dict[tuple, dict[str, Known]] = {}
    for breakdown in figures.breakdowns() or [WHOLE]:
        known = known_values(report, figures, catalogue, breakdown)
        by_block[breakdown.identity] = known
        for figure in figures.of(breakdown).values():
            kind_of[scope_signature(report, figure.scope)] = scope_kind(report, figure.scope)
    for breakdown in figures.breakdowns():
        for rate in catalogue.rates.values():
            found = compute(rate, rate.default, rate.label, by_block[breakdown.identity], kind_of, breakdown)
            if found is not None:
                table.rates.append(found)

    for stated in figures.stated_rates:
        known = by_block.get(stated.breakdown.identity, {})
        computed = (
            compute(stated.rate, stated.formula, stated.label, known, kind_of, stated.breakdown)
            if stated.formula
            else None
        )
        matches = (
            None
            if computed is None or computed.approx
            else percent_at(computed.numerator or 0, computed.denominator or 1, stated.decimals)
            == stated.value
        )
        index = next(
            (
                i
                for i, r in enumerate(table.rates)
                if computed is not None
                and r.key == computed.key
                and r.variant == computed.variant
                and r.breakdown == computed.breakdown
            ),
            None,
        )
        if index is not None:
            table.rates[index] = _with_stated(table.rates[index], stated.written, matches)
        elif computed is not None:
            table.rates.append(_with_stated(computed, stated.written, matches))
        else:
            formula = (
                stated.formula.label
                if stated.formula
                else "theo văn bản; báo cáo không nêu đủ số liệu để tính lại"
            )
            table.rates.append(
                Rate(
                    stated.rate.label_for(stated.formula) if stated.rate and stated.formula else stated.label,
                    None,
                    None,
                    formula,
                    stated.rate.key if stated.rate else "",
                    variant=stated.formula.key if stated.formula else "",
                    breakdown=stated.breakdown.label,
                    stated=stated.written,
                )
            )
        if matches is False and computed is not None:
            table.mismatched.append((stated, computed))

    for section, (_, muc) in enumerate(report.sections()):
        paragraphs = [muc.tieu_de or "", *muc.doan_van]
        explicit = [s for s in figures.stated_rates if s.section == section]
        seen_explicit: set[int] = set()
        changes = [prose.normalized(c.written) for c in figures.stated_changes if c.section == section]
        for number, paragraph in enumerate(paragraphs):
            for percent in prose.percents(paragraph):
                hit = next(
                    (
                        i
                        for i, s in enumerate(explicit)
                        if (s.value, s.decimals) == (percent.value, percent.decimals)
                        and i not in seen_explicit
                    ),
                    None,
                )
                if hit is None:
                    hit = next(
                        (
                            i
                            for i, s in enumerate(explicit)
                            if (s.value, s.decimals) == (percent.value, percent.decimals)
                        ),
                        None,
                    )
                if hit is not None:
                    seen_explicit.add(hit)
                    continue
                if any(prose.normalized(percent.written) in change for change in changes):
                    continue
                # the rates whose numbers stand before it in its paragraph, else those of the section
                tied = ties.get(section, {})
                pool = [(i, r) for i, r in enumerate(table.rates) if section in r.sections and r.computable]
                local = [(i, r) for i, r in pool if _distance(r, tied, number, percent.start)[0] == 0]
                candidates = [
                    (i, r)
                    for i, r in (local or pool)
                    if not r.approx
                    and r.stated is None
                    and percent_at(r.numerator or 0, r.denominator or 1, percent.decimals) == percent.value
                ]
                if candidates:
                    chosen = min(candidates, key=lambda c: _distance(c[1], tied, number, percent.start))
                    table.rates[chosen[0]] = _with_stated(chosen[1], percent.written, True)
                    continue
                nearest = min(
                    (r for _, r in (local or pool)),
                    key=lambda r: _distance(r, tied, number, percent.start),
                    default=None,
                )
                table.unaccounted.append((section, number, percent, nearest))
        table.not_in_text += [s for i, s in enumerate(explicit) if i not in seen_explicit]
    return table


def _with_stated(rate: Rate, written: str, matches: bool | None) -> Rate:
    from dataclasses import replace

    return replace(rate, stated=written, matches=matches)


def _distance(rate: Rate, tied: dict[str, tuple[int, int]], paragraph: int, position: int) -> tuple[int, int]:
    """How far before the percentage the rate's own numbers stand (same paragraph first)."""
    before = [
        start
        for key in rate.terms
        if key in tied
        for number, start in [tied[key]]
        if number == paragraph and start < position
    ]
    return (0, position - max(before)) if before else (1, 0)
