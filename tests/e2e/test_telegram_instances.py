"""Two instances of the bot on one PostgreSQL behind one webhook address: a citizen files a PAKN on Telegram with
each update delivered to one instance and, at the same time, again to the other (a retried webhook behind a
load balancer). One item, one code, every reply sent once."""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.application import build_application
from bot.chat import until_sent
from bot.telegram_sender import TelegramSender
from bot.webhook import PATH, TelegramWebhook
from dialogue.engine import Dialogue
from dialogue.flows import build_router
from dialogue.notices import notice_reply
from dialogue.relay import Relay
from dialogue.turn import Services
from feedback.service_layer.feedback_service import FeedbackService
from motcua.conversations import Conversations
from procedures_catalog.services import Catalog
from procedures_catalog.synonyms import load_synonyms
from stand_ins.telegram_bot_api import CITIZEN, ChatMessage, LocalBotApi
from storage.channel_outbox import SENT, SqlOutboxStore
from storage.db import create_engine, create_session_factory
from storage.dialogue_models import OutboxRecord
from storage.feedback_models import FeedbackRecord
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.dialogue.conftest import CALENDAR
from tests.e2e.conftest import small_catalog_procedures
from tests.e2e.dialogue_bot import BOT_TOKEN, UNPACED
from tests.manual_clock import Clock
from tests.telegram_world import WEBHOOK_SECRET, serve

pytestmark = pytest.mark.postgres

POTHOLE = "Ổ gà lớn trước số 12 Lê Lợi đã ba tháng chưa được sửa, xe máy qua lại ngã liên tục."


@dataclass
class Instance:
    url: str
    conversations: Conversations


@contextlib.asynccontextmanager
async def instance(api: LocalBotApi, database_url: str, clock: Clock) -> AsyncIterator[Instance]:
    """What one `motcua serve` runs for Telegram by webhook: its own engine, dialogue, bot and web server."""
    engine = create_engine(database_url)
    sessions = create_session_factory(engine)

    def uow_factory() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions)

    catalog = await Catalog.load(uow_factory, load_synonyms())
    feedback = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)
    router = build_router()
    dialogue = Dialogue(uow_factory, router, Services(catalog=catalog, feedback=feedback), clock=clock)

    def relay_for(channels: list[str]) -> Relay:
        return Relay(uow_factory, channels, render_notice=notice_reply, clock=clock)

    conversations = Conversations(dialogue, sessions, relay_for, relay_every=3600)
    application = build_application(
        token=BOT_TOKEN,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        dialogue=conversations,
        commands=router.command_list,
    )
    webhook = TelegramWebhook(WEBHOOK_SECRET)
    app = web.Application()
    webhook.add_route(app)
    async with serve(app) as base:
        webhook.url = base + PATH
        await application.initialize()
        await application.start()
        await webhook.register(application)
        sender = TelegramSender(application.bot, part_spacing=0)
        sender.limits = UNPACED  # type: ignore[misc]
        conversations.add_channel(sender)
        await conversations.start()
        try:
            yield Instance(webhook.url, conversations)
        finally:
            webhook.attach(None)
            await conversations.stop()
            await application.stop()
            await application.shutdown()
    await engine.dispose()


@pytest.fixture
async def database(postgres_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(postgres_url)
    await upgrade(engine)
    sessions = create_session_factory(engine)
    async with SqlUnitOfWork(sessions) as uow:
        await uow.procedures.upsert(small_catalog_procedures())
        await uow.commit()
    yield sessions
    await engine.dispose()


async def _count(sessions: async_sessionmaker[AsyncSession], table: Any, *where: Any) -> int:
    async with sessions() as session:
        return int((await session.execute(select(func.count()).select_from(table).where(*where))).scalar_one())


async def test_each_update_to_both_instances_at_once_files_one_item_and_sends_every_reply_once(
    postgres_url: str, database: async_sessionmaker[AsyncSession], clock: Clock
) -> None:
    outbox = SqlOutboxStore(database)
    async with (
        LocalBotApi() as api,
        instance(api, postgres_url, clock) as first,
        instance(api, postgres_url, clock) as second,
    ):
        instances = [first, second]
        turn = 0

        async def both(push: Callable[[], Awaitable[int]]) -> list[ChatMessage]:
            """The update posted to one instance and at the same time to the other; what the bot then sent."""
            nonlocal turn
            here, there = instances[turn % 2], instances[(turn + 1) % 2]
            turn += 1
            api.webhook_url = here.url  # the address Telegram knows leads here this time
            before = len(api.calls)
            update_id = await push()
            assert await api.redeliver(update_id, url=there.url) == 200
            await asyncio.wait_for(api.wait_delivered(update_id), 30)
            await asyncio.wait_for(until_sent(outbox), 30)
            return [call.message for call in api.calls[before:] if call.ok and call.message is not None]

        async def say(text: str) -> list[ChatMessage]:
            return await both(functools.partial(_text_id, api, text))

        async def press(message: ChatMessage, label: str) -> list[ChatMessage]:
            return await both(functools.partial(api.press, message, label))

        kinds = await say("/phananh")
        typed = await press(kinds[-1], "Phản ánh")
        assert typed
        await say(POTHOLE)
        received = await say("Đề nghị phường cho vá sớm trước mùa mưa.")
        asked = await press(received[-1], "Xong")
        await press(asked[-1], "Bỏ qua")
        await say("Trần Thị Lan")
        await say("0912345678")
        summary = await say("12 Lê Lợi, phường Minh An, thành phố Hội An")
        receipt = await press(summary[-1], "📨 Gửi")
        assert any("Mã tra cứu: 20261123.0001" in message.text for message in receipt)

    assert await _count(database, FeedbackRecord) == 1
    queued = await _count(database, OutboxRecord)
    assert queued == await _count(database, OutboxRecord, OutboxRecord.state == SENT)
    sent = [call for call in api.calls if call.ok and call.method in ("sendMessage", "editMessageText")]
    assert len(sent) == queued  # every reply sent, and once (no reply here is long enough to go in parts)
    assert sum("Mã tra cứu" in (call.message.text if call.message else "") for call in sent) == 1
    assert all(attempt.status == 200 for attempt in api.webhook_attempts)
    assert CITIZEN.id in {message.chat_id for message in api.messages.values()}


async def _text_id(api: LocalBotApi, text: str) -> int:
    update_id, _ = await api.send_text(text)
    return update_id
