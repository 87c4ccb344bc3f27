"""A report's «so_lieu» blocks read against the catalogue: groups, breakdowns, figures, stated rates.

The YAML under a section's ``so_lieu`` names groups of the catalogue (``ho_so``, ``can_bo``…).
A group is written once as a mapping, or as a list of mappings when the section gives the same
figures for several units or parts, each labelled with what it covers (``doi_voi``, ``linh_vuc``,
``trong_do``). Stated rates (``ty_le``) and changes (``thay_doi``) sit beside the groups.
Everything is read into immutable objects; every problem is located in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from ..addresses import CONTENT_DIR, CUSTOM_FILE
from ..content.documents import Document, Loc, dotted
from ..content.translate import _show, blank_figure, one_of, validate_items, validate_value
from ..core.errors import Problem, Problems
from ..core.models import BaoCao, PhamVi, SoLieu, ThayDoiNeu, TyLeNeu, VanBan, _read_figure
from ..text import fold, slugify
from . import prose
from .catalogue import (
    BREAKDOWN_KEYS,
    RATE_PREFIX,
    SCOPE_KEY,
    Catalogue,
    Formula,
    Group,
    Indicator,
    ListSpec,
    RateDef,
)

STATED_RATES = "ty_le"
STATED_CHANGES = "thay_doi"
_BREAKDOWN_WORDS = {"doi_voi": "Đối với", "linh_vuc": "Lĩnh vực", "trong_do": "Trong đó"}


@dataclass(frozen=True)
class Breakdown:
    """What a block of figures covers, when not the whole of the issuing body."""

    doi_voi: str | None = None  # another unit: «các xã, phường»
    linh_vuc: str | None = None  # a field within the unit: «Đất đai»
    trong_do: str | None = None  # any other part: «hồ sơ của doanh nghiệp»

    @property
    def identity(self) -> tuple[str, str, str]:
        return tuple(
            " ".join(fold(v or "").lower().split()) for v in (self.doi_voi, self.linh_vuc, self.trong_do)
        )  # type: ignore[return-value]

    @property
    def whole(self) -> Breakdown:
        """The block a part belongs to: the same unit, without the part."""
        return Breakdown(self.doi_voi)

    @property
    def is_part(self) -> bool:
        return bool(self.linh_vuc or self.trong_do)

    @property
    def label(self) -> str:
        """«Đối với các xã, phường; lĩnh vực Đất đai»; empty for the whole."""
        parts = [
            f"{_BREAKDOWN_WORDS[key]} {value}" if key != "trong_do" else f"Trong đó: {value}"
            for key, value in zip(BREAKDOWN_KEYS, (self.doi_voi, self.linh_vuc, self.trong_do), strict=False)
            if value
        ]
        return "; ".join(part if i == 0 else part[0].lower() + part[1:] for i, part in enumerate(parts))

    @property
    def slug(self) -> str:
        return "+".join(
            f"{key.replace('_', '-')}-{slugify(value)}"
            for key, value in zip(BREAKDOWN_KEYS, (self.doi_voi, self.linh_vuc, self.trong_do), strict=False)
            if value
        )


WHOLE = Breakdown()


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    value: int
    approx: str | None
    scope: PhamVi | None  # the effective scope: the figure's own, else its group's
    loc: Loc
    section: int  # index among the report's numbered sections
    breakdown: Breakdown = WHOLE
    group_label: str = ""
    quote: str | None = None
    item: tuple[str, int, str] | None = None  # (list key, index, item name) for list items
    scope_loc: Loc | None = None  # where the scope that applies to it is written
    proposed: bool = False  # «de_xuat»: read from the text by import-report, not yet confirmed

    @property
    def key(self) -> str:
        """Stable id across periods, as in the CSV files (list items by position)."""
        if self.item is None:
            return self.indicator.key
        list_key, index, _ = self.item
        return f"{self.indicator.group}.{list_key}.{index}.{self.indicator.name}"

    @property
    def label(self) -> str:
        if self.item is not None:
            return f"{self.item[2]}: {self.indicator.label}"
        return self.indicator.row_label


@dataclass(frozen=True)
class Occurrence:
    """One appearance of a group in a section."""

    group: Group
    breakdown: Breakdown
    scope: PhamVi | None
    loc: Loc
    section: int
    documents: tuple[VanBan, ...] = ()
    options: dict[str, str] = field(default_factory=dict)
    dump: dict[str, Any] = field(default_factory=dict)  # canonical form (JSON download, fingerprints)


@dataclass(frozen=True)
class StatedRate:
    """A percentage the text states, with the definition the clerk recorded for it."""

    loc: Loc
    section: int
    written: str  # "85,25%"
    value: Decimal
    decimals: int
    label: str
    rate: RateDef | None = None
    formula: Formula | None = None  # a variant of ``rate``, or the text's own formula
    breakdown: Breakdown = WHOLE
    proposed: bool = False  # «de_xuat»: read from the text by import-report, not yet confirmed


@dataclass(frozen=True)
class StatedChange:
    """A change against another period that the text states («tăng 36,49%»)."""

    loc: Loc
    section: int
    written: str
    sign: int  # +1 tăng, -1 giảm
    magnitude: Decimal
    decimals: int
    unit: str  # phan_tram, diem_phan_tram, so
    target: str  # indicator or rate key
    against: str  # ky_truoc, cung_ky
    label: str
    formula: Formula | None = None
    breakdown: Breakdown = WHOLE
    proposed: bool = False  # «de_xuat»: read from the text by import-report, not yet confirmed


@dataclass
class FigureSet:
    """Every structured figure of a report, in document order."""

    figures: list[Figure] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    stated_rates: list[StatedRate] = field(default_factory=list)
    stated_changes: list[StatedChange] = field(default_factory=list)
    dumps: dict[int, dict[str, Any]] = field(default_factory=dict)  # canonical «so_lieu» by section

    def of(self, breakdown: Breakdown = WHOLE) -> dict[str, Figure]:
        """The figures of one block (all sections together), by indicator key."""
        wanted = breakdown.identity
        return {f.key: f for f in self.figures if f.breakdown.identity == wanted}

    def breakdowns(self) -> list[Breakdown]:
        seen: dict[tuple, Breakdown] = {}
        for occurrence in self.occurrences:
            seen.setdefault(occurrence.breakdown.identity, occurrence.breakdown)
        return list(seen.values())


@dataclass(frozen=True)
class _Block:
    """Where the figures being read stand: their section, the block's breakdown and the scope that
    applies, the group's label; and what the block also collects (its documents and choices)."""

    section: int
    breakdown: Breakdown
    scope: tuple[PhamVi, Loc] | None
    group_label: str
    documents: list[VanBan] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)


class _Reader:
    def __init__(self, doc: Document, catalogue: Catalogue, problems: Problems) -> None:
        self.doc, self.catalogue, self.problems = doc, catalogue, problems

    def err(
        self, loc: Loc, message: str, found: Any = None, expected: Any = None, hint: str | None = None
    ) -> None:
        self.problems.add(
            Problem(
                self.doc.name,
                self.doc.line(loc),
                dotted(loc),
                message,
                None if found is None else str(found),
                None if expected is None else str(expected),
                hint,
            )
        )

    def section(self, raw: Any, loc: Loc, section: int, into: FigureSet) -> None:
        if not isinstance(raw, dict):
            self.err(
                loc,
                "Cần một nhóm trường (Số liệu).",
                "một danh sách" if isinstance(raw, list) else raw,
                "các dòng dạng «tên_nhóm: …», VD: «ho_so:»",
            )
            return
        dump: dict[str, Any] = {}
        order = {key: i for i, key in enumerate([*self.catalogue.groups, STATED_RATES, STATED_CHANGES])}
        for key in sorted(raw, key=lambda k: order.get(k, len(order))):
            value, where = raw[key], (*loc, key)
            if key == STATED_RATES:
                dump[key] = self.stated_rates(value, where, section, into)
            elif key == STATED_CHANGES:
                dump[key] = self.stated_changes(value, where, section, into)
            elif key in self.catalogue.groups:
                dump[key] = self.group_value(self.catalogue.groups[key], value, where, section, into)
            else:
                self.unknown_group(key, where)
        into.dumps[section] = dump

    def unknown_group(self, key: str, loc: Loc) -> None:
        groups = list(self.catalogue.groups)
        close = self.catalogue.nearest(key, [*groups, STATED_RATES, STATED_CHANGES])
        owners = self.catalogue.elsewhere(key)
        if str(key).startswith("ty_le") and key != STATED_RATES:
            hint = (
                "Tỷ lệ được tính tự động từ các số liệu, không nhập tay; tỷ lệ văn bản nêu ghi ở "
                "«ty_le: [{gia_tri: …, chi_tieu: …}]»."
            )
        elif owners:
            hint = f"«{key}» là chỉ tiêu của nhóm «{owners[0]}»: ghi dưới «{owners[0].split('.')[0]}:»."
        elif close:
            hint = f"Có phải ý bạn là «{close}»?"
        else:
            hint = _declare_hint(f"{key}.ten_chi_tieu") + "\n  (và khai báo nhóm ở «nhom» của tệp đó)"
        self.err(
            loc,
            f"Nhóm số liệu lạ «{key}».",
            key,
            "một nhóm của danh mục chỉ tiêu: " + ", ".join(groups),
            hint,
        )

    def group_value(self, group: Group, value: Any, loc: Loc, section: int, into: FigureSet) -> Any:
        if isinstance(value, list):
            dumps: list[Any] = []
            seen: dict[tuple, Loc] = {}
            for index, item in enumerate(value):
                if not isinstance(item, dict):
                    self.err(
                        (*loc, index),
                        f"Cần một nhóm trường ({group.label}).",
                        _shown(item),
                        "mỗi khối số liệu là các dòng «tên: giá trị»",
                    )
                    continue
                occurrence = self.occurrence(group, item, (*loc, index), section, into)
                if occurrence is None:
                    continue
                identity = occurrence.breakdown.identity
                if identity in seen:
                    self.err(
                        (*loc, index),
                        f"Hai khối «{group.key}» cùng đối tượng trong một mục.",
                        occurrence.breakdown.label or "khối chung (không ghi đối tượng)",
                        "mỗi khối ghi một đối tượng riêng (doi_voi, linh_vuc hoặc trong_do)",
                        f"Khối trước ở dòng {self.doc.line(seen[identity])}.",
                    )
                seen[identity] = (*loc, index)
                dumps.append(occurrence.dump)
            return dumps
        if not isinstance(value, dict):
            self.err(
                loc,
                f"Cần một nhóm trường ({group.label}).",
                _shown(value),
                "các dòng dạng «tên_chỉ_tiêu: số», VD: «tiep_nhan: 482»",
                "Mỗi chỉ tiêu một dòng dưới tên nhóm, thụt vào hai dấu cách.",
            )
            return None
        occurrence = self.occurrence(group, value, loc, section, into)
        return occurrence.dump if occurrence else None

    def occurrence(
        self, group: Group, raw: dict, loc: Loc, section: int, into: FigureSet
    ) -> Occurrence | None:
        labels: dict[str, str | None] = {}
        for key in BREAKDOWN_KEYS:
            text = raw.get(key)
            if text is not None and not (isinstance(text, str) and text.strip()):
                self.err(
                    (*loc, key),
                    f"Cần văn bản ({_BREAKDOWN_WORDS[key]}).",
                    _shown(text),
                    "tên đơn vị, lĩnh vực hoặc phần được tính riêng, VD: «các xã, phường»",
                )
                text = None
            labels[key] = " ".join(text.split()) if isinstance(text, str) else None
        if labels["linh_vuc"] and labels["trong_do"]:
            self.err(
                (*loc, "trong_do"),
                "Một khối số liệu ghi «linh_vuc» hoặc «trong_do», không cả hai.",
                "cả hai",
                "một trong hai",
            )
        breakdown = Breakdown(labels["doi_voi"], labels["linh_vuc"], labels["trong_do"])
        block = _Block(section, breakdown, None, self.catalogue.groups[group.path[0]].label)
        dump, figures, scope = self.members(group, raw, loc, block, top=True)
        into.figures.extend(figures)
        occurrence = Occurrence(
            group, breakdown, scope, loc, section, tuple(block.documents), block.options, dump
        )
        into.occurrences.append(occurrence)
        return occurrence

    def members(
        self, group: Group, raw: dict, loc: Loc, block: _Block, top: bool = False
    ) -> tuple[dict[str, Any], list[Figure], PhamVi | None]:
        """A group's (or a subgroup's) members of one block: its scope (for it and what it holds),
        figures, subgroups, lists, choices and documents."""
        dump: dict[str, Any] = {}
        figures: list[Figure] = []
        if SCOPE_KEY in raw:
            read = validate_value(self.doc, (*loc, SCOPE_KEY), PhamVi, raw[SCOPE_KEY], self.problems)
            if read is not None:
                dump[SCOPE_KEY] = read.model_dump(mode="json", exclude_none=True)
                block = replace(block, scope=(read, (*loc, SCOPE_KEY)))
        scope = block.scope
        allowed = group.members() if top else [m for m in group.members() if m not in BREAKDOWN_KEYS]
        order = {key: i for i, key in enumerate(allowed)}
        for key in sorted(raw, key=lambda k: order.get(k, len(order))):
            value, where = raw[key], (*loc, key)
            if key == SCOPE_KEY:
                continue
            if key in BREAKDOWN_KEYS and top:
                if value is not None:
                    dump[key] = " ".join(str(value).split())
            elif key in group.indicators:
                figure = self.figure(group.indicators[key], value, where, block)
                if figure is not None:
                    figures.append(figure[0])
                    dump[key] = figure[1]
            elif key in group.subgroups:
                sub = group.subgroups[key]
                if not isinstance(value, dict):
                    self.err(
                        where,
                        f"Cần một nhóm trường ({sub.label}).",
                        _shown(value),
                        "các dòng dạng «tên_chỉ_tiêu: số»",
                    )
                    continue
                sub_dump, sub_figures, _ = self.members(sub, value, where, block)
                dump[key] = sub_dump
                figures += sub_figures
            elif key in group.lists:
                items, item_figures = self.list_items(group.lists[key], value, where, block)
                dump[key] = items
                figures += item_figures
            elif key in group.options:
                option = group.options[key]
                if not isinstance(value, str) or value not in option.values:
                    self.err(
                        where,
                        f"Giá trị không được phép ({option.label}).",
                        _shown(value),
                        one_of(option.values),
                    )
                else:
                    dump[key] = block.options[key] = value
            elif key == "van_ban" and group.documents:
                read_documents = validate_items(
                    self.doc, where, VanBan, value, self.problems, "Quyết định, thông báo"
                )
                if read_documents is not None:
                    block.documents.extend(read_documents)
                    dump[key] = [d.model_dump(mode="json", exclude_none=True) for d in read_documents]
            else:
                self.unknown_member(group, key, where, allowed)
        return dump, figures, scope[0] if scope is not None and SCOPE_KEY in dump else None

    def unknown_member(self, group: Group, key: str, loc: Loc, allowed: list[str]) -> None:
        close = self.catalogue.nearest(str(key), allowed)
        owners = [g for g in self.catalogue.elsewhere(str(key)) if g != group.key]
        if str(key).startswith("ty_le"):
            hint = (
                "Tỷ lệ được tính tự động từ các số liệu, không nhập tay; tỷ lệ văn bản nêu ghi ở "
                "«so_lieu.ty_le» kèm cách tính."
            )
        elif owners:
            hint = f"«{key}» là chỉ tiêu của nhóm «{owners[0]}», không phải của «{group.key}»."
        elif close:
            hint = f"Có phải ý bạn là «{close}»? Nếu không: " + _declare_hint(f"{group.key}.{key}")
        else:
            hint = _declare_hint(f"{group.key}.{key}")
        self.err(loc, f"Trường lạ «{key}».", key, one_of(allowed, shorten=False), hint)

    def figure(
        self,
        indicator: Indicator,
        value: Any,
        loc: Loc,
        block: _Block,
        item: tuple[str, int, str] | None = None,
    ) -> tuple[Figure, dict[str, Any]] | None:
        """One figure (a number, or a number with its scope, approximation, phrase), and its dump."""
        if value is None:  # left blank, as new-report leaves every figure
            self.problems.add(blank_figure(self.doc, loc, indicator.label, indicator.required))
            return None
        read: SoLieu | None = validate_value(
            self.doc, loc, SoLieu, value, self.problems, indicator.label, _read_figure
        )
        if read is None:
            return None
        applies = (read.pham_vi, (*loc, SCOPE_KEY)) if read.pham_vi is not None else block.scope
        figure = Figure(
            indicator,
            read.gia_tri,
            read.xap_xi,
            applies[0] if applies else None,
            loc,
            block.section,
            block.breakdown,
            block.group_label,
            read.trich,
            item,
            applies[1] if applies else None,
            read.de_xuat is not None,
        )
        return figure, read.model_dump(mode="json", exclude_none=True)

    def list_items(
        self, spec: ListSpec, value: Any, loc: Loc, block: _Block
    ) -> tuple[list[Any], list[Figure]]:
        """A list of named items (training courses), each with its figures and, maybe, its scope."""
        if not isinstance(value, list):
            self.err(loc, f"Cần một danh sách ({spec.label}).", _shown(value), "các dòng bắt đầu bằng «- »")
            return [], []
        dumps: list[Any] = []
        figures: list[Figure] = []
        allowed = [SCOPE_KEY, spec.name_key, *spec.indicators]
        for index, item in enumerate(value):
            where = (*loc, index)
            if not isinstance(item, dict):
                self.err(
                    where,
                    f"Cần một nhóm trường ({spec.label}).",
                    _shown(item),
                    f"«{spec.name_key}: …» và các chỉ tiêu của mục",
                )
                continue
            dump: dict[str, Any] = {}
            item_block = block
            if SCOPE_KEY in item:
                read = validate_value(self.doc, (*where, SCOPE_KEY), PhamVi, item[SCOPE_KEY], self.problems)
                if read is not None:
                    dump[SCOPE_KEY] = read.model_dump(mode="json", exclude_none=True)
                    item_block = replace(block, scope=(read, (*where, SCOPE_KEY)))
            name = item.get(spec.name_key)
            if not (isinstance(name, str) and name.strip()):
                self.err(
                    (*where, spec.name_key),
                    f"Thiếu trường bắt buộc «{spec.name_key}» ({spec.name_label}).",
                    "không có" if name is None else _shown(name),
                    "văn bản không rỗng",
                )
                name = ""
            else:
                dump[spec.name_key] = name = " ".join(name.split())
            for key in item:
                if key not in allowed:
                    close = self.catalogue.nearest(str(key), allowed)
                    self.err(
                        (*where, key),
                        f"Trường lạ «{key}».",
                        key,
                        one_of(allowed, shorten=False),
                        f"Có phải ý bạn là «{close}»?" if close else None,
                    )
            for key, indicator in spec.indicators.items():
                if key not in item:
                    if indicator.required:
                        self.err(
                            where,
                            f"Thiếu trường bắt buộc «{key}» ({indicator.label}).",
                            "không có",
                            "trường này phải có",
                        )
                    continue
                read_figure = self.figure(
                    indicator, item[key], (*where, key), item_block, (spec.key, index, name)
                )
                if read_figure is not None:
                    figures.append(read_figure[0])
                    dump[key] = read_figure[1]
            dumps.append(dump)
        return dumps, figures

    def stated_rates(self, value: Any, loc: Loc, section: int, into: FigureSet) -> list[Any]:
        if not isinstance(value, list):
            self.err(
                loc,
                "Cần một danh sách (Tỷ lệ nêu trong văn bản).",
                _shown(value),
                "các dòng «- gia_tri: 85,25%» kèm «chi_tieu»",
            )
            return []
        dumps = []
        for index, raw in enumerate(value):
            where = (*loc, index)
            read: TyLeNeu | None = validate_value(self.doc, where, TyLeNeu, raw, self.problems)
            if read is None:
                continue
            dumps.append(read.model_dump(mode="json", exclude_none=True, exclude_defaults=True))
            percent = prose.parse_percent(read.gia_tri)
            assert percent is not None  # the model's pattern
            rate = self.rate_def(read.chi_tieu, (*where, "chi_tieu")) if read.chi_tieu else None
            formula = self.formula(rate, read.cong_thuc, read.tu_so, read.mau_so, where)
            if read.chi_tieu is None and formula is None and not read.nhan:
                self.err(
                    where,
                    "Tỷ lệ nêu trong văn bản cần «chi_tieu» (tỷ lệ nào) hoặc «nhan» (tên tỷ lệ).",
                    read.gia_tri,
                    "chi_tieu: ty_le.… (để đối chiếu), hoặc nhan: … (chỉ ghi nhận)",
                    "Các tỷ lệ có sẵn: " + ", ".join(self.catalogue.rates),
                )
            if read.chi_tieu and rate is None:
                continue
            label = read.nhan or (
                rate.label if rate else _formula_label(self.catalogue, formula) if formula else ""
            )
            into.stated_rates.append(
                StatedRate(
                    where,
                    section,
                    read.gia_tri,
                    percent.value,
                    percent.decimals,
                    label,
                    rate,
                    formula,
                    _breakdown(read),
                    bool(read.de_xuat),
                )
            )
        return dumps

    def rate_def(self, key: str, loc: Loc) -> RateDef | None:
        rate = self.catalogue.rates.get(key)
        if rate is None:
            close = self.catalogue.nearest(key, list(self.catalogue.rates))
            self.err(
                loc,
                "Không có tỷ lệ này trong danh mục chỉ tiêu.",
                key,
                one_of(self.catalogue.rates, shorten=False),
                f"Có phải ý bạn là «{close}»?"
                if close
                else "Văn bản tự nêu công thức thì ghi «tu_so» và «mau_so» (các mã chỉ tiêu) thay cho «chi_tieu».",
            )
        return rate

    def formula(
        self,
        rate: RateDef | None,
        variant: str | None,
        numerator: list[str],
        denominator: list[str],
        loc: Loc,
    ) -> Formula | None:
        """The definition a stated rate or change uses: a variant of ``rate``, or the text's own."""
        if numerator or denominator:
            if variant is not None:
                self.err(
                    (*loc, "cong_thuc"),
                    "Ghi «cong_thuc» hoặc «tu_so»/«mau_so», không cả hai.",
                    variant,
                    "một cách ghi công thức",
                )
            ok = True
            for name, keys in (("tu_so", numerator), ("mau_so", denominator)):
                if not keys:
                    self.err(
                        (*loc, name),
                        "Công thức của văn bản cần cả «tu_so» và «mau_so».",
                        "không có",
                        "danh sách mã chỉ tiêu, VD: [ho_so.tiep_nhan]",
                    )
                    ok = False
                for index, key in enumerate(keys):
                    if key not in self.catalogue.indicators:
                        close = self.catalogue.nearest(key, list(self.catalogue.indicators))
                        self.err(
                            (*loc, name, index),
                            "Không có chỉ tiêu này trong danh mục.",
                            key,
                            "mã một chỉ tiêu",
                            f"Có phải ý bạn là «{close}»?" if close else None,
                        )
                        ok = False
            if not ok:
                return None
            custom = Formula("van_ban", "", tuple(numerator), tuple(denominator))
            return Formula(
                "van_ban", _formula_label(self.catalogue, custom), custom.numerator, custom.denominator
            )
        if rate is None:
            return None
        if variant is None:
            return rate.default
        if variant not in rate.formulas:
            self.err(
                (*loc, "cong_thuc"),
                f"Tỷ lệ «{rate.key}» không có cách tính này.",
                variant,
                one_of(rate.formulas, shorten=False)
                + " ("
                + "; ".join(f"{f.key}: {f.label}" for f in rate.formulas.values())
                + ")",
                "Văn bản dùng công thức khác thì ghi «tu_so» và «mau_so» (các mã chỉ tiêu).",
            )
            return None
        return rate.formulas[variant]

    def stated_changes(self, value: Any, loc: Loc, section: int, into: FigureSet) -> list[Any]:
        if not isinstance(value, list):
            self.err(
                loc,
                "Cần một danh sách (Thay đổi nêu trong văn bản).",
                _shown(value),
                "các dòng «- chi_tieu: …» kèm «gia_tri: tăng 36,49%» và «don_vi»",
            )
            return []
        dumps = []
        for index, raw in enumerate(value):
            where = (*loc, index)
            read: ThayDoiNeu | None = validate_value(self.doc, where, ThayDoiNeu, raw, self.problems)
            if read is None:
                continue
            dumps.append(read.model_dump(mode="json", exclude_none=True, exclude_defaults=True))
            parsed = parse_change(read.gia_tri)
            if parsed is None:
                self.err(
                    (*where, "gia_tri"),
                    "Không đọc được thay đổi.",
                    read.gia_tri,
                    "«tăng» hoặc «giảm» và một số, VD: «tăng 36,49%», «giảm 12 hồ sơ»",
                )
                continue
            sign, magnitude, decimals, has_percent = parsed
            if has_percent != (read.don_vi != "so"):
                self.err(
                    (*where, "don_vi"),
                    "Đơn vị của thay đổi không khớp cách văn bản viết.",
                    read.don_vi,
                    "phan_tram hoặc diem_phan_tram khi văn bản viết «%»; so khi văn bản viết số chênh lệch",
                )
                continue
            is_rate = read.chi_tieu.startswith(RATE_PREFIX)
            rate = self.rate_def(read.chi_tieu, (*where, "chi_tieu")) if is_rate else None
            indicator = None if is_rate else self.catalogue.indicators.get(read.chi_tieu)
            if not is_rate and indicator is None:
                close = self.catalogue.nearest(read.chi_tieu, list(self.catalogue.indicators))
                self.err(
                    (*where, "chi_tieu"),
                    "Không có chỉ tiêu này trong danh mục.",
                    read.chi_tieu,
                    "mã một chỉ tiêu (VD: ho_so.tiep_nhan) hoặc một tỷ lệ (VD: ty_le.dung_han)",
                    f"Có phải ý bạn là «{close}»?" if close else None,
                )
                continue
            if is_rate and rate is None:
                continue
            if read.don_vi == "diem_phan_tram" and not is_rate:
                self.err(
                    (*where, "don_vi"),
                    "Điểm phần trăm chỉ dùng cho thay đổi của một tỷ lệ.",
                    read.don_vi,
                    "phan_tram (tăng, giảm bao nhiêu % so với kỳ trước) hoặc so",
                )
                continue
            formula = self.formula(rate, read.cong_thuc, [], [], where) if rate else None
            label = rate.label if rate else indicator.row_label if indicator else read.chi_tieu
            into.stated_changes.append(
                StatedChange(
                    where,
                    section,
                    read.gia_tri,
                    sign,
                    magnitude,
                    decimals,
                    read.don_vi,
                    read.chi_tieu,
                    read.so_voi,
                    label,
                    formula,
                    _breakdown(read),
                    bool(read.de_xuat),
                )
            )
        return dumps


_CHANGE_TEXT = re.compile(
    r"^(tang|giam)(?:\s+them)?\s+(\d+(?:[.,]\d+)?)\s*(%|diem\s*%|diem\s+phan\s+tram)?", re.IGNORECASE
)


def parse_change(written: str) -> tuple[int, Decimal, int, bool] | None:
    """«tăng 36,49%» → (+1, 36.49, 2, True); «giảm 12 hồ sơ» → (-1, 12, 0, False)."""
    match = _CHANGE_TEXT.match(fold(" ".join(written.split())).lower())
    if not match:
        return None
    number = match.group(2)
    if "." in number and "," not in number and len(number.split(".")[1]) == 3:
        number = number.replace(".", "")  # 1.442: thousands
    number = number.replace(",", ".")
    decimals = len(number.split(".")[1]) if "." in number else 0
    return (1 if match.group(1) == "tang" else -1), Decimal(number), decimals, match.group(3) is not None


def _formula_label(catalogue: Catalogue, formula: Formula) -> str:
    def side(keys: tuple[str, ...]) -> str:
        names = [catalogue.indicators[k].label if k in catalogue.indicators else k for k in keys]
        return names[0] if len(names) == 1 else "(" + " + ".join(names) + ")"

    return f"{side(formula.numerator)} ÷ {side(formula.denominator)}"


def _breakdown(read: TyLeNeu | ThayDoiNeu) -> Breakdown:
    clean = [" ".join(v.split()) if v else None for v in (read.doi_voi, read.linh_vuc, read.trong_do)]
    return Breakdown(*clean)


def _shown(value: Any) -> str:
    return _show(value, None)


def _declare_hint(key: str) -> str:
    return (
        f"Chỉ tiêu không có trong danh mục chung: nếu báo cáo của xã có số liệu này, khai báo một lần trong "
        f"{CONTENT_DIR}/{CUSTOM_FILE}:\n  chi_tieu:\n    - khoa: {key}\n      nhan: <tên chỉ tiêu như báo cáo viết>\n"
        "      don_vi: <đơn vị tính, VD: lượt>"
    )


def read_figures(doc: Document, report: BaoCao, catalogue: Catalogue, problems: Problems) -> FigureSet:
    """Every numbered section's «so_lieu» of one report, read against the catalogue."""
    found = FigureSet()
    for index, (loc, muc) in enumerate(report.sections()):
        if muc.so_lieu is not None:
            read_section(doc, muc.so_lieu, (*loc, "so_lieu"), catalogue, problems, index, found)
    return found


def read_section(
    doc: Document,
    raw: Any,
    loc: Loc,
    catalogue: Catalogue,
    problems: Problems,
    section: int = 0,
    into: FigureSet | None = None,
) -> FigureSet:
    """One «so_lieu» block at ``loc`` of ``doc`` (``section``: its index among the report's sections)."""
    found = into if into is not None else FigureSet()
    _Reader(doc, catalogue, problems).section(raw, loc, section, found)
    return found
