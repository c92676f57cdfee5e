"""What the dialogue needs from storage: the conversation rows, the events seen, the channel outbox, and where
the queries search could not answer are kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from delivery.ports import NoticeRef
from dialogue.conversation import Conversation
from dialogue.replies import Reply
from feedback.service_layer.transaction import Transaction
from procedures_catalog.lessons import UnansweredReason


class ConversationChanged(Exception):
    """Another instance saved this conversation since it was read: take the event again from the start."""


@dataclass(frozen=True)
class StoredConversation:
    conversation: Conversation
    version: int
    event_seen: bool = False  # the event `load` was asked about was answered already
    held: bool = False  # messages are held in the outbox for this person: take them (ChannelOutbox.take_held)


@dataclass(frozen=True)
class NewMessage:
    """A message to queue in the channel outbox, in the transaction of the change it tells about."""

    channel: str
    recipient: str
    reply: Reply
    origin: str | None = None  # the channel's id of a message this one may replace (a pressed button's)
    notice: NoticeRef | None = None


class ConversationStore(Protocol):
    async def load(self, channel: str, user_id: str, *, event_id: str | None = None) -> StoredConversation | None:
        """The conversation (None: there is none yet), with whether `event_id` was answered already and whether
        messages are held for the person; on PostgreSQL its row stays locked until the transaction ends."""
        ...

    async def save(
        self,
        channel: str,
        user_id: str,
        conversation: Conversation,
        *,
        version: int | None,
        event_id: str | None = None,
        took_held: bool = False,
    ) -> None:
        """Write the conversation if it is still at `version` (None: it did not exist); else ConversationChanged.
        `event_id`: the event this answered; `took_held`: what was held for the person was taken."""
        ...

    async def seen(self, channel: str, event_id: str) -> bool:
        """Whether the channel's event was handled already (a read: it takes no write lock)."""
        ...

    async def first_time(self, channel: str, event_id: str) -> bool:
        """Record that the channel's event was handled; False if it already was (a retried webhook)."""
        ...


class ChannelOutbox(Protocol):
    async def add(self, messages: Sequence[NewMessage]) -> None: ...

    async def take_held(self, channel: str, recipient: str) -> list[NewMessage]:
        """The messages kept until `recipient` writes again (Zalo outside its window), oldest first, taken out
        of the outbox: the caller queues them again."""
        ...


class UnansweredQueries(Protocol):
    async def add_unanswered(
        self, text: str, group: str, channel: str, reason: UnansweredReason, at: datetime
    ) -> None: ...


class DialogueUnitOfWork(Transaction, Protocol):
    @property
    def conversations(self) -> ConversationStore: ...

    @property
    def outbox(self) -> ChannelOutbox: ...

    @property
    def search_lessons(self) -> UnansweredQueries: ...
