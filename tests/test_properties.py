"""Property-based tests (hypothesis): the loader, the number and date readers, the whole pipeline.

Random valid data round-trips to the same values and to the same figures on the page; random
mutations of a real file never crash: the result is valid data or a Vietnamese ``DataError``.
"""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cchc_site import text
from cchc_site.content.documents import load_yaml
from cchc_site.core.errors import DataError, Problems
from cchc_site.core.models import _read_date
from cchc_site.indicators import prose
from cchc_site.output.open_data import site_files
from cchc_site.output.pages import build_pages
from cchc_site.validate import load_site

from .conftest import CONTENT, REPORT

pytestmark = pytest.mark.slow  # hypothesis explores many examples: the full tier only

VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
WORDS = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " ,.;()-/", min_size=1, max_size=40)
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def load_text(tmp: Path, source: str):
    path = tmp / "tep.yaml"
    path.write_text(source, encoding="utf-8")
    problems = Problems()
    return load_yaml(path, "content/tep.yaml", problems), problems


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=3))
def test_numbers_with_leading_zeros_are_decimal(tmp_path_factory, value, zeros):
    doc, problems = load_text(tmp_path_factory.mktemp("n"), f"so: {'0' * zeros}{value}\n")
    assert not problems.items and doc.data["so"] == value


@given(st.integers(min_value=0, max_value=10**7))
def test_numbers_written_in_prose_are_found(value):
    written = text.format_number(value)  # 1.234.567, as documents write it
    assert value in {m.value for m in prose.mentions(f"Đã giải quyết {written} hồ sơ.")}
    assert value in {m.value for m in prose.mentions(f"Đã giải quyết {value:03d} hồ sơ.")}


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_dates_read_the_same_in_both_forms(day):
    assert _read_date(day.isoformat()) == day
    assert _read_date(f"{day.day}/{day.month}/{day.year}") == day
    assert _read_date(f"{day.day:02d}/{day.month:02d}/{day.year}") == day
    assert day in text.dates_in(f"ngày {day.day}/{day.month}/{day.year} của UBND")


@given(
    st.recursive(
        st.one_of(
            WORDS,
            st.integers(min_value=0, max_value=10**6),
            st.sampled_from(["yes", "no", "on", "off", "05"]),
        ),
        lambda children: st.one_of(
            st.lists(children, min_size=1, max_size=4),
            st.dictionaries(
                st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True), children, min_size=1, max_size=4
            ),
        ),
        max_leaves=20,
    )
)
def test_loader_round_trips_plain_data(tmp_path_factory, value):
    data = {"goc": value}
    source = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    doc, problems = load_text(tmp_path_factory.mktemp("r"), source)
    assert not problems.items, [p.format() for p in problems.items]

    def normal(item):
        if isinstance(item, str):
            return int(item) if item == "05" else unicodedata.normalize("NFC", item)
        if isinstance(item, list):
            return [normal(i) for i in item]
        if isinstance(item, dict):
            return {k: normal(v) for k, v in item.items()}
        return item

    loaded = doc.data
    assert normal(loaded) == normal(data)


MUTATIONS = st.lists(
    st.tuples(
        st.integers(min_value=0),
        st.integers(min_value=0, max_value=40),
        st.text(alphabet=":-#&*!%@|>'\"{}[],\t\n 0123456789aăđ\u0301\x00\u202e", max_size=6),
    ),
    min_size=1,
    max_size=4,
)


@SLOW
@given(MUTATIONS)
def test_random_mutations_never_crash(tmp_path, mutations):
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(CONTENT, content)
    original = (CONTENT / REPORT).read_text(encoding="utf-8")
    mutated = original
    for position, length, insert in mutations:
        at = position % (len(mutated) + 1)
        mutated = mutated[:at] + insert + mutated[at + length :]
    (content / REPORT).write_text(mutated, encoding="utf-8")
    try:
        load_site(content, "content")
    except DataError as exc:  # the only way to fail: a message for staff
        message = exc.format()
        assert message.startswith("Dữ liệu có ") and "content/" in message


@st.composite
def dossiers(draw):
    early = draw(st.integers(min_value=0, max_value=900))
    on_time = draw(st.integers(min_value=0, max_value=90))
    in_progress = draw(st.integers(min_value=0, max_value=90))
    return early, on_time, in_progress


@SLOW
@given(dossiers())
@example(figures=(820, 90, 90))  # a thousand dossiers: written 1.000, found by hypothesis once
def test_random_valid_figures_reach_the_page_and_the_csv(tmp_path, figures):
    early, on_time, in_progress = figures
    resolved = early + on_time
    received = resolved + in_progress
    content = Path(tempfile.mkdtemp(dir=tmp_path)) / "content"  # hypothesis may repeat an example
    shutil.copytree(CONTENT, content)
    report = (content / REPORT).read_text(encoding="utf-8")
    old_text = (
        "UBND xã đã giải quyết tổng số 482 hồ sơ. Trong đó,\n"
        "            477 hồ sơ đã giải quyết, (477 hồ sơ trước hạn), 05 hồ sơ đang giải quyết trong hạn."
    )
    assert old_text in report
    new_text = (
        f"UBND xã đã giải quyết tổng số {received} hồ sơ. Trong đó,\n"
        f"            {resolved} hồ sơ đã giải quyết, ({early} hồ sơ trước hạn, {on_time} hồ sơ đúng hạn),"
        f" {in_progress} hồ sơ đang giải quyết trong hạn."
    )
    block_old = (
        "            tiep_nhan: 482\n            da_giai_quyet: 477\n            truoc_han: 477\n"
        "            dang_giai_quyet: 05\n            dang_trong_han: 05\n"
    )
    block_new = (
        f"            tiep_nhan: {received}\n            da_giai_quyet: {resolved}\n"
        f"            truoc_han: {early}\n            dung_han: {on_time}\n"
        f"            dang_giai_quyet: {in_progress}\n            dang_trong_han: {in_progress}\n"
    )
    assert block_old in report
    (content / REPORT).write_text(
        report.replace(old_text, new_text).replace(block_old, block_new), encoding="utf-8"
    )
    (content / "khoa-so-lieu.json").unlink()  # as if entered before publication
    site = load_site(content, "content", locking=True)
    files = site_files(site)
    page = next(p for p in build_pages(site, files) if p.uri == "bao-cao/2022-q3.md").markdown
    html = markdown.markdown(page, extensions=["admonition", "attr_list", "md_in_html", "tables"])
    cells = {
        tuple(td.get_text(strip=True) for td in row.find_all("td"))[1:3]
        for row in BeautifulSoup(html, "html.parser").find_all("tr")
    }
    for label, value in (
        ("Tổng số hồ sơ", received),
        ("Hồ sơ đã giải quyết", resolved),
        ("Đã giải quyết trước hạn", early),
        ("Đã giải quyết đúng hạn", on_time),
    ):
        assert (label, text.format_number(value)) in cells  # as readers see it: 1.000 for a thousand
    csv_text = next(f for f in files if f.uri == "du-lieu/bao-cao/2022-q3.csv").content.decode("utf-8-sig")
    assert f"ho_so.tiep_nhan,Hồ sơ TTHC,Tổng số hồ sơ,{received}," in csv_text
    if resolved:
        rate = text.format_percent(resolved / resolved)
        assert rate in page


@given(
    st.lists(st.sampled_from(["a", "b", "bao-cao", "2022-q3", "thu-tuc", "1.001193"]), max_size=4),
    st.lists(st.sampled_from(["a", "b", "bao-cao", "2022-q3", "thu-tuc", "1.001193"]), max_size=4),
    st.booleans(),
)
def test_relative_addresses_agree_with_relpath(target, start, slash):
    """The fast relative address of the list pages says what ``posixpath.relpath`` says."""
    import posixpath

    from cchc_site.output.pages import _relative

    to = "/".join(target) + ("/" if slash and target else "")
    base = "/".join(start) + ("/" if start else "")
    assert _relative(to, base) == posixpath.relpath(to or ".", base or ".")
