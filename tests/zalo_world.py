"""The Zalo stand-in, a webhook served over HTTP, and a person posting to it: shared by the Zalo tests."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web

from dialogue.events import Inbound
from stand_ins.zalo_oa import LocalZaloOa
from stand_ins.zalo_user import CITIZEN_ID, ZaloUser
from tests.manual_clock import Clock
from zalo.webhook import PATH, ZaloWebhook, add_route


@dataclass
class RecordingDialogue:
    """Stands in for `Dialogue.handle` until the engine lands: records, and can be made slow or failing."""

    handled: list[Inbound] = field(default_factory=list)
    heard: list[object] = field(default_factory=list)
    failing: bool = False
    gate: asyncio.Event | None = None

    async def handle(self, inbound: Inbound) -> None:
        if self.gate is not None:
            await self.gate.wait()
        if self.failing:
            raise RuntimeError("the dialogue's database is down")
        self.handled.append(inbound)

    async def webhook_received(self, at: object) -> None:
        self.heard.append(at)


@contextlib.asynccontextmanager
async def serve(app: web.Application) -> AsyncIterator[str]:
    """`app` on a free port of 127.0.0.1; its base URL."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]  # (host, port) of the socket bound to port 0
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@dataclass
class WebhookWorld:
    oa: LocalZaloOa
    webhook: ZaloWebhook
    dialogue: RecordingDialogue
    citizen: ZaloUser
    session: aiohttp.ClientSession
    url: str

    def person(self, user_id: str) -> ZaloUser:
        return ZaloUser(self.oa, self.url, self.session, user_id)


@contextlib.asynccontextmanager
async def webhook_world(clock: Clock, ack_deadline: float = 1.5) -> AsyncIterator[WebhookWorld]:
    dialogue = RecordingDialogue()
    async with LocalZaloOa(clock=clock) as oa, aiohttp.ClientSession() as session:
        webhook = ZaloWebhook(
            dialogue.handle,
            app_id=oa.app_id,
            oa_secret_key=oa.oa_secret_key,
            webhook_received=dialogue.webhook_received,
            clock=clock,
            ack_deadline=ack_deadline,
        )
        app = web.Application()
        add_route(app, webhook)
        async with serve(app) as base:
            url = base + PATH
            yield WebhookWorld(oa, webhook, dialogue, ZaloUser(oa, url, session, CITIZEN_ID), session, url)
            await webhook.drain()
