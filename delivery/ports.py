"""What delivery needs: from a channel, a sender, its limits and the outcome of one send; from storage, the
outbox rows to claim and a place to record what became of each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from dialogue.replies import Reply


@dataclass(frozen=True)
class NoticeRef:
    """The PAKN notice a message carries, for a channel that must send it another way outside its window
    (Zalo's ZNS templates): which item, what happened, the date to give, the item's status after it."""

    code: str
    kind: str  # feedback.domain.model.NoticeKind's value
    due: date | None = None
    status: str | None = None  # feedback.domain.status.Status's value; None on rows queued before it was recorded


@dataclass(frozen=True)
class OutgoingMessage:
    """One row of the channel outbox, as a sender sees it."""

    id: int
    channel: str
    recipient: str  # the channel's address: a chat id, a Zalo user id
    reply: Reply
    origin: str | None = None  # the channel's id of a message this reply may replace
    notice: NoticeRef | None = None


@dataclass(frozen=True)
class Delivered:
    """The channel took it; its ids for the messages sent (a long reply may go as several)."""

    message_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class RetryLater:
    """Not now: rate-limited (honour `after_seconds`) or the channel unreachable for a while."""

    after_seconds: float
    reason: str
    # The account as a whole is over its limit or the channel is unreachable: every message waits, not only
    # this one (Telegram's bot-wide flood control, Zalo's -32, a network failure).
    whole_channel: bool = False


@dataclass(frozen=True)
class HoldUntilContact:
    """The channel may not send to this person now (Zalo's consultation window has closed): keep it, and send
    it the next time they write."""

    reason: str


@dataclass(frozen=True)
class Undeliverable:
    """It will never go: the person blocked the account, or no such chat. Logged, counted, shown to officers."""

    reason: str


SendOutcome = Delivered | RetryLater | HoldUntilContact | Undeliverable


@dataclass(frozen=True)
class ChannelLimits:
    """How fast a channel lets an account send: overall, and to one recipient."""

    per_second: float
    per_recipient_per_second: float


class ChannelSender(Protocol):
    """A channel's way of sending one outbox row. It never raises for what the channel answered: it returns
    the outcome; it may raise for a programming error, which delivery logs and retries later."""

    channel: str
    limits: ChannelLimits

    async def send(self, message: OutgoingMessage) -> SendOutcome: ...


@dataclass(frozen=True)
class Claim:
    """An outbox row taken for sending until `until`: only its holder records its outcome."""

    message: OutgoingMessage
    until: datetime
    attempts: int  # sends tried before this one
    claimed_at: datetime | None = None  # the store's own time of the claim, to compare with the person's writing


@dataclass(frozen=True)
class OutboxCounts:
    """One channel's outbox as health and metrics show it."""

    waiting: int  # not sent yet (due now or later)
    due: int  # waiting and due now: the backlog
    held: int  # kept until the person writes again
    undeliverable: int
    oldest_due: datetime | None  # when the oldest row due now was queued


class OutboxStore(Protocol):
    """The channel outbox as delivery reads it. Each call is its own short transaction.

    A claim takes, per recipient, only their oldest waiting row, and only once it is due and not claimed by
    another holder: a recipient's next message waits for the previous one's outcome, on every instance.
    Recording an outcome returns False when the claim was no longer the caller's (its lease ran out and
    another instance took the row): nothing is changed then."""

    async def claim(self, channel: str, *, now: datetime, until: datetime, limit: int) -> list[Claim]: ...

    async def delivered(self, claim: Claim, message_ids: tuple[str, ...], *, now: datetime) -> bool: ...

    async def retry(self, claim: Claim, *, at: datetime, reason: str) -> bool: ...

    async def hold(self, claim: Claim, reason: str) -> bool: ...

    async def undeliverable(self, claim: Claim, reason: str, *, now: datetime) -> bool: ...

    async def put_back(self, claims: list[Claim], *, at: datetime) -> None:
        """Return claimed rows not tried (the channel paused, the loop stopping), due again `at`."""
        ...

    async def prune_sent(self, channel: str, *, before: datetime, limit: int) -> int:
        """Forget up to `limit` rows sent before `before` (held and undeliverable ones stay). How many."""
        ...

    async def counts(self, channel: str, *, now: datetime) -> OutboxCounts: ...
