"""The files ``import-national`` is given: JSON (one record or a list) or JSON Lines, files or
folders, each record read in whichever of the three shapes it has.

Every fault is said in Vietnamese with the file, the line (or the record's position) and the part:
a truncated or invalid file, a record of no known shape, a file named by a code that is not its
record's, one code twice, a file too large. Nothing is skipped without a word.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.models import CODE_PATTERN
from ..core.record import BanGhi
from .national import RecordShapeError, parse_record, shape_of

MAX_FILE = 64_000_000  # bytes: a province's whole export as JSON Lines is a few MB
SUFFIXES = {".json": "json", ".jsonl": "lines", ".ndjson": "lines"}


@dataclass(frozen=True)
class Found:
    record: BanGhi
    where: str  # «1.001193.json», «tinh.jsonl:12», «danh-sach.json[3]»


@dataclass
class Inputs:
    records: list[Found] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in a folder that are not JSON: said, not read


def read_inputs(paths: list[Path], phien_ban: str, shown: Callable[[Path], str] = str) -> Inputs:
    """Every record of every path; ``shown`` names a path in messages."""
    inputs = Inputs()
    for path in paths:
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)):
                if file.suffix.lower() in SUFFIXES:
                    _read_file(file, phien_ban, shown(file), inputs)
                else:
                    inputs.skipped.append(shown(file))
        elif path.is_file():
            _read_file(path, phien_ban, shown(path), inputs)
        else:
            inputs.problems.append(f"{shown(path)}: không có tệp hay thư mục này.")
    _duplicates(inputs)
    return inputs


def _hidden(path: Path, top: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(top).parts)


def _read_file(path: Path, phien_ban: str, name: str, inputs: Inputs) -> None:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        inputs.problems.append(f"{name}: không phải tệp JSON (.json) hay JSON Lines (.jsonl, .ndjson).")
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            inputs.problems.append(
                f"{name}: tệp quá lớn ({size // 1_000_000} MB, tối đa {MAX_FILE // 1_000_000} MB): "
                "tách thành nhiều tệp."
            )
            return
        raw = path.read_bytes()
    except OSError as exc:
        inputs.problems.append(f"{name}: không đọc được tệp ({exc.strerror or 'lỗi đọc'}).")
        return
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        inputs.problems.append(f"{name}: không phải văn bản UTF-8 (byte thứ {exc.start + 1}).")
        return
    before = len(inputs.records)
    if kind == "lines":
        for number, line in enumerate(content.splitlines(), 1):
            if line.strip():
                data = _json(line, f"{name}:{number}", inputs)
                if data is not None:
                    _record(data, f"{name}:{number}", None, phien_ban, inputs)
    else:
        data = _json(content, name, inputs)
        if isinstance(data, list):
            for index, item in enumerate(data, 1):
                _record(item, f"{name}[{index}]", None, phien_ban, inputs)
        elif data is not None:
            _record(data, name, path.name, phien_ban, inputs)
    _named_by_code(path, name, inputs, before)


def _json(content: str, where: str, inputs: Inputs) -> object | None:
    try:
        return json.loads(content)
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(content.rstrip())
        inputs.problems.append(
            f"{where}: JSON hỏng ở dòng {exc.lineno}, cột {exc.colno}"
            + (" (tệp bị cắt giữa chừng)." if cut else f" ({_reason(exc.msg)}).")
        )
    except RecursionError:
        inputs.problems.append(f"{where}: JSON lồng quá sâu.")
    return None


_REASONS = {
    "Expecting value": "thiếu giá trị",
    "Expecting property name enclosed in double quotes": "tên trường phải trong dấu nháy kép",
    "Expecting ',' delimiter": "thiếu dấu phẩy",
    "Expecting ':' delimiter": "thiếu dấu hai chấm",
    "Extra data": "còn dữ liệu thừa sau bản ghi",
    "Unterminated string starting at": "chuỗi chưa đóng nháy",
    "Invalid control character at": "ký tự điều khiển trong chuỗi",
}


def _reason(message: str) -> str:
    return _REASONS.get(message, "sai cú pháp JSON")


def _record(data: object, where: str, file_name: str | None, phien_ban: str, inputs: Inputs) -> None:
    if shape_of(data) is None or not isinstance(data, dict):
        inputs.problems.append(
            f"{where}: không phải bản ghi thủ tục hành chính ở dạng nào phần mềm biết "
            "(trang Cổng DVC quốc gia, bản ghi CSDL quốc gia, tệp Word tải từ Cổng)."
        )
        return
    try:
        record = parse_record(data, file_name=file_name, phien_ban=phien_ban)
    except RecordShapeError as exc:
        inputs.problems.append(f"{where}: phần «{exc.part}»: {exc.message}")
        return
    inputs.records.append(Found(record, where))


def _named_by_code(path: Path, name: str, inputs: Inputs, before: int) -> None:
    """``1.001193.json`` must hold the record 1.001193: another code means a mixed-up file."""
    stem = path.stem
    if not CODE_PATTERN.match(stem):
        return
    for found in inputs.records[before:]:
        if found.record.nguon.ma != stem:
            inputs.problems.append(
                f"{name}: tên tệp mang mã {stem} nhưng bản ghi có mã {found.record.nguon.ma}: "
                "tệp bị nhầm hay bị đổi tên; kiểm tra lại nguồn."
            )


def _duplicates(inputs: Inputs) -> None:
    seen: dict[str, str] = {}
    for found in inputs.records:
        code = found.record.nguon.ma
        if code in seen:
            inputs.problems.append(
                f"{found.where}: mã {code} đã có ở {seen[code]}: mỗi thủ tục chỉ nhập một bản ghi một lần."
            )
        seen.setdefault(code, found.where)
