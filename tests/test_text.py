"""Vietnamese text helpers: folding, slugs, collation, numbers and dates as written in documents."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_site import text
from cchc_site.indicators import prose


@pytest.mark.parametrize(
    "source, folded",
    [
        ("Đăng ký kết hôn", "Dang ky ket hon"),
        ("ĐĂNG KÝ KẾT HÔN", "DANG KY KET HON"),
        ("thuỷ hoá", "thuy hoa"),
        ("thủy hóa", "thuy hoa"),
        ("Chứng thực bản sao", "Chung thuc ban sao"),
    ],
)
def test_fold(source, folded):
    assert text.fold(source) == folded


def test_fold_of_decomposed_text_equals_fold_of_composed():
    import unicodedata

    composed = "Đăng ký khai sinh"
    assert text.fold(unicodedata.normalize("NFD", composed)) == text.fold(composed)


def test_slugify_keeps_the_letter_d():
    assert text.slugify("Đăng ký khai sinh") == "dang-ky-khai-sinh"
    assert text.slugify("I. VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH") == "i-ve-cong-tac-chi-dao-dieu-hanh"


def test_vietnamese_collation():
    names = ["Zalo", "Đất đai", "Dân số", "Ân", "An", "Ăn", "Hộ tịch", "Hòa giải", "Chứng thực", "Công an"]
    assert sorted(names, key=text.sort_key) == [
        "An",
        "Ăn",
        "Ân",
        "Chứng thực",
        "Công an",
        "Dân số",
        "Đất đai",
        "Hòa giải",
        "Hộ tịch",
        "Zalo",
    ]


def numbers_in(written: str) -> set[int]:
    """The numbers the figure checks read in a text (``indicators.prose``)."""
    return {mention.value for mention in prose.mentions(written)}


def test_numbers_in_prose():
    found = numbers_in("phát sóng 16 lượt; họp lồng ghép: 08 cuộc; 1.234 người")
    assert {16, 8, 1234} <= found and 0 not in found
    assert 0 in numbers_in("xã không có cán bộ vi phạm")


def test_percents_and_dates_in_prose():
    percents = {p.written.removesuffix("%").strip() for p in prose.percents("đạt 100%, tăng 97,5 %")}
    assert percents == {"100", "97,5"}
    assert text.dates_in("ngày 01/3/2022 và 16/09/2022; từ 15/6-14/9; 31/2/2022") == {
        date(2022, 3, 1),
        date(2022, 9, 16),
    }


@pytest.mark.parametrize("ratio, shown", [(1.0, "100%"), (134 / 163, "82,2%"), (0.5, "50%"), (0.0, "0%")])
def test_format_percent(ratio, shown):
    assert text.format_percent(ratio) == shown


def test_format_number_and_date():
    assert text.format_number(1234567) == "1.234.567"
    assert text.format_date(date(2022, 9, 1)) == "01/09/2022"


@pytest.mark.parametrize(
    "value, shown", [(0, "0"), (1234.0, "1.234"), (12.5, "12,5"), (0.3, "0,3"), (-3, "-3")]
)
def test_format_decimal(value, shown):
    assert text.format_decimal(value) == shown
