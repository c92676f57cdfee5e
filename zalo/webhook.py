"""`POST /zalo/webhook`: Zalo's events, checked, read, and handed to the dialogue.

The signature is checked on the raw body before anything else (`signature`): a missing one is answered
401, a wrong, stale or malformed one 403, each with a log line (the reason, the sender's address, the
body's size; never the body nor a secret), and nothing is handled.

Zalo wants a 200 within 2 seconds, and re-sends the event when it does not get one. An event is answered
200 only once the dialogue has handled it (its state and replies committed), so an instance dying
mid-event loses nothing: Zalo sends it again. If the dialogue has not finished by `ack_deadline`, the
event is answered 503 and the work goes on; the re-sent copy then acts once, by its `event_id`. A dialogue
that fails is answered 500, for Zalo to try again later. An event the dialogue does not read (the OA's
own messages, receipts, unfollow) is answered 200 at once.

Every event from a person is also contact: the dialogue, answering it, queues again the notices kept for
them while Zalo's consultation window was closed (dialogue.engine), behind its answer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp import web

from dialogue.events import Inbound
from zalo import signature
from zalo.event_parsing import Ignored, parse_event

log = logging.getLogger(__name__)

PATH = "/zalo/webhook"
ACK_DEADLINE = 1.5  # seconds: Zalo's 2 s, less the network both ways
HEARTBEAT_EVERY = timedelta(minutes=1)

Handle = Callable[[Inbound], Awaitable[object]]  # the dialogue's handle: what it returns is not read here
WebhookReceived = Callable[[datetime], Awaitable[None]]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class ZaloWebhook:
    """The aiohttp handler (`receive`); mount it with `add_route`."""

    def __init__(
        self,
        handle: Handle,
        *,
        app_id: str,
        oa_secret_key: str,
        webhook_received: WebhookReceived | None = None,
        clock: Clock = utc_now,
        ack_deadline: float = ACK_DEADLINE,
        replay_window: timedelta = signature.REPLAY_WINDOW,
    ) -> None:
        self._handle = handle
        self._app_id = app_id
        self._oa_secret_key = oa_secret_key
        self._webhook_received = webhook_received
        self._clock = clock
        self._ack_deadline = ack_deadline
        self._replay_window = replay_window
        self._heard_at: datetime | None = None
        self._working: set[asyncio.Task[None]] = set()

    async def receive(self, request: web.Request) -> web.Response:
        raw = await request.read()
        try:
            event = signature.verify(
                raw,
                request.headers.get(signature.HEADER),
                app_id=self._app_id,
                oa_secret_key=self._oa_secret_key,
                now=self._clock(),
                window=self._replay_window,
            )
        except signature.SignatureRefused as refused:
            log.warning(
                "zalo webhook refused",
                extra={"reason": str(refused.refusal), "remote": request.remote, "bytes": len(raw)},
            )
            status = 401 if refused.refusal == signature.Refusal.MISSING else 403
            return web.json_response({"error": str(refused.refusal)}, status=status)
        self._heard()
        parsed = parse_event(event.body)
        if isinstance(parsed, Ignored):
            log.info("zalo event not for the dialogue", extra={"reason": parsed.reason})
            return web.json_response({"ok": True})
        task = self._track(self._handle_all(parsed))
        done, _ = await asyncio.wait({task}, timeout=self._ack_deadline)
        if not done:
            log.warning("zalo event still being handled at the deadline; Zalo will send it again")
            return web.json_response({"error": "busy"}, status=503)
        if task.exception() is not None:
            return web.json_response({"error": "not handled"}, status=500)
        return web.json_response({"ok": True})

    async def _handle_all(self, inbounds: list[Inbound]) -> None:
        try:
            for inbound in inbounds:
                await self._handle(inbound)
        except Exception:
            log.exception("the dialogue failed on a zalo event; Zalo will send it again")
            raise

    def _heard(self) -> None:
        """Record that Zalo reached us (for `motcua admin zalo status`), at most once a minute."""
        now = self._clock()
        if self._webhook_received is None or (self._heard_at is not None and now - self._heard_at < HEARTBEAT_EVERY):
            return
        self._heard_at = now
        self._track(self._record_heard(now))

    def _track(self, work: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        """Run `work` as a task kept until it ends (an unreferenced task may be collected mid-way); its
        failure is logged where it happens, so it is retrieved here without a second report."""
        task = asyncio.create_task(work)
        self._working.add(task)

        def finished(done: asyncio.Task[None]) -> None:
            self._working.discard(done)
            if not done.cancelled():
                done.exception()

        task.add_done_callback(finished)
        return task

    async def _record_heard(self, at: datetime) -> None:
        assert self._webhook_received is not None
        try:
            await self._webhook_received(at)
        except Exception:
            log.exception("recording the time of the last zalo webhook failed")

    async def drain(self) -> None:
        """Wait for the events still being handled (on shutdown, and in tests)."""
        while self._working:
            await asyncio.gather(*list(self._working), return_exceptions=True)


def add_route(app: web.Application, webhook: ZaloWebhook, path: str = PATH) -> None:
    app.router.add_post(path, webhook.receive, name="zalo_webhook")
