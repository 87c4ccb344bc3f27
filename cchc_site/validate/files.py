"""Every file in the content folder is read, or refused with the name it should have.

A file nobody reads is a silent mistake: a draft saved as ``2022-q4.yml`` would never be checked,
a signed scan no report names would never be published. Hidden files (``.gitkeep``, an editor's
swap file) are left alone, as MkDocs leaves them; the static pages under ``trang/`` are MkDocs'.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from ..addresses import (
    ALIASES_FILE,
    CUSTOM_FILE,
    EVENTS_FILE,
    LIST_FILE,
    LOCK_FILE,
    ORIGINALS_DIR,
    PREDECESSOR_DIR,
    RECORD_DIR,
    REPORT_DIR,
    STATIC_DIR,
    XA_FILE,
)
from ..core import periods
from ..core.errors import Problem
from ..core.models import CODE_PATTERN
from .context import Check

KNOWN_FILES = (XA_FILE, LIST_FILE, CUSTOM_FILE, ALIASES_FILE, LOCK_FILE, EVENTS_FILE)
KNOWN_DIRS = (REPORT_DIR, STATIC_DIR, RECORD_DIR)
PREDECESSOR_FILES = (LOCK_FILE,)


def content_files(check: Check, predecessor: bool = False) -> list[Path]:
    """The report files to read; every other file that is not a known one is refused here.

    ``predecessor``: the folder of a merged commune (``tien-than/<ma>/``), which holds only its
    reports, their scans and its lock file; ``tien-than/`` itself is read by ``predecessor_files``.
    """
    content_dir, shown_as = check.folder, check.shown
    reports: list[Path] = []
    known_files = PREDECESSOR_FILES if predecessor else KNOWN_FILES
    known_dirs = (REPORT_DIR,) if predecessor else (*KNOWN_DIRS, PREDECESSOR_DIR)
    skipped = () if predecessor else (STATIC_DIR, PREDECESSOR_DIR, RECORD_DIR)  # each read on its own

    def refuse(path: Path, message: str, expected: str, hint: str | None = None) -> None:
        relative = path.relative_to(content_dir).as_posix()
        check.add(
            Problem(check.name(relative), None, "", message, found=path.name, expected=expected, hint=hint)
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
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (relative == "." and d in skipped))
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
                if name not in known_files:
                    close = difflib.get_close_matches(name.lower(), known_files, n=1, cutoff=0.6)
                    refuse(
                        path,
                        "Tệp lạ trong thư mục dữ liệu: phần mềm không đọc tệp này.",
                        "một trong: "
                        + ", ".join(known_files)
                        + (
                            f", hoặc thư mục {REPORT_DIR}/"
                            if predecessor
                            else f", hoặc thư mục {REPORT_DIR}/, {STATIC_DIR}/"
                        ),
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
                (relative == "." and name not in known_dirs)
                or (relative == REPORT_DIR and f"{relative}/{name}" != ORIGINALS_DIR)
                or relative not in (".", REPORT_DIR)
            ):
                refuse(
                    here / name,
                    "Thư mục lạ trong thư mục dữ liệu: phần mềm không đọc các tệp trong đó.",
                    f"thư mục {REPORT_DIR}/, {ORIGINALS_DIR}/, {RECORD_DIR}/ hoặc {STATIC_DIR}/",
                    "Xóa hoặc chuyển thư mục ra ngoài.",
                )
                dirs.remove(name)
    return reports


def record_files(check: Check) -> list[Path]:
    """The national records (``thu-tuc-quoc-gia/<mã>.yaml``); any other file there is refused."""
    folder = check.folder / RECORD_DIR
    if not folder.exists() and not folder.is_symlink():
        return []
    where = check.name(RECORD_DIR)
    if not folder.is_dir() or not _inside(folder, check.root):
        check.add(
            Problem(
                where,
                None,
                "",
                f"«{RECORD_DIR}» phải là thư mục thật trong thư mục dữ liệu.",
                found=RECORD_DIR,
                expected=f"thư mục {where}/ chứa các tệp <mã thủ tục>.yaml",
            )
        )
        return []
    records = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        stem = path.name.removesuffix(".yaml")
        if (
            path.is_file()
            and path.name.endswith(".yaml")
            and CODE_PATTERN.match(stem)
            and _inside(path, check.root)
        ):
            records.append(path)
            continue
        check.add(
            Problem(
                f"{where}/{path.name}",
                None,
                "",
                "Tệp lạ trong thư mục bản ghi quốc gia: phần mềm không đọc tệp này.",
                found=path.name,
                expected="tệp <mã thủ tục>.yaml do lệnh import-national ghi, VD: 1.001193.yaml",
                hint="Chạy lại «python -m cchc_site import-national … --write»; xóa tệp lạ.",
            )
        )
    return records


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
        f"Bản quét đã ký đặt trong {ORIGINALS_DIR}/." if suffix.lower() == ".pdf" else None,
    )


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def unused_originals(check: Check, named: set[str]) -> None:
    """A signed scan in ``ban-goc/`` that no report names would never be published: say so."""
    folder = check.folder / ORIGINALS_DIR
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.pdf")):
        if path.name not in named and not path.name.startswith("."):
            check.add(
                Problem(
                    check.name(f"{ORIGINALS_DIR}/{path.name}"),
                    None,
                    "",
                    "Bản gốc không thuộc báo cáo nào: sẽ không được đăng.",
                    found=path.name,
                    expected="tên tệp ghi ở «ban_goc» của một báo cáo",
                    hint=f"Ghi «ban_goc: {path.name}» trong tệp báo cáo tương ứng, hoặc xóa tệp.",
                )
            )


def predecessor_files(check: Check, declared: list[str] | None) -> dict[str, list[Path]]:
    """The report files of each declared merged commune (``tien-than/<ma>/bao-cao/``).

    A folder for a commune ``xa.yaml`` does not declare is refused; ``declared`` None (the profile
    did not load) checks nothing more. A declared commune without a folder is said where it is declared.
    """
    found: dict[str, list[Path]] = {}
    content_dir = check.folder
    top = content_dir / PREDECESSOR_DIR
    if declared is None:
        return found
    where = check.name(PREDECESSOR_DIR)
    if top.is_dir() and not (top.is_symlink() and not _inside(top, content_dir)):
        for path in sorted(top.iterdir()):
            if path.name.startswith("."):
                continue
            if not path.is_dir() or path.name not in declared:
                check.add(
                    Problem(
                        f"{where}/{path.name}",
                        None,
                        "",
                        f"Thư mục của một xã không khai trong «hinh_thanh_tu» của {XA_FILE}: không đọc, không đăng."
                        if path.is_dir()
                        else "Tệp lạ trong thư mục các xã cũ: phần mềm không đọc tệp này.",
                        found=path.name,
                        expected="thư mục mang mã một xã trong «hinh_thanh_tu»: "
                        + (", ".join(declared) if declared else "(chưa khai xã nào)"),
                        hint=f"Khai xã cũ trong {XA_FILE} (ma, ten, co_quan, ngay, nghi_quyet), "
                        "hoặc đổi tên thư mục cho đúng mã đã khai.",
                    )
                )
                continue
            if path.is_symlink() and not _inside(path, content_dir):
                check.add(
                    Problem(
                        f"{where}/{path.name}",
                        None,
                        "",
                        "Thư mục là liên kết tới ngoài thư mục dữ liệu: không đọc, không đăng.",
                        found=path.name,
                        expected="một thư mục thật nằm trong thư mục dữ liệu",
                    )
                )
                continue
            found[path.name] = content_files(check.within(f"{PREDECESSOR_DIR}/{path.name}"), predecessor=True)
    elif top.exists() or top.is_symlink():
        check.add(
            Problem(
                where,
                None,
                "",
                f"«{PREDECESSOR_DIR}» phải là thư mục thật chứa thư mục của từng xã cũ.",
                found=PREDECESSOR_DIR,
                expected=f"thư mục {where}/<mã xã cũ>/",
            )
        )
    return found
