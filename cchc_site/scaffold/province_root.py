"""A province's repository seen from inside: its root, its name, where its communes go.

A folder is a province's root when it holds ``mkdocs.base.yml``, the configuration every
commune's ``xa/<xã>/mkdocs.yml`` inherits (``INHERIT: ../../mkdocs.base.yml``). The paths in that
file are read from each commune's folder, two levels down: a commune is always ``xa/<xã>``.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

BASE_CONFIG = "mkdocs.base.yml"
COMMUNES_DIR = "xa"


class _Loader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` files: MkDocs' own tags (``!!python/name:…``) become None."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class ProvinceRoot:
    root: Path
    tinh: str | None  # the name ``init-tinh`` recorded (``extra.cchc.tinh``), if any

    @property
    def shown(self) -> str:
        """The root as the clerk typed it: relative to the current folder when inside it."""
        return os.path.relpath(self.root) if self.root.is_relative_to(Path.cwd()) else self.root.as_posix()

    @property
    def inherit(self) -> str:
        """The ``INHERIT`` line's path, from a commune's folder."""
        return f"../../{BASE_CONFIG}"

    def place_of(self, target: Path) -> str | None:
        """Why ``target`` is not a place for a commune of this province (None: it is)."""
        try:
            inside = target.absolute().relative_to(self.root.absolute())
        except ValueError:
            return None
        if len(inside.parts) == 2 and inside.parts[0] == COMMUNES_DIR:
            return None
        return (
            f"«{target.as_posix()}» nằm trong kho của tỉnh «{self.shown}» nhưng không phải "
            f"{COMMUNES_DIR}/<tên thư mục của xã>: mỗi xã của tỉnh là một thư mục ngay trong {COMMUNES_DIR}/, "
            f"VD {Path(self.shown, COMMUNES_DIR, 'tan-viet').as_posix()}."
        )

    def same_province(self, tinh: str) -> bool:
        return self.tinh is None or _key(self.tinh) == _key(tinh)


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def read_config(path: Path) -> dict[str, Any]:
    """A ``mkdocs.yml``-like file as a mapping ({} when it cannot be read)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def find_province(target: Path) -> ProvinceRoot | None:
    """The province repository ``target`` lies in, if any (the nearest folder above it with
    ``mkdocs.base.yml``)."""
    for folder in target.absolute().parents:
        if (folder / BASE_CONFIG).is_file():
            extra = read_config(folder / BASE_CONFIG).get("extra")
            cchc = extra.get("cchc") if isinstance(extra, dict) else None
            tinh = cchc.get("tinh") if isinstance(cchc, dict) else None
            return ProvinceRoot(folder, tinh if isinstance(tinh, str) and tinh.strip() else None)
    return None
