"""The theme's files the site never loads: its script bundle, search worker and their source maps.

``cchc_site/theme/main.html`` leaves the theme's scripts out of every page (``cchc.js`` and the
search's own ``tim-kiem.js`` replace them), so copying them would only publish 1.5 MB nobody
downloads. Stylesheets stay (the pages use them); their source maps go. Files of the content
folder are never dropped, whatever their name.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mkdocs.structure.files import Files

UNUSED_FOLDERS = ("assets/javascripts/",)
THEME = Path(__file__).resolve().parent / "theme"  # the site's overrides and assets, in this package


def use_package_theme(dirs: list[str]) -> None:
    """Put this package's theme first in the theme's folders (what ``custom_dir`` would do), so a
    commune's project needs no copy of it; once, whatever ``mkdocs.yml`` says."""
    if THEME not in {Path(d).resolve() for d in dirs}:
        dirs.insert(0, str(THEME))


def unused(src_uri: str) -> bool:
    """Whether a theme file is never requested by a page of the site."""
    if src_uri.startswith(UNUSED_FOLDERS):
        return True
    return src_uri.startswith("assets/stylesheets/") and src_uri.endswith(".map")


def drop_unused(files: Files, theme_dirs: Iterable[str]) -> Files:
    """``files`` without the theme's files that no page loads."""
    themes = {Path(d).resolve() for d in theme_dirs}
    for file in list(files):
        if file.src_dir and Path(file.src_dir).resolve() in themes and unused(file.src_uri):
            files.remove(file)
    return files
