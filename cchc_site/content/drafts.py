"""The one writer of the YAML that staff read and edit: the drafts ``new-report`` and
``import-report`` make, and the procedure list ``import-procedures`` writes back.

A value is written plain when it reads back as the same text, else in double quotes (JSON's
escapes, which YAML reads the same); a long text may be folded (``>-``) at word boundaries; a
comment always stays on one line. A draft is written as a tree of ``Entry`` (a key, its value
and a comment) and ``Items`` (a list), or line by line with ``Writer``.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..core.periods import Ky

WIDTH = 96  # characters of a folded text's lines
QUOTE_WIDTH = 70  # characters of an earlier text quoted in a comment
_RISKY_START = "!&*-?:,[]{}#|>@`\"'%"
_WORDS = ("yes", "no", "on", "off", "true", "false", "null", "~", "y", "n")  # what YAML 1.1 reads as such


@dataclass
class Raw:
    """A value written as is: a flow mapping such as ``{loai: ky_bao_cao}``."""

    text: str


class Null:
    """An explicit ``null``: a field written empty on purpose (``so_tien: null``: not verified yet)."""


NULL = Null()


@dataclass
class Entry:
    key: str
    value: Any = None  # a scalar, Raw, NULL, a list of Entry (a mapping), or Items; None: left blank
    comment: str = ""


@dataclass
class Items:
    """A list: each item a scalar or a list of Entry (a mapping)."""

    values: list[Any] = field(default_factory=list)
    comment: str = ""


def scalar(value: Any, quote: bool = False) -> str:
    """A value on its key's line: plain when that reads back the same, else in double quotes.

    None is left blank (a draft's place to fill); ``quote`` always quotes a text (a code such as
    «2.000810», which must stay text whatever it looks like).
    """
    if value is None:
        return ""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Null):
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    risky = (
        quote
        or not text
        or text != " ".join(text.split())
        or text[0] in _RISKY_START
        or ": " in text
        or " #" in text
        or text.endswith(":")
        or text.lower() in _WORDS
        or text.replace(".", "", 1).replace(",", "").lstrip("+-").isdigit()
        or any(ord(character) < 32 for character in text)
    )
    return json.dumps(text, ensure_ascii=False) if risky else text


def folded(text: str, indent: int, width: int = WIDTH) -> list[str] | None:
    """A long text as the lines of a folded block (``>-``), broken at single spaces so that it
    reads back as the same text; None when it cannot be (runs of spaces, control characters)."""
    if text != " ".join(text.split()) or any(ord(character) < 32 for character in text):
        return None
    pad = " " * indent
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(pad) + len(current) + 1 + len(word) > width:
            lines.append(pad + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, pad + current]


def comment(note: str) -> str:
    """``  # note`` on one line (a title written over several lines stays one comment), or nothing."""
    return f"  # {' '.join(note.split())}" if note else ""


def quoted(text: str, width: int = QUOTE_WIDTH) -> str:
    """An earlier text quoted in a comment, shortened at a word boundary, never mid-word.

    The words that fit in ``width``; a first word longer than that is kept whole.
    """
    flat = " ".join(unicodedata.normalize("NFC", text).split())
    if len(flat) <= width:
        return f"«{flat}»"
    head = flat[: width + 1]  # a space just after the width ends a whole word
    kept = head.rsplit(" ", 1)[0] if " " in head else flat.split(" ", 1)[0]
    return "«" + (kept.rstrip(",;:") or kept) + " …»"


def period_entries(ky: Ky, window: tuple[date, date]) -> list[Entry]:
    """The period as a report file writes it (the kind's own fields), then its data window."""
    entries = [
        Entry(name, value, f"báo cáo {ky.kind.name}" if name == "loai_ky" else "")
        for name, value in ky.fields().items()
    ]
    note = (
        "kỳ số liệu mặc định theo NĐ 09/2019/NĐ-CP; sửa nếu báo cáo ghi khác"
        if window == ky.default_window()
        else "kỳ số liệu như đã chọn khi tạo tệp (khác mặc định theo NĐ 09/2019/NĐ-CP)"
    )
    entries.append(Entry("ky_bao_cao", [Entry("tu_ngay", window[0]), Entry("den_ngay", window[1])], note))
    return entries


def plain(value: Any, keep_empty: frozenset[str] = frozenset()) -> Any:
    """A model as plain data in field order, for ``Writer.data``: empty optional fields and fields
    at their default are left out, except ``keep_empty`` ones, written ``null`` (not verified yet)."""
    if isinstance(value, list):
        return [plain(item, keep_empty) for item in value]
    fields = getattr(type(value), "model_fields", None)
    if fields is None:
        return value
    written = {}
    for name, info in fields.items():
        item = getattr(value, name)
        if item is None and name in keep_empty:
            written[name] = NULL
        elif item is None or item == [] or (name not in keep_empty and _is_default(item, info.default)):
            continue
        else:
            written[name] = plain(item, keep_empty)
    return written


def _is_default(item: Any, default: Any) -> bool:
    """A value equal to its field's default, of the same type (``0`` is not ``False``)."""
    return type(item) is type(default) and item == default


class Writer:
    """The lines of a YAML file. ``fold_over``: texts longer than this are folded (None: never)."""

    def __init__(self, fold_over: int | None = None) -> None:
        self.lines: list[str] = []
        self.fold_over = fold_over

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def note(self, indent: int, note: str) -> None:
        """A comment on a line of its own."""
        self.lines.append(" " * indent + "# " + " ".join(note.split()))

    def key(self, indent: int, key: str, note: str = "") -> None:
        """A key whose value follows on the next lines."""
        self.lines.append(f"{' ' * indent}{key}:{comment(note)}")

    def value(
        self, indent: int, key: str, value: Any, note: str = "", quote: bool = False, fold: bool = True
    ) -> None:
        """``key: value``; a long text folded under ``key: >-`` when this writer folds (and ``fold``);
        ``quote``: a text always in quotes."""
        block = self._folded(value, indent + 2) if fold else None
        if block is not None:
            self.lines.append(f"{' ' * indent}{key}: >-{comment(note)}")
            self.lines += block
            return
        shown = scalar(value, quote)
        self.lines.append(f"{' ' * indent}{key}:{' ' + shown if shown else ''}{comment(note)}")

    def texts(self, indent: int, key: str, values: list[str], note: str = "") -> None:
        """A list of texts, each item a paragraph; none: one empty item to fill in."""
        pad = " " * indent
        self.lines.append(f"{pad}{key}:{comment(note)}")
        for item in values or [""]:
            block = self._folded(item, indent + 4)
            if block is not None:
                self.lines.append(f"{pad}  - >-")
                self.lines += block
            else:
                self.lines.append(f"{pad}  - {scalar(item)}")

    def entries(self, indent: int, entries: list[Entry]) -> None:
        """A mapping written from a tree of ``Entry``."""
        for entry in entries:
            if isinstance(entry.value, list):
                self.key(indent, entry.key, entry.comment)
                self.entries(indent + 2, entry.value)
            elif isinstance(entry.value, Items):
                self._items(indent, entry.key, entry.value, entry.value.comment or entry.comment)
            else:
                self.value(indent, entry.key, entry.value, entry.comment)

    def data(self, indent: int, values: dict[str, Any], quoted_keys: frozenset[str] = frozenset()) -> None:
        """Plain data (mappings, lists, scalars; ``NULL`` for an explicit null), keys in their order."""
        pad = " " * indent
        for key, value in values.items():
            if isinstance(value, dict):
                self.key(indent, key)
                self.data(indent + 2, value, quoted_keys)
            elif isinstance(value, list):
                self.key(indent, key)
                for item in value:
                    if isinstance(item, dict):
                        inner = Writer(self.fold_over)
                        inner.data(indent + 4, item, quoted_keys)
                        self.lines.append(f"{pad}  - {inner.lines[0].lstrip()}")
                        self.lines += inner.lines[1:]
                    else:
                        self.lines.append(f"{pad}  - {scalar(item)}")
            else:
                self.value(indent, key, value, quote=key in quoted_keys and isinstance(value, str))

    def _items(self, indent: int, key: str, items: Items, note: str) -> None:
        pad = " " * indent
        if not items.values:
            self.lines.append(f"{pad}{key}: []{comment(note)}")
            return
        self.lines.append(f"{pad}{key}:{comment(note)}")
        for item in items.values:
            if isinstance(item, list):
                inner = Writer(self.fold_over)
                inner.entries(indent + 4, item)
                self.lines.append(f"{pad}  - {inner.lines[0].lstrip()}")
                self.lines += inner.lines[1:]
            else:
                self.lines.append(f"{pad}  - {scalar(item)}")

    def _folded(self, value: Any, indent: int) -> list[str] | None:
        if self.fold_over is None or not isinstance(value, str) or len(value) <= self.fold_over:
            return None
        return folded(value, indent)
