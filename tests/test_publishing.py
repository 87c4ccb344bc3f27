"""Publishing: the CI workflow, the GitLab and nginx samples in the README say and do the right things."""

from __future__ import annotations

import re

import yaml

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def block(language: str, after: str) -> str:
    """The first fenced block of ``language`` after the heading or text ``after``."""
    start = README.index(after)
    match = re.search(rf"```{language}\n(.*?)```", README[start:], re.S)
    assert match, f"no {language} block after {after!r}"
    return "\n".join(line[2:] if line.startswith("  ") else line for line in match.group(1).splitlines())


def test_github_workflow_checks_builds_strict_and_publishes_site():
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    commands = [step.get("run", "") for step in steps]
    assert any("pip install -q -r requirements.txt" in c for c in commands)
    check = next(i for i, c in enumerate(commands) if "-m cchc_site check" in c)
    build = next(i for i, c in enumerate(commands) if "mkdocs build --strict" in c)
    upload = next(
        i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-pages-artifact")
    )
    assert check < build < upload and steps[upload]["with"]["path"] == "site"
    assert any(s.get("with", {}).get("python-version") == "3.11" for s in steps)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "pull_request" in deploy["if"]


def test_gitlab_sample_runs_the_same_steps():
    pages = yaml.safe_load(block("yaml", "**GitLab CI**"))["pages"]
    script = "\n".join(pages["script"])
    assert "-m cchc_site check" in script and "mkdocs build --strict --site-dir public" in script
    assert pages["artifacts"]["paths"] == ["public"] and pages["image"] == "python:3.11"


def test_readme_commands_are_the_ones_ci_runs():
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert (
        "python3 -m venv .venv && .venv/bin/pip install -q -r requirements.txt && .venv/bin/mkdocs build --strict"
        in README
    )
    assert ".venv/bin/pip install -q -r tests/requirements.txt && .venv/bin/python -m pytest -q" in README
    assert "README" in ci


def test_pages_load_only_the_sites_own_scripts(built):
    """The theme's bundle and search worker are neither loaded nor published (1.5 MB nobody gets)."""
    site = built.site
    assert not (site / "assets" / "javascripts").exists()
    assert not list((site / "assets" / "stylesheets").glob("*.map"))
    assert list((site / "assets" / "stylesheets").glob("main.*.min.css"))  # the theme's styles stay
    for page in (
        site / "index.html",
        site / "thu-tuc" / "index.html",
        site / "bao-cao" / "2022-q3" / "index.html",
    ):
        html = page.read_text(encoding="utf-8")
        sources = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
        assert sources and all("assets/cchc/" in src for src in sources), sources
        assert "search_index.json" not in html and "workers/search" not in html
