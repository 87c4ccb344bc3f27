"""MkDocs adapter: translate build events to ``cchc_site`` calls and errors to ``PluginError``.

No logic lives here. Data is loaded and checked in ``on_config`` because MkDocs empties
``site/`` before ``on_files``: a bad file must fail the build while the old site is intact.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from cchc_site.build import BuildError, prepare

log = logging.getLogger("mkdocs.hooks.cchc")
_pages: list = []  # module state: `mkdocs serve` keeps this module between rebuilds
_files: list = []


def on_config(config):
    """Load, check and render everything before MkDocs touches ``site/``."""
    _pages.clear()
    _files.clear()
    if not config.use_directory_urls:  # the feed and the CSV files link to pages by address
        raise PluginError("cchc-site cần «use_directory_urls: true» trong mkdocs.yml.")
    settings = config.extra.get("cchc", {})
    root = Path(config.config_file_path).parent
    try:
        prepared = prepare(root / settings.get("content_dir", "content"), settings.get("content_dir", "content"))
    except BuildError as exc:
        raise PluginError(str(exc)) from exc
    for line in prepared.notices:
        log.info(line)
    for line in prepared.details:
        log.debug(line)
    _pages.extend(prepared.pages)
    _files.extend(prepared.files)
    return config


def on_files(files: Files, config) -> Files:
    """Add the generated pages and data files; refuse to silently replace a real file."""
    for item in [*_pages, *_files]:
        if files.get_file_from_path(item.uri) is not None:
            raise PluginError(f"Tệp {item.uri} được tạo tự động nhưng đã có tệp cùng tên trong "
                              f"thư mục trang tĩnh: xóa hoặc đổi tên tệp đó.")
    for page in _pages:
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.uri, content=page.markdown, inclusion=inclusion))
    for data in _files:
        files.append(File.generated(config, data.uri, content=data.content))
    return files
