"""Tracking codes `YYYYMMDD.NNNN`: written one way, read back however citizens type them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback.domain.tracking_code import InvalidTrackingCode, TrackingCode, format_code, parse_code

DAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("sequence", "code"),
    [(1, "20261123.0001"), (17, "20261123.0017"), (9999, "20261123.9999"), (10000, "20261123.10000")],
)
def test_codes_are_the_date_and_a_padded_sequence(sequence: int, code: str) -> None:
    assert format_code(DAY, sequence) == code
    assert str(TrackingCode(DAY, sequence)) == code


def test_the_national_example_reads_as_date_and_sequence() -> None:
    assert parse_code("20230428.0095") == TrackingCode(date(2023, 4, 28), 95)


@pytest.mark.parametrize("sequence", [0, -1])
def test_the_sequence_starts_at_one(sequence: int) -> None:
    with pytest.raises(InvalidTrackingCode):
        format_code(DAY, sequence)
    with pytest.raises(InvalidTrackingCode):
        TrackingCode(DAY, sequence)


@pytest.mark.parametrize(
    "typed",
    [
        "20261123.0017",
        "  20261123.0017\n",
        "202611230017",
        "20261123 0017",
        "20261123-0017",
        "20261123,0017",
        "20261123.00017",
        "２０２６１１２３．００１７",
    ],
)
def test_typing_variations_are_read(typed: str) -> None:
    code = parse_code(typed)
    assert code == TrackingCode(DAY, 17)
    assert str(code) == "20261123.0017"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abc",
        "20261123",
        "20261123.",
        "20261123.17",  # the number is always shown with four digits
        "2026112.0017",
        "20261123..0017",
        "20261123 . 0017",
        "20261123.0000",
        "20261332.0001",  # no month 13
        "20260230.0001",  # no 30 February
        "00001123.0001",  # no year 0
        "mã 20261123.0017",
        "20261123.0017a",
        "-20261123.0017",
    ],
)
def test_anything_else_is_refused_with_the_text(typed: str) -> None:
    with pytest.raises(InvalidTrackingCode) as raised:
        parse_code(typed)
    assert raised.value.text == typed


def test_codes_sort_by_day_then_sequence() -> None:
    codes = [TrackingCode(date(2026, 11, 24), 1), TrackingCode(DAY, 10000), TrackingCode(DAY, 2)]
    assert [str(code) for code in sorted(codes)] == ["20261123.0002", "20261123.10000", "20261124.0001"]


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)), st.integers(min_value=1, max_value=10**9))
def test_format_then_parse_gives_back_day_and_sequence(day: date, sequence: int) -> None:
    code = format_code(day, sequence)
    assert parse_code(code) == TrackingCode(day, sequence)
    assert str(parse_code(code)) == code
    assert parse_code(code.replace(".", "")) == TrackingCode(day, sequence)
