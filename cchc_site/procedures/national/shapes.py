"""Which of the three shapes a record has, typed access to its fields, and the repairs made to it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

Shape = Literal["trang_cong", "csdl", "tai_word"]

CODE = re.compile(r"[1-9]\.\d{6}")

# Keys only one shape has (the three share some names, e.g. «cach_thuc_thuc_hien»)
_PORTAL_KEYS = frozenset(
    {
        "ma_thu_tuc",
        "ten_thu_tuc",
        "raw_text",
        "detail_url",
        "thanh_phan_ho_so",
        "can_cu_phap_ly",
        "ket_qua_xu_ly",
    }
)
_DATABASE_KEYS = frozenset({"ma_tthc", "ten_tthc", "link_truy_cap", "loai_tthc", "tphs", "kqth", "ccpl"})


class RecordShapeError(ValueError):
    """The object is no record of a known shape, or lacks what every record has (code, name)."""

    def __init__(self, part: str, message: str) -> None:
        super().__init__(f"{part}: {message}")
        self.part = part
        self.message = message


def shape_of(data: object) -> Shape | None:
    """«trang_cong» (the portal page, flattened), «csdl» (the database record), «tai_word» (the
    portal's Word download, extracted); ``None`` for anything else."""
    if not isinstance(data, dict):
        return None
    keys = {key for key in data if isinstance(key, str)}
    if "metadata" in keys and isinstance(data["metadata"], dict) and keys & {"tables", "content"}:
        return "tai_word"
    if keys & _DATABASE_KEYS:
        return "csdl"
    if keys & _PORTAL_KEYS:
        return "trang_cong"
    return None


def _kind(value: object) -> str:
    """What was found, in the words of the error messages."""
    if value is None:
        return "giá trị rỗng (null)"
    if isinstance(value, bool):
        return "giá trị đúng/sai"
    if isinstance(value, (int, float)):
        return f"số {value!r}"
    if isinstance(value, str):
        return "chuỗi chữ"
    if isinstance(value, list):
        return "danh sách"
    if isinstance(value, dict):
        return "đối tượng"
    return type(value).__name__


class Fields:
    """Typed reads of one JSON object; a value of the wrong type is a :class:`RecordShapeError`."""

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, dict):
            raise RecordShapeError(path, f"Cần một đối tượng (các trường có tên), gặp {_kind(data)}.")
        self.data = data
        self.path = path

    def _name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def text(self, key: str) -> str | None:
        """A text field; absent and null are ``None``."""
        value = self.data.get(key)
        if value is None or isinstance(value, str):
            return value
        raise RecordShapeError(self._name(key), f"Cần một chuỗi chữ, gặp {_kind(value)}.")

    def scalar(self, key: str) -> str | None:
        """A text field that may also be written as a number (a time «5», a count)."""
        value = self.data.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return format(value, "g")
        return self.text(key)

    def flag(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is None or isinstance(value, bool):
            return value
        raise RecordShapeError(self._name(key), f"Cần giá trị đúng/sai (true/false), gặp {_kind(value)}.")

    def rows(self, key: str) -> list[Fields]:
        """A list of objects; absent and null are an empty list."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise RecordShapeError(self._name(key), f"Cần một danh sách, gặp {_kind(value)}.")
        return [Fields(item, f"{self._name(key)}[{index}]") for index, item in enumerate(value)]

    def texts(self, key: str) -> list[str]:
        """A text or a list of texts."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return list(value)
        raise RecordShapeError(
            self._name(key), f"Cần một chuỗi chữ hoặc danh sách chuỗi, gặp {_kind(value)}."
        )

    def child(self, key: str) -> Fields:
        value = self.data.get(key)
        return Fields({} if value is None else value, self._name(key))

    def code(self, key: str) -> str:
        """The procedure's code, «1.001193»: required, text, exactly this form."""
        if key not in self.data:
            raise RecordShapeError(self._name(key), "Thiếu mã thủ tục; cần dạng 1.001193.")
        value = self.data[key]
        if not isinstance(value, str):
            raise RecordShapeError(
                self._name(key), f"Mã thủ tục phải là chuỗi chữ dạng 1.001193, gặp {_kind(value)}."
            )
        cleaned = value.strip()
        if not CODE.fullmatch(cleaned):
            shown = cleaned if len(cleaned) <= 40 else cleaned[:40] + "…"
            raise RecordShapeError(self._name(key), f"Mã thủ tục «{shown}» sai dạng; cần dạng 1.001193.")
        return cleaned

    def name(self, key: str, clean: Any) -> str:
        """The procedure's name: required, text, not empty once cleaned."""
        if key not in self.data:
            raise RecordShapeError(self._name(key), "Thiếu tên thủ tục.")
        value = self.data[key]
        if not isinstance(value, str):
            raise RecordShapeError(self._name(key), f"Tên thủ tục phải là chuỗi chữ, gặp {_kind(value)}.")
        cleaned: str | None = clean(value)
        if not cleaned:
            raise RecordShapeError(self._name(key), "Tên thủ tục để trống.")
        return cleaned


@dataclass(frozen=True)
class Repair:
    """A defect repaired with certainty: where, and by which rule."""

    part: str
    rule: str


@dataclass
class Repairs:
    items: list[Repair] = field(default_factory=list)

    def add(self, part: str, rule: str) -> None:
        self.items.append(Repair(part, rule))
