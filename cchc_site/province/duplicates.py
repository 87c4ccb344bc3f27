"""One commune listed twice: refused before any overview or CI matrix is made.

The overview and the matrix name each commune by its folder's name (its address ``<xã>/``, its
CI job, its rows in the open data), so two folders of one name, one folder reached twice (named
twice, or through a symbolic link) and two folders holding the same commune would each show one
commune twice, or one commune over another, without a word.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..addresses import CONTENT_DIR, XA_FILE
from .communes import Commune


def _shown(path: Path) -> str:
    return path.as_posix().rstrip("/") or "."


def _reached(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop: compare it by its own path
        return path.absolute()


def _linked(path: Path) -> bool:
    return any(p.is_symlink() for p in (path, *path.parents) if p != p.parent)


def duplicate_folders(folders: list[Path]) -> list[str]:
    """Why ``folders`` name one commune twice, one Vietnamese sentence per pair (none: fine)."""
    messages: list[str] = []
    by_place: dict[Path, Path] = {}
    by_name: dict[str, Path] = {}
    for folder in folders:
        place = _reached(folder)
        if place in by_place:
            first = by_place[place]
            if _linked(folder) or _linked(first):
                link, target = (folder, first) if _linked(folder) else (first, folder)
                messages.append(
                    f"«{_shown(link)}» là liên kết (symlink) tới thư mục xã «{_shown(target)}»: "
                    "một xã chỉ được có một thư mục; xóa liên kết."
                )
            else:
                messages.append(f"Thư mục xã «{_shown(folder)}» được ghi hai lần: ghi mỗi thư mục một lần.")
            continue
        by_place[place] = folder
        key = unicodedata.normalize("NFC", folder.name).casefold()
        if key in by_name:
            messages.append(
                f"Hai xã cùng tên thư mục «{folder.name}»: «{_shown(by_name[key])}» và «{_shown(folder)}». "
                "Địa chỉ trang và dữ liệu tổng hợp của mỗi xã lấy theo tên thư mục: đổi tên một thư mục."
            )
            continue
        by_name[key] = folder
    return messages


def _identity(commune: Commune) -> tuple[str, ...] | None:
    if commune.site is None:
        return None
    xa = commune.site.xa
    return tuple(unicodedata.normalize("NFC", v or "").casefold() for v in (xa.don_vi, xa.huyen, xa.tinh))


def same_communes(communes: list[Commune]) -> list[str]:
    """Two folders whose profiles (``content/xa.yaml``) name the same unit of the same province."""
    messages: list[str] = []
    seen: dict[tuple[str, ...], Commune] = {}
    for commune in communes:
        key = _identity(commune)
        if key is None:
            continue
        if key in seen:
            first = seen[key]
            messages.append(
                f"Hai thư mục cùng là {commune.name} (tỉnh {commune.site.xa.tinh if commune.site else ''}): "
                f"«{_shown(first.folder)}» và «{_shown(commune.folder)}». Mỗi xã chỉ có một thư mục: "
                f"xóa thư mục thừa, hoặc sửa tên trong {CONTENT_DIR}/{XA_FILE} nếu là hai xã khác nhau."
            )
            continue
        seen[key] = commune
    return messages
