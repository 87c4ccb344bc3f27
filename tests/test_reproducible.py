"""Two builds of the same content are byte-identical; the stack has a maintained way forward."""

from __future__ import annotations

import gzip
import os
import shutil
import struct
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from .conftest import HISTORY, make_project


def test_two_builds_are_byte_identical(history_built, tmp_path):
    again = make_project(tmp_path / "again", HISTORY)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    assert again.build(env=env).returncode == 0
    assert again.site_digest() == history_built.site_digest()  # sitemap included: dates come from the data


def test_sitemap_date_comes_from_the_data_or_source_date_epoch(project):
    assert project.build().returncode == 0
    header = (project.site / "sitemap.xml.gz").read_bytes()[:8]
    stamp = struct.unpack("<I", header[4:8])[0]
    assert stamp == 1795824000  # 2026-11-28 (the report's publication), midnight UTC: not the clock
    assert project.build(env={"SOURCE_DATE_EPOCH": "86400"}).returncode == 0
    assert struct.unpack("<I", (project.site / "sitemap.xml.gz").read_bytes()[4:8])[0] == 86400
    assert gzip.decompress((project.site / "sitemap.xml.gz").read_bytes()).startswith(b"<?xml")


@pytest.mark.slow  # another program builds the whole site
def test_the_site_also_builds_with_properdocs(built, tmp_path):
    """ProperDocs, the maintained drop-in fork of MkDocs 1.6, reads the same mkdocs.yml and hooks."""
    properdocs = shutil.which("properdocs", path=str(Path(sys.executable).parent)) or shutil.which(
        "properdocs"
    )
    if properdocs is None:
        pytest.skip("properdocs is not installed (tests/requirements.txt installs it)")
    fork = make_project(tmp_path / "fork")
    result = subprocess.run(
        [properdocs, "build", "--strict", "-f", "mkdocs.yml"],
        cwd=fork.root,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert set(fork.site_digest()) == set(built.site_digest())  # the same pages and data files
    same = {k for k, v in fork.site_digest().items() if built.site_digest().get(k) == v}
    for name in (
        "atom.xml",
        "du-lieu/chi-so.csv",
        "du-lieu/datapackage.json",
        "du-lieu/bao-cao/2022-q3.json",
    ):
        assert name in same
    page = (fork.site / "bao-cao/2022-q3/index.html").read_text(encoding="utf-8")
    assert "Đã thực hiện phát sóng được 16 lượt" in page


def test_cached_result_is_identical_and_never_hides_an_error(project):
    assert project.build().returncode == 0
    cold = project.site_digest()
    entries = list((project.root / ".cache" / "cchc-site").glob("*.json"))
    assert len(entries) == 1
    assert project.build().returncode == 0  # from the cache
    assert project.site_digest() == cold
    project.replace("bao-cao/2022-q3.yaml", "da_giai_quyet: 477", "da_giai_quyet: 476")
    broken = project.build()
    assert broken.returncode != 0 and "tổng các thành phần không bằng tổng số" in broken.stderr
    project.replace("bao-cao/2022-q3.yaml", "da_giai_quyet: 476", "da_giai_quyet: 477")
    assert project.build().returncode == 0 and project.site_digest() == cold
    code = project.root / "cchc_site"  # a symlink to the package: the key covers its code too
    from cchc_site.cache import fingerprint
    from cchc_site.runtime import today

    assert (
        fingerprint(project.content, "content", today=today(), config_file=project.root / "mkdocs.yml")
        == entries[0].stem
    )
    assert (
        fingerprint(project.content, "khac", today=today(), config_file=project.root / "mkdocs.yml")
        != entries[0].stem
        and code.exists()
    )
    assert (
        fingerprint(
            project.content, "content", today=date(2030, 1, 1), config_file=project.root / "mkdocs.yml"
        )
        != entries[0].stem
    )  # a new day


def test_a_tampered_cache_file_is_ignored(project):
    assert project.build().returncode == 0
    cold = project.site_digest()
    entry = next((project.root / ".cache" / "cchc-site").glob("*.json"))
    entry.write_text('{"pages": [["index.md", "# bị sửa", true]]', encoding="utf-8")  # broken JSON
    assert project.build().returncode == 0 and project.site_digest() == cold
