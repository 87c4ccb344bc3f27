"""Data problems: where (file, line, field), what was found, what was expected, a hint."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import Literal

Severity = Literal["loi", "canh_bao"]


@dataclass(frozen=True)
class Problem:
    """One problem in one content file, reported to staff in Vietnamese."""

    file: str
    line: int | None
    field: str
    message: str
    found: str | None = None
    expected: str | None = None
    hint: str | None = None
    severity: Severity = "loi"

    def format(self, with_file: bool = True) -> str:
        """One readable block: ``file:line: trường «x»: message`` + found/expected/hint lines."""
        if with_file:
            where = f"{self.file}:{self.line}" if self.line else self.file
        else:
            where = f"dòng {self.line}" if self.line else "cả tệp"
        head = f"{where}: trường «{self.field}»: {self.message}" if self.field else f"{where}: {self.message}"
        lines = [head]
        if self.found is not None:
            lines.append(f"    Tìm thấy: {self.found}")
        if self.expected is not None:
            lines.append(f"    Cần: {self.expected}")
        if self.hint:
            lines.append("    Gợi ý: " + self.hint.replace("\n", "\n        "))
        return "\n".join(lines)


@dataclass
class Problems:
    """Collects every problem of every file so a build fails once, with all of them."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "loi"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "canh_bao"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise DataError(self.errors)


class DataError(Exception):
    """Raised once, after all content was checked, when any error was found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0))
        super().__init__(self.format())

    def format(self) -> str:
        count = len(self.problems)
        body = "\n".join(p.format() for p in self.problems)
        return f"Dữ liệu có {count} lỗi, chưa xây dựng trang web:\n{body}"


def format_grouped(problems: list[Problem]) -> str:
    """Problems under one heading per file, in line order (what ``check`` prints)."""
    blocks = []
    ordered = sorted(problems, key=lambda p: (p.file, p.line or 0))
    for file, items in groupby(ordered, key=lambda p: p.file):
        found = list(items)
        kind = "cảnh báo" if all(p.severity == "canh_bao" for p in found) else "lỗi"
        body = "\n".join("  " + p.format(with_file=False).replace("\n", "\n  ") for p in found)
        blocks.append(f"{file}: {len(found)} {kind}\n{body}")
    return "\n\n".join(blocks)


def summarize_warnings(warnings: list[Problem], limit: int = 8) -> str:
    """Warnings of one kind in one file on one line each: many empty codes stay readable."""
    lines = []
    ordered = sorted(warnings, key=lambda p: (p.file, p.message, p.line or 0))
    for (file, message), items in groupby(ordered, key=lambda p: (p.file, p.message)):
        found = [p.line for p in items if p.line]
        shown = ", ".join(map(str, found[:limit])) + (", …" if len(found) > limit else "")
        lines.append(f"{file}: {message} {len(found)} chỗ (dòng {shown})")
    return "\n".join(lines)
