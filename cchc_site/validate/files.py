"""Every file in the content folder is read, or refused with the name it should have.

A file nobody reads is a silent mistake: a draft saved as ``2022-q4.yml`` would never be checked,
a signed scan no report names would never be published. Hidden files (``.gitkeep``, an editor's
swap file) are left alone, as MkDocs leaves them; the static pages under ``trang/`` are MkDocs'.
"""

from __future__ import annotations

import difflib
import errno
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
from ..content.os_errors import NOT_UTF8_NAME, RENAME_NOT_UTF8, unreadable
from ..core import periods
from ..core.errors import Problem
from ..core.models import CODE_PATTERN
from .context import Check
from .near_miss import intended_period, shown

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
        relative = shown(path.relative_to(content_dir).as_posix())
        check.add(
            Problem(
                check.name(relative), None, "", message, found=shown(path.name), expected=expected, hint=hint
            )
        )

    def badly_named(path: Path) -> bool:
        """A name whose bytes are not UTF-8 cannot be shown, linked or published: refused, not read."""
        if shown(path.name) == path.name:
            return False
        refuse(
            path,
            NOT_UTF8_NAME,
            "tên bằng chữ Unicode (UTF-8), VD: 2022-q3.yaml",
            RENAME_NOT_UTF8,
        )
        return True

    def unlisted(exc: OSError) -> None:
        """A folder the walk cannot open: said, never skipped silently."""
        folder = Path(exc.filename) if exc.filename else content_dir
        relative = shown(folder.relative_to(content_dir).as_posix()) if folder != content_dir else ""
        check.add(_folder_not_opened(check.name(relative) if relative else shown_as, exc))

    for folder, dirs, names in os.walk(content_dir, onerror=unlisted):
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
            d
            for d in dirs
            if not d.startswith(".") and not (relative == "." and d in skipped) and not badly_named(here / d)
        )
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = here / name
            if badly_named(path):
                continue
            if path.is_symlink() and not path.exists() and not _looped(path):
                refuse(
                    path,
                    f"Tệp là liên kết hỏng: trỏ tới «{shown(os.readlink(path))}», nơi không có tệp nào (bị xóa hoặc "
                    "đổi tên): không đọc.",
                    "một tệp thật nằm trong thư mục dữ liệu",
                    "Xóa liên kết; cần tệp đó thì khôi phục nó (lịch sử git hoặc bản sao lưu).",
                )
                continue
            if path.is_symlink() and not _inside(path, content_dir):
                looped = _looped(path)
                refuse(
                    path,
                    "Tệp là liên kết trỏ vòng (không tới tệp nào): không đọc."
                    if looped
                    else "Tệp là liên kết tới ngoài thư mục dữ liệu: không đọc.",
                    "một tệp thật nằm trong thư mục dữ liệu",
                    "Xóa liên kết, chép tệp thật vào chỗ đó."
                    if looped
                    else "Chép nội dung cần dùng vào thư mục dữ liệu.",
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
    for name in _listed(check, folder, where):
        path = folder / name
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
                f"{where}/{shown(path.name)}",
                None,
                "",
                "Tệp lạ trong thư mục bản ghi quốc gia: phần mềm không đọc tệp này."
                if shown(path.name) == path.name
                else NOT_UTF8_NAME,
                found=shown(path.name),
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
    intended = intended_period(path.name) if suffix.lower() != ".pdf" else None
    if suffix.lower() in (".yaml", ".yml") and intended is not None:
        refuse(
            path,
            "Tên tệp báo cáo gần giống một kỳ nhưng không đúng dạng: phần mềm không đọc tệp này.",
            f"{intended}.yaml",
            f"Có phải là «{intended}.yaml»? Đổi tên tệp cho đúng"
            + (
                " (đã có tệp cùng tên: gộp lại thành một)."
                if path.with_name(f"{intended}.yaml").exists()
                else "."
            ),
        )
        return
    hint = f"Bản quét đã ký đặt trong {ORIGINALS_DIR}/." if suffix.lower() == ".pdf" else None
    if intended is not None:
        hint = f"Có phải là bản sao của «{intended}.yaml»? Đã có tệp đó thì xóa bản sao; chưa có thì đổi tên."
    refuse(
        path,
        "Tệp lạ trong thư mục báo cáo: phần mềm không đọc tệp này.",
        "tệp báo cáo đặt tên theo kỳ: " + periods.kinds_help(),
        hint,
    )


def _listed(check: Check, folder: Path, where: str) -> list[str]:
    """The names in ``folder`` (hidden ones left out), sorted; a folder that cannot be opened is said."""
    try:
        return sorted(name for name in os.listdir(folder) if not name.startswith("."))
    except OSError as exc:
        check.add(_folder_not_opened(where, exc))
        return []


def _folder_not_opened(where: str, exc: OSError) -> Problem:
    """A folder that cannot be opened: said, with why and what to do, never skipped silently."""
    why = unreadable(exc, folder=True)
    return Problem(
        where,
        None,
        "",
        f"Không mở được thư mục ({why.reason}): các tệp trong đó không được đọc.",
        found=why.reason,
        expected="một thư mục đọc được",
        hint=why.action,
    )


def folder_names(folder: Path) -> list[str]:
    """The names in ``folder`` (hidden ones left out), sorted; none when it cannot be listed."""
    try:
        return sorted(name for name in os.listdir(folder) if not name.startswith("."))
    except OSError:
        return []


def _looped(path: Path) -> bool:
    """A link that leads, through other links, back to itself."""
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return True
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


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
        for name in _listed(check, top, where):
            path = top / name
            if not path.is_dir() or path.name not in declared:
                check.add(
                    Problem(
                        f"{where}/{shown(path.name)}",
                        None,
                        "",
                        f"Thư mục của một xã không khai trong «hinh_thanh_tu» của {XA_FILE}: không đọc, không đăng."
                        if path.is_dir()
                        else "Tệp lạ trong thư mục các xã cũ: phần mềm không đọc tệp này.",
                        found=shown(path.name),
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
