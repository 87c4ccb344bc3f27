"""The benchmark script says what it needs instead of failing halfway."""

from __future__ import annotations

import subprocess
import sys

from benchmarks import page_weight, run

from .conftest import ROOT


def test_nothing_is_missing_on_a_machine_set_up_by_the_readme():
    assert run.missing() == []


def test_a_missing_browser_is_named_with_how_to_install_it(monkeypatch):
    monkeypatch.setattr(page_weight, "CHROMIUM", "/khong-co/chromium")
    assert run.missing() == [
        (
            "trình duyệt Chromium (/khong-co/chromium, để đo dung lượng trang): "
            "sudo apt-get install -y chromium"
        )
    ]


def test_the_script_explains_its_options_in_vietnamese():
    result = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "ít lần chạy hơn" in result.stdout
