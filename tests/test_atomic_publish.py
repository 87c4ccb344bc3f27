"""Publishing is atomic: killed, interrupted, out of disk or racing, the last good site stays whole.

Real builds in subprocesses, killed with real signals at the moments that used to lose the site
(while data is read, while the new site is written, at random moments); two builds racing into
one folder; a real full disk and a read-only mount (tmpfs; skipped where mounting is not allowed);
a ``site`` that is a link, a file or the git folder. Every check is byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, Project, make_project, tmpfs

pytestmark = pytest.mark.slow

STAGING = ".site.dang-xay-"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def digest(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((STAGING, ".site.cu-")))


def start(project: Project, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=project.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )


def staged_files(folder: Path) -> int:
    return sum(sum(1 for p in stage.rglob("*") if p.is_file()) for stage in folder.glob(f"{STAGING}*"))


@pytest.fixture
def two_sites(tmp_path: Path) -> tuple[Project, dict[str, str], dict[str, str]]:
    """A project whose site holds the published data (old), and the digest its edited data builds (new)."""
    project = make_project(tmp_path / "xa")
    assert project.build().returncode == 0
    page = project.content / "trang" / "lien-he.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nGiờ tiếp dân được ghi rõ ở bộ phận một cửa.\n", encoding="utf-8"
    )
    probe = make_project(tmp_path / "probe", content=project.content)
    assert probe.build().returncode == 0
    new = digest(probe.site)
    old = digest(project.site)
    assert old != new
    return project, old, new


def test_a_build_swaps_a_complete_site_and_leaves_nothing_behind(two_sites):
    project, _old, new = two_sites
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert digest(project.site) == new
    assert leftovers(project.root) == []
    assert "Building documentation to directory" in result.stderr and "dang-xay" in result.stderr


@pytest.mark.parametrize("moment", ["reading data", "first files written", "most files written"])
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=lambda sig: sig.name)
def test_a_killed_build_keeps_the_previous_site_byte_for_byte(two_sites, moment, sig):
    project, old, new = two_sites
    shutil.rmtree(project.root / ".cache", ignore_errors=True)  # a full build: time to catch each moment
    build = start(project)
    wanted = {"reading data": 0, "first files written": 1, "most files written": 120}[moment]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and build.poll() is None:
        if moment == "reading data" or staged_files(project.root) >= wanted:
            break
        time.sleep(0.01)
    if moment == "reading data":
        time.sleep(0.3)
    assert build.poll() is None, "the build ended before the moment to kill it"
    build.send_signal(sig)
    _, stderr = build.communicate(timeout=60)
    assert digest(project.site) == old
    assert "Traceback" not in stderr
    if sig == signal.SIGINT and moment != "reading data":  # Ctrl-C: what it wrote is removed at once
        assert leftovers(project.root) == []
        assert "Xây dựng bị ngắt giữa chừng: trang đã đăng «site» giữ nguyên" in stderr
    result = project.build()  # the next build removes what a killed one left and publishes
    assert result.returncode == 0, result.stderr
    assert digest(project.site) == new
    assert leftovers(project.root) == []


def test_killed_at_any_moment_the_site_is_the_old_one_or_the_new_one_never_a_mix(two_sites):
    project, old, new = two_sites
    page = project.content / "trang" / "lien-he.md"
    versions = {"new": page.read_text(encoding="utf-8")}
    versions["old"] = versions["new"].replace("\nGiờ tiếp dân được ghi rõ ở bộ phận một cửa.\n", "")
    started = time.monotonic()
    assert project.build().returncode == 0
    duration = time.monotonic() - started
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.85, 0.95, 1.0, 1.1):
        published = "new" if digest(project.site) == new else "old"
        page.write_text(versions["old" if published == "new" else "new"], encoding="utf-8")
        build = start(project)
        time.sleep(duration * fraction)
        build.send_signal(signal.SIGKILL)
        build.communicate(timeout=60)
        assert digest(project.site) in (old, new)


def test_two_builds_into_one_folder_never_mix(tmp_path: Path):
    first = make_project(tmp_path / "a")
    second = make_project(tmp_path / "b")
    page = second.content / "trang" / "lien-he.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nBản thứ hai.\n", encoding="utf-8")
    shared = tmp_path / "www" / "site"
    digests = {}
    for name, project in (("a", first), ("b", second)):
        assert project.build("-d", str(shared)).returncode == 0
        digests[name] = digest(shared)
    assert digests["a"] != digests["b"]
    for _ in range(3):
        builds = [start(project, "-d", str(shared)) for project in (first, second)]
        results = [(build.wait(timeout=300), build.stderr.read() if build.stderr else "") for build in builds]
        for code, stderr in results:
            assert "Traceback" not in stderr
            assert code == 0 or "một lần xây dựng khác đang ghi vào thư mục trang" in stderr
        assert any(code == 0 for code, _ in results)
        assert digest(shared) in (digests["a"], digests["b"])
        assert leftovers(shared.parent) == []


def test_a_full_disk_keeps_the_previous_site_and_says_so(two_sites, tmp_path: Path):
    project, old, _new = two_sites
    size = sum((project.site / name).stat().st_size for name in digest(project.site))
    with tmpfs(tmp_path / "disk", f"{int(size * 1.6) // 1024}k") as disk:
        site = disk / "site"
        shutil.copytree(project.site, site)
        result = project.build("-d", str(site))
        assert result.returncode == 1
        assert "ổ đĩa đã đầy" in result.stderr and "Trang đã đăng trước đó vẫn giữ nguyên" in result.stderr
        assert "Traceback" not in result.stderr
        assert digest(site) == old
        assert leftovers(disk) == []


def test_a_read_only_disk_is_refused_with_a_message(two_sites, tmp_path: Path):
    project, old, _ = two_sites
    with tmpfs(tmp_path / "ro", "1m", "ro") as disk:
        result = project.build("-d", str(disk / "site"))
        assert result.returncode == 1
        assert "ổ đĩa chỉ cho đọc" in result.stderr and "Traceback" not in result.stderr
    assert digest(project.site) == old


def content_files(project: Project) -> dict[str, str]:
    return digest(project.content)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("content", "là một liên kết"),
        ("outside", "là một liên kết"),
        ("file", "là một tệp, không phải thư mục"),
    ],
)
def test_a_site_that_is_a_link_or_a_file_is_refused_before_anything_is_removed(tmp_path, target, message):
    project = make_project(tmp_path / "xa")
    before = content_files(project)
    outside = tmp_path / "www"
    outside.mkdir()
    (outside / "giu-nguyen.html").write_text("<p>trang khác</p>", encoding="utf-8")
    if target == "content":
        project.site.symlink_to("content")
    elif target == "outside":
        project.site.symlink_to(outside)
    else:
        project.site.write_text("không phải thư mục", encoding="utf-8")
    result = project.build()
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert content_files(project) == before
    assert (outside / "giu-nguyen.html").read_text(encoding="utf-8") == "<p>trang khác</p>"
    assert project.site.is_symlink() or project.site.is_file()


def test_a_site_folder_over_the_project_or_git_is_refused(tmp_path):
    project = make_project(tmp_path / "xa")
    subprocess.run(["git", "init", "-q", str(project.root)], check=True)
    before = content_files(project)
    result = project.build("-d", str(project.root / ".git"))
    assert result.returncode == 1 and "kho git" in result.stderr
    assert (project.root / ".git" / "HEAD").exists()
    result = project.build("-d", str(project.content / "bao-cao"))
    assert result.returncode == 1 and "thư mục dữ liệu" in result.stderr
    assert content_files(project) == before


def test_a_deleted_pages_folder_is_named_in_vietnamese(tmp_path):
    project = make_project(tmp_path / "xa")
    shutil.rmtree(project.content / "trang")
    result = project.build()
    assert result.returncode == 1
    assert "trường «docs_dir»: không có thư mục «content/trang»" in result.stderr
    assert "isn't an existing directory" not in result.stderr


def test_a_project_with_the_hooks_file_of_an_older_version_still_publishes_atomically(tmp_path):
    project = make_project(tmp_path / "xa")
    (project.root / "hooks.py").write_text(
        "from cchc_site.mkdocs_hooks import on_config, on_files, on_page_markdown, on_startup\n",
        encoding="utf-8",
    )
    assert project.build().returncode == 0
    assert (project.site / "index.html").exists()
    assert leftovers(project.root) == []


def test_a_site_left_aside_by_a_killed_swap_is_put_back_first(tmp_path):
    project = make_project(tmp_path / "xa")
    assert project.build().returncode == 0
    old = digest(project.site)
    project.site.rename(project.root / ".site.cu-999999")
    (project.root / ".site.dang-xay-999999").mkdir()
    assert project.build().returncode == 0
    assert digest(project.site) == old  # the same data, published whole again
    assert leftovers(project.root) == []


def test_the_repository_hooks_file_and_the_scaffold_export_the_same_events():
    template = (ROOT / "cchc_site" / "mau" / "du-an" / "hooks.py.mau").read_text(encoding="utf-8")
    assert (ROOT / "hooks.py").read_text(encoding="utf-8") == template
    for event in ("on_post_build", "on_build_error", "on_shutdown"):
        assert event in template
