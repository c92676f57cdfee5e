"""When the system apologises by itself for an item that is going to be late (the item keeps the rules of
the apology and of moving its date: `FeedbackItem.apologise`).

The one-stop rules for late dossiers (pakn-rules.md; Nghị định 61/2018, now 118/2025) want the apology
with a new date sent at the latest one working day before the deadline. So on that day (`apology_due`),
every item still in process whose clock runs and that has had no apology gets one, with a default new date
some working days after the deadline; an officer who knows better apologises earlier with their own date,
or moves the automatic one (once). A job that missed that day catches up on the next run: late is better
than never, and the new date then counts from today.
"""

from __future__ import annotations

from datetime import date

from feedback.domain.deadlines import apology_due
from feedback.domain.model import FeedbackItem
from feedback.domain.status import IN_PROCESS_STATUSES
from feedback.domain.working_days import WorkingCalendar

DEFAULT_EXTRA_DAYS = 5


def owes_apology(item: FeedbackItem, today: date, calendar: WorkingCalendar) -> bool:
    return (
        item.status in IN_PROCESS_STATUSES
        and not item.clock_paused
        and item.promised_on is None
        and today >= apology_due(calendar, item.due)
    )


def default_promise(item: FeedbackItem, today: date, calendar: WorkingCalendar, extra_days: int) -> date:
    """The new expected date of an automatic apology: `extra_days` working days after the deadline, or
    after today when the deadline has passed already."""
    return calendar.add_working_days(max(item.due, today), max(extra_days, 1))
