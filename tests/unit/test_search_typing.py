"""The engine on the bundled catalog, on queries typed badly: a wrong tone mark, a letter dropped or mistyped
(bench/search_typos.py measures each kind of mistake over the dev queries)."""

from __future__ import annotations

import pytest

from procedures_catalog.model import IndexEntry
from procedures_catalog.search import SearchIndex, SearchResult
from procedures_catalog.spelling import dialect_variants, likely_slip


def first(result: SearchResult) -> IndexEntry:
    return (result.hits or result.suggestions)[0].entry


@pytest.mark.parametrize(
    ("query", "expected", "read_as"),
    [
        # A spelling no name has: read without accents, so the synonym table's phrase still matches.
        ("mất giầy khai sinh có làm lại được không", {"1.004884", "2.000635"}, "giấy"),
        # A word that exists ("kỹ", "hàn") but stands beside neither neighbour, where another spelling does.
        ("đăng kỹ tạm vắng", {"1.003677"}, "đăng ký tạm vắng"),
        ("hộ chiếu trẻ em có thời hàn bao lâu", {"1.001456", "1.001471"}, "thời hạn"),
    ],
)
def test_a_wrong_tone_mark_is_read_as_the_spelling_that_fits_its_neighbours(
    catalog: SearchIndex, query: str, expected: set[str], read_as: str
) -> None:
    result = catalog.search(query)
    assert first(result).code in expected
    assert result.did_you_mean is not None and read_as in result.did_you_mean


def test_accents_typed_right_are_kept_when_no_other_spelling_fits_better(catalog: SearchIndex) -> None:
    # "hòa giải" and "hóa giải" are both names' words: each, typed, is what the citizen meant.
    result = catalog.search("hòa giải tranh chấp đất đai")
    assert result.did_you_mean is None


def test_a_neighbour_that_has_no_accents_keeps_an_accent_typed_right(catalog: SearchIndex) -> None:
    # "khai" is spelt without marks: beside it "tử" is right ("khai tử"), not read as the "tự" that fits "ở".
    result = catalog.search("khai tử ở đâu")
    assert result.did_you_mean is None
    assert first(result).code == "1.000656"


@pytest.mark.parametrize(
    ("query", "expected", "read_as"),
    [
        ("cap hoc hieu lan dau", {"1.001456", "1.001471"}, "cấp hộ chiếu"),  # two words that exist, space misplaced
        ("le phi dang ky ta mtru", {"1.004194"}, "tạm trú"),
        ("dang ky xe tam thoi", {"1.013083", "1.013086"}, None),
        ("dang kyx e tam thoi", {"1.013083", "1.013086"}, "đăng ký xe"),  # not the Telex "kỹ" and a lone "e"
    ],
)
def test_a_space_one_letter_off_is_put_back(
    catalog: SearchIndex, query: str, expected: set[str], read_as: str | None
) -> None:
    result = catalog.search(query)
    assert first(result).code in expected
    if read_as is None:
        assert result.did_you_mean is None
    else:
        assert result.did_you_mean is not None and read_as in result.did_you_mean


def test_two_words_that_stand_beside_their_neighbours_keep_their_space(catalog: SearchIndex) -> None:
    # "nhà phố" is not in a name, but "xây nhà" is: not "nhập hộ".
    assert "nhập" not in (catalog.search("xin phep xay nha pho can ban ve gi").did_you_mean or "")


@pytest.mark.parametrize(
    ("query", "expected", "read_as"),
    [
        # A word with a letter dropped that is another word: "cu" (cũ) beside "ky" is "chữ ký".
        ("chung thuc cu ky", {"2.000884"}, "chứng thực chữ ký"),
        ("quy dinh di bang lai xe may", {"3.000347"}, "bằng lái xe"),
        # Of the near words that fit, the one a slip makes: "cn" is "con" (a letter dropped), not "có" (a far key).
        ("thu tuc nhan cn nuoi", {"2.001263"}, "nhận con nuôi"),
    ],
)
def test_a_dropped_letter_is_read_as_the_word_that_fits_its_neighbours(
    catalog: SearchIndex, query: str, expected: set[str], read_as: str
) -> None:
    result = catalog.search(query)
    assert first(result).code in expected
    assert result.did_you_mean is not None and read_as in result.did_you_mean


@pytest.mark.parametrize(
    ("typed", "meant", "likely"),
    [
        ("cn", "con", True),  # a letter dropped
        ("laii", "lai", True),  # one more
        ("lia", "lai", True),  # two letters swapped
        ("kwt", "ket", True),  # w is beside e
        ("xinh", "sinh", True),  # a regional spelling
        ("tah", "tap", False),  # h is far from p
        ("cn", "co", False),
    ],
)
def test_a_slip_on_a_phone_keyboard(typed: str, meant: str, likely: bool) -> None:
    assert likely_slip(typed, meant) is likely


@pytest.mark.parametrize(
    ("query", "expected", "read_as"),
    [
        ("le phi dang cy tam tru", {"1.004194"}, "đăng ký tạm trú"),  # c for k
        ("tach ho khau sau khy ket hon the nao", {"1.010038"}, "khi kết hôn"),  # y for a final i
    ],
)
def test_c_and_k_or_a_final_i_and_y_mixed_are_read_as_the_word_that_fits(
    catalog: SearchIndex, query: str, expected: set[str], read_as: str
) -> None:
    result = catalog.search(query)
    assert first(result).code in expected
    assert result.did_you_mean is not None and read_as in result.did_you_mean


def test_the_spelling_variants_of_c_k_i_y_keep_the_onsets_kh_and_ch_and_the_vowels_ai_ay() -> None:
    assert dialect_variants("cy") == ["ky", "ci"]
    assert "chi" not in dialect_variants("khi")
    assert "khi" not in dialect_variants("chi")
    assert dialect_variants("ai") == [] and dialect_variants("tay") == []


@pytest.mark.parametrize(
    ("query", "expected", "read_as"),
    [
        # Two words run together that no name has side by side, read as two by the words around them.
        ("dieu kientach ho", {"1.010038"}, "kiện tách hộ"),
        ("cap laicccd bi mat online", {"1.000757", "1.014064", "2.001194"}, "cấp lại"),
    ],
)
def test_two_words_run_together_are_split_where_their_neighbours_say(
    catalog: SearchIndex, query: str, expected: set[str], read_as: str
) -> None:
    result = catalog.search(query)
    assert first(result).code in expected
    assert result.did_you_mean is not None and read_as in result.did_you_mean
