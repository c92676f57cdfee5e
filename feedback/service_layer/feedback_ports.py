"""What the feedback services need from storage, as protocols: storage/ provides them."""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from feedback.domain.access import Officer
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import AuditEntry, CitizenRef, Contact, FeedbackItem, NoticeKind
from feedback.domain.officer_messages import OfficerMessage
from feedback.domain.queue import QueueFilter, QueueRow
from feedback.domain.status import Status
from feedback.service_layer.access_ports import UnitRepository
from feedback.service_layer.data_views import DataViewLog
from feedback.service_layer.held_notices import HeldNotices
from feedback.service_layer.transaction import Transaction
from feedback.service_layer.web_attempts import AttemptLog


class ConcurrentChange(Exception):
    """Someone else changed the item since it was read: reload and decide again."""


class SubmissionKeyTaken(Exception):
    """Another transaction stored an item with this draft's submission key meanwhile: look it up again."""


@dataclass(frozen=True)
class OutgoingNotice:
    """A stored notice waiting for its channel to deliver it."""

    id: int
    code: str
    channel: str
    recipient: str
    kind: NoticeKind
    status: Status
    text: str | None
    due: date | None
    created_at: datetime
    answer_number: int | None = None  # an ANSWERED notice's answer round (see feedback.domain.model.Notice)


class FeedbackRepository(Protocol):
    async def add_many(self, items: Sequence[FeedbackItem]) -> None:
        """Store new items with their audit entries and give each its code: the next of its day of receipt.

        The numbering belongs to storage (it must be unique under concurrent submissions) and is rolled
        back with the transaction, so a failed submission leaves no gap."""
        ...

    async def get(self, code: str) -> FeedbackItem | None: ...

    async def save(self, item: FeedbackItem) -> None:
        """Store the changes of a loaded item; raises ConcurrentChange if it changed meanwhile."""
        ...

    async def list_for_citizen(self, citizen: CitizenRef, *, limit: int) -> list[FeedbackItem]: ...

    async def retention_due(self, contact_closed_before: date, files_closed_before: date, *, limit: int) -> list[str]:
        """Codes of closed items whose contact details (closed before the first day) or files (before the second)
        are still kept, oldest closed first."""
        ...

    async def answered_on_or_before(self, day: date, *, limit: int) -> list[str]:
        """Codes of items still `answered` (not reopened, not closed) whose answer is from `day` or earlier."""
        ...

    async def count_received_since(self, citizens: Set[CitizenRef], since: datetime) -> dict[CitizenRef, int]:
        """How many items each citizen filed since `since` (citizens with none may be left out)."""
        ...

    async def contents_since(self, citizen: CitizenRef, since: datetime) -> list[tuple[str, str]]:
        """(code, content) of the citizen's items received since `since`."""
        ...

    async def received_times_since(self, citizen: CitizenRef, since: datetime) -> list[datetime]:
        """When each of the citizen's items received since `since` was received."""
        ...

    async def with_submission_keys(self, keys: Set[str]) -> dict[str, FeedbackItem]:
        """The stored items filed with these submission keys, by key (`add_many` raises SubmissionKeyTaken when
        an item it adds has the key of one stored meanwhile)."""
        ...

    async def audit_trail(self, code: str) -> list[AuditEntry]: ...

    async def get_many(self, codes: Sequence[str]) -> list[FeedbackItem]:
        """The items of these codes that exist, newest first."""
        ...

    async def list_received(
        self,
        since: datetime,
        until: datetime,
        *,
        statuses: Set[Status] | None,
        types: Set[FeedbackType] | None,
        limit: int,
        offset: int = 0,
    ) -> list[FeedbackItem]:
        """Items received in [since, until], newest first, at most `limit` after skipping `offset` (the public
        Open311 listing)."""
        ...


class CitizenRepository(Protocol):
    async def last_contact(self, citizen: CitizenRef) -> Contact | None: ...

    async def forget_if_all_masked(self, citizen: CitizenRef) -> None: ...

    async def remember_many(self, contacts: Sequence[tuple[CitizenRef, Contact]], at: datetime) -> None:
        """Create or update citizens with the contact they gave (the last one given wins).

        The first write of a submission: it locks the citizens' rows, so the daily counts after it are exact."""
        ...


class NoticeOutbox(Protocol):
    async def pending(self, channel: str, *, limit: int) -> Sequence[OutgoingNotice]: ...

    async def mark_sent(self, notice_id: int, at: datetime) -> None: ...


class OfficerList(Protocol):
    async def list(self) -> list[Officer]: ...


class OfficerMessageQueue(Protocol):
    async def add(self, officer: Officer, message: OfficerMessage, at: datetime) -> None:
        """Queue a message for an officer with a linked account (`digest.recipients`)."""
        ...


class FeedbackQueue(Protocol):
    async def page(self, wanted: QueueFilter, today: date, *, offset: int, limit: int) -> tuple[list[QueueRow], int]:
        """One page of the queue in deadline order, and how many items match in all."""
        ...


class FeedbackUnitOfWork(Transaction, Protocol):
    @property
    def feedback(self) -> FeedbackRepository: ...

    @property
    def citizens(self) -> CitizenRepository: ...

    @property
    def notices(self) -> NoticeOutbox: ...

    @property
    def queue(self) -> FeedbackQueue: ...

    @property
    def data_views(self) -> DataViewLog: ...

    # notices the citizen's channel keeps until they write again (Zalo outside its window)
    @property
    def held_notices(self) -> HeldNotices: ...

    # the units a citizen may address an item to
    @property
    def units(self) -> UnitRepository: ...

    # the web's filings per client address, counted against the daily cap per address
    @property
    def web_attempts(self) -> AttemptLog: ...

    # who is told when a citizen reopens, supplies information or withdraws (feedback.domain.citizen_alert)
    @property
    def officers(self) -> OfficerList: ...

    @property
    def officer_messages(self) -> OfficerMessageQueue: ...
