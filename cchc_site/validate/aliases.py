"""The search's everyday words: the package's default and the commune's own file, read and checked.

``content/tu-dong-nghia.yaml`` is optional; when present it is read like every content file (a
bad file fails the build naming file, line and field) and its entries are added to the default.
"""

from __future__ import annotations

from functools import cache

from ..addresses import ALIASES_FILE
from ..content.documents import Document, load_yaml
from ..content.translate import validate_model
from ..core.aliases import PACKAGE_FILE, PACKAGE_NAME, BangTuDongNghia, TuDongNghia, phrase_key
from ..core.errors import Problem, Problems
from .context import Check


def read_aliases(check: Check) -> list[TuDongNghia]:
    """The default entries, then the commune's (``content/tu-dong-nghia.yaml``) when it has some."""
    default, problems = package_aliases()
    for problem in problems:  # a fault of the package itself: said like any other, never ignored
        check.add(problem)
    own: list[TuDongNghia] = []
    if (check.folder / ALIASES_FILE).is_file():
        read = check.read(ALIASES_FILE, BangTuDongNghia)
        if read and read.value is not None:
            own = check_entries(read.doc, read.value, check.problems)
    return [*default, *own]


@cache
def package_aliases() -> tuple[list[TuDongNghia], tuple[Problem, ...]]:
    """The national default shipped with the software (``mau/tu-dong-nghia.yaml``), and its problems."""
    problems = Problems()
    doc = load_yaml(PACKAGE_FILE, PACKAGE_NAME, problems)
    value = validate_model(doc, BangTuDongNghia, problems) if doc is not None else None
    entries = check_entries(doc, value, problems) if doc is not None and value is not None else []
    return entries, tuple(problems.items)


def check_entries(doc: Document, table: BangTuDongNghia, problems: Problems) -> list[TuDongNghia]:
    """What the model cannot see: a phrase with no word to match, a way of saying it that is its own
    term, the same way declared twice in one file. Returns the entries (all of them: a problem
    fails the build anyway)."""
    first_seen: dict[str, int | None] = {}
    for index, entry in enumerate(table.tu_dong_nghia):
        terms = set()
        for field in ("thuat_ngu", "tu"):
            for position, phrase in enumerate(getattr(entry, field)):
                loc = ("tu_dong_nghia", index, field, position)
                key = phrase_key(phrase)
                if not key:
                    problems.add(
                        doc.problem(
                            loc,
                            "Cụm từ không có chữ hay số nào: ô tìm kiếm không so khớp được.",
                            found=f"«{phrase}»",
                            expected="một hay vài từ, VD: sổ đỏ",
                        )
                    )
                elif field == "thuat_ngu":
                    terms.add(key)
                elif key in terms:
                    problems.add(
                        doc.problem(
                            loc,
                            "Cách gọi trùng với từ ngữ trong tên thủ tục của chính mục này: không cần khai.",
                            found=f"«{phrase}»",
                            expected="cách gọi khác với các cụm trong «thuat_ngu»",
                            hint="Xóa cụm này khỏi «tu».",
                        )
                    )
                elif key in first_seen:
                    line = first_seen[key]
                    problems.add(
                        doc.problem(
                            loc,
                            "Cách gọi đã khai ở một mục khác của tệp.",
                            found=f"«{phrase}»" + (f" (đã có ở dòng {line})" if line else ""),
                            expected="mỗi cách gọi khai một lần",
                            hint="Gộp hai mục làm một: một «tu», mọi cụm của cả hai «thuat_ngu».",
                        )
                    )
                else:
                    first_seen[key] = doc.line(loc)
    return list(table.tu_dong_nghia)
