"""Telex / VNI repair of words typed with the Vietnamese input method switched off."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procedures_catalog.telex import repair_word, telex_to_vietnamese
from vietnamese_text.normalise import fold, key, tokens

CATALOG_NAMES = [
    "Thủ tục đăng ký khai sinh",
    "Thủ tục đăng ký kết hôn",
    "Đổi giấy phép lái xe",
    "Cấp lại thẻ căn cước",
    "Xoong nồi, boong tàu",
    "Đăng ký thường trú cho người nước ngoài",
]
KNOWN = {word for name in CATALOG_NAMES for word in tokens(key(name))}
KNOWN_FOLDED = {fold(word) for word in KNOWN}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ddawng", "đăng"),
        ("kys", "ký"),
        ("keets", "kết"),
        ("hoon", "hôn"),
        ("ddooir", "đổi"),
        ("giaasy", "giấy"),
        ("pheps", "phép"),
        ("nguwowif", "người"),
        ("nguoiwf", "người"),
        ("nuwowcs", "nước"),
        ("thuwowngf", "thường"),
        ("caaps", "cấp"),
        ("thuyr", "thủy"),
        ("hoaf", "hòa"),
        ("quys", "quý"),
        ("d9a8ng", "đăng"),
        ("ky1", "ký"),
        ("d9o6i3", "đổi"),
    ],
)
def test_telex_and_vni_keystrokes_spell_the_syllable(typed: str, meant: str) -> None:
    assert telex_to_vietnamese(typed) == meant


@pytest.mark.parametrize("typed", ["xyz", "qwerty", "1.001193", "2024", "bcd", "pizza", "kysf", "abcde"])
def test_non_syllables_have_no_repair(typed: str) -> None:
    assert telex_to_vietnamese(typed) is None


def test_a_query_typed_in_telex_is_repaired_word_by_word() -> None:
    typed = ["ddooir", "giaasy", "pheps", "lais", "xe"]
    assert [repair_word(w, KNOWN_FOLDED, KNOWN) for w in typed] == ["đổi", "giấy", "phép", "lái", "xe"]


def test_real_words_with_double_o_are_left_alone() -> None:
    assert repair_word("xoong", KNOWN_FOLDED, KNOWN) == "xoong"
    assert repair_word("boong", KNOWN_FOLDED, KNOWN) == "boong"


def test_a_repair_that_is_not_a_catalog_word_is_not_applied() -> None:
    assert repair_word("toons", KNOWN_FOLDED, KNOWN) == "toons"  # "tốn" is not in these names


@given(st.sampled_from(sorted(KNOWN)))
def test_repair_never_changes_a_catalog_word(word: str) -> None:
    assert repair_word(word, KNOWN_FOLDED, KNOWN) == word
    assert repair_word(fold(word), KNOWN_FOLDED, KNOWN) == fold(word)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", max_size=12))
def test_repair_returns_the_word_or_a_known_word(word: str) -> None:
    repaired = repair_word(word, KNOWN_FOLDED, KNOWN)
    assert repaired == word or repaired in KNOWN
