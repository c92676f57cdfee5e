"""Working days: the hand-checked cases of pakn-rules.md, the published 2025 and 2026 calendars, and the
counting rules, checked against the holiday library directly as an independent oracle."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, CalendarOverrides, load_overrides
from feedback.domain.working_days import WorkingCalendar, vietnam_public_holidays

OVERRIDES = load_overrides(DEFAULT_OVERRIDES_PATH)
CALENDAR = WorkingCalendar.vietnam(OVERRIDES)
LIBRARY_ONLY = WorkingCalendar.vietnam()
# The oracle: the library's own working-day test, years loaded up front, plus the override file.
LIBRARY = holidays.country_holidays("VN", years=range(1995, 2101))

FIRST, LAST = date(2000, 1, 1), date(2099, 12, 31)
any_day = st.dates(min_value=FIRST, max_value=LAST)
working_day = any_day.filter(CALENDAR.is_working_day)


def oracle_is_working(day: date) -> bool:
    if day in OVERRIDES.working_days:
        return True
    if day in OVERRIDES.days_off:
        return False
    return LIBRARY.is_working_day(day)


def days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(n) for n in range((date(year + 1, 1, 1) - first).days)]


def span(first: date, last: date) -> set[date]:
    return {first + timedelta(n) for n in range((last - first).days + 1)}


def weekdays_off(calendar: WorkingCalendar, year: int) -> set[date]:
    return {day for day in days_of(year) if day.weekday() < 5 and not calendar.is_working_day(day)}


def weekends_worked(calendar: WorkingCalendar, year: int) -> set[date]:
    return {day for day in days_of(year) if day.weekday() >= 5 and calendar.is_working_day(day)}


# The table "Cases an officer can check by hand" of pakn-rules.md.
HAND_CHECKED = [
    (date(2026, 2, 13), 1, date(2026, 2, 23)),  # Tết: 16–20/2 off, weekends around it
    (date(2026, 4, 24), 5, date(2026, 5, 6)),  # 27/4 (Giỗ Tổ observed), 30/4 and 1/5 off
    (date(2025, 4, 25), 3, date(2025, 4, 29)),  # Sat 26/4/2025 is a swapped working day
    (date(2026, 11, 20), 3, date(2026, 11, 26)),  # 24/11 Ngày Văn hóa Việt Nam
    (date(2026, 8, 28), 5, date(2026, 9, 9)),  # 31/8 (swapped), 1/9 and 2/9 off
    (date(2025, 12, 26), 5, date(2026, 1, 6)),  # 1/1 off, and 2/1 off by the override
]


@pytest.mark.parametrize(("received", "days", "due"), HAND_CHECKED)
def test_the_hand_checked_cases_of_the_rules(received: date, days: int, due: date) -> None:
    assert received.weekday() == 4  # every case is received on a Friday, as the table says
    assert CALENDAR.add_working_days(received, days) == due
    assert CALENDAR.working_days_between(received, due) == days


def test_without_the_override_the_library_misses_the_tet_duong_lich_2026_swap() -> None:
    # If this fails, the library has learnt the swap and the override has become redundant (still harmless).
    assert LIBRARY_ONLY.add_working_days(date(2025, 12, 26), 5) == date(2026, 1, 5)
    assert LIBRARY_ONLY.is_working_day(date(2026, 1, 2))
    assert not LIBRARY_ONLY.is_working_day(date(2026, 1, 10))
    assert not CALENDAR.is_working_day(date(2026, 1, 2))
    assert CALENDAR.is_working_day(date(2026, 1, 10))


# The published calendars for civil servants: every weekday off and every weekend day worked.
PUBLISHED = {
    2025: (
        {date(2025, 1, 1)}  # Tết Dương lịch
        | span(date(2025, 1, 27), date(2025, 1, 31))  # Tết: 25/1–2/2, weekdays 27–31/1
        | {date(2025, 4, 7)}  # Giỗ Tổ (10/3 lunar)
        | {date(2025, 4, 30), date(2025, 5, 1), date(2025, 5, 2)}  # 30/4, 1/5, and 2/5 swapped with Sat 26/4
        | {date(2025, 9, 1), date(2025, 9, 2)},  # Quốc khánh and the adjacent day (30/8–2/9)
        {date(2025, 4, 26)},
    ),
    2026: (
        {date(2026, 1, 1), date(2026, 1, 2)}  # Tết Dương lịch, 2/1 swapped with Sat 10/1 (override)
        | span(date(2026, 2, 16), date(2026, 2, 20))  # Tết: 14/2–22/2, weekdays 16–20/2
        | {date(2026, 4, 27)}  # Giỗ Tổ falls on Sun 26/4, observed Mon 27/4
        | {date(2026, 4, 30), date(2026, 5, 1)}
        | {date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 2)}  # 2/9, adjacent 1/9, 31/8 swapped with Sat 22/8
        | {date(2026, 11, 24)},  # Ngày Văn hóa Việt Nam, a holiday since 2026
        {date(2026, 1, 10), date(2026, 8, 22)},
    ),
}


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_the_published_calendar_of_the_year(year: int) -> None:
    days_off, worked = PUBLISHED[year]
    assert weekdays_off(CALENDAR, year) == days_off
    assert weekends_worked(CALENDAR, year) == worked


@pytest.mark.parametrize(("year", "count"), [(2025, 261 - 12 + 1), (2026, 261 - 14 + 2)])
def test_the_number_of_working_days_in_the_year(year: int, count: int) -> None:
    assert CALENDAR.working_days_between(date(year - 1, 12, 31), date(year, 12, 31)) == count


@pytest.mark.parametrize(
    ("first", "last"),
    [(date(2025, 1, 25), date(2025, 2, 2)), (date(2026, 2, 14), date(2026, 2, 22))],
)
def test_the_tet_break_for_civil_servants(first: date, last: date) -> None:
    assert not any(CALENDAR.is_working_day(day) for day in span(first, last))
    assert CALENDAR.previous_working_day(first) == first - timedelta(1)  # the Friday before
    assert CALENDAR.next_working_day(last) == last + timedelta(1)  # the Monday after
    assert CALENDAR.working_days_between(first - timedelta(1), last + timedelta(1)) == 1


def test_the_library_calendar_has_the_days_the_rules_rely_on() -> None:
    days_off, worked = vietnam_public_holidays(2026)
    assert date(2026, 11, 24) in days_off and date(2026, 8, 31) in days_off and date(2026, 4, 27) in days_off
    assert worked == {date(2026, 8, 22)}
    assert date(2025, 11, 24) not in vietnam_public_holidays(2025)[0]  # only since 2026


# Receipt on a non-working day: deemed received on the next working day, which is not counted either.


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (date(2026, 3, 7), 1, date(2026, 3, 10)),  # Saturday: as if received Monday 9/3
        (date(2026, 3, 8), 1, date(2026, 3, 10)),  # Sunday: the same
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # the Friday before: Monday
        (date(2026, 3, 9), 1, date(2026, 3, 10)),  # Monday itself
        (date(2026, 1, 1), 1, date(2026, 1, 6)),  # a holiday: as if received Mon 5/1
        (date(2026, 2, 17), 2, date(2026, 2, 25)),  # mùng 1 Tết: as if received Mon 23/2
        (date(2025, 4, 26), 1, date(2025, 4, 28)),  # a swapped Saturday is a working day: Monday is day 1
    ],
)
def test_a_receipt_on_a_non_working_day_counts_from_the_next_working_day(received: date, days: int, due: date) -> None:
    assert CALENDAR.add_working_days(received, days) == due


def test_zero_days_is_the_day_itself_or_the_next_working_day() -> None:
    assert CALENDAR.add_working_days(date(2026, 3, 9), 0) == date(2026, 3, 9)
    assert CALENDAR.add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 9)
    assert CALENDAR.add_working_days(date(2026, 2, 14), 0) == date(2026, 2, 23)
    assert CALENDAR.add_working_days(date(2026, 1, 10), 0) == date(2026, 1, 10)  # the swapped Saturday


def test_negative_days_count_back() -> None:
    assert CALENDAR.add_working_days(date(2026, 2, 23), -1) == date(2026, 2, 13)
    assert CALENDAR.add_working_days(date(2026, 1, 12), -1) == date(2026, 1, 10)  # the swapped Saturday
    assert CALENDAR.add_working_days(date(2026, 3, 7), -1) == date(2026, 3, 6)  # Saturday: the Friday before
    assert CALENDAR.add_working_days(date(2026, 1, 6), -5) == date(2025, 12, 26)


def test_next_and_previous_working_day_are_strictly_after_and_before() -> None:
    assert CALENDAR.next_working_day(date(2026, 3, 9)) == date(2026, 3, 10)
    assert CALENDAR.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert CALENDAR.next_working_day(date(2026, 1, 9)) == date(2026, 1, 10)  # the swapped Saturday
    assert CALENDAR.next_working_day(date(2025, 12, 31)) == date(2026, 1, 5)  # across the year
    assert CALENDAR.previous_working_day(date(2026, 3, 10)) == date(2026, 3, 9)
    assert CALENDAR.previous_working_day(date(2026, 2, 23)) == date(2026, 2, 13)
    assert CALENDAR.previous_working_day(date(2026, 1, 5)) == date(2025, 12, 31)  # across the year


def test_working_days_between_counts_the_end_not_the_start() -> None:
    assert CALENDAR.working_days_between(date(2026, 3, 9), date(2026, 3, 9)) == 0
    assert CALENDAR.working_days_between(date(2026, 3, 9), date(2026, 3, 10)) == 1
    assert CALENDAR.working_days_between(date(2026, 3, 6), date(2026, 3, 8)) == 0  # Fri to Sun
    assert CALENDAR.working_days_between(date(2026, 3, 7), date(2026, 3, 9)) == 1  # Sat to Mon
    assert CALENDAR.working_days_between(date(2026, 3, 10), date(2026, 3, 9)) == -1
    assert CALENDAR.working_days_between(date(2026, 2, 23), date(2026, 2, 13)) == -1
    assert CALENDAR.working_days_between(date(2024, 12, 31), date(2026, 12, 31)) == 250 + 249


# The overrides win over the library; a source of one's own, and loading.


def test_overrides_win_over_the_library_both_ways() -> None:
    calendar = WorkingCalendar.vietnam(
        CalendarOverrides(
            days_off=frozenset({date(2025, 4, 26), date(2025, 3, 3)}),  # a library swap cancelled; a Monday
            working_days=frozenset({date(2025, 4, 7), date(2025, 3, 1)}),  # a library holiday; a Saturday
        )
    )
    assert not calendar.is_working_day(date(2025, 4, 26))
    assert not calendar.is_working_day(date(2025, 3, 3))
    assert calendar.is_working_day(date(2025, 4, 7))
    assert calendar.is_working_day(date(2025, 3, 1))
    assert calendar.overrides.days_off == frozenset({date(2025, 4, 26), date(2025, 3, 3)})


def test_a_calendar_loads_each_year_once_and_only_when_asked() -> None:
    asked: list[int] = []

    def weekdays_only(year: int) -> tuple[Iterable[date], Iterable[date]]:
        asked.append(year)
        return (), ()

    calendar = WorkingCalendar(weekdays_only)
    assert asked == []
    assert calendar.is_working_day(date(2030, 5, 6))
    assert asked == [2030]
    assert calendar.add_working_days(date(2030, 12, 31), 1) == date(2031, 1, 1)  # plain Monday to Friday
    assert calendar.add_working_days(date(2030, 5, 3), 1) == date(2030, 5, 6)
    assert calendar.working_days_between(date(2030, 1, 1), date(2031, 1, 1)) == 261
    assert sorted(asked) == sorted(set(asked))  # never twice
    assert min(asked) == 2030


def test_long_counts_and_the_ends_of_the_calendar() -> None:
    calendar = WorkingCalendar(lambda year: ((), ()))
    start = date(2026, 1, 5)
    far = calendar.add_working_days(start, 100_000)
    assert calendar.working_days_between(start, far) == 100_000
    assert calendar.add_working_days(far, -100_000) == start
    with pytest.raises(OverflowError):
        calendar.add_working_days(date(9999, 12, 30), 5)
    with pytest.raises(OverflowError):
        calendar.add_working_days(date(1, 1, 3), -5)
    with pytest.raises(OverflowError):
        calendar.next_working_day(date(9999, 12, 31))
    with pytest.raises(OverflowError):
        calendar.previous_working_day(date(1, 1, 1))


def test_years_outside_the_library_are_monday_to_friday() -> None:
    assert CALENDAR.is_working_day(date(2300, 1, 1))  # a Monday; the library has no data that far
    assert not CALENDAR.is_working_day(date(2300, 1, 6))  # a Saturday


# Properties, against the library as an oracle.


@given(any_day)
def test_every_day_is_classified_as_the_library_and_the_override_file_say(day: date) -> None:
    assert CALENDAR.is_working_day(day) == oracle_is_working(day)


@given(any_day, any_day)
def test_counting_between_two_days_agrees_with_counting_one_by_one(start: date, end: date) -> None:
    low, high = min(start, end), max(start, end)
    high = min(high, low + timedelta(days=1000))  # keep the brute force short
    brute = sum(oracle_is_working(low + timedelta(n)) for n in range(1, (high - low).days + 1))
    assert CALENDAR.working_days_between(low, high) == brute
    assert CALENDAR.working_days_between(high, low) == -brute


@given(working_day, st.integers(min_value=-600, max_value=600))
def test_adding_then_counting_round_trips(start: date, days: int) -> None:
    due = CALENDAR.add_working_days(start, days)
    assert CALENDAR.working_days_between(start, due) == days
    assert CALENDAR.add_working_days(due, -days) == start


@given(any_day, st.integers(min_value=0, max_value=600))
def test_a_due_date_is_never_a_day_off_unless_it_is_a_swapped_working_day(start: date, days: int) -> None:
    due = CALENDAR.add_working_days(start, days)
    assert oracle_is_working(due)
    if due.weekday() >= 5:
        assert due in LIBRARY.weekend_workdays or due in OVERRIDES.working_days
    else:
        assert due not in LIBRARY or due in OVERRIDES.working_days
        assert due not in OVERRIDES.days_off
    assert due >= start
    if days > 0:
        assert due > start
        # the count ends exactly at the due date: one working day fewer ends before it
        assert CALENDAR.add_working_days(start, days - 1) < due


@given(any_day, st.integers(min_value=-300, max_value=300), st.integers(min_value=-300, max_value=300))
def test_adding_is_strictly_increasing_in_the_number_of_days(start: date, one: int, other: int) -> None:
    low, high = min(one, other), max(one, other)
    if low == high:
        assert CALENDAR.add_working_days(start, low) == CALENDAR.add_working_days(start, high)
    else:
        assert CALENDAR.add_working_days(start, low) < CALENDAR.add_working_days(start, high)


@given(any_day, st.integers(min_value=0, max_value=400))
def test_a_non_working_start_counts_as_its_next_working_day(start: date, days: int) -> None:
    deemed = start if CALENDAR.is_working_day(start) else CALENDAR.next_working_day(start)
    assert CALENDAR.add_working_days(start, days) == CALENDAR.add_working_days(deemed, days)


@given(any_day)
def test_next_and_previous_are_the_nearest_working_days(day: date) -> None:
    after, before = CALENDAR.next_working_day(day), CALENDAR.previous_working_day(day)
    assert before < day < after
    assert oracle_is_working(after) and oracle_is_working(before)
    assert not any(oracle_is_working(between) for between in span(before + timedelta(1), after - timedelta(1)) - {day})
    assert CALENDAR.working_days_between(day, after) == 1
