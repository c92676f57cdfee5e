"""The Telegram adapter's world for tests: the Bot API stand-in, a PTB Application feeding a dialogue, and a
web server carrying the webhook. Shared by the Telegram adapter's tests."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web
from telegram.ext import Application, ApplicationBuilder, BaseUpdateProcessor

from bot.dialogue_feed import DialogueFeed, DialoguePort, add_dialogue_feed
from dialogue.events import Inbound
from stand_ins.telegram_bot_api import LocalBotApi

BOT_TOKEN = "123456:TEST-token-for-the-local-stand-in"
WEBHOOK_SECRET = "s3cret_for-the-webhook"

BotApplication = Application[Any, Any, Any, Any, Any, Any]


@dataclass
class RecordingDialogue:
    """A dialogue that only writes down what it was given; it can be held per person, or fail a few times."""

    handled: list[Inbound] = field(default_factory=list)
    started: list[Inbound] = field(default_factory=list)
    gates: dict[str, asyncio.Event] = field(default_factory=dict)
    failures_left: int = 0

    async def handle(self, inbound: Inbound) -> None:
        self.started.append(inbound)
        gate = self.gates.get(inbound.account.user_id)
        if gate is not None:
            await gate.wait()
        if self.failures_left:
            self.failures_left -= 1
            raise RuntimeError("the dialogue's database is down")
        self.handled.append(inbound)


def telegram_application(
    api: LocalBotApi,
    dialogue: DialoguePort,
    *,
    attachments_dir: Path | None = None,
    update_processor: BaseUpdateProcessor | None = None,
) -> BotApplication:
    """A PTB Application against the stand-in whose one handler feeds `dialogue`."""
    builder = ApplicationBuilder().token(BOT_TOKEN).base_url(api.base_url).base_file_url(api.base_file_url)
    if update_processor is not None:
        builder = builder.concurrent_updates(update_processor)
    application: BotApplication = builder.build()
    add_dialogue_feed(application, DialogueFeed(dialogue, attachments_dir=attachments_dir))
    return application


@contextlib.asynccontextmanager
async def serve(app: web.Application) -> AsyncIterator[str]:
    """`app` on a free port of 127.0.0.1; its base URL."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server = site._server
    assert server is not None and server.sockets
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@contextlib.asynccontextmanager
async def running(application: BotApplication) -> AsyncIterator[BotApplication]:
    """Initialised and started, without polling: a webhook gives it its updates."""
    await application.initialize()
    await application.start()
    try:
        yield application
    finally:
        await application.stop()
        await application.shutdown()
