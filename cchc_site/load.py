"""Read YAML content safely: UTF-8 only, NFC, no tags or executable types, line of every value.

The loader composes the YAML node tree and builds plain Python values itself, so that
- every value remembers its line (errors can name it),
- duplicate keys are errors (PyYAML silently keeps the last one),
- scalars follow the rules of Vietnamese documents: ``05`` and ``010`` are decimal numbers,
  ``yes``/``no``/``on``/``off`` stay words, dates stay text until a date field reads them,
- no YAML tag can construct a Python object, and alias bombs or deep nesting are refused.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, Problems

try:  # libyaml is several times faster; both compose the same node tree
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_BYTES = 2_000_000
MAX_NODES = 200_000
MAX_DEPTH = 40

Loc = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STD = "tag:yaml.org,2002:"
# Letters of TCVN3 (.VnTime) or VNI text pasted as if it were Unicode ("Thñ tôc hµnh chÝnh"):
# none of them is a Vietnamese letter, and real text does not pile them up
_LEGACY = re.compile("[µ¸¶¹¨©ª¬®¯´½¾ÆÇËÎÏÑÖØÞßäåæçëîïñöøûüþ]")
_LEGACY_MIN = 3
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u202a-\u202e\u2066-\u2069]")


@dataclass
class Document:
    """One YAML file as plain values, with the line of every key and item."""

    path: Path
    name: str  # as shown to staff, relative to the project
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    raw: dict[Loc, str] = field(default_factory=dict)  # source text of plain scalars
    source: list[str] = field(default_factory=list)  # the file's lines (NFC)

    def line(self, loc: Loc) -> int | None:
        """Line of ``loc``, or of its nearest parent that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def line_of_text(self, loc: Loc, needle: str, within: int = 60) -> int | None:
        """The line, at or after ``loc``'s, where ``needle`` is written (a word inside a long paragraph)."""
        start = self.line(loc) or 1
        for number in range(start, min(len(self.source), start + within) + 1):
            if needle in self.source[number - 1]:
                return number
        return start


class _LoadError(Exception):
    def __init__(
        self,
        line: int | None,
        message: str,
        found: str | None = None,
        expected: str | None = None,
        hint: str | None = None,
        loc: Loc = (),
    ) -> None:
        super().__init__(message)
        self.line, self.message, self.found, self.expected, self.hint, self.loc = (
            line,
            message,
            found,
            expected,
            hint,
            loc,
        )


def load_yaml(path: Path, name: str, problems: Problems) -> Document | None:
    """Read one YAML file; on failure add a problem and return ``None``."""
    text = ""
    try:
        text = _read_text(path)
        doc = Document(path=path, name=name, data=None, source=text.split("\n"))
        node = yaml.compose(text, Loader=_Loader)
        doc.lines[()] = 1
        if node is not None:
            doc.data = _Builder(doc).build(node, (), 0)
        return doc
    except _LoadError as exc:
        problems.add(Problem(name, exc.line, dotted(exc.loc), exc.message, exc.found, exc.expected, exc.hint))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        detail = exc.problem or str(exc)
        hint = "Kiểm tra thụt lề (dùng dấu cách, không dùng phím Tab), dấu hai chấm sau tên trường và dấu nháy đóng/mở."
        source_line = text.split("\n")[line - 1] if line and line <= text.count("\n") + 1 else ""
        if "\t" in source_line:
            hint = "Tệp có ký tự Tab: YAML chỉ cho thụt lề bằng dấu cách."
        problems.add(
            Problem(
                name,
                line,
                "",
                "Lỗi cú pháp YAML, không đọc được tệp.",
                found=detail,
                expected="YAML hợp lệ",
                hint=hint,
            )
        )
    except yaml.YAMLError as exc:
        problems.add(Problem(name, None, "", "Lỗi cú pháp YAML, không đọc được tệp.", found=str(exc)))
    return None


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise _LoadError(
            None,
            "Tệp quá lớn.",
            found=f"{len(data):,} byte",
            expected=f"tối đa {MAX_BYTES:,} byte",
            hint="Chia dữ liệu thành nhiều tệp hoặc kiểm tra tệp có bị chép nhầm.",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _LoadError(
            line,
            "Tệp không phải mã UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI).",
            found=f"byte 0x{data[exc.start]:02X} không hợp lệ trong UTF-8",
            expected="văn bản Unicode mã UTF-8",
            hint="Mở tệp bằng trình soạn thảo (VD: Notepad++, VS Code) và lưu lại với mã "
            "UTF-8; văn bản font .VnTime/VNI cần chuyển mã sang Unicode bằng Unikey "
            "(Công cụ chuyển mã) trước.",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    legacy = _LEGACY.findall(text)
    if len(legacy) >= _LEGACY_MIN:
        first = _LEGACY.search(text)
        assert first is not None
        line = text.count("\n", 0, first.start()) + 1
        sample = text.split("\n")[line - 1].strip()[:60]
        raise _LoadError(
            line,
            "Văn bản có vẻ được gõ bằng bảng mã cũ TCVN3 (.VnTime) hoặc VNI rồi dán vào.",
            found=f"«{sample}» ({len(legacy)} ký tự lạ như «{''.join(sorted(set(legacy))[:6])}»)",
            expected="văn bản Unicode (VD: «Thủ tục hành chính»)",
            hint="Chuyển mã văn bản gốc sang Unicode bằng Unikey: Công cụ (Ctrl+Shift+F6) → "
            "Nguồn: TCVN3 (ABC) hoặc VNI Windows, Đích: Unicode → Chuyển mã; rồi dán lại.",
        )
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise _LoadError(
            line,
            "Tệp có ký tự điều khiển không nhìn thấy.",
            found=f"U+{ord(bad.group()):04X}",
            expected="chỉ chữ, số, dấu câu và xuống dòng",
            hint="Ký tự này thường lẫn vào khi sao chép từ Word hoặc PDF: xóa và gõ lại đoạn đó.",
        )
    return text


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0

    def build(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.count += 1
        line = node.start_mark.line + 1
        if self.count > MAX_NODES:
            raise _LoadError(
                line,
                "Tệp có quá nhiều phần tử (có thể do bí danh YAML lồng nhau).",
                expected=f"tối đa {MAX_NODES:,} phần tử",
                loc=loc,
                hint="Không dùng bí danh (&, *) của YAML trong dữ liệu.",
            )
        if depth > MAX_DEPTH:
            raise _LoadError(line, "Dữ liệu lồng nhau quá sâu.", expected=f"tối đa {MAX_DEPTH} cấp", loc=loc)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, _STD + "seq", loc)
            items = []
            for index, child in enumerate(node.value):
                self.doc.lines[(*loc, index)] = child.start_mark.line + 1
                items.append(self.build(child, (*loc, index), depth + 1))
            return items
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        self._check_tag(node, _STD + "map", loc)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == _STD + "merge":
                raise _LoadError(
                    line, "Không dùng khóa gộp «<<» của YAML.", loc=loc, hint="Viết đầy đủ từng trường."
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise _LoadError(line, "Tên trường phải là chữ.", loc=loc)
            key = key_node.value
            if key in result:
                first = self.doc.lines.get((*loc, key))
                raise _LoadError(
                    line,
                    f"Trường «{key}» bị lặp lại.",
                    found=f"lần thứ hai ở dòng {line}",
                    expected=f"mỗi trường chỉ một lần (lần đầu ở dòng {first})",
                    hint="Xóa một trong hai dòng; YAML sẽ âm thầm bỏ giá trị đầu.",
                    loc=(*loc, key),
                )
            self.doc.lines[(*loc, key)] = line
            result[key] = self.build(value_node, (*loc, key), depth + 1)
        return result

    def _check_tag(self, node: yaml.Node, implicit: str, loc: Loc) -> None:
        if node.tag != implicit:
            raise _tag_error(node, loc)

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        value = node.value
        plain = node.style in (None, "")
        allowed = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
        if node.tag not in allowed or (not plain and node.tag != _STD + "str"):
            raise _tag_error(node, loc)
        if not plain:  # quoted or block scalar: always text
            return value
        if node.tag == _STD + "str" and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != node.tag:
            return value  # explicit «!!str»
        self.doc.raw[loc] = value
        if value in _NULL:
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _INT.fullmatch(value):
            return int(value, 10)  # "05", "010" are decimal, as written in documents
        if _FLOAT.fullmatch(value):
            return float(value)
        return value


_RESOLVER = yaml.resolver.Resolver()


def _tag_error(node: yaml.Node, loc: Loc) -> _LoadError:
    """A YAML tag (``!!python/object``, ``!custom``…) could construct objects: never allowed."""
    return _LoadError(
        node.start_mark.line + 1,
        "Thẻ YAML không được phép.",
        found=node.tag,
        expected="dữ liệu thuần (chữ, số, ngày, danh sách)",
        loc=loc,
        hint="Xóa phần bắt đầu bằng «!» trước giá trị.",
    )


def dotted(loc: Loc) -> str:
    """``('thu_tuc', 3, 'ma')`` → ``thu_tuc[3].ma`` (items numbered from 1 for staff)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out
