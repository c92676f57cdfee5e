"""What an officer types for a citizen, shown back before it is sent: an answer, a question, the reason of
an extension or of a refusal, an apology with a new date, the note of the citizen's confirmation when an
officer closes an answered item. One short conversation for all six:

    a button under an item ("Trả lời", "Hỏi thêm người dân"…) → TYPING → REVIEW («Gửi» / «Sửa» / «Huỷ») → sent

REVIEW shows the text exactly as the citizen's chat will show it. Only «Gửi» calls the desk, which checks
the officer's role and unit again. If someone else changed the item meanwhile, the officer is told, sees the
item afresh, and the text stays (REVIEW, with «Gửi lại»): nothing typed is lost. /huy ends it at any step.
The text lives in user_data's scratch and the conversation is persistent, so a restart loses nothing.
"""

from __future__ import annotations

import logging
import re
import warnings
from datetime import date
from typing import Any

from telegram import Update
from telegram.constants import MessageLimit
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

from bot import callback_data, officer_keyboards, officer_views, texts
from bot.callback_data import (
    ANSWER,
    APOLOGISE,
    ASK_CITIZEN,
    CANCEL,
    CLOSE,
    EDIT,
    EXTEND,
    REFUSE,
    REFUSE_OTHER,
    SEND,
    OfficerAct,
    decode,
    officer_act_pattern,
    officer_choice_pattern,
)
from bot.card import split_html
from bot.context import BotApplication, BotContext
from bot.feedback_views import day, escape
from bot.officer_gate import officer_or_refusal
from bot.officer_item import send_fresh, show_problem, without_buttons
from bot.update_parts import answered_query, chat_of, message_of
from feedback import apology, deadlines
from feedback.access import Officer
from feedback.lifecycle import Action, IllegalTransition
from feedback.model import FeedbackItem, NoticeKind
from feedback.officer_desk import ItemView
from feedback.status import Status

log = logging.getLogger(__name__)

KEY = "officer_text"
TYPED_ACTIONS = (ANSWER, ASK_CITIZEN, EXTEND, REFUSE_OTHER, APOLOGISE, CLOSE)

# Stages
TYPING, REVIEW = range(2)

_LIFECYCLE = {
    ANSWER: Action.ANSWER,
    ASK_CITIZEN: Action.ASK_CITIZEN,
    EXTEND: Action.EXTEND,
    REFUSE_OTHER: Action.REFUSE,
    APOLOGISE: Action.EXTEND,  # an apology needs the rights of an extension
    CLOSE: Action.CLOSE,
}

_TEXT = filters.TEXT & ~filters.COMMAND
_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b\s*(.*)$", re.DOTALL)


def _typed(context: BotContext) -> dict[str, Any]:
    typed: dict[str, Any] = context.scratch.setdefault(KEY, {"code": "", "action": "", "text": ""})
    return typed


def _allowed(action: str, view: ItemView) -> bool:
    offered = officer_keyboards.offered(view)
    return (REFUSE if action == REFUSE_OTHER else action) in offered


def _example_date(context: BotContext, view: ItemView) -> date:
    today = deadlines.local_date(context.feedback.now())
    return apology.default_promise(view.item, today, context.feedback.calendar, apology.DEFAULT_EXTRA_DAYS)


# --- the steps ----------------------------------------------------------------------------------


async def begin(update: Update, context: BotContext) -> int:
    """A typed action's button: if the officer may still do it, ask for the text."""
    officer = await officer_or_refusal(update, context)
    if officer is None:
        return ConversationHandler.END
    query = await answered_query(update)
    chat, act = chat_of(update), decode(query.data or "", context.codes)
    if not isinstance(act, OfficerAct):
        return ConversationHandler.END
    try:
        view = await context.desk.item(officer, act.tracking_code)
    except officer_views.DESK_ERRORS as error:
        await show_problem(chat, context, officer, act.tracking_code, error)
        return ConversationHandler.END
    code, status = view.item.code, view.item.status
    if not _allowed(act.action, view):  # a button from before someone else's change
        await show_problem(chat, context, officer, code, IllegalTransition(status, _LIFECYCLE[act.action]))
        return ConversationHandler.END
    example = day(_example_date(context, view))
    context.scratch[KEY] = {"code": code, "action": act.action, "text": "", "example": example}
    await chat.send_message(
        texts.TYPE_PROMPTS[act.action].format(code=escape(code), due=day(view.item.due), example=example)
    )
    return TYPING


async def typed(update: Update, context: BotContext) -> int:
    """The text (typed again replaces it): shown back as the citizen will read it."""
    message, typed = message_of(update), _typed(context)
    text = (message.text or "").strip()
    if typed["action"] == APOLOGISE:
        parsed = _DATE.match(text)
        try:
            promised = date(int(parsed.group(3)), int(parsed.group(2)), int(parsed.group(1))) if parsed else None
        except ValueError:
            promised = None
        if parsed is None or promised is None:
            await message.reply_text(texts.APOLOGY_DATE_INVALID.format(example=typed.get("example", "")))
            return TYPING
        typed["date"], text = promised.isoformat(), parsed.group(4).strip()
    typed["text"] = text
    return await _review(update, context)


async def _review(update: Update, context: BotContext) -> int:
    chat, typed = chat_of(update), _typed(context)
    officer = await officer_or_refusal(update, context)
    if officer is None:
        context.scratch.pop(KEY, None)
        return ConversationHandler.END
    try:
        view = await context.desk.item(officer, typed["code"])
    except officer_views.DESK_ERRORS as error:
        await show_problem(chat, context, officer, typed["code"], error)
        return REVIEW
    header = (
        texts.REVIEW_TYPED_EXTEND.format(code=escape(view.item.code))
        if typed["action"] == EXTEND
        else texts.REVIEW_TYPED
    )
    text = f"{header}\n\n{_as_the_citizen_reads_it(context, view, typed)}\n\n{texts.REVIEW_FOOTER}"
    pieces = split_html(text, MessageLimit.MAX_TEXT_LENGTH)
    for piece in pieces[:-1]:
        await chat.send_message(piece)
    await chat.send_message(pieces[-1], reply_markup=officer_keyboards.review(context.codes))
    return REVIEW


def _as_the_citizen_reads_it(context: BotContext, view: ItemView, typed: dict[str, Any]) -> str:
    found, text = view.item, typed["text"]
    match typed["action"]:
        case callback_data.ANSWER:
            return officer_views.citizen_will_read(NoticeKind.ANSWERED, found.code, Status.ANSWERED, text, found.due)
        case callback_data.ASK_CITIZEN:
            status = Status.WAITING_FOR_CITIZEN
            return officer_views.citizen_will_read(
                NoticeKind.INFORMATION_REQUESTED, found.code, status, text, found.due
            )
        case callback_data.EXTEND:
            due = deadlines.extended_due(context.feedback.calendar, found.due, context.feedback.policy)
            return officer_views.citizen_will_read(NoticeKind.STATUS_CHANGED, found.code, found.status, text, due)
        case callback_data.CLOSE:
            return officer_views.citizen_will_read(
                NoticeKind.STATUS_CHANGED, found.code, Status.CLOSED, text, found.due
            )
        case callback_data.APOLOGISE:
            promised = date.fromisoformat(typed["date"])
            kind = NoticeKind.APOLOGY
            return officer_views.citizen_will_read(kind, found.code, found.status, text or None, promised)
    return officer_views.citizen_will_read(NoticeKind.STATUS_CHANGED, found.code, Status.REFUSED, text, found.due)


async def send(update: Update, context: BotContext) -> int:
    """«Gửi» (or «Gửi lại»): the desk checks and carries it out; a change by someone else keeps the text."""
    officer = await officer_or_refusal(update, context)
    if officer is None:
        context.scratch.pop(KEY, None)
        return ConversationHandler.END
    query = await answered_query(update)
    chat, typed = chat_of(update), _typed(context)
    code = typed["code"]
    try:
        item = await _carry_out(context, officer, typed)
    except officer_views.CONFLICTS as error:
        log.info("officer's text not sent: the item changed", extra={"code": code, "error": type(error).__name__})
        await show_problem(chat, context, officer, code, error)
        await chat.send_message(texts.TYPED_KEPT, reply_markup=officer_keyboards.send_again(context.codes))
        return REVIEW
    except officer_views.DESK_ERRORS as error:
        log.info("officer's text refused", extra={"code": code, "error": type(error).__name__})
        await chat.send_message(officer_views.problem(error, code))
        context.scratch.pop(KEY, None)
        return ConversationHandler.END
    await without_buttons(query)
    await chat.send_message(_done(typed, item))
    context.scratch.pop(KEY, None)
    await send_fresh(chat, context, officer, code)
    return ConversationHandler.END


async def _carry_out(context: BotContext, officer: Officer, typed: dict[str, Any]) -> FeedbackItem:
    desk, code, text = context.desk, typed["code"], typed["text"]
    match typed["action"]:
        case callback_data.ANSWER:
            return await desk.answer(officer, code, text)
        case callback_data.ASK_CITIZEN:
            return await desk.ask_citizen(officer, code, text)
        case callback_data.EXTEND:
            return await desk.extend(officer, code, text)
        case callback_data.APOLOGISE:
            return await desk.apologise(officer, code, date.fromisoformat(typed["date"]), text or None)
        case callback_data.CLOSE:
            return await desk.close(officer, code, text)
    return await desk.refuse(officer, code, text)


def _done(typed: dict[str, Any], item: FeedbackItem) -> str:
    code = escape(item.code)
    match typed["action"]:
        case callback_data.ANSWER:
            return texts.DONE_ANSWER.format(code=code)
        case callback_data.ASK_CITIZEN:
            return texts.DONE_ASK.format(code=code)
        case callback_data.EXTEND:
            return texts.DONE_EXTEND.format(code=code, due=day(item.due))
        case callback_data.CLOSE:
            return texts.DONE_CLOSE.format(code=code)
        case callback_data.APOLOGISE:
            return texts.DONE_APOLOGISE.format(code=code, date=day(date.fromisoformat(typed["date"])))
    return texts.DONE_REFUSE.format(code=code)


async def edit(update: Update, context: BotContext) -> int:
    """«Sửa»: type it again."""
    await answered_query(update)
    await chat_of(update).send_message(texts.TYPE_AGAIN)
    return TYPING


async def text_only(update: Update, context: BotContext) -> None:
    """A photo, sticker or voice message: the citizen's notice is text."""
    await message_of(update).reply_text(texts.TYPE_TEXT_ONLY)


async def cancel(update: Update, context: BotContext) -> int:
    """/huy or «Huỷ»: nothing is sent."""
    if update.callback_query is not None:
        await answered_query(update)
    context.scratch.pop(KEY, None)
    await chat_of(update).send_message(texts.TYPED_CANCELLED)
    return ConversationHandler.END


# --- wiring -------------------------------------------------------------------------------------


def conversation(*, persistent: bool) -> ConversationHandler[BotContext]:
    """The whole flow in one place."""
    with warnings.catch_warnings():
        # Tracked per chat and user, not per message: «Gửi» under any review of the current text works.
        warnings.filterwarnings("ignore", message=r".*CallbackQueryHandler", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[CallbackQueryHandler(begin, pattern=officer_act_pattern(*TYPED_ACTIONS))],
            states={
                TYPING: [
                    MessageHandler(_TEXT, typed),
                    MessageHandler(~filters.COMMAND & ~filters.StatusUpdate.ALL, text_only),
                ],
                REVIEW: [
                    CallbackQueryHandler(send, pattern=officer_choice_pattern(SEND)),
                    CallbackQueryHandler(edit, pattern=officer_choice_pattern(EDIT)),
                    MessageHandler(_TEXT, typed),
                ],
            },
            fallbacks=[
                CommandHandler("huy", cancel),
                CallbackQueryHandler(cancel, pattern=officer_choice_pattern(CANCEL)),
            ],
            name="officer_text",
            persistent=persistent,
            allow_reentry=True,
        )


def add_handlers(application: BotApplication) -> None:
    """Before the citizens' conversations: while an officer types, their text and /huy come here first."""
    application.add_handler(conversation(persistent=application.persistence is not None))
