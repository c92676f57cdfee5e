"""Following a PAKN up: /tracuu with or without a code, a code typed alone, the citizen's list, rating.

Anyone with a code sees its status, deadline and public answer; the content and the personal details
are shown only to the Telegram user who filed it (FeedbackService.track decides, given the viewer).
"""

from __future__ import annotations

import logging

from telegram import Chat, Update, User
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import feedback_views, keyboards, texts
from bot.callback_data import IntakeChoice, OpenItem, PickProcedure, RateItem, decode, menu_pattern, pattern
from bot.context import BotApplication, BotCommandEntry, BotContext, MenuEntry, citizen_of
from bot.update_parts import answered_query, chat_of, message_of, user_of
from feedback.model import NotRateable
from feedback.services import NotYourItem, UnknownTrackingCode
from feedback.tracking_code import InvalidTrackingCode

log = logging.getLogger(__name__)

MENU_KEY = "pakn_track"
TYPED_CODE = r"^\s*\d{8}[.,\-\s]?\d{4,}\s*$"  # what feedback.tracking_code.parse_code reads
MY_ITEMS = 10


async def _send_item(chat: Chat, context: BotContext, code: str, viewer: User) -> None:
    """One item, as its viewer may see it; a bad or unknown code is explained."""
    try:
        view = await context.feedback.track(code, citizen_of(viewer))
    except InvalidTrackingCode:
        shown = feedback_views.escape(feedback_views.shorten(code, 40))
        await chat.send_message(texts.BAD_CODE.format(code=shown))
        return
    except UnknownTrackingCode as error:
        await chat.send_message(texts.UNKNOWN_CODE.format(code=feedback_views.escape(error.code)))
        return
    await chat.send_message(feedback_views.item(view), reply_markup=keyboards.for_item(view, context.codes))


async def _send_my_items(chat: Chat, context: BotContext, user: User) -> None:
    views = await context.feedback.my_items(citizen_of(user), limit=MY_ITEMS)
    buttons = [(view.code, feedback_views.status_label(view.status)) for view in views]
    await chat.send_message(feedback_views.my_items(views), reply_markup=keyboards.my_items(buttons, context.codes))


async def tracuu(update: Update, context: BotContext) -> None:
    """/tracuu CODE: that item; /tracuu alone: the citizen's own items."""
    chat, user = chat_of(update), user_of(update)
    if context.args:
        await _send_item(chat, context, " ".join(context.args), user)
        return
    await _send_my_items(chat, context, user)


async def typed_code(update: Update, context: BotContext) -> None:
    """A tracking code sent as a message: that item."""
    await _send_item(chat_of(update), context, message_of(update).text or "", user_of(update))


async def menu_entry(update: Update, context: BotContext) -> None:
    """The menu's "Tra cứu phản ánh": the citizen's own items."""
    await answered_query(update)
    await _send_my_items(chat_of(update), context, user_of(update))


async def open_item(update: Update, context: BotContext) -> None:
    """A button of the citizen's list: that item."""
    query = await answered_query(update)
    action = decode(query.data or "", context.codes)
    if isinstance(action, OpenItem):
        await _send_item(chat_of(update), context, action.tracking_code, user_of(update))


async def rate(update: Update, context: BotContext) -> None:
    """One tap on a star under an answer: the rating is stored, and the stars give way to a thank-you."""
    query = await answered_query(update)
    chat, citizen = chat_of(update), citizen_of(user_of(update))
    action = decode(query.data or "", context.codes)
    if not isinstance(action, RateItem):
        return
    try:
        await context.feedback.rate(action.tracking_code, citizen, action.stars)
    except NotRateable:
        await chat.send_message(texts.NOT_RATEABLE)
        return
    except (NotYourItem, UnknownTrackingCode):
        await chat.send_message(texts.NOT_YOURS)
        return
    view = await context.feedback.track(action.tracking_code, citizen)
    await query.edit_message_reply_markup(
        keyboards.answered(view.code, rate=False, reopen=view.can_reopen, codes=context.codes)
    )
    stars = feedback_views.stars(action.stars)
    await chat.send_message(texts.RATED.format(stars=stars, code=feedback_views.escape(view.code)))


async def stale_button(update: Update, context: BotContext) -> None:
    """A PAKN button of a conversation that has ended or moved on."""
    if update.callback_query is not None:
        await update.callback_query.answer(texts.BUTTON_EXPIRED, show_alert=True)


async def nothing_to_cancel(update: Update, context: BotContext) -> None:
    """/huy with nothing in progress."""
    await message_of(update).reply_text(texts.NOTHING_TO_CANCEL, reply_markup=keyboards.no_keyboard())


def add_handlers(application: BotApplication) -> None:
    """/tracuu, typed codes, the list and rating buttons, the menu entry; after the PAKN conversations."""
    application.bot_data.menu.append(MenuEntry(MENU_KEY, texts.MENU_TRACKING))
    application.bot_data.commands.append(BotCommandEntry("tracuu", texts.COMMAND_TRACUU))
    application.add_handler(CommandHandler("tracuu", tracuu))
    application.add_handler(CallbackQueryHandler(menu_entry, pattern=menu_pattern(MENU_KEY)))
    application.add_handler(CallbackQueryHandler(open_item, pattern=pattern(OpenItem)))
    application.add_handler(CallbackQueryHandler(rate, pattern=pattern(RateItem)))
    application.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.Regex(TYPED_CODE), typed_code))
    application.add_handler(CommandHandler("huy", nothing_to_cancel))
    application.add_handler(CallbackQueryHandler(stale_button, pattern=pattern(IntakeChoice)))
    application.add_handler(CallbackQueryHandler(stale_button, pattern=pattern(PickProcedure)))
