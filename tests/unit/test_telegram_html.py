"""The stand-in parses HTML the way Telegram does, errors included."""

from __future__ import annotations

import pytest

from stand_ins.telegram_html import Entity, HtmlParseError, parse, utf16_length


def test_tags_become_entities_with_utf16_offsets() -> None:
    parsed = parse('😀 <b>Đậm</b> &amp; <a href="https://t.me/x?a=1&amp;b=2">liên kết</a>')
    assert parsed.text == "😀 Đậm & liên kết"
    assert parsed.entities == (
        Entity("bold", 3, 3),
        Entity("text_link", 9, 8, "https://t.me/x?a=1&b=2"),
    )


def test_only_the_four_named_entities_are_decoded() -> None:
    assert parse("&lt;&gt;&amp;&quot;&#65;&#x42; &nbsp; R&D").text == '<>&"AB &nbsp; R&D'


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("Đ <div>x</div>", 'Unsupported start tag "div" at byte offset 3'),
        ("a < b", "Empty tag name at byte offset 2"),
        ("<b", "Unclosed start tag at byte offset 0"),
    ],
)
def test_malformed_html_is_refused_like_telegram(html: str, message: str) -> None:
    with pytest.raises(HtmlParseError) as error:
        parse(html)
    assert str(error.value) == message


def test_utf16_length_counts_astral_characters_twice() -> None:
    assert utf16_length("aĐ😀") == 4
