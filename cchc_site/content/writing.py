"""Files the commands write: whole or not at all, and why not, in the clerk's words."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_whole(target: Path, data: bytes) -> None:
    """All or nothing: a full disk or a killed process never leaves half a file behind."""
    try:
        mode = target.stat().st_mode & 0o777  # a file written again keeps its permissions
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask  # as a plain open() would create it
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_reason(exc: OSError, elsewhere: str = ", hoặc chọn nơi khác bằng -o") -> str:
    """Why a file could not be written; ``elsewhere``: how the command lets the clerk pick another place."""
    if isinstance(exc, PermissionError):
        return f"không có quyền ghi (tệp đang mở trong Word, hoặc thư mục không cho ghi: đóng tệp{elsewhere})"
    if isinstance(exc, FileNotFoundError):
        return f"thư mục không tồn tại (tạo thư mục trước{elsewhere})"
    if isinstance(exc, IsADirectoryError):
        return "đó là một thư mục"
    if isinstance(exc, NotADirectoryError):
        return "một phần của đường dẫn là tệp, không phải thư mục"
    return f"lỗi hệ thống tệp (mã {exc.errno})"
