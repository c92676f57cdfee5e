"""Delivery to Telegram under flood control: the Bot API stand-in answers 429 with retry_after beyond its
limits, the loops keep going and nothing is lost or sent twice; two loops ("instances") on one PostgreSQL
database never send one row twice and keep each person's messages in order.

The stand-in's limits are scaled up from Telegram's (30 a second) to keep the tests short, and the loops
are set to send faster than it allows, so that they do meet its 429s."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.telegram_sender import TelegramSender
from delivery.loop import DeliveryLoop
from delivery.pacing import Pacer
from delivery.ports import ChannelLimits
from dialogue.ports import NewMessage
from dialogue.replies import Choice, Reply
from stand_ins.telegram_bot_api import LocalBotApi, TelegramUser
from storage.channel_outbox import SqlOutboxStore
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.delivery.conftest import eventually
from tests.e2e.conftest import BOT_TOKEN

STAND_IN_PER_SECOND = 50
TOO_FAST = ChannelLimits(per_second=150, per_recipient_per_second=1.0)
BURST_WAIT = 240.0  # seconds before the test gives up (a guard; at the stand-in's pace it takes ~30 s)


def citizens(count: int) -> list[TelegramUser]:
    return [TelegramUser(id=500_000 + n, first_name=f"Dân {n}") for n in range(count)]


async def queue_replies(uow_factory, people: list[TelegramUser], per_person: int) -> None:
    async with uow_factory() as uow:
        await uow.outbox.add(
            [
                NewMessage(
                    "telegram",
                    str(person.id),
                    Reply(f"Trả lời {turn} cho <b>{person.first_name}</b>", buttons=((Choice("menu", "Menu"),),)),
                )
                for turn in range(per_person)
                for person in people
            ]
        )
        await uow.commit()


def received(api: LocalBotApi) -> dict[int, list[str]]:
    """Each chat's messages from the bot, in the order they arrived."""
    by_chat: dict[int, list[str]] = {}
    for (chat_id, _), message in sorted(api.messages.items()):
        if message.from_bot:
            by_chat.setdefault(chat_id, []).append(message.text)
    return by_chat


def sending_bot(api: LocalBotApi) -> Bot:
    """A bot with connections enough for the sends in flight (PTB's default is one)."""
    return Bot(BOT_TOKEN, base_url=api.base_url, request=HTTPXRequest(connection_pool_size=64, pool_timeout=10))


@pytest.fixture
async def api() -> AsyncIterator[LocalBotApi]:
    async with LocalBotApi() as api:
        yield api


@pytest.fixture
async def bot(api: LocalBotApi) -> AsyncIterator[Bot]:
    async with sending_bot(api) as bot:
        yield bot


async def test_a_burst_of_a_thousand_replies_all_arrive_once_despite_flood_control(
    api: LocalBotApi, bot: Bot, uow_factory, store: SqlOutboxStore
) -> None:
    people = citizens(1000)
    for person in people:
        api.open_chat(person)
    flood = api.limit_rate(per_second=STAND_IN_PER_SECOND, per_chat_per_second=1)
    await queue_replies(uow_factory, people, per_person=1)
    loop = DeliveryLoop(store, TelegramSender(bot), pacer=Pacer(TOO_FAST), poll_every=0.2)
    loop.start()
    try:
        await eventually(lambda: sum(len(texts) for texts in received(api).values()) >= 1000, timeout=BURST_WAIT)
        await eventually(lambda: not loop._sending)
    finally:
        await loop.stop()
    by_chat = received(api)
    assert len(by_chat) == 1000
    for person, texts in zip(people, by_chat.values(), strict=True):
        assert texts == [f"Trả lời 0 cho {person.first_name}"]
    print(f"1,000 replies delivered once each; the stand-in answered 429 {flood.refused} times")
    counts = await store.counts("telegram", now=datetime.now(UTC))
    assert (counts.waiting, counts.held, counts.undeliverable) == (0, 0, 0)


async def test_replies_refused_by_flood_control_are_sent_once_the_wait_is_over(
    api: LocalBotApi, bot: Bot, uow_factory, store: SqlOutboxStore
) -> None:
    people = citizens(20)
    for person in people:
        api.open_chat(person)
    flood = api.limit_rate(per_second=4, per_chat_per_second=1)  # far below the loop's pace: 429s for sure
    await queue_replies(uow_factory, people, per_person=1)
    loop = DeliveryLoop(store, TelegramSender(bot), pacer=Pacer(TOO_FAST), poll_every=0.2)
    loop.start()
    try:
        await eventually(lambda: sum(len(texts) for texts in received(api).values()) >= 20, timeout=BURST_WAIT)
        await eventually(lambda: not loop._sending)
    finally:
        await loop.stop()
    assert flood.refused > 0
    assert [texts for texts in received(api).values()] == [[f"Trả lời 0 cho {p.first_name}"] for p in people]
    assert (await store.counts("telegram", now=datetime.now(UTC))).waiting == 0


@pytest.mark.postgres
async def test_two_instances_on_one_postgresql_never_send_a_row_twice_and_keep_each_persons_order(
    api: LocalBotApi, postgres_url: str
) -> None:
    engines = [create_engine(postgres_url), create_engine(postgres_url)]
    await upgrade(engines[0])
    factories = [create_session_factory(engine) for engine in engines]
    people = citizens(100)
    for person in people:
        api.open_chat(person)
    api.limit_rate(per_second=STAND_IN_PER_SECOND, per_chat_per_second=1)
    await queue_replies(lambda: SqlUnitOfWork(factories[0]), people, per_person=3)
    bots = [sending_bot(api) for _ in engines]
    loops = [
        DeliveryLoop(SqlOutboxStore(factory), TelegramSender(bot), pacer=Pacer(TOO_FAST), poll_every=0.05)
        for factory, bot in zip(factories, bots, strict=True)
    ]
    try:
        for bot in bots:
            await bot.initialize()
        for loop in loops:
            loop.start()
        await eventually(lambda: sum(len(texts) for texts in received(api).values()) >= 300, timeout=BURST_WAIT)
        await eventually(lambda: not any(loop._sending for loop in loops))
    finally:
        for loop in loops:
            await loop.stop()
        for bot in bots:
            await bot.shutdown()
        for engine in engines:
            await engine.dispose()
    by_chat = received(api)
    assert len(by_chat) == 100
    for person, texts in zip(people, by_chat.values(), strict=True):
        assert texts == [f"Trả lời {turn} cho {person.first_name}" for turn in range(3)]
    sent_by = [call for call in api.calls if call.method == "sendMessage" and call.ok]
    assert len(sent_by) == 300
