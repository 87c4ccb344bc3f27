"""A province in one repository: each commune built on its own, the CI matrix, the overview."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "tinh"
README = (ROOT / "README.md").read_text(encoding="utf-8")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(args: list[str], cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_site", *args], cwd=cwd, capture_output=True, text=True, env=ENV
    )


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """The fixture as a province repository: the project's hooks and package at its root."""
    root = tmp_path_factory.mktemp("tinh") / "tinh"
    shutil.copytree(FIXTURE, root)
    shutil.copy(ROOT / "hooks.py", root / "hooks.py")
    (root / "cchc_site").symlink_to(ROOT / "cchc_site")
    return root


def test_each_commune_builds_on_its_own_and_the_broken_one_fails(province):
    results = {
        slug: subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=province / "xa" / slug,
            capture_output=True,
            text=True,
            env=ENV,
        )
        for slug in ("phuong-ky", "dai-son", "tan-an")
    }
    for slug in ("phuong-ky", "dai-son"):
        assert results[slug].returncode == 0, results[slug].stderr
        site = province / "xa" / slug / "site"
        title = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").title.text
        assert {"phuong-ky": "Phượng Kỳ", "dai-son": "Đại Sơn"}[slug] in title
        assert (site / "du-lieu" / "datapackage.json").exists()  # the inherited hooks ran in the child
    assert results["tan-an"].returncode != 0 and "thu-tuc.yaml:35" in results["tan-an"].stderr
    assert not (province / "xa" / "tan-an" / "site").exists()


def test_matrix_lists_every_commune_folder(province):
    done = run(["ma-tran", "xa/"], province)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["include"]
    assert rows == [{"xa": s, "thu_muc": f"xa/{s}"} for s in ("dai-son", "phuong-ky", "tan-an")]
    gitlab = yaml.safe_load(run(["ma-tran", "xa/", "--gitlab"], province).stdout)
    assert gitlab == {"parallel": {"matrix": [{"XA": ["dai-son", "phuong-ky", "tan-an"]}]}}
    refused = run(["ma-tran", "mkdocs.base.yml"], province)
    assert refused.returncode == 1 and "không phải thư mục của một xã" in refused.stderr


@pytest.fixture(scope="module")
def overview(province):
    done = run(["tong-hop", "xa/", "--out", "public", "--ngay", "2026-12-02"], province)
    assert done.returncode == 0, done.stderr
    return province / "public", done


def test_overview_shows_latest_figures_lateness_and_the_broken_commune(overview):
    out, done = overview
    assert "tan-an: dữ liệu có 1 lỗi" in done.stderr and "Traceback" not in done.stderr
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    dai_son = soup.find(id="xa-dai-son").get_text(" ", strip=True)
    assert "Quý 3/2026" in dai_son and "97,5%" in dai_son and "163" in dai_son and "đã đăng" in dai_son
    phuong_ky = soup.find(id="xa-phuong-ky").get_text(" ", strip=True)
    assert "Quý 3/2022" in phuong_ky and "100%" in phuong_ky and "chậm" in phuong_ky
    broken = soup.find(id="xa-tan-an")
    assert (
        "loi" in broken["class"]
        and "thu-tuc.yaml:35" in broken.get_text()
        and "dấu nháy" in broken.get_text()
    )
    links = {a["href"] for a in soup.find_all("a")}
    assert {"phuong-ky/", "dai-son/", "dai-son/bao-cao/2026-q3/", "du-lieu/cac-xa.csv"} <= links
    assert not any(h.startswith(("http:", "https:", "//")) for h in links)
    assert not soup.find_all(src=True) and not soup.find_all(
        "link"
    )  # no third-party request, no asset at all


def test_overview_open_data_is_described_by_its_datapackage(overview):
    out, _ = overview
    rows = {
        r["xa"]: r
        for r in csv.DictReader(io.StringIO((out / "du-lieu" / "cac-xa.csv").read_text(encoding="utf-8-sig")))
    }
    assert rows["dai-son"]["cham"] == "false" and rows["phuong-ky"]["cham"] == "true"
    assert rows["phuong-ky"]["ky_phai_co"] == "2026-q3" and rows["phuong-ky"]["dung_han"] == "1"
    assert rows["tan-an"]["trang_thai"] == "loi" and "thu-tuc.yaml:35" in rows["tan-an"]["loi_dau_tien"]
    periods = list(
        csv.DictReader(io.StringIO((out / "du-lieu" / "ky-bao-cao.csv").read_text(encoding="utf-8-sig")))
    )
    assert [p["ky"] for p in periods if p["xa"] == "dai-son"] == ["2025-q4", "2026-q1", "2026-q2", "2026-q3"]
    package = json.loads((out / "du-lieu" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        data = (out / "du-lieu" / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        if resource["format"] == "csv":
            header = data.decode("utf-8-sig").splitlines()[0].split(",")
            assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_overview_refuses_folders_that_are_not_communes(province, tmp_path):
    done = run(["tong-hop", str(tmp_path), "--out", str(tmp_path / "out")], province)
    assert (
        done.returncode == 1
        and "không phải thư mục của một xã" in done.stderr
        and "Traceback" not in done.stderr
    )
    assert not (tmp_path / "out").exists()
    only_broken = run(["tong-hop", "xa/tan-an", "--out", str(tmp_path / "broken")], province)
    assert only_broken.returncode == 1 and (tmp_path / "broken" / "index.html").exists()


def _block(after: str, language: str = "yaml") -> str:
    import re

    start = README.index(after)
    match = re.search(rf"```{language}\n(.*?)```", README[start:], re.S)
    assert match, after
    return "\n".join(line[2:] if line.startswith("  ") else line for line in match.group(1).splitlines())


PROVINCE_SKELETON = ROOT / "cchc_site" / "mau" / "tinh"


def github_workflow() -> dict:
    return yaml.safe_load((PROVINCE_SKELETON / "github-workflow.yml").read_text(encoding="utf-8"))


def gitlab_config() -> dict:
    return yaml.safe_load((PROVINCE_SKELETON / "gitlab-ci.yml").read_text(encoding="utf-8"))


def test_readme_shows_the_province_ci_files_init_tinh_writes():
    for after, name in (
        ("**GitHub Actions cho cả tỉnh**", "github-workflow.yml"),
        ("**GitLab CI cho cả tỉnh**", "gitlab-ci.yml"),
    ):
        assert _block(after).rstrip() == (PROVINCE_SKELETON / name).read_text(encoding="utf-8").rstrip(), name


def test_province_github_workflow_builds_one_job_per_commune_found_at_run_time():
    workflow = github_workflow()
    jobs = workflow["jobs"]
    assert set(jobs) == {"ma-tran", "xa", "tong-hop", "deploy"}
    assert "cchc_site ma-tran xa/" in json.dumps(jobs["ma-tran"]) and jobs["ma-tran"]["outputs"]["xa"]
    strategy = jobs["xa"]["strategy"]
    assert strategy["fail-fast"] is False and "fromJSON(needs.ma-tran.outputs.xa)" in strategy["matrix"]
    assert jobs["xa"]["env"]["THU_MUC"] == "${{ matrix.thu_muc }}"  # never spliced into a command
    runs = " ".join(s.get("run", "") for s in jobs["xa"]["steps"])
    assert "${{" not in runs
    assert (
        '-m cchc_site check "$THU_MUC/content"' in runs
        and 'mkdocs build --strict -f "$THU_MUC/mkdocs.yml"' in runs
    )
    overview = " ".join(s.get("run", "") for s in jobs["tong-hop"]["steps"])
    assert (
        "-m cchc_site tong-hop xa/ --out public" in overview
        and jobs["tong-hop"]["if"] == "${{ !cancelled() }}"
    )
    assert jobs["tong-hop"]["needs"] == ["ma-tran", "xa"] and jobs["deploy"]["needs"] == "tong-hop"
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key «on» as True


def checkouts(workflow: dict) -> list[dict]:
    return [
        s
        for job in workflow["jobs"].values()
        for s in job.get("steps", [])
        if "actions/checkout" in s.get("uses", "")
    ]


def test_every_generated_github_workflow_checks_out_the_whole_history():
    commune = yaml.safe_load(
        (ROOT / "cchc_site" / "mau" / "du-an" / "github-workflow.yml").read_text("utf-8")
    )
    for workflow in (github_workflow(), commune):
        steps = checkouts(workflow)
        assert steps and all(s.get("with", {}).get("fetch-depth") == 0 for s in steps), steps


def test_province_gitlab_ci_builds_every_commune_found_at_run_time():
    config = gitlab_config()
    assert config["variables"]["GIT_DEPTH"] == "0"  # the whole history, as on GitHub
    script = "\n".join(config["xa"]["script"])
    assert "-m cchc_site ma-tran xa/ --thu-muc > cac-xa.txt" in script and "done < cac-xa.txt" in script
    assert (
        '-m cchc_site check "$thu_muc/content"' in script
        and 'mkdocs build --strict -f "$thu_muc/mkdocs.yml"' in script
    )
    assert "-m cchc_site tong-hop xa/ --out public" in script
    assert config["pages"]["needs"] == ["xa"] and config["pages"]["artifacts"]["paths"] == ["public"]
    assert config["xa-loi"]["needs"] == ["xa"] and "exit 1" in "\n".join(config["xa-loi"]["script"])
    assert [config[job]["stage"] for job in ("xa", "pages", "xa-loi")] == config["stages"]


def test_gitlab_loop_keeps_building_after_a_broken_commune(province, tmp_path):
    """The shell loop of .gitlab-ci.yml, run for real on the fixture (a stub for mkdocs)."""
    script = gitlab_config()["xa"]["script"][2]
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    (bin_dir / "python").chmod(0o755)
    (bin_dir / "mkdocs").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    (bin_dir / "mkdocs").chmod(0o755)
    (tmp_path / "cac-xa.txt").write_text(
        "".join(f"{province}/xa/{s}\n" for s in ("dai-son", "tan-an", "phuong-ky"))
    )
    done = subprocess.run(
        ["bash", "-ec", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**ENV, "CI_PROJECT_DIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "xa-loi.txt").read_text() == "tan-an\n"
    assert done.stdout.count("== ") == 3


# --- one commune listed twice, and the place of the overview ---------------------------------


@pytest.fixture
def two(tmp_path):
    """Two valid communes of the fixture in a fresh ``xa/`` (the tests add the duplicate)."""
    for slug in ("dai-son", "phuong-ky"):
        shutil.copytree(FIXTURE / "xa" / slug / "content", tmp_path / "xa" / slug / "content")
    return tmp_path


def refused_twice(root, args, *needles):
    for command in (["tong-hop", *args, "--out", "public"], ["ma-tran", *args]):
        done = run(command, root)
        assert done.returncode == 1, (command, done.stdout)
        assert "Traceback" not in done.stderr and done.stdout == ""
        for needle in needles:
            assert needle in done.stderr, (needle, done.stderr)
    assert not (root / "public").exists()


def test_same_folder_name_in_two_places_is_refused_naming_both(two):
    shutil.copytree(two / "xa" / "dai-son", two / "khac" / "dai-son")
    refused_twice(two, ["xa/", "khac/"], "cùng tên thư mục «dai-son»", "«xa/dai-son»", "«khac/dai-son»")


def test_two_folders_of_the_same_commune_are_refused_naming_both(two):
    shutil.copytree(two / "xa" / "dai-son", two / "khac" / "dai-son-cu")
    done = run(["tong-hop", "xa/", "khac/", "--out", "public"], two)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Hai thư mục cùng là xã Đại Sơn" in done.stderr
    assert "«xa/dai-son»" in done.stderr and "«khac/dai-son-cu»" in done.stderr
    assert not (two / "public").exists()


def test_a_linked_commune_folder_is_refused(two):
    (two / "khac").mkdir()
    (two / "khac" / "lien-ket").symlink_to(two / "xa" / "phuong-ky", target_is_directory=True)
    refused_twice(
        two, ["xa/", "khac/"], "«khac/lien-ket» là liên kết (symlink) tới thư mục xã «xa/phuong-ky»"
    )


def test_the_same_folder_named_twice_is_refused(two):
    refused_twice(two, ["xa/", "xa/dai-son"], "«xa/dai-son» được ghi hai lần")


def test_duplicate_folders_lists_each_pair_once(tmp_path):
    from cchc_site.province.duplicates import duplicate_folders

    for place in ("a/x", "b/x", "c/y"):
        (tmp_path / place).mkdir(parents=True)
    (tmp_path / "d").symlink_to(tmp_path / "c", target_is_directory=True)
    found = duplicate_folders([tmp_path / p for p in ("a/x", "b/x", "c/y", "d/y")])
    assert len(found) == 2
    assert "cùng tên thư mục «x»" in found[0] and "liên kết (symlink)" in found[1]
    assert duplicate_folders([tmp_path / "a/x", tmp_path / "c/y"]) == []


def test_out_onto_an_existing_file_is_refused_and_keeps_it(two):
    (two / "public").write_text("tệp của người dùng", encoding="utf-8")
    done = run(["tong-hop", "xa/", "--out", "public"], two)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "«public» là một tệp, không phải thư mục" in done.stderr and "Chưa ghi" in done.stderr
    assert (two / "public").read_text(encoding="utf-8") == "tệp của người dùng"


@pytest.mark.parametrize("blocking", ["index.html", "du-lieu"])
def test_a_folder_or_file_where_the_overview_writes_is_refused(two, blocking):
    (two / "public").mkdir()
    if blocking == "index.html":
        (two / "public" / "index.html").mkdir()
    else:
        (two / "public" / "du-lieu").write_text("x", encoding="utf-8")
    done = run(["tong-hop", "xa/", "--out", "public"], two)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"«public/{blocking}» là một" in done.stderr
    assert sorted(p.name for p in (two / "public").iterdir()) == [blocking]


def test_out_that_cannot_be_created_is_a_message(two):
    (two / "tep").write_text("x", encoding="utf-8")
    done = run(["tong-hop", "xa/", "--out", "tep/public"], two)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Không ghi được trang tổng hợp vào" in done.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_read_only_out_is_a_message(two):
    (two / "public").mkdir()
    (two / "public").chmod(0o555)
    try:
        done = run(["tong-hop", "xa/", "--out", "public"], two)
    finally:
        (two / "public").chmod(0o755)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Không ghi được trang tổng hợp vào" in done.stderr


def test_out_inside_a_commune_is_refused(two):
    done = run(["tong-hop", "xa/", "--out", "xa/dai-son/public"], two)
    assert done.returncode == 1 and "nằm trong thư mục của xã «xa/dai-son»" in done.stderr
    assert not (two / "xa" / "dai-son" / "public").exists()


def test_a_second_run_replaces_the_overview_and_keeps_the_communes_sites(two):
    first = run(["tong-hop", "xa/", "--out", "public", "--ngay", "2026-12-02"], two)
    assert first.returncode == 0, first.stderr
    (two / "public" / "dai-son").mkdir()  # a commune's site, as CI downloads it there
    (two / "public" / "dai-son" / "index.html").write_text("trang xã", encoding="utf-8")
    (two / "public" / "index.html").write_text("cũ", encoding="utf-8")
    again = run(["tong-hop", "xa/", "--out", "public", "--ngay", "2026-12-02"], two)
    assert again.returncode == 0, again.stderr
    assert "Đại Sơn" in (two / "public" / "index.html").read_text(encoding="utf-8")
    assert (two / "public" / "dai-son" / "index.html").read_text(encoding="utf-8") == "trang xã"
    assert not list((two / "public").rglob(".*.tmp"))


def test_matrix_lists_folders_one_a_line_for_a_shell_loop(province):
    done = run(["ma-tran", "xa/", "--thu-muc"], province)
    assert done.returncode == 0 and done.stdout.splitlines() == ["xa/dai-son", "xa/phuong-ky", "xa/tan-an"]
