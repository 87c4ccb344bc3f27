"""MkDocs adapter: build events to ``cchc_site`` calls, errors to ``PluginError``; no logic here.

Every project's ``hooks.py`` (this repository's, and the one ``python -m cchc_site init`` writes)
only imports these functions, so a commune's project holds no copy of the adapter.

Data is checked in ``on_config``: MkDocs empties ``site/`` before ``on_files``, and a bad file
must fail the build while the old site is intact. Under ``mkdocs serve`` a bad edit keeps the
last good data on screen, with the error on every page. Unchanged inputs: ``cchc_site/cache.py``.

A build never writes into ``site/`` itself: MkDocs writes a sibling folder, swapped in by
``on_shutdown`` only when the whole build succeeded (``cchc_site/publish.py``). Interrupted,
killed, out of disk or racing another build, the published site stays as it was.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

# light modules: the heavy ones load only when data is read
from . import cache, mkdocs_messages, publish, runtime, theme_files
from .addresses import CONTENT_DIR, shown
from .content import staff_pages
from .content.writing import failure

log = logging.getLogger("mkdocs.hooks.cchc")
# module state: `mkdocs serve` keeps this module between rebuilds
_state: dict = {"command": None, "output": None, "error": None, "publication": None, "written": False}
mkdocs_messages.install()  # imported while MkDocs checks mkdocs.yml, before it reports


def on_startup(command, dirty):
    """Remember whether this is a preview (``serve``): only there may a bad edit be tolerated."""
    _state["command"] = command


def on_config(config):
    """Load, check and render everything before MkDocs touches ``site/``."""
    if not config.use_directory_urls:  # the feed and the CSV files link to pages by address
        raise PluginError("cchc-site cần «use_directory_urls: true» trong mkdocs.yml.")
    theme_files.use_package_theme(config.theme.dirs)  # no project needs a copy of the theme
    content = config.extra.get("cchc", {}).get("content_dir", CONTENT_DIR)
    root = Path(config.config_file_path).parent
    docs_dir = Path(config.docs_dir)
    staff = staff_pages.StaffPages(  # checked as MkDocs renders them
        docs_dir, shown(docs_dir, root), (list(config.markdown_extensions), dict(config.mdx_configs))
    )
    today = runtime.today()
    key = cache.fingerprint(root / content, content, docs_dir, today, Path(config.config_file_path))
    output = cache.load(root / ".cache" / "cchc-site", key)
    if output is None:
        with runtime.paused_gc():
            from .build import BuildError, prepare

            try:
                output = prepare(root / content, content, today, staff).output()
            except BuildError as exc:
                if _state["command"] != "serve" or _state["output"] is None:
                    raise PluginError(str(exc)) from exc
                log.error(
                    f"{exc}\nTrang xem thử vẫn hiển thị bản dữ liệu đúng gần nhất cho đến khi sửa xong."
                )
                _state["error"] = str(exc)
                config.site_name, config.site_description = _state["output"].identity
                return config
        cache.save(root / ".cache" / "cchc-site", key, output)
    collided = staff_pages.collision_message(staff, output.pages, output.files)
    if collided:  # refused here, before MkDocs empties site/
        raise PluginError(collided)
    _state["output"], _state["error"] = output, None
    config.site_name, config.site_description = output.identity  # from content/xa.yaml
    _publish_through_sibling(config, root, docs_dir, root / content)
    for line in output.notices:
        log.info(line)
    for line in output.details:
        log.debug(line)
    return config


def on_files(files: Files, config) -> Files:
    """Add the generated pages and data files (collisions were refused in ``on_config``); drop the
    theme's scripts, which no page loads."""
    output = _state["output"]
    theme_files.drop_unused(files, config.theme.dirs)
    for uri, markdown, in_nav in output.pages:
        inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, uri, content=markdown, inclusion=inclusion))
    for uri, content in output.files:
        files.append(File.generated(config, uri, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    """Dates from the data, not the clock (sitemap); in a broken preview, the error on top."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        page.update_date = _state["output"].updated_on(page.file.src_uri).isoformat()
    if _state["error"]:
        from .build import preview_banner

        return preview_banner(_state["error"]) + markdown
    return markdown


def on_post_build(config):
    """Everything is written; the swap waits for ``on_shutdown`` (strict warnings abort after this)."""
    _state["written"] = True


def on_build_error(error):
    """Remove the half-written build; an OS error (disk full, read-only) ends in a message, not a traceback."""
    publication, _state["publication"] = _state["publication"], None
    if publication is not None:
        for warning in publish.abandon(publication):
            log.warning(warning)
    if isinstance(error, OSError):
        log.error(failure(error, "ghi trang web") + " Trang đã đăng trước đó vẫn giữ nguyên.")
        raise Abort("Dừng xây dựng: lỗi hệ thống tệp (xem thông báo ở trên).") from None


def on_shutdown():
    """Publish: swap the complete build with ``site/``; anything short of success keeps the old site."""
    publication, _state["publication"] = _state["publication"], None
    written, _state["written"] = _state["written"], False
    _state["command"] = None
    if publication is None:
        return
    if not written:  # interrupted (Ctrl-C): failures were handled by on_build_error
        publish.abandon(publication)
        log.error(
            f"Xây dựng bị ngắt giữa chừng: trang đã đăng «{publication.shown}» giữ nguyên, bản viết dở đã xóa."
        )
        return
    try:
        warnings = publish.finish(publication)
    except publish.PublishError as exc:
        log.error(str(exc))
        raise Abort("Dừng xây dựng: chưa thay được thư mục trang.") from None
    for warning in warnings:
        log.warning(warning)
    log.info(f"Đã đăng bản mới vào «{publication.shown}».")


def _publish_through_sibling(config, root: Path, docs_dir: Path, content_dir: Path) -> None:
    """Point MkDocs at a sibling folder of ``site/``, after refusing a target that would lose data."""
    final = Path(config.site_dir)
    if _state["command"] not in ("build", "gh-deploy") or publish.is_preview_folder(final):
        return  # the preview writes its own temporary folder; a program calling build() itself has no shutdown
    protected = {
        "thư mục dữ liệu": content_dir,
        "thư mục trang tĩnh": docs_dir,
        "tệp cấu hình": Path(config.config_file_path),
        "kho git": root / ".git",
    }
    folder = shown(final.parent, root)  # not resolved: a link named «site» is shown as «site»
    site = final.name if folder == "." else f"{folder}/{final.name}"
    refused = publish.refusal(final, root, protected, site)
    if refused:
        raise PluginError(refused)
    try:
        publication = publish.begin(final, site)
    except publish.PublishError as exc:
        raise PluginError(str(exc)) from exc
    _state["publication"], _state["written"] = publication, False
    config.site_dir = str(publication.staging)
    _register(config)


def _register(config) -> None:
    """A project's ``hooks.py`` written before these events existed still publishes atomically."""
    for event, function in (
        ("post_build", on_post_build),
        ("build_error", on_build_error),
        ("shutdown", on_shutdown),
    ):
        if function not in config.plugins.events[event]:
            config.plugins.events[event].append(function)
