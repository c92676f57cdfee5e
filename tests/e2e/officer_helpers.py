"""The officers on Telegram for end-to-end tests: the test office (tests/office_fixture.py) working through the
real bot as `motcua serve` runs it (the dialogue), with the desk, the feedback service and the citizen's side
on one database.

The relay runs beside the updates (any update wakes it), so a citizen's notice may go out during an
officer's exchange: helpers here read what was sent to the officer's own chat."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.domain.model import AuditEntry, FeedbackItem
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from procedures_catalog.services import Catalog
from stand_ins.telegram_bot_api import CITIZEN, ChatMessage, Exchange, LocalBotApi, LocalChat, TelegramUser
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import CALENDAR
from tests.e2e.dialogue_bot import DialogueBot, open_dialogue_bot
from tests.manual_clock import Clock
from tests.office_fixture import TELEGRAM_IDS, Office, build_office, cheap_hasher, file_item

AN = TelegramUser(TELEGRAM_IDS["an"], "An", "an_motcua")  # officer of MOT-CUA
BINH = TelegramUser(TELEGRAM_IDS["binh"], "Bình", "binh_diachinh")  # officer of DIA-CHINH
CHI = TelegramUser(TELEGRAM_IDS["chi"], "Chí", "chi_ubnd")  # head of UBND-XA (MOT-CUA, DIA-CHINH under it)
DUNG = TelegramUser(TELEGRAM_IDS["dung"], "Dũng", "dung_xakhac")  # officer of XA-KHAC, another commune
ROAD = "Đường bê tông thôn 3 bị sụt lún sau mưa lớn, xe máy không đi qua được."


@dataclass
class OfficeBot:
    api: LocalBotApi
    bot: DialogueBot
    feedback: FeedbackService
    admin: AdminService
    desk: OfficerDesk
    office: Office

    def chat(self, user: TelegramUser = CITIZEN) -> LocalChat:
        """Another user of the same running bot."""
        return self.bot.chat.other(user)

    async def item(self, code: str) -> FeedbackItem:
        return await self.feedback.item(code)

    async def trail(self, code: str) -> list[AuditEntry]:
        return await self.feedback.audit_trail(code)

    async def filed(self, unit: str = "MOT-CUA", content: str = ROAD, citizen: int = CITIZEN.id) -> str:
        """An item a citizen who has written to the bot filed earlier (a bot can write only to whoever
        opened a chat with it: the item's notices go there)."""
        await self.chat(TelegramUser(citizen, "Hoa")).say("/start")
        return await file_item(self.feedback, unit, content, citizen)

    async def told(self, user: TelegramUser = CITIZEN) -> list[ChatMessage]:
        """Everything sent to `user` so far, once the notices pending now are relayed and delivered."""
        await self.bot.notices()
        return [
            call.message
            for call in self.api.calls
            if call.ok and call.method == "sendMessage" and call.message and call.message.chat_id == user.id
        ]


@contextlib.asynccontextmanager
async def open_office_bot(
    api: LocalBotApi,
    catalog: Catalog,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
) -> AsyncIterator[OfficeBot]:
    """The bot as `motcua serve` builds it, with the desk and the bundled refusal reasons."""
    feedback = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    office = await build_office(admin)
    desk = OfficerDesk(feedback, admin)
    async with open_dialogue_bot(api, catalog, feedback, uow_factory, session_factory, clock, desk=desk) as bot:
        yield OfficeBot(api, bot, feedback, admin, desk, office)


def to_user(exchange: Exchange, user: TelegramUser) -> list[ChatMessage]:
    """The messages of an exchange sent or edited in `user`'s chat."""
    return [message for message in exchange.messages if message.chat_id == user.id]


def last_to(exchange: Exchange, user: TelegramUser) -> ChatMessage:
    return to_user(exchange, user)[-1]


def text_to(exchange: Exchange, user: TelegramUser) -> str:
    return "\n".join(message.text for message in exchange.sent if message.chat_id == user.id)


def with_label(exchange: Exchange, label: str, user: TelegramUser | None = None) -> ChatMessage:
    """The last message of an exchange (in `user`'s chat) with a button whose label contains `label`."""
    for message in reversed(exchange.messages):
        if (user is None or message.chat_id == user.id) and any(label in button.text for button in message.buttons):
            return message
    raise AssertionError(f"no {label!r} button in {[[b.text for b in m.buttons] for m in exchange.messages]}")


async def press(chat: LocalChat, exchange: Exchange, label: str) -> Exchange:
    """Press the button labelled `label` of the last message in the chat that has one."""
    return await chat.press(with_label(exchange, label, chat.user), label)


async def press_forged(chat: LocalChat, choice_id: str) -> Exchange:
    """Press a button the bot never showed this user: a choice id made up by hand, as a client can send."""
    shown = [message for message in chat.api.messages.values() if message.chat_id == chat.user.id and message.from_bot]
    if not shown:
        raise AssertionError("the user needs a message from the bot first")
    forged = replace(shown[-1], reply_markup={"inline_keyboard": [[{"text": "?", "callback_data": choice_id}]]})
    chat.api.messages[(forged.chat_id, forged.message_id)] = forged
    return await chat.press(forged, 0)
