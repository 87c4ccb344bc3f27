"""Reports as Word files: Decree 30/2020 layout, the text verbatim, reproducible bytes, the site, the CLI.

Every file is read back with python-docx, a reader that shares no code with the writer.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from cchc_site.commands.export_docx import export_report
from cchc_site.lock import file as lock_file
from cchc_site.lock import seal as lock
from cchc_site.output.open_data import site_files
from cchc_site.validate import load_site
from cchc_site.word.export import report_docx
from cchc_site.word.layout import decree_date

from .conftest import CONTENT, ROOT, TODAY

SEED = ROOT.parent / "shared" / "seeds" / "000_970482e9f820f7bc.txt"
BODY_STYLES = {"Body Text", "Heading 1", "Heading 2", "Gạch đầu dòng", "Đoạn đánh số", "Title", "Trích yếu"}


def words(text: str) -> str:
    return " ".join(text.split())


def read(data: bytes):
    return Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def q3_bytes() -> bytes:
    return export_report(CONTENT, "2022-q3", TODAY)


@pytest.fixture(scope="module")
def q3(q3_bytes):
    return read(q3_bytes)


@pytest.fixture(scope="module")
def q3_model():
    return load_site(CONTENT, today=TODAY).reports[0].model


def resolved(doc, paragraph, run, attribute: str):
    """A run's font name or size as Word shows it: the run, then its paragraph's styles, then the defaults."""
    value = getattr(run.font, attribute)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.font, attribute)
        style = style.base_style
    if value is not None:
        return value
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if attribute == "size":
        return Pt(int(defaults.find(qn("w:sz")).get(qn("w:val"))) / 2)
    return defaults.find(qn("w:rFonts")).get(qn("w:ascii"))


def is_bold(paragraph, run) -> bool:
    if run.bold is not None:
        return run.bold
    style = paragraph.style
    while style is not None:
        if style.font.bold is not None:
            return style.font.bold
        style = style.base_style
    return False


def body(doc) -> list:
    """The paragraphs outside the two tables that carry text."""
    return [p for p in doc.paragraphs if p.text.strip()]


def expected_text(model) -> list[str]:
    """The report's text in the order of its page: numbers, dashes and all."""
    texts = [*model.mo_dau]
    for phan in model.phan:
        texts += [f"{phan.so}. {phan.tieu_de}", *phan.doan_van]
        for muc in phan.muc:
            texts += [f"{muc.so}. {muc.tieu_de}", *muc.doan_van]
    if model.danh_gia_chung:
        assessment = model.danh_gia_chung
        texts += [f"{assessment.so}. {assessment.tieu_de}"]
        texts += [f"- {y}" for y in [*assessment.nhan_dinh, *assessment.han_che]]
    if model.phuong_huong:
        texts += [f"{model.phuong_huong.so}. {model.phuong_huong.tieu_de}"]
        texts += [f"{n}. {task}" for n, task in enumerate(model.phuong_huong.nhiem_vu, 1)]
    return [words(t) for t in [*texts, model.ket_luan]]


def test_page_is_a4_with_the_decree_margins(q3):
    section = q3.sections[0]
    assert len(q3.sections) == 1
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm, 1) <= 25 and 20 <= round(section.bottom_margin.mm, 1) <= 25
    assert 30 <= round(section.left_margin.mm, 1) <= 35 and 15 <= round(section.right_margin.mm, 1) <= 20


def test_body_is_times_new_roman_13_to_14_pt(q3):
    runs = [(p, r) for p in body(q3) for r in p.runs if r.text.strip()]
    assert len(runs) == len(expected_text(load_site(CONTENT, today=TODAY).reports[0].model)) + 2
    for paragraph, run in runs:
        assert paragraph.style.name in BODY_STYLES, paragraph.text
        assert resolved(q3, paragraph, run, "name") == "Times New Roman"
        assert Pt(13) <= resolved(q3, paragraph, run, "size") <= Pt(14), paragraph.text
    justified = [p for p in body(q3) if p.style.name == "Body Text"]
    assert all(p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY for p in justified)
    assert q3.styles["Body Text"].paragraph_format.first_line_indent.cm == pytest.approx(1, abs=0.01)


def test_header_table_has_the_issuer_and_number_left_the_motto_and_date_right(q3):
    header = q3.tables[0]
    assert len(header.columns) == 2 and len(header.rows) == 2
    left = [words(c.text) for c in header.columns[0].cells]
    right = [words(c.text) for c in header.columns[1].cells]
    assert left == ["Ủy ban nhân dân xã Phượng Kỳ", "Số: (không có trong bản lưu)"]  # not invented
    assert right == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
        "Phượng Kỳ, ngày (không có trong bản lưu)",
    ]
    issuer = header.cell(0, 0).paragraphs[0].runs[0]
    assert issuer.font.all_caps and issuer.bold and Pt(12) <= issuer.font.size <= Pt(13)  # shown in capitals
    nation, motto = header.cell(0, 1).paragraphs[0].runs[0], header.cell(0, 1).paragraphs[1].runs[0]
    assert (
        nation.bold
        and Pt(12) <= nation.font.size <= Pt(13)
        and motto.bold
        and Pt(13) <= motto.font.size <= Pt(14)
    )
    place = header.cell(1, 1).paragraphs[0]
    assert place.runs[0].italic and place.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert header._tbl.find(qn("w:tblPr")).find(qn("w:tblBorders")) is not None
    borders = header._tbl.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_a_number_and_date_are_shown_as_the_decree_writes_them(kinds_built):
    doc = read((kinds_built.site / "du-lieu/bao-cao/2023-t08.docx").read_bytes())
    header = doc.tables[0]
    assert words(header.cell(1, 0).text) == "Số: 85/BC-UBND"
    assert words(header.cell(1, 1).text) == "Hòa Mỹ, ngày 16 tháng 8 năm 2023"  # the issuing commune's name
    assert words(header.cell(0, 0).text) == "Ủy ban nhân dân xã Hòa Mỹ"


@pytest.mark.parametrize(
    "day, written",
    [
        (date(2022, 1, 5), "ngày 05 tháng 01 năm 2022"),
        (date(2022, 2, 28), "ngày 28 tháng 02 năm 2022"),
        (date(2022, 9, 20), "ngày 20 tháng 9 năm 2022"),
        (date(2023, 12, 1), "ngày 01 tháng 12 năm 2023"),
    ],
)
def test_dates_pad_days_below_10_and_months_1_and_2(day, written):
    assert decree_date(day) == written


def test_title_and_summary_are_bold_and_centred(q3, q3_model):
    title, summary = body(q3)[:2]
    assert title.text == "BÁO CÁO" and summary.text == q3_model.trich_yeu
    for paragraph in (title, summary):
        assert is_bold(paragraph, paragraph.runs[0])
        assert paragraph.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_every_paragraph_of_the_report_is_there_verbatim_and_in_order(q3, q3_model):
    shown = [p.text for p in body(q3)[2:]]
    assert shown == expected_text(q3_model)
    styles = [p.style.name for p in body(q3)[2:]]
    assert styles.count("Heading 1") == 4 and styles.count("Heading 2") == 9
    assert styles.count("Gạch đầu dòng") == 12 and styles.count("Đoạn đánh số") == 6


def test_the_text_follows_the_signed_report(q3):
    """An independent check: the file's paragraphs occur in the signed report's text, in this order."""
    if not SEED.exists():
        pytest.skip("bản báo cáo gốc (shared/seeds) không có trên máy này")
    seed = words(SEED.read_text(encoding="utf-8"))
    position = 0
    for paragraph in body(q3):
        found = seed.find(words(paragraph.text), position)
        assert found >= 0, paragraph.text
        position = found + len(words(paragraph.text))
    closing = q3.tables[-1]
    for text in [
        p.text for cell in closing.row_cells(0) for p in cell.paragraphs if p.text and p.text != "(đã ký)"
    ]:
        assert words(text) in seed, text


def test_recipients_beside_the_signature(q3, q3_model):
    closing = q3.tables[-1]
    assert len(closing.columns) == 2 and len(closing.rows) == 1
    recipients = [p for p in closing.cell(0, 0).paragraphs if p.text]
    head = recipients[0].runs[0]
    assert recipients[0].text == "Nơi nhận:" and head.bold and head.italic and head.font.size == Pt(12)
    assert [p.text for p in recipients[1:]] == [f"- {noi}" for noi in q3_model.noi_nhan]
    assert {r.font.size for p in recipients[1:] for r in p.runs} == {Pt(11)}
    signature = [p for p in closing.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in signature] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(đã ký)", "Tấn Văn Duẩn"]
    assert all(p.runs[0].bold for p in (signature[0], signature[1], signature[3]))
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in signature)
    row = closing.rows[0]._tr
    assert row.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None  # never split across two pages


def test_the_file_says_it_is_a_copy_rebuilt_from_the_published_data(q3):
    section = q3.sections[0]
    assert section.different_first_page_header_footer
    published = json.loads((CONTENT / lock.LOCK_FILE).read_text(encoding="utf-8"))["bao_cao"]["2022-q3"]
    for footer in (section.footer, section.first_page_footer):
        text = " ".join(p.text for p in footer.paragraphs)
        assert (
            "Bản dựng lại từ dữ liệu đã công bố trên trang cải cách hành chính của Ủy ban nhân dân xã Phượng Kỳ"
            in text
        )
        assert "không phải bản gốc đã ký" in text and "Đăng tải ngày 28/11/2026" in text
        assert published["van_tay"] in text  # the fingerprint the site shows, to compare
    assert "không phải bản gốc đã ký" in q3.core_properties.comments
    assert "Dự thảo" not in [p.text for p in q3.paragraphs]


def test_pages_are_numbered_from_the_second(q3):
    section = q3.sections[0]
    assert [p.text for p in section.first_page_header.paragraphs if p.text] == []
    fields = section.header._element.findall(f".//{qn('w:fldSimple')}")
    assert [f.get(qn("w:instr")).strip() for f in fields] == ["PAGE"]


def test_properties_come_from_the_data(q3, q3_bytes):
    props = q3.core_properties
    assert props.title == "Báo cáo cải cách hành chính Quý 3/2022"
    assert props.subject == "Công tác cải cách hành chính quý 3 năm 2022"
    assert props.author == "Ủy ban nhân dân xã Phượng Kỳ" and props.language == "vi-VN"
    published = datetime(2026, 11, 28, tzinfo=UTC)  # no issue date in the archive: the publication
    assert (props.created, props.modified, props.last_printed, props.revision) == (
        published,
        published,
        None,
        1,
    )


def test_text_from_the_data_never_becomes_markup():
    report = load_site(CONTENT, today=TODAY).reports[0]
    site = load_site(CONTENT, today=TODAY)
    sneaky = ['R&D <w:t>chèn</w:t> "nháy" ]]> &amp;', *report.model.mo_dau[1:]]
    changed = dataclasses.replace(report, model=report.model.model_copy(update={"mo_dau": sneaky}))
    doc = read(report_docx(changed, site.xa))
    assert body(doc)[2].text == sneaky[0]


def test_two_exports_are_byte_identical_and_do_not_read_the_clock(q3_bytes):
    assert export_report(CONTENT, "2022-q3", TODAY) == q3_bytes
    assert export_report(CONTENT, "2022-q3", date(2031, 5, 17)) == q3_bytes  # another day, the same file
    with zipfile.ZipFile(io.BytesIO(q3_bytes)) as archive:
        infos = archive.infolist()
        assert infos[0].filename == "[Content_Types].xml"
        assert {i.date_time for i in infos} == {(2026, 11, 28, 0, 0, 0)}  # from the data
        assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
        assert archive.testzip() is None
        xml = b"".join(archive.read(i) for i in infos)
    assert b"w:rsid" not in xml and b"w14:paraId" not in xml  # no random ids


def test_a_change_in_the_data_changes_the_file(q3_bytes):
    site = load_site(CONTENT, today=TODAY)
    report = site.reports[0]
    later = report.model.model_copy(update={"ngay_ban_hanh": date(2022, 9, 20)})
    data = report_docx(dataclasses.replace(report, model=later), site.xa)
    assert data != q3_bytes
    doc = read(data)
    assert words(doc.tables[0].cell(1, 1).text) == "Phượng Kỳ, ngày 20 tháng 9 năm 2022"
    assert doc.core_properties.created == datetime(2022, 9, 20, tzinfo=UTC)


@pytest.fixture
def with_draft(history_project):
    """The synthetic history with its last report (2024-q4) turned back into an unnumbered draft."""
    history_project.replace("bao-cao/2024-q4.yaml", "ngay_dang_tai: 2024-12-23\n", "")
    history_project.replace("bao-cao/2024-q4.yaml", "so_ky_hieu: 141/BC-UBND\n", "")
    history_project.replace("bao-cao/2024-q4.yaml", "ngay_ban_hanh: 2024-12-16\n", "")
    path = history_project.content / lock.LOCK_FILE
    entries = json.loads(path.read_text(encoding="utf-8"))["bao_cao"]
    del entries["2024-q4"]
    path.write_text(lock_file.dump(entries), encoding="utf-8")
    return history_project


def test_a_draft_is_exported_with_the_draft_mark_and_blanks_to_fill(with_draft):
    doc = read(export_report(with_draft.content, "2024-q4", TODAY))
    assert doc.paragraphs[0].text == "Dự thảo"  # Decree 30's mark, framed, before the header
    header = doc.tables[0]
    assert words(header.cell(1, 0).text) == "Số: /BC-UBND"  # the clerk's office writes the number
    assert words(header.cell(1, 1).text) == "Phượng Kỳ, ngày tháng năm 2024"
    notes = " ".join(p.text for p in doc.sections[0].footer.paragraphs)
    assert "Dự thảo tạo từ dữ liệu chưa đăng tải" in notes and "Bản dựng lại" not in notes
    signature = [p.text for p in doc.tables[-1].cell(0, 1).paragraphs if p.text]
    assert "(đã ký)" not in signature


def test_a_draft_is_not_published(with_draft):
    site = load_site(with_draft.content, today=TODAY)
    uris = {f.uri for f in site_files(site)}
    assert "du-lieu/bao-cao/2024-q2.docx" in uris and "du-lieu/bao-cao/2024-q4.docx" not in uris


def test_the_site_publishes_the_word_file_and_the_report_page_links_it(built, q3_bytes):
    published = built.site / "du-lieu/bao-cao/2022-q3.docx"
    assert published.read_bytes() == q3_bytes  # the build's file is the command's file
    page = BeautifulSoup(
        (built.site / "bao-cao/2022-q3/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    link = page.find("article").find("a", href=lambda href: href and href.endswith(".docx"))
    assert link is not None and "Tải bản Word" in link.get_text()
    assert (built.site / "bao-cao/2022-q3" / link["href"]).resolve() == published.resolve()


def test_the_open_data_lists_the_word_file(built, q3_bytes):
    package = json.loads((built.site / "du-lieu/datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == "bao-cao/2022-q3.docx")
    assert resource["mediatype"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert resource["format"] == "docx" and resource["bytes"] == len(q3_bytes)
    assert resource["hash"] == "sha256:" + hashlib.sha256(q3_bytes).hexdigest()
    assert "không phải bản gốc đã ký" in resource["description"]
    data_page = BeautifulSoup((built.site / "du-lieu/index.html").read_text(encoding="utf-8"), "html.parser")
    link = data_page.find("article").find("a", string="2022-q3.docx")
    assert (
        link is not None
        and (built.site / "du-lieu" / link["href"]).resolve()
        == (built.site / "du-lieu/bao-cao/2022-q3.docx").resolve()
    )
    assert hashlib.sha256(q3_bytes).hexdigest() in data_page.get_text()


def test_every_kind_of_report_has_its_word_file(kinds_built):
    site = load_site(kinds_built.content, today=TODAY)
    assert len(site.reports) == 9
    for report in site.reports:
        slug = report.model.slug
        doc = read((kinds_built.site / f"du-lieu/bao-cao/{slug}.docx").read_bytes())
        assert [p.text for p in body(doc)[2:]] == expected_text(report.model), slug
        page = (kinds_built.site / f"bao-cao/{slug}/index.html").read_text(encoding="utf-8")
        assert f"../../du-lieu/bao-cao/{slug}.docx" in page, slug


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cchc_site", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_help_is_vietnamese():
    result = run("export-docx", "--help")
    assert result.returncode == 0
    for text in ("Cách dùng:", "Nghị định 30/2020/NĐ-CP", "bản dựng lại", "--trinh-ky", "tùy chọn"):
        assert text in result.stdout
    assert "usage" not in result.stdout and "show this help" not in result.stdout
    assert "export-docx" in run("--help").stdout


def test_command_writes_the_report_into_the_current_folder(tmp_path, q3_bytes):
    result = run("export-docx", "2022-q3", "--content", str(CONTENT), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "bao-cao-2022-q3.docx").read_bytes() == q3_bytes
    assert "Đã ghi bao-cao-2022-q3.docx: báo cáo Quý 3/2022, bản dựng lại" in result.stdout


def test_command_writes_where_told(tmp_path, q3_bytes):
    target = tmp_path / "in-ky-nay.docx"
    assert run("export-docx", "2022-q3", "--content", str(CONTENT), "-o", str(target)).returncode == 0
    assert target.read_bytes() == q3_bytes
    again = run("export-docx", "2022-q3.yaml", "--content", str(CONTENT), "-o", str(tmp_path))
    assert again.returncode == 0 and (tmp_path / "bao-cao-2022-q3.docx").read_bytes() == q3_bytes
    third = run("export-docx", "2022-q3", "--content", str(CONTENT), "-o", str(target))
    assert "(thay tệp cũ)" in third.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["2022-q4"], "Không có báo cáo Quý 4/2022"),
        (["2022-q5"], "Kỳ báo cáo «2022-q5» không đúng dạng"),
        (["2022-q3", "-o", "{tmp}/khong-co/bao-cao.docx"], "thư mục không tồn tại"),
        (["2022-q3", "-o", "{tmp}/tep.txt/bao-cao.docx"], "một phần của đường dẫn là tệp"),
        (["2022-q3", "-o", "{tmp}/bao-cao.pdf"], "tệp Word cần đuôi .docx"),
        (["2022-q3", "--trinh-ky"], "đã đăng tải"),
    ],
)
def test_command_errors_are_vietnamese_and_write_nothing(tmp_path, args, message):
    (tmp_path / "tep.txt").write_text("không phải thư mục", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run(
        "export-docx", *[a.format(tmp=tmp_path) for a in args], "--content", str(CONTENT), cwd=tmp_path
    )
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written, not even half a file


def test_command_refuses_invalid_data_with_the_place_of_the_error(project, tmp_path):
    project.replace("bao-cao/2022-q3.yaml", "tiep_nhan: 482", "tiep_nhan: 4 82")
    (tmp_path / "ra").mkdir()
    result = run("export-docx", "2022-q3", "--content", str(project.content), cwd=tmp_path / "ra")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "bao-cao/2022-q3.yaml:" in result.stderr and "Chưa ghi tệp Word nào" in result.stderr
    assert list((tmp_path / "ra").iterdir()) == []


def test_command_prints_a_draft_for_signing(with_draft, tmp_path):
    result = run("export-docx", "2024-q4", "--trinh-ky", "--content", str(with_draft.content), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "bản trình ký" in result.stdout
    doc = read((tmp_path / "bao-cao-2024-q4.docx").read_bytes())
    assert "Dự thảo" not in [p.text for p in doc.paragraphs]
    assert [p.text for p in doc.sections[0].footer.paragraphs if p.text] == []
