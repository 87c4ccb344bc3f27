"""Atomic publishing: the build writes a sibling folder and swaps it with ``site/`` when complete.

MkDocs empties its ``site_dir`` before writing. Pointed at ``site/`` itself, a build that is
killed, interrupted, out of disk, or racing another build leaves the published site empty, half
new or mixed. Here MkDocs writes into ``.site.dang-xay-<pid>/`` next to ``site/``; only a build
that finished without error (strict warnings included) swaps the two folders, in one
``renameat2(RENAME_EXCHANGE)`` where the system has it, so a web server sees the old site or the
new one, never a mix. A lock file (``.site.khoa-xay-dung``, ``flock``) lets one build at a time
publish into one folder: a second one refuses with a message. Leftovers of a killed build are
removed by the next one; a site left renamed aside by a build killed between two plain renames is
put back before anything else happens.

Before anything is created or removed, the target is checked: a ``site`` that is a file, a link,
the project, the content folder, the pages' folder or any folder holding them is refused.

No MkDocs and nothing heavy is imported here; every OS error becomes a :class:`PublishError`
with a Vietnamese message naming the path (``content/writing.py``: ``failure``).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .content.writing import failure, sync_folder

STAGING = ".{name}.dang-xay-"  # + pid: the build being written
ASIDE = ".{name}.cu-"  # + pid: the old site while two plain renames swap the folders
LOCK = ".{name}.khoa-xay-dung"
RENAME_EXCHANGE = 2  # linux/fs.h


class PublishError(Exception):
    """A fault of the site folder or the file system, in Vietnamese, naming the path."""


@dataclass
class Publication:
    """One build's claim on a site folder: where MkDocs writes, what it replaces, the held lock."""

    final: Path
    staging: Path
    lock_fd: int
    shown: str  # the site folder as the clerk knows it («site»)


def is_preview_folder(site_dir: Path) -> bool:
    """``mkdocs serve`` builds into a fresh ``mkdocs_*`` folder under the system's temporary folder."""
    return site_dir.name.startswith("mkdocs_") and site_dir.parent == Path(tempfile.gettempdir())


def refusal(site_dir: Path, root: Path, protected: dict[str, Path], shown: str) -> str | None:
    """Why ``site_dir`` must not be replaced, or None. ``protected``: label → folder or file of the project."""
    if site_dir.is_symlink():
        target = os.readlink(site_dir)
        return (
            f"thư mục trang «{shown}» là một liên kết (tới «{target}»), không phải thư mục: cchc-site "
            "không xóa hay thay thế nơi liên kết trỏ tới. Xóa liên kết «{0}» rồi xây dựng lại; muốn "
            "đăng thẳng vào một thư mục khác thì ghi «site_dir: …» trong mkdocs.yml hoặc dùng "
            "«mkdocs build -d THƯ_MỤC»."
        ).replace("{0}", shown)
    if site_dir.exists() and not site_dir.is_dir():
        return (
            f"«{shown}» là một tệp, không phải thư mục: trang web được xây dựng vào thư mục «{shown}/». "
            f"Đổi tên hoặc chuyển tệp «{shown}» đi chỗ khác rồi xây dựng lại."
        )
    real = site_dir.resolve()
    for label, path in {"thư mục dự án": root, **protected}.items():
        held = path.resolve()
        if (
            real == held
            or held.is_relative_to(real)
            or (real.is_relative_to(held) and label != "thư mục dự án")
        ):
            return (
                f"thư mục trang «{shown}» trùng với hoặc chứa {label} «{path.name or path}»: xây dựng sẽ "
                "thay thế toàn bộ thư mục này và làm mất dữ liệu. Đặt «site_dir: site» trong mkdocs.yml."
            )
    return None


def begin(site_dir: Path, shown: str) -> Publication:
    """Lock the site folder, put back a site left aside, clear leftovers; return where to build."""
    parent, name = site_dir.parent, site_dir.name
    try:
        parent.mkdir(parents=True, exist_ok=True)
        lock_fd = os.open(parent / LOCK.format(name=name), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise PublishError(failure(exc, f"chuẩn bị thư mục trang «{shown}»")) from exc
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(lock_fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EACCES):
            raise PublishError(
                f"một lần xây dựng khác đang ghi vào thư mục trang «{shown}». Hai lần xây dựng cùng lúc sẽ "
                "trộn hai bản trang, nên lần này dừng lại mà không đụng tới trang: chờ lần kia xong rồi chạy lại."
            ) from exc
        raise PublishError(failure(exc, f"khóa thư mục trang «{shown}»")) from exc
    try:
        _recover(site_dir)
        staging = parent / f"{STAGING.format(name=name)}{os.getpid()}"
        staging.mkdir()
        if site_dir.is_dir():  # keep the published folder's permissions (a web server reads it)
            os.chmod(staging, stat.S_IMODE(site_dir.stat().st_mode))
    except OSError as exc:
        _release(lock_fd)
        raise PublishError(failure(exc, f"tạo thư mục tạm cho trang «{shown}»")) from exc
    return Publication(final=site_dir, staging=staging, lock_fd=lock_fd, shown=shown)


def finish(publication: Publication) -> list[str]:
    """Put the complete build in place of the old site; return warnings (an old copy not removed)."""
    final, staging = publication.final, publication.staging
    warnings: list[str] = []
    try:
        if final.exists():
            if not _exchange(staging, final):
                aside = final.parent / f"{ASIDE.format(name=final.name)}{os.getpid()}"
                os.rename(final, aside)  # killed here: the next build puts it back
                os.rename(staging, final)
                os.rename(aside, staging)
        else:
            os.rename(staging, final)
        sync_folder(final.parent)
    except OSError as exc:
        abandon(publication)
        raise PublishError(
            failure(exc, f"thay thư mục trang «{publication.shown}» bằng bản vừa xây dựng")
            + " Trang đã đăng trước đó vẫn giữ nguyên."
        ) from exc
    warnings += _remove(staging)
    _release(publication.lock_fd)
    return warnings


def abandon(publication: Publication) -> list[str]:
    """A failed or interrupted build: remove what it wrote, keep the published site, free the lock."""
    warnings = _remove(publication.staging)
    _release(publication.lock_fd)
    return warnings


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2``); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), os.fsdecode(second))


def _recover(site_dir: Path) -> None:
    """Before building: put back a site a killed swap left aside; remove what killed builds wrote."""
    parent, name = site_dir.parent, site_dir.name
    aside = sorted(parent.glob(f"{ASIDE.format(name=name)}*"))
    if aside and not site_dir.exists():
        os.rename(aside.pop(), site_dir)
    for leftover in [*aside, *parent.glob(f"{STAGING.format(name=name)}*")]:
        _remove(leftover)


def _remove(folder: Path) -> list[str]:
    if not folder.exists() and not folder.is_symlink():
        return []
    failed: list[str] = []
    shutil.rmtree(folder, onerror=lambda _function, path, _info: failed.append(path))
    if failed:
        return [f"không xóa được bản tạm «{folder.name}» (lần xây dựng sau sẽ thử lại)."]
    return []


def _release(lock_fd: int) -> None:
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_UN)
    finally:
        os.close(lock_fd)
