"""The staff's own pages (``content/trang/``): Markdown that stays on this site, at its own address.

Rules, checked before MkDocs touches ``site/``:
- no scripts, frames, objects, style sheets or event attributes (a page runs nothing);
- no image, video or style loaded from another host (the site makes no third-party request);
  links to other sites stay allowed: following one is the reader's choice;
- no HTML or JavaScript files among the pages (MkDocs would publish them as they are);
- no page at an address the software generates (``thu-tuc/index.md``), whichever spelling
  (``bao-cao.md``, ``bao-cao/index.md``, ``bao-cao/README.md``) would take it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from .errors import DataError, Problem

_RULES = (
    (
        re.compile(
            r"<\s*(script|iframe|frame|frameset|object|embed|applet|link|meta|base|form|style|svg|math)\b",
            re.I,
        ),
        "thẻ HTML chạy mã hoặc tải nội dung ({0})",
    ),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "thuộc tính sự kiện chạy mã (on…=)"),
    (re.compile(r"\b(javascript|vbscript)\s*:|\bdata\s*:\s*text/html", re.I), "liên kết chạy mã ({0}:)"),
    (re.compile(r"!\[[^\]]*\]\(\s*<?\s*(?:https?:)?//", re.I), "hình ảnh tải từ trang khác"),
    (
        re.compile(
            r"<\s*(?:img|source|video|audio|track|input|picture)\b[^>]*\s(?:src|srcset|poster)\s*=\s*[\"']?\s*"
            r"(?:https?:)?//",
            re.I,
        ),
        "hình ảnh, âm thanh hay video tải từ trang khác",
    ),
    (re.compile(r"url\(\s*[\"']?\s*(?:https?:)?//|@import", re.I), "kiểu trình bày tải từ trang khác"),
)
_NOT_PAGES = (".html", ".htm", ".js", ".mjs")
_CHECKED = (".md", ".markdown", ".svg", ".css")


def page_files(docs_dir: Path) -> list[str]:
    """The files MkDocs would read from ``docs_dir`` (hidden ones and ``templates/`` left out), as URIs."""
    found = []
    for folder, dirs, names in os.walk(docs_dir):
        relative = Path(folder).relative_to(docs_dir)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not (relative == Path(".") and d == "templates")
        )
        found += [(relative / name).as_posix() for name in sorted(names) if not name.startswith(".")]
    return found


def address(uri: str) -> str:
    """The address MkDocs gives a file (``use_directory_urls``): ``a/index.md``, ``a.md`` → ``a/``."""
    for suffix in (".md", ".markdown"):
        if uri.endswith(suffix):
            stem = uri[: -len(suffix)]
            folder, _, name = stem.rpartition("/")
            if name in ("index", "README"):
                return f"{folder}/" if folder else ""
            return f"{stem}/"
    return uri


def check_pages(docs_dir: Path, shown_as: str) -> list[Problem]:
    """Staff pages that would run code, load from another host, or be published unread."""
    problems: list[Problem] = []
    for uri in page_files(docs_dir):
        name = f"{shown_as}/{uri}"
        suffix = Path(uri).suffix.lower()
        if suffix in _NOT_PAGES:
            problems.append(
                Problem(
                    name,
                    None,
                    "",
                    "Không đặt tệp HTML hay JavaScript trong thư mục trang.",
                    found=uri,
                    expected="trang viết bằng Markdown (.md), hình ảnh, tệp PDF",
                    hint="Viết nội dung thành trang .md; trang web tự trình bày.",
                )
            )
            continue
        if suffix not in _CHECKED:
            continue
        try:
            text = (docs_dir / uri).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            problems.append(
                Problem(
                    name,
                    None,
                    "",
                    "Không đọc được trang (không phải văn bản UTF-8).",
                    found=uri,
                    expected="tệp Markdown mã UTF-8",
                )
            )
            continue
        for number, line in enumerate(text.splitlines(), 1):
            for pattern, what in _RULES:
                if match := pattern.search(line):
                    shown = line.strip()[:80]
                    problems.append(
                        Problem(
                            name,
                            number,
                            "",
                            f"Trang có {what.format(match.group(1) if match.groups() else '')}.",
                            found=f"«{shown}»",
                            expected="nội dung Markdown, hình ảnh đặt cùng thư mục trang",
                            hint="Trang không chạy mã và không tải gì từ trang khác: xóa phần đó; hình ảnh thì chép "
                            "vào thư mục content/trang/ rồi ghi đường dẫn tương đối, VD: ![Trụ sở](anh/tru-so.jpg).",
                        )
                    )
                    break
    return problems


def collisions(
    docs_dir: Path, shown_as: str, generated: Iterable[str], titles: dict[str, str]
) -> list[Problem]:
    """Staff pages that would take an address of a generated page, or of each other."""
    taken = {address(uri): uri for uri in generated}
    seen: dict[str, str] = {}
    problems = []
    for uri in page_files(docs_dir):
        url = address(uri)
        name = f"{shown_as}/{uri}"
        if url in taken:
            what = titles.get(taken[url], taken[url])
            problems.append(
                Problem(
                    name,
                    None,
                    "",
                    f"Trang tĩnh trùng địa chỉ /{url} của trang phần mềm tạo ({what}).",
                    found=uri,
                    expected="tên tệp khác các trang được tạo tự động",
                    hint="Đổi tên hoặc chuyển tệp sang thư mục khác; nội dung trang được tạo tự "
                    "động thì sửa trong dữ liệu.",
                )
            )
        elif url in seen:
            problems.append(
                Problem(
                    name,
                    None,
                    "",
                    f"Hai trang tĩnh cùng địa chỉ /{url}: {seen[url]} và {uri}.",
                    found=uri,
                    expected="mỗi địa chỉ một trang",
                    hint="MkDocs chỉ giữ một trong hai: gộp nội dung vào một tệp, xóa tệp kia.",
                )
            )
        seen.setdefault(url, uri)
    return problems


def collision_message(
    docs_dir: Path, docs_shown: str, pages: Iterable[tuple], files: Iterable[tuple]
) -> str | None:
    """The collisions of a build's output with the staff pages, as the build's error message."""
    pages = list(pages)
    generated = [uri for uri, *_ in pages] + [uri for uri, *_ in files]
    titles = {uri: _title(markdown) for uri, markdown, *_ in pages}
    problems = collisions(docs_dir, docs_shown, generated, titles)
    return DataError(problems).format() if problems else None


def _title(markdown: str) -> str:
    for line in markdown.splitlines():
        if line.startswith(("title: ", "# ")):
            return line.split(" ", 1)[1].strip().strip('"')
    return ""


def shown(path: Path, root: Path) -> str:
    """A path as messages name it: relative to the project when inside it."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
