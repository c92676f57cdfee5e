from feedback.domain.unit_choice import find_units
from feedback.domain.units import Unit

UNITS = [
    Unit("UBND-XA", "UBND xã Tân Lập"),
    Unit("MOT-CUA", "Bộ phận một cửa", "UBND-XA"),
    Unit("DIA-CHINH", "Công chức địa chính - xây dựng", "UBND-XA"),
    Unit("TU-PHAP", "Công chức tư pháp - hộ tịch", "UBND-XA"),
    Unit("XA-KHAC", "UBND xã Tân Hòa"),
]


def codes(words: str) -> list[str]:
    return [unit.code for unit in find_units(words, UNITS)]


def test_words_typed_without_diacritics_find_the_unit() -> None:
    assert codes("dia chinh") == ["DIA-CHINH"]
    assert codes("Tư pháp") == ["TU-PHAP"]
    assert codes("mot cua") == ["MOT-CUA"]


def test_several_matches_come_most_specific_first() -> None:
    assert codes("cong chuc") == ["TU-PHAP", "DIA-CHINH"]  # the shorter name says less besides
    assert set(codes("ubnd xa")) == {"UBND-XA", "XA-KHAC"}
    assert codes("tan hoa") == ["XA-KHAC"]


def test_the_code_is_a_word_too() -> None:
    assert codes("tu-phap") == ["TU-PHAP"]


def test_a_typo_still_finds_the_closest_and_nonsense_finds_nothing() -> None:
    assert codes("dia chin")[0] == "DIA-CHINH"
    assert codes("qwxzv") == []
    assert codes("cong an") == []  # "an" is not "tan": a unit that is not there is not guessed
    assert codes("   ") == []
