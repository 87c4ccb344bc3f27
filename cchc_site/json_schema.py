"""JSON Schema of each kind of content file, from the models: what editors use to autocomplete
and underline mistakes (the ``yaml-language-server`` comment at the top of each file).

The schemas are committed under ``cchc_site/schema/``; a test fails when they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .core.models import BaoCao, DanhMuc, Xa
from .indicators import national
from .indicators.catalogue import KhaiBaoRieng
from .indicators.schema import so_lieu_schema

SCHEMA_DIR = Path(__file__).parent / "schema"
SCHEMAS: dict[str, type[BaseModel]] = {  # file name → model
    "xa.schema.json": Xa,
    "thu-tuc.schema.json": DanhMuc,
    "bao-cao.schema.json": BaoCao,
    "chi-tieu-rieng.schema.json": KhaiBaoRieng,
}
CONTENT_FILES = {  # content file (pattern) → its schema, as the comment at its top names it
    "xa.yaml": "xa.schema.json",
    "thu-tuc.yaml": "thu-tuc.schema.json",
    "bao-cao/*.yaml": "bao-cao.schema.json",
    "chi-tieu-rieng.yaml": "chi-tieu-rieng.schema.json",
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


def schema_comment(relative: str) -> str:
    """The first line of a content file at ``relative`` (from ``content/``)."""
    name = CONTENT_FILES["bao-cao/*.yaml" if relative.startswith("bao-cao/") else relative]
    depth = relative.count("/") + 1  # up from the file's folder to the project root
    return f"# yaml-language-server: $schema={'../' * depth}cchc_site/schema/{name}"


def write_schemas(target: Path = SCHEMA_DIR) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = target / name
        path.write_text(render_schema(model), encoding="utf-8")
        written.append(path)
    return written
