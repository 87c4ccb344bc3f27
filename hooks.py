"""MkDocs hooks of this site: the adapter lives in the installed package (``cchc_site/mkdocs_hooks.py``)."""

from cchc_site.mkdocs_hooks import (
    on_build_error,
    on_config,
    on_files,
    on_page_markdown,
    on_post_build,
    on_shutdown,
    on_startup,
)

__all__ = [
    "on_build_error",
    "on_config",
    "on_files",
    "on_page_markdown",
    "on_post_build",
    "on_shutdown",
    "on_startup",
]
