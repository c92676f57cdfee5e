"""Procedure lookup: free-text search, result paging, cards, /tthc and card deep links."""

from __future__ import annotations

import html

from telegram import Chat, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import keyboards, texts
from bot.callback_data import CardPage, OpenCard, ResultsPage, decode, menu_pattern, pattern
from bot.card import card_pages, short_name
from bot.context import BotApplication, BotCommandEntry, BotContext, MenuEntry
from bot.deep_links import card_link, code_from_parameter
from bot.result_list import MAX_RESULTS, results_view
from procedures_catalog.model import Procedure

MENU_KEY = "lookup"
DEEP_LINK = r"^/start(@\w+)?\s+tthc[_-]"


def _card(procedure: Procedure, page: int, context: BotContext) -> tuple[str, InlineKeyboardMarkup]:
    """Page `page` of a procedure's card (clamped to the pages it has) and its keyboard."""
    link = card_link(context.bot.username, procedure.code)
    pages = card_pages(procedure, share_link=link)
    page = min(max(page, 1), len(pages))
    share_text = texts.SHARE_MESSAGE.format(name=short_name(procedure.name))
    return pages[page - 1], keyboards.card(procedure.code, page, len(pages), link, share_text, context.codes)


async def _send_card(chat: Chat, context: BotContext, code: str) -> None:
    """Send the first page of a card, or say that the code is unknown."""
    procedure = await context.catalog.get(code)
    if procedure is None:
        await chat.send_message(texts.CODE_NOT_FOUND.format(code=html.escape(short_name(code))))
        return
    text, markup = _card(procedure, 1, context)
    await chat.send_message(text, reply_markup=markup)


async def search(update: Update, context: BotContext) -> None:
    """Answer free text with the procedures it most likely means."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    result = context.catalog.search(message.text, limit=MAX_RESULTS)
    if result.by_code:
        await _send_card(message.chat, context, result.hits[0].entry.code)
        return
    search_id = context.searches.remember(message.text)
    view = results_view(result)
    await message.reply_text(view.text, reply_markup=keyboards.results(view, search_id, context.codes))


async def results_page(update: Update, context: BotContext) -> None:
    """Show another page of an earlier search in place."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    action = decode(query.data, context.codes)
    typed = context.searches.query(action.search_id) if isinstance(action, ResultsPage) else None
    if not isinstance(action, ResultsPage) or typed is None:
        await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
        return
    await query.answer()
    view = results_view(context.catalog.search(typed, limit=MAX_RESULTS), action.page)
    await query.edit_message_text(view.text, reply_markup=keyboards.results(view, action.search_id, context.codes))


async def open_card(update: Update, context: BotContext) -> None:
    """Send the card of the procedure whose button was pressed."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_chat is None:
        return
    action = decode(query.data, context.codes)
    if not isinstance(action, OpenCard):
        await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
        return
    await query.answer()
    await _send_card(update.effective_chat, context, action.code)


async def card_page(update: Update, context: BotContext) -> None:
    """Turn a card's page in place."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    action = decode(query.data, context.codes)
    procedure = await context.catalog.get(action.code) if isinstance(action, CardPage) else None
    if not isinstance(action, CardPage) or procedure is None:
        await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
        return
    await query.answer()
    text, markup = _card(procedure, action.page, context)
    await query.edit_message_text(text, reply_markup=markup)


async def tthc(update: Update, context: BotContext) -> None:
    """/tthc CODE: open a card by its code; alone, explain how."""
    message = update.effective_message
    if message is None:
        return
    if not context.args:
        await message.reply_text(texts.TTHC_USAGE)
        return
    await _send_card(message.chat, context, context.args[0])


async def linked_card(update: Update, context: BotContext) -> None:
    """/start tthc_1-001193 (a shared deep link): open that card."""
    message = update.effective_message
    if message is None:
        return
    code = code_from_parameter(context.args[0]) if context.args else None
    if code is None:
        await message.reply_text(texts.BAD_LINK)
        return
    await _send_card(message.chat, context, code)


async def prompt(update: Update, context: BotContext) -> None:
    """The menu's "Tra cứu thủ tục": ask what to look for."""
    query = update.callback_query
    if query is None or update.effective_chat is None:
        return
    await query.answer()
    await update.effective_chat.send_message(texts.LOOKUP_PROMPT)


def add_deep_link_handler(application: BotApplication) -> None:
    """Before the plain /start: a /start carrying a card link opens the card."""
    application.add_handler(CommandHandler("start", linked_card, filters.Regex(DEEP_LINK)))


def add_handlers(application: BotApplication) -> None:
    """/tthc, the result and card buttons, and the menu entry."""
    application.bot_data.menu.append(MenuEntry(MENU_KEY, texts.MENU_LOOKUP))
    application.bot_data.commands.append(BotCommandEntry("tthc", texts.COMMAND_TTHC))
    application.add_handler(CommandHandler("tthc", tthc))
    application.add_handler(CallbackQueryHandler(prompt, pattern=menu_pattern(MENU_KEY)))
    application.add_handler(CallbackQueryHandler(open_card, pattern=pattern(OpenCard)))
    application.add_handler(CallbackQueryHandler(card_page, pattern=pattern(CardPage)))
    application.add_handler(CallbackQueryHandler(results_page, pattern=pattern(ResultsPage)))


def add_free_text_search(application: BotApplication) -> None:
    """Last of the message handlers: any private text no conversation took is a search."""
    application.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, search))
