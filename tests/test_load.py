"""The YAML reader: safe, line-aware, and faithful to how Vietnamese documents write values."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_site.content.documents import load_yaml
from cchc_site.core.errors import Problems


def read(tmp_path: Path, data: bytes | str):
    path = tmp_path / "tep.yaml"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    problems = Problems()
    return load_yaml(path, "content/tep.yaml", problems), problems


def only_error(problems: Problems):
    assert len(problems.errors) == 1, [p.format() for p in problems.items]
    return problems.errors[0]


def test_plain_values_and_lines(tmp_path):
    doc, problems = read(tmp_path, "a: 1\nb:\n  - x\n  - 2022-09-30\nc: Hộ tịch\n")
    assert not problems.items
    assert doc.data == {"a": 1, "b": ["x", "2022-09-30"], "c": "Hộ tịch"}
    assert doc.line(("b", 1)) == 4
    assert doc.line(("c",)) == 5
    assert doc.line(("b", 1, "missing")) == 4  # nearest known parent


@pytest.mark.parametrize("written, value", [("05", 5), ("08", 8), ("010", 10), ("0", 0), ("-3", -3)])
def test_leading_zeros_are_decimal_never_octal(tmp_path, written, value):
    doc, _ = read(tmp_path, f"so: {written}\n")
    assert doc.data["so"] == value


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Có", "y", "n"])
def test_yes_no_words_stay_words(tmp_path, word):
    doc, _ = read(tmp_path, f"x: {word}\n")
    assert doc.data["x"] == word


def test_unquoted_code_keeps_its_source_text(tmp_path):
    doc, _ = read(tmp_path, 'ma: 2.000810\nma2: "2.000810"\n')
    assert doc.data["ma"] == 2.00081 and doc.raw[("ma",)] == "2.000810"
    assert doc.data["ma2"] == "2.000810"


def test_explicit_str_tag_keeps_text(tmp_path):
    doc, problems = read(tmp_path, "a: !!str 1.0\n")
    assert not problems.items and doc.data == {"a": "1.0"}


def test_bom_crlf_and_nfd_are_accepted_and_normalised(tmp_path):
    nfd = "Đăng ký kết hôn".encode()
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Đăng ký kết hôn")
    doc, problems = read(tmp_path, b"\xef\xbb\xbften: " + decomposed.encode("utf-8") + b"\r\nx: 1\r\n")
    assert not problems.items
    assert doc.data["ten"].encode("utf-8") == nfd
    assert doc.line(("x",)) == 2


def test_duplicate_key_is_an_error_with_both_lines(tmp_path):
    _, problems = read(tmp_path, "a: 1\nb: 2\na: 3\n")
    error = only_error(problems)
    assert error.line == 3 and "bị lặp lại" in error.message and "dòng 1" in error.expected


@pytest.mark.parametrize(
    "source",
    [
        "a: !!python/object/apply:os.system ['echo x']\n",
        "a: !!python/name:os.system\n",
        "a: !custom 1\n",
        "a: !!binary aGVsbG8=\n",
    ],
)
def test_tags_are_refused(tmp_path, source):
    _, problems = read(tmp_path, source)
    error = only_error(problems)
    assert "Thẻ YAML không được phép" in error.message and error.line == 1


def test_alias_bomb_is_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 8)]
    _, problems = read(tmp_path, "\n".join(lines) + "\n")
    assert "quá nhiều phần tử" in only_error(problems).message


def test_deep_nesting_is_refused(tmp_path):
    _, problems = read(tmp_path, "a: " + "[" * 60 + "]" * 60 + "\n")
    assert "lồng nhau quá sâu" in only_error(problems).message


def test_merge_key_is_refused(tmp_path):
    _, problems = read(tmp_path, "a: &x {b: 1}\nc:\n  <<: *x\n")
    assert "khóa gộp" in only_error(problems).message


def test_syntax_error_names_line_and_tab(tmp_path):
    _, problems = read(tmp_path, "a: 1\nb:\n\t- 2\n")
    error = only_error(problems)
    assert error.line == 3 and "cú pháp YAML" in error.message and "Tab" in error.hint


@pytest.mark.parametrize(
    "legacy",
    [
        b"ten: Ti\xea\xccn\n",  # Windows-1258: "Tiền" as ê + combining grave
        b"ten: H\xe9 t\xdech\n",  # TCVN3 (.VnTime): "Hộ tịch"
    ],
)
def test_legacy_encoding_is_refused_with_conversion_hint(tmp_path, legacy):
    _, problems = read(tmp_path, b"a: 1\n" + legacy)
    error = only_error(problems)
    assert "không phải mã UTF-8" in error.message and error.line == 2 and "Unikey" in error.hint


@pytest.mark.parametrize(
    "pasted",
    [
        "ten: Thñ tôc hµnh chÝnh cÊp x· vÒ hé tÞch\n",  # TCVN3 text pasted from a .VnTime document
        "ten: Thuû tuïc haønh chính caáp xaõ\n",  # VNI-Windows text
    ],
)
def test_legacy_text_pasted_as_unicode_is_refused(tmp_path, pasted):
    _, problems = read(tmp_path, "a: 1\n" + pasted)
    error = only_error(problems)
    assert error.line == 2 and "TCVN3" in error.message and "Unikey" in error.hint


def test_real_vietnamese_with_symbols_is_not_mistaken_for_legacy_text(tmp_path):
    doc, problems = read(
        tmp_path,
        "ten: Diện tích 25 m², nhiệt độ 30°C, 3 × 4, Ủy ban, Đảng ủy, ĐẶNG THỊ Ý, «trích dẫn» · mục\n",
    )
    assert not problems.items and doc.data["ten"].startswith("Diện tích")


@pytest.mark.parametrize(
    "line",
    [
        "ten: UBND xã đã…» thực hiện\n",  # an ellipsis and a closing guillemet after «ã»: not Windows-1252
        "ten: «Đã…», «Hỗ trợ», Âu, Ê…, Ô“\n",
    ],
)
def test_vietnamese_punctuation_after_a_letter_is_not_mojibake(tmp_path, line):
    doc, problems = read(tmp_path, line)
    assert not problems.items and doc.data["ten"]


def test_control_character_is_refused(tmp_path):
    _, problems = read(tmp_path, "a: 1\nb: x\x07y\n")
    error = only_error(problems)
    assert error.line == 2 and "ký tự điều khiển (U+0007), ở dòng 2, cột 5" in error.message


def test_file_over_size_limit_is_refused(tmp_path, monkeypatch):
    import cchc_site.content.rawtext as rawtext

    monkeypatch.setattr(rawtext, "MAX_BYTES", 10)
    _, problems = read(tmp_path, "a: 12345678901234567890\n")
    assert "quá lớn" in only_error(problems).message
