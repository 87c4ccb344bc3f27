"""Writing the lock file so that it is always whole: the old file or the new one, never a part.

The new text goes to a temporary file in the same folder, is flushed to the disk (``fsync``), then
renamed over the lock file (one atomic step on every POSIX file system) and the folder is flushed
too, so the rename itself survives a power cut. A failure (full disk, no permission) removes the
temporary file and leaves the lock byte for byte as it was; the caller says so in Vietnamese.
Temporary files left by a process killed mid-write are named ``.khoa-so-lieu.json.*.tmp`` and
removed by the next write.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

SUFFIX = ".tmp"


def prefix(path: Path) -> str:
    """How the temporary files of ``path`` start: hidden, next to it."""
    return f".{path.name}."


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) in one step; raises ``OSError`` leaving it unchanged."""
    folder = path.parent
    _remove_leftovers(path)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=prefix(path), suffix=SUFFIX)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(text.encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(OSError):  # keep the old file's permissions (mkstemp makes 0600)
            os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry of the renamed file; a system that cannot (Windows) skips it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _remove_leftovers(path: Path) -> None:
    for old in path.parent.glob(prefix(path) + "*" + SUFFIX):
        with contextlib.suppress(OSError):
            old.unlink()
