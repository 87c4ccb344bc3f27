"""Everyday words for procedure terms, for the site's search: what citizens type («sổ đỏ», «CCCD»,
«sao y», «cắt khẩu») and the words official names and documents use for it («quyền sử dụng đất»,
«căn cước công dân», «chứng thực bản sao», «xóa đăng ký thường trú»).

Declared as data: the national default ships with the package (``mau/tu-dong-nghia.yaml``); a
commune adds its own in ``content/tu-dong-nghia.yaml`` (same shape, optional), which extends the
default. The search (``theme/assets/cchc/tim-kiem.js``) reads the merged list from the site's data
file (``addresses.SEARCH_ALIASES``) and matches phrases on the same key as this module.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field

from .. import text
from .models import Model, Text

PACKAGE_FILE = Path(__file__).resolve().parents[1] / "mau" / "tu-dong-nghia.yaml"
PACKAGE_NAME = "cchc_site/mau/tu-dong-nghia.yaml"  # as messages name it

_WORD = re.compile(r"[a-z0-9]+")


class TuDongNghia(Model):
    """One entry: the ways people say it, and the term(s) the procedures' names and documents use."""

    tu: list[Text] = Field(
        min_length=1,
        title="Cách người dân gọi",
        description="Từ thường dùng, viết tắt, VD: sổ đỏ, CCCD, sao y, cắt khẩu",
    )
    thuat_ngu: list[Text] = Field(
        min_length=1,
        title="Từ ngữ trong tên thủ tục",
        description="Cụm từ như tên thủ tục, giấy tờ viết, cụm chính ghi trước, VD: quyền sử dụng đất",
    )
    ghi_chu: str | None = Field(None, title="Ghi chú", description="Vì sao, hoặc văn bản làm căn cứ")


class BangTuDongNghia(Model):
    """``content/tu-dong-nghia.yaml`` (optional) and the package's default: a list of entries."""

    tu_dong_nghia: list[TuDongNghia] = Field(default_factory=list, title="Cách gọi thường dùng")


def phrase_key(value: str) -> str:
    """The spelling a phrase is matched on, as the search's ``cchc.key``: no marks, đ → d, i/y alike,
    lower case, words only: «Sổ  Đỏ» → «so do», «BHYT» → «bhit»."""
    return " ".join(_WORD.findall(text.fold(value).lower().replace("y", "i")))
