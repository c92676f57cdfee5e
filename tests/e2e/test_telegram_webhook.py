"""Telegram by webhook on the product's aiohttp server: the Bot API stand-in posts each update over real HTTP
to the route, as Telegram does after `setWebhook`, and tries again until it is answered 200."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.webhook import PATH, SECRET_HEADER, TelegramWebhook
from dialogue.engine import Dialogue
from dialogue.events import Text
from dialogue.flows import build_router
from dialogue.turn import Services
from procedures_catalog.services import Catalog
from stand_ins.telegram_bot_api import CITIZEN, LocalBotApi, TelegramUser
from storage.dialogue_models import OutboxRecord, SeenEventRecord
from storage.unit_of_work import SqlUnitOfWork
from tests.telegram_world import (
    WEBHOOK_SECRET,
    BotApplication,
    RecordingDialogue,
    running,
    serve,
    telegram_application,
)
from web.app import create_app

MINH = TelegramUser(id=200002, first_name="Minh")


@dataclass
class WebhookWorld:
    api: LocalBotApi
    application: BotApplication
    webhook: TelegramWebhook
    url: str  # the webhook's address on the product's server


@contextlib.asynccontextmanager
async def webhook_world(dialogue: object, app: web.Application | None = None) -> AsyncIterator[WebhookWorld]:
    """The stand-in, the product's server with the webhook route, and the bot registered with setWebhook."""
    app = app if app is not None else web.Application()
    async with LocalBotApi(webhook_retry_after=0.05) as api:
        application = telegram_application(api, dialogue)  # type: ignore[arg-type]
        async with serve(app_with_route(app, (webhook := TelegramWebhook(WEBHOOK_SECRET)))) as base:
            webhook.url = base + PATH
            async with running(application):
                await webhook.register(application)
                yield WebhookWorld(api, application, webhook, webhook.url)
                webhook.attach(None)


def app_with_route(app: web.Application, webhook: TelegramWebhook) -> web.Application:
    webhook.add_route(app)
    return app


async def eventually(condition: Callable[[], bool], what: str) -> None:
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never happened: {what}")


async def test_setwebhook_registers_the_url_and_the_secret_and_updates_come_through() -> None:
    dialogue = RecordingDialogue()
    async with webhook_world(dialogue) as world:
        assert world.api.webhook_url == world.url
        [call] = [call for call in world.api.calls if call.method == "setWebhook"]
        assert call.params["secret_token"] == WEBHOOK_SECRET
        update_id, _ = await world.api.send_text("giấy khai sinh")
        await world.api.wait_delivered(update_id)
    assert [inbound.event for inbound in dialogue.handled] == [Text("giấy khai sinh")]
    assert [(attempt.update_id, attempt.status) for attempt in world.api.webhook_attempts] == [(update_id, 200)]


@pytest.mark.parametrize(
    ("headers", "status", "reason"),
    [
        ({}, 401, "missing"),
        ({SECRET_HEADER: "not-the-secret"}, 403, "wrong"),
        ({SECRET_HEADER: WEBHOOK_SECRET[:-1]}, 403, "wrong"),
        ({SECRET_HEADER: WEBHOOK_SECRET + "x"}, 403, "wrong"),
        ({SECRET_HEADER: ""}, 403, "wrong"),
    ],
)
async def test_a_call_without_the_secret_is_refused_and_nothing_is_handled(
    small_catalog: Catalog, caplog: pytest.LogCaptureFixture, headers: dict[str, str], status: int, reason: str
) -> None:
    """On the product's real web application, where the route is public: only the secret lets a call in."""
    dialogue = RecordingDialogue()
    update = {
        "update_id": 77,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": CITIZEN.private_chat(),
            "from": CITIZEN.to_api(),
            "text": "/phananh",
        },
    }
    caplog.set_level(logging.WARNING, logger="bot.webhook")
    async with webhook_world(dialogue, create_app(small_catalog)) as world, aiohttp.ClientSession() as session:
        async with session.post(world.url, json=update, headers=headers) as response:
            assert response.status == status
        await asyncio.sleep(0.1)
    assert dialogue.started == []
    refusals = [record for record in caplog.records if record.getMessage() == "telegram webhook refused"]
    assert [record.reason for record in refusals] == [reason]  # type: ignore[attr-defined]
    assert all(WEBHOOK_SECRET not in record.getMessage() + str(record.__dict__) for record in caplog.records)


async def test_a_body_that_is_not_an_update_is_refused_and_nothing_is_handled() -> None:
    dialogue = RecordingDialogue()
    async with webhook_world(dialogue) as world, aiohttp.ClientSession() as session:
        for body in (b"not json", b"[1, 2]", b'{"message": {}}'):
            async with session.post(world.url, data=body, headers={SECRET_HEADER: WEBHOOK_SECRET}) as response:
                assert response.status == 400
    assert dialogue.started == []


async def test_a_call_before_the_bot_is_running_is_answered_503_for_telegram_to_try_again() -> None:
    webhook = TelegramWebhook(WEBHOOK_SECRET)
    async with serve(app_with_route(web.Application(), webhook)) as base, aiohttp.ClientSession() as session:
        update = {"update_id": 5}
        async with session.post(base + PATH, json=update, headers={SECRET_HEADER: WEBHOOK_SECRET}) as response:
            assert response.status == 503


async def test_a_failing_dialogue_is_answered_500_until_it_succeeds_and_then_it_acts_once() -> None:
    dialogue = RecordingDialogue(failures_left=2)
    async with webhook_world(dialogue) as world:
        update_id, _ = await world.api.send_text("tôi muốn gửi phản ánh")
        await world.api.wait_delivered(update_id)
    assert [attempt.status for attempt in world.api.webhook_attempts] == [500, 500, 200]
    assert len(dialogue.started) == 3 and len(dialogue.handled) == 1


async def test_updates_of_one_chat_wait_for_each_other_and_other_chats_do_not_wait() -> None:
    dialogue = RecordingDialogue()
    held = dialogue.gates[str(CITIZEN.id)] = asyncio.Event()
    async with webhook_world(dialogue) as world:
        first, _ = await world.api.send_text("một")
        await eventually(lambda: len(dialogue.started) == 1, "Lan's first message reached the dialogue")
        second, _ = await world.api.send_text("hai")
        other, _ = await world.api.send_text("ba", user=MINH)
        await world.api.wait_delivered(other)  # Minh is answered while Lan's first message is still being handled
        await asyncio.sleep(0.1)
        assert [inbound.event for inbound in dialogue.started] == [Text("một"), Text("ba")]
        held.set()
        await world.api.wait_delivered(first)
        await world.api.wait_delivered(second)
    assert [inbound.event for inbound in dialogue.handled] == [Text("ba"), Text("một"), Text("hai")]
    assert len(world.webhook.locks) == 0  # no lock is kept for a chat nobody is waiting in


async def _count(session_factory: async_sessionmaker[AsyncSession], table: type) -> int:
    async with session_factory() as session:
        return int((await session.execute(select(func.count()).select_from(table))).scalar_one())


async def test_an_update_delivered_twice_acts_once(
    uow_factory: Callable[[], SqlUnitOfWork], session_factory: async_sessionmaker[AsyncSession]
) -> None:
    """The real dialogue on both databases: Telegram posting an update again (its answer was lost) queues
    no second reply."""
    dialogue = Dialogue(uow_factory, build_router(), Services(catalog=None))  # type: ignore[arg-type]
    async with webhook_world(dialogue) as world:
        update_id, _ = await world.api.send_text("/start")
        await world.api.wait_delivered(update_id)
        queued = await _count(session_factory, OutboxRecord)
        assert queued == 1
        assert await world.api.redeliver(update_id) == 200
        assert await world.api.redeliver(update_id) == 200
    assert await _count(session_factory, OutboxRecord) == queued
    assert await _count(session_factory, SeenEventRecord) == 1
    async with session_factory() as session:
        row = (await session.execute(select(OutboxRecord))).scalar_one()
    assert (row.channel, row.recipient) == ("telegram", str(CITIZEN.id))
