"""Property-based tests of the Vietnamese accent folding used by search and the list filter."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_site.text import fold

pytestmark = pytest.mark.slow  # hypothesis explores many examples: the full tier only

VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
LETTERS = VIETNAMESE + VIETNAMESE.upper()


@given(st.text())
def test_fold_is_idempotent(value):
    assert fold(fold(value)) == fold(value)


@given(st.text(alphabet=string.printable))
def test_fold_keeps_ascii_text_unchanged(value):
    assert fold(value) == value and len(fold(value)) == len(value)


@given(st.text(alphabet=LETTERS))
def test_fold_maps_every_vietnamese_letter_to_one_ascii_letter(value):
    folded = fold(value)
    assert len(folded) == len(value)
    assert all(char in string.ascii_letters for char in folded)


@given(st.text(alphabet=LETTERS + " "))
def test_fold_ignores_composition(value):
    assert fold(unicodedata.normalize("NFD", value)) == fold(unicodedata.normalize("NFC", value))


def test_every_letter_folds_to_its_base():
    for char in LETTERS:
        base = unicodedata.normalize("NFD", char)[0]
        assert fold(char) == {"đ": "d", "Đ": "D"}.get(char, base)
