"""The staff's own pages (``content/trang/``): Markdown that stays on this site, at its own address.

Rules, checked on the page as rendered (before MkDocs touches ``site/``):
- no scripts, frames, objects, style sheets, SVG or event attributes (a page runs nothing);
- no image, video or style loaded from another host (the site makes no third-party request);
  links to other sites stay allowed: following one is the reader's choice;
- no HTML, JavaScript or SVG files among the pages (MkDocs would publish them as they are);
- no link (file or folder) leading out of the pages' folder (MkDocs would publish its target);
- no page at an address the software generates (``thu-tuc/index.md``), whichever spelling
  (``bao-cao.md``, ``bao-cao/index.md``, ``bao-cao/README.md``) would take it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..addresses import CONTENT_DIR, STATIC_DIR, page_url
from ..core.errors import DataError, Problem
from .os_errors import NOT_UTF8_NAME, RENAME_NOT_UTF8, shown_name, unreadable

_FORBIDDEN_TAGS = {  # tags that run code, load another document, or restyle the page
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "meta", "base",
    "form", "style", "svg", "math", "portal", "template",
}  # fmt: skip
_LOADING = {
    "src",
    "srcset",
    "poster",
    "data",
    "background",
    "lowsrc",
    "dynsrc",
    "xlink:href",
    "action",
    "formaction",
}
_MEDIA = {
    "img": "hình ảnh tải từ trang khác",
    "picture": "hình ảnh tải từ trang khác",
    **dict.fromkeys(("video", "audio", "source", "track"), "hình ảnh, âm thanh hay video tải từ trang khác"),
}
_RASTER = re.compile(r"data:image/(png|jpeg|gif|webp|avif);", re.I)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//|^(?:https?|ftp):", re.I)
_SCRIPTED = re.compile(r"^(?:javascript|vbscript|data|livescript):", re.I)
_CSS_REMOTE = re.compile(r"url\(\s*[\"']?\s*(?:[a-z]+:)?//|@import|expression\s*\(", re.I)
_NOT_PAGES = (".html", ".htm", ".js", ".mjs", ".svg", ".xhtml")
MARKDOWN: tuple[list[Any], dict[str, Any]] = (  # MkDocs' built-in three, then mkdocs.yml's: for ``check``
    ["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html"],
    {},
)
HINT = (
    "Trang không chạy mã và không tải gì từ trang khác: xóa phần đó; hình ảnh thì chép vào thư mục "
    f"{CONTENT_DIR}/{STATIC_DIR}/ rồi ghi đường dẫn tương đối, VD: ![Trụ sở](anh/tru-so.jpg)."
)


@dataclass(frozen=True)
class StaffPages:
    """The staff's pages as the site renders them: their folder (MkDocs' ``docs_dir``), how messages
    name it, and the site's Markdown extensions with their settings."""

    folder: Path
    shown: str
    markdown: tuple[list[Any], dict[str, Any]] = MARKDOWN


def page_files(docs_dir: Path, refused: list[Problem] | None = None, shown_as: str = "") -> list[str]:
    """The files MkDocs would read from ``docs_dir`` (hidden ones and ``templates/`` left out), as URIs.

    MkDocs follows links: a link (file or folder) that leads out of ``docs_dir`` would publish what
    it points to. Such links are left out, unread, and reported in ``refused`` when given.
    """
    found = []
    root = docs_dir.resolve()
    seen: set[Path] = set()  # folders reached, links followed: a link to a parent is walked once
    for folder, dirs, names in os.walk(docs_dir, followlinks=True):
        here = Path(folder)
        seen.add(here.resolve())
        relative = here.relative_to(docs_dir)
        for name in [name for name in [*dirs, *names] if shown_name(name) != name]:
            if refused is not None:
                refused.append(
                    Problem(
                        f"{shown_as}/{shown_name((relative / name).as_posix())}",
                        None,
                        "",
                        NOT_UTF8_NAME,
                        found=shown_name(name),
                        expected="tên bằng chữ Unicode (UTF-8)",
                        hint=RENAME_NOT_UTF8,
                    )
                )
        dirs[:] = [d for d in dirs if shown_name(d) == d]
        names = [n for n in names if shown_name(n) == n]
        for name in [*dirs, *names]:
            link = here / name
            looped = name in dirs and link.is_symlink() and _within(here, _resolved(link))
            if refused is not None and link.is_symlink() and (looped or not _within(link, root)):
                refused.append(
                    Problem(
                        f"{shown_as}/{(relative / name).as_posix()}",
                        None,
                        "",
                        "Liên kết vòng về thư mục chứa nó: không đọc."
                        if looped
                        else "Liên kết tới ngoài thư mục trang: không đọc, không đăng.",
                        found=(relative / name).as_posix(),
                        expected="tệp hay thư mục thật trong thư mục trang",
                        hint="Chép nội dung cần đăng vào thư mục trang.",
                    )
                )
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and not (relative == Path(".") and d == "templates")
            and _within(here / d, root)
            and (here / d).resolve() not in seen
        )
        found += [
            (relative / name).as_posix()
            for name in sorted(names)
            if not name.startswith(".") and _within(here / name, root)
        ]
    return found


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def _within(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        return False


def check_pages(pages: StaffPages) -> list[Problem]:
    """Staff pages that would run code, load from another host, or be published unread.

    A page is checked as the browser gets it: rendered with the site's Markdown extensions, then
    read by an HTML parser. Encoded characters, reference-style images, attributes added with
    ``{: … }`` and tags spread over lines are seen as they will be published.
    """
    docs_dir, shown_as = pages.folder, pages.shown
    problems: list[Problem] = []
    root = docs_dir.resolve()
    for uri in page_files(docs_dir, problems, shown_as):
        name = f"{shown_as}/{uri}"
        path = docs_dir / uri
        suffix = path.suffix.lower()
        if suffix in _NOT_PAGES:
            svg = suffix == ".svg"
            problems.append(
                Problem(
                    name,
                    None,
                    "",
                    "Không đặt ảnh SVG trong thư mục trang: SVG có thể chứa mã chạy."
                    if svg
                    else "Không đặt tệp HTML hay JavaScript trong thư mục trang.",
                    found=uri,
                    expected="trang viết bằng Markdown (.md), ảnh PNG, JPG, WebP, tệp PDF",
                    hint="Lưu ảnh thành PNG (hoặc WebP)."
                    if svg
                    else "Viết nội dung thành trang .md; trang web tự trình bày.",
                )
            )
            continue
        if suffix not in (".md", ".markdown", ".css"):
            continue
        try:
            if not path.resolve().is_relative_to(root):
                continue  # refused by page_files, never read
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            why = unreadable(exc)
            problems.append(
                Problem(
                    name,
                    None,
                    "",
                    f"Không đọc được trang ({why.reason}).",
                    found=uri,
                    expected="một tệp Markdown đọc được",
                    hint=why.action,
                )
            )
            continue
        except (UnicodeDecodeError, RuntimeError):
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
        lines = text.splitlines()
        if suffix == ".css":
            found = [(_CSS_REMOTE.search(line), number) for number, line in enumerate(lines, 1)]
            problems += [
                _problem(name, number, "kiểu trình bày tải từ trang khác", lines)
                for match, number in found
                if match
            ]
            continue
        html = _render(text, pages.markdown)
        used: dict[str, int] = {}  # a needle found again points to its next line
        for what, needles in _Checker.run(html):
            problems.append(_problem(name, _line_of(lines, needles, used), what, lines))
    return problems


def _render(text: str, markdown: tuple[list[Any], dict[str, Any]]) -> str:
    import markdown as md  # the library MkDocs renders with

    extensions, configs = markdown
    try:
        return md.Markdown(extensions=extensions, extension_configs=configs).convert(text)
    except Exception:  # noqa: BLE001 - an extension's failure on odd text: check the source as HTML
        return text


class _Checker(HTMLParser):
    """What a rendered page would make the browser run or fetch."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, tuple[str, ...]]] = []

    @classmethod
    def run(cls, html: str) -> list[tuple[str, tuple[str, ...]]]:
        checker = cls()
        try:
            checker.feed(html)
            checker.close()
        except (AssertionError, ValueError):  # html.parser on malformed markup
            checker.found.append(("mã HTML không đọc được", ("<",)))
        return checker.found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FORBIDDEN_TAGS:
            self.found.append((f"thẻ HTML chạy mã hoặc tải nội dung ({tag})", (f"<{tag}", tag)))
            return
        for attribute, raw in attrs:
            value = "".join((raw or "").split()).lower()  # browsers ignore spaces and tabs inside
            needles = (raw or "", (raw or "")[:30], f"{attribute}=", attribute)
            if attribute.startswith("on"):
                self.found.append((f"thuộc tính sự kiện chạy mã ({attribute}=)", (f"{attribute}=", *needles)))
            elif (
                attribute in ("href", *_LOADING)
                and _SCRIPTED.match(value)
                and not (attribute != "href" and _RASTER.match(value))
            ):
                self.found.append((f"liên kết chạy mã ({value.split(':', 1)[0]}:)", needles))
            elif attribute in _LOADING and any(
                _REMOTE.match(part.strip()) for part in (raw or "").split(",")
            ):
                self.found.append((_MEDIA.get(tag, f"nội dung tải từ trang khác (<{tag}>)"), needles))
            elif attribute == "style" and _CSS_REMOTE.search(raw or ""):
                self.found.append(("kiểu trình bày tải từ trang khác", needles))

    handle_startendtag = handle_starttag


def _line_of(lines: list[str], needles: tuple[str, ...], used: dict[str, int]) -> int | None:
    """The source line holding the first of ``needles`` found (its next unused occurrence), else None."""
    for needle in needles:
        if len(needle) < 2:
            continue
        hits = [number for number, line in enumerate(lines, 1) if needle.lower() in line.lower()]
        if hits:
            index = used.get(needle, 0)
            used[needle] = index + 1
            return hits[min(index, len(hits) - 1)]
    return None


def _problem(name: str, number: int | None, what: str, lines: list[str]) -> Problem:
    shown = lines[number - 1].strip()[:80] if number else None
    return Problem(
        name,
        number,
        "",
        f"Trang có {what}.",
        found=f"«{shown}»" if shown else None,
        expected="nội dung Markdown, hình ảnh đặt cùng thư mục trang",
        hint=HINT,
    )


def collisions(pages: StaffPages, generated: Iterable[str], titles: dict[str, str]) -> list[Problem]:
    """Staff pages that would take an address of a generated page, or of each other."""
    taken = {page_url(uri): uri for uri in generated}
    seen: dict[str, str] = {}
    problems = []
    for uri in page_files(pages.folder):
        url = page_url(uri)
        name = f"{pages.shown}/{uri}"
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


def output_collisions(staff: StaffPages, pages: Iterable[tuple], files: Iterable[tuple]) -> list[Problem]:
    """The collisions of a build's output (pages and files as ``(uri, content, …)``) with the staff pages."""
    pages = list(pages)
    generated = [uri for uri, *_ in pages] + [uri for uri, *_ in files]
    titles = {uri: _title(markdown) for uri, markdown, *_ in pages}
    return collisions(staff, generated, titles)


def collision_message(staff: StaffPages, pages: Iterable[tuple], files: Iterable[tuple]) -> str | None:
    """The collisions of a build's output with the staff pages, as the build's error message."""
    problems = output_collisions(staff, pages, files)
    return DataError(problems).format() if problems else None


def _title(markdown: str) -> str:
    for line in markdown.splitlines():
        if line.startswith(("title: ", "# ")):
            return line.split(" ", 1)[1].strip().strip('"')
    return ""
