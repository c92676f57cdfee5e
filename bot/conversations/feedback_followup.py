"""Two short questions after a PAKN was sent, started by a button under a notice or a look-up.

    "Chưa được giải quyết" → REOPEN_REASON (a reason, or none) → reopened
    "Gửi thông tin bổ sung" → INFORMATION (one or more messages, then "Gửi") → sent to the officer

It is registered before the intake conversation, so while one of these questions is open its answer
goes here even if the citizen also has an unfinished PAKN draft, which waits untouched.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

from bot import feedback_views, keyboards, texts
from bot.attachments import keep_copy
from bot.callback_data import NO_REASON, SEND_INFORMATION, STOP, AddInformation, ReopenItem, decode, intake_pattern
from bot.callback_data import pattern as action_pattern
from bot.context import BotApplication, BotContext, citizen_of
from bot.conversations import intake_draft
from bot.update_parts import answered_query, chat_of, message_of, user_of
from feedback.intake_limits import AttachmentRejected, check_attachment
from feedback.lifecycle import IllegalTransition
from feedback.model import ReopenWindowClosed
from feedback.services import NotYourItem, UnknownTrackingCode
from feedback.status import Status

log = logging.getLogger(__name__)

KEY = "followup"
INFORMATION_MAX = 5000

# Stages
REOPEN_REASON, INFORMATION = range(2)

_TEXT = filters.TEXT & ~filters.COMMAND
_FILES = filters.PHOTO | filters.Document.ALL


def _followup(context: BotContext) -> dict[str, Any]:
    followup: dict[str, Any] = context.scratch.setdefault(KEY, {"code": "", "texts": [], "attachments": []})
    followup.setdefault("attachments", [])  # drafts stored before files were accepted here
    return followup


def _code(update: Update, context: BotContext) -> str | None:
    query = update.callback_query
    action = decode(query.data or "", context.codes) if query is not None else None
    return action.tracking_code if isinstance(action, ReopenItem | AddInformation) else None


async def ask_reopen_reason(update: Update, context: BotContext) -> int:
    """The button «Chưa được giải quyết»: ask why (optional), if the item can still be reopened."""
    await answered_query(update)
    chat, code = chat_of(update), _code(update, context) or ""
    view = await context.feedback.track(code, citizen_of(user_of(update)))
    if not view.can_reopen:
        await chat.send_message(texts.REOPEN_NOT_NOW.format(code=feedback_views.escape(code)))
        return ConversationHandler.END
    context.scratch[KEY] = {"code": view.code, "texts": []}
    text = texts.REOPEN_ASK.format(code=feedback_views.escape(view.code))
    await chat.send_message(text, reply_markup=keyboards.reopen_without_reason(context.codes))
    return REOPEN_REASON


async def reopen_with_reason(update: Update, context: BotContext) -> int:
    """The reason, typed."""
    reason = feedback_views.shorten(message_of(update).text or "", INFORMATION_MAX)
    return await _reopen(update, context, reason)


async def reopen_without_reason(update: Update, context: BotContext) -> int:
    """The button «Gửi không kèm lý do»: reopen without a reason."""
    await answered_query(update)
    return await _reopen(update, context, None)


async def _reopen(update: Update, context: BotContext, reason: str | None) -> int:
    chat, code = chat_of(update), _followup(context)["code"]
    shown = feedback_views.escape(code)
    try:
        item = await context.feedback.reopen(code, citizen_of(user_of(update)), reason)
    except ReopenWindowClosed as error:
        await chat.send_message(texts.REOPEN_CLOSED.format(date=feedback_views.day(error.window_ended)))
    except (IllegalTransition, NotYourItem, UnknownTrackingCode):
        await chat.send_message(texts.REOPEN_NOT_NOW.format(code=shown))
    else:
        await chat.send_message(texts.REOPENED.format(code=shown, due=feedback_views.day(item.due)))
    context.scratch.pop(KEY, None)
    return ConversationHandler.END


async def ask_information(update: Update, context: BotContext) -> int:
    """The button «Gửi thông tin bổ sung»: the next messages are the answer, if the officer still waits."""
    await answered_query(update)
    chat, code = chat_of(update), _code(update, context) or ""
    view = await context.feedback.track(code, citizen_of(user_of(update)))
    if not view.is_owner or view.status != Status.WAITING_FOR_CITIZEN:
        await chat.send_message(texts.INFORMATION_NOT_NOW.format(code=feedback_views.escape(code)))
        return ConversationHandler.END
    context.scratch[KEY] = {"code": view.code, "texts": [], "attachments": []}
    await chat.send_message(texts.INFORMATION_ASK.format(code=feedback_views.escape(view.code)))
    return INFORMATION


async def information_text(update: Update, context: BotContext) -> None:
    """A message of the answer: kept until "Gửi"."""
    message, followup = message_of(update), _followup(context)
    followup["texts"].append((message.text or "").strip())
    chars = len("\n\n".join(followup["texts"]))
    if chars > INFORMATION_MAX:
        followup["texts"].pop()
        await message.reply_text(texts.CONTENT_TOO_LONG.format(max=INFORMATION_MAX))
        return
    await _received(update, context)


async def information_file(update: Update, context: BotContext) -> None:
    """A photo or document of the answer (the officer often asks for a picture of the place): kept until "Gửi"."""
    message, followup = message_of(update), _followup(context)
    attachment = intake_draft.attachment_of(message)
    if attachment is None:
        return
    try:
        check_attachment(attachment["size"], len(followup["attachments"]), context.feedback.limits)
    except AttachmentRejected as error:
        await message.reply_text(feedback_views.rejection(error) + texts.NOT_ADDED)
        return
    if context.bot_data.attachments_dir is not None:
        attachment = await keep_copy(context.bot, attachment, context.bot_data.attachments_dir)
    followup["attachments"].append(attachment)
    if message.caption:
        followup["texts"].append(message.caption.strip())
    await _received(update, context)


async def _received(update: Update, context: BotContext) -> None:
    followup = _followup(context)
    chars, files = len("\n\n".join(followup["texts"])), len(followup["attachments"])
    received = texts.INFORMATION_RECEIVED.format(chars=chars, files=files)
    await message_of(update).reply_text(received, reply_markup=keyboards.send_information(context.codes))


async def information_not_text(update: Update, context: BotContext) -> None:
    """A sticker, voice message or anything else: this answer takes words, photos and files."""
    await message_of(update).reply_text(texts.INFORMATION_TEXT_ONLY)


async def information_send(update: Update, context: BotContext) -> int | None:
    """The button «Gửi»: the answer goes to the officer, and the deadline runs again."""
    await answered_query(update)
    chat, followup = chat_of(update), _followup(context)
    code, text = followup["code"], "\n\n".join(followup["texts"])
    attachments = [intake_draft.to_attachment(stored) for stored in followup["attachments"]]
    if not text and not attachments:
        await chat.send_message(texts.INFORMATION_EMPTY)
        return None
    shown = feedback_views.escape(code)
    try:
        item = await context.feedback.reply_with_information(code, citizen_of(user_of(update)), text, attachments)
    except (IllegalTransition, NotYourItem, UnknownTrackingCode):
        await chat.send_message(texts.INFORMATION_NOT_NOW.format(code=shown))
    else:
        await chat.send_message(texts.INFORMATION_SENT.format(code=shown, due=feedback_views.day(item.due)))
    context.scratch.pop(KEY, None)
    return ConversationHandler.END


async def stop(update: Update, context: BotContext) -> int:
    """/huy or "Huỷ": nothing is sent."""
    if update.callback_query is not None:
        await answered_query(update)
    context.scratch.pop(KEY, None)
    await chat_of(update).send_message(texts.FOLLOWUP_CANCELLED)
    return ConversationHandler.END


def conversation(*, persistent: bool) -> ConversationHandler[BotContext]:
    """Both follow-up questions in one place."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*CallbackQueryHandler", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CallbackQueryHandler(ask_reopen_reason, pattern=action_pattern(ReopenItem)),
                CallbackQueryHandler(ask_information, pattern=action_pattern(AddInformation)),
            ],
            states={
                REOPEN_REASON: [
                    MessageHandler(_TEXT, reopen_with_reason),
                    CallbackQueryHandler(reopen_without_reason, pattern=intake_pattern(NO_REASON)),
                ],
                INFORMATION: [
                    MessageHandler(_TEXT, information_text),
                    MessageHandler(_FILES, information_file),
                    CallbackQueryHandler(information_send, pattern=intake_pattern(SEND_INFORMATION)),
                    MessageHandler(~filters.COMMAND & ~filters.StatusUpdate.ALL, information_not_text),
                ],
            },
            fallbacks=[CommandHandler("huy", stop), CallbackQueryHandler(stop, pattern=intake_pattern(STOP))],
            name="feedback_followup",
            persistent=persistent,
            allow_reentry=True,
        )


def add_handlers(application: BotApplication) -> None:
    """Before the intake conversation: an open follow-up question takes the citizen's answer first."""
    application.add_handler(conversation(persistent=application.persistence is not None))
