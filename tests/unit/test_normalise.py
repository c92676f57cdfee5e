"""Search keys: one Unicode form, one tone placement, accents folded without losing "đ"."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vietnamese_text.normalise import canonical_tones, fold, has_marks, key, strip_marks, tokens

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
vietnamese_text = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " ,.-()/0123456789", max_size=60)


@given(vietnamese_text)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(vietnamese_text)
def test_key_is_idempotent(text: str) -> None:
    assert key(key(text)) == key(text)


@given(vietnamese_text)
def test_nfc_and_nfd_input_give_the_same_keys(text: str) -> None:
    nfd = unicodedata.normalize("NFD", text)
    nfc = unicodedata.normalize("NFC", text)
    assert key(nfd) == key(nfc)
    assert fold(nfd) == fold(nfc)
    assert tokens(key(nfd)) == tokens(key(nfc))


@given(vietnamese_text)
def test_folded_keys_are_plain_ascii_for_vietnamese_letters(text: str) -> None:
    assert fold(text).isascii()


@given(vietnamese_text)
def test_folding_keeps_the_words(text: str) -> None:
    assert len(tokens(fold(text))) == len(tokens(key(text)))


def test_d_with_stroke_survives_as_d() -> None:
    assert fold("Đăng ký đất đai") == "dang ky dat dai"
    assert strip_marks("ĐĐ đđ") == "DD dd"


def test_a_plain_nfd_strip_would_have_lost_d_but_fold_does_not() -> None:
    decomposed = unicodedata.normalize("NFD", "đổi")
    assert fold(decomposed) == "doi"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("Hoá đơn", "Hóa đơn"),
        ("TOÀ ÁN", "TÒA ÁN"),
        ("uỷ ban", "ủy ban"),
    ],
)
def test_old_and_new_tone_placement_give_the_same_key(old: str, new: str) -> None:
    assert key(old) == key(new)
    assert key(unicodedata.normalize("NFD", old)) == key(new)


@pytest.mark.parametrize("word", ["quý", "quả", "hoàng", "thuyền", "khoản", "ngoài", "hòa"])
def test_syllables_with_one_tone_placement_are_left_alone(word: str) -> None:
    assert canonical_tones(word) == word


def test_key_lowercases_and_composes() -> None:
    assert key(unicodedata.normalize("NFD", "Đăng Ký Khai Sinh")) == "đăng ký khai sinh"


def test_tokens_split_on_punctuation_and_keep_digits() -> None:
    assert tokens(key("Cấp lại thẻ căn cước (cấp tỉnh), người từ đủ 14 tuổi/T-VAN")) == [
        "cấp", "lại", "thẻ", "căn", "cước", "cấp", "tỉnh", "người", "từ", "đủ", "14", "tuổi", "t", "van",
    ]  # fmt: skip


def test_has_marks_sees_every_diacritic_including_d_with_stroke() -> None:
    assert has_marks("đi")
    assert has_marks("ký")
    assert not has_marks("khai")
