"""The bot's composition: one Application, every handler registered here, in order."""

from __future__ import annotations

import datetime as dtm

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import ApplicationBuilder, BaseUpdateProcessor, Defaults
from telegram.request import BaseRequest

from bot import lookup, menu
from bot.context import CONTEXT_TYPES, BotApplication
from procedures_catalog.services import Catalog


def _add_handlers(application: BotApplication) -> None:
    """All handlers, in the order they are tried (the first that matches a message wins).

    A feature registers its handlers, menu entries and commands in one function; a new
    feature (the PAKN conversation, officers' commands) is one more line before the search.
    """
    lookup.add_deep_link_handler(application)  # before /start: /start tthc_… opens a card
    menu.add_handlers(application)  # /start, /help
    lookup.add_handlers(application)  # /tthc, result and card buttons, menu entry
    lookup.add_free_text_search(application)  # after every conversation: any other text
    menu.add_fallbacks(application)  # unknown commands, non-text messages, errors


def build_application(
    catalog: Catalog,
    *,
    token: str,
    base_url: str,
    base_file_url: str | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    update_processor: BaseUpdateProcessor | None = None,
) -> BotApplication:
    """The bot, ready for initialize()/start() and polling against `base_url`.

    Every message is sent as HTML (all catalog and user text is escaped) without link previews,
    so a card's share link never grows a preview under it.
    """
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .context_types(CONTEXT_TYPES)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .post_init(menu.set_commands)
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
    application.bot_data.catalog = catalog
    _add_handlers(application)
    return application


async def start_polling(application: BotApplication, *, poll_timeout: float = 10) -> None:
    """initialize, post_init (the command list), start and poll: what run_polling does, minus its loop."""
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()
    if application.updater is not None:
        await application.updater.start_polling(timeout=dtm.timedelta(seconds=poll_timeout))


async def stop_polling(application: BotApplication) -> None:
    """Stop polling and the application, and release its connections."""
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()
