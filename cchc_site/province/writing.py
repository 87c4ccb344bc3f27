"""Writing the overview's files into ``--out``: checked first, each file replaced atomically.

The folder is reused on purpose (in CI it already holds every commune's site, ``<xã>/``), so the
overview's own files (``index.html``, ``du-lieu/…``) are replaced, each through a temporary file
and ``os.replace`` (a reader never sees half a page), and nothing else in the folder is touched.
Refused before anything is written: ``--out`` naming a file, a folder where one of these files
goes, a place inside a commune's folder. A place that cannot be written is a message, not a
traceback.
"""

from __future__ import annotations

from pathlib import Path

from ..content.writing import write_whole


class OutputError(Exception):
    """The overview cannot be written there; the message is Vietnamese and says what to do."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refused_place(out: Path, files: list[str], communes: list[Path]) -> str | None:
    """Why the overview may not be written into ``out`` (None: it may)."""
    if out.exists() and not out.is_dir():
        return (
            f"«{out.as_posix()}» là một tệp, không phải thư mục: --out cần một thư mục (VD public); "
            "lệnh không ghi đè tệp đó."
        )
    try:
        place = out.resolve()
        inside = next((c for c in communes if _inside(place, c.resolve())), None)
    except (OSError, RuntimeError):  # a link loop
        return f"«{out.as_posix()}» là một liên kết vòng: chọn thư mục khác cho --out (VD public)."
    if inside is not None:
        return (
            f"«{out.as_posix()}» nằm trong thư mục của xã «{inside.as_posix()}»: chọn thư mục "
            "khác cho --out (VD public)."
        )
    for relative in files:
        parts = Path(relative).parts
        for depth in range(1, len(parts) + 1):
            existing = out.joinpath(*parts[:depth])
            wanted_folder = depth < len(parts)
            if existing.exists() and existing.is_dir() != wanted_folder:
                what, wanted = ("một thư mục", "một tệp") if existing.is_dir() else ("một tệp", "một thư mục")
                return (
                    f"«{existing.as_posix()}» là {what}, nhưng trang tổng hợp cần ghi {wanted} ở đó: "
                    "đổi tên hoặc xóa nó, hoặc chọn thư mục khác cho --out."
                )
    return None


def write_files(out: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (path under ``out`` → bytes), each replaced atomically; or ``OutputError``."""
    try:
        for relative, content in sorted(files.items()):
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            write_whole(target, content, mode=0o644)  # a page any web server may read
    except OSError as exc:
        where = Path(exc.filename).as_posix() if exc.filename else out.as_posix()
        raise OutputError(
            f"Không ghi được trang tổng hợp vào «{where}»: {exc.strerror or exc}. "
            "Kiểm tra quyền ghi, chỗ trống trên đĩa, hoặc chọn thư mục khác cho --out."
        ) from exc
