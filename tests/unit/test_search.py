"""The procedure search as citizens use it: no accents, Telex, typos, abbreviations, codes."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from procedures_catalog.model import IndexEntry, Level
from procedures_catalog.search import CONFIDENCE_THRESHOLD, SearchFilters, SearchIndex, SearchResult
from procedures_catalog.synonyms import SynonymTable, parse_synonyms

ENTRIES = [
    IndexEntry("1.001193", "Thủ tục đăng ký khai sinh", "Cấp xã", "Hộ tịch", "Ủy ban nhân dân cấp xã"),
    IndexEntry("1.000894", "Thủ tục đăng ký kết hôn", "Cấp xã", "Hộ tịch", "Ủy ban nhân dân cấp xã"),
    IndexEntry("1.004884", "Thủ tục đăng ký lại khai sinh", "Cấp xã", "Hộ tịch", "Ủy ban nhân dân cấp xã"),
    IndexEntry("2.000528", "Thủ tục đăng ký khai sinh có yếu tố nước ngoài", "Cấp xã", "Hộ tịch", None),
    IndexEntry("3.000347", "Đổi giấy phép lái xe", "Cấp Bộ, Cấp tỉnh", "Đường bộ", "Sở Xây dựng"),
    IndexEntry("3.000346", "Cấp giấy phép lái xe", "Cấp Bộ, Cấp tỉnh", "Đường bộ", "Sở Xây dựng"),
    IndexEntry("1.014064", "Cấp lại thẻ căn cước", "Cấp xã", "Căn cước", "Công an cấp xã"),
    IndexEntry("1.004222", "Đăng ký thường trú", "Cấp xã", "Đăng ký, quản lý cư trú", "Công an cấp xã"),
    IndexEntry("1.012812", "Hòa giải tranh chấp đất đai", "Cấp xã", "Đất đai", "Ủy ban nhân dân cấp xã"),
    IndexEntry("9.000001", "Hóa giải tranh chấp đất đai bằng nghi lễ", "Cơ quan khác", "Văn hóa", None),
    IndexEntry(
        "1.012783",
        "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        "Cấp tỉnh",
        "Đất đai",
        "Văn phòng đăng ký đất đai",
    ),
    IndexEntry(
        "1.000656.000.00.00.H12",
        "Thủ tục đăng ký khai tử",
        "Cấp xã",
        "Hộ tịch",
        "Ủy ban nhân dân cấp xã",
    ),
    IndexEntry(
        "1.009999",
        "Thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi và "
        "các thủ tục liên thông khác theo quy định của pháp luật về hộ tịch, cư trú và bảo hiểm",
        "Cấp xã",
        "Hộ tịch",
        None,
    ),
]
SYNONYMS = SynonymTable.of(
    parse_synonyms(
        [
            "gplx / bằng lái\tgiấy phép lái xe",
            "cccd\tthẻ căn cước | căn cước công dân",
            "sổ đỏ\tgiấy chứng nhận quyền sử dụng đất",
            "dk / đk\tđăng ký",
            "làm",
            "thủ tục",
        ]
    )
)


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(ENTRIES, SYNONYMS)


def first(result: SearchResult) -> str:
    assert result.hits, f"no confident hit for {result.query!r}; suggestions {result.suggestions}"
    return result.hits[0].entry.code


def codes(result: SearchResult) -> list[str]:
    return [hit.entry.code for hit in result.hits]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("dang ky khai sinh", "1.001193"),
        ("Đăng ký khai sinh", "1.001193"),
        ("DANG KY KET HON", "1.000894"),
        ("dang ky lai khai sinh", "1.004884"),
        ("khai sinh nuoc ngoai", "2.000528"),
        ("doi giay phep lai xe", "3.000347"),
        ("dang ky thuong tru", "1.004222"),
    ],
)
def test_names_are_found_with_or_without_accents(index: SearchIndex, query: str, code: str) -> None:
    assert first(index.search(query)) == code


def test_a_short_name_covering_the_query_beats_a_long_one_mentioning_it(index: SearchIndex) -> None:
    ranked = codes(index.search("dang ky khai sinh"))
    assert ranked.index("1.001193") < ranked.index("1.009999")


def test_the_same_name_at_several_levels_goes_to_the_commune_first() -> None:
    # Same name, same score: the commune's (nearest the citizen) before the province's and the ministry's, whatever
    # the codes' order; a name carried out at several levels counts at its nearest one.
    index = SearchIndex.build(
        [
            IndexEntry("1.000001", "Chuyển mục đích sử dụng đất", "Cấp Bộ", "Đất đai", None),
            IndexEntry("1.000002", "Chuyển mục đích sử dụng đất", "Cấp tỉnh", "Đất đai", None),
            IndexEntry("1.000003", "Chuyển mục đích sử dụng đất", "Cấp tỉnh, Cấp xã", "Đất đai", None),
            IndexEntry("1.000004", "Chuyển mục đích sử dụng đất", None, "Đất đai", None),
        ],
        SYNONYMS,
    )
    assert codes(index.search("chuyen muc dich su dung dat")) == ["1.000003", "1.000002", "1.000001", "1.000004"]


def test_typos_are_tolerated(index: SearchIndex) -> None:
    assert first(index.search("dang ky khai sihn")) == "1.001193"
    assert first(index.search("dang ky ket hno")) == "1.000894"


def test_telex_typed_with_the_input_method_off_is_repaired(index: SearchIndex) -> None:
    assert first(index.search("ddawng kys khai sinh")) == "1.001193"
    assert first(index.search("dang kys keets hoon")) == "1.000894"
    assert first(index.search("ddooir giaasy pheps laí xe")) == "3.000347"


def test_abbreviations_and_everyday_phrases_use_the_synonym_table(index: SearchIndex) -> None:
    assert first(index.search("gplx")) in {"3.000346", "3.000347"}
    assert first(index.search("doi bang lai")) == "3.000347"
    assert first(index.search("cap lai cccd")) == "1.014064"
    assert first(index.search("lam so do")) == "1.012783"
    assert first(index.search("dk thuong tru")) == "1.004222"


def test_without_a_synonym_table_abbreviations_are_not_understood() -> None:
    plain = SearchIndex.build(ENTRIES)
    assert not plain.search("gplx").confident


def test_typed_accents_are_preferred_over_other_accents_on_the_same_letters(index: SearchIndex) -> None:
    assert first(index.search("hòa giải tranh chấp")) == "1.012812"
    assert first(index.search("hóa giải tranh chấp")) == "9.000001"
    # Old-style tone placement is the same word.
    assert first(index.search("hoà giải tranh chấp")) == "1.012812"
    # Without accents both are fair answers.
    assert {"1.012812", "9.000001"} <= set(codes(index.search("hoa giai tranh chap")))


def test_nfd_and_nfc_queries_give_the_same_result(index: SearchIndex) -> None:
    query = "Cấp lại thẻ căn cước"
    nfc = index.search(unicodedata.normalize("NFC", query))
    nfd = index.search(unicodedata.normalize("NFD", query))
    assert [(h.entry.code, h.score) for h in nfc.hits] == [(h.entry.code, h.score) for h in nfd.hits]


@pytest.mark.parametrize("query", ["1.001193", " 1.001193 ", "1.001193.000.00.00.H12"])
def test_a_procedure_code_goes_straight_to_the_procedure(index: SearchIndex, query: str) -> None:
    result = index.search(query)
    assert result.by_code
    assert codes(result) == ["1.001193"]
    assert result.hits[0].score == 100.0


def test_a_national_code_finds_a_procedure_indexed_under_its_local_code(index: SearchIndex) -> None:
    result = index.search("1.000656")
    assert result.by_code
    assert codes(result) == ["1.000656.000.00.00.H12"]
    assert index.get("1.000656") == index.get("1.000656.000.00.00.H12") is not None


def test_an_unknown_code_finds_nothing(index: SearchIndex) -> None:
    result = index.search("9.999999")
    assert not result.by_code
    assert result.hits == ()
    assert index.get("9.999999") is None


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "?!..."])
def test_an_empty_query_gives_an_empty_result(index: SearchIndex, query: str) -> None:
    result = index.search(query)
    assert result.hits == () and result.suggestions == () and not result.by_code


@pytest.mark.parametrize("query", ["xyz qwerty", "pizza hải sản", "bitcoin", "quantum"])
def test_unrelated_queries_get_suggestions_not_a_confident_hit(index: SearchIndex, query: str) -> None:
    result = index.search(query)
    assert not result.confident
    assert 0 < len(result.suggestions) <= 3
    assert all(0 <= hit.score < CONFIDENCE_THRESHOLD for hit in result.suggestions)


def test_a_query_sharing_no_letter_with_the_catalog_gets_nothing(index: SearchIndex) -> None:
    result = index.search("zzzz")
    assert result.hits == ()


def test_filter_by_level(index: SearchIndex) -> None:
    result = index.search("dang ky", filters=SearchFilters(level=Level.PROVINCE))
    assert result.hits == ()
    central = index.search("giay phep lai xe", filters=SearchFilters(level=Level.CENTRAL))
    assert set(codes(central)) == {"3.000346", "3.000347"}


def test_filter_by_field_and_agency_ignores_accents_and_case(index: SearchIndex) -> None:
    by_field = index.search("dang ky", filters=SearchFilters(field="HO TICH"))
    assert codes(by_field) and all(hit.entry.field == "Hộ tịch" for hit in by_field.hits)
    by_agency = index.search("dang ky", filters=SearchFilters(agency="công an"))
    assert codes(by_agency) == ["1.004222"]
    assert index.search("dang ky", filters=SearchFilters(agency="tòa án")).hits == ()


def test_limit_is_honoured(index: SearchIndex) -> None:
    assert len(index.search("dang ky", limit=2).hits) == 2


def test_len_counts_the_procedures(index: SearchIndex) -> None:
    assert len(index) == len(ENTRIES)


def test_an_empty_index_finds_nothing() -> None:
    empty = SearchIndex.build([])
    assert len(empty) == 0
    assert empty.search("dang ky khai sinh").hits == ()


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdđeghiklmnopqrstuvxyàáạăắâấêếôốơớưứ .0123456789", max_size=40), st.integers(1, 8))
def test_results_are_sorted_bounded_and_either_hits_or_suggestions(index: SearchIndex, query: str, limit: int) -> None:
    result = index.search(query, limit=limit)
    for hits in (result.hits, result.suggestions):
        scores = [hit.score for hit in hits]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= score <= 100.0 for score in scores)
    assert len(result.hits) <= limit
    assert not (result.hits and result.suggestions)
    assert all(hit.score >= CONFIDENCE_THRESHOLD for hit in result.hits)


# --- the bundled real catalog ---------------------------------------------------------------


LAND_CERTIFICATE = {"1.013978", "1.012753", "1.012783", "1.012787"}  # cấp (đổi) giấy chứng nhận QSDĐ
BIRTH_REGISTRATION = {"1.001193", "2.000986", "2.001023", "1.004772"}  # đăng ký khai sinh
REISSUE_ID_CARD = {"1.014064", "2.001194", "1.000757"}  # cấp lại thẻ căn cước (xã / tỉnh / trung ương)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lam so do", LAND_CERTIFICATE),
        ("doi bang lai xe", {"3.000347"}),
        ("ddawng kys khai sinh", BIRTH_REGISTRATION),
        ("cap lai cccd bi mat", REISSUE_ID_CARD),
        ("dang ky ket hon", {"1.000894"}),
        ("dang ky khai sihn", BIRTH_REGISTRATION),
        ("hoà giải viên cấp xã", {"1.002211"}),
    ],
)
def test_real_catalog_answers_what_citizens_ask(catalog: SearchIndex, query: str, expected: set[str]) -> None:
    assert first(catalog.search(query)) in expected


@pytest.mark.parametrize("query", ["xyzzy qwerty", "pizza hải sản", "bitcoin"])
def test_real_catalog_is_not_confident_about_nonsense(catalog: SearchIndex, query: str) -> None:
    result = catalog.search(query)
    assert not result.confident
    assert result.suggestions


def test_real_catalog_code_lookup(catalog: SearchIndex) -> None:
    result = catalog.search("1.001612.000.00.00.H12")
    assert result.by_code
    assert codes(result) == ["1.001612"]
