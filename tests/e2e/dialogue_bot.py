"""The Telegram bot as `motcua serve` builds it with the dialogue: citizens' and officers' updates to the
dialogue, its replies sent by the delivery loop through the Bot API stand-in, PAKN notices relayed. Shared by
the Telegram end-to-end tests of the dialogue."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.application import build_application
from bot.chat import until_sent
from bot.inbound import CHANNEL
from bot.share_link import share_link_template
from bot.telegram_sender import TelegramSender
from delivery.ports import ChannelLimits
from dialogue.engine import Dialogue
from dialogue.flows import build_router
from dialogue.notices import notice_reply
from dialogue.relay import Relay
from dialogue.turn import Services
from feedback.domain.refusal_reasons import load_refusal_reasons
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.filer_pin import FilerPins
from feedback.service_layer.officer_desk import OfficerDesk
from feedback.service_layer.personal_data import PersonalData
from motcua.conversations import Conversations
from procedures_catalog.services import Catalog
from stand_ins.telegram_bot_api import CITIZEN, LocalBotApi, LocalChat, TelegramUser
from storage.channel_outbox import SqlOutboxStore
from storage.unit_of_work import SqlUnitOfWork

BOT_TOKEN = "123456:TEST-token-for-the-local-stand-in"
# The stand-in does not limit the bot: sending at Telegram's pace would only make the tests slow.
UNPACED = ChannelLimits(per_second=1000.0, per_recipient_per_second=1000.0)


@dataclass
class DialogueBot:
    chat: LocalChat
    conversations: Conversations
    outbox: SqlOutboxStore

    async def notices(self) -> None:
        """Relay the PAKN notices pending now and wait until they are sent."""
        await self.conversations.relay_once()
        await until_sent(self.outbox)


def dialogue_conversations(
    catalog: Catalog,
    feedback: FeedbackService | None,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    clock: Callable[[], datetime],
    *,
    bot_username: str = "motcua_bot",
    desk: OfficerDesk | None = None,
    personal_data: PersonalData | None = None,
    pins: FilerPins | None = None,
    portal_follow_address: str | None = None,
) -> Conversations:
    """The dialogue with its relay as `motcua serve` runs them (no channel added yet; the relay wakes with
    each update, or when a test calls relay_once)."""
    services = Services(
        catalog=catalog,
        feedback=feedback,
        desk=desk,
        refusal_reasons=load_refusal_reasons() if desk is not None else {},
        share_addresses={CHANNEL: share_link_template(bot_username)},
        personal_data=personal_data,
        pins=pins,
        portal_follow_address=portal_follow_address,
    )
    dialogue = Dialogue(uow_factory, build_router(), services, clock=clock)

    def relay_for(channels: list[str]) -> Relay:
        return Relay(uow_factory, channels, render_notice=notice_reply, clock=clock)

    return Conversations(dialogue, session_factory, relay_for, relay_every=3600)


@contextlib.asynccontextmanager
async def open_dialogue_bot(
    api: LocalBotApi,
    catalog: Catalog,
    feedback: FeedbackService | None,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    clock: Callable[[], datetime],
    *,
    user: TelegramUser = CITIZEN,
    attachments_dir: Path | None = None,
    desk: OfficerDesk | None = None,
    personal_data: PersonalData | None = None,
    pins: FilerPins | None = None,
    portal_follow_address: str | None = None,
) -> AsyncIterator[DialogueBot]:
    """With `desk`, officers linked to a Telegram account work their queue in the same bot, refusing with
    the bundled reasons."""
    conversations = dialogue_conversations(
        catalog,
        feedback,
        uow_factory,
        session_factory,
        clock,
        bot_username=api.bot_user["username"],
        desk=desk,
        personal_data=personal_data,
        pins=pins,
        portal_follow_address=portal_follow_address,
    )
    outbox = SqlOutboxStore(session_factory)
    application = build_application(
        token=BOT_TOKEN,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        attachments_dir=attachments_dir,
        dialogue=conversations,
        commands=build_router().command_list,
    )
    settle = functools.partial(until_sent, outbox)
    async with LocalChat.open(api, application, user, poll_timeout=2, settle=settle) as chat:
        sender = TelegramSender(application.bot, part_spacing=0)
        sender.limits = UNPACED  # type: ignore[misc]
        conversations.add_channel(sender)
        await conversations.start()
        opened = DialogueBot(chat, conversations, outbox)
        chat.relay_notices = opened.notices  # type: ignore[attr-defined]  # for tests given only the chat
        try:
            yield opened
        finally:
            await conversations.stop()
