"""The search's everyday words as a data file of the site (``addresses.SEARCH_ALIASES``); the open
data (``open_data.site_files``) publishes it, as it publishes the feed.

The search script (``theme/assets/cchc/tim-kiem.js``) fetches it with the index, the first time a
reader opens the search; it is open data too (listed on the data page and in the Data Package).
Compact JSON, without the notes: only what the search reads.
"""

from __future__ import annotations

import json

from ..core.aliases import TuDongNghia

TITLE = "Cách gọi thường dùng cho ô tìm kiếm"
DESCRIPTION = (
    "Từ người dân hay gõ (sổ đỏ, CCCD, sao y…) và từ ngữ trong tên thủ tục tương ứng: danh sách chung "
    "của phần mềm cùng các cách gọi xã bổ sung."
)


def alias_json(entries: list[TuDongNghia]) -> bytes:
    """``{"tu_dong_nghia": [{"tu": [...], "thuat_ngu": [...]}, ...]}`` on one line."""
    data = {"tu_dong_nghia": [{"tu": list(e.tu), "thuat_ngu": list(e.thuat_ngu)} for e in entries]}
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
