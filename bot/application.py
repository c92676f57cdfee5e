"""The bot's composition: one python-telegram-bot Application whose one handler gives every update to the
dialogue (citizens' and officers' alike: the dialogue tells them apart by the desk's link from a Telegram
account to an officer). It sends nothing itself: what the dialogue queues goes out through the channel
outbox's delivery loop (a `TelegramSender` on this application's bot, motcua.conversations)."""

from __future__ import annotations

import datetime as dtm
import functools
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, BaseUpdateProcessor, CallbackContext, Defaults
from telegram.request import BaseRequest

from bot.dialogue_feed import DialogueFeed, DialoguePort, add_dialogue_feed
from bot.webhook import TelegramWebhook

log = logging.getLogger(__name__)

BotApplication = Application[Any, Any, Any, Any, Any, Any]


async def log_error(update: object, context: CallbackContext[Any, Any, Any, Any]) -> None:
    """A failed update, logged without its content. Nothing is said to the person: by webhook Telegram
    delivers the update again (and it acts once); a message sent now would be one more to rate-limit."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update failed", exc_info=context.error, extra={"update_id": update_id})


async def set_commands(commands: Sequence[tuple[str, str]], application: BotApplication) -> None:
    """post_init: publish the dialogue's command list (setMyCommands); a command listed twice, the first."""
    published: list[BotCommand] = []
    for name, description in commands:
        if all(command.command != name for command in published):
            published.append(BotCommand(name, description))
    await application.bot.set_my_commands(published)


def build_application(
    *,
    token: str,
    base_url: str,
    dialogue: DialoguePort,
    commands: Sequence[tuple[str, str]] = (),
    base_file_url: str | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    update_processor: BaseUpdateProcessor | None = None,
    attachments_dir: Path | None = None,
) -> BotApplication:
    """The bot, ready for initialize()/start() and polling against `base_url` (or a webhook).

    Every message is sent as HTML without link previews, so a card's share link never grows a preview under
    it. `commands` (the dialogue router's) become the bot's command list on start. With `attachments_dir`, a
    copy of every photo and file a person sends is downloaded there (Telegram's file ids are kept either way).
    """
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .post_init(functools.partial(set_commands, tuple(commands)))
    )
    if base_file_url is not None:
        builder = builder.base_file_url(base_file_url)
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    if update_processor is not None:
        builder = builder.concurrent_updates(update_processor)
    application: BotApplication = builder.build()
    add_dialogue_feed(application, DialogueFeed(dialogue, attachments_dir=attachments_dir))
    application.add_error_handler(log_error)
    return application


async def start_polling(application: BotApplication, *, poll_timeout: float = 10) -> None:
    """initialize, post_init (the command list), start and poll: what run_polling does, minus its loop."""
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()
    if application.updater is not None:
        await application.updater.start_polling(timeout=dtm.timedelta(seconds=poll_timeout))


async def start_webhook(application: BotApplication, webhook: TelegramWebhook) -> None:
    """initialize, post_init, start, then setWebhook: from now on Telegram posts the updates to `webhook`."""
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()
    await webhook.register(application)


async def stop_polling(application: BotApplication) -> None:
    """Stop polling and the application, and release its connections."""
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
        if application.post_stop is not None:
            await application.post_stop(application)
    await application.shutdown()
