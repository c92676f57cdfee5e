"""The administrator's calendar overrides: the shipped file, and files an administrator got wrong."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from feedback.domain.calendar_overrides import (
    DEFAULT_OVERRIDES_PATH,
    NO_OVERRIDES,
    BadCalendarOverrides,
    CalendarOverrides,
    load_overrides,
)

GOOD = """
[[day_off]]
date = 2027-02-05
note = "  Tết 2027, thông báo giả định  "

[[day_off]]
date = 2027-02-12
note = "Tết 2027"

[[working_day]]
date = 2027-01-30
note = "Làm bù"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calendar_overrides.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_file_has_the_tet_duong_lich_2026_swap() -> None:
    overrides = load_overrides(DEFAULT_OVERRIDES_PATH)
    assert overrides.days_off == frozenset({date(2026, 1, 2)})
    assert overrides.working_days == frozenset({date(2026, 1, 10)})
    assert "12729/VPCP-KGVX" in overrides.notes[date(2026, 1, 2)]
    assert "12729/VPCP-KGVX" in overrides.notes[date(2026, 1, 10)]


def test_the_shipped_file_is_the_default() -> None:
    assert load_overrides() == load_overrides(DEFAULT_OVERRIDES_PATH)
    assert DEFAULT_OVERRIDES_PATH.parent.name == "data" and DEFAULT_OVERRIDES_PATH.parent.parent.name == "feedback"


def test_a_good_file_gives_both_lists_and_the_trimmed_notes(tmp_path: Path) -> None:
    overrides = load_overrides(write(tmp_path, GOOD))
    assert overrides.days_off == frozenset({date(2027, 2, 5), date(2027, 2, 12)})
    assert overrides.working_days == frozenset({date(2027, 1, 30)})
    assert overrides.notes[date(2027, 2, 5)] == "Tết 2027, thông báo giả định"
    assert overrides.notes[date(2027, 1, 30)] == "Làm bù"


def test_an_empty_file_overrides_nothing(tmp_path: Path) -> None:
    assert load_overrides(write(tmp_path, "# nothing announced yet\n")) == NO_OVERRIDES


def test_equality_is_about_the_dates_not_the_notes() -> None:
    one = CalendarOverrides(frozenset({date(2026, 1, 2)}), frozenset(), {date(2026, 1, 2): "a"})
    other = CalendarOverrides(frozenset({date(2026, 1, 2)}), frozenset(), {date(2026, 1, 2): "b"})
    assert one == other
    assert one != CalendarOverrides(frozenset(), frozenset({date(2026, 1, 2)}))


def test_overrides_built_in_code_cannot_list_a_day_both_ways() -> None:
    with pytest.raises(ValueError, match="2026-01-02"):
        CalendarOverrides(frozenset({date(2026, 1, 2)}), frozenset({date(2026, 1, 2), date(2026, 1, 10)}))


@pytest.mark.parametrize(
    ("text", "entry", "words"),
    [
        ("[[day_off]\ndate = 2026-01-02\n", None, "not valid TOML"),
        ('[[holiday]]\ndate = 2026-01-02\nnote = "x"\n', None, "unknown top-level keys ['holiday']"),
        ("day_off = 2026-01-02\n", "day_off", "must be a list of [[day_off]] tables"),
        ("day_off = [1]\n", "day_off 1", "is not a table"),
        ("[[day_off]]\ndate = 2026-01-02\n", "day_off 1", "missing ['note']"),
        ('[[working_day]]\nnote = "x"\n', "working_day 1", "missing ['date']"),
        ('[[day_off]]\ndate = 2026-01-02\nnote = "x"\nwhy = "y"\n', "day_off 1", "unknown ['why']"),
        ('[[day_off]]\ndate = "2026-01-02"\nnote = "x"\n', "day_off 1", "without quotes"),
        ('[[day_off]]\ndate = 2026-01-02T08:00:00\nnote = "x"\n', "day_off 1", "must be a TOML date"),
        ('[[day_off]]\ndate = 2026\nnote = "x"\n', "day_off 1", "not 2026"),
        ('[[day_off]]\ndate = 2026-01-02\nnote = "   "\n', "day_off 1", "note must say which announcement"),
        ("[[day_off]]\ndate = 2026-01-02\nnote = 12729\n", "day_off 1", "note must say"),
        (
            '[[day_off]]\ndate = 2026-01-02\nnote = "x"\n[[day_off]]\ndate = 2026-01-05\nnote = "y"\n'
            '[[working_day]]\ndate = 2026-01-05\nnote = "z"\n',
            "working_day 1 (2026-01-05)",
            "listed both as a day off and as a working day (also day_off 2 (2026-01-05))",
        ),
        (
            '[[working_day]]\ndate = 2026-01-10\nnote = "x"\n[[working_day]]\ndate = 2026-01-10\nnote = "y"\n',
            "working_day 2 (2026-01-10)",
            "listed twice (also working_day 1 (2026-01-10))",
        ),
    ],
)
def test_a_bad_file_is_refused_naming_the_entry_and_the_mistake(
    tmp_path: Path, text: str, entry: str | None, words: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(BadCalendarOverrides) as raised:
        load_overrides(path)
    error = raised.value
    assert isinstance(error, ValueError)
    assert error.path == path
    assert error.entry == entry
    assert words in error.detail
    message = str(error)
    assert str(path) in message and words in message
    if entry is not None:
        assert entry in message


def test_a_missing_file_is_refused_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    with pytest.raises(BadCalendarOverrides, match="cannot be read") as raised:
        load_overrides(path)
    assert raised.value.path == path
