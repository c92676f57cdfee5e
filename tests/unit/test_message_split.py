"""A reply's Telegram HTML cut into messages Telegram takes: every piece well-formed and within the limit, and
nothing lost (ported from the old bot's card pages, whose splitting the Telegram sender now does)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.message_split import split_html
from stand_ins.telegram_html import parse, utf16_length


def words(text: str) -> str:
    return " ".join(text.split())


fragments = st.lists(
    st.one_of(
        st.sampled_from(["đăng", "ký", "khai", "sinh", "&amp;", "&lt;b&gt;", "x" * 30, "😀", "\n"]),
        st.builds(lambda w: f"<b>{w}</b>", st.sampled_from(["đậm", "hai từ", "a &amp; b"])),
        st.builds(lambda w: f"<i>nghiêng <b>{w}</b> nữa</i>", st.sampled_from(["lồng", "x y z"])),
    ),
    min_size=1,
    max_size=200,
).map(lambda parts: " ".join(parts))


@settings(max_examples=200, deadline=None)
@given(fragment=fragments, limit=st.integers(min_value=60, max_value=400))
def test_every_piece_is_valid_within_the_limit_and_nothing_is_lost(fragment: str, limit: int) -> None:
    pieces = split_html(fragment, limit)
    for piece in pieces:
        assert utf16_length(parse(piece).text) <= limit
        parse(piece)
    assert words(" ".join(parse(piece).text for piece in pieces)) == words(parse(fragment).text)


def test_a_word_longer_than_a_message_is_cut_without_breaking_an_entity() -> None:
    url = "https://example.gov.vn/" + "a&amp;b" * 3000
    pieces = split_html(url, 4096)
    assert len(pieces) > 1
    for piece in pieces:
        assert utf16_length(parse(piece).text) <= 4096
        assert not re.search(r"&[a-z#0-9]*$", piece)
        parse(piece)
    assert "".join(parse(piece).text for piece in pieces).count("a&b") == 3000
