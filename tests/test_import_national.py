"""``import-national``: national records into the site — previewed, then written whole; the commune's
own layer never touched; every bad input refused with its file and part, nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cchc_site.commands import main
from cchc_site.validate import load_site

from .conftest import TODAY, Project

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "quoc-gia"
PAGES = FIXTURES / "trang-cong"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
VERSION = "giữa năm 2026"


def fresh(project: Project) -> Project:
    """The sample content without its imported records: what a commune has before its first import."""
    shutil.rmtree(project.content / "thu-tuc-quoc-gia")
    for line in [
        line
        for line in (project.content / "thu-tuc.yaml").read_text(encoding="utf-8").splitlines()
        if "ban_ghi:" in line
    ]:
        project.replace("thu-tuc.yaml", line + "\n", "")
    return project


def run(project: Project, *args: str) -> int:
    return main(["import-national", *args, "--phien-ban", VERSION, "--content", str(project.content)])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_preview_writes_nothing_and_says_what_would_change(project, capsys):
    fresh(project)
    before = snapshot(project.content)
    assert run(project, str(PAGES)) == 0
    out = capsys.readouterr().out
    assert "Đọc 10 bản ghi (10 trang thủ tục trên Cổng Dịch vụ công quốc gia)." in out
    assert (
        "Bản ghi của thủ tục trong danh mục: 4 mới, 0 thay đổi, 0 không đổi." in out
    )  # 1.001193, 1.010736, 2.000815, 2.000942
    assert "Không có trong danh mục, chưa nhập: 6 bản ghi" in out
    assert "≠ 1.001193 Đăng ký khai sinh: phí, lệ phí" in out  # the commune's own fee differs: listed, kept
    assert "Chưa ghi gì (xem trước" in out
    assert snapshot(project.content) == before


def test_write_imports_records_and_leaves_the_communes_layer_untouched(project, capsys):
    fresh(project)
    listed = (project.content / "thu-tuc.yaml").read_bytes()
    assert run(project, str(PAGES), "--write") == 0
    assert "Đã ghi 4 bản ghi vào" in capsys.readouterr().out
    assert (project.content / "thu-tuc.yaml").read_bytes() == listed
    site = load_site(project.content, "content", today=TODAY)
    assert sorted(site.records) == ["1.001193", "1.010736", "2.000815", "2.000942"]
    assert site.records["1.001193"].nguon.phien_ban == VERSION
    # the same import again changes nothing
    written = snapshot(project.content)
    assert run(project, str(PAGES), "--write") == 0
    assert "Không có gì thay đổi." in capsys.readouterr().out
    assert snapshot(project.content) == written


def test_a_new_version_replaces_the_record_and_says_which_parts_changed(project, capsys):
    assert (
        main(
            [
                "import-national",
                str(PAGES / "1.001193.json"),
                "--phien-ban",
                "ngày 01/12/2026",
                "--content",
                str(project.content),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "0 mới, 1 thay đổi, 0 không đổi" in out and "1.001193: đổi Nguồn" in out


def test_the_page_answers_from_the_record_with_its_source(project):
    fresh(project)
    assert run(project, str(PAGES), "--write") == 0
    result = project.build()
    assert result.returncode == 0, result.stderr
    article = BeautifulSoup(
        (project.site / "thu-tuc/2.000942/index.html").read_text(encoding="utf-8"), "html.parser"
    ).find("article")
    text = " ".join(article.get_text(" ").split())
    for heading in (
        "Trình tự thực hiện",
        "Thành phần hồ sơ",
        "Cách thức thực hiện",
        "Căn cứ pháp lý",
        "Nguồn thông tin",
    ):
        assert heading in text, heading
    assert f"Cơ sở dữ liệu quốc gia về thủ tục hành chính, bản {VERSION}, mã 2.000942" in text
    answers = article.select_one(".tra-loi").get_text(" ")
    for label in ("Thời hạn", "Phí, lệ phí", "Nộp tại", "Nộp trực tuyến", "Cần chuẩn bị"):
        assert label in answers
    portal = [a["href"] for a in article.select("a.md-button")]
    assert portal and portal[0].startswith("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/")
    flagged = BeautifulSoup(
        (project.site / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert "nguyên văn trên Cổng Dịch vụ công quốc gia, cần đối chiếu" in flagged.find("article").get_text()


def test_them_moi_adds_the_procedures_the_list_lacks(project, capsys):
    fresh(project)
    assert run(project, str(PAGES), "--them-moi", "--write") == 1
    assert "cần ngày niêm yết" in capsys.readouterr().err
    assert not (project.content / "thu-tuc-quoc-gia").exists()
    assert run(project, str(PAGES), "--them-moi", "--ngay-niem-yet", "2026-07-01", "--write") == 0
    site = load_site(project.content, "content", today=TODAY)
    added = [t for t in site.danh_muc.thu_tuc if t.ngay_niem_yet.isoformat() == "2026-07-01"]
    assert len(added) == 6 and all(site.record_of(t) for t in added)
    business = next(t for t in added if t.ma == "1.001266")
    assert business.ten == "Chấm dứt hoạt động hộ kinh doanh" and business.nhom == "cap_xa"


def test_json_lines_and_arrays_are_read(project, tmp_path, capsys):
    fresh(project)
    records = [
        json.loads((PAGES / f"{code}.json").read_text(encoding="utf-8")) for code in ("1.001193", "2.000815")
    ]
    (tmp_path / "tinh.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8"
    )
    (tmp_path / "mot.json").write_text(
        json.dumps([records[0] | {"ma_thu_tuc": "2.000942", "ten_thu_tuc": "x"}]), encoding="utf-8"
    )
    assert run(project, str(tmp_path / "tinh.jsonl"), str(tmp_path / "mot.json")) == 0
    out = capsys.readouterr().out
    assert "Đọc 3 bản ghi" in out and "3 mới" in out


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("cut.json", '{"ma_thu_tuc": "1.001193", "ten_thu_tuc": "Thủ tục đăng', "JSON hỏng ở dòng 1"),
        ("la.json", '{"ten": "không phải bản ghi"}', "không phải bản ghi thủ tục hành chính"),
        ("so.json", "12", "không phải bản ghi thủ tục hành chính"),
        ("latin.json", b'{"ma_thu_tuc": "1.001193", "ten_thu_tuc": "\xe9"}', "không phải văn bản UTF-8"),
        ("ma.json", '{"ma_thu_tuc": "1.1193", "ten_thu_tuc": "Thủ tục đăng ký khai sinh"}', "ma_thu_tuc"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_written(project, tmp_path, capsys, name, body, message):
    fresh(project)
    bad = tmp_path / name
    bad.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    before = snapshot(project.content)
    assert run(project, str(PAGES), str(bad), "--write") == 1
    err = capsys.readouterr().err
    assert name in err and message in err and "chưa ghi gì" in err
    assert snapshot(project.content) == before


def test_a_file_named_by_another_code_is_refused(project, tmp_path, capsys):
    (tmp_path / "1.000894.json").write_bytes((PAGES / "1.001193.json").read_bytes())
    assert run(project, str(tmp_path)) == 1
    assert "tên tệp mang mã 1.000894 nhưng bản ghi có mã 1.001193" in capsys.readouterr().err


def test_one_code_twice_is_refused(project, tmp_path, capsys):
    shutil.copy(PAGES / "1.001193.json", tmp_path / "khai-sinh.json")
    assert run(project, str(PAGES), str(tmp_path)) == 1
    assert "mã 1.001193 đã có ở" in capsys.readouterr().err


def test_an_oversized_file_is_refused_before_it_is_read(project, tmp_path, capsys, monkeypatch):
    from cchc_site.procedures import national_files

    monkeypatch.setattr(national_files, "MAX_FILE", 1000)
    assert run(project, str(PAGES / "1.001193.json")) == 1
    assert "tệp quá lớn" in capsys.readouterr().err


def test_markup_in_a_record_is_published_as_the_text_it_is(project, tmp_path):
    fresh(project)
    data = json.loads((PAGES / "2.000815.json").read_text(encoding="utf-8"))
    data["doi_tuong_thuc_hien"] = (
        "Trẻ em < 6 tuổi; <script>alert(1)</script> **đậm** {{ mẫu }} [x](javascript:alert(1))"
    )
    folder = tmp_path / "nhap"
    folder.mkdir()
    (folder / "2.000815.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run(project, str(folder), "--write") == 0
    assert project.build().returncode == 0
    article = BeautifulSoup(
        (project.site / "thu-tuc/2.000815/index.html").read_text(encoding="utf-8"), "html.parser"
    ).find("article")
    assert not article.find("script") and not article.find("strong", string="đậm")
    assert not [a for a in article.find_all("a", href=True) if a["href"].startswith("javascript")]
    assert data["doi_tuong_thuc_hien"] in " ".join(article.get_text(" ").split())


@pytest.mark.skipif(
    not (REFERENCE / "quoc-gia").is_dir(), reason="the reference records live outside the repository"
)
def test_a_new_commune_gets_complete_pages_from_all_national_records(tmp_path, capsys):
    """«In one command»: a new commune's empty list filled from the 232 commune-level records."""
    from .conftest import make_project

    root = tmp_path / "moi"
    assert main(["init", str(root), "--xa", "Tân Việt", "--tinh", "Hưng Yên"]) == 0
    project = Project(root)
    (root / "cchc_site").symlink_to(Path(__file__).resolve().parents[1] / "cchc_site")
    assert make_project  # the same project layout as the other builds
    assert (
        main(
            [
                "import-national",
                str(REFERENCE / "quoc-gia"),
                "--them-moi",
                "--ngay-niem-yet",
                "2026-07-01",
                "--phien-ban",
                VERSION,
                "--content",
                str(project.content),
                "--write",
            ]
        )
        == 0
    )
    assert "Đã ghi 232 bản ghi" in capsys.readouterr().out
    result = project.build()
    assert result.returncode == 0, result.stderr
    site = load_site(project.content, "content", today=TODAY)
    assert len(site.danh_muc.thu_tuc) == 232
    empty = []
    for t in site.danh_muc.thu_tuc:
        article = BeautifulSoup(
            (project.site / f"thu-tuc/{t.ma}/index.html").read_text(encoding="utf-8"), "html.parser"
        ).find("article")
        text = article.get_text(" ")
        if "chưa được cập nhật trên trang" in text or "Nguồn thông tin" not in text:
            empty.append(t.ma)
    assert not empty


def test_an_uncoded_procedure_named_like_a_record_is_suggested_never_applied(project, capsys):
    fresh(project)
    project.replace(
        "thu-tuc.yaml",
        "Công nhận tuyên truyền viên pháp luật",
        "Ủy quyền lĩnh thay các chế độ bảo hiểm xã hội, trợ cấp thất nghiệp",
    )
    before = (project.content / "thu-tuc.yaml").read_text(encoding="utf-8")
    assert run(project, str(PAGES), "--write") == 0
    out = capsys.readouterr().out
    assert "Gợi ý cho thủ tục chưa có mã (chưa áp dụng" in out
    assert "là bản ghi 1.001601" in out and 'ghi «ban_ghi: "1.001601"»' in out
    assert (project.content / "thu-tuc.yaml").read_text(encoding="utf-8") == before
    assert not (project.content / "thu-tuc-quoc-gia" / "1.001601.yaml").exists()
