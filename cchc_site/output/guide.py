"""The data-entry guide ("Hướng dẫn nhập liệu"), described from the models and the rules.

Every field's name, label, type, meaning and examples come from ``core/models.py``; the checks that
read it come from ``core/rules.py``. Nothing here is written twice.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel

from ..addresses import CUSTOM_FILE, LIST_FILE, XA_FILE, report_file
from ..core.models import BaoCao, DanhMuc, SoLieu, ThayDoiNeu, TyLeNeu, Xa, unwrap
from ..core.rules import RULES
from ..indicators.catalogue import Catalogue, Group, KhaiBaoRieng

REPORT = report_file("<kỳ>")
ROOTS = (
    (XA_FILE, Xa, XA_FILE),
    (LIST_FILE, DanhMuc, LIST_FILE),
    (REPORT, BaoCao, REPORT),
    ("Số liệu", SoLieu, f"{REPORT} › phan › muc › so_lieu › <nhóm> › <chỉ tiêu>"),
    ("Tỷ lệ nêu trong văn bản", TyLeNeu, f"{REPORT} › phan › muc › so_lieu › ty_le"),
    ("Thay đổi nêu trong văn bản", ThayDoiNeu, f"{REPORT} › phan › muc › so_lieu › thay_doi"),
    (CUSTOM_FILE, KhaiBaoRieng, CUSTOM_FILE),
)


@dataclass
class FieldDoc:
    name: str
    label: str
    kind: str  # in words: "số nguyên", "ngày", "danh sách văn bản", "nhóm «Hồ sơ TTHC»"
    required: bool
    meaning: str
    unit: str
    rules: list[int]  # numbers in RULES (from 1)
    target: str | None = None  # anchor of the nested group it opens


@dataclass
class ModelDoc:
    anchor: str
    title: str
    where: str  # "bao-cao/NĂM-qQUÝ.yaml › phan › muc › so_lieu › ho_so"
    fields: list[FieldDoc] = field(default_factory=list)


def model_docs() -> list[ModelDoc]:
    """Each kind of group once, from the files' top level down, fields in file order."""
    seen: dict[type, ModelDoc] = {}
    queue: list[tuple[type[BaseModel], str, str]] = [(model, title, where) for title, model, where in ROOTS]
    while queue:
        model, title, where = queue.pop(0)
        if model in seen:
            continue
        doc = ModelDoc(_anchor(model), title, where)
        seen[model] = doc
        for name, info in model.model_fields.items():
            nested = _nested_model(info.annotation)
            kind = _kind(info.annotation)
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            rule_numbers = [i for i, rule in enumerate(RULES, 1) if f"{model.__name__}.{name}" in rule.fields]
            if nested is SoLieu:
                rule_numbers += [i for i, rule in enumerate(RULES, 1) if "SoLieu.gia_tri" in rule.fields]
            doc.fields.append(
                FieldDoc(
                    name,
                    info.title or name,
                    kind,
                    info.is_required(),
                    info.description or "",
                    str(extra.get("don_vi", "")),
                    sorted(set(rule_numbers)),
                    _anchor(nested) if nested is not None else None,
                )
            )
            if nested is not None:
                queue.append(
                    (nested, "Số liệu" if nested is SoLieu else info.title or name, f"{where} › {name}")
                )
    return list(seen.values())


@dataclass
class IndicatorDoc:
    key: str  # within its group: "theo_loai.can_bo"
    label: str
    unit: str
    required: bool
    checks: list[str]


@dataclass
class GroupDoc:
    anchor: str
    key: str
    label: str
    description: str
    indicators: list[IndicatorDoc]
    extras: list[str]  # lists, options, documents the group also takes
    rates: list[tuple[str, str, list[tuple[str, str]]]]  # (key, label, [(variant, formula)])


def catalogue_docs(catalogue: Catalogue) -> list[GroupDoc]:
    """Each group of the catalogue with its indicators and the checks that read each one."""
    labels = {key: ind.label for key, ind in catalogue.indicators.items()}
    checks: dict[str, list[str]] = {key: [] for key in catalogue.indicators}
    for rule in catalogue.sums:
        parts = " + ".join(labels.get(k, k) for k in rule.parts)
        relation = f"{labels.get(rule.whole, rule.whole)} {'=' if rule.exact else '≥'} {parts}"
        relation += " (thành phần không ghi là 0)" if rule.complete else ""
        for key in (rule.whole, *rule.parts):
            if key in checks:
                checks[key].append(relation)
    rates_of: dict[str, list] = {}
    for rate in catalogue.rates.values():
        variants = [(f.key, f.label) for f in rate.formulas.values()]
        groups = {k.split(".")[0] for f in rate.formulas.values() for k in (*f.numerator, *f.denominator)}
        for key in sorted(groups):
            rates_of.setdefault(key, []).append((rate.key, rate.label, variants))
        for formula in rate.formulas.values():
            for key in (*formula.numerator, *formula.denominator):
                if key in checks and f"tỷ lệ {rate.key}" not in checks[key]:
                    checks[key].append(f"tỷ lệ {rate.key}")
    for key, indicator in catalogue.indicators.items():
        if indicator.danh_muc:
            which = (
                "toàn bộ danh mục"
                if indicator.danh_muc == "tat_ca"
                else f"nhóm {indicator.danh_muc} của danh mục"
            )
            checks[key].append(f"bằng số thủ tục ({which}) tại ngày của số liệu")
    docs = []
    for key, group in catalogue.groups.items():
        rows = [
            IndicatorDoc(ind.key.split(".", 1)[1], ind.row_label, ind.unit, ind.required, checks[ind.key])
            for ind in group.all_indicators()
        ]
        docs.append(
            GroupDoc(
                f"chi-tieu-{key.replace('_', '-')}",
                key,
                group.label,
                group.description,
                rows,
                _extras(group),
                rates_of.get(key, []),
            )
        )
    return docs


def _extras(group: Group) -> list[str]:
    found = [
        f"«{name}»: {spec.label}, mỗi mục có «{spec.name_key}» ({spec.name_label}) và "
        + ", ".join(
            f"«{k}» ({ind.label}, {ind.unit}{', bắt buộc' if ind.required else ''})"
            for k, ind in spec.indicators.items()
        )
        for name, spec in group.lists.items()
    ]
    found += [
        f"«{name}»: {option.label}, một trong " + ", ".join(f"{k} ({v})" for k, v in option.values.items())
        for name, option in group.options.items()
    ]
    if group.documents:
        found.append(
            "«van_ban»: các quyết định, thông báo (loai, so_ky_hieu, ngay, co_quan, trich_yeu), "
            "số và ngày phải có trong lời văn của mục"
        )
    return found


def _written_as(annotation: typing.Any) -> typing.Any:
    """The choices a validated value is written as (``json_schema_input_type``), when they are a list."""
    for part in (annotation, *typing.get_args(annotation)):
        for meta in getattr(part, "__metadata__", ()):
            written = getattr(meta, "json_schema_input_type", None)
            if typing.get_origin(written) is typing.Literal:
                return written
    return None


def _anchor(model: type) -> str:
    return "nhom-" + model.__name__.lower()


def _nested_model(annotation: typing.Any) -> type[BaseModel] | None:
    inner, _ = unwrap(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _kind(annotation: typing.Any) -> str:
    inner, is_list = unwrap(annotation)
    written = _written_as(annotation)
    if written is not None:  # a value read by a validator, as editors are told to write it
        inner = written
    if inner is SoLieu:
        word = "số liệu: một số, hoặc nhóm gia_tri/pham_vi/xap_xi"
    elif isinstance(inner, type) and issubclass(inner, BaseModel):
        word = "nhóm trường"
    elif typing.get_origin(inner) is typing.Literal:
        word = "một trong: " + ", ".join(str(a) for a in typing.get_args(inner))
    elif typing.get_origin(inner) in (typing.Union, types.UnionType):
        word = "văn bản hoặc số"
    else:
        word = {
            str: "văn bản",
            int: "số nguyên",
            bool: "true hoặc false",
            date: "ngày (2022-09-30 hoặc 30/9/2022)",
        }.get(inner, str(inner))
    return f"danh sách ({word})" if is_list else word
