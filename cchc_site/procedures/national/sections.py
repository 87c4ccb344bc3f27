"""The portal page's sections re-read from ``raw_text``, where the crawl cut a field at the wrong
heading (a step that mentions «Thành phần hồ sơ» or «Cơ quan thực hiện» ended the field there).

The page's sections always come in one order, each after its heading. A boundary is taken only when
it is certain: its heading occurs exactly once where it can be (or is followed by the table header
that only that heading has), or every way of reading the headings in order puts it at the same
place. A section is re-read only when both its boundaries are certain."""

from __future__ import annotations

from itertools import pairwise, product

STEPS, CHANNELS, DOCUMENTS, LEGAL, AGENCY, CONDITIONS, RESULTS = (
    "trinh_tu_thuc_hien",
    "cach_thuc_thuc_hien",
    "thanh_phan_ho_so",
    "can_cu_phap_ly",
    "co_quan_thuc_hien",
    "yeu_cau_dieu_kien",
    "ket_qua_xu_ly",
)
HEADINGS = {
    STEPS: "Trình Tự Thực Hiện",
    CHANNELS: "Cách Thức Thực Hiện",
    DOCUMENTS: "Thành phần hồ sơ",
    LEGAL: "Căn cứ pháp lý",
    AGENCY: "Cơ quan thực hiện",
    CONDITIONS: "Yêu cầu, điều kiện thực hiện",
    RESULTS: "Kết quả xử lý",
}
CHANNELS_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
DOCUMENTS_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"
NONE = "Không có thông tin"
_MAX_REPEATS = 8  # a heading repeated more often than this leaves its section uncertain (and bounds the work)


def _all(raw: str, needle: str, start: int = 0, end: int | None = None) -> list[int]:
    found, at = [], raw.find(needle, start, end)
    while at >= 0:
        found.append(at)
        at = raw.find(needle, at + 1, end)
    return found


def _only(positions: list[int]) -> int | None:
    return positions[0] if len(positions) == 1 else None


def resplit(raw: str, channels_field: str | None) -> dict[str, str]:
    """Each section whose two boundaries in ``raw`` are certain, by field name."""
    found: dict[str, str] = {}
    steps_at = _only(_all(raw, HEADINGS[STEPS]))
    channels_at = _only(_all(raw, HEADINGS[CHANNELS] + CHANNELS_HEADER))
    legal_at = _only(
        [
            at
            for at in _all(raw, HEADINGS[LEGAL])
            if raw.startswith(LEGAL_HEADER, at + len(HEADINGS[LEGAL]))
            or raw.startswith(NONE + HEADINGS[AGENCY], at + len(HEADINGS[LEGAL]))
        ]
    )
    if steps_at is not None and channels_at is not None and steps_at < channels_at:
        found[STEPS] = raw[steps_at + len(HEADINGS[STEPS]) : channels_at]
    if channels_at is None or legal_at is None or legal_at < channels_at:
        return found
    channels_start = channels_at + len(HEADINGS[CHANNELS])
    documents_at = _documents_heading(raw, channels_start, legal_at, channels_field)
    if documents_at is not None:
        found[CHANNELS] = raw[channels_start:documents_at]
        found[DOCUMENTS] = raw[documents_at + len(HEADINGS[DOCUMENTS]) : legal_at]
    tail = _tail(raw, legal_at)
    if tail.get(AGENCY) is not None:
        found[LEGAL] = raw[legal_at + len(HEADINGS[LEGAL]) : tail[AGENCY]]
    for name, following in ((AGENCY, CONDITIONS), (CONDITIONS, RESULTS)):
        start, end = tail.get(name), tail.get(following)
        if start is not None and end is not None:
            found[name] = raw[start + len(HEADINGS[name]) : end]
    if (results_at := tail.get(RESULTS)) is not None:
        found[RESULTS] = raw[results_at + len(HEADINGS[RESULTS]) :]
    return found


def _documents_heading(raw: str, start: int, end: int, channels_field: str | None) -> int | None:
    """The documents heading: right after the channels table as its own field gives it, else the
    only «Thành phần hồ sơ» between the channels and the legal basis."""
    if channels_field and raw.startswith(channels_field, start):
        after = start + len(channels_field)
        while after < end and raw[after].isspace():
            after += 1
        if raw.startswith(HEADINGS[DOCUMENTS], after):
            return after
    return _only(_all(raw, HEADINGS[DOCUMENTS], start, end))


def _tail(raw: str, legal_at: int) -> dict[str, int | None]:
    """Where the last three headings are, each only if every in-order reading agrees."""
    names = (AGENCY, CONDITIONS, RESULTS)
    options = [_all(raw, HEADINGS[name], legal_at) for name in names]
    if any(len(option) > _MAX_REPEATS for option in options):
        return {}
    readings = [reading for reading in product(*options) if all(a < b for a, b in pairwise(reading))]
    if not readings:
        return {}
    return {
        name: positions.pop() if len(positions := {reading[i] for reading in readings}) == 1 else None
        for i, name in enumerate(names)
    }
