"""Card deep links use only the characters Telegram allows in a start parameter."""

from __future__ import annotations

import re

import pytest

from bot.deep_links import card_link, code_from_parameter, start_parameter


def test_a_code_becomes_a_valid_start_parameter() -> None:
    parameter = start_parameter("1.001193")
    assert parameter == "tthc_1-001193"
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", parameter)
    assert card_link("motcua_bot", "1.001193") == "https://t.me/motcua_bot?start=tthc_1-001193"


@pytest.mark.parametrize("parameter", ["tthc_1-001193", "tthc_1_001193", "tthc_1.001193", "tthc-1-001193"])
def test_every_spelling_of_a_card_link_finds_the_code(parameter: str) -> None:
    assert code_from_parameter(parameter) == "1.001193"


def test_a_provincial_code_survives_the_round_trip() -> None:
    code = "1.001193.000.00.00.H12"
    assert code_from_parameter(start_parameter(code) or "") == code


@pytest.mark.parametrize("parameter", ["", "tthc_", "hello", "tthc_<b>", "ref_1-001193"])
def test_other_parameters_are_not_card_links(parameter: str) -> None:
    assert code_from_parameter(parameter) is None


def test_a_code_too_long_for_a_start_parameter_gets_no_link() -> None:
    assert start_parameter("1.001193." + "A" * 60) is None
    assert card_link("motcua_bot", "1.001193." + "A" * 60) is None
