"""The officers' queue: which items, in which order, and how late each is. Shared by every channel.

The order is the legal one: the earliest answer deadline first. An item waiting for the citizen has its
clock stopped, so it is never overdue and goes after the items whose clock runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from feedback.domain.legal_type import FeedbackType
from feedback.domain.status import IN_PROCESS_STATUSES, Status

PAGE_SIZE = 50
_PREVIEW = 120


class QueueOrder(StrEnum):
    """What the queue is sorted by; every order ends with the legal one, so ties stay in deadline order."""

    DEADLINE = "deadline"
    RECEIVED = "received"
    STATUS = "status"
    UNIT = "unit"


@dataclass(frozen=True)
class QueueFilter:
    """What an officer asks to see. `units=None` means every unit (an administrator's view)."""

    units: frozenset[str] | None = None
    # With `units` set: whether items not routed to any unit yet are shown too (the reception desk's).
    include_unrouted: bool = False
    statuses: frozenset[Status] = IN_PROCESS_STATUSES
    types: frozenset[FeedbackType] | None = None
    assignee: str | None = None
    received_from: date | None = None
    received_to: date | None = None
    overdue_only: bool = False
    words: str | None = None  # a tracking code, or words of the content
    order: QueueOrder = QueueOrder.DEADLINE
    descending: bool = False


@dataclass(frozen=True)
class QueueEntry:
    code: str
    type: FeedbackType
    status: Status
    unit: str | None
    assignee: str | None
    received_on: date
    due: date
    days_left: int  # working days; negative: overdue by that many
    preview: str
    clock_paused: bool = False
    # Since when a notice waits in the citizen's channel (they have not been told yet): an officer may phone.
    unreached_since: datetime | None = None

    @property
    def overdue(self) -> bool:
        return not self.clock_paused and self.days_left < 0


@dataclass(frozen=True)
class QueuePage:
    entries: list[QueueEntry]
    total: int
    page: int
    page_size: int
    filter: QueueFilter = field(default_factory=QueueFilter)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def preview(content: str) -> str:
    """The first words of the content on one line, for a row of the queue."""
    line = " ".join(content.split())
    if len(line) <= _PREVIEW:
        return line
    return line[:_PREVIEW].rsplit(" ", 1)[0] + " …"


@dataclass(frozen=True)
class QueueRow:
    """One item as storage reads it for the queue; the service adds the working days left."""

    code: str
    type: FeedbackType
    status: Status
    unit: str | None
    assignee: str | None
    received_on: date
    due: date
    content: str
