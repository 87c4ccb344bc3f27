"""The published Q3 2022 report through the change of data model: same address, text, figures, seal.

The golden files in ``tests/golden/2022-q3/`` were taken from the site as built before the
indicator catalogue replaced the hand-written figure models; nothing published may differ.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from cchc_site.lock import seal as lock
from cchc_site.validate import load_site

from .conftest import CONTENT

GOLDEN = Path(__file__).parent / "golden" / "2022-q3"


def rows(raw: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def keeps(now, before) -> bool:
    """Every value published before is still there, unchanged (new keys may have been added)."""
    if isinstance(before, dict):
        return isinstance(now, dict) and all(
            key in now and keeps(now[key], value) for key, value in before.items()
        )
    if isinstance(before, list):
        return isinstance(now, list) and len(now) == len(before) and all(map(keeps, now, before))
    return now == before


def test_the_seal_recorded_at_publication_still_verifies():
    recorded = json.loads((CONTENT / lock.LOCK_FILE).read_text(encoding="utf-8"))["bao_cao"]["2022-q3"]
    report = load_site(CONTENT).reports[0]
    assert report.model.cap_nhat == []  # no correction was needed for the new format
    values = lock.sealed_values(report.leaves, lock.version_of(recorded))  # version 1: the date beside
    assert values == recorded["gia_tri"]  # every sealed value, computed from today's file
    assert lock.seal(values) == recorded["van_tay"] == report.seal == report.current_seal
    assert report.leaves[lock.DATE_KEY].value == lock.fingerprint(recorded["ngay_dang_tai"])


def test_downloads_keep_every_published_value(built):
    site = built.site / "du-lieu"
    for name, built_name in (("2022-q3.csv", "bao-cao/2022-q3.csv"), ("ty-le.csv", "ty-le.csv")):
        before = rows((GOLDEN / name).read_bytes())
        now = rows((site / built_name).read_bytes())
        assert [{key: row[key] for key in before[0]} for row in now] == before, name  # new columns only added
    before = json.loads((GOLDEN / "2022-q3.json").read_text(encoding="utf-8"))
    now = json.loads((site / "bao-cao/2022-q3.json").read_text(encoding="utf-8"))
    assert keeps(now, before)  # the full text, figures, rates, fingerprints
    assert now["bao_cao"] == before["bao_cao"]  # the report's own data: not one key more


def test_the_report_keeps_its_address_and_title(built):
    page = (built.site / "bao-cao/2022-q3/index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Báo cáo cải cách hành chính Quý 3/2022" in page
