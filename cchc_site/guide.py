"""The data-entry guide ("Hướng dẫn nhập liệu"), described from the models and the rules.

Every field's name, label, type, meaning and examples come from ``models.py``; the checks that
read it come from ``validate.RULES``. Nothing here is written twice.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel

from .models import BaoCao, DanhMuc, SoLieu, Xa, unwrap
from .validate import RULES

ROOTS = (("xa.yaml", Xa), ("thu-tuc.yaml", DanhMuc), ("bao-cao/NĂM-qQUÝ.yaml", BaoCao))


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
    queue: list[tuple[type[BaseModel], str, str]] = [(model, file, file) for file, model in ROOTS]
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
            doc.fields.append(FieldDoc(name, info.title or name, kind, info.is_required(),
                                       info.description or "", str(extra.get("don_vi", "")), sorted(set(rule_numbers)),
                                       _anchor(nested) if nested is not None else None))
            if nested is not None:
                queue.append((nested, "Số liệu" if nested is SoLieu else info.title or name, f"{where} › {name}"))
    return list(seen.values())


def _anchor(model: type) -> str:
    return "nhom-" + model.__name__.lower()


def _nested_model(annotation: typing.Any) -> type[BaseModel] | None:
    inner, _ = unwrap(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _kind(annotation: typing.Any) -> str:
    inner, is_list = unwrap(annotation)
    if inner is SoLieu:
        word = "số liệu: một số, hoặc nhóm gia_tri/pham_vi/xap_xi"
    elif isinstance(inner, type) and issubclass(inner, BaseModel):
        word = "nhóm trường"
    elif typing.get_origin(inner) is typing.Literal:
        word = "một trong: " + ", ".join(str(a) for a in typing.get_args(inner))
    elif typing.get_origin(inner) in (typing.Union, types.UnionType):
        word = "văn bản hoặc số"
    else:
        word = {str: "văn bản", int: "số nguyên", bool: "true hoặc false",
                date: "ngày (2022-09-30 hoặc 30/9/2022)"}.get(inner, str(inner))
    return f"danh sách ({word})" if is_list else word
