"""Why a content file could not be read, and what to do, in the clerk's words (never a traceback)."""

from __future__ import annotations

import errno
from typing import NamedTuple


class Unreadable(NamedTuple):
    reason: str  # short, inside the message: «không đọc được (không có quyền)»
    action: str  # what to do


def unreadable(exc: OSError, folder: bool = False) -> Unreadable:
    """The reason an ``OSError`` gives for a file (or ``folder``) not read, and the way out."""
    if isinstance(exc, PermissionError):
        how = (
            "thư mục cho người chạy lệnh mở được (VD: chmod a+rx THƯ_MỤC)"
            if folder
            else ("tệp cho người chạy lệnh đọc được (VD: chmod a+r TỆP)")
        )
        return Unreadable("không có quyền", f"Sửa quyền của {how}, hoặc hỏi người quản trị máy.")
    if isinstance(exc, FileNotFoundError):
        return Unreadable(
            "tệp không còn",
            "Tệp bị xóa trong lúc đọc, hoặc là liên kết hỏng: khôi phục tệp, hoặc xóa liên kết.",
        )
    if isinstance(exc, IsADirectoryError):
        return Unreadable(
            "là một thư mục, không phải tệp", "Tên này phải là một tệp: đổi tên thư mục hoặc chuyển nó đi."
        )
    if isinstance(exc, NotADirectoryError):
        return Unreadable(
            "một phần của đường dẫn là tệp, không phải thư mục",
            "Đổi tên tệp đang chắn chỗ của thư mục.",
        )
    if exc.errno == errno.ELOOP:
        return Unreadable("liên kết trỏ vòng vào chính nó", "Xóa liên kết, chép tệp thật vào chỗ đó.")
    if exc.errno == errno.ENAMETOOLONG:
        return Unreadable("tên tệp quá dài", "Đặt tên tệp ngắn hơn.")
    detail = f"lỗi hệ thống tệp, mã {exc.errno}" if exc.errno is not None else "lỗi hệ thống tệp"
    return Unreadable(
        detail,
        "Chạy lại lệnh; tệp ở ổ mạng hay USB thì chép vào máy; lỗi còn thì kiểm tra ổ đĩa.",
    )


def shown_name(name: str) -> str:
    """A file name safe to print: bytes that were not UTF-8 (surrogate escapes) shown as «�»."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


NOT_UTF8_NAME = "Tên tệp hoặc thư mục không phải mã UTF-8 (ký tự không đọc được hiện thành «�»): không đọc."
RENAME_NOT_UTF8 = (
    "Đổi tên tệp (hoặc thư mục) cho đúng, gõ lại tên bằng bộ gõ Unicode; tên như vậy thường do giải nén "
    "tệp zip tạo trên máy khác."
)
