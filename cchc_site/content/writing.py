"""Files the commands and the build write: whole or not at all, and why not, in the clerk's words.

One writer for every file a command writes (the lock, corrections, Word copies, national records,
the province overview): the new bytes go to a hidden temporary file next to the target, are
flushed to the disk, then renamed over it (one atomic step on POSIX file systems) and the folder
is flushed too, so the rename survives a power cut. A failure (full disk, no permission, a kill)
leaves the old file byte for byte; temporary files left by a killed process are removed by the
next write of the same file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

SUFFIX = ".tmp"

CAUSES = {  # errno → (what happened, what to do)
    errno.ENOSPC: ("ổ đĩa đã đầy", "giải phóng chỗ trống trên ổ đĩa rồi chạy lại"),
    errno.EDQUOT: ("đã dùng hết hạn mức ổ đĩa", "giải phóng chỗ trống rồi chạy lại"),
    errno.EROFS: ("ổ đĩa chỉ cho đọc", "chạy trên ổ đĩa ghi được hoặc đặt lại quyền ghi"),
    errno.EACCES: ("không có quyền", "cấp quyền ghi cho người dùng đang chạy lệnh"),
    errno.EPERM: ("không được phép", "cấp quyền ghi cho người dùng đang chạy lệnh"),
    errno.ENOENT: ("thư mục không tồn tại", "tạo thư mục trước hoặc chọn nơi khác"),
    errno.ENOTDIR: ("một phần của đường dẫn là tệp, không phải thư mục", "đổi tên tệp đó"),
    errno.EISDIR: ("đó là một thư mục, không phải tệp", "đổi tên thư mục đó"),
    errno.ENAMETOOLONG: ("tên quá dài", "rút ngắn tên tệp"),
    errno.EMFILE: ("mở quá nhiều tệp cùng lúc", "chạy lại lệnh"),
}


def write_whole(target: Path, data: bytes, mode: int | None = None) -> None:
    """All or nothing: a full disk or a killed process never leaves half a file behind.

    ``mode``: the file's permissions; by default those it had, or those a plain ``open()`` gives."""
    if mode is None:
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
    _remove_leftovers(target)
    handle, temporary = tempfile.mkstemp(prefix=_prefix(target), suffix=SUFFIX, dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename in it); a system that cannot (Windows) skips it."""
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


def failure(exc: OSError, doing: str) -> str:
    """An OS error as a clerk reads it: what was being done, on which path, why, and what to do."""
    path = exc.filename if exc.filename is not None else ""
    where = f" «{os.fsdecode(path)}»" if path else ""
    where = where.encode("utf-8", "surrogateescape").decode("utf-8", "replace")  # a non-UTF-8 name prints
    cause, action = CAUSES.get(
        exc.errno or 0, (exc.strerror or "lỗi hệ thống tệp", "kiểm tra ổ đĩa rồi chạy lại")
    )
    return f"không {doing} được{where}: {cause}. Cách xử lý: {action}."


def write_reason(exc: OSError, elsewhere: str = ", hoặc chọn nơi khác bằng -o") -> str:
    """Why a file could not be written; ``elsewhere``: how the command lets the clerk pick another place."""
    if isinstance(exc, PermissionError):
        return f"không có quyền ghi (tệp đang mở trong Word, hoặc thư mục không cho ghi: đóng tệp{elsewhere})"
    if isinstance(exc, FileNotFoundError):
        return f"thư mục không tồn tại (tạo thư mục trước{elsewhere})"
    cause = CAUSES.get(exc.errno or 0)
    return cause[0] if cause else f"lỗi hệ thống tệp (mã {exc.errno})"


def _prefix(target: Path) -> str:
    return f".{target.name}."


def _remove_leftovers(target: Path) -> None:
    for old in target.parent.glob(_prefix(target) + "*" + SUFFIX):
        with contextlib.suppress(OSError):
            old.unlink()
