"""PAKN deadlines: how many working days each step gets, and the dates that follows.

The law fixes only forwarding (5 working days from receipt, Nghị định 20/2008 Art. 9); the rest are each
agency's own settings, with the defaults of pakn-rules.md, gathered in `DeadlinePolicy`. The functions are
pure: they take the working calendar and the policy and return dates or counts, and the item stores what they
return (deadlines are recomputed only by explicit events: acceptance, extension, pause, resume, reopen).

All dates are `datetime.date` in Vietnam local time (`local_date` converts an instant). Counting follows
`WorkingCalendar.add_working_days`: the start day is not counted, and a start on a non-working day is deemed
to be the next working day. A deadline is met if the work is done by the close of the due day.

Waiting for the citizen stops the clock:
- at the pause, the days left are the working days after the pause day up to the due date: the pause day
  itself counts as used, since the clock ran that day until the question was sent;
- at the resume, those days are counted afresh from the resume day, which is not counted, like a day of
  receipt (the citizen's answer arrives during it).
So a pause and a resume on the same day leave the due date where it was. A pause on a non-working day is
deemed to happen on the next working day, like every other event; without that, pausing on a Saturday and
resuming on the Sunday would gain a working day. An item already overdue when paused keeps its lateness: the
days left are then negative, and the resumed due date is that many working days before the resume day.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from feedback.domain.working_days import WorkingCalendar

VIETNAM_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class DeadlinePolicy:
    """Working days allowed for each step; the defaults are those of pakn-rules.md.

    The extension may be granted once; that rule (and its reason) belongs to the item, which records whether
    it has been extended, not to these numbers.
    """

    record_days: int = 1  # key a PAKN received on paper, by phone or e-mail into the system
    classify_days: int = 2  # accept, or refuse with the reason
    forward_days: int = 5  # to the competent body, when the receiving one is not (the law, Art. 9)
    answer_days: int = 10  # handle and answer
    extension_days: int = 10  # more time for a complex case, once
    reopen_window_days: int = 10  # how long after the answer the citizen may reopen

    def __post_init__(self) -> None:
        for setting in fields(self):
            value = getattr(self, setting.name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{setting.name} must be a whole number of working days, 0 or more, not {value!r}")


def local_date(instant: datetime) -> date:
    """The date in Vietnam (Asia/Ho_Chi_Minh) at `instant`, which must carry its time zone."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"need a time-zone-aware instant, got the naive {instant.isoformat()}")
    return instant.astimezone(VIETNAM_TIME).date()


def record_due(calendar: WorkingCalendar, received: date, policy: DeadlinePolicy) -> date:
    """By when a PAKN received on paper, by phone or by e-mail must be keyed into the system."""
    return calendar.add_working_days(received, policy.record_days)


def classify_due(calendar: WorkingCalendar, received: date, policy: DeadlinePolicy) -> date:
    """By when the item must be accepted or refused."""
    return calendar.add_working_days(received, policy.classify_days)


def forward_due(calendar: WorkingCalendar, received: date, policy: DeadlinePolicy) -> date:
    """By when an item the unit is not competent for must be forwarded to the competent body."""
    return calendar.add_working_days(received, policy.forward_days)


def answer_due(calendar: WorkingCalendar, received: date, policy: DeadlinePolicy) -> date:
    """By when the item must be handled and answered."""
    return calendar.add_working_days(received, policy.answer_days)


def extended_due(calendar: WorkingCalendar, current_due: date, policy: DeadlinePolicy) -> date:
    """The due date after the extension: `extension_days` more working days after the current one."""
    return calendar.add_working_days(current_due, policy.extension_days)


def remaining_working_days(calendar: WorkingCalendar, current_due: date, paused_on: date) -> int:
    """Working days left when the clock stops on `paused_on`: those after it up to `current_due`.

    The pause day counts as used; a pause on a non-working day is deemed to be on the next working day.
    0 means the due date was the (deemed) pause day; a negative number, that the item was overdue by that
    many working days.
    """
    return calendar.working_days_between(calendar.add_working_days(paused_on, 0), current_due)


def resumed_due(calendar: WorkingCalendar, resumed_on: date, remaining: int) -> date:
    """The due date when the clock restarts on `resumed_on` with `remaining` working days left.

    The resume day is not counted (like a day of receipt); `remaining` of 0 makes the (deemed) resume day
    itself the due date, and a negative `remaining` keeps an overdue item overdue by as many working days.
    """
    return calendar.add_working_days(resumed_on, remaining)


def reopen_due(calendar: WorkingCalendar, reopened_on: date, policy: DeadlinePolicy) -> date:
    """The fresh answer deadline of an item the citizen reopened on `reopened_on`."""
    return calendar.add_working_days(reopened_on, policy.answer_days)


def reopen_window_ends(calendar: WorkingCalendar, answered_on: date, policy: DeadlinePolicy) -> date:
    """The last day on which the citizen may reopen an item answered on `answered_on`."""
    return calendar.add_working_days(answered_on, policy.reopen_window_days)


def last_reopenable_answer_day(calendar: WorkingCalendar, today: date, policy: DeadlinePolicy) -> date:
    """The latest answer date whose reopen window has ended before `today`: items answered on it or
    earlier can be closed. The window end grows with the answer date, so walking back finds it."""
    day = today - timedelta(days=1)
    while reopen_window_ends(calendar, day, policy) >= today:
        day -= timedelta(days=1)
    return day


def working_days_to_answer(calendar: WorkingCalendar, received: date, answered: date) -> int:
    """The working days an answer took, counted like a deadline from the day of receipt: that day not counted,
    a receipt on a day off deemed on the next working day; an answer on a day off before that deemed day
    (a Sunday answer to a Saturday PAKN) took 0."""
    return max(0, calendar.working_days_between(calendar.add_working_days(received, 0), answered))


def apology_due(calendar: WorkingCalendar, due: date) -> date:
    """The latest day to warn the citizen that the item will be late and apologise: one working day before
    the deadline (the one-stop rule for late dossiers, applied to PAKN)."""
    return calendar.previous_working_day(due)


def days_left(calendar: WorkingCalendar, due: date, today: date) -> int:
    """Working days left until the close of `due`, as seen on `today`; negative: overdue by that many.

    Up to the due date, the working days in (today, due]: 0 means due today, 1 due on the next working day.
    After it, minus the working days the deadline has been missed by so far, those in (due, today], and at
    least 1, so that the result is negative exactly when the due date has passed: the Saturday after a
    Friday deadline gives -1, as the Monday does, and the Tuesday -2.
    """
    if today <= due:
        return calendar.working_days_between(today, due)
    return -max(1, calendar.working_days_between(due, today))
