"""The bot's composition: one Application, every handler registered here, in order."""

from __future__ import annotations

import datetime as dtm
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import ApplicationBuilder, BasePersistence, BaseUpdateProcessor, Defaults
from telegram.request import BaseRequest

from bot import lookup, menu, notices, tracking
from bot.context import CONTEXT_TYPES, BotApplication, BotCommandEntry, BotContext
from bot.conversations import feedback_followup, feedback_intake
from bot.dialogue_feed import DialogueFeed, DialoguePort, add_dialogue_feed
from bot.webhook import TelegramWebhook
from feedback.services import FeedbackService
from procedures_catalog.services import Catalog

log = logging.getLogger(__name__)

NOTICE_INTERVAL = 5.0  # seconds between two rounds of delivering PAKN notices


def _add_dialogue_handlers(application: BotApplication, feed: DialogueFeed) -> None:
    """One handler giving every update to the dialogue: citizens' and officers' alike (the dialogue tells
    them apart by the desk's link from a Telegram account to an officer)."""
    add_dialogue_feed(application, feed)
    application.add_error_handler(log_error)


async def log_error(update: object, context: BotContext) -> None:
    """A failed update, logged without its content. Nothing is said to the person: by webhook Telegram
    delivers the update again (and it acts once); a message sent now would be one more to rate-limit."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update failed", exc_info=context.error, extra={"update_id": update_id})


async def _post_init_dialogue(application: BotApplication) -> None:
    """What the dialogue says is sent by the channel outbox's delivery loop (motcua.conversations), the
    officers' digests and alerts too (the relay): nothing else runs beside the updates."""
    await menu.set_commands(application)


async def _post_stop_dialogue(application: BotApplication) -> None:
    pass


def _add_handlers(application: BotApplication) -> None:
    """All handlers, in the order they are tried (the first that matches a message wins).

    A feature registers its handlers, menu entries and commands in one function. Officers work only
    through the dialogue.
    """
    lookup.add_deep_link_handler(application)  # before /start: /start tthc_… opens a card
    menu.add_handlers(application)  # /start, /help
    lookup.add_handlers(application)  # /tthc, result and card buttons, menu entry
    if application.bot_data.feedback is not None:
        feedback_followup.add_handlers(application)  # a reopen reason, information asked for
        feedback_intake.add_handlers(application)  # filing a PAKN: /phananh, menu entry, /huy
        tracking.add_handlers(application)  # /tracuu, typed codes, rating; stale PAKN buttons
    lookup.add_free_text_search(application)  # after every conversation: any other text
    menu.add_fallbacks(application)  # unknown commands, non-text messages, errors


async def _post_init(application: BotApplication) -> None:
    await menu.set_commands(application)
    await notices.start_delivery(application)


async def _post_stop(application: BotApplication) -> None:
    await notices.stop_delivery(application)


def build_application(
    catalog: Catalog,
    *,
    token: str,
    base_url: str,
    base_file_url: str | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    update_processor: BaseUpdateProcessor | None = None,
    feedback: FeedbackService | None = None,
    persistence: BasePersistence[Any, Any, Any] | None = None,
    notice_interval: float | None = NOTICE_INTERVAL,
    attachments_dir: Path | None = None,
    dialogue: DialoguePort | None = None,
    commands: Sequence[tuple[str, str]] = (),
) -> BotApplication:
    """The bot, ready for initialize()/start() and polling against `base_url`.

    Every message is sent as HTML (all catalog and user text is escaped) without link previews,
    so a card's share link never grows a preview under it.

    With `feedback`, citizens file and follow PAKN, and a loop delivers notices every `notice_interval`
    seconds while the bot runs (None: no loop; call bot.notices.deliver_pending yourself). With
    `persistence` (bot.persistence.DatabasePersistence) the PAKN conversations and user data survive
    a restart; without it they live in memory. With `attachments_dir`, a copy of every photo and file
    a citizen attaches is downloaded there (Telegram's file ids are kept either way).

    With `dialogue`, citizens and officers talk to the messenger-neutral dialogue instead of the bot's own
    conversations: one handler gives it every update and `commands` (the dialogue router's) head
    the command list. What the dialogue queues is sent by the caller's delivery loop (a `TelegramSender` on
    this application's bot), not by the application.
    """
    in_dialogue = dialogue is not None
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .context_types(CONTEXT_TYPES)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .post_init(_post_init_dialogue if in_dialogue else _post_init)
        .post_stop(_post_stop_dialogue if in_dialogue else _post_stop)
    )
    if persistence is not None:
        builder = builder.persistence(persistence)
    if base_file_url is not None:
        builder = builder.base_file_url(base_file_url)
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    if update_processor is not None:
        builder = builder.concurrent_updates(update_processor)
    application: BotApplication = builder.build()
    application.bot_data.catalog = catalog
    application.bot_data.feedback = feedback
    application.bot_data.notice_interval = notice_interval
    application.bot_data.attachments_dir = attachments_dir
    if dialogue is not None:
        application.bot_data.commands.extend(BotCommandEntry(name, about) for name, about in commands)
        feed = DialogueFeed(dialogue, attachments_dir=attachments_dir)
        _add_dialogue_handlers(application, feed)
    else:
        _add_handlers(application)
    return application


async def start_polling(application: BotApplication, *, poll_timeout: float = 10) -> None:
    """initialize, post_init (commands, notices), start and poll: what run_polling does, minus its loop."""
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
    """Stop polling, the application and post_stop (notices), and release its connections."""
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
        if application.post_stop is not None:
            await application.post_stop(application)
    await application.shutdown()
