"""The indicator catalogue: every figure a report may state, declared once as data.

``chi_tieu.yaml`` (in this package) declares units, groups of figures, the sums that bind them
and the rates defined on them. A commune may declare its own indicators in
``content/chi-tieu-rieng.yaml`` with the same entry format. Both are read into the immutable
``Catalogue`` below, from which validation, the JSON Schema, the data-entry guide, the report
tables, the CSV columns, the history series and the charts all derive.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from ..addresses import CUSTOM_FILE
from ..content.documents import Document, load_yaml
from ..content.translate import read_quietly
from ..core.errors import Problems
from ..core.models import Model, Text
from ..text import fold

NATIONAL_FILE = Path(__file__).with_name("chi_tieu.yaml")
RATE_PREFIX = "ty_le."
# Keys of a group that are not indicators: its scope and what a breakdown covers
SCOPE_KEY = "pham_vi"
BREAKDOWN_KEYS = ("doi_voi", "linh_vuc", "trong_do")
RESERVED = (SCOPE_KEY, *BREAKDOWN_KEYS, "gia_tri", "ty_le", "thay_doi")

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
FullKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){1,2}$", max_length=120)]


class NhomRieng(Model):
    khoa: Key = Field(title="Mã nhóm", description="Chữ thường không dấu, VD: moi_truong")
    nhan: Text = Field(title="Tên nhóm", description="VD: Bảo vệ môi trường")
    mo_ta: str | None = Field(None, title="Mô tả")


class ChiTieuRieng(Model):
    khoa: FullKey = Field(
        title="Mã chỉ tiêu",
        description="nhóm.tên, VD: tuyen_truyen.tin_zalo; nhóm là một nhóm có sẵn hoặc nhóm khai báo ở «nhom»",
    )
    nhan: Text = Field(
        title="Tên chỉ tiêu", description="Như báo cáo viết, VD: Tin bài đăng trên nhóm Zalo của xã"
    )
    don_vi: Text = Field(title="Đơn vị tính", description="VD: bài, lượt, hồ sơ")
    thuoc: FullKey | None = Field(
        None,
        title="Là một phần của",
        description="Mã chỉ tiêu lớn hơn chứa chỉ tiêu này (không vượt quá nó), VD: tuyen_truyen.bai_dang",
    )
    tu_khoa: list[Text] = Field(
        default_factory=list,
        title="Từ khóa trong văn bản",
        description="Chữ đi cùng số trong văn bản, khi đơn vị chưa đủ phân biệt",
    )
    mo_ta: str | None = Field(None, title="Mô tả")


class KhaiBaoRieng(Model):
    """The commune's own indicators (``content/chi-tieu-rieng.yaml``)."""

    nhom: list[NhomRieng] = Field(default_factory=list, title="Nhóm riêng")
    chi_tieu: list[ChiTieuRieng] = Field(default_factory=list, title="Chỉ tiêu riêng")


@dataclass(frozen=True)
class Indicator:
    key: str  # "can_bo.theo_loai.can_bo"
    label: str  # "Cán bộ"
    unit: str  # "người"
    row_label: str  # "Theo loại: Cán bộ" (the group's name is shown beside it)
    required: bool = False
    keywords: tuple[str, ...] = ()  # words that tell it from another figure of the same unit
    danh_muc: str | None = None
    description: str = ""
    custom: bool = False

    @property
    def group(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.rsplit(".", 1)[1]


@dataclass(frozen=True)
class ListSpec:
    """A list of named items, each with figures (the training courses of «dao_tao.lop»)."""

    key: str
    label: str
    name_key: str  # "noi_dung"
    name_label: str
    indicators: dict[str, Indicator]


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    description: str
    values: dict[str, str]


@dataclass(frozen=True)
class Group:
    path: tuple[str, ...]  # ("can_bo",) or ("can_bo", "theo_loai")
    label: str
    description: str = ""
    documents: bool = False
    indicators: dict[str, Indicator] = field(default_factory=dict)
    subgroups: dict[str, Group] = field(default_factory=dict)
    lists: dict[str, ListSpec] = field(default_factory=dict)
    options: dict[str, Option] = field(default_factory=dict)
    custom: bool = False

    @property
    def key(self) -> str:
        return ".".join(self.path)

    def members(self) -> list[str]:
        """Every key the group accepts, in the order pages and files show them."""
        return [
            SCOPE_KEY,
            *BREAKDOWN_KEYS,
            *self.indicators,
            *self.subgroups,
            *self.lists,
            *self.options,
            *(["van_ban"] if self.documents else []),
        ]

    def all_indicators(self) -> list[Indicator]:
        found = list(self.indicators.values())
        for sub in self.subgroups.values():
            found += sub.all_indicators()
        return found


@dataclass(frozen=True)
class SumRule:
    whole: str
    parts: tuple[str, ...]
    exact: bool = True  # «bang»; else the parts only may not exceed the whole
    complete: bool = False  # parts not written count as 0


@dataclass(frozen=True)
class Formula:
    key: str
    label: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]


@dataclass(frozen=True)
class RateDef:
    key: str  # "ty_le.dung_han"
    label: str
    formulas: dict[str, Formula]

    @property
    def default(self) -> Formula:
        return next(iter(self.formulas.values()))

    def label_for(self, formula: Formula) -> str:
        """The rate's name under ``formula``: its declared name for the default formula; for another,
        the name says what is divided by what (a rate computed over all dossiers received is never
        labelled «/ hồ sơ đã giải quyết»)."""
        default = self.default
        if (formula.numerator, formula.denominator) == (default.numerator, default.denominator):
            return self.label
        if "÷" not in formula.label:
            return self.label
        top, bottom = (part.strip() for part in formula.label.rsplit("÷", 1))
        if formula.numerator == default.numerator and " / " in self.label:
            top = self.label.split(" / ")[0]
        else:
            top = top.strip("()")
            top = top[:1].upper() + top[1:]
        return f"{top} / {bottom}"


@dataclass(frozen=True)
class Headline:
    """A figure shown first, where it is shown: an indicator or a rate, and what it is called there."""

    key: str  # "ho_so.tiep_nhan" or "ty_le.dung_han"
    label: str  # the chart's title, the column's short heading
    column: str = ""  # a data file's column (the province overview)
    description: str = ""  # the column's full name

    @property
    def is_rate(self) -> bool:
        return self.key.startswith(RATE_PREFIX)


@dataclass(frozen=True)
class Headlines:
    """The figures readers look for first: on the home page, as the history's charts, side by side
    on a province's overview; each list in the order it is shown."""

    home: tuple[str, ...] = ()
    charts: tuple[Headline, ...] = ()
    overview: tuple[Headline, ...] = ()
    online: tuple[str, ...] = ()  # procedures offered online, as reports state them: beside the list's count


@dataclass(frozen=True)
class Catalogue:
    units: dict[str, tuple[str, ...]]  # unit → how texts write it
    groups: dict[str, Group]
    indicators: dict[str, Indicator]  # by full key
    sums: tuple[SumRule, ...]
    rates: dict[str, RateDef]  # by full key "ty_le.…"
    lists: dict[str, ListSpec] = field(default_factory=dict)  # by "group.list"
    headlines: Headlines = field(default_factory=Headlines)

    def words(self, indicator: Indicator) -> tuple[str, ...]:
        """How a text may write the unit of ``indicator`` next to its number."""
        return self.units.get(indicator.unit, (indicator.unit,))

    def group_at(self, path: tuple[str, ...]) -> Group | None:
        group = self.groups.get(path[0]) if path else None
        for part in path[1:]:
            group = group.subgroups.get(part) if group else None
        return group

    def nearest(self, key: str, choices: list[str]) -> str | None:
        close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
        return close[0] if close else None

    def elsewhere(self, name: str) -> list[str]:
        """Groups that do have an indicator called ``name`` (a figure filed in the wrong group)."""
        return sorted({ind.key.rsplit(".", 1)[0] for ind in self.indicators.values() if ind.name == name})


def _compile_group(entry: dict, path: tuple[str, ...], titles: tuple[str, ...]) -> Group:
    """One group of ``chi_tieu.yaml`` (plain data: its format is ``entries.DanhMucChiTieu``)."""

    def indicator(item: dict, parent: tuple[str, ...], labels: tuple[str, ...]) -> Indicator:
        return Indicator(
            ".".join((*parent, item["khoa"])),
            item["nhan"],
            item["don_vi"],
            ": ".join((*labels, item["nhan"])),
            item.get("bat_buoc", False),
            tuple(item.get("tu_khoa", ())),
            item.get("danh_muc"),
            item.get("mo_ta") or "",
        )

    return Group(
        path,
        entry["nhan"],
        entry.get("mo_ta") or "",
        entry.get("van_ban", False),
        {item["khoa"]: indicator(item, path, titles) for item in entry.get("chi_tieu", ())},
        {
            sub["khoa"]: _compile_group(sub, (*path, sub["khoa"]), (*titles, sub["nhan"]))
            for sub in entry.get("nhom_con", ())
        },
        {
            item["khoa"]: ListSpec(
                item["khoa"],
                item["nhan"],
                item["ten"],
                item["nhan_ten"],
                {ind["khoa"]: indicator(ind, (*path, item["khoa"]), ()) for ind in item["chi_tieu"]},
            )
            for item in entry.get("danh_sach", ())
        },
        {
            item["khoa"]: Option(item["khoa"], item["nhan"], item.get("mo_ta") or "", dict(item["gia_tri"]))
            for item in entry.get("lua_chon", ())
        },
    )


def compile_catalogue(data: dict[str, Any]) -> Catalogue:
    """The catalogue from the data of ``chi_tieu.yaml`` (checked against ``entries.DanhMucChiTieu`` by the tests)."""
    groups = {entry["khoa"]: _compile_group(entry, (entry["khoa"],), ()) for entry in data["nhom"]}
    indicators = {ind.key: ind for group in groups.values() for ind in group.all_indicators()}
    lists = {f"{group.key}.{key}": spec for group in groups.values() for key, spec in group.lists.items()}
    units = {
        unit["ten"]: tuple(dict.fromkeys([unit["ten"], *unit.get("cach_viet", ())]))
        for unit in data["don_vi"]
    }
    sums = tuple(
        SumRule(
            rule["tong"],
            tuple(rule["thanh_phan"]),
            rule.get("quan_he", "bang") == "bang",
            rule.get("day_du", False),
        )
        for rule in data["tong"]
    )
    rates = {
        RATE_PREFIX + rate["khoa"]: RateDef(
            RATE_PREFIX + rate["khoa"],
            rate["nhan"],
            {
                f["khoa"]: Formula(f["khoa"], f["nhan"], tuple(f["tu_so"]), tuple(f["mau_so"]))
                for f in rate["cong_thuc"]
            },
        )
        for rate in data["ty_le"]
    }
    headlines = data.get("tieu_bieu") or {}

    def shown(entries: list[dict]) -> tuple[Headline, ...]:
        return tuple(
            Headline(e["khoa"], e["nhan"], e.get("cot") or "", e.get("mo_ta") or "") for e in entries
        )

    return Catalogue(
        units,
        groups,
        indicators,
        sums,
        rates,
        lists,
        Headlines(
            tuple(headlines.get("trang_chu", ())),
            shown(headlines.get("bieu_do", [])),
            shown(headlines.get("tong_hop", [])),
            tuple(headlines.get("truc_tuyen", ())),
        ),
    )


@lru_cache(maxsize=1)
def national() -> Catalogue:
    """The package's catalogue, read once per process (a broken file is a bug of the package)."""
    problems = Problems()
    doc = load_yaml(NATIONAL_FILE, "cchc_site/indicators/chi_tieu.yaml", problems)
    if doc is None:
        raise RuntimeError(problems.items[0].format())
    catalogue = compile_catalogue(doc.data)
    broken = catalogue_problems(catalogue)
    if broken:
        raise RuntimeError("Danh mục chỉ tiêu của phần mềm có lỗi: " + "; ".join(broken))
    return catalogue


def commune_catalogue(content_dir: Path) -> Catalogue:
    """The national catalogue with the commune's own indicators, when their file reads cleanly.

    For the tools that draft files; the build and ``check`` report a declaration that does not read.
    """
    declared = read_quietly(content_dir / CUSTOM_FILE, KhaiBaoRieng)
    if declared is None:
        return national()
    problems = Problems()
    extended = extend(national(), *declared, problems)
    return national() if problems.errors else extended


def catalogue_problems(catalogue: Catalogue) -> list[str]:
    """Every key a sum or a rate names must be an indicator; no indicator takes a reserved name."""
    found = [
        f"chỉ tiêu «{key}» trùng tên một trường của nhóm"
        for key, ind in catalogue.indicators.items()
        if ind.name in RESERVED
    ]
    for rule in catalogue.sums:
        for key in (rule.whole, *rule.parts):
            if key not in catalogue.indicators:
                found.append(f"quan hệ cộng «{rule.whole}» nêu chỉ tiêu không có «{key}»")
    for rate in catalogue.rates.values():
        for formula in rate.formulas.values():
            for key in (*formula.numerator, *formula.denominator):
                if key not in catalogue.indicators:
                    found.append(f"tỷ lệ «{rate.key}» nêu chỉ tiêu không có «{key}»")
    shown = catalogue.headlines
    for key in (*shown.home, *(h.key for h in (*shown.charts, *shown.overview)), *shown.online):
        if key not in catalogue.indicators and key not in catalogue.rates:
            found.append(f"số liệu tiêu biểu «{key}» không phải chỉ tiêu hay tỷ lệ")
    return found


def extend(catalogue: Catalogue, doc: Document, declared: KhaiBaoRieng, problems: Problems) -> Catalogue:
    """The catalogue plus the commune's declarations; a bad declaration is a located error."""

    def err(loc: tuple, message: str, found: str, expected: str, hint: str | None = None) -> None:
        problems.add(doc.problem(loc, message, found, expected, hint))

    groups = dict(catalogue.groups)
    for index, entry in enumerate(declared.nhom):
        if entry.khoa in groups or entry.khoa in RESERVED:
            err(
                ("nhom", index, "khoa"),
                "Mã nhóm riêng trùng một nhóm có sẵn.",
                entry.khoa,
                "mã nhóm khác các nhóm của danh mục chung",
                hint="Chỉ tiêu riêng thuộc một nhóm có sẵn thì ghi thẳng «nhóm.tên» ở «chi_tieu», không cần khai báo nhóm.",
            )
            continue
        groups[entry.khoa] = Group((entry.khoa,), entry.nhan, entry.mo_ta or "", custom=True)

    indicators = dict(catalogue.indicators)
    sums = list(catalogue.sums)
    for index, item in enumerate(declared.chi_tieu):
        loc = ("chi_tieu", index)
        path = tuple(item.khoa.split("."))
        parent = _group_in(groups, path[:-1])
        if item.khoa in indicators:
            err(
                (*loc, "khoa"),
                "Chỉ tiêu này đã có trong danh mục chung.",
                item.khoa,
                "một mã chưa có",
                hint=f"Dùng thẳng «{item.khoa}» ({indicators[item.khoa].label}) trong báo cáo, không cần khai báo.",
            )
            continue
        if parent is None:
            known = ", ".join(groups)
            err(
                (*loc, "khoa"),
                "Nhóm của chỉ tiêu riêng không có.",
                ".".join(path[:-1]),
                f"một nhóm có sẵn hoặc khai báo ở «nhom»: {known}",
            )
            continue
        if path[-1] in RESERVED or path[-1] in parent.members():
            err((*loc, "khoa"), "Tên chỉ tiêu riêng trùng một trường của nhóm.", path[-1], "tên khác")
            continue
        labels = tuple(g.label for g in _chain(groups, path[:-1])[1:])
        indicator = Indicator(
            item.khoa,
            item.nhan,
            item.don_vi,
            ": ".join((*labels, item.nhan)),
            False,
            tuple(item.tu_khoa),
            None,
            item.mo_ta or "",
            True,
        )
        indicators[item.khoa] = indicator
        groups = _with_indicator(groups, path, indicator)
        if item.thuoc is not None:
            whole = indicators.get(item.thuoc)
            if whole is None:
                close = difflib.get_close_matches(item.thuoc, list(indicators), n=1, cutoff=0.6)
                err(
                    (*loc, "thuoc"),
                    "Chỉ tiêu chứa chỉ tiêu riêng không có.",
                    item.thuoc,
                    "mã một chỉ tiêu có sẵn",
                    hint=f"Có phải ý bạn là «{close[0]}»?" if close else None,
                )
            elif whole.unit != item.don_vi:
                err(
                    (*loc, "don_vi"),
                    "Chỉ tiêu riêng khác đơn vị với chỉ tiêu chứa nó.",
                    item.don_vi,
                    f"«{whole.unit}» như {whole.key}",
                )
            else:
                sums.append(SumRule(whole.key, (item.khoa,), exact=False))
    return replace(catalogue, groups=groups, indicators=indicators, sums=tuple(sums))


def _group_in(groups: dict[str, Group], path: tuple[str, ...]) -> Group | None:
    chain = _chain(groups, path)
    return chain[-1] if chain and len(chain) == len(path) else None


def _chain(groups: dict[str, Group], path: tuple[str, ...]) -> list[Group]:
    found: list[Group] = []
    current = groups.get(path[0]) if path else None
    for part in (*path[1:], ""):
        if current is None:
            break
        found.append(current)
        current = current.subgroups.get(part) if part else None
    return found


def _with_indicator(
    groups: dict[str, Group], path: tuple[str, ...], indicator: Indicator
) -> dict[str, Group]:
    """A copy of ``groups`` where the group at ``path[:-1]`` also has ``indicator``."""

    def add(group: Group, rest: tuple[str, ...]) -> Group:
        if len(rest) == 1:
            return replace(group, indicators={**group.indicators, rest[0]: indicator})
        return replace(group, subgroups={**group.subgroups, rest[0]: add(group.subgroups[rest[0]], rest[1:])})

    return {**groups, path[0]: add(groups[path[0]], path[1:])}


def folded(word: str) -> tuple[str, ...]:
    """A word as the text matcher compares it: syllables without diacritics, «y» read as «i»."""
    return tuple(fold(word).lower().replace("y", "i").split())
