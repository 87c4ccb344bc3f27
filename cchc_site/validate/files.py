"""Every file in the content folder is read, or refused with the name it should have.

A file nobody reads is a silent mistake: a draft saved as ``2022-q4.yml`` would never be checked,
a signed scan no report names would never be published. Hidden files (``.gitkeep``, an editor's
swap file) are left alone, as MkDocs leaves them; the static pages under ``trang/`` are MkDocs'.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from .. import periods
from ..errors import Problem, Problems
from ..indicators.catalogue import CUSTOM_FILE
from ..lock import LOCK_FILE
from .procedures import LIST_FILE
from .publication import ORIGINALS_DIR, REPORT_DIR

XA_FILE = "xa.yaml"
STATIC_DIR = "trang"
KNOWN_FILES = (XA_FILE, LIST_FILE, CUSTOM_FILE, LOCK_FILE)
KNOWN_DIRS = (REPORT_DIR, STATIC_DIR)


def content_files(content_dir: Path, shown_as: str, problems: Problems) -> list[Path]:
    """The report files to read; every other file that is not a known one is refused here."""
    reports: list[Path] = []

    def refuse(path: Path, message: str, expected: str, hint: str | None = None) -> None:
        relative = path.relative_to(content_dir).as_posix()
        problems.add(
            Problem(
                f"{shown_as}/{relative}", None, "", message, found=path.name, expected=expected, hint=hint
            )
        )

    for folder, dirs, names in os.walk(content_dir):
        here = Path(folder)
        relative = here.relative_to(content_dir).as_posix()
        for name in [d for d in dirs if (here / d).is_symlink() and not _inside(here / d, content_dir)]:
            refuse(
                here / name,
                "Thư mục là liên kết tới ngoài thư mục dữ liệu: không đọc, không đăng.",
                "một thư mục thật nằm trong thư mục dữ liệu",
                "Chép các tệp cần dùng vào thư mục dữ liệu.",
            )
            dirs.remove(name)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not (relative == "." and d == STATIC_DIR)
        )
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = here / name
            if path.is_symlink() and not _inside(path, content_dir):
                refuse(
                    path,
                    "Tệp là liên kết tới ngoài thư mục dữ liệu: không đọc.",
                    "một tệp thật nằm trong thư mục dữ liệu",
                    "Chép nội dung cần dùng vào thư mục dữ liệu.",
                )
                continue
            if relative == ".":
                if name not in KNOWN_FILES:
                    close = difflib.get_close_matches(name.lower(), KNOWN_FILES, n=1, cutoff=0.6)
                    refuse(
                        path,
                        "Tệp lạ trong thư mục dữ liệu: phần mềm không đọc tệp này.",
                        "một trong: "
                        + ", ".join(KNOWN_FILES)
                        + f", hoặc thư mục {REPORT_DIR}/, {STATIC_DIR}/",
                        f"Có phải là «{close[0]}»? Đổi tên cho đúng."
                        if close
                        else "Xóa tệp, hoặc chuyển ra ngoài thư mục dữ liệu.",
                    )
            elif relative == REPORT_DIR:
                _report_file(path, refuse, reports)
            elif relative == ORIGINALS_DIR:
                if path.suffix != ".pdf":
                    refuse(
                        path,
                        "Thư mục bản gốc chỉ chứa tệp PDF đã ký.",
                        "tệp .pdf (VD: 2022-q3.pdf)",
                        "Quét bản đã ký thành PDF."
                        if path.suffix.lower() != ".pdf"
                        else "Đổi đuôi thành «.pdf».",
                    )
            else:
                refuse(
                    path,
                    "Tệp nằm ở thư mục phần mềm không đọc.",
                    f"tệp ở {shown_as}/, {shown_as}/{REPORT_DIR}/ hoặc {shown_as}/{ORIGINALS_DIR}/",
                    "Chuyển tệp vào đúng thư mục, hoặc xóa.",
                )
        for name in list(dirs):
            if (
                (relative == "." and name not in KNOWN_DIRS)
                or (relative == REPORT_DIR and name != "ban-goc")
                or relative not in (".", REPORT_DIR)
            ):
                refuse(
                    here / name,
                    "Thư mục lạ trong thư mục dữ liệu: phần mềm không đọc các tệp trong đó.",
                    f"thư mục {REPORT_DIR}/, {ORIGINALS_DIR}/ hoặc {STATIC_DIR}/",
                    "Xóa hoặc chuyển thư mục ra ngoài.",
                )
                dirs.remove(name)
    return reports


def _report_file(path: Path, refuse, reports: list[Path]) -> None:
    stem, suffix = path.stem, path.suffix
    if suffix == ".yaml":
        reports.append(path)  # a name that is no period is refused by the report's own checks
        return
    if suffix.lower() in (".yaml", ".yml") and periods.parse(stem.strip()) is not None:
        refuse(
            path,
            "Tệp báo cáo phải có đuôi «.yaml» (chữ thường).",
            f"{stem.strip()}.yaml",
            f"Đổi tên tệp thành {stem.strip()}.yaml"
            + (
                " (đã có tệp cùng tên: gộp lại thành một)."
                if (path.with_name(f"{stem.strip()}.yaml")).exists()
                else "."
            ),
        )
        return
    refuse(
        path,
        "Tệp lạ trong thư mục báo cáo: phần mềm không đọc tệp này.",
        "tệp báo cáo đặt tên theo kỳ: " + periods.kinds_help(),
        "Bản quét đã ký đặt trong bao-cao/ban-goc/." if suffix.lower() == ".pdf" else None,
    )


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def unused_originals(content_dir: Path, shown_as: str, named: set[str], problems: Problems) -> None:
    """A signed scan in ``ban-goc/`` that no report names would never be published: say so."""
    folder = content_dir / ORIGINALS_DIR
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.pdf")):
        if path.name not in named and not path.name.startswith("."):
            problems.add(
                Problem(
                    f"{shown_as}/{ORIGINALS_DIR}/{path.name}",
                    None,
                    "",
                    "Bản gốc không thuộc báo cáo nào: sẽ không được đăng.",
                    found=path.name,
                    expected="tên tệp ghi ở «ban_goc» của một báo cáo",
                    hint=f"Ghi «ban_goc: {path.name}» trong tệp báo cáo tương ứng, hoặc xóa tệp.",
                )
            )
