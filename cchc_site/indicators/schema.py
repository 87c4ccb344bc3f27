"""The JSON Schema of a section's «so_lieu», derived from the catalogue (editors' autocompletion)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..core.models import PhamVi, SoLieu, ThayDoiNeu, TyLeNeu, VanBan
from .catalogue import BREAKDOWN_KEYS, Catalogue, Group, ListSpec

_WORDS = {
    "doi_voi": "Đối với (đơn vị khác, VD: các xã, phường)",
    "linh_vuc": "Lĩnh vực (một phần của tổng)",
    "trong_do": "Trong đó (một phần khác của tổng)",
}
FIGURE = {"anyOf": [{"type": "integer", "minimum": 0}, {"$ref": "#/$defs/SoLieu"}]}


def so_lieu_schema(catalogue: Catalogue) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the schema of «so_lieu», the definitions it refers to)."""
    defs: dict[str, Any] = {}
    for model in (PhamVi, SoLieu, TyLeNeu, ThayDoiNeu, VanBan):
        defs.update(_model_defs(model))
    properties: dict[str, Any] = {}
    for key, group in catalogue.groups.items():
        name = _def_name(group.path)
        _group_defs(group, defs, top=True)
        properties[key] = {
            "title": group.label,
            "anyOf": [
                {"$ref": f"#/$defs/{name}"},
                {
                    "type": "array",
                    "items": {"$ref": f"#/$defs/{name}"},
                    "description": "Nhiều khối: mỗi khối ghi doi_voi, linh_vuc hoặc trong_do",
                },
            ],
        }
    properties["ty_le"] = {
        "title": "Tỷ lệ nêu trong văn bản",
        "type": "array",
        "items": {"$ref": "#/$defs/TyLeNeu"},
    }
    properties["thay_doi"] = {
        "title": "Thay đổi so với kỳ trước nêu trong văn bản",
        "type": "array",
        "items": {"$ref": "#/$defs/ThayDoiNeu"},
    }
    schema = {
        "title": "Số liệu",
        "type": "object",
        "properties": properties,
        "description": "Các nhóm số liệu của mục (danh mục chỉ tiêu, trang «Hướng dẫn nhập liệu»)",
        "additionalProperties": {
            "type": "object",
            "description": "Nhóm chỉ tiêu riêng của xã",
            "additionalProperties": FIGURE,
        },
    }
    return schema, defs


def _def_name(path: tuple[str, ...]) -> str:
    return "Nhom_" + "_".join(path)


def _group_defs(group: Group, defs: dict[str, Any], top: bool = False) -> None:
    properties: dict[str, Any] = {"pham_vi": {"$ref": "#/$defs/PhamVi", "title": "Phạm vi"}}
    if top:
        properties.update(
            {key: {"type": "string", "minLength": 1, "title": _WORDS[key]} for key in BREAKDOWN_KEYS}
        )
    for name, indicator in group.indicators.items():
        properties[name] = {
            **FIGURE,
            "title": indicator.label,
            "description": f"Đơn vị: {indicator.unit}"
            + (f". {indicator.description}" if indicator.description else ""),
        }
    for name, sub in group.subgroups.items():
        _group_defs(sub, defs)
        properties[name] = {"$ref": f"#/$defs/{_def_name(sub.path)}", "title": sub.label}
    for name, spec in group.lists.items():
        properties[name] = {"title": spec.label, "type": "array", "items": _list_item(spec)}
    for name, option in group.options.items():
        properties[name] = {
            "title": option.label,
            "enum": list(option.values),
            "description": option.description,
        }
    if group.documents:
        properties["van_ban"] = {
            "title": "Quyết định, thông báo",
            "type": "array",
            "items": {"$ref": "#/$defs/VanBan"},
        }
    defs[_def_name(group.path)] = {
        "title": group.label,
        "type": "object",
        "properties": properties,
        "additionalProperties": {**FIGURE, "description": "chỉ tiêu riêng của xã"},
    }


def _list_item(spec: ListSpec) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "pham_vi": {"$ref": "#/$defs/PhamVi"},
        spec.name_key: {"type": "string", "minLength": 1, "title": spec.name_label},
    }
    for name, indicator in spec.indicators.items():
        properties[name] = {**FIGURE, "title": indicator.label, "description": f"Đơn vị: {indicator.unit}"}
    required = [spec.name_key, *(name for name, ind in spec.indicators.items() if ind.required)]
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def _model_defs(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation", ref_template="#/$defs/{model}")
    defs = schema.pop("$defs", {})
    defs[model.__name__] = schema
    return defs
