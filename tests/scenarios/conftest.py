"""The product as `motcua serve` assembles it (one dialogue, the channel outbox, a delivery loop per channel,
the relay), on SQLite and PostgreSQL, with one channel per parametrisation: the scenario suite runs every
scenario on every channel. Officers work through the desk; what they do reaches the person as notices."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogue.engine import Dialogue
from dialogue.flows import build_router
from dialogue.notices import notice_reply
from dialogue.relay import Relay
from dialogue.turn import Services
from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.refusal_reasons import load_refusal_reasons
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.filer_pin import FilerPins
from feedback.service_layer.officer_desk import OfficerDesk
from feedback.service_layer.personal_data import PersonalData
from motcua.conversations import Conversations
from motcua.zalo_channel import ItemPhones, build_zalo
from procedures_catalog.services import Catalog
from procedures_catalog.synonyms import load_synonyms
from stand_ins.telegram_bot_api import LocalBotApi, TelegramUser
from stand_ins.zalo_oa import LocalZaloOa
from stand_ins.zalo_user import ZaloUser
from storage.attachment_files import DiskAttachmentFiles
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import assert_telegram_accepted_everything, small_catalog_procedures
from tests.e2e.dialogue_bot import UNPACED, DialogueBot, open_dialogue_bot
from tests.integration.test_zalo_channel import zalo_settings
from tests.manual_clock import Clock
from tests.office_fixture import TELEGRAM_IDS, Office, build_office, cheap_hasher
from tests.scenarios.people import Person, PersonOnTelegram, PersonOnText, PersonOnZalo, settled
from tests.zalo_world import serve
from text_channel.sender import TextSender
from zalo.webhook import PATH

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
CHANNELS = ["text", "zalo", "telegram"]
FULL_NOTICE = "https://motcua.xa.gov.vn/du-lieu-ca-nhan"
PORTAL_FOLLOW = "https://motcua.xa.gov.vn/phan-anh/tra-cuu"


@dataclass
class World:
    """One product, one channel: people on it, the officers' desk, and a way to restart the product."""

    channel: str
    feedback: FeedbackService
    desk: OfficerDesk
    office: Office
    make_person: Callable[[str], Person]
    restart: Callable[[], contextlib.AbstractAsyncContextManager[None]]
    uow_factory: Callable[[], SqlUnitOfWork]
    rights: PersonalData  # the citizens' rights; an administrator decides deletion requests through it
    people: list[Person] = field(default_factory=list)
    # On a world where officers' alerts are delivered (Telegram, their channel): who got one about a code.
    officers_reached: Callable[[str], Awaitable[list[str]]] | None = None

    async def officers_told(self, code: str) -> list[str]:
        """The usernames of the officers an alert about `code` was queued for (reopened, information sent…), or
        delivered to where the world delivers them."""
        async with self.uow_factory() as uow:
            pending = await uow.officer_messages.pending(limit=500)
            officers = {officer.id: officer.username for officer in await uow.officers.list()}
        told = {officers[stored.officer_id] for stored in pending if getattr(stored.message, "code", None) == code}
        if self.officers_reached is not None:
            told.update(await self.officers_reached(code))
        return sorted(told)

    def person(self, user_id: str = "citizen-1") -> Person:
        person = self.make_person(user_id)
        self.people.append(person)
        return person


@pytest.fixture(params=CHANNELS)
async def world(
    request: pytest.FixtureRequest,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
) -> AsyncIterator[World]:
    async with uow_factory() as uow:
        await uow.procedures.upsert(small_catalog_procedures())
        await uow.commit()
    catalog = await Catalog.load(uow_factory, load_synonyms())
    feedback = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    office = await build_office(admin)
    desk = OfficerDesk(feedback, admin)
    rights = PersonalData(uow_factory, DiskAttachmentFiles(None), calendar=CALENDAR, clock=clock)
    pins = FilerPins(uow_factory, cheap_hasher(), clock)
    services = Services(
        catalog=catalog,
        feedback=feedback,
        desk=desk,
        refusal_reasons=load_refusal_reasons(),
        personal_data=rights,
        privacy_notice_address=FULL_NOTICE,
        pins=pins,
        portal_follow_address=PORTAL_FOLLOW,
    )

    def conversations() -> Conversations:
        def relay_for(channels: list[str]) -> Relay:
            return Relay(uow_factory, channels, render_notice=notice_reply, clock=clock)

        dialogue = Dialogue(uow_factory, build_router(), services, clock=clock)
        return Conversations(dialogue, session_factory, relay_for, relay_every=3600, poll_every=0.05)

    channel: str = request.param
    if channel == "text":
        async with text_world(conversations, uow_factory, session_factory, feedback, desk, office, rights) as built:
            yield built
    elif channel == "telegram":
        built_telegram = telegram_world(
            catalog, uow_factory, session_factory, feedback, desk, office, rights, clock, pins
        )
        async with built_telegram as built:
            yield built
    else:
        async with zalo_world(conversations, uow_factory, session_factory, feedback, desk, office, rights) as built:
            yield built


@contextlib.asynccontextmanager
async def text_world(
    conversations: Callable[[], Conversations],
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    feedback: FeedbackService,
    desk: OfficerDesk,
    office: Office,
    rights: PersonalData,
) -> AsyncIterator[World]:
    sender = TextSender()
    running = [conversations()]

    async def start() -> None:
        running[0].add_channel(sender)
        await running[0].start()

    @contextlib.asynccontextmanager
    async def restart() -> AsyncIterator[None]:
        """A new process on the same database: nothing carried over in memory."""
        await running[0].stop()
        running[0] = conversations()
        await start()
        for person in world.people:
            assert isinstance(person, PersonOnText)
            person.conversations = running[0]
        yield

    def person(user_id: str) -> Person:
        return PersonOnText(running[0], sender, session_factory, user_id)

    await start()
    world = World("text", feedback, desk, office, person, restart, uow_factory, rights)
    try:
        yield world
    finally:
        await running[0].stop()


@contextlib.asynccontextmanager
async def zalo_world(
    conversations: Callable[[], Conversations],
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    feedback: FeedbackService,
    desk: OfficerDesk,
    office: Office,
    rights: PersonalData,
) -> AsyncIterator[World]:
    async with LocalZaloOa() as oa, aiohttp.ClientSession() as session:
        async with uow_factory() as uow:
            await uow.zalo.connect(oa.issue_tokens(), oa_id=oa.oa_id, oa_name=oa.oa_name, at=oa.clock())
            await uow.commit()
        running = [conversations()]

        async def handle(inbound: object) -> object:
            return await running[0].handle(inbound)  # type: ignore[arg-type]

        app = web.Application()
        channel = build_zalo(zalo_settings(oa), uow_factory, app, handle=handle, phones=ItemPhones(feedback))
        assert channel is not None
        channel.sender.limits = UNPACED  # type: ignore[misc]  # the stand-in has no limits: pacing only waits
        running[0].add_channel(channel.sender)
        channel.start()
        await running[0].start()

        @contextlib.asynccontextmanager
        async def restart() -> AsyncIterator[None]:
            await running[0].stop()
            running[0] = conversations()
            running[0].add_channel(channel.sender)
            await running[0].start()
            for person in world.people:
                assert isinstance(person, PersonOnZalo)
                person.conversations = running[0]
            yield

        async with serve(app) as base:

            def person(user_id: str) -> Person:
                numeric = str(2468458835296117000 + sum(ord(c) for c in user_id))  # Zalo ids are digits
                return PersonOnZalo(running[0], oa, ZaloUser(oa, base + PATH, session, numeric), session_factory)

            world = World("zalo", feedback, desk, office, person, restart, uow_factory, rights)
            try:
                yield world
            finally:
                await running[0].stop()
                await channel.stop()


@contextlib.asynccontextmanager
async def telegram_world(
    catalog: Catalog,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    feedback: FeedbackService,
    desk: OfficerDesk,
    office: Office,
    rights: PersonalData,
    clock: Clock,
    pins: FilerPins,
) -> AsyncIterator[World]:
    """The python-telegram-bot Application polling the Bot API stand-in, as `motcua serve` builds it; a restart
    stops it and starts another on the same database and the same Telegram (its chats keep their messages)."""
    async with LocalBotApi() as api:
        for telegram_id in TELEGRAM_IDS.values():  # officers have started the bot: their alerts reach them
            api.open_chat(TelegramUser(telegram_id, first_name="Cán bộ"))
        running: list[contextlib.AsyncExitStack] = []

        async def start() -> DialogueBot:
            stack = contextlib.AsyncExitStack()
            running.append(stack)
            return await stack.enter_async_context(
                open_dialogue_bot(
                    api,
                    catalog,
                    feedback,
                    uow_factory,
                    session_factory,
                    clock,
                    desk=desk,
                    personal_data=rights,
                    pins=pins,
                    portal_follow_address=PORTAL_FOLLOW,
                )
            )

        bot = [await start()]

        @contextlib.asynccontextmanager
        async def restart() -> AsyncIterator[None]:
            await running.pop().aclose()
            bot[0] = await start()
            for person in world.people:
                assert isinstance(person, PersonOnTelegram)
                person.bot = bot[0]
            yield

        def person(user_id: str) -> Person:
            numeric = 500_000 + sum(ord(c) for c in user_id)  # Telegram ids are numbers
            return PersonOnTelegram(bot[0], TelegramUser(numeric, first_name="Lan"), session_factory)

        async def officers_reached(code: str) -> list[str]:
            """The officers whose Telegram chat shows an alert about `code`, once pending ones are relayed and sent."""
            await bot[0].conversations.relay_once()
            for telegram_id in TELEGRAM_IDS.values():
                await settled(session_factory, "telegram", str(telegram_id))
            shown = [message for message in api.messages.values() if message.from_bot and code in message.text]
            return [name for name, telegram_id in TELEGRAM_IDS.items() if any(m.chat_id == telegram_id for m in shown)]

        world = World(
            "telegram", feedback, desk, office, person, restart, uow_factory, rights, officers_reached=officers_reached
        )
        try:
            yield world
        finally:
            while running:
                await running.pop().aclose()
        assert_telegram_accepted_everything(api)
