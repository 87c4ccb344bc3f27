"""JSON Schema of each kind of content file, from the models: what editors use to autocomplete
and underline mistakes (the ``yaml-language-server`` comment at the top of each file). A report
section's «so_lieu» is described from the indicator catalogue.

The schemas are committed under ``cchc_site/schema/``; a test fails when they are stale. The comment
naming a file's schema is ``addresses.schema_comment``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .addresses import (
    ALIASES_FILE,
    CUSTOM_FILE,
    EVENTS_FILE,
    LIST_FILE,
    RECORD_DIR,
    REPORT_DIR,
    XA_FILE,
    schema_file,
)
from .core.aliases import BangTuDongNghia
from .core.life_events import DanhSachSuKien
from .core.models import BaoCao, DanhMuc, PhamVi, SoLieu, ThayDoiNeu, TyLeNeu, VanBan, Xa
from .core.record import BanGhi
from .indicators import national
from .indicators.catalogue import BREAKDOWN_KEYS, Catalogue, Group, KhaiBaoRieng, ListSpec

SCHEMA_DIR = Path(__file__).parent / "schema"
SCHEMAS: dict[str, type[BaseModel]] = {  # file name → model
    schema_file(XA_FILE): Xa,
    schema_file(LIST_FILE): DanhMuc,
    schema_file(REPORT_DIR): BaoCao,  # every report file
    schema_file(CUSTOM_FILE): KhaiBaoRieng,
    schema_file(RECORD_DIR): BanGhi,  # every national record
    schema_file(EVENTS_FILE): DanhSachSuKien,  # the home page's life events (and mau/su-kien.yaml)
    schema_file(ALIASES_FILE): BangTuDongNghia,  # the search's everyday words (and mau/tu-dong-nghia.yaml)
}


def render_schema(model: type[BaseModel]) -> str:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **model.model_json_schema(mode="validation"),
    }
    if model is BaoCao:  # a section's figures are described by the indicator catalogue
        figures, defs = so_lieu_schema(national())
        schema["$defs"] = {**schema.get("$defs", {}), **defs, "SoLieuMuc": figures}
        muc = schema["$defs"]["Muc"]["properties"]
        muc["so_lieu"] = {
            "anyOf": [{"$ref": "#/$defs/SoLieuMuc"}, {"type": "null"}],
            "default": None,
            "title": "Số liệu",
        }
    return json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write_schemas(target: Path = SCHEMA_DIR) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = target / name
        path.write_text(render_schema(model), encoding="utf-8")
        written.append(path)
    return written


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
