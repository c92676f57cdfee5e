"""Callback data stays within Telegram's 64 bytes for every kind of button and every code."""

from __future__ import annotations

import gzip
import json

import pytest

from bot.callback_data import (
    MAX_BYTES,
    CardPage,
    CodeBook,
    MenuChoice,
    OpenCard,
    ResultsPage,
    decode,
    encode,
    menu_pattern,
    pattern,
)
from motcua.bootstrap import bundled_catalog_path

# The longest a code may be: the importer's column width, in a provincial form.
LONGEST_ALLOWED_CODE = "1.001193." + "A1.B2" * 11
assert len(LONGEST_ALLOWED_CODE) == 64


def bundled_codes() -> list[str]:
    with gzip.open(bundled_catalog_path(), "rt", encoding="utf-8") as lines:
        return [json.loads(line)["code"] for line in lines]


def longest_codes() -> list[str]:
    codes = sorted(bundled_codes(), key=len, reverse=True)[:5]
    return [*codes, "1.001193.000.00.00.H12", LONGEST_ALLOWED_CODE]


def every_action(code: str) -> list[OpenCard | CardPage | ResultsPage | MenuChoice]:
    return [
        OpenCard(code),
        CardPage(code, 1),
        CardPage(code, 9999),
        ResultsPage("zzzzzzzz", 9999),
        MenuChoice("lookup"),
        MenuChoice("feedback_status"),
    ]


@pytest.mark.parametrize("code", longest_codes())
def test_every_kind_of_button_fits_in_64_bytes_and_round_trips(code: str) -> None:
    codes = CodeBook()
    for action in every_action(code):
        data = encode(action, codes)
        assert len(data.encode("utf-8")) <= MAX_BYTES
        assert decode(data, codes) == action


def test_every_code_of_the_bundled_catalog_fits_without_the_code_book() -> None:
    codes = CodeBook()
    for code in bundled_codes():
        data = encode(CardPage(code, 99), codes)
        assert len(data.encode("utf-8")) <= MAX_BYTES
        assert code in data


def test_a_code_too_long_for_the_button_travels_as_a_digest() -> None:
    codes = CodeBook()
    data = encode(CardPage(LONGEST_ALLOWED_CODE, 2), codes)
    assert LONGEST_ALLOWED_CODE not in data
    assert decode(data, codes) == CardPage(LONGEST_ALLOWED_CODE, 2)
    assert encode(CardPage(LONGEST_ALLOWED_CODE, 2), CodeBook()) == data  # deterministic
    assert decode(data, CodeBook()) is None  # forgotten after a restart: the button is stale


@pytest.mark.parametrize(
    "data", ["", "x", "o:", "p:1.001193", "p:1.001193:0", "p:1.001193:x", "s:abc", "s::1", "m:", "q:1", "o:#unknown"]
)
def test_malformed_or_stale_data_decodes_to_nothing(data: str) -> None:
    assert decode(data, CodeBook()) is None


def test_patterns_select_their_kind() -> None:
    import re

    codes = CodeBook()
    assert re.match(pattern(OpenCard), encode(OpenCard("1.001193"), codes))
    assert not re.match(pattern(OpenCard), encode(CardPage("1.001193", 2), codes))
    assert re.match(menu_pattern("lookup"), encode(MenuChoice("lookup"), codes))
    assert not re.match(menu_pattern("lookup"), encode(MenuChoice("lookup2"), codes))


def test_an_action_that_cannot_fit_is_refused() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        encode(MenuChoice("x" * 70), CodeBook())
