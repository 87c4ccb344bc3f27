"""Read YAML content safely: no tags or executable types, the line of every value.

The text itself (encoding, invisible characters, size, nesting) is checked first, by ``rawtext``.

The loader composes the YAML node tree and builds plain Python values itself, so that
- every value remembers its line (errors can name it),
- duplicate keys are errors (PyYAML silently keeps the last one),
- scalars follow the rules of Vietnamese documents: ``05`` and ``010`` are decimal numbers,
  ``yes``/``no``/``on``/``off`` stay words, dates stay text until a date field reads them,
- no YAML tag can construct a Python object, and alias bombs or deep nesting are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.errors import Problem, Problems, Severity
from .rawtext import INVISIBLE, TextError, name_of, read_text

try:  # libyaml is several times faster; both compose the same node tree
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_NODES = 200_000
MAX_DIGITS = 15  # no figure of a commune has more; Python itself refuses ints of over 4300 digits
MAX_DEPTH = 40

Loc = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STD = "tag:yaml.org,2002:"


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

    def problem(
        self,
        loc: Loc,
        message: str,
        found: Any = None,
        expected: Any = None,
        hint: str | None = None,
        *,
        near: str | None = None,
        severity: Severity = "loi",
    ) -> Problem:
        """A problem of this file at ``loc``: its line (or the line where ``near`` is written), its field."""
        return Problem(
            self.name,
            self.line_of_text(loc, near) if near else self.line(loc),
            dotted(loc),
            message,
            None if found is None else str(found),
            None if expected is None else str(expected),
            hint,
            severity,
        )


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


def load_yaml(path: Path, name: str, problems: Problems, root: Path | None = None) -> Document | None:
    """Read one YAML file; on failure add a problem and return ``None``.

    ``root``: the content folder (a link to a file outside it is refused unread).
    """
    try:
        text = read_text(path, root)
    except TextError as exc:
        for issue in exc.issues:
            problems.add(
                Problem(name, issue.line, "", issue.message, issue.found, issue.expected, issue.hint)
            )
        return None
    conflict = next((n for n, line in enumerate(text.split("\n"), 1) if _CONFLICT.match(line)), None)
    if conflict is not None:  # a merge left half done: both versions are in the file
        problems.add(
            Problem(
                name,
                conflict,
                "",
                "Tệp còn dấu xung đột của git: hai phiên bản chưa được gộp.",
                found=f"«{text.split(chr(10))[conflict - 1].strip()[:40]}»",
                expected="một phiên bản duy nhất, không còn dòng <<<<<<<, ======= hay >>>>>>>",
                hint="Giữ phần đúng giữa các dấu, xóa phần kia và ba dòng dấu.",
            )
        )
        return None
    try:
        doc = Document(path=path, name=name, data=None, source=text.split("\n"))
        node = yaml.compose(text, Loader=_Loader)
        doc.lines[()] = 1
        if node is not None:
            doc.data = _Builder(doc).build(node, (), 0)
        return doc
    except _LoadError as exc:
        problems.add(Problem(name, exc.line, dotted(exc.loc), exc.message, exc.found, exc.expected, exc.hint))
    except yaml.MarkedYAMLError as exc:
        problems.add(_syntax_problem(name, text, exc))
    except (yaml.YAMLError, RecursionError, MemoryError) as exc:  # no position known
        problems.add(
            Problem(
                name,
                None,
                "",
                "Lỗi cú pháp YAML, không đọc được tệp.",
                found=type(exc).__name__,
                expected="YAML hợp lệ",
            )
        )
    return None


def _syntax_problem(name: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """Where the parser gave up, and, for an unclosed quote or bracket, where it was opened.

    The parser's own marks can point far from the mistake: a quote left open runs on, legally,
    until the next quote in the file. So the lines before the stop are read for a value whose
    quote or bracket opens and is not closed on its line.
    """
    problem_line = exc.problem_mark.line + 1 if exc.problem_mark else None
    opened = exc.context_mark.line + 1 if exc.context_mark else None
    context = exc.context or ""
    lines = text.split("\n")
    last = len(lines) if lines[-1] or len(lines) == 1 else len(lines) - 1
    problem_line = min(problem_line, last) if problem_line else None  # the C parser may point past the end
    opened = min(opened, last) if opened else None
    quote = _unclosed(lines, problem_line or last, "quote")
    bracket = _unclosed(lines, problem_line or last, "bracket") if "flow" in context else None
    hint = "Kiểm tra thụt lề (dùng dấu cách, không dùng phím Tab), dấu hai chấm sau tên trường và dấu nháy đóng/mở."
    line = problem_line
    stop = f"trình đọc dừng ở dòng {problem_line}"
    if (line := quote or (opened if "quoted scalar" in context else None)) is not None:
        message = f"Dấu nháy mở ở dòng {line} chưa được đóng, không đọc được tệp."
        found = f"«{lines[line - 1].strip()[:70]}»" + (f"; {stop}" if problem_line != line else "")
        hint = "Thêm dấu nháy đóng ở cuối giá trị (cùng loại với dấu mở: \" hoặc ')."
    elif (line := bracket or (opened if "flow" in context else None)) is not None:
        message = f"Dấu ngoặc mở ở dòng {line} chưa được đóng đúng, không đọc được tệp."
        found = f"«{lines[line - 1].strip()[:70]}»" + (f"; {stop}" if problem_line != line else "")
        hint = "Mỗi «[» cần một «]», mỗi «{» cần một «}» trên cùng giá trị."
    else:
        line = opened if "simple key" in context and opened is not None else problem_line  # «tinh:Hải Dương»
        message = "Lỗi cú pháp YAML, không đọc được tệp."
        source_line = lines[line - 1] if line and line <= len(lines) else ""
        found = _yaml_reason(exc.problem or "") + (
            f": «{source_line.strip()[:70]}»" if source_line.strip() else ""
        )
        if "\t" in source_line:
            hint = "Tệp có ký tự Tab: YAML chỉ cho thụt lề bằng dấu cách."
        elif re.search(r"^\s*(?:- )?[^\s:#\"'][^:#]*:[^\s/]", source_line):
            hint = "Sau dấu hai chấm của tên trường cần một dấu cách: «tinh: Hải Dương»."
    return Problem(name, line, "", message, found=found, expected="YAML hợp lệ", hint=hint)


_CONFLICT = re.compile(r"^(?:<{7}|>{7})(?: |$)|^={7}$")
_VALUE_START = re.compile(  # «key: "…», «- "…», «- key: [»: where a value starts (not prose lines)
    r"^\s*(?:(?:-\s+)+(?:[^\s#\"'\[{][^:#]*:\s+)?|[^\s#\"'\[{-][^:#]*:\s+)(?=[\"'\[{])"
)


def _unclosed(lines: list[str], upto: int, kind: str) -> int | None:
    """The first line, up to ``upto``, whose value opens a quote (or bracket) it does not close."""
    for number in range(1, min(upto, len(lines)) + 1):
        line = lines[number - 1]
        start = _VALUE_START.match(line)
        if start is None or line.lstrip().startswith("#"):
            continue
        value = line[start.end() :]
        if kind == "quote" and value[:1] in "\"'" and not _closes_quote(value):
            return number
        if kind == "bracket" and value[:1] in "[{" and _depth(value) > 0:
            return number
    return None


def _closes_quote(value: str) -> bool:
    mark, at = value[0], 1
    while at < len(value):
        char = value[at]
        if mark == '"' and char == "\\":
            at += 2
            continue
        if char == mark:
            if mark == "'" and value[at + 1 : at + 2] == "'":  # '' inside single quotes
                at += 2
                continue
            return True
        at += 1
    return False


def _depth(value: str) -> int:
    """Brackets left open at the end of a line (quoted text and comments skipped)."""
    depth, at, quote = 0, 0, ""
    while at < len(value):
        char = value[at]
        if quote:
            if char == "\\" and quote == '"':
                at += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#" and (at == 0 or value[at - 1].isspace()):
            break
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        at += 1
    return depth if not quote else 0


_REASONS = (  # PyYAML's words, for a clerk
    (
        "mapping values are not allowed here",
        "dấu hai chấm «:» không đúng chỗ (giá trị có «: » cần đặt trong dấu nháy)",
    ),
    ("found character '\\t'", "ký tự Tab"),
    ("could not find expected ':'", "thiếu dấu hai chấm «:» sau tên trường"),
    ("did not find expected key", "thụt lề không khớp với dòng trên"),
    ("expected <block end>, but found", "thụt lề không khớp với dòng trên"),
    ("found undefined alias", "bí danh «*» không có"),
    ("found unexpected end of stream", "tệp hết khi giá trị chưa xong"),
    ("but found another document", "tệp có hai phần YAML (dòng «---» thứ hai): mỗi tệp chỉ một"),
    (
        "found character that cannot start any token",
        "ký tự không được đứng đầu giá trị (đặt giá trị trong dấu nháy)",
    ),
)


def _yaml_reason(problem: str) -> str:
    for english, vietnamese in _REASONS:
        if english in problem:
            return vietnamese
    return f"cấu trúc không đúng ({problem})" if problem else "cấu trúc không đúng"


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
                expected=f"tối đa {MAX_NODES:,}".replace(",", ".") + " phần tử",
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
            hidden = INVISIBLE.search(value) or (re.search("\r", value) if node.style == '"' else None)
            if hidden:  # written as an escape («\\e», «\\u202E»): invisible all the same
                raise _LoadError(
                    node.start_mark.line + 1,
                    f"Giá trị có ký tự không nhìn thấy: {name_of(hidden.group())}, viết bằng mã thoát trong dấu nháy.",
                    found=f"«{' '.join(value.translate(_SHOWN).split())[:70]}»",
                    expected="chỉ chữ, số, dấu câu, dấu cách và xuống dòng",
                    loc=loc,
                    hint="Xóa mã thoát bắt đầu bằng «\\» (VD: \\e, \\0, \\u202E) trong giá trị.",
                )
            return value
        if node.tag == _STD + "str" and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != node.tag:
            return value  # explicit «!!str»
        self.doc.raw[loc] = value
        if value in _NULL:
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _INT.fullmatch(value):
            if len(value.lstrip("+-")) > MAX_DIGITS:
                raise _LoadError(
                    node.start_mark.line + 1,
                    "Số quá lớn.",
                    found=f"{len(value)} chữ số",
                    expected=f"số có tối đa {MAX_DIGITS} chữ số",
                    loc=loc,
                    hint="Kiểm tra số có bị gõ thừa hay dán nhầm; mã, số hiệu thì đặt trong dấu nháy.",
                )
            return int(value, 10)  # "05", "010" are decimal, as written in documents
        if _FLOAT.fullmatch(value):
            return float(value)
        return value


_RESOLVER = yaml.resolver.Resolver()
_SHOWN = {code: f"⟦{code:04X}⟧" for code in [*range(0x20), *range(0x7F, 0xA0), 0xAD, *range(0x200B, 0x2010),
                                           *range(0x2028, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x206A),
                                           0xFEFF] if code not in (0x09, 0x0A)}  # fmt: skip


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
