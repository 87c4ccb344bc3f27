"""The search's everyday words: the package's list, a commune's own file and its checks, the data
file the search reads. (What a reader gets from them, in a browser: test_search_browser.py and
search_queries.yaml.)"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
import yaml

from cchc_site import addresses
from cchc_site.core.aliases import PACKAGE_FILE, BangTuDongNghia, phrase_key
from cchc_site.output.search_aliases import alias_json
from cchc_site.validate import load_site
from cchc_site.validate.aliases import package_aliases

from .conftest import ROOT, TODAY, data_errors, find_problem

ALIASES = addresses.ALIASES_FILE
SCRIPT = ROOT / "cchc_site" / "theme" / "assets" / "cchc" / "tim-kiem.js"
OWN = """tu_dong_nghia:
  - tu: [nhà văn hóa thôn, NVH]
    thuat_ngu: [thư viện cộng đồng]
    ghi_chu: Cách gọi ở xã
  - tu: [sổ đỏ]
    thuat_ngu: [đất đai]
"""


def test_the_package_list_is_valid_whole_and_in_nfc():
    entries, problems = package_aliases()
    assert not problems, [p.format() for p in problems]
    assert 30 <= len(entries) <= 60
    text = PACKAGE_FILE.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text
    phrases = [phrase_key(p) for e in entries for p in e.tu]
    assert len(phrases) == len(set(phrases))  # each way of saying it once
    said = {phrase_key(p) for e in entries for p in e.tu}
    for wanted in ("sao y", "CCCD", "sổ đỏ", "hộ khẩu", "cắt khẩu", "chứng tử", "độc thân", "BHYT"):
        assert phrase_key(wanted) in said, wanted  # words citizens type


def test_phrase_key_is_the_search_key():
    """As cchc.js's key: marks dropped, đ → d, i/y alike, lower case; and only words."""
    assert phrase_key("Sổ  Đỏ") == "so do"
    assert phrase_key("BHYT") == "bhit" == phrase_key("bhit")
    assert phrase_key(unicodedata.normalize("NFD", "Đăng ký")) == "dang ki"
    assert phrase_key("photo/công chứng!") == "photo cong chung"
    assert phrase_key("…") == ""


def test_without_a_file_the_site_has_the_package_list(project):
    site = load_site(project.content, "content", today=TODAY)
    assert site.tu_dong_nghia == package_aliases()[0]


def test_the_commune_file_extends_the_package_list(project):
    (project.content / ALIASES).write_text(OWN, encoding="utf-8")
    site = load_site(project.content, "content", today=TODAY)
    default = package_aliases()[0]
    assert site.tu_dong_nghia[: len(default)] == default
    own = site.tu_dong_nghia[len(default) :]
    assert [e.tu for e in own] == [["nhà văn hóa thôn", "NVH"], ["sổ đỏ"]]
    published = json.loads(alias_json(site.tu_dong_nghia))["tu_dong_nghia"]
    assert published[-2] == {"tu": ["nhà văn hóa thôn", "NVH"], "thuat_ngu": ["thư viện cộng đồng"]}
    assert published[-1] == {"tu": ["sổ đỏ"], "thuat_ngu": ["đất đai"]}  # also «sổ đỏ» of the package


BAD = [  # the content changed, the message, a text of the line it names, the field (items from 1)
    (
        "    ghi_chu: Cách gọi ở xã\n",
        "    nghia: Cách gọi ở xã\n",
        "Trường lạ «nghia»",
        "    nghia:",
        "tu_dong_nghia[1].nghia",
    ),
    ("[nhà văn hóa thôn, NVH]", "[]", "Danh sách quá ngắn", "tu: []", "tu_dong_nghia[1].tu"),
    (
        "    thuat_ngu: [đất đai]\n",
        "",
        "Thiếu trường bắt buộc «thuat_ngu»",
        "[sổ đỏ]",
        "tu_dong_nghia[2].thuat_ngu",
    ),
    ("[nhà văn hóa thôn, NVH]", "[nhà văn hóa thôn, 115]", "Cần văn bản", "115", "tu_dong_nghia[1].tu[2]"),
    (
        "[nhà văn hóa thôn, NVH]",
        '[nhà văn hóa thôn, "…"]',
        "không có chữ hay số nào",
        "…",
        "tu_dong_nghia[1].tu[2]",
    ),
    ("[sổ đỏ]", "[sổ đỏ, nvh]", "Cách gọi đã khai ở một mục khác", "nvh", "tu_dong_nghia[2].tu[2]"),
    ("[sổ đỏ]", "[Đất Đai]", "trùng với từ ngữ trong tên thủ tục", "Đất Đai", "tu_dong_nghia[2].tu[1]"),
    ("[thư viện cộng đồng]", "[<b>thư viện</b>]", "thẻ HTML", "<b>", "tu_dong_nghia[1].thuat_ngu[1]"),
]


@pytest.mark.parametrize("old, new, fragment, needle, field", BAD, ids=[case[2] for case in BAD])
def test_a_bad_commune_file_fails_naming_file_line_and_field(project, old, new, fragment, needle, field):
    assert old in OWN
    (project.content / ALIASES).write_text(OWN.replace(old, new), encoding="utf-8")
    problem = find_problem(data_errors(project), fragment)
    assert problem.file == f"content/{ALIASES}"
    assert problem.line == project.line_of(ALIASES, needle)
    assert problem.field == field
    assert problem.format().startswith(f"content/{ALIASES}:{problem.line}: trường «{field}»: ")


def test_a_file_of_another_shape_is_refused(project):
    (project.content / ALIASES).write_text("- tu: [sổ đỏ]\n  thuat_ngu: [đất đai]\n", encoding="utf-8")
    problems = data_errors(project)
    assert any(p.file == f"content/{ALIASES}" for p in problems), [p.format() for p in problems]


def test_a_misnamed_file_is_refused_with_its_right_name(project):
    (project.content / "tu-dong-nghia.yml").write_text(OWN, encoding="utf-8")
    problem = find_problem(data_errors(project), "Tệp lạ trong thư mục dữ liệu")
    assert problem.file == "content/tu-dong-nghia.yml"
    assert problem.hint == f"Có phải là «{ALIASES}»? Đổi tên cho đúng."


def test_the_json_schema_describes_the_file():
    schema = json.loads((ROOT / addresses.SCHEMA_FOLDER / addresses.schema_file(ALIASES)).read_text("utf-8"))
    assert schema["properties"]["tu_dong_nghia"]["items"] == {"$ref": "#/$defs/TuDongNghia"}
    assert set(schema["$defs"]["TuDongNghia"]["required"]) == {"tu", "thuat_ngu"}
    first_line = PACKAGE_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=../schema/{addresses.schema_file(ALIASES)}"
    BangTuDongNghia.model_validate(yaml.safe_load(OWN))


def test_the_search_reads_the_published_file(built):
    """The data file is there, small, listed in the Data Package, and named by the search script."""
    published = built.site / addresses.SEARCH_ALIASES
    assert published.read_bytes() == alias_json(package_aliases()[0])
    assert published.stat().st_size < 10_000
    package = json.loads((built.site / addresses.DATAPACKAGE).read_text(encoding="utf-8"))
    assert "tu-dong-nghia.json" in {r["path"] for r in package["resources"]}
    script = SCRIPT.read_text(encoding="utf-8")
    assert f'"{addresses.SEARCH_ALIASES}"' in script


def test_the_documents_section_is_known_by_both_its_anchors():
    """«Thành phần hồ sơ» (#thanh-phan-ho-so), and «Hồ sơ cần chuẩn bị» of pages built before it."""
    script = SCRIPT.read_text(encoding="utf-8")
    assert '["thanh-phan-ho-so", "ho-so-can-chuan-bi"]' in script
    template = (ROOT / "cchc_site" / "templates" / "procedure.md.j2").read_text(encoding="utf-8")
    assert "#thanh-phan-ho-so" in template or "#ho-so-can-chuan-bi" in template


def test_every_query_case_says_why():
    cases = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))
    queries = [case["query"] for case in cases]
    assert len(queries) == len(set(queries))
    for wanted in ("chung thuc", "cccd", "cong chung ban sao", "giay chung tu", "so do", "giấy chứng sinh"):
        case = next(c for c in cases if c["query"] == wanted)
        assert case.get("why") and ("first" in case or "first_contains" in case)
