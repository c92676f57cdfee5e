"""What delivery needs from a channel: a sender, its limits, and the outcome of one send."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from dialogue.replies import Reply


@dataclass(frozen=True)
class NoticeRef:
    """The PAKN notice a message carries, for a channel that must send it another way outside its window
    (Zalo's ZNS templates): which item, what happened, the date to give."""

    code: str
    kind: str  # feedback.model.NoticeKind's value
    due: date | None = None


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
