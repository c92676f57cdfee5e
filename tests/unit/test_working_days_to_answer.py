"""The working days an answer took, as the item keeps them, agree with the report's ordinals of working days."""

from __future__ import annotations

from datetime import date, timedelta

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.deadlines import working_days_to_answer
from feedback.domain.working_days import WorkingCalendar

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))


def working_ordinals(calendar: WorkingCalendar, start: date, end: date) -> dict[date, tuple[int, int]]:
    """An independent way to count, which the reports used before the item kept its count: for each day,
    its working-day ordinal as a day of receipt (a day off deemed the next working day) and as a day of
    answer; the difference is the working days the answer took."""
    base = start - timedelta(days=1)
    ordinals = {}
    day = start
    while day <= end:
        deemed = calendar.add_working_days(day, 0)
        ordinals[day] = (calendar.working_days_between(base, deemed), calendar.working_days_between(base, day))
        day += timedelta(days=1)
    return ordinals


def test_a_weekend_receipt_counts_from_monday_and_an_earlier_answer_took_none() -> None:
    saturday, sunday, friday = date(2026, 3, 7), date(2026, 3, 8), date(2026, 3, 13)
    assert working_days_to_answer(CALENDAR, saturday, friday) == 4  # Tue to Fri: Monday is the deemed receipt
    assert working_days_to_answer(CALENDAR, saturday, sunday) == 0
    assert working_days_to_answer(CALENDAR, friday, friday) == 0


def test_across_tet_it_agrees_with_the_ordinals_the_report_used_to_join() -> None:
    start, end = date(2026, 1, 20), date(2026, 3, 20)  # Tết 2026: mid-February
    ordinals = working_ordinals(CALENDAR, start, end)
    received = start
    while received <= end:
        for answered in (received + timedelta(days=n) for n in range(0, 40, 3)):
            if answered <= end:
                expected = max(0, ordinals[answered][1] - ordinals[received][0])
                assert working_days_to_answer(CALENDAR, received, answered) == expected
        received += timedelta(days=1)
