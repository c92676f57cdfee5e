"""The officers' bot for end-to-end tests: the test office (tests/office_fixture.py) working through the real
bot, with the desk, the feedback service and the citizen's side on one database."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.application import build_application
from bot.callback_data import Action, encode
from bot.context import BotApplication
from bot.persistence import DatabasePersistence
from feedback.admin_services import AdminService
from feedback.model import AuditEntry, FeedbackItem
from feedback.officer_desk import OfficerDesk
from feedback.services import FeedbackService
from procedures_catalog.services import Catalog
from stand_ins.telegram_bot_api import CITIZEN, ChatMessage, Exchange, LocalBotApi, LocalChat, TelegramUser
from storage.bot_state_store import BotStateStore
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import BOT_TOKEN, CALENDAR
from tests.e2e.feedback_helpers import POTHOLE, give_contact, give_content, skip_procedure, start_filing
from tests.manual_clock import Clock
from tests.office_fixture import TELEGRAM_IDS, Office, build_office, cheap_hasher

AN = TelegramUser(TELEGRAM_IDS["an"], "An", "an_motcua")  # officer of MOT-CUA
BINH = TelegramUser(TELEGRAM_IDS["binh"], "Bình", "binh_diachinh")  # officer of DIA-CHINH
CHI = TelegramUser(TELEGRAM_IDS["chi"], "Chí", "chi_ubnd")  # head of UBND-XA (MOT-CUA, DIA-CHINH under it)
DUNG = TelegramUser(TELEGRAM_IDS["dung"], "Dũng", "dung_xakhac")  # officer of XA-KHAC, another commune
ROAD = "Đường bê tông thôn 3 bị sụt lún sau mưa lớn, xe máy không đi qua được."


@dataclass
class OfficeBot:
    api: LocalBotApi
    application: BotApplication
    feedback: FeedbackService
    admin: AdminService
    desk: OfficerDesk
    office: Office

    def chat(self, user: TelegramUser = CITIZEN) -> LocalChat:
        """Another user of the same running bot."""
        return LocalChat(self.api, self.application, user)

    async def item(self, code: str) -> FeedbackItem:
        return await self.feedback.item(code)

    async def trail(self, code: str) -> list[AuditEntry]:
        return await self.feedback.audit_trail(code)


@contextlib.asynccontextmanager
async def open_office_bot(
    api: LocalBotApi,
    catalog: Catalog,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
) -> AsyncIterator[OfficeBot]:
    """The bot as `motcua serve` builds it (desk, persistence), minus the notice loop: tests deliver."""
    feedback = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    office = await build_office(admin)
    desk = OfficerDesk(feedback, admin)
    application = build_application(
        catalog,
        token=BOT_TOKEN,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        feedback=feedback,
        desk=desk,
        persistence=DatabasePersistence(BotStateStore(session_factory)),
        notice_interval=None,
    )
    async with LocalChat.open(api, application, CITIZEN, poll_timeout=2):
        yield OfficeBot(api, application, feedback, admin, desk, office)


async def file_to_unit(citizen: LocalChat, unit_name: str = "Bộ phận một cửa", content: str = POTHOLE) -> Exchange:
    """A citizen files a PAKN through the bot, addressed to one of the office's units; ends with the receipt."""
    await start_filing(citizen)
    asked = await give_content(citizen, content)
    units = await skip_procedure(citizen, asked)
    await citizen.press(with_label(units, unit_name), unit_name)
    return await citizen.press(with_label(await give_contact(citizen), "Gửi"), "Gửi")


def with_label(exchange: Exchange, label: str) -> ChatMessage:
    """The last message of an exchange with a button whose label contains `label`."""
    for message in reversed(exchange.messages):
        if any(label in button.text for button in message.buttons):
            return message
    raise AssertionError(f"no {label!r} button in {[[b.text for b in m.buttons] for m in exchange.messages]}")


def text_of(exchange: Exchange) -> str:
    return "\n".join(message.text for message in exchange.sent)


async def press_forged(chat: LocalChat, action: Action) -> Exchange:
    """Press a button the bot never showed this user: callback data made up by hand, as a client can send."""
    data = encode(action, chat.application.bot_data.codes)
    shown = [message for message in chat.api.messages.values() if message.chat_id == chat.user.id and message.from_bot]
    if not shown:
        raise AssertionError("the user needs a message from the bot first")
    forged = replace(shown[-1], reply_markup={"inline_keyboard": [[{"text": "?", "callback_data": data}]]})
    chat.api.messages[(forged.chat_id, forged.message_id)] = forged
    return await chat.press(forged, 0)
