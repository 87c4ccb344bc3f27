"""Life events («Sinh con», «Kết hôn» …) and the procedures each needs: the home page's way in.

Declared as data (``mau/su-kien.yaml``; a commune may replace it with ``content/su-kien.yaml``):
a procedure belongs to an event by its code, its lĩnh vực or a phrase of its name.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

import yaml
from pydantic import Field

from .. import text
from .models import MaThuTuc, Model, Text, ThuTuc

EVENTS_FILE = Path(__file__).resolve().parents[1] / "mau" / "su-kien.yaml"


class SuKien(Model):
    ten: Text = Field(title="Việc cần làm", description="VD: Sinh con")
    mo_ta: str | None = Field(None, title="Mô tả ngắn", description="VD: khai sinh, nhận cha, mẹ, con")
    ma: list[MaThuTuc] = Field(default_factory=list, title="Mã các thủ tục", description="Theo thứ tự hiện")
    linh_vuc: list[Text] = Field(
        default_factory=list, title="Các lĩnh vực", description="Mọi thủ tục của lĩnh vực"
    )
    ten_co: list[Text] = Field(
        default_factory=list, title="Tên thủ tục có cụm từ", description="VD: khai sinh"
    )

    def procedures(self, listed: list[ThuTuc]) -> list[ThuTuc]:
        """The listed procedures of this event: by code in the order given, then the rest in list order."""
        by_code = {t.ma: t for t in listed if t.ma}
        chosen = [by_code[code] for code in self.ma if code in by_code]
        taken = {id(t) for t in chosen}  # by identity: comparing models field by field is quadratic
        fields = {_key(name) for name in self.linh_vuc}
        phrases = [_key(phrase) for phrase in self.ten_co]
        for t in listed:
            if id(t) in taken:
                continue
            name = _key(t.ten)
            if _key(t.linh_vuc) in fields or any(f" {p} " in f" {name} " for p in phrases):
                chosen.append(t)
        return chosen


class DanhSachSuKien(Model):
    """``content/su-kien.yaml`` (optional): the commune's own list of life events."""

    su_kien: list[SuKien] = Field(min_length=1, title="Các việc cần làm")


@lru_cache(maxsize=65536)  # each name is asked once per event
def _key(value: str) -> str:
    return " ".join(text.fold(value).lower().replace(",", " ").split())


@cache
def package_events() -> DanhSachSuKien:
    """The national default shipped with the software."""
    return DanhSachSuKien.model_validate(yaml.safe_load(EVENTS_FILE.read_text(encoding="utf-8")))
