"""The synonym table: a data file officers extend, read into phrase -> official wording."""

from pathlib import Path

import pytest

from procedures_catalog.synonyms import SynonymTable, load_synonyms, parse_synonyms
from vietnamese_text.normalise import key, tokens


def words(text: str) -> list[str]:
    return tokens(key(text))


@pytest.fixture(scope="module")
def table() -> SynonymTable:
    return load_synonyms()


def expansions_of(table: SynonymTable, text: str) -> set[str]:
    query = words(text)
    found = [m for m in table.matches(query) if (m.start, m.end) == (0, len(query))]
    assert found, f"{text!r} is not in the table"
    return {" ".join(e) for e in found[0].expansions}


@pytest.mark.parametrize(
    ("phrase", "official"),
    [
        ("CCCD", "thẻ căn cước"),
        ("cmnd", "chứng minh nhân dân"),
        ("GPLX", "giấy phép lái xe"),
        ("bằng lái", "giấy phép lái xe"),
        ("ĐKKD", "đăng ký kinh doanh"),
        ("dkkd", "đăng ký kinh doanh"),
        ("GCN", "giấy chứng nhận"),
        ("QSDĐ", "quyền sử dụng đất"),
        ("dk", "đăng ký"),
        ("đk", "đăng ký"),
        ("HKD", "hộ kinh doanh"),
        ("DN", "doanh nghiệp"),
        ("BHYT", "bảo hiểm y tế"),
        ("BHXH", "bảo hiểm xã hội"),
        ("GKS", "giấy khai sinh"),
        ("sổ đỏ", "giấy chứng nhận quyền sử dụng đất"),
        ("so do", "giấy chứng nhận quyền sử dụng đất"),
        ("sổ hồng", "giấy chứng nhận quyền sử dụng đất"),
        ("làm căn cước", "cấp thẻ căn cước"),
        ("căn cước", "thẻ căn cước"),
        ("căn cước", "căn cước công dân"),
        ("giấy phép xây nhà", "cấp giấy phép xây dựng mới đối với công trình cấp iii cấp iv"),
        ("làm giấy khai sinh", "đăng ký khai sinh"),
        ("hộ khẩu", "thường trú"),
        ("sang tên", "đăng ký biến động"),
    ],
)
def test_bundled_table_knows_common_abbreviations_and_phrases(table: SynonymTable, phrase: str, official: str) -> None:
    assert official in expansions_of(table, phrase)


@pytest.mark.parametrize("filler", ["làm", "xin", "thủ tục", "lam", "thu tuc"])
def test_filler_words_have_no_expansion(table: SynonymTable, filler: str) -> None:
    assert expansions_of(table, filler) == set()


def test_an_accented_phrase_does_not_match_other_accents(table: SynonymTable) -> None:
    # "so do" typed without accents may be "sổ đỏ"; "sơ đồ" (a diagram) typed with accents is not.
    assert table.matches(words("sơ đồ")) == []


def test_longest_phrase_wins(table: SynonymTable) -> None:
    matches = table.matches(words("làm giấy khai sinh cho con"))
    assert (matches[0].start, matches[0].end) == (0, 4)
    assert ("đăng", "ký", "khai", "sinh") in matches[0].expansions


def test_matches_do_not_overlap_and_follow_the_query() -> None:
    table = SynonymTable.of(parse_synonyms(["ab\tx", "b c\ty", "c\tz"]))
    assert [(m.start, m.end) for m in table.matches(["ab", "b", "c", "c"])] == [(0, 1), (1, 3), (3, 4)]


def test_file_format_comments_aliases_and_several_expansions() -> None:
    lines = [
        "# a comment",
        "",
        "gplx / bằng lái\tgiấy phép lái xe | bằng lái xe  # trailing comment",
        "xin",
    ]
    synonyms = parse_synonyms(lines)
    assert [s.phrase for s in synonyms] == [("gplx",), ("bằng", "lái"), ("xin",)]
    assert synonyms[0].expansions == (("giấy", "phép", "lái", "xe"), ("bằng", "lái", "xe"))
    assert synonyms[2].is_filler


def test_an_office_file_adds_entries_and_expansions(tmp_path: Path) -> None:
    office = tmp_path / "office.tsv"
    office.write_text("# our own\nmột cửa\tbộ phận tiếp nhận và trả kết quả\ngplx\tbằng lái xe\n", encoding="utf-8")
    table = load_synonyms(office)
    assert expansions_of(table, "mot cua") == {"bộ phận tiếp nhận và trả kết quả"}
    assert expansions_of(table, "gplx") == {"giấy phép lái xe", "bằng lái xe"}
    assert len(table) > len(load_synonyms()) - 1


def test_every_bundled_line_parses_to_a_phrase() -> None:
    table = load_synonyms()
    assert len(table) > 100
