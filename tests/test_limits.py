"""Limits are checked before the work and agree with each other: a file over a limit is refused at
once, with the limit named; a file just under it is read in reasonable time and fits what follows."""

from __future__ import annotations

import csv
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from cchc_site.content import rawtext
from cchc_site.procedures import table
from cchc_site.word import docx_reader
from cchc_site.word.docx_reader import ReadError, read_docx

TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx(path: Path, paragraph: bytes, count: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            )
            for _ in range(count // 1000):
                handle.write(paragraph * 1000)
            handle.write(paragraph * (count % 1000) + b"</w:body></w:document>")
    return path


def never_parsed(monkeypatch) -> None:
    monkeypatch.setattr(docx_reader, "_open", lambda *_: pytest.fail("python-docx was asked to parse it"))


def test_a_docx_that_unpacks_to_far_more_than_its_size_is_refused_unparsed(tmp_path, monkeypatch):
    never_parsed(monkeypatch)
    path = docx(
        tmp_path / "bom.docx", b"<w:p><w:r><w:t>Ph\xe1\xba\xa7n v\xc4\x83n</w:t></w:r></w:p>", 2_000_000
    )
    assert path.stat().st_size < 1_000_000
    start = time.perf_counter()
    with pytest.raises(ReadError, match=rf"tối đa {docx_reader.MAX_RATIO} lần"):
        read_docx(path)
    assert time.perf_counter() - start < 2


def test_paragraphs_are_counted_before_parsing(tmp_path, monkeypatch):
    never_parsed(monkeypatch)
    path = docx(tmp_path / "doan.docx", b"<w:p/>", docx_reader.MAX_PARAGRAPHS + 1)
    with pytest.raises(ReadError, match=r"quá nhiều đoạn văn \(hơn 20\.000\)"):
        read_docx(path)


def test_a_document_at_the_paragraph_limit_is_read(tmp_path):
    path = docx(tmp_path / "du.docx", b"<w:p><w:r><w:t>x</w:t></w:r></w:p>", docx_reader.MAX_PARAGRAPHS)
    assert read_docx(path) is not None


def rows_file(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["STT", "Tên TTHC", "Lĩnh vực", "Thời hạn giải quyết", "Phí, lệ phí"])
        for number in range(1, rows):
            writer.writerow(
                [number, f"Thủ tục cấp giấy xác nhận thử số {number}", "Hộ tịch", "Trong ngày", "Không"]
            )
    return path


def test_a_sheet_over_the_row_limit_is_refused_as_rows_stream_in(tmp_path):
    path = rows_file(tmp_path / "nhieu.csv", table.MAX_ROWS + 1)
    with pytest.raises(table.SheetError, match=r"hơn 5\.000 dòng"):
        table.read_table(path)


def test_a_sheet_under_the_row_limit_is_planned_quickly_and_its_list_fits_a_content_file(project, tmp_path):
    from cchc_site.core.models import DanhMuc
    from cchc_site.procedures.importer import Options, current_header, dump_list, plan_import
    from cchc_site.validate import load_site

    site = load_site(project.content, "content", today=date(2026, 12, 2))
    path = rows_file(tmp_path / "du.csv", table.MAX_ROWS)
    start = time.perf_counter()
    sheet = table.read_sheet(path, None)
    plan = plan_import(sheet, site.danh_muc, Options(date(2026, 12, 1), None, "cap_xa", False, None))
    elapsed = time.perf_counter() - start
    assert len(plan.added) == table.MAX_ROWS - 1
    assert elapsed < 30, f"{elapsed:.1f} s to plan {table.MAX_ROWS - 1} rows"  # was over 100 s before
    text = dump_list(
        DanhMuc(nguon=site.danh_muc.nguon, thu_tuc=plan.result),
        current_header(project.content / "thu-tuc.yaml"),
    )
    assert len(text.encode("utf-8")) < rawtext.MAX_BYTES  # the list written is one the build reads
