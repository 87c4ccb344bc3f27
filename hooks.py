"""MkDocs adapter: translate build events to ``cchc_site`` calls and errors to ``PluginError``.

No logic lives here. Data is loaded and checked in ``on_config`` because MkDocs empties
``site/`` before ``on_files``: a bad file must fail the build while the old site is intact.
Under ``mkdocs serve`` a bad edit does not stop the preview: the error is printed, the last
good data keeps being served, and every page says so until the data is fixed.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from cchc_site.build import BuildError, preview_banner, prepare

log = logging.getLogger("mkdocs.hooks.cchc")
# module state: `mkdocs serve` keeps this module between rebuilds
_state: dict = {"command": None, "prepared": None, "error": None}


def on_startup(command, dirty):
    """Remember whether this is a preview (``serve``): only there may a bad edit be tolerated."""
    _state["command"] = command


def on_config(config):
    """Load, check and render everything before MkDocs touches ``site/``."""
    if not config.use_directory_urls:  # the feed and the CSV files link to pages by address
        raise PluginError("cchc-site cần «use_directory_urls: true» trong mkdocs.yml.")
    settings = config.extra.get("cchc", {})
    root = Path(config.config_file_path).parent
    try:
        prepared = prepare(root / settings.get("content_dir", "content"), settings.get("content_dir", "content"))
    except BuildError as exc:
        if _state["command"] != "serve" or _state["prepared"] is None:
            raise PluginError(str(exc)) from exc
        log.error(f"{exc}\nTrang xem thử vẫn hiển thị bản dữ liệu đúng gần nhất cho đến khi sửa xong.")
        _state["error"] = str(exc)
        return config
    _state["prepared"], _state["error"] = prepared, None
    for line in prepared.notices:
        log.info(line)
    for line in prepared.details:
        log.debug(line)
    return config


def on_files(files: Files, config) -> Files:
    """Add the generated pages and data files; refuse to silently replace a real file."""
    prepared = _state["prepared"]
    for item in [*prepared.pages, *prepared.files]:
        if files.get_file_from_path(item.uri) is not None:
            raise PluginError(f"Tệp {item.uri} được tạo tự động nhưng đã có tệp cùng tên trong "
                              f"thư mục trang tĩnh: xóa hoặc đổi tên tệp đó.")
    for page in prepared.pages:
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.uri, content=page.markdown, inclusion=inclusion))
    for data in prepared.files:
        files.append(File.generated(config, data.uri, content=data.content))
    return files


def on_page_markdown(markdown, page, config, files):
    """Dates from the data, not the clock (sitemap); in a broken preview, the error on top."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        page.update_date = _state["prepared"].updated_on(page.file.src_uri).isoformat()
    return preview_banner(_state["error"]) + markdown if _state["error"] else markdown
