"""The lock is append-only: every entry it ever held, in git history, is still there unchanged.

The lock file guards published values against edits of the reports; this guards the lock itself.
When the content folder is in a git repository, every committed version of the lock file is read
(``git log`` for the commits, one ``git cat-file --batch`` for their contents) and each report
sealed in any of them must be in today's file with exactly the same entry (its sealed corrections
may only grow at the end). A report whose seal was removed or rewritten since fails the build, and
``khoa`` refuses to seal it again. Outside git (or when git cannot answer) the check is skipped and
the build says so; ``khoa`` then compares with the last published site instead (``archive``). A
shallow clone holds only part of the history: the build fails, saying how to fetch the rest, unless
``CCHC_LICH_SU=noi-khac`` says the history is checked elsewhere.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..addresses import LOCK_FILE
from ..core.errors import Problem, Problems
from . import corrections
from .file import Locked, parse
from .git import ELSEWHERE, ELSEWHERE_VARIABLE, MAX_VERSIONS, TIMEOUT, checked_elsewhere
from .git import run as _git


@dataclass(frozen=True)
class Sealed:
    """One report's entry as a commit of the lock file held it."""

    commit: str
    day: str  # the commit's date, YYYY-MM-DD
    entry: dict[str, Any]

    @property
    def when(self) -> str:
        """«commit 1a2b3c4d5e ngày 28/11/2026»"""
        year, month, number = [*self.day.split("-"), "", ""][:3]
        return f"commit {self.commit[:10]} ngày {number}/{month}/{year}"


@dataclass
class History:
    """What git knows of the lock file: every distinct entry per report, oldest first."""

    checked: bool
    reason: str = ""  # why the check was skipped (Vietnamese)
    versions: int = 0  # committed versions of the lock file read
    shallow: bool = False  # a shallow clone: older versions are not here
    sealed: dict[str, list[Sealed]] = field(default_factory=dict)
    path: str = LOCK_FILE  # the lock file's path from the repository's top, as git names it

    def first_differing(self, slug: str, entry: dict[str, Any] | None) -> Sealed | None:
        """The oldest committed entry of ``slug`` that today's entry does not keep: the same seal,
        date and values, and its sealed corrections followed by new ones only."""
        return next((s for s in self.sealed.get(slug, ()) if not _keeps(entry, s.entry)), None)

    def show(self, commit: str) -> str:
        """The command that prints the lock file as ``commit`` held it, from any folder of the project."""
        return f"git show {commit[:10]}:{self.path}"


def _keeps(entry: dict[str, Any] | None, before: dict[str, Any]) -> bool:
    if entry is None:
        return False
    core = {k: v for k, v in entry.items() if k != corrections.KEY}
    if core != {k: v for k, v in before.items() if k != corrections.KEY}:
        return False
    return corrections.starts_with(corrections.of(entry), corrections.of(before))


def read(content_dir: Path) -> History:
    """Every committed version of ``content_dir``'s lock file, or why they cannot be read."""
    try:
        top = _git(content_dir, "rev-parse", "--show-toplevel", "--is-shallow-repository")
        if top.returncode != 0:
            said = top.stderr.decode("utf-8", "replace").strip().splitlines()
            if said and "not a git repository" in said[0]:
                return History(False, "thư mục dữ liệu không nằm trong kho git")
            return History(False, "git không đọc được kho" + (f" ({said[0][:120]})" if said else ""))
        root_text, shallow_text = top.stdout.decode("utf-8", "replace").splitlines()[:2]
        root = Path(root_text)
        relative = (content_dir.resolve() / LOCK_FILE).relative_to(root.resolve()).as_posix()
        log = _git(root, "log", "--format=%H %cs", f"--max-count={MAX_VERSIONS}", "--", relative)
        if log.returncode != 0:
            return History(False, "git không đọc được lịch sử tệp khóa")
        commits = [line.split(" ", 1) for line in log.stdout.decode("ascii", "replace").splitlines() if line]
        if not commits:
            return History(True, shallow=shallow_text == "true", path=relative)
        batch = _git(
            root, "cat-file", "--batch", given="".join(f"{c}:{relative}\n" for c, _ in commits).encode()
        )
    except FileNotFoundError:
        return History(False, "máy không có git")
    except subprocess.TimeoutExpired:
        return History(False, f"git không trả lời trong {TIMEOUT} giây")
    except (OSError, ValueError):
        return History(False, "không đọc được kho git")
    history = History(True, versions=0, shallow=shallow_text == "true", path=relative)
    for (commit, day), text in zip(reversed(commits), reversed(_contents(batch.stdout)), strict=False):
        if text is None:
            continue  # the file deleted in this commit
        entries = parse(text)
        history.versions += 1
        for slug, entry in (entries or {}).items():
            known = history.sealed.setdefault(slug, [])
            if all(s.entry != entry for s in known):
                known.append(Sealed(commit, day, entry))
    return history


FETCH_IN_CI = (
    "Trong CI: GitHub Actions đặt «fetch-depth: 0» cho bước «actions/checkout»; GitLab CI đặt biến "
    "«GIT_DEPTH: 0»."
)


def _contents(output: bytes) -> list[str | None]:
    """The blobs of a ``git cat-file --batch`` answer, in order (None for a missing one)."""
    found: list[str | None] = []
    at = 0
    while at < len(output):
        end = output.index(b"\n", at)
        header = output[at:end].split()
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found.append(output[end + 1 : end + 1 + size].decode("utf-8", "replace"))
            at = end + 1 + size + 1
        else:  # "<object> missing"
            found.append(None)
            at = end + 1
    return found


def check(history: History, locked: Locked, to_lock: dict[str, dict[str, Any]], problems: Problems) -> None:
    """Each report sealed in history must be in the lock file today with the same entry.

    ``to_lock``: the entries ``khoa`` is about to add; one that history holds with other values
    is refused (sealing the same values again restores the entry)."""
    if history.checked and history.shallow and not checked_elsewhere():
        problems.add(
            Problem(
                locked.name,
                None,
                "",
                "Kho git là bản sao nông (shallow clone): không kiểm tra được toàn bộ lịch sử tệp khóa số liệu.",
                found=f"bản sao nông, {history.versions} phiên bản tệp khóa",
                expected="toàn bộ lịch sử git của tệp khóa",
                hint=f"Lấy đủ lịch sử: chạy «git fetch --unshallow» trong thư mục dự án. {FETCH_IN_CI} "
                f"Nếu lịch sử đã được kiểm tra ở nơi khác, đặt biến môi trường {ELSEWHERE_VARIABLE}={ELSEWHERE}.",
            )
        )
    for slug in sorted(history.sealed):
        current = locked.entries.get(slug)
        if current is None and slug in to_lock:
            before = history.first_differing(slug, to_lock[slug])
            if before is not None:
                problems.add(
                    Problem(
                        locked.name,
                        None,
                        f"bao_cao.{slug}",
                        f"Báo cáo {slug} đã được khóa trước đây ({before.when}) với giá trị khác: "
                        "không khóa lại.",
                        found=f"dấu vân tay mới {to_lock[slug]['van_tay'][:16]}…",
                        expected=f"dấu vân tay {before.entry.get('van_tay', '')[:16]}… như đã khóa",
                        hint=f"Mục khóa cũ: «{history.show(before.commit)}» (chạy trong thư mục dự án) in tệp "
                        f"khóa như khi đó; chép lại mục «{slug}» vào {LOCK_FILE}. Mọi thay đổi của báo cáo "
                        f"đã đăng ghi bằng lệnh «python -m cchc_site dinh-chinh {slug}».",
                    )
                )
            continue
        before = history.first_differing(slug, current)
        if before is None:
            continue
        problems.add(
            Problem(
                locked.name,
                locked.line(("bao_cao", slug)) if current is not None else None,
                f"bao_cao.{slug}",
                f"Báo cáo {slug} đã khóa trong lịch sử git ({before.when}) "
                + (
                    "nhưng không còn trong tệp khóa."
                    if current is None
                    else f"với {_what_differs(before.entry, current)}."
                ),
                found="không có" if current is None else _entry_shown(current),
                expected=f"{_entry_shown(before.entry)} như đã khóa",
                hint="Tệp khóa chỉ được thêm, không được xóa hay ghi lại mục đã khóa. Mục này như đã khóa: "
                f"«{history.show(before.commit)}» (chạy trong thư mục dự án) in tệp khóa như khi đó; chép "
                f"lại mục «{slug}» vào {LOCK_FILE}. Sửa báo cáo đã đăng thì dùng lệnh "
                f"«python -m cchc_site dinh-chinh {slug}».",
            )
        )


def _what_differs(before: dict[str, Any], now: dict[str, Any]) -> str:
    if before.get("van_tay") != now.get("van_tay"):
        return "dấu vân tay khác"
    if before.get("ngay_dang_tai") != now.get("ngay_dang_tai"):
        return "ngày đăng tải khác"
    if not corrections.starts_with(corrections.of(now), corrections.of(before)):
        return "các lần cập nhật đã khóa khác"
    return "nội dung mục khóa khác"


def _entry_shown(entry: dict[str, Any]) -> str:
    return f"dấu vân tay {str(entry.get('van_tay', ''))[:16]}…, ngày đăng tải {entry.get('ngay_dang_tai')}"


def notice(history: History) -> str | None:
    """What the build says about this check when it could not run in full."""
    if not history.checked:
        return f"Bỏ qua kiểm tra lịch sử tệp khóa số liệu: {history.reason}."
    if history.shallow and checked_elsewhere():
        return (
            "Lịch sử git là bản sao nông (shallow clone): ở đây chỉ kiểm tra được "
            f"{history.versions} phiên bản tệp khóa; lịch sử đầy đủ được kiểm tra ở nơi khác "
            f"({ELSEWHERE_VARIABLE}={ELSEWHERE})."
        )
    return None
