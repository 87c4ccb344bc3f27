"""The README's steps for a new commune and for a province, run as written on a «fresh machine».

Each project gets a FRESH virtualenv (``python3 -m venv``) and installs only its own
``requirements.txt``, with no PYTHONPATH and no other virtualenv in sight: what a clerk or CI
would do. The README's command lines are taken from the README itself; ``.venv/bin/python`` of
the first step (the machine where cchc-site already runs) is this test's interpreter.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow
README = (ROOT / "README.md").read_text(encoding="utf-8")


def bash_blocks(text: str, after: str = "") -> list[str]:
    """The ``bash`` blocks of ``text`` after the heading ``after``, unindented."""
    start = text.index(after) if after else 0
    return [
        "\n".join(line.strip() for line in block.splitlines())
        for block in re.findall(r"```bash\n(.*?)```", text[start:], re.S)
    ]


def clean_env() -> dict[str, str]:
    """A fresh machine's environment: no PYTHONPATH, no active virtualenv, no .venv on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if ".venv" not in p)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def sh(script: str, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=timeout,
    )
    assert done.returncode == 0, f"{script}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    assert "Traceback" not in done.stderr
    return done


def machine_with_cchc_site(tmp_path: Path) -> Path:
    """A folder where ``.venv/bin/python`` runs the cchc-site under test (the README's first step)."""
    work = tmp_path / "may-cu"
    (work / ".venv" / "bin").mkdir(parents=True)
    shim = work / ".venv" / "bin" / "python"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return work


def installed_from(project: Path) -> str:
    """Where the project's own virtualenv imports cchc_site from."""
    return sh('.venv/bin/python -c "import cchc_site; print(cchc_site.__file__)"', project).stdout.strip()


def test_new_commune_from_the_readme_installs_and_builds_in_a_fresh_virtualenv(tmp_path: Path) -> None:
    work = machine_with_cchc_site(tmp_path)
    create = next(
        line for line in bash_blocks(README, "## Dùng cho xã khác")[0].splitlines() if "../tan-viet" in line
    )
    sh(create, work)
    project = tmp_path / "tan-viet"
    install_and_build = bash_blocks(README, "## Hai lệnh trên máy mới")[0]
    assert (
        "pip install -q -r requirements.txt" in install_and_build
        and "mkdocs build --strict" in install_and_build
    )
    sh(install_and_build, project)
    assert installed_from(project).startswith(str(project / ".venv"))  # not this repository's package
    assert "Tân Việt" in (project / "site" / "index.html").read_text(encoding="utf-8")
    checked = sh(".venv/bin/python -m cchc_site check", project)
    assert "Dữ liệu hợp lệ" in checked.stdout


def test_province_from_the_readme_installs_builds_and_makes_the_overview(tmp_path: Path) -> None:
    work = machine_with_cchc_site(tmp_path)
    steps = bash_blocks(README, "## Cả tỉnh trong một kho")[0]
    assert "init-tinh ../cchc-hung-yen" in steps and "init xa/tan-viet" in steps
    sh(steps, work)  # create the province, install it fresh, add a commune with its own venv
    root = tmp_path / "cchc-hung-yen"
    assert installed_from(root).startswith(str(root / ".venv"))
    sh('.venv/bin/python -m cchc_site init xa/dong-ket --xa "Đông Kết" --tinh "Hưng Yên"', root)
    # the province's own README, as its keeper reads it: check, build, overview
    for block in bash_blocks((root / "README.md").read_text(encoding="utf-8"))[2:]:
        sh(block, root)
    sh(  # every commune, as each CI job does
        'for d in xa/*/; do NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict -q -f "$d/mkdocs.yml"; done',
        root,
    )
    for slug, name in (("tan-viet", "Tân Việt"), ("dong-ket", "Đông Kết")):
        assert f"UBND xã {name}" in (root / "xa" / slug / "site" / "index.html").read_text(encoding="utf-8")
    overview = (root / "public" / "index.html").read_text(encoding="utf-8")
    assert "Tân Việt" in overview and "Đông Kết" in overview
    matrix = sh(".venv/bin/python -m cchc_site ma-tran xa/", root).stdout
    assert '"thu_muc":"xa/dong-ket"' in matrix and '"thu_muc":"xa/tan-viet"' in matrix


def test_vendored_wheel_holds_what_pip_builds_from_the_source_tree(tmp_path: Path) -> None:
    """The wheel ``init`` packs and the one pip builds from pyproject.toml (what a git address
    installs) hold the same files: package-data misses nothing the running package has."""
    from cchc_site.scaffold.wheel import build_wheel

    ours = build_wheel(tmp_path / "ours")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "pip"), str(ROOT)],
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    pip_wheel = next((tmp_path / "pip").glob("cchc_site-*.whl"))

    def package_files(wheel: Path) -> set[str]:
        with zipfile.ZipFile(wheel) as archive:
            return {n for n in archive.namelist() if n.startswith("cchc_site/")}

    assert package_files(ours) == package_files(pip_wheel)
    assert ours.name == pip_wheel.name
