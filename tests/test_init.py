"""``python -m cchc_site init``: a new commune's project builds at once and names no other commune."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_site.scaffold.wheel import package_metadata, wheel_name

ROOT = Path(__file__).resolve().parent.parent
SKELETON = ROOT / "cchc_site" / "mau" / "du-an"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_site", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def build(project: Path) -> subprocess.CompletedProcess:  # the README's build command
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("xa-moi") / "tan-viet"
    made = cli("init", str(project), "--xa", "Tân Việt", "--tinh", "Hưng Yên")
    assert made.returncode == 0, made.stderr
    built = build(project)
    assert built.returncode == 0, built.stderr
    return project


def test_new_project_builds_with_no_report(new_site: Path) -> None:
    home = (new_site / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Trang chủ - UBND xã Tân Việt – Cải cách hành chính</title>" in home
    assert (
        'content="Báo cáo cải cách hành chính và danh mục thủ tục hành chính của Ủy ban nhân dân xã Tân Việt."'
        in home
    )
    assert "chưa có báo cáo" in home.lower()
    assert (
        "Địa chỉ, điện thoại và giờ làm việc của Bộ phận tiếp nhận và trả kết quả chưa được cập nhật" in home
    )
    reports = (new_site / "site" / "bao-cao" / "index.html").read_text(encoding="utf-8")
    assert "Chưa có báo cáo nào được đăng tải." in reports
    procedures = (new_site / "site" / "thu-tuc" / "index.html").read_text(encoding="utf-8")
    assert (
        "chưa có thủ tục hành chính nào được đưa lên trang" in procedures
        and "niêm yết <strong>0" not in procedures
    )
    assert (new_site / "site" / "assets" / "cchc" / "cchc.css").is_file()  # the package's theme
    assert "Ủy ban nhân dân xã Tân Việt" in (new_site / "site" / "lien-he" / "index.html").read_text("utf-8")


def test_new_site_names_no_other_commune(new_site: Path) -> None:
    found = [
        p.relative_to(new_site).as_posix()
        for p in (new_site / "site").rglob("*")
        if p.is_file() and "Phượng Kỳ" in p.read_text("utf-8", errors="replace")
    ]
    assert found == []
    project_files = [
        p
        for p in new_site.rglob("*")
        if p.is_file() and not {"site", ".cache", "vendor"} & set(p.relative_to(new_site).parts)
    ]
    assert [p for p in project_files if "Phượng Kỳ" in p.read_text("utf-8")] == []
    assert [p.name for p in (new_site / "vendor").iterdir()] == [wheel_name(package_metadata().version)]


def test_first_new_report_scaffolds_the_standard_outline(new_site: Path) -> None:
    made = cli("new-report", "2025-q3", cwd=new_site)
    assert made.returncode == 0, made.stderr
    assert "theo đề cương chuẩn" in made.stdout
    draft = (new_site / "content" / "bao-cao" / "2025-q3.yaml").read_text(encoding="utf-8")
    assert "phan:" in draft
    checked = cli("check", cwd=new_site)
    assert checked.returncode == 1  # the blanks to fill are listed, not a traceback
    assert "Traceback" not in checked.stderr and "văn bản không rỗng" in checked.stderr
    (new_site / "content" / "bao-cao" / "2025-q3.yaml").unlink()


def test_repository_uses_the_skeleton_configuration() -> None:
    """One mkdocs.yml and one hooks.py for every commune: the repository's are the skeleton's."""
    assert (ROOT / "mkdocs.yml").read_text("utf-8") == (SKELETON / "mkdocs.yml").read_text("utf-8")
    assert (ROOT / "hooks.py").read_text("utf-8") == (SKELETON / "hooks.py.mau").read_text("utf-8")
    assert "Phượng" not in (ROOT / "mkdocs.yml").read_text("utf-8")
    pins = [line for line in (ROOT / "requirements.txt").read_text("utf-8").splitlines() if line != "-e ."]
    assert pins == (SKELETON / "requirements.txt").read_text("utf-8").splitlines()


def test_static_page_template_matches_the_published_page() -> None:
    from cchc_site.scaffold.project import render_files

    files = render_files("Phượng Kỳ", "Hải Dương", "cchc-site")
    assert files["content/trang/lien-he.md"] == (ROOT / "content" / "trang" / "lien-he.md").read_text("utf-8")


def test_site_name_of_phuong_ky_is_unchanged() -> None:
    from cchc_site.output.identity import identity
    from cchc_site.validate import load_site

    site = load_site(ROOT / "content", "content")
    assert identity(site.xa) == (
        "UBND xã Phượng Kỳ – Cải cách hành chính",
        "Báo cáo cải cách hành chính và danh mục thủ tục hành chính của Ủy ban nhân dân xã Phượng Kỳ.",
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Tên xã trống"),
        ("   ", "Tên xã trống"),
        ("Quận 1", "không phải xã"),
        ("Huyện Tứ Kỳ", "không phải xã"),
        ("../Tân Việt", "ký tự không dùng"),
        ("Tân/Việt", "ký tự không dùng"),
        ("UBND xã Tân Việt", 'không kèm «UBND»: --xa "Tân Việt"'),
        ("xã Tân Việt", "không kèm «xã»"),
        ("123", "không có chữ"),
        ("Tân Việt" * 10, "dài quá"),
        ("<b>X</b>", "ký tự không dùng"),
    ],
)
def test_refused_names_write_nothing(tmp_path: Path, name: str, message: str) -> None:
    result = cli("init", str(tmp_path / "du-an"), "--xa", name, "--tinh", "Hưng Yên")
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "du-an").exists()


def test_refused_province_prefix(tmp_path: Path) -> None:
    result = cli("init", str(tmp_path / "du-an"), "--xa", "Tân Việt", "--tinh", "Tỉnh Hưng Yên")
    assert result.returncode == 1 and '--tinh "Hưng Yên"' in result.stderr


@pytest.mark.parametrize("existing", ["mkdocs.yml", "content"])
def test_refuses_a_folder_with_a_project(tmp_path: Path, existing: str) -> None:
    (tmp_path / existing).mkdir() if existing == "content" else (tmp_path / existing).write_text("x")
    result = cli("init", str(tmp_path), "--xa", "Tân Việt", "--tinh", "Hưng Yên")
    assert result.returncode == 1 and f"đã có {existing}" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing]


def test_missing_option_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("init", str(tmp_path / "x"), "--xa", "Tân Việt")
    assert result.returncode == 2 and "thiếu tham số bắt buộc" in result.stderr


# --- where cchc-site is installed from, and a province's repository --------------------------


def requirement_lines(project: Path) -> list[str]:
    return [
        line.split("#")[0].strip()
        for line in (project / "requirements.txt").read_text("utf-8").splitlines()
        if line.split("#")[0].strip()
    ]


def test_requirements_name_only_installable_things(new_site: Path) -> None:
    lines = requirement_lines(new_site)
    assert "cchc-site" not in lines
    wheel = lines[-1]
    assert wheel == f"./vendor/{wheel_name(package_metadata().version)}" and (new_site / wheel).is_file()
    assert all("==" in line for line in lines[:-1])
    assert str(ROOT) not in (new_site / "requirements.txt").read_text("utf-8")  # no machine path


def test_vendored_wheel_holds_the_package_and_its_dependencies(new_site: Path) -> None:
    import zipfile

    with zipfile.ZipFile(next((new_site / "vendor").iterdir())) as wheel:
        names = set(wheel.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = wheel.read(info).decode("utf-8")
    assert {"cchc_site/__init__.py", "cchc_site/mau/du-an/mkdocs.yml", "cchc_site/theme/main.html"} <= names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert "Requires-Dist: python-docx" in meta and "Requires-Dist: mkdocs" in meta


def test_the_wheel_is_reproducible(tmp_path: Path) -> None:
    from cchc_site.scaffold.wheel import build_wheel

    first = build_wheel(tmp_path / "a").read_bytes()
    assert build_wheel(tmp_path / "b").read_bytes() == first


@pytest.mark.parametrize(
    ("spec", "line"),
    [
        (
            "cchc-site @ git+https://example.org/t/cchc-site@v0.1.0",
            "cchc-site @ git+https://example.org/t/cchc-site@v0.1.0",
        ),
        (
            "git+https://example.org/t/cchc-site@v0.1.0",
            "cchc-site @ git+https://example.org/t/cchc-site@v0.1.0",
        ),
    ],
)
def test_goi_writes_a_git_address(tmp_path: Path, spec: str, line: str) -> None:
    done = cli("init", str(tmp_path / "p"), "--xa", "Tân Việt", "--tinh", "Hưng Yên", "--goi", spec)
    assert done.returncode == 0, done.stderr
    assert requirement_lines(tmp_path / "p")[-1] == line and not (tmp_path / "p" / "vendor").exists()


def test_goi_copies_a_wheel_file(tmp_path: Path) -> None:
    from cchc_site.scaffold.wheel import build_wheel

    wheel = build_wheel(tmp_path / "dist")
    done = cli("init", str(tmp_path / "p"), "--xa", "Tân Việt", "--tinh", "Hưng Yên", "--goi", str(wheel))
    assert done.returncode == 0, done.stderr
    assert requirement_lines(tmp_path / "p")[-1] == f"./vendor/{wheel.name}"
    assert (tmp_path / "p" / "vendor" / wheel.name).read_bytes() == wheel.read_bytes()


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("cchc-site", "cchc-site không có trên PyPI"),
        ("khong-co.whl", "không phải tên tệp gói cchc-site"),
        ("cchc_site-0.1.0-py3-none-any.whl", "Không có tệp"),
        ("", "--goi trống"),
    ],
)
def test_goi_that_pip_cannot_install_is_refused(tmp_path: Path, spec: str, message: str) -> None:
    done = cli(
        "init", str(tmp_path / "p"), "--xa", "Tân Việt", "--tinh", "Hưng Yên", "--goi", spec, cwd=tmp_path
    )
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "p").exists()


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tinh") / "hung-yen"
    made = cli("init-tinh", str(root), "--tinh", "Hưng Yên")
    assert made.returncode == 0, made.stderr
    return root


def test_init_tinh_lays_out_a_province(province: Path) -> None:
    import yaml

    from cchc_site.scaffold.province_root import read_config

    files = {p.relative_to(province).as_posix() for p in province.rglob("*") if p.is_file()}
    assert files == {
        ".github/workflows/tinh.yml",
        ".gitignore",
        ".gitlab-ci.yml",
        "README.md",
        "hooks.py",
        "mkdocs.base.yml",
        "requirements.txt",
        f"vendor/{wheel_name(package_metadata().version)}",
        "xa/.gitkeep",
    }
    base = read_config(province / "mkdocs.base.yml")
    skeleton = read_config(SKELETON / "mkdocs.yml")
    assert base["hooks"] == ["../../hooks.py"] and base["extra"]["cchc"]["tinh"] == "Hưng Yên"
    base["hooks"], base["extra"]["cchc"] = skeleton["hooks"], skeleton["extra"]["cchc"]
    assert base == skeleton  # otherwise the commune's configuration, key for key
    assert (province / "hooks.py").read_text("utf-8") == (SKELETON / "hooks.py.mau").read_text("utf-8")
    for name in (".github/workflows/tinh.yml", ".gitlab-ci.yml"):
        assert isinstance(yaml.safe_load((province / name).read_text("utf-8")), dict)
    readme = (province / "README.md").read_text("utf-8")
    assert "tỉnh Hưng Yên" in readme and '--tinh "Hưng Yên"' in readme


def test_init_inside_a_province_adds_a_commune_that_inherits(province: Path) -> None:
    done = cli("init", "xa/tan-viet", "--xa", "Tân Việt", "--tinh", "Hưng Yên", cwd=province)
    assert done.returncode == 0, done.stderr
    commune = province / "xa" / "tan-viet"
    assert sorted(p.name for p in commune.iterdir()) == ["content", "mkdocs.yml"]
    assert "INHERIT: ../../mkdocs.base.yml" in (commune / "mkdocs.yml").read_text("utf-8")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "xa/tan-viet/mkdocs.yml"],
        cwd=province,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    title = (commune / "site" / "index.html").read_text("utf-8")
    assert "<title>Trang chủ - UBND xã Tân Việt – Cải cách hành chính</title>" in title
    matrix = cli("ma-tran", "xa/", cwd=province)
    assert matrix.returncode == 0 and '"thu_muc":"xa/tan-viet"' in matrix.stdout


@pytest.mark.parametrize(
    ("where", "args", "message"),
    [
        ("tan-viet", ["--tinh", "Hưng Yên"], "không phải xa/<tên thư mục của xã>"),
        ("xa/a/b", ["--tinh", "Hưng Yên"], "không phải xa/<tên thư mục của xã>"),
        ("xa/ha-noi", ["--tinh", "Hà Nội"], 'là của tỉnh Hưng Yên, không phải Hà Nội: ghi --tinh "Hưng Yên"'),
        ("xa/x", ["--tinh", "Hưng Yên", "--goi", "git+https://example.org/x"], "bỏ --goi"),
        (".", ["--tinh", "Hưng Yên"], "là kho của một tỉnh"),
    ],
)
def test_init_inside_a_province_refuses_the_wrong_place(
    province: Path, where: str, args: list[str], message: str
) -> None:
    before = sorted(p.relative_to(province) for p in province.rglob("*"))
    done = cli("init", where, "--xa", "Đông Kết", *args, cwd=province)
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.relative_to(province) for p in province.rglob("*")) == before


def test_init_tinh_refuses_a_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "co-tep").mkdir()
    (tmp_path / "co-tep" / "x.txt").write_text("x")
    done = cli("init-tinh", str(tmp_path / "co-tep"), "--tinh", "Hưng Yên")
    assert done.returncode == 1 and "không trống" in done.stderr
    refused = cli("init-tinh", str(tmp_path / "t"), "--tinh", "Tỉnh Hưng Yên")
    assert refused.returncode == 1 and '--tinh "Hưng Yên"' in refused.stderr and not (tmp_path / "t").exists()
