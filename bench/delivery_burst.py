# ruff: noqa: E402 - the path fix below must run before the imports
"""A burst of citizens' replies delivered to Telegram under flood control: delivered, lost, sent twice, time
to the last reply, and the 429s met, on SQLite and PostgreSQL, with one delivery loop or two ("instances").

The replies are queued in the channel outbox at once (as the dialogue queues them), then delivered by the
real delivery loop and Telegram sender, through python-telegram-bot over HTTP, to the local Bot API
stand-in answering 429 with retry_after like Telegram beyond 30 messages a second and 1 a second per chat.
The sender keeps to 25 a second, so the time to the last reply is bounded by that: 5,000 replies take at
least 200 s. `--per-second` raises the stand-in's limit (and the sender's pace with it) to see the rest of
the path's ceiling.

Run: .venv/bin/python bench/delivery_burst.py [--citizens 5000] [--instances 1|2] [--postgres URL]
      [--per-second 30]
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/<name>.py`, this folder comes first on the import path and bench/queue.py would hide
# the standard library's queue module: take the folder off the path before any import.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import asyncio
import logging
import tempfile
import time
from collections import Counter

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.telegram_sender import LIMITS, TelegramSender
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

TOKEN = "123456:bench-token"
FIRST_CHAT = 700_000


async def queue(engine: AsyncEngine, citizens: int) -> None:
    factory = create_session_factory(engine)
    async with SqlUnitOfWork(factory) as uow:
        await uow.outbox.add(
            [
                NewMessage(
                    "telegram",
                    str(FIRST_CHAT + n),
                    Reply(f"Đã tiếp nhận phản ánh, mã <code>20261202.{n:04d}</code>.", ((Choice("m", "Menu"),),)),
                )
                for n in range(citizens)
            ]
        )
        await uow.commit()


async def run(url: str, citizens: int, instances: int, per_second: float) -> None:
    engines = [create_engine(url) for _ in range(instances)]
    await upgrade(engines[0])
    async with LocalBotApi() as api:
        for n in range(citizens):
            api.open_chat(TelegramUser(id=FIRST_CHAT + n, first_name=f"Dân {n}"))
        flood = api.limit_rate(per_second=per_second, per_chat_per_second=1)
        await queue(engines[0], citizens)
        pace = ChannelLimits(LIMITS.per_second * per_second / 30 / instances, LIMITS.per_recipient_per_second)
        bots = [
            Bot(TOKEN, base_url=api.base_url, request=HTTPXRequest(connection_pool_size=64, pool_timeout=10))
            for _ in range(instances)
        ]
        for bot in bots:
            await bot.initialize()
        loops = [
            DeliveryLoop(SqlOutboxStore(create_session_factory(engine)), TelegramSender(bot), pacer=Pacer(pace))
            for engine, bot in zip(engines, bots, strict=True)
        ]
        started = time.perf_counter()
        for loop in loops:
            loop.start()
            loop.nudge()

        def sent() -> list[int]:
            return [call.message.chat_id for call in api.calls if call.ok and call.message is not None]

        last_count, last_change = 0, time.perf_counter()
        while len(set(sent())) < citizens and time.perf_counter() - last_change < 120:
            await asyncio.sleep(0.2)
            if len(sent()) != last_count:
                last_count, last_change = len(sent()), time.perf_counter()
        elapsed = time.perf_counter() - started
        for loop in loops:
            await loop.stop()
        for bot in bots:
            await bot.shutdown()
    for engine in engines:
        await engine.dispose()
    per_chat = Counter(sent())
    delivered = len(per_chat)
    twice = sum(1 for count in per_chat.values() if count > 1)
    print(
        f"{citizens} replies, {instances} instance(s), stand-in {per_second:g}/s: delivered {delivered}, "
        f"lost {citizens - delivered}, sent twice {twice}, last reply after {elapsed:.1f} s "
        f"({delivered / elapsed:.1f}/s), 429s {flood.refused}"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=5000)
    parser.add_argument("--instances", type=int, default=1, choices=[1, 2])
    parser.add_argument("--postgres", help="a PostgreSQL URL (an empty database); SQLite otherwise")
    parser.add_argument("--per-second", type=float, default=30.0, help="the stand-in's limit (Telegram: 30)")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if arguments.postgres:
        await run(arguments.postgres, arguments.citizens, arguments.instances, arguments.per_second)
        return
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/bench.db"
        await run(url, arguments.citizens, arguments.instances, arguments.per_second)


if __name__ == "__main__":
    asyncio.run(main())
