"""The build's result as plain data, kept between builds while nothing it depends on changes.

A build of unchanged data (``mkdocs serve`` after editing a static page, a second local
build) then skips loading, validating and rendering, and never imports pydantic or Jinja.
The key covers every input of ``build.prepare``: all files under the content folder, this
package's code and templates, the versions of the libraries that read and render the data, and
what the lock's history check reads from git (``lock/git.py``).
Only successful results are stored, so a bad file is always checked and reported.
This module imports nothing heavy on purpose.
"""

from __future__ import annotations

import base64
import hashlib
import json
import stat
import sys
import time
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path

from .lock import git

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("pydantic", "pydantic-core", "jinja2", "pyyaml", "markupsafe")
KEEP = 3  # entries kept per project (older ones are removed)
BIG = 20_000_000  # larger files (scans, videos among the pages) count by size and time, not read
FORMAT = 3


@dataclass(frozen=True)
class Output:
    """What the MkDocs hooks need: pages, files, dates and messages; builtins only."""

    pages: tuple[tuple[str, str, bool], ...]  # (uri, markdown, in nav)
    files: tuple[tuple[str, bytes], ...]  # (uri, content)
    dates: dict[str, date]  # page uri → when what it shows last changed
    updated: date  # the site's last change
    notices: tuple[str, ...]
    details: tuple[str, ...]
    identity: tuple[str, str] = ("", "")  # the site's name and description, from content/xa.yaml

    def updated_on(self, uri: str) -> date:
        return self.dates.get(uri) or self.updated


def fingerprint(
    content_dir: Path,
    shown_as: str,
    docs_dir: Path | None = None,
    today: date | None = None,
    config_file: Path | None = None,
) -> str:
    """A key over every input: a file that cannot be read changes the key, so it is read and reported.

    ``today`` is an input too: a procedure listed from a later day joins the list on that day.
    """
    digest = hashlib.sha256(f"{FORMAT}|{shown_as}|{sys.version}|{today}".encode())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=?".encode())
    # the lock's git history (commits of the lock files, a shallow clone, CCHC_LICH_SU): a stored
    # success is replayed only while the history it was checked against is unchanged
    digest.update(b"git\0" + git.state(content_dir) + b"\0")
    if config_file is not None:  # its Markdown extensions decide how staff pages are checked
        digest.update(b"mkdocs.yml\0" + _contents(config_file) + b"\0")
    folders = [(PACKAGE, ("**/*.py", "**/*.yaml", "templates/*.j2")), (content_dir, ("**/*",))]
    if docs_dir is not None and not docs_dir.resolve().is_relative_to(content_dir.resolve()):
        folders.append((docs_dir, ("**/*",)))
    for folder, patterns in folders:
        for pattern in patterns:
            for path in sorted(folder.glob(pattern)):
                if "__pycache__" not in path.parts:
                    digest.update(str(path.relative_to(folder)).encode() + b"\0" + _contents(path) + b"\0")
    return digest.hexdigest()


def _contents(path: Path) -> bytes:
    """What the key knows of one file; never raises, never blocks on a pipe or a device."""
    try:
        info = path.lstat()
        if path.is_symlink() or not stat.S_ISREG(info.st_mode) or info.st_size > BIG:
            return f"{info.st_mode}:{info.st_size}:{info.st_mtime_ns}".encode()
        return path.read_bytes()
    except OSError as exc:
        return f"unreadable:{exc.errno}:{time.time_ns()}".encode()  # never equal: the build reports it


def load(folder: Path, key: str) -> Output | None:
    """The stored result, or None. JSON, not pickle: reading a cache file never runs code."""
    try:
        data = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        return Output(
            pages=tuple((uri, markdown, bool(in_nav)) for uri, markdown, in_nav in data["pages"]),
            files=tuple((uri, base64.b64decode(content)) for uri, content in data["files"]),
            dates={uri: date.fromisoformat(day) for uri, day in data["dates"].items()},
            updated=date.fromisoformat(data["updated"]),
            notices=tuple(data["notices"]),
            details=tuple(data["details"]),
            identity=(str(data["identity"][0]), str(data["identity"][1])),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(folder: Path, key: str, output: Output) -> None:
    data = {
        "pages": output.pages,
        "files": [(uri, base64.b64encode(content).decode()) for uri, content in output.files],
        "dates": {uri: day.isoformat() for uri, day in output.dates.items()},
        "updated": output.updated.isoformat(),
        "notices": output.notices,
        "details": output.details,
        "identity": output.identity,
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f"{key}.tmp"
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        temporary.replace(folder / f"{key}.json")
        entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only checkout builds without the cache
