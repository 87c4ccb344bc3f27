"""Pydantic's validation errors, translated into Vietnamese problems that name file, line and field."""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from ..core.errors import Problem, Problems
from ..core.models import FIRST_YEAR, LAST_YEAR, unwrap
from .documents import Document, Loc, dotted, load_yaml

M = TypeVar("M", bound=BaseModel)


def validate_model(doc: Document, model: type[BaseModel], problems: Problems) -> Any:
    """Validate a document against its model; translate every pydantic error to Vietnamese."""
    try:
        return model.model_validate(doc.data if doc.data is not None else {})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            problems.add(translate_error(doc, model, error))
        return None


def read_quietly(path: Path, model: type[M]) -> tuple[Document, M] | None:
    """A content file read as ``model`` when it reads cleanly, else None.

    For the tools that draft files (``new-report``, ``import-report``): they use what reads and
    leave the rest to ``check``, which reports it.
    """
    if not path.is_file():
        return None
    problems = Problems()
    doc = load_yaml(path, path.name, problems)
    value = validate_model(doc, model, problems) if doc is not None else None
    return (doc, value) if doc is not None and value is not None else None


def validate_value(
    doc: Document,
    loc: Loc,
    model: type[BaseModel],
    value: Any,
    problems: Problems,
    label: str | None = None,
    before: Callable[[Any], Any] | None = None,
) -> Any:
    """Validate one value of a document at ``loc`` (a figure, a scope); errors keep their line.

    ``before`` turns the value as written into the model's input (a bare number into a figure).
    """
    try:
        return model.model_validate(before(value) if before else value)
    except PydanticCustomError as exc:
        problems.add(translate_error(doc, model, {"type": exc.type, "loc": (), "input": value}, loc, label))
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            problems.add(translate_error(doc, model, error, loc, label))
    return None


def validate_items(
    doc: Document, loc: Loc, model: type[BaseModel], value: Any, problems: Problems, label: str
) -> list[Any] | None:
    """A list of ``model`` items; every bad item is reported, the good ones are returned."""
    if not isinstance(value, list):
        problems.add(
            translate_error(doc, model, {"type": "list_type", "loc": (), "input": value}, loc, label)
        )
        return None
    found = [validate_value(doc, (*loc, index), model, item, problems) for index, item in enumerate(value)]
    return None if any(item is None for item in found) else found


def translate_error(
    doc: Document, model: type[BaseModel], error: Any, prefix: Loc = (), label_of_value: str | None = None
) -> Problem:
    """One pydantic error as a Vietnamese problem; ``prefix`` places a sub-value in its file."""
    relative: Loc = tuple(error["loc"])
    loc: Loc = (*prefix, *relative)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    found = _show(value, doc.raw.get(loc))
    parent_model, info = _field_at(model, relative)
    title = info.title if info is not None and info.title else (label_of_value if not relative else None)
    label = f" ({title})" if title else ""
    expected = info.description if info is not None else None
    hint = None
    key = loc[-1] if loc else ""

    if kind == "missing":
        message, found = f"Thiếu trường bắt buộc «{key}»{label}.", "không có"
        expected = expected or "trường này phải có"
    elif kind == "extra_forbidden":
        allowed = list(parent_model.model_fields) if parent_model else []
        message, found = f"Trường lạ «{key}».", str(key)
        expected = one_of(allowed, shorten=False)
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        if str(key).startswith("ty_le"):
            hint = "Tỷ lệ được tính tự động từ các số liệu, không nhập tay."
        elif close:
            hint = f"Có phải ý bạn là «{close[0]}»?"
    elif kind == "ma_khong_nhay":
        message = "Mã thủ tục viết không có dấu nháy nên YAML đọc thành số (mất chữ số 0 ở cuối)."
        expected = 'mã trong dấu nháy kép, VD: ma: "2.000810"'
        hint = f'Viết ma: "{doc.raw.get(loc, value)}"'
    elif kind == "ma_sai_dang":
        message, expected = "Mã thủ tục sai định dạng.", 'dạng "1.001193" (một chữ số, dấu chấm, sáu chữ số)'
    elif kind == "ngay_ngoai_khoang":
        message = "Ngày ngoài khoảng hợp lý (có lẽ gõ nhầm năm)."
        expected = f"ngày từ năm {FIRST_YEAR} đến năm {LAST_YEAR}"
    elif kind in ("ngay", "date_type", "date_parsing", "ngay_khong_ton_tai"):
        message = "Ngày không tồn tại." if kind == "ngay_khong_ton_tai" else "Cần một ngày."
        expected = "ngày dạng 2022-09-30 hoặc 30/9/2022"
    elif kind in ("int_type", "int_parsing", "int_from_float", "so_lieu"):
        message, expected = f"Cần một số nguyên{label}.", _whole_number(info)
        if kind == "so_lieu":
            expected += ", hoặc nhóm «gia_tri: …» kèm «pham_vi»/«xap_xi»"
        if isinstance(value, float):
            hint = "Số viết có dấu chấm bị đọc là số thập phân; bỏ dấu chấm ngăn cách hàng nghìn."
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[
            kind
        ]
        low, high = _bounds(info)
        message, expected = f"Giá trị ngoài giới hạn{label}.", f"số {sign} {bound}"
        if low is not None and high is not None:
            expected = f"số từ {low} đến {high}"
    elif kind == "string_type":
        message, expected = f"Cần văn bản{label}.", expected or "văn bản"
        if isinstance(value, (int, float, bool)):
            hint = "Đặt giá trị trong dấu nháy kép nếu muốn giữ nguyên như văn bản."
    elif kind == "string_too_short":
        message, expected = f"Không được để trống{label}.", "văn bản không rỗng"
    elif kind == "too_short":
        message, expected = f"Danh sách quá ngắn{label}.", f"ít nhất {ctx.get('min_length')} mục"
    elif kind == "string_pattern_mismatch":
        message, expected = f"Sai định dạng{label}.", expected or f"khớp mẫu {ctx.get('pattern')}"
    elif kind == "literal_error":
        message, expected = f"Giá trị không được phép{label}.", _choices(str(ctx.get("expected", "")))
    elif kind == "bool_type":
        message, expected = f"Cần true hoặc false{label}.", "true hoặc false"
    elif kind == "list_type":
        message, expected = f"Cần một danh sách{label}.", "các dòng bắt đầu bằng «- »"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message, expected = f"Cần một nhóm trường{label}.", "các dòng dạng «tên_trường: giá trị»"
    else:
        message = f"Giá trị không hợp lệ{label} ({kind})."
    return Problem(doc.name, doc.line(loc), dotted(loc), message, found, expected, hint)


def _show(value: Any, raw: str | None) -> str:
    if raw is not None:
        return raw if raw.strip() else "để trống"
    if value is None:
        return "để trống"
    if isinstance(value, dict):
        return "một nhóm trường"
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, str):
        return f"«{value[:80]}»"
    return str(value)


def _whole_number(info: Any) -> str:
    """What a whole number of this field looks like: its own example, its range, else a count."""
    examples = getattr(info, "examples", None)
    if examples:
        return "số nguyên, VD: " + " hoặc ".join(str(e) for e in examples)
    low, high = _bounds(info)
    if low is not None and high is not None:
        return f"số nguyên từ {low} đến {high}"
    return "số nguyên, VD: 16 hoặc 05"


def _bounds(info: Any) -> tuple[Any, Any]:
    """The smallest and largest value a number field allows (from ``Field(ge=…, le=…)``)."""
    low = high = None
    if info is None:
        return low, high
    pending: list[Any] = [*info.metadata, info.annotation]
    while pending:
        item = pending.pop()
        if typing.get_origin(item) is not None:
            pending += typing.get_args(item)
        elif hasattr(item, "metadata") and isinstance(item.metadata, list):  # a nested FieldInfo
            pending += item.metadata
        low = getattr(item, "ge", low) if low is None else low
        high = getattr(item, "le", high) if high is None else high
    return low, high


def blank_figure(doc: Document, loc: Loc, label: str, required: bool) -> Problem:
    """A figure left blank (as ``new-report`` leaves them): fill it in, or delete it or its group.

    A required figure cannot go alone: the group goes with it when the report does not state it.
    """
    name = str(loc[-1]) if loc else ""
    at = loc.index("so_lieu") if "so_lieu" in loc else None
    group = loc[: at + 2] if at is not None and len(loc) > at + 2 else None
    where = f"«{group[-1]}» (dòng {doc.line(group)})" if group else ""
    if required and group:
        hint = (
            f"Số này bắt buộc khi có nhóm {where}: báo cáo không nêu thì xóa cả nhóm, kể cả dòng «pham_vi»."
        )
    else:
        hint = f"Báo cáo không nêu số này thì xóa dòng «{name}»."
        if group:
            hint += f" Báo cáo không nêu số nào của nhóm {where} thì xóa cả nhóm, kể cả dòng «pham_vi»."
    return Problem(
        doc.name,
        doc.line(loc),
        dotted(loc),
        f"Cần một số nguyên ({label}).",
        "để trống",
        "số nguyên, VD: 16 hoặc 05, hoặc nhóm «gia_tri: …» kèm «pham_vi»/«xap_xi»",
        hint,
    )


def _field_at(model: type[BaseModel], loc: Loc):
    """The model that owns the last key of ``loc`` and that key's FieldInfo, if known."""
    current: Any = model
    owner, info = None, None
    for part in loc:
        current = unwrap(current)[0]
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return owner, None
        owner = current
        info = current.model_fields.get(part)
        if info is None:
            return owner, None
        current = info.annotation
    return owner, info


def _choices(expected: str) -> str:
    """pydantic's «'a', 'b' or 'c'» in Vietnamese; a long list shortened to its ends."""
    return one_of(re.findall(r"'((?:[^'\\]|\\.)*)'", expected) or [expected])


def one_of(values: Any, shorten: bool = True) -> str:
    """Allowed values as every message lists them: «một trong: «a», «b» hoặc «c»»."""
    shown = [f"«{v}»" for v in values]
    if shorten and len(shown) > 8:
        return f"một trong {len(shown)} giá trị: {', '.join(shown[:3])}, …, {shown[-1]}"
    if len(shown) == 1:
        return shown[0]
    return "một trong: " + ", ".join(shown[:-1]) + " hoặc " + shown[-1]
