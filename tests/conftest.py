"""Shared fixtures: copies of the real content, and real MkDocs builds in temp folders."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (CI must not pass or fail by luck);
# HYPOTHESIS_PROFILE=dev explores new random examples while developing.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
HISTORY = ROOT / "tests" / "fixtures" / "lich-su" / "content"  # synthetic: 9 quarters, never in content/
KINDS = ROOT / "tests" / "fixtures" / "ky" / "content"  # synthetic: every kind of period and indicator family
REPORT = "bao-cao/2022-q3.yaml"


@dataclass
class Project:
    """A throwaway copy of the project (mkdocs.yml, hooks.py, content/) to build or break."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def replace(self, relative: str, old: str, new: str, count: int = 1) -> None:
        """Edit one content file in place; the old text must be there (keeps tests honest)."""
        path = self.content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def line_of(self, relative: str, needle: str) -> int:
        lines = (self.content / relative).read_text(encoding="utf-8").splitlines()
        return next(i for i, line in enumerate(lines, 1) if needle in line)

    def relock(self) -> None:
        """Publish the content as it is now: a fresh lock, as if edited before publication."""
        (self.content / "khoa-so-lieu.json").unlink(missing_ok=True)
        result = subprocess.run(
            [sys.executable, "-m", "cchc_site", "khoa", "--content", str(self.content)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr

    def build(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )

    def site_digest(self) -> dict[str, str]:
        return {
            str(p.relative_to(self.site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.site.rglob("*"))
            if p.is_file()
        }


@contextmanager
def tmpfs(folder: Path, size: str, *options: str) -> Iterator[Path]:
    """A real small file system mounted at ``folder`` for a test (full disk, read-only mount);
    the test is skipped with the reason where mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join([f"size={size}", *options]), "tmpfs", str(folder)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.decode(errors='replace').strip()})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


BROWSER_FIXTURES = {"browser", "page", "phone"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that drives the browser belongs to the full tier (``-m "not slow"`` leaves it out),
    whether it names the browser's fixtures or takes one by a parameter (``device``)."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        params = getattr(getattr(item, "callspec", None), "params", {})
        if names & BROWSER_FIXTURES or set(map(str, params.values())) & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.slow)


TODAY = date(2026, 11, 28)  # the day the tests pretend it is: after every fixture's publication


def data_errors(project: Project, today: date = TODAY) -> list:
    """The problems ``load_site`` raises for the project's content (it must raise)."""
    from cchc_site.core.errors import DataError
    from cchc_site.validate import load_site

    with pytest.raises(DataError) as caught:
        load_site(project.content, "content", today=today)
    return caught.value.problems


def find_problem(problems: list, fragment: str):
    """The first problem whose message holds ``fragment``; on failure, every problem is shown."""
    found = [p for p in problems if fragment in p.message]
    assert found, "\n".join(p.format() for p in problems)
    return found[0]


def make_project(target: Path, content: Path = CONTENT) -> Project:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy(ROOT / "hooks.py", target / "hooks.py")
    shutil.copytree(content, target / "content")
    if not (target / "content" / "trang").exists():  # the static pages are the real ones
        shutil.copytree(CONTENT / "trang", target / "content" / "trang")
    (target / "cchc_site").symlink_to(ROOT / "cchc_site")  # theme assets (custom_dir)
    return Project(target)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The real content, built once for the whole test session."""
    built_project = make_project(tmp_path_factory.mktemp("built") / "project")
    result = built_project.build()
    assert result.returncode == 0, result.stderr
    return built_project


@pytest.fixture
def history_project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "history", HISTORY)


@pytest.fixture
def kinds_project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "ky", KINDS)


@pytest.fixture(scope="session")
def kinds_built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The synthetic fixture with every kind of report, built once for the whole test session."""
    built_project = make_project(tmp_path_factory.mktemp("ky") / "project", KINDS)
    result = built_project.build()
    assert result.returncode == 0, result.stderr
    return built_project


@pytest.fixture(scope="session")
def history_built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The synthetic multi-quarter fixture, built once for the whole test session."""
    built_project = make_project(tmp_path_factory.mktemp("history") / "project", HISTORY)
    result = built_project.build()
    assert result.returncode == 0, result.stderr
    return built_project


# -- real browser on the real server ------------------------------------------------------------
# Playwright drives Debian's Chromium (never a downloaded browser); pages are served by Debian's
# nginx with the README's configuration (compression, caching and security headers included).

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def base_url(built):
    from benchmarks.web_server import nginx

    with nginx(built.site) as url:
        yield url


@pytest.fixture(scope="session")
def history_url(history_built):
    from benchmarks.web_server import nginx

    with nginx(history_built.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    from benchmarks.page_weight import CHROMIUM, CHROMIUM_ARGS

    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def guarded_context(browser, base_url, **options):
    """A browser context, and the list of its requests to another origin (each one is aborted)."""
    from urllib.parse import urlparse

    context = browser.new_context(**options)
    foreign: list[str] = []
    origin = urlparse(base_url).netloc

    def guard(route):
        url = urlparse(route.request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != origin:
            foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    return context, foreign


@pytest.fixture
def page(browser, base_url):
    """A desktop-sized page; the test fails if anything was requested from another origin."""
    context, foreign = guarded_context(browser, base_url, viewport=DESKTOP)
    yield context.new_page()
    context.close()
    assert not foreign, f"requests to other origins: {foreign}"


@pytest.fixture
def phone(browser, base_url):
    """A phone-sized page (390 × 844, touch); fails on any request to another origin."""
    context, foreign = guarded_context(
        browser, base_url, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    yield context.new_page()
    context.close()
    assert not foreign, f"requests to other origins: {foreign}"


def wait_until(page, script: str, arg=None, timeout: float = 10.0) -> None:
    """Poll ``script`` (an expression or a function of ``arg``) from Python until it is truthy.

    Playwright's wait_for_function compiles its predicate inside the page, which the README's
    Content-Security-Policy (no 'unsafe-eval') forbids; page.evaluate is not subject to it.
    """
    import time

    deadline = time.monotonic() + timeout
    while not (page.evaluate(script, arg) if arg is not None else page.evaluate(script)):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:.0f} s: {script}")
        page.wait_for_timeout(50)
