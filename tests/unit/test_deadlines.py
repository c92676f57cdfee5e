"""PAKN deadlines: the policy's defaults, each step's due date, the stopped clock, and the local date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback.domain import deadlines
from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.deadlines import DeadlinePolicy
from feedback.domain.working_days import WorkingCalendar

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
POLICY = DeadlinePolicy()

any_day = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
working_day = any_day.filter(CALENDAR.is_working_day)


def test_the_defaults_are_those_of_the_rules() -> None:
    expected = DeadlinePolicy(
        record_days=1, classify_days=2, forward_days=5, answer_days=10, extension_days=10, reopen_window_days=10
    )
    assert expected == POLICY


@pytest.mark.parametrize("value", [-1, 1.5, True, "10", None])
def test_a_policy_takes_only_whole_non_negative_numbers_of_days(value: object) -> None:
    with pytest.raises(ValueError, match="answer_days"):
        DeadlinePolicy(answer_days=value)  # type: ignore[arg-type]


def test_each_step_from_a_receipt_before_gio_to_and_30_4() -> None:
    received = date(2026, 4, 24)  # Friday; 27/4, 30/4 and 1/5 off
    assert deadlines.record_due(CALENDAR, received, POLICY) == date(2026, 4, 28)
    assert deadlines.classify_due(CALENDAR, received, POLICY) == date(2026, 4, 29)
    assert deadlines.forward_due(CALENDAR, received, POLICY) == date(2026, 5, 6)
    assert deadlines.answer_due(CALENDAR, received, POLICY) == date(2026, 5, 13)


def test_the_law_s_forwarding_deadline_across_tet_duong_lich_2026() -> None:
    assert deadlines.forward_due(CALENDAR, date(2025, 12, 26), POLICY) == date(2026, 1, 6)


def test_each_step_from_a_receipt_before_tet_2026() -> None:
    received = date(2026, 2, 13)
    assert deadlines.record_due(CALENDAR, received, POLICY) == date(2026, 2, 23)
    assert deadlines.classify_due(CALENDAR, received, POLICY) == date(2026, 2, 24)
    assert deadlines.answer_due(CALENDAR, received, POLICY) == date(2026, 3, 6)


def test_a_receipt_on_saturday_is_handled_as_one_on_monday() -> None:
    assert deadlines.classify_due(CALENDAR, date(2026, 3, 7), POLICY) == date(2026, 3, 11)
    assert deadlines.classify_due(CALENDAR, date(2026, 3, 9), POLICY) == date(2026, 3, 11)
    assert deadlines.classify_due(CALENDAR, date(2026, 3, 6), POLICY) == date(2026, 3, 10)


def test_the_settings_are_used() -> None:
    policy = DeadlinePolicy(record_days=0, classify_days=1, forward_days=2, answer_days=7, extension_days=3)
    received = date(2026, 4, 24)
    assert deadlines.record_due(CALENDAR, received, policy) == date(2026, 4, 24)
    assert deadlines.classify_due(CALENDAR, received, policy) == date(2026, 4, 28)
    assert deadlines.forward_due(CALENDAR, received, policy) == date(2026, 4, 29)
    assert deadlines.answer_due(CALENDAR, received, policy) == date(2026, 5, 8)
    assert deadlines.extended_due(CALENDAR, date(2026, 5, 8), policy) == date(2026, 5, 13)


def test_the_extension_adds_ten_working_days_to_the_current_due_date() -> None:
    assert deadlines.extended_due(CALENDAR, date(2026, 5, 13), POLICY) == date(2026, 5, 27)
    assert deadlines.extended_due(CALENDAR, date(2026, 2, 13), POLICY) == date(2026, 3, 6)


def test_reopening_gives_a_fresh_answer_deadline_within_the_window() -> None:
    answered = date(2026, 11, 19)  # Thursday; 24/11 off
    assert deadlines.reopen_window_ends(CALENDAR, answered, POLICY) == date(2026, 12, 4)
    assert deadlines.reopen_due(CALENDAR, date(2026, 11, 30), POLICY) == date(2026, 12, 14)
    short = DeadlinePolicy(reopen_window_days=2)
    assert deadlines.reopen_window_ends(CALENDAR, answered, short) == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("due", "warn_by"),
    [
        (date(2026, 5, 13), date(2026, 5, 12)),
        (date(2026, 2, 23), date(2026, 2, 13)),  # over Tết
        (date(2026, 1, 5), date(2025, 12, 31)),  # over 1/1 and the 2/1 swap
        (date(2026, 1, 12), date(2026, 1, 10)),  # the swapped Saturday is a working day
    ],
)
def test_the_apology_is_due_one_working_day_before_the_deadline(due: date, warn_by: date) -> None:
    assert deadlines.apology_due(CALENDAR, due) == warn_by


# The stopped clock.


def test_a_pause_keeps_the_working_days_after_the_pause_day() -> None:
    due = date(2026, 5, 13)
    remaining = deadlines.remaining_working_days(CALENDAR, due, date(2026, 5, 4))
    assert remaining == 7  # 5, 6, 7, 8, 11, 12, 13 May; 4 May itself was used
    assert deadlines.resumed_due(CALENDAR, date(2026, 5, 11), remaining) == date(2026, 5, 20)


def test_a_pause_over_tet_moves_the_deadline_past_it() -> None:
    remaining = deadlines.remaining_working_days(CALENDAR, date(2026, 2, 25), date(2026, 2, 11))
    assert remaining == 5  # 12, 13, 23, 24, 25 February
    assert deadlines.resumed_due(CALENDAR, date(2026, 3, 4), remaining) == date(2026, 3, 11)


def test_a_pause_on_a_weekend_is_deemed_to_be_on_monday() -> None:
    due = date(2026, 5, 13)
    remaining = deadlines.remaining_working_days(CALENDAR, due, date(2026, 5, 9))  # Saturday
    assert remaining == deadlines.remaining_working_days(CALENDAR, due, date(2026, 5, 11)) == 2
    assert deadlines.resumed_due(CALENDAR, date(2026, 5, 10), remaining) == due  # resumed on the Sunday
    assert deadlines.resumed_due(CALENDAR, date(2026, 5, 12), remaining) == date(2026, 5, 14)


def test_a_pause_on_the_due_date_leaves_the_resume_day_as_the_deadline() -> None:
    remaining = deadlines.remaining_working_days(CALENDAR, date(2026, 5, 13), date(2026, 5, 13))
    assert remaining == 0
    assert deadlines.resumed_due(CALENDAR, date(2026, 5, 15), remaining) == date(2026, 5, 15)
    assert deadlines.resumed_due(CALENDAR, date(2026, 5, 16), remaining) == date(2026, 5, 18)


def test_an_item_overdue_when_paused_stays_as_late_after_the_resume() -> None:
    remaining = deadlines.remaining_working_days(CALENDAR, date(2026, 5, 4), date(2026, 5, 6))
    assert remaining == -2
    assert deadlines.days_left(CALENDAR, date(2026, 5, 4), date(2026, 5, 6)) == -2
    resumed = deadlines.resumed_due(CALENDAR, date(2026, 5, 11), remaining)
    assert resumed == date(2026, 5, 7)
    assert deadlines.days_left(CALENDAR, resumed, date(2026, 5, 11)) == -2


# Days left.


@pytest.mark.parametrize(
    ("today", "left"),
    [
        (date(2026, 5, 6), 5),
        (date(2026, 5, 8), 3),  # Friday: 11, 12, 13
        (date(2026, 5, 9), 3),  # Saturday: the same
        (date(2026, 5, 12), 1),
        (date(2026, 5, 13), 0),  # due today
        (date(2026, 5, 14), -1),
        (date(2026, 5, 15), -2),
        (date(2026, 5, 16), -2),  # Saturday: still two working days late
        (date(2026, 5, 18), -3),
    ],
)
def test_days_left_before_and_after_a_wednesday_deadline(today: date, left: int) -> None:
    assert deadlines.days_left(CALENDAR, date(2026, 5, 13), today) == left


@pytest.mark.parametrize(
    ("today", "left"),
    [
        (date(2026, 5, 7), 1),
        (date(2026, 5, 8), 0),
        (date(2026, 5, 9), -1),  # Saturday: the deadline closed on Friday evening
        (date(2026, 5, 10), -1),
        (date(2026, 5, 11), -1),
        (date(2026, 5, 12), -2),
    ],
)
def test_the_weekend_after_a_friday_deadline_is_already_overdue(today: date, left: int) -> None:
    assert deadlines.days_left(CALENDAR, date(2026, 5, 8), today) == left


# The local date.


@pytest.mark.parametrize(
    ("instant", "day"),
    [
        (datetime(2026, 2, 13, 16, 59, 59, tzinfo=UTC), date(2026, 2, 13)),  # 23:59:59 in Hà Nội
        (datetime(2026, 2, 13, 17, 0, tzinfo=UTC), date(2026, 2, 14)),  # midnight in Hà Nội
        (datetime(2026, 2, 13, 20, 0, tzinfo=ZoneInfo("Europe/Paris")), date(2026, 2, 14)),
        (datetime(2026, 2, 14, 0, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), date(2026, 2, 14)),
    ],
)
def test_the_local_date_is_the_date_in_vietnam(instant: datetime, day: date) -> None:
    assert deadlines.local_date(instant) == day


def test_a_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        deadlines.local_date(datetime(2026, 2, 13, 17, 0))


# Properties.


@given(any_day, st.integers(min_value=-30, max_value=60))
def test_a_pause_then_an_immediate_resume_leaves_the_due_date_unchanged(received: date, offset: int) -> None:
    due = deadlines.answer_due(CALENDAR, received, POLICY)
    paused_on = received + timedelta(days=offset)  # any day, weekends and overdue included
    remaining = deadlines.remaining_working_days(CALENDAR, due, paused_on)
    assert deadlines.resumed_due(CALENDAR, paused_on, remaining) == due


@given(any_day, st.integers(min_value=0, max_value=14), st.integers(min_value=0, max_value=60))
def test_the_time_waiting_for_the_citizen_is_added_to_the_deadline(received: date, pause: int, wait: int) -> None:
    due = deadlines.answer_due(CALENDAR, received, POLICY)
    paused_on = received + timedelta(days=pause)
    resumed_on = paused_on + timedelta(days=wait)
    remaining = deadlines.remaining_working_days(CALENDAR, due, paused_on)
    resumed = deadlines.resumed_due(CALENDAR, resumed_on, remaining)
    assert resumed >= due
    deemed_pause = CALENDAR.add_working_days(paused_on, 0)
    deemed_resume = CALENDAR.add_working_days(resumed_on, 0)
    assert CALENDAR.working_days_between(due, resumed) == CALENDAR.working_days_between(deemed_pause, deemed_resume)
    assert CALENDAR.is_working_day(resumed)


@given(any_day)
def test_every_deadline_is_a_working_day_after_receipt_in_the_right_order(received: date) -> None:
    steps = [
        deadlines.record_due(CALENDAR, received, POLICY),
        deadlines.classify_due(CALENDAR, received, POLICY),
        deadlines.forward_due(CALENDAR, received, POLICY),
        deadlines.answer_due(CALENDAR, received, POLICY),
    ]
    assert received < steps[0] < steps[1] < steps[2] < steps[3]
    assert all(CALENDAR.is_working_day(step) for step in steps)
    extended = deadlines.extended_due(CALENDAR, steps[3], POLICY)
    assert CALENDAR.working_days_between(steps[3], extended) == POLICY.extension_days


@given(working_day)
def test_the_apology_is_the_last_working_day_before_the_deadline(due: date) -> None:
    warn_by = deadlines.apology_due(CALENDAR, due)
    assert warn_by < due
    assert CALENDAR.is_working_day(warn_by)
    assert CALENDAR.working_days_between(warn_by, due) == 1
    assert deadlines.days_left(CALENDAR, due, warn_by) == 1


@given(working_day, any_day)
def test_days_left_is_negative_exactly_when_the_deadline_has_passed(due: date, today: date) -> None:
    left = deadlines.days_left(CALENDAR, due, today)
    assert (left < 0) == (today > due)
    assert (left == 0) == (today <= due and CALENDAR.working_days_between(today, due) == 0)
    if CALENDAR.is_working_day(today):
        assert left == CALENDAR.working_days_between(today, due)


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)))
def test_the_last_closable_answer_day_is_the_last_one_whose_reopen_window_has_ended(today: date) -> None:
    policy = DeadlinePolicy()
    last = deadlines.last_reopenable_answer_day(CALENDAR, today, policy)
    assert deadlines.reopen_window_ends(CALENDAR, last, policy) < today
    assert deadlines.reopen_window_ends(CALENDAR, last + timedelta(days=1), policy) >= today


def test_items_answered_before_tet_2026_stay_reopenable_over_the_holiday() -> None:
    # Answered Fri 13/2/2026, the last working day before Tết (16–20/2 off): 10 working days from Mon 23/2
    # run to Fri 6/3; it can be closed from Sat 7/3 on.
    policy = DeadlinePolicy()
    assert deadlines.reopen_window_ends(CALENDAR, date(2026, 2, 13), policy) == date(2026, 3, 6)
    assert deadlines.last_reopenable_answer_day(CALENDAR, date(2026, 3, 6), policy) < date(2026, 2, 13)
    assert deadlines.last_reopenable_answer_day(CALENDAR, date(2026, 3, 7), policy) >= date(2026, 2, 13)
