"""Handing the domain's messages to the channels: a PAKN notice (received, answered, asked for information,
deadline moved…) and an officer's message (digest, escalation, a channel needing an administrator) become
rows of the channel outbox, rendered by the dialogue, in the transaction that marks them handed on.

The feedback services write a notice in the transaction of the change it reports; the relay moves it to
the channel outbox, where delivery sends it at the channel's pace (Zalo outside its window: a ZNS template
or held until the citizen writes, by its `NoticeRef`). Moving and marking commit together, and a notice is
taken by one relay only (`take`), so with several instances each notice is queued once. An officer's
message goes to each account the officer had linked when it was written (Telegram, Zalo) whose channel is
on; one that no channel that is on can carry waits, untaken, for a relay that has it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import UTC, datetime
from typing import Protocol

from delivery.ports import NoticeRef
from dialogue import officer_alert_text
from dialogue.conversation import Conversation
from dialogue.notice_text import notice_text
from dialogue.ports import ChannelOutbox, ConversationChanged, ConversationStore, NewMessage
from dialogue.replies import Reply
from feedback.service_layer.feedback_ports import OutgoingNotice
from feedback.service_layer.scheduled_job_ports import StoredOfficerMessage
from feedback.service_layer.transaction import Transaction

log = logging.getLogger(__name__)

BATCH = 200
# Where officers' messages go: each of the officer's linked accounts, on the channels that are on.
OFFICERS_CHANNELS = ("telegram", "zalo")

RenderNotice = Callable[[OutgoingNotice], Reply]
# A channel's own rendering (the web filers' e-mail); None: the change is not sent there (taken all the same).
ChannelRenderNotice = Callable[[OutgoingNotice], Reply | None]


class NoticeSource(Protocol):
    async def pending(self, channel: str, *, limit: int) -> Sequence[OutgoingNotice]: ...

    async def take(self, notice_id: int, at: datetime) -> bool: ...


class OfficerMessageSource(Protocol):
    async def pending(self, *, limit: int, channels: Collection[str]) -> Sequence[StoredOfficerMessage]:
        """Messages not relayed yet that one of `channels` can carry (the officer is linked there)."""
        ...

    async def take(self, message_id: int, at: datetime) -> bool: ...


class RelayUnitOfWork(Transaction, Protocol):
    @property
    def notices(self) -> NoticeSource: ...

    @property
    def officer_messages(self) -> OfficerMessageSource: ...

    @property
    def outbox(self) -> ChannelOutbox: ...

    @property
    def conversations(self) -> ConversationStore: ...


def plain_notice(notice: OutgoingNotice) -> Reply:
    """A notice's text alone, for a channel where the follow-up choices are not registered."""
    return Reply(notice_text(notice.kind, notice.code, notice.status, notice.text, notice.due))


def utc_now() -> datetime:
    return datetime.now(UTC)


async def _offer(conversations: ConversationStore, channel: str, recipient: str, choices: list[str]) -> None:
    """The notice's choices become the ones a typed number picks: they are the newest the person sees. A
    notice goes to the chat the item's filer wrote from, which on every channel here is their own account."""
    stored = await conversations.load(channel, recipient)
    conversation = stored.conversation if stored is not None else Conversation()
    conversation.offered = choices
    await conversations.save(channel, recipient, conversation, version=stored.version if stored else None)


class Relay:
    def __init__(
        self,
        uow_factory: Callable[[], RelayUnitOfWork],
        channels: Sequence[str],
        *,
        render_notice: RenderNotice = plain_notice,
        channel_renderers: Mapping[str, ChannelRenderNotice] | None = None,
        officers: bool = True,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._uow_factory = uow_factory
        self._channels = tuple(channels)
        self._render_notice = render_notice
        self._channel_renderers = dict(channel_renderers or {})
        self._officer_channels = tuple(
            channel for channel in self._channels if officers and channel in OFFICERS_CHANNELS
        )
        self._clock = clock

    async def run_once(self) -> dict[str, int]:
        """Relay what is pending; how many messages each channel got."""
        queued: dict[str, int] = {}
        for channel in self._channels:
            try:
                count = await self._notices(channel)
            except ConversationChanged:
                log.info("a conversation changed while relaying; the notices wait for the next round")
                continue
            if count:
                queued[channel] = count
        if self._officer_channels:
            for channel, count in (await self._officer_messages()).items():
                queued[channel] = queued.get(channel, 0) + count
        return queued

    async def _notices(self, channel: str) -> int:
        async with self._uow_factory() as uow:
            messages: list[NewMessage] = []
            now = self._clock()
            render = self._channel_renderers.get(channel, self._render_notice)
            for notice in await uow.notices.pending(channel, limit=BATCH):
                if not await uow.notices.take(notice.id, now):
                    continue  # another instance relayed it meanwhile
                ref = NoticeRef(notice.code, str(notice.kind), notice.due, str(notice.status))
                reply = render(notice)
                if reply is None:
                    continue
                messages.append(NewMessage(channel, notice.recipient, reply, notice=ref))
                if reply.choices:
                    await _offer(uow.conversations, channel, notice.recipient, [choice.id for choice in reply.choices])
            await uow.outbox.add(messages)
            await uow.commit()
        if messages:
            log.info("notices relayed", extra={"channel": channel, "count": len(messages)})
        return len(messages)

    async def _officer_messages(self) -> dict[str, int]:
        """Each message to every account of the officer on a channel that is on; how many each channel got."""
        async with self._uow_factory() as uow:
            messages: list[NewMessage] = []
            now = self._clock()
            for stored in await uow.officer_messages.pending(limit=BATCH, channels=self._officer_channels):
                if not await uow.officer_messages.take(stored.id, now):
                    continue
                reply = officer_alert_text.reply(stored.message)
                addresses = {
                    "telegram": str(stored.telegram_user_id) if stored.telegram_user_id is not None else None,
                    "zalo": stored.zalo_user_id,
                }
                for channel in self._officer_channels:
                    address = addresses.get(channel)
                    if address is not None:
                        messages.append(NewMessage(channel, address, reply))
            await uow.outbox.add(messages)
            await uow.commit()
        counts: dict[str, int] = {}
        for message in messages:
            counts[message.channel] = counts.get(message.channel, 0) + 1
        return counts
