"""The handler that gives citizens' updates to the dialogue: read, handed over, and its replies queued.

It sends nothing itself: the dialogue queues its replies in the channel outbox in the commit that saves
the conversation, and the delivery loop sends them at Telegram's pace. A pressed button's query is
answered here at once, so the client stops its spinner whatever the dialogue does.

When the dialogue fails, the failure is noted for the webhook call carrying the update (see
`bot.webhook`): that call is answered with an error and Telegram delivers the update again; the
update id makes that delivery act once.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, BaseHandler, TypeHandler

from bot.inbound import read_update
from dialogue.events import Inbound

log = logging.getLogger(__name__)

_failures: contextvars.ContextVar[list[BaseException] | None] = contextvars.ContextVar("failures", default=None)


class DialoguePort(Protocol):
    async def handle(self, inbound: Inbound) -> object: ...


@contextlib.contextmanager
def watching_failures() -> Iterator[list[BaseException]]:
    """The failures of the dialogue while the block runs in this task (and tasks it starts)."""
    failures: list[BaseException] = []
    token = _failures.set(failures)
    try:
        yield failures
    finally:
        _failures.reset(token)


class DialogueFeed:
    def __init__(self, dialogue: DialoguePort, *, attachments_dir: Path | None = None) -> None:
        """`dialogue`: the engine, or the runtime around it that also wakes the channel's delivery loop."""
        self._dialogue = dialogue
        self._attachments_dir = attachments_dir

    async def __call__(self, update: Update, context: Any) -> None:
        query = update.callback_query
        if query is not None:
            try:
                await query.answer()
            except TelegramError as error:  # a retried update's query is answered already: nothing lost
                log.info("callback query not answered", extra={"error": str(error)})
        inbound = await read_update(update, attachments_dir=self._attachments_dir)
        if inbound is None:
            return
        try:
            await self._dialogue.handle(inbound)
        except Exception as error:
            failures = _failures.get()
            if failures is not None:
                failures.append(error)
            raise

    def handler(self) -> BaseHandler[Update, Any, None]:
        """Last of the handlers: every update nobody before it took."""
        return TypeHandler(Update, self)


def add_dialogue_feed(application: Application[Any, Any, Any, Any, Any, Any], feed: DialogueFeed) -> None:
    application.add_handler(feed.handler())
