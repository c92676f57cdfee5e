"""An item as a report sees it at the close of a day, rebuilt from the audit trail when it changed since.

A report of a past period takes each item as it stood at the close of "as of" (and, for the monthly overdue
stock, at each month's end): the unit responsible for it, its deadline, whether its clock was stopped, whether
an answer stood. Most items have not changed in those respects since, and storage counts them from their
current columns. An item forwarded, paused, resumed, extended or reopened after that day
(`FeedbackItem.standing_changed_on`) is rebuilt here: every audit entry keeps the item's standing just before
it, so the standing at the close of a day is the one kept by the first such change after that day. Answers
and refusals need no rebuilding: the item keeps their dates (a later answer replaces the date only after a
reopen, which is such a change).

The rules below are the report's definitions; `storage.report_queries` applies the same ones in SQL to the
items that did not change:
- answered by a day: an answer stood at its close (answered or closed, answered on or before it);
- refused by a day: refused on or before it; withdrawn by a day: taken back by the filer on or before it
  (pakn-rules: a withdrawn item counts as withdrawn, not as received and unanswered);
- overdue at a day: none of those, and the deadline was before it, unless the clock was stopped then within
  the deadline. An item paused when already overdue keeps its lateness (`feedback.domain.deadlines`): it is overdue
  while it waits, or asking the citizen a question would hide it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import Standing
from feedback.domain.status import CLOCK_PAUSED, Status

ANSWERED = frozenset({Status.ANSWERED, Status.CLOSED})


@dataclass(frozen=True)
class StandingChange:
    on: date  # the local day of the change
    before: Standing | None  # None: an entry older than migration 0010, which kept no standing


@dataclass(frozen=True)
class ItemHistory:
    """An item whose unit, deadline or clock changed after its day of receipt, with the changes storage read
    (those after the first day a report asked about, in time order)."""

    received_on: date
    type: FeedbackType
    procedure_code: str | None
    rating: int | None
    closed_on: date | None  # the day it was refused or withdrawn (or closed: then it is answered)
    changed_on: date  # the last day its unit, deadline or clock changed
    current: Standing
    changes: tuple[StandingChange, ...]

    def standing_at(self, day: date) -> Standing:
        """As the item stood at the close of `day` (a day on or after the first one storage was asked about)."""
        for change in self.changes:
            if change.on > day:
                return change.before or self.current
        return self.current


def answered_by(standing: Standing, day: date) -> bool:
    return standing.status in ANSWERED and standing.answered_on is not None and standing.answered_on <= day


def refused_by(standing: Standing, closed_on: date | None, day: date) -> bool:
    return standing.status == Status.REFUSED and closed_on is not None and closed_on <= day


def withdrawn_by(standing: Standing, closed_on: date | None, day: date) -> bool:
    return standing.status == Status.WITHDRAWN and closed_on is not None and closed_on <= day


def overdue_at(standing: Standing, closed_on: date | None, day: date) -> bool:
    settled = answered_by(standing, day) or refused_by(standing, closed_on, day)
    if settled or withdrawn_by(standing, closed_on, day) or not standing.due < day:
        return False
    stopped_in_time = standing.status in CLOCK_PAUSED and (standing.days_left_at_pause or 0) >= 0
    return not stopped_in_time


class Outcome(StrEnum):
    """Where an item stands in the seeds' identity at the close of a day."""

    ON_TIME = "on_time"
    LATE = "late"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    OVERDUE = "overdue"
    WITHIN = "within"


def outcome_at(standing: Standing, closed_on: date | None, day: date) -> Outcome:
    if answered_by(standing, day):
        assert standing.answered_on is not None
        return Outcome.ON_TIME if standing.answered_on <= standing.due else Outcome.LATE
    if refused_by(standing, closed_on, day):
        return Outcome.REFUSED
    if withdrawn_by(standing, closed_on, day):
        return Outcome.WITHDRAWN
    return Outcome.OVERDUE if overdue_at(standing, closed_on, day) else Outcome.WITHIN
