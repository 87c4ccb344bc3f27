"""Publishing: the CI workflow, the GitLab and nginx samples in the README say and do the right things."""

from __future__ import annotations

import re
from pathlib import Path

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
    upload = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert check < build < upload and steps[upload]["with"]["path"] == "site"
    assert any(s.get("with", {}).get("python-version") == "3.11" for s in steps)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "pull_request" in deploy["if"]


def test_gitlab_sample_runs_the_same_steps():
    pages = yaml.safe_load(block("yaml", "**GitLab CI**"))["pages"]
    script = "\n".join(pages["script"])
    assert "-m cchc_site check" in script and "mkdocs build --strict --site-dir public" in script
    assert pages["artifacts"]["paths"] == ["public"] and pages["image"] == "python:3.11"


def test_nginx_sample_compresses_caches_hashed_assets_and_serves_404():
    config = block("nginx", "**Máy chủ của xã (nginx)**")
    assert config.count("{") == config.count("}")
    for directive in ("gzip on;", "error_page 404 /404.html;", "immutable", "text/csv; charset=utf-8",
                      "default-src 'self'", "try_files $uri $uri/ =404;"):
        assert directive in config, directive
    hashed = re.search(r'location ~\* "(.+)"', config).group(1).replace("\\\\", "\\")
    import material

    theme = Path(material.__file__).parent / "templates" / "assets"
    assets = [p.name for p in theme.glob("*/*.min.*")]
    assert assets and any(re.search(hashed, name) for name in assets)  # the theme's bundles do match
    assert not re.search(hashed, "cchc.css") and not re.search(hashed, "search_index.json")


def test_readme_commands_are_the_ones_ci_runs():
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "python3 -m venv .venv && .venv/bin/pip install -q -r requirements.txt && .venv/bin/mkdocs build --strict" in README
    assert ".venv/bin/pip install -q -r tests/requirements.txt && .venv/bin/python -m pytest -q" in README
    assert "README" in ci
