"""Meta-tests: every field is documented, every documented check names real fields, the guide shows all."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from cchc_site.core import models
from cchc_site.core.rules import RULES
from cchc_site.indicators import catalogue, entries
from cchc_site.output.guide import model_docs

MODELS = {
    name: cls
    for module in (models, catalogue, entries)
    for name, cls in vars(module).items()
    if isinstance(cls, type) and issubclass(cls, models.Model) and cls is not models.Model
}
# the package's own catalogue file is data of the software, not of the commune: not in the guide
PACKAGE_ONLY = {
    "DanhMucChiTieu",
    "DonViTinh",
    "ChiTieu",
    "LuaChon",
    "DanhSach",
    "Nhom",
    "Tong",
    "CongThuc",
    "TyLe",
    "TieuBieu",
    "SoLieuTieuBieu",
}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_field_has_a_vietnamese_label(name):
    for field_name, info in MODELS[name].model_fields.items():
        assert info.title, f"{name}.{field_name} has no title"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.text[:30])
def test_every_rule_names_existing_fields(rule):
    for target in rule.fields:
        model_name, field_name = target.split(".")
        assert field_name in MODELS[model_name].model_fields, target


def test_every_model_reachable_from_the_files_is_documented():
    documented = {doc.anchor for doc in model_docs()}
    for name in MODELS:
        if name not in PACKAGE_ONLY:
            assert f"nhom-{name.lower()}" in documented, name


def test_guide_page_shows_every_field_and_rule(built):
    soup = BeautifulSoup(
        (built.site / "huong-dan-nhap-lieu/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    article = soup.find("article")
    for doc in model_docs():
        section = article.find(id=doc.anchor)
        assert section is not None, doc.anchor
        table = section.find_next("table")
        assert [row.code.get_text() for row in table.select("tbody tr")] == [f.name for f in doc.fields]
    for number in range(1, len(RULES) + 1):
        assert article.find(id=f"quy-tac-{number}") is not None
    ids = {tag["id"] for tag in article.find_all(id=True)}
    assert all(a["href"][1:] in ids for a in article.find_all("a", href=True) if a["href"].startswith("#"))
    link = BeautifulSoup((built.site / "gioi-thieu/index.html").read_text(encoding="utf-8"), "html.parser")
    assert link.find("a", href="../huong-dan-nhap-lieu/")
