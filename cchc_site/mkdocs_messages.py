"""MkDocs' own messages about what the data can cause, in Vietnamese.

MkDocs checks ``mkdocs.yml`` before any hook runs (a deleted ``content/trang/``, a ``site_dir``
inside the pages' folder) and checks the ``nav`` while building; it reports in English through
its loggers. A filter on those loggers rewrites the messages staff can cause into Vietnamese,
naming the file and field, what was found and what to do; any other configuration message is
prefixed so it is clear where it comes from.

MkDocs stops checking ``mkdocs.yml`` at the first bad option, before it imports ``hooks.py``; so
the filter is installed when this module is imported, which ``mkdocs.yml`` asks for while it is
read (``extra.cchc.thong_bao: !!python/name:cchc_site.mkdocs_messages.ACTIVE``, the tag MkDocs
documents for naming Python objects), and again by the hooks for a project without that line.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable

LOGGERS = ("mkdocs.config", "mkdocs.structure.nav")


def _shown(path: str) -> str:
    """A path relative to where the command runs, as the clerk typed it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def _missing_folder(match: re.Match[str]) -> str:
    key, path, kind = match.group(1), _shown(match.group(2)), match.group(3)
    if key == "docs_dir":
        return (
            f"mkdocs.yml, trường «docs_dir»: không có thư mục «{path}» (thư mục các trang tĩnh của xã: "
            "giới thiệu, liên hệ…). Tìm thấy: "
            + ("một tệp cùng tên" if os.path.exists(match.group(2)) else "không có gì ở đó")
            + f". Cần: một thư mục. Tạo lại thư mục «{path}» (lấy lại từ git: «git checkout -- {path}»; "
            "hoặc tạo thư mục trống) rồi xây dựng lại."
        )
    what = "thư mục" if kind == "directory" else "tệp"
    return f"mkdocs.yml, trường «{key}»: không có {what} «{path}». Cần: đường dẫn tới một {what} có thật."


def _nested(match: re.Match[str]) -> str:
    site, docs = _shown(match.group(3)), _shown(match.group(4))
    inner, outer = ("docs_dir", "site_dir") if match.group(1) == "docs_dir" else ("site_dir", "docs_dir")
    return (
        f"mkdocs.yml: «{inner}» nằm trong «{outer}» (site_dir: «{site}», docs_dir: «{docs}»). Xây dựng sẽ "
        "ghi đè hoặc xóa dữ liệu. Cần: thư mục trang «site» nằm ngoài thư mục dữ liệu, ví dụ «site_dir: site»."
    )


def _nav(match: re.Match[str]) -> str:
    return (
        f"mkdocs.yml, trường «nav»: trang «{match.group(1)}» không có trong thư mục các trang tĩnh. Sửa tên "
        "trong «nav» cho đúng tên tệp, hoặc tạo lại trang đó."
    )


MESSAGES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"Config value '(\w+)': The path '(.*)' isn't an existing (directory|file)\."),
        _missing_folder,
    ),
    (
        re.compile(
            r"Config value '\w+': The '(\w+)' should not be within the '(\w+)'.*\(site_dir: '(.*)', docs_dir: '(.*)'\)"
        ),
        _nested,
    ),
    (re.compile(r"A reference to '(.*)' is included in the 'nav' configuration, which is not found.*"), _nav),
)


class Vietnamese(logging.Filter):
    """Rewrites MkDocs' messages in place; never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except (TypeError, ValueError):
            return True
        for pattern, message in MESSAGES:
            if match := pattern.fullmatch(text.strip()):
                record.msg, record.args = message(match), None
                return True
        if (
            record.name == "mkdocs.config"
            and text.startswith("Config value")
            and record.levelno >= logging.WARNING
        ):
            record.msg, record.args = f"Cấu hình mkdocs.yml (thông báo gốc của MkDocs): {text}", None
        return True


def install() -> None:
    """Add the filter once to each logger MkDocs reports through."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, Vietnamese) for existing in logger.filters):
            logger.addFilter(Vietnamese())


install()
ACTIVE = True  # what ``mkdocs.yml`` names to import this module as it is read
