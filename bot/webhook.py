"""Telegram by webhook, on the product's own aiohttp server: `POST <path>` with each update.

Only Telegram knows the secret given with `setWebhook`: a call without the
`X-Telegram-Bot-Api-Secret-Token` header is answered 401, one with another value 403 (compared in
constant time), each with a log line (the reason, the caller's address, the body's size; never the
body nor the secret), and nothing is handled.

A call is answered 200 only once the application has handled its update (the dialogue committed its
state and queued its replies), so an instance that dies mid-update loses nothing: Telegram delivers the
update again, and its update id makes the second delivery act once. When the dialogue fails the call is
answered 500 for Telegram to try again later. Calls for one chat wait for each other, in the order
they came; calls for different chats run at once.

Several instances behind one address share the webhook: each calls `setWebhook` with the same URL and
secret on start, and none deletes it on stop (the others still answer).
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.chat_order import ChatLocks, chat_of
from bot.dialogue_feed import watching_failures

log = logging.getLogger(__name__)

PATH = "/telegram/webhook"
ROUTE_NAME = "telegram_webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ("message", "callback_query")  # what the bot reads; Telegram sends nothing else

BotApplication = Application[Any, Any, Any, Any, Any, Any]


class TelegramWebhook:
    """The aiohttp handler (`receive`). Mounted while the web application is built (aiohttp freezes its
    routes on start); calls before `attach` gives it the running bot are answered 503, and Telegram
    tries again."""

    def __init__(self, secret: str, *, url: str = "", path: str = PATH) -> None:
        if not secret:
            raise ValueError("a Telegram webhook needs a secret token")
        self.url = url
        self.path = path
        self._secret = secret.encode()
        self._application: BotApplication | None = None
        self.locks = ChatLocks()

    def add_route(self, app: web.Application) -> None:
        app.router.add_post(self.path, self.receive, name=ROUTE_NAME)

    def attach(self, application: BotApplication | None) -> None:
        """The running application that handles the updates; None when it stops."""
        self._application = application

    async def register(self, application: BotApplication) -> None:
        """`setWebhook` with the URL and the secret, then take the updates Telegram posts."""
        await application.bot.set_webhook(
            self.url, secret_token=self._secret.decode(), allowed_updates=list(ALLOWED_UPDATES)
        )
        self.attach(application)

    def _refusal(self, given: str | None) -> str | None:
        if given is None:
            return "missing"
        if not hmac.compare_digest(given.encode(), self._secret):
            return "wrong"
        return None

    async def receive(self, request: web.Request) -> web.Response:
        refusal = self._refusal(request.headers.get(SECRET_HEADER))
        if refusal is not None:
            log.warning(
                "telegram webhook refused",
                extra={"reason": refusal, "remote": request.remote, "bytes": request.content_length},
            )
            return web.json_response({"error": "forbidden"}, status=401 if refusal == "missing" else 403)
        application = self._application
        if application is None or not application.running:
            return web.json_response({"error": "starting"}, status=503)
        try:
            data = json.loads(await request.read())
        except (UnicodeDecodeError, json.JSONDecodeError):
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            log.warning("telegram webhook: not an update", extra={"remote": request.remote})
            return web.json_response({"error": "not an update"}, status=400)
        try:
            update = Update.de_json(data, application.bot)
        except (KeyError, TypeError, ValueError):
            log.warning("telegram webhook: an update that does not read", extra={"remote": request.remote})
            return web.json_response({"error": "not an update"}, status=400)
        async with self.locks.hold(chat_of(update)):
            with watching_failures() as failures:
                await application.process_update(update)
        if failures:
            return web.json_response({"error": "not handled"}, status=500)
        return web.json_response({"ok": True})
