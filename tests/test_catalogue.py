"""The indicator catalogue: consistent, declared once, extended by a commune's own indicators."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cchc_site.content.documents import Document, load_yaml
from cchc_site.core.errors import Problems
from cchc_site.core.models import BaoCao
from cchc_site.indicators import national
from cchc_site.indicators.catalogue import NATIONAL_FILE, RESERVED, catalogue_problems, compile_catalogue
from cchc_site.indicators.entries import DanhMucChiTieu
from cchc_site.indicators.figures import read_section
from cchc_site.json_schema import SCHEMA_DIR, render_schema, so_lieu_schema
from cchc_site.output.guide import catalogue_docs
from cchc_site.output.render import render
from cchc_site.validate import load_site

from .conftest import CONTENT, KINDS, TODAY, data_errors, find_problem

GOLDEN = Path(__file__).parent / "golden"
REPORT_Q1 = "bao-cao/2023-q1.yaml"


def test_catalogue_is_consistent():
    data = load_yaml(NATIONAL_FILE, "chi_tieu.yaml", Problems()).data
    DanhMucChiTieu.model_validate(data)  # the file keeps its format (the build reads it as plain data)
    catalogue = national()
    assert catalogue_problems(catalogue) == []
    for key, indicator in catalogue.indicators.items():
        assert indicator.label and indicator.unit in catalogue.units, key
        assert indicator.name not in RESERVED, key
    labels = [
        (group.key, ind.row_label) for group in catalogue.groups.values() for ind in group.all_indicators()
    ]
    assert len(set(labels)) == len(labels)  # two indicators of one group never share a label
    assert {"ty_le.truc_tuyen", "ty_le.dung_han", "ty_le.hai_long"} <= set(catalogue.rates)
    assert all(rate.default.key == "mac_dinh" for rate in catalogue.rates.values())


def test_the_catalogue_covers_the_families_of_real_reports():
    keys = set(national().indicators)
    for key in (
        "ho_so.ton_ky_truoc",
        "ho_so.moi_tiep_nhan",
        "ho_so.truc_tuyen_toan_trinh",
        "ho_so.truc_tuyen_mot_phan",
        "ho_so.truc_tiep",
        "ho_so.buu_chinh",
        "ho_so.truoc_va_dung_han",
        "ho_so.qua_han",
        "ho_so.dang_qua_han",
        "ho_so.so_hoa",
        "ho_so.ket_qua_dien_tu",
        "ho_so.thanh_toan_truc_tuyen",
        "thu_tuc.so_linh_vuc",
        "thu_tuc.truc_tuyen_toan_trinh",
        "thu_tuc.truc_tuyen_mot_phan",
        "don_thu.to_cao.tong",
        "don_thu.khieu_nai.dang_giai_quyet",
        "don_thu.kien_nghi_phan_anh.da_giai_quyet",
        "ho_tich.khai_sinh",
        "ho_tich.dang_ky_lai_ket_hon",
        "ho_tich.xac_nhan_tinh_trang_hon_nhan",
        "ho_tich.khai_tu",
        "chung_thuc.ban_sao",
        "ho_tich_chung_thuc.tong",
    ):
        assert key in keys, key


def test_adding_an_indicator_is_one_entry(tmp_path):
    """One entry in the catalogue file reaches the reader, the schema, the guide and the rows."""
    problems = Problems()
    doc = load_yaml(NATIONAL_FILE, "chi_tieu.yaml", problems)
    data = doc.data
    ho_so = next(g for g in data["nhom"] if g["khoa"] == "ho_so")
    ho_so["chi_tieu"].append({"khoa": "huy", "nhan": "Hồ sơ công dân rút lại", "don_vi": "hồ sơ"})
    catalogue = compile_catalogue(data)
    section = Document(Path("x.yaml"), "x.yaml", {"ho_so": {"tiep_nhan": 5, "huy": 1}})
    figures = read_section(section, section.data, (), catalogue, problems)
    assert not problems.errors and [f.key for f in figures.figures] == ["ho_so.tiep_nhan", "ho_so.huy"]
    _schema, defs = so_lieu_schema(catalogue)
    assert defs["Nhom_ho_so"]["properties"]["huy"]["title"] == "Hồ sơ công dân rút lại"
    docs = {doc.key: doc for doc in catalogue_docs(catalogue)}
    assert "huy" in [row.key for row in docs["ho_so"].indicators]


def test_a_headline_figure_is_one_entry(tmp_path):
    """One entry under «tieu_bieu» of the catalogue file reaches the home page, the history's charts
    and the province overview's columns; a key that is no indicator is refused."""
    import dataclasses

    import yaml

    from cchc_site.build import prepare
    from cchc_site.indicators import catalogue as catalogue_module
    from cchc_site.province.overview import commune_columns

    problems = Problems()
    data = load_yaml(NATIONAL_FILE, "chi_tieu.yaml", problems).data
    shown = data["tieu_bieu"]
    shown["trang_chu"].append("tuyen_truyen.phat_song")
    shown["bieu_do"].append({"khoa": "tuyen_truyen.phat_song", "nhan": "Phát sóng qua các kỳ"})
    entry = {
        "khoa": "tuyen_truyen.phat_song",
        "nhan": "Phát sóng",
        "cot": "phat_song",
        "mo_ta": "Lượt phát sóng",
    }
    shown["tong_hop"].append(entry)
    changed = tmp_path / "chi_tieu.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        catalogue_module.NATIONAL_FILE = changed
        national.cache_clear()
        built = prepare(CONTENT)
        pages = {page.uri: page.markdown for page in built.pages}
        columns = [c.name for c in commune_columns()]
    finally:
        catalogue_module.NATIONAL_FILE = NATIONAL_FILE
        national.cache_clear()
    assert built.site.catalogue.headlines.home[-1] == "tuyen_truyen.phat_song"
    assert "Phát sóng qua các kỳ" in pages["bao-cao/lich-su.md"]  # the chart, by its title
    home = pages["index.md"]
    assert home.index("Lượt phát sóng tuyên truyền") > home.index(
        "Tổng số TTHC được niêm yết"
    )  # the last row
    assert columns[-5] == "phat_song"  # after the other headline figures
    unknown = dataclasses.replace(
        national(), headlines=dataclasses.replace(national().headlines, home=("ho_so.khong",))
    )
    assert catalogue_problems(unknown) == ["số liệu tiêu biểu «ho_so.khong» không phải chỉ tiêu hay tỷ lệ"]


def test_guide_of_the_catalogue_is_golden():
    """The «Các nhóm số liệu» part of the guide, generated from the catalogue (refresh by hand on purpose)."""
    shown = render("_catalogue.md.j2", groups=catalogue_docs(national()))
    assert shown == (GOLDEN / "huong-dan-chi-tieu.md").read_text(encoding="utf-8")


def test_schema_is_derived_from_the_catalogue():
    assert (SCHEMA_DIR / "bao-cao.schema.json").read_text(encoding="utf-8") == render_schema(BaoCao)
    schema = json.loads(render_schema(BaoCao))
    so_lieu = schema["$defs"]["SoLieuMuc"]["properties"]
    for group_key, group in national().groups.items():
        assert group_key in so_lieu
        properties = schema["$defs"]["Nhom_" + group_key]["properties"]
        for name in group.indicators:
            assert name in properties, (group_key, name)


def test_content_and_fixtures_validate_against_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(render_schema(BaoCao))
    for folder in (CONTENT, KINDS):
        for path in sorted((folder / "bao-cao").glob("*.yaml")):
            data = load_yaml(path, path.name, Problems()).data
            jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)


def test_guide_page_lists_every_group_and_indicator(kinds_built):
    article = BeautifulSoup(
        (kinds_built.site / "huong-dan-nhap-lieu/index.html").read_text(encoding="utf-8"), "html.parser"
    ).find("article")
    for doc in catalogue_docs(national()):
        anchor = article.find(id=doc.anchor)
        assert anchor is not None, doc.key
    text = article.get_text(" ", strip=True)
    assert "Tổng số hồ sơ = Hồ sơ kỳ trước chuyển sang + Hồ sơ mới tiếp nhận trong kỳ" in text
    assert "tinh_ca_dang_trong_han" in text and "chi-tieu-rieng.yaml" in text


def test_custom_indicator_is_followed_across_periods(kinds_built):
    site = load_site(KINDS, "content", today=TODAY)
    assert site.catalogue.indicators["tuyen_truyen.tin_zalo"].custom
    from cchc_site.output.history import indicator_series

    zalo = next(s for s in indicator_series(site.reports, "quy") if s.key == "tuyen_truyen.tin_zalo")
    assert {slug: p.value for slug, p in zalo.points.items()} == {"2023-q1": 9, "2023-q3": 14} and zalo.custom
    html = (kinds_built.site / "bao-cao/lich-su/index.html").read_text(encoding="utf-8")
    assert (
        "Tin bài đăng trên nhóm Zalo của xã (chỉ tiêu riêng của xã)"
        in BeautifulSoup(html, "html.parser").get_text()
    )
    from .test_history import read_csv

    rows = [
        r for r in read_csv(kinds_built.site / "du-lieu/chi-so.csv") if r["khoa"] == "tuyen_truyen.tin_zalo"
    ]
    assert [(r["ky"], r["gia_tri"], r["chi_tieu_rieng"]) for r in rows] == [
        ("2023-q1", "9", "true"),
        ("2023-q3", "14", "true"),
    ]
    report = (kinds_built.site / "bao-cao/2023-q1/index.html").read_text(encoding="utf-8")
    assert (
        "Tin bài đăng trên nhóm Zalo của xã (chỉ tiêu riêng của xã)"
        in BeautifulSoup(report, "html.parser").get_text()
    )


def test_custom_indicator_is_checked_against_the_text_and_its_parent(kinds_project):
    kinds_project.replace(REPORT_Q1, "tin_zalo: 9", "tin_zalo: 30")
    problems = data_errors(kinds_project)
    untied = find_problem(problems, "Số 30 đi với đơn vị «lượt»")  # «30 lượt» is not «bài»
    assert untied.message.endswith("không được gắn với chỉ tiêu này.")
    error = find_problem(
        problems, "các thành phần vượt quá tổng số (Bài tuyên truyền đăng trên trang thông tin ≥ Tin bài"
    )
    assert error.found == "30 = 30" and error.expected == "không quá 24"


def test_unknown_key_says_how_to_declare_it(kinds_project):
    kinds_project.replace(REPORT_Q1, "tin_zalo: 9", "tin_zalo: 9\n            tin_facebook: 3")
    error = find_problem(data_errors(kinds_project), "Trường lạ «tin_facebook»")
    assert error.line == kinds_project.line_of(REPORT_Q1, "tin_facebook")
    assert "content/chi-tieu-rieng.yaml" in error.hint and "khoa: tuyen_truyen.tin_facebook" in error.hint


def test_unknown_group_and_misfiled_indicator(kinds_project):
    kinds_project.replace(REPORT_Q1, "          thu_tuc:\n", "          thutuc:\n")
    assert (
        find_problem(data_errors(kinds_project), "Nhóm số liệu lạ «thutuc»").hint
        == "Có phải ý bạn là «thu_tuc»?"
    )


def test_misfiled_indicator_names_its_group(kinds_project):
    kinds_project.replace(
        REPORT_Q1, "            cap_xa: 8\n", "            cap_xa: 8\n            tiep_nhan: 8\n"
    )
    error = find_problem(data_errors(kinds_project), "Trường lạ «tiep_nhan»")
    assert "nhóm «ho_so»" in error.hint


@pytest.mark.parametrize(
    "old, new, fragment, field",
    [
        (
            "khoa: tuyen_truyen.tin_zalo",
            "khoa: tuyen_truyen.bai_dang",
            "Chỉ tiêu này đã có trong danh mục chung",
            "khoa",
        ),
        ("khoa: moi_truong.cay_xanh", "khoa: rung.cay_xanh", "Nhóm của chỉ tiêu riêng không có", "khoa"),
        (
            "thuoc: tuyen_truyen.bai_dang",
            "thuoc: tuyen_truyen.bai_dangg",
            "Chỉ tiêu chứa chỉ tiêu riêng không có",
            "thuoc",
        ),
        (
            "thuoc: tuyen_truyen.bai_dang",
            "thuoc: tuyen_truyen.phat_song",
            "khác đơn vị với chỉ tiêu chứa nó",
            "don_vi",
        ),
        ("  - khoa: moi_truong\n", "  - khoa: ho_so\n", "Mã nhóm riêng trùng một nhóm có sẵn", "khoa"),
        ("    don_vi: cây\n", "", "Thiếu trường bắt buộc «don_vi»", "don_vi"),
    ],
)
def test_bad_declarations_are_located(kinds_project, old, new, fragment, field):
    kinds_project.replace("chi-tieu-rieng.yaml", old, new)
    error = find_problem(data_errors(kinds_project), fragment)
    assert error.file == "content/chi-tieu-rieng.yaml" and error.line and error.field.endswith(field)
