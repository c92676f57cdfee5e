"""Where a PAKN item stands in its lifecycle, and the groups of statuses that reports and deadlines use.

- open: the item can still change (every status but the final ones); an answered item is open, since the
  citizen may still reopen it;
- in process: the agency still owes an answer, so the answer deadline runs (the "in process" of the
  agencies' reports: received = answered + in process);
- final: nothing more happens to the item;
- clock paused: the answer deadline stops while the agency waits for the citizen.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    RECEIVED = "received"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    WAITING_FOR_CITIZEN = "waiting_for_citizen"
    ANSWERED = "answered"
    CLOSED = "closed"
    REOPENED = "reopened"
    FORWARDED = "forwarded"
    WITHDRAWN = "withdrawn"  # the filer took it back before it was answered


FINAL_STATUSES: frozenset[Status] = frozenset({Status.REFUSED, Status.CLOSED, Status.WITHDRAWN})
OPEN_STATUSES: frozenset[Status] = frozenset(Status) - FINAL_STATUSES
IN_PROCESS_STATUSES: frozenset[Status] = OPEN_STATUSES - {Status.ANSWERED}
CLOCK_PAUSED: frozenset[Status] = frozenset({Status.WAITING_FOR_CITIZEN})
