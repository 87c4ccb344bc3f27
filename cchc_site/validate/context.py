"""One check of a content folder: where it is, how messages name it, the day, every problem found."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from ..content.documents import Document, load_yaml
from ..content.translate import validate_model
from ..core.errors import Problem, Problems
from ..indicators import Catalogue, national
from .safety import check_text_safety

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Read(Generic[M]):
    """A content file as read: its document (lines of every value), and its model when it validates."""

    doc: Document
    value: M | None


@dataclass(frozen=True)
class Check:
    """Everything the rules of one content folder share.

    ``folder``: the folder checked (the commune's content, or a merged commune's folder in it);
    ``shown``: how messages name it; ``root``: the content folder, which no linked file may leave;
    ``locking``: ``khoa`` is sealing, so a published report missing from the lock is to be added;
    ``catalogue``: the indicators reports are read against, the commune's own included once read.
    """

    folder: Path
    shown: str
    root: Path
    today: date
    problems: Problems
    locking: bool = False
    catalogue: Catalogue = field(default_factory=national)

    @classmethod
    def of(cls, content_dir: Path, shown: str, today: date, locking: bool = False) -> Check:
        return cls(content_dir, shown, content_dir, today, Problems(), locking)

    def reading(self, catalogue: Catalogue) -> Check:
        """The same check, reading figures against ``catalogue``."""
        return dataclasses.replace(self, catalogue=catalogue)

    def within(self, relative: str) -> Check:
        """The same check in a folder of this one (a merged commune's content): same day, same problems."""
        return dataclasses.replace(self, folder=self.folder / relative, shown=self.name(relative))

    def name(self, relative: str) -> str:
        """A file of the folder as messages name it: ``content/bao-cao/2022-q3.yaml``."""
        return f"{self.shown}/{relative}"

    def add(self, problem: Problem) -> None:
        self.problems.add(problem)

    def read(self, relative: str, model: type[M], *, staff_text: bool = True) -> Read[M] | None:
        """A content file, loaded, refused if it carries markup, and validated against ``model``.

        None when it is missing or cannot be parsed (a problem says why); ``value`` None when it
        does not validate (every field's problem is said). ``staff_text`` False: an official text
        copied by a command (a national record), published as it is («< 6 tuổi», «<script>»
        included) — every page escapes it, so its wording is not refused.
        """
        path = self.folder / relative
        name = self.name(relative)
        if not path.exists() and not path.is_symlink():
            self.add(Problem(name, None, "", "Thiếu tệp dữ liệu.", expected=f"tệp {name}"))
            return None
        doc = load_yaml(path, name, self.problems, self.root)
        if doc is None:
            return None
        if staff_text:
            check_text_safety(doc, self.problems)
        return Read(doc, validate_model(doc, model, self.problems))
