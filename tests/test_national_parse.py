"""National procedure records read into ``BanGhi``: each shape from a fixture with exact values,
every reference record against a plain reading of its own text, the flags and repairs of every
reference record against the reviewed list (``tests/golden/national-flags.yaml``), bad input."""

from __future__ import annotations

import copy
import json
import os
import re
import time
import unicodedata
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_site.core.record import (
    DEFECTS,
    BanGhi,
    GiayTo,
    KetQua,
    NguyenVan,
    NhomGiayTo,
    VanBanPhapLy,
    flagged,
)
from cchc_site.procedures.national import (
    RecordShapeError,
    parse_record,
    parse_record_with_repairs,
    shape_of,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "quoc-gia"
GOLDEN = ROOT / "tests" / "golden" / "national-flags.yaml"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
REFERENCE_FILES = sorted((REFERENCE / "quoc-gia").glob("*.json")) + sorted(
    (REFERENCE / "quoc-phong").glob("*.json")
)
NO_REFERENCE = pytest.mark.skip(
    reason=f"reference data not here ({REFERENCE}): CI clones the repository alone"
)
PER_RECORD = [pytest.param(path, id=f"{path.parent.name}/{path.stem}") for path in REFERENCE_FILES] or [
    pytest.param(None, marks=NO_REFERENCE, id="no-reference")
]
VERSION = "giữa năm 2026"

CHANNEL_AT_ROW_START = re.compile(r"(?:Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\d|Không có thông tin)")
ORIGINALS = re.compile(r"(?<!\d)\d+ bản chính")
LEGAL_NUMBER = re.compile(r"(\d+)((?:\.\d+)?/\d{4}/[A-ZĐ]+)")
DOCUMENTS_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def parsed(path: Path) -> tuple[BanGhi, tuple]:
    return parse_record_with_repairs(load(path), file_name=path.name, phien_ban=VERSION)


def fixture(shape: str, code: str) -> tuple[BanGhi, tuple]:
    return parsed(FIXTURES / shape / f"{code}.json")


def texts(value: Any) -> list[str]:
    """Every text a parsed record holds."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in texts(item)]
    return []


def flag_texts(record: BanGhi, part: str) -> list[str]:
    return [item.nguyen_van for where, item in flagged(record) if where == part]


# ---- every reference record (skipped without the reference folder) --------------------------------


@pytest.mark.parametrize("path", PER_RECORD)
def test_every_reference_record_parses_to_clean_text(path):
    record, _ = parsed(path)
    assert record.nguon.ma == path.stem and record.nguon.tep == path.name
    for text in texts(record.model_dump(mode="json")):
        odd = [char for char in text if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")]
        assert not odd, (text[:80], odd)
        assert text == text.strip() and "  " not in text and unicodedata.is_normalized("NFC", text)


def _documents_text(data: dict) -> str:
    """The documents section as the page shows it: the field, or (when the field holds another
    section's text) what the page has between the channels table and the legal basis."""
    field = data["thanh_phan_ho_so"] or ""
    if DOCUMENTS_HEADER in field:
        return field
    after_channels = (data.get("raw_text") or "").split(data["cach_thuc_thuc_hien"], 1)[-1]
    return after_channels.split("Căn cứ pháp lýTên văn bản pháp lý", 1)[0]


@pytest.mark.parametrize(
    "path", [p for p in PER_RECORD if p.values[0] is None or p.values[0].parent.name == "quoc-gia"]
)
def test_the_page_tables_lose_no_row(path):
    """Against a plain reading of the flattened strings: one channel row per channel word that
    starts a row; every «N bản chính» of the documents in a document, a note or a flagged text;
    every legal number in a number, a title or a flagged text."""
    data, (record, _) = load(path), parsed(path)
    assert len(record.cach_thuc) == len(CHANNEL_AT_ROW_START.findall(data["cach_thuc_thuc_hien"]))

    source = _documents_text(data)
    found = 0
    for group in record.ho_so:
        if isinstance(group, NguyenVan):
            found += len(ORIGINALS.findall(group.nguyen_van))
            continue
        found += len(ORIGINALS.findall(group.truong_hop or ""))
        for note in group.ghi_chu:
            found += 1 + len(ORIGINALS.findall(note))
        for item in group.giay_to:
            if isinstance(item, NguyenVan):
                found += len(ORIGINALS.findall(item.nguyen_van))
            else:
                found += (item.ban_chinh is not None) + len(ORIGINALS.findall(item.ten))
    assert found == len(ORIGINALS.findall(source))

    legal = [
        text
        for row in record.can_cu_phap_ly
        for text in (
            [row.nguyen_van] if isinstance(row, NguyenVan) else [row.trich_yeu, row.so_ky_hieu or ""]
        )
    ]
    for number in LEGAL_NUMBER.finditer(data["can_cu_phap_ly"] or ""):
        digits, rest = number.groups()
        # the digits may carry a year or a number glued before them: some ending of them is the number's
        assert any(digits[start:] + rest in text for start in range(len(digits)) for text in legal), (
            number.group()
        )


@pytest.mark.parametrize(
    "path", [p for p in PER_RECORD if p.values[0] is None or p.values[0].parent.name == "quoc-phong"]
)
def test_the_word_tables_keep_every_row(path):
    tables, (record, _) = load(path)["tables"], parsed(path)
    assert len(record.cach_thuc) == len(tables["hinh_thuc_nop"])
    rows = [
        row
        for group in record.ho_so
        if isinstance(group, NhomGiayTo)
        for row in [*group.giay_to, *group.ghi_chu]
    ]
    assert len(rows) == len(tables["thanh_phan_ho_so"])
    assert len(record.can_cu_phap_ly) == len(tables["can_cu_phap_ly"])


def _current() -> dict[str, dict[str, list[list[str]]]]:
    found = {}
    for path in REFERENCE_FILES:
        record, repairs = parsed(path)
        entry = {}
        if flags := [[part, item.loi] for part, item in flagged(record)]:
            entry["loi"] = flags
        if repaired := [[repair.part, repair.rule] for repair in repairs]:
            entry["sua"] = repaired
        found[f"{path.parent.name}/{path.stem}"] = entry
    return found


@pytest.mark.skipif(not REFERENCE_FILES, reason=f"reference data not here ({REFERENCE})")
def test_flags_and_repairs_match_the_reviewed_list():
    """Every part kept in the portal's wording (``loi``: part, defect) and every repair (``sua``:
    part, rule) of every reference record. ``UPDATE_GOLDEN=1`` rewrites the list: review the diff."""
    current = _current()
    if os.environ.get("UPDATE_GOLDEN") or os.environ.get("CCHC_UPDATE_GOLDEN"):
        counts: dict[str, int] = {}
        for entry in current.values():
            for _, kind in entry.get("loi", []):
                counts[kind] = counts.get(kind, 0) + 1
        header = "".join(f"#   {kind}: {count}\n" for kind, count in sorted(counts.items()))
        GOLDEN.write_text(
            "# Flags (loi: part, defect) and repairs (sua: part, rule) of every national reference record,\n"
            "# written by tests/test_national_parse.py with UPDATE_GOLDEN=1. Flags by defect:\n"
            + header
            + yaml.safe_dump(current, allow_unicode=True, sort_keys=True, default_flow_style=None, width=120),
            encoding="utf-8",
        )
    assert yaml.safe_load(GOLDEN.read_text(encoding="utf-8")) == current


@pytest.mark.skipif(not REFERENCE_FILES, reason=f"reference data not here ({REFERENCE})")
def test_all_reference_records_parse_well_under_two_seconds():
    records = [load(path) for path in REFERENCE_FILES]
    elapsed = []
    for _ in range(2):  # the better of two runs: a busy machine should not fail it
        start = time.perf_counter()
        for data in records:
            parse_record(data, file_name=None, phien_ban=VERSION)
        elapsed.append(time.perf_counter() - start)
    assert min(elapsed) < 2.0, elapsed


# ---- shape A, the portal page (fixtures: always run) -----------------------------------------------


def test_page_birth_registration():
    record, repairs = fixture("trang-cong", "1.001193")
    assert record.nguon.model_dump(exclude_none=True) == {
        "loai": "quoc_gia",
        "ma": "1.001193",
        "phien_ban": VERSION,
        "dang": "trang_cong",
        "tep": "1.001193.json",
        "quyet_dinh_cong_bo": "163/QĐ-BTP",
        "duong_dan": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7",
    }
    assert record.ten == "Thủ tục đăng ký khai sinh" and record.linh_vuc == "Hộ tịch"
    assert (
        record.co_quan_co_tham_quyen is None and record.yeu_cau_dieu_kien is None
    )  # «» and «Không có thông tin»
    channel = record.cach_thuc[0]
    assert [c.hinh_thuc for c in record.cach_thuc] == ["truc_tuyen", "buu_chinh", "truc_tiep"]
    assert channel.thoi_han == NguyenVan(nguyen_van="1", loi="thieu_don_vi")
    assert [fee.model_dump(exclude_defaults=True) for fee in channel.phi_le_phi] == [
        {"so_tien": 0, "mo_ta": "Miễn phí"}
    ]
    submitted = record.ho_so[0]
    assert isinstance(submitted, NhomGiayTo) and submitted.truong_hop == "Giấy tờ phải nộp"
    assert submitted.giay_to[0] == GiayTo(
        ten="Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập.",
        ban_chinh=1,
        ban_sao=None,
        mau=[],
    )
    assert submitted.ghi_chu[0].startswith("Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh")
    assert record.ho_so[1].truong_hop == "Giấy tờ phải xuất trình"
    assert record.ket_qua == [KetQua(ten="Giấy khai sinh", ma="KQ.G15.000031")]
    assert VanBanPhapLy(trich_yeu="Luật 60/2014/QH13", so_ky_hieu="60/2014/QH13") in record.can_cu_phap_ly
    steps = record.trinh_tu[0].buoc
    assert [step.loi for step in steps[:2]] == ["chu_bi_loi", "chu_bi_loi"]
    assert "khai tâm Phục vụ" in steps[0].nguyen_van
    assert steps[2].startswith("Cán bộ tiếp nhận hồ sơ") and steps[4].startswith("+ Trường hợp hồ sơ")
    assert repairs == ()


def test_page_sections_cut_at_the_wrong_heading_are_reread_from_the_page():
    record, repairs = fixture("trang-cong", "1.001601")
    assert {(r.part, r.rule) for r in repairs} == {
        ("trinh_tu_thuc_hien", "phan_cat_sai"),
        ("thanh_phan_ho_so", "phan_cat_sai"),
    }
    steps = record.trinh_tu[0].buoc
    assert [step[:7] for step in steps] == ["Bước 1.", "Bước 2.", "Bước 3."]
    assert record.ho_so == [
        NhomGiayTo(
            truong_hop=None,
            giay_to=[
                GiayTo(
                    ten="Giấy ủy quyền (mẫu số 13-HSB) hoặc Hợp đồng ủy quyền theo quy định của pháp luật.",
                    ban_chinh=1,
                    ban_sao=None,
                    mau=[],
                )
            ],
            ghi_chu=[],
        )
    ]
    record, repairs = fixture("trang-cong", "2.000942")
    assert ("co_quan_thuc_hien", "phan_cat_sai") in {(r.part, r.rule) for r in repairs}
    assert record.co_quan_thuc_hien is None  # the page's «Không có thông tin», not the steps' tail
    assert record.trinh_tu[0].buoc[-1].startswith("+ Người thực hiện chứng thực khai thác")
    fee = record.cach_thuc[0].phi_le_phi[0]
    assert (fee.so_tien, fee.tien_te, fee.mo_ta[:15]) == (2000, "dong", "2.000 đồng/tran")
    record, repairs = fixture("trang-cong", "3.000164")
    assert ("can_cu_phap_ly", "phan_cat_sai") in {(r.part, r.rule) for r in repairs}
    assert [row.so_ky_hieu for row in record.can_cu_phap_ly] == [
        "02/2012/NQ-HĐTP",
        "110/2015/QH13",
        "21/2014/L-CTN",
        "56/2010/QH12",
    ]
    assert record.ket_qua == [KetQua(ten="Văn bản tố tụng của Tòa án theo tiến trình giải quyết", ma="VBTT")]


def test_page_one_channel_twice_with_its_two_fees():
    record, _ = fixture("trang-cong", "2.000815")
    assert [c.hinh_thuc for c in record.cach_thuc] == ["truc_tiep", "truc_tiep"]
    fees = [c.phi_le_phi[0].model_dump(exclude_defaults=True) for c in record.cach_thuc]
    assert fees == [{"so_tien": 2000, "mo_ta": "/trang"}, {"so_tien": 10, "tien_te": "usd", "mo_ta": "/bản"}]
    assert record.cach_thuc[1].mo_ta == "Tại cơ quan đại diện: 10 USD/bản."
    assert record.cach_thuc[0].thoi_han is None


def test_page_counts_glued_to_names():
    record, repairs = fixture("trang-cong", "1.014059")
    assert ("thanh_phan_ho_so", "so_dinh_vao_so_luong") in {(r.part, r.rule) for r in repairs}
    documents = [item for group in record.ho_so for item in group.giay_to]
    repaired = next(d for d in documents if isinstance(d, GiayTo) and d.ten.endswith("ngày 25/6/2024"))
    assert repaired.ban_chinh == 1
    assert flag_texts(record, "ho_so") == [
        next(
            text
            for text in flag_texts(record, "ho_so")
            if text.endswith("thủ tục về căn cước.doc1 bản chính")
        )
    ]
    record, _ = fixture("trang-cong", "1.013965")
    assert (
        "Văn bản đề nghị sử dụng đất kết hợp đa mục đích theo Mẫu số 131 bản chính,1 bản sao"
        in flag_texts(record, "ho_so")
    )
    record, repairs = fixture("trang-cong", "1.010736")
    assert [r.rule for r in repairs].count("so_luong_trong_ten") == 2
    names = [item.ten for group in record.ho_so for item in group.giay_to]
    assert (
        names[0].startswith("01 bản chính nội dung tham vấn")
        and names[1] == "Báo cáo đánh giá tác động môi trường."
    )
    record, _ = fixture("trang-cong", "6.006595")
    nameless = [item.nguyen_van for _, item in flagged(record) if item.loi == "thieu_ten_giay_to"]
    assert nameless == ["1 bản chính", "1 bản chính"]


def test_page_legal_numbers_with_a_year_glued():
    record, repairs = fixture("trang-cong", "1.013965")
    assert VanBanPhapLy(trich_yeu="Luật số 43/2024/QH15 ngày 29/6/2024", so_ky_hieu="43/2024/QH15") in (
        record.can_cu_phap_ly
    )
    assert ("can_cu_phap_ly", "nam_dinh_vao_so_hieu") in {(r.part, r.rule) for r in repairs}
    assert any("118/2025/NĐ-C" in text for text in flag_texts(record, "can_cu_phap_ly"))  # the portal cut it
    record, _ = fixture("trang-cong", "1.001266")
    flags = [item for part, item in flagged(record) if part == "can_cu_phap_ly"]
    assert [(f.nguyen_van, f.loi) for f in flags] == [
        ("Luật sửa đổi, bổ sung một số điều của Luật Doanh nghiệp 202076/2025/QH15", "nam_dinh_vao_so_hieu")
    ]


# ---- shape C, the Word download --------------------------------------------------------------------


def test_word_download_oil_spill_plan():
    record, repairs = fixture("tai-word", "1.013128")
    assert record.nguon.dang == "tai_word" and record.nguon.quyet_dinh_cong_bo == "3717/QĐ-BQP"
    assert record.nguon.duong_dan is None and record.cap_thuc_hien == "Cấp Xã"
    assert record.yeu_cau_dieu_kien is None  # «Không»
    channel = record.cach_thuc[0]
    assert channel.model_dump(exclude_defaults=True) == {
        "hinh_thuc": "truc_tiep",
        "thoi_han": {"so": 7, "don_vi": "ngay_lam_viec"},
        "phi_le_phi": [{"ten": "Phí", "so_tien": 0}],
    }
    plan = record.ho_so[0].giay_to[0]
    assert (plan.ban_chinh, plan.ban_sao, [m.ten for m in plan.mau]) == (1, 0, ["6- PHỤ LỤC III.doc"])
    first = record.can_cu_phap_ly[0]
    assert (first.so_ky_hieu, first.ngay_ban_hanh, first.co_quan_ban_hanh) == (
        "12/2021/QĐ-TTg",  # the portal's «12», completed from the title
        date(2021, 3, 24),
        "Thủ tướng Chính phủ",
    )
    assert [(r.part, r.rule) for r in repairs] == [("can_cu_phap_ly", "so_hieu_khong_ro")]
    assert [step[:7] for step in record.trinh_tu[0].buoc] == ["Bước 1:", "Bước 2:", "Bước 3:"]
    assert record.ket_qua == [KetQua(ten="Quyết định phê duyệt kế hoạch ứng phó sự cố tràn dầu.", ma=None)]


def test_word_download_numbers_that_are_no_numbers_are_flagged():
    record, _ = fixture("tai-word", "1.013577")
    assert flag_texts(record, "can_cu_phap_ly") == [
        "54 — Luật Hải quan 2014",
        "BỘ LUẬT HÀNG HẢI VIỆT NAM — BỘ LUẬT HÀNG HẢI VIỆT NAM",
    ]
    assert record.cach_thuc[0].thoi_han.ghi_chu == "Chậm nhất là ngay trước khi tàu rời cảng"
    assert record.cach_thuc[0].phi_le_phi[0].so_tien == 0  # «Phí : Không Đồng»
    group = record.ho_so[0]
    assert group.ghi_chu[0].startswith("Giấy tờ phải xuất trình")  # «Bản chính: 0 / Bản sao: 0»


# ---- shape B, the database record (built from shape-A texts, see the fixtures' README) -------------


def test_database_record_reads_as_its_page():
    database, _ = fixture("csdl", "1.001193")
    page, _ = fixture("trang-cong", "1.001193")
    assert database.nguon.dang == "csdl" and database.nguon.duong_dan == page.nguon.duong_dan
    for part in ("ten", "linh_vuc", "doi_tuong", "trinh_tu", "cach_thuc", "ket_qua", "can_cu_phap_ly"):
        assert getattr(database, part) == getattr(page, part), part
    page_documents = [d.ten for g in page.ho_so for d in g.giay_to] + [
        n for g in page.ho_so for n in g.ghi_chu
    ]
    assert sorted(d.ten for g in database.ho_so for d in g.giay_to) == sorted(page_documents)
    assert database.ho_so[0].truong_hop == "Giấy tờ phải nộp"
    database, _ = fixture("csdl", "2.000815")
    page, _ = fixture("trang-cong", "2.000815")
    assert database.cach_thuc == page.cach_thuc


def test_database_record_fields_the_page_has_not():
    data = load(FIXTURES / "csdl" / "2.000815.json")
    data.update(
        ngay_quyet_dinh="24/03/2021", co_quan_ban_hanh="Bộ Tư pháp", so_quyet_dinh="Quyết định số 3152/QĐ-BTP"
    )
    data["cach_thuc_thuc_hien"][0].update(
        thoi_gian="Khác", mo_ta="Trong ngày làm việc", phi_le_phi="Phí: 0 VNĐ"
    )
    data["trinh_tu_thuc_hien"] = [
        {"truong_hop_xu_ly": "Trường hợp nộp trực tiếp", "mo_ta_chi_tiet": "Bước 1: Nộp.\nBước 2: Nhận."}
    ]
    data["tphs"][0].update(bm_dien_tu=["https://dichvucong.gov.vn/mau/To-khai.docx"])
    data["ccpl"][0].update(
        ngay_ban_hanh="2015-02-16", ngay_hieu_luc="31/02/2015", dia_chi_truy_cap="http://x"
    )
    record = parse_record(data, file_name=None, phien_ban=VERSION)
    assert (record.nguon.ngay_quyet_dinh, record.nguon.co_quan_cong_bo) == (date(2021, 3, 24), "Bộ Tư pháp")
    assert record.nguon.quyet_dinh_cong_bo == "3152/QĐ-BTP" and record.nguon.tep is None
    channel = record.cach_thuc[0]
    assert channel.thoi_han.ghi_chu == "Trong ngày làm việc" and channel.mo_ta is None
    assert channel.phi_le_phi[0].model_dump(exclude_defaults=True) == {"ten": "Phí", "so_tien": 0}
    assert record.trinh_tu[0].model_dump() == {
        "truong_hop": "Trường hợp nộp trực tiếp",
        "buoc": ["Bước 1: Nộp.", "Bước 2: Nhận."],
    }
    form = record.ho_so[0].giay_to[0].mau[0]
    assert (form.ten, form.duong_dan) == ("To-khai.docx", "https://dichvucong.gov.vn/mau/To-khai.docx")
    legal = record.can_cu_phap_ly[0]
    assert (legal.ngay_ban_hanh, legal.ngay_hieu_luc, legal.duong_dan) == (date(2015, 2, 16), None, None)


# ---- the phrases -----------------------------------------------------------------------------------


def _one_channel(**row: Any) -> Any:
    data = {
        "ma_tthc": "1.000001",
        "ten_tthc": "Thủ tục",
        "cach_thuc_thuc_hien": [{"hinh_thuc_nop": "Trực tuyến", **row}],
    }
    return parse_record(data, file_name=None, phien_ban=VERSION).cach_thuc[0]


@pytest.mark.parametrize(
    "written, expected",
    [
        ("5 Ngày làm việc", {"so": 5, "don_vi": "ngay_lam_viec"}),
        ("1.5 Giờ", {"so": 1.5, "don_vi": "gio"}),
        ("01 Giờ", {"so": 1, "don_vi": "gio"}),
        ("3 Tháng", {"so": 3, "don_vi": "thang"}),
        ("Không quy định", {"ghi_chu": "Không quy định"}),
        ("0 Giờ", {"ghi_chu": "0 Giờ"}),
        ("Trước khi tàu cập cảng.", {"ghi_chu": "Trước khi tàu cập cảng."}),
        ("7", {"nguyen_van": "7", "loi": "thieu_don_vi"}),
        ("Không có thông tin", None),
    ],
)
def test_times(written, expected):
    found = _one_channel(thoi_gian=written).thoi_han
    assert (found.model_dump(exclude_defaults=True) if found else None) == expected


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Miễn phí", [{"so_tien": 0, "mo_ta": "Miễn phí"}]),
        ("Không có thông tin", []),
        ("Phí: 0 VNĐ", [{"ten": "Phí", "so_tien": 0}]),
        (
            "Lệ phí : 50 USD (trừ trường hợp được miễn)",
            [{"ten": "Lệ phí", "so_tien": 50, "tien_te": "usd", "mo_ta": "trừ trường hợp được miễn"}],
        ),
        ("Phí : 50.000 Đồng", [{"ten": "Phí", "so_tien": 50000}]),
        ("4,500,000 Việt Nam Đồng", [{"so_tien": 4500000}]),
        (
            "Lệ phí : 0.5 USD (dưới 16 tuổi)\nLệ phí : 20000 Đồng (phương tiện)",
            [
                # a fraction stays in the portal's words: amounts are whole numbers
                {"ten": "Lệ phí", "tien_te": "usd", "mo_ta": "0.5 USD (dưới 16 tuổi)"},
                {"ten": "Lệ phí", "so_tien": 20000, "mo_ta": "phương tiện"},
            ],
        ),
        (
            "Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định.)",
            [
                {
                    "so_tien": 0,
                    "mo_ta": "Miễn phí (Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định.)",
                    "tinh_quy_dinh": True,
                }
            ],
        ),
        (
            "Lệ phí : 8.000 Đồng (Theo Nghị quyết của HĐND tỉnh)",
            [
                {
                    "ten": "Lệ phí",
                    "so_tien": 8000,
                    "mo_ta": "Theo Nghị quyết của HĐND tỉnh",
                    "tinh_quy_dinh": True,
                }
            ],
        ),
        ("Theo thỏa thuận", [{"nguyen_van": "Theo thỏa thuận", "loi": "khong_tach_duoc"}]),
    ],
)
def test_fees(written, expected):
    fees = _one_channel(phi_le_phi=written).phi_le_phi
    assert [fee.model_dump(exclude_defaults=True) for fee in fees] == expected


# ---- bad input -------------------------------------------------------------------------------------

PAGE = {"ma_thu_tuc": "1.001193", "ten_thu_tuc": "Thủ tục đăng ký khai sinh"}
WORD = {"metadata": {"mã_thủ_tục": "1.013128", "tên_thủ_tục": "Thủ tục"}, "tables": {}}


@pytest.mark.parametrize(
    "data, part",
    [
        ({}, "(bản ghi)"),
        ({"foo": 1, "bar": [1, 2]}, "(bản ghi)"),
        ({"ten_thu_tuc": "Thủ tục"}, "ma_thu_tuc"),
        ({**PAGE, "ma_thu_tuc": 1.001193}, "ma_thu_tuc"),
        ({**PAGE, "ma_thu_tuc": None}, "ma_thu_tuc"),
        ({**PAGE, "ma_thu_tuc": "1.00119"}, "ma_thu_tuc"),
        ({**PAGE, "ma_thu_tuc": "1.001193.H36"}, "ma_thu_tuc"),
        ({**PAGE, "ma_thu_tuc": "01.001193"}, "ma_thu_tuc"),
        ({**PAGE, "ten_thu_tuc": ["Thủ tục"]}, "ten_thu_tuc"),
        ({**PAGE, "ten_thu_tuc": " \u200b "}, "ten_thu_tuc"),
        ({**PAGE, "cach_thuc_thuc_hien": ["Trực tiếp"]}, "cach_thuc_thuc_hien"),
        ({"ma_tthc": "1.000001", "ten_tthc": "T", "tphs": {"ten_giay_to": "x"}}, "tphs"),
        ({"ma_tthc": "1.000001", "ten_tthc": "T", "tphs": [{"ban_chinh": "có"}]}, "tphs[0].ban_chinh"),
        ({"ma_tthc": "1.000001", "ten_tthc": "T", "ccpl": ["85/2019/TT-BTC"]}, "ccpl[0]"),
        ({**WORD, "metadata": {"tên_thủ_tục": "Thủ tục"}}, "metadata.mã_thủ_tục"),
        ({**WORD, "tables": {"hinh_thuc_nop": [{"mo_ta": 5.5j}]}}, "tables.hinh_thuc_nop[0].mo_ta"),
    ],
)
def test_what_is_no_record_is_refused_with_the_field_named(data, part):
    with pytest.raises(RecordShapeError) as refused:
        parse_record(data, file_name=None, phien_ban=VERSION)
    assert refused.value.part == part
    assert re.search(r"[àáảãạăâđêôơưế-ỹ]", refused.value.message)  # Vietnamese, with its diacritics


CHANNELS_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"


@pytest.mark.parametrize(
    "field, written, part, expected",
    [
        ("cach_thuc_thuc_hien", CHANNELS_HEADER + "abc", "cach_thuc", [("abc", "khong_tach_duoc")]),
        ("cach_thuc_thuc_hien", CHANNELS_HEADER, "cach_thuc", []),
        ("cach_thuc_thuc_hien", CHANNELS_HEADER + "Trực tiếp510,000 VNĐ", "cach_thuc", [("Trực tiếp510,000 VNĐ", "thieu_don_vi")]),
        ("cach_thuc_thuc_hien", CHANNELS_HEADER + "Trực tuyến1Miễn phí(không đóng", "cach_thuc", [("Trực tuyến1Miễn phí(không đóng", "khong_tach_duoc")]),
        ("cach_thuc_thuc_hien", CHANNELS_HEADER + "Trực tiếp2 Ngày1.500 USD", "cach_thuc", [("Trực tiếp2 Ngày1.500 USD", "khong_tach_duoc")]),
        ("cach_thuc_thuc_hien", "Trực tiếp 5 ngày", "cach_thuc", [("Trực tiếp 5 ngày", "khong_tach_duoc")]),
        ("thanh_phan_ho_so", DOCUMENTS_HEADER + "Đơn đề nghị", "ho_so", [("Đơn đề nghị", "khong_tach_duoc")]),
        ("thanh_phan_ho_so", "Bước 2. Nộp hồ sơ", "ho_so", [("Bước 2. Nộp hồ sơ", "phan_cat_sai")]),
        ("thanh_phan_ho_so", DOCUMENTS_HEADER + "1 bản chính", "ho_so", [("1 bản chính", "thieu_ten_giay_to")]),
        ("thanh_phan_ho_so", DOCUMENTS_HEADER + "Tờ khai theo mẫuTK 01.docx1 bản chính", "ho_so", [("Tờ khai theo mẫuTK 01.docx1 bản chính", "ten_mau_khong_ro")]),
        ("can_cu_phap_ly", LEGAL_HEADER + "Luật abc", "can_cu_phap_ly", [("Luật abc", "khong_tach_duoc")]),
        ("can_cu_phap_ly", "Luật Hộ tịch60/2014/QH13", "can_cu_phap_ly", [("Luật Hộ tịch60/2014/QH13", "khong_tach_duoc")]),
        ("ket_qua_xu_ly", "Mã: KQ.G15.000031Từ khóa", "ket_qua", [("Mã: KQ.G15.000031", "khong_tach_duoc")]),
        ("ket_qua_xu_ly", "Giấy AMã: KQ.1Giấy BMã: KQ.G15.000031", "ket_qua", [("Giấy AMã: KQ.1Giấy BMã: KQ.G15.000031", "khong_tach_duoc")]),
    ],
)  # fmt: skip
def test_odd_tables_are_kept_as_written(field, written, part, expected):
    record = parse_record({**PAGE, field: written}, file_name=None, phien_ban=VERSION)
    assert [(item.nguyen_van, item.loi) for where, item in flagged(record) if where == part] == expected


def test_page_rows_that_read_one_way():
    page = {
        **PAGE,
        "cach_thuc_thuc_hien": CHANNELS_HEADER + "Trực tuyến5 Ngày làm việc10,000 VNĐ(miễn cho hộ nghèo)Nộp qua Cổng",
        "thanh_phan_ho_so": "* Giấy tờ phải nộp:" + DOCUMENTS_HEADER
        + "- Tờ khai theo mẫu ban hành kèm Thông tư.TK01.docx1 bản chính,1 bản sao"
        + "Văn bản ủy quyền (01 bản chính) nếu có ủy quyền;1 bản chính"
        + "Lưu ý: xuất trình bản chính.0 bản chính",
        "can_cu_phap_ly": LEGAL_HEADER + "Luật Hộ tịch năm 201460/2014/QH13Nghị định quy định chi tiết123/2015/NĐ-CP",
        "ket_qua_xu_ly": "Giấy khai sinhMã: KQ.G15.000031Trích lụcMã: KQ.G15.000041Từ khóaKhông có thông tin",
    }  # fmt: skip
    record, repairs = parse_record_with_repairs(page, file_name=None, phien_ban=VERSION)
    assert record.cach_thuc[0].model_dump(exclude_defaults=True) == {
        "hinh_thuc": "truc_tuyen",
        "thoi_han": {"so": 5, "don_vi": "ngay_lam_viec"},
        "phi_le_phi": [{"so_tien": 10000, "mo_ta": "miễn cho hộ nghèo"}],
        "mo_ta": "Nộp qua Cổng",
    }
    assert record.ho_so[0].model_dump(exclude_defaults=True) == {
        "truong_hop": "Giấy tờ phải nộp",
        "giay_to": [
            {
                "ten": "Tờ khai theo mẫu ban hành kèm Thông tư.",
                "ban_chinh": 1,
                "ban_sao": 1,
                "mau": [{"ten": "TK01.docx"}],
            },
            {"ten": "Văn bản ủy quyền (01 bản chính) nếu có ủy quyền;", "ban_chinh": 1},
        ],
        "ghi_chu": ["Lưu ý: xuất trình bản chính."],
    }
    assert [row.model_dump(exclude_defaults=True) for row in record.can_cu_phap_ly] == [
        {"trich_yeu": "Luật Hộ tịch năm 2014", "so_ky_hieu": "60/2014/QH13"},
        {"trich_yeu": "Nghị định quy định chi tiết", "so_ky_hieu": "123/2015/NĐ-CP"},
    ]
    assert record.ket_qua == [
        KetQua(ten="Giấy khai sinh", ma="KQ.G15.000031"),
        KetQua(ten="Trích lục", ma="KQ.G15.000041"),
    ]
    assert sorted((r.part, r.rule) for r in repairs) == [
        ("can_cu_phap_ly", "nam_dinh_vao_so_hieu"),
        ("thanh_phan_ho_so", "so_luong_trong_ten"),
    ]


def test_markup_and_huge_texts_stay_plain_text():
    written = "<script>alert(1)</script> **đậm** {{ config }} {% if %} < 6 tuổi & > 3"
    record = parse_record(
        {
            **PAGE,
            "ten_thu_tuc": written,
            "trinh_tu_thuc_hien": "Bước 1: " + "a" * 1_000_000,
            "raw_text": "x" * 500_000,
        },
        file_name=None,
        phien_ban=VERSION,
    )
    assert record.ten == written
    assert len(record.trinh_tu[0].buoc[0]) == 1_000_008
    assert shape_of([PAGE]) is None and shape_of("1.001193") is None and shape_of(PAGE) == "trang_cong"


def test_the_defect_keys_and_labels_stay_in_step():
    from typing import get_args

    from cchc_site.core.record import Defect

    assert set(get_args(Defect)) == set(DEFECTS)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
KEYS = st.sampled_from(
    [
        *PAGE, "cach_thuc_thuc_hien", "thanh_phan_ho_so", "can_cu_phap_ly", "ket_qua_xu_ly", "raw_text",
        "trinh_tu_thuc_hien", "detail_url", "so_quyet_dinh", "ma_tthc", "ten_tthc", "tphs", "kqth", "ccpl",
        "link_truy_cap", "ngay_quyet_dinh", "metadata", "content", "tables",
    ]
)  # fmt: skip
TEXTS = st.text(
    alphabet=st.sampled_from(list("Trực tiếpuyến 0123456789/.,()-:;NĐCPQHbản chínhsaoMã KQ\n\t\u200b"))
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(KEYS | st.text(max_size=8), JSON | TEXTS, max_size=8), st.sampled_from([PAGE, WORD, {}])
)
def test_any_dict_gives_a_record_or_a_named_refusal(extra, base):
    data = {**copy.deepcopy(base), **extra}
    try:
        record = parse_record(data, file_name=None, phien_ban=VERSION)
    except RecordShapeError as refused:
        assert refused.part and refused.message
    else:
        assert isinstance(record, BanGhi)
