"""The officers' lists: the unit's queue (/hangdoi), my items (/cuatoi), overdue (/quahan), by legal
deadline, a page at a time with buttons to open an item and to turn pages in place.

What a list holds is the desk's business: it narrows every list to the units the officer works for.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import officer_keyboards, officer_views, texts
from bot.callback_data import MY_ITEMS, OVERDUE, UNIT_QUEUE, OfficerList, decode, pattern
from bot.context import BotApplication, BotContext
from bot.officer_gate import officer_or_refusal, private_chat_only
from bot.update_parts import answered_query, message_of
from feedback.access import Officer
from feedback.queue import QueuePage

PAGE_SIZE = 8  # a page fits a phone's screen and one Telegram message
_PRIVATE = filters.ChatType.PRIVATE


async def _page(context: BotContext, officer: Officer, kind: str, page: int) -> QueuePage:
    desk = context.desk
    if kind == MY_ITEMS:
        found = await desk.my_items(officer, page=page, page_size=PAGE_SIZE)
    elif kind == OVERDUE:
        found = await desk.overdue(officer, page=page, page_size=PAGE_SIZE)
    else:
        found = await desk.queue(officer, page=page, page_size=PAGE_SIZE)
    if not found.entries and page > found.pages:  # items left the list since the page was shown
        return await _page(context, officer, kind, found.pages)
    return found


async def _send_list(update: Update, context: BotContext, kind: str) -> None:
    officer = await officer_or_refusal(update, context)
    if officer is None:
        return
    found = await _page(context, officer, kind, 1)
    markup = officer_keyboards.queue(kind, found, context.codes)
    await message_of(update).reply_text(officer_views.queue_page(kind, found), reply_markup=markup)


async def hangdoi(update: Update, context: BotContext) -> None:
    """/hangdoi: the queue of the officer's units, the most urgent first."""
    await _send_list(update, context, UNIT_QUEUE)


async def cuatoi(update: Update, context: BotContext) -> None:
    """/cuatoi: the items the officer is working on."""
    await _send_list(update, context, MY_ITEMS)


async def quahan(update: Update, context: BotContext) -> None:
    """/quahan: the overdue items of the officer's units."""
    await _send_list(update, context, OVERDUE)


async def canbo(update: Update, context: BotContext) -> None:
    """/canbo: the officers' commands (kept out of the public command list, which citizens see)."""
    if await officer_or_refusal(update, context) is not None:
        await message_of(update).reply_text(texts.OFFICER_HELP)


async def turn_page(update: Update, context: BotContext) -> None:
    """◀ / ▶ under a list: the other page, in place."""
    officer = await officer_or_refusal(update, context)
    if officer is None:
        return
    query = await answered_query(update)
    wanted = decode(query.data or "", context.codes)
    if not isinstance(wanted, OfficerList) or wanted.kind not in texts.QUEUE_TITLES:
        return
    found = await _page(context, officer, wanted.kind, wanted.page)
    markup = officer_keyboards.queue(wanted.kind, found, context.codes)
    await query.edit_message_text(officer_views.queue_page(wanted.kind, found), reply_markup=markup)


def add_handlers(application: BotApplication) -> None:
    """The three lists, their paging and /canbo. Not in the public command list: citizens should not see them."""
    lists = {"hangdoi": hangdoi, "cuatoi": cuatoi, "quahan": quahan, "canbo": canbo}
    for command, handler in lists.items():
        application.add_handler(CommandHandler(command, handler, filters=_PRIVATE))
    application.add_handler(CommandHandler(list(lists), private_chat_only, filters=~_PRIVATE))
    application.add_handler(CallbackQueryHandler(turn_page, pattern=pattern(OfficerList)))
