"""An item as an officer works on it: /xem CODE or a queue button opens it (content, contact, attachments,
history, the actions allowed now); one-tap actions ("Tiếp nhận", "Tôi xử lý") and picked ones (a refusal
reason, a colleague, a unit) are carried out here. Typed ones (an answer…) are bot.conversations.officer_answer.

Nothing is decided here: every press re-reads the officer and goes through the desk, which checks the role
and the unit against the item as it is now. What the desk refuses is explained, and nothing changes.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import CallbackQuery, Chat, InlineKeyboardMarkup, Update
from telegram.constants import MessageLimit
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import officer_keyboards, officer_views, texts
from bot.callback_data import (
    ACCEPT,
    ASSIGN,
    CLAIM,
    COLLEAGUE,
    FORWARD,
    FORWARD_UNIT,
    REFUSAL_CONFIRMED,
    REFUSAL_REASON,
    REFUSE,
    OfficerAct,
    OfficerChoice,
    OfficerOpen,
    OfficerPick,
    decode,
    officer_act_pattern,
    pattern,
)
from bot.card import split_html
from bot.context import BotApplication, BotContext
from bot.feedback_views import escape
from bot.officer_gate import officer_or_refusal, private_chat_only
from bot.update_parts import answered_query, chat_of, message_of
from feedback.access import Officer
from feedback.data_views import Exposure, Looked
from feedback.model import AttachmentKind, FeedbackItem, NoticeKind
from feedback.officer_desk import OutOfReach
from feedback.refusal_reasons import RefusalReason, refusal_note
from feedback.status import Status

log = logging.getLogger(__name__)

_PRIVATE = filters.ChatType.PRIVATE
CHANNEL = "telegram"


# --- showing an item --------------------------------------------------------------------------


async def send_item(chat: Chat, context: BotContext, officer: Officer, code: str, *, attachments: bool) -> None:
    """The item's card (over several messages if long, the actions under the last), then its files.

    Raises what the desk raises (OutOfReach, UnknownTrackingCode…): the caller explains it."""
    # The card shows the citizen's contact details, and the files follow: both logged before they are sent.
    looked = [Looked(CHANNEL, Exposure.CONTACT)] + ([Looked(CHANNEL, Exposure.ATTACHMENTS)] if attachments else [])
    view = await context.desk.item(officer, code, looked)
    pieces = split_html(officer_views.item(view, with_actions=True), MessageLimit.MAX_TEXT_LENGTH)
    for piece in pieces[:-1]:
        await chat.send_message(piece)
    await chat.send_message(pieces[-1], reply_markup=officer_keyboards.item(view, context.codes))
    if attachments and view.item.attachments:
        await _send_attachments(chat, view.item)


async def _send_attachments(chat: Chat, item: FeedbackItem) -> None:
    """The citizen's photos and files, resent by Telegram's file id (nothing is downloaded)."""
    for attachment in item.attachments:
        if not attachment.file_id:
            continue  # deleted (retention or the citizen's request): nothing left to resend
        try:
            if attachment.kind == AttachmentKind.PHOTO:
                await chat.send_photo(attachment.file_id)
            else:
                await chat.send_document(attachment.file_id)
        except BadRequest as error:
            log.warning("attachment not resent", extra={"code": item.code, "error": error.message})
            name = attachment.file_name or attachment.kind
            await chat.send_message(texts.ATTACHMENT_UNAVAILABLE.format(name=escape(name)))


async def show_problem(chat: Chat, context: BotContext, officer: Officer, code: str, error: Exception) -> None:
    """Explain a refusal; when someone else changed the item first, show it as it is now."""
    await chat.send_message(officer_views.problem(error, code))
    if isinstance(error, officer_views.CONFLICTS):
        await send_fresh(chat, context, officer, code)


async def send_fresh(chat: Chat, context: BotContext, officer: Officer, code: str) -> None:
    """The card after a change; nothing when the item has left the officer's reach (forwarded away)."""
    try:
        await send_item(chat, context, officer, code, attachments=False)
    except OutOfReach:
        return


async def _open(update: Update, context: BotContext, code: str) -> None:
    officer = await officer_or_refusal(update, context)
    if officer is None:
        return
    if update.callback_query is not None:
        await answered_query(update)
    chat = chat_of(update)
    try:
        await send_item(chat, context, officer, code, attachments=True)
    except officer_views.DESK_ERRORS as error:
        await chat.send_message(officer_views.problem(error, code))


async def xem(update: Update, context: BotContext) -> None:
    """/xem CODE: the item, if it belongs to a unit the officer works for."""
    if not context.args:
        if await officer_or_refusal(update, context) is not None:
            await message_of(update).reply_text(texts.XEM_USAGE)
        return
    await _open(update, context, " ".join(context.args))


async def open_item(update: Update, context: BotContext) -> None:
    """A queue button, "Xem lại" or "Quay lại": the item as it is now."""
    action = decode((update.callback_query.data if update.callback_query else None) or "", context.codes)
    await _open(update, context, action.tracking_code if isinstance(action, OfficerOpen) else "")


# --- acting -------------------------------------------------------------------------------------


async def _carry_out(
    update: Update, context: BotContext, code: str, change: Callable[[Officer], Awaitable[FeedbackItem]], done: str
) -> None:
    """Run one desk change for the officer pressing; on success the pressed buttons go and the item is shown."""
    officer = await officer_or_refusal(update, context)
    if officer is None:
        return
    query = await answered_query(update)
    chat = chat_of(update)
    try:
        await change(officer)
    except officer_views.DESK_ERRORS as error:
        log.info("officer action refused", extra={"code": code, "error": type(error).__name__})
        await show_problem(chat, context, officer, code, error)
        return
    await without_buttons(query)
    await chat.send_message(done)
    await send_fresh(chat, context, officer, code)


async def without_buttons(query: CallbackQuery) -> None:
    """The buttons of the message acted on are spent; a message already without them is fine too."""
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as error:
        log.debug("buttons not removed", extra={"error": error.message})


def _pressed_act(update: Update, context: BotContext) -> OfficerAct | None:
    query = update.callback_query
    action = decode((query.data if query else None) or "", context.codes)
    return action if isinstance(action, OfficerAct) else None


async def accept(update: Update, context: BotContext) -> None:
    """ "Tiếp nhận": the unit takes the item on."""
    act = _pressed_act(update, context)
    if act is None:
        return
    code = act.tracking_code
    done = texts.DONE_ACCEPT.format(code=escape(code))
    await _carry_out(update, context, code, lambda officer: context.desk.accept(officer, code), done)


async def claim(update: Update, context: BotContext) -> None:
    """ "Tôi xử lý": the officer takes the item, accepting it first if nobody has; two at once, one wins."""
    act = _pressed_act(update, context)
    if act is None:
        return
    code = act.tracking_code
    done = texts.DONE_CLAIM.format(code=escape(code))
    await _carry_out(update, context, code, lambda officer: context.desk.claim(officer, code), done)


async def _choose(
    update: Update,
    context: BotContext,
    make: Callable[[Officer, str], Awaitable[tuple[str, InlineKeyboardMarkup | None]]],
) -> None:
    """Offer the choices an action needs (reasons, colleagues, units), checked against the item by the desk."""
    act = _pressed_act(update, context)
    officer = await officer_or_refusal(update, context) if act is not None else None
    if act is None or officer is None:
        return
    await answered_query(update)
    chat = chat_of(update)
    try:
        text, markup = await make(officer, act.tracking_code)
    except officer_views.DESK_ERRORS as error:
        await show_problem(chat, context, officer, act.tracking_code, error)
        return
    await chat.send_message(text, reply_markup=markup)


async def refuse(update: Update, context: BotContext) -> None:
    """ "Không tiếp nhận": the legal reasons to pick from, or one typed."""

    async def reasons(officer: Officer, code: str) -> tuple[str, InlineKeyboardMarkup | None]:
        view = await context.desk.item(officer, code)
        shown = escape(view.item.code)
        markup = officer_keyboards.refusal_reasons(
            view.item.code, context.bot_data.refusal_reasons.values(), context.codes
        )
        return texts.CHOOSE_REFUSAL_REASON.format(code=shown), markup

    await _choose(update, context, reasons)


async def assign(update: Update, context: BotContext) -> None:
    """ "Giao cho…": the colleagues who can work on the item's unit."""

    async def colleagues(officer: Officer, code: str) -> tuple[str, InlineKeyboardMarkup | None]:
        found = [other for other in await context.desk.colleagues(officer, code) if other.username != officer.username]
        if not found:
            return texts.NO_COLLEAGUES.format(code=escape(code)), None
        return texts.CHOOSE_COLLEAGUE.format(code=escape(code)), officer_keyboards.colleagues(
            code, found, context.codes
        )

    await _choose(update, context, colleagues)


async def forward(update: Update, context: BotContext) -> None:
    """ "Chuyển đơn vị…": every other unit."""

    async def units(officer: Officer, code: str) -> tuple[str, InlineKeyboardMarkup | None]:
        candidates = await context.desk.forwarding_units(officer, code)
        return texts.CHOOSE_UNIT.format(code=escape(code)), officer_keyboards.units(code, candidates, context.codes)

    await _choose(update, context, units)


async def pick(update: Update, context: BotContext) -> None:
    """A choice: review a refusal reason, confirm it, or assign or forward at once."""
    query = update.callback_query
    choice = decode((query.data if query else None) or "", context.codes)
    if not isinstance(choice, OfficerPick):
        await stale_button(update, context)
        return
    code, value = choice.tracking_code, choice.value
    desk, shown = context.desk, escape(code)
    reason = context.bot_data.refusal_reasons.get(value)
    if choice.kind == REFUSAL_REASON and reason is not None:
        await _review_refusal(update, context, code, reason)
    elif choice.kind == REFUSAL_CONFIRMED and reason is not None:
        note = refusal_note(reason)
        done = texts.DONE_REFUSE.format(code=shown)
        await _carry_out(update, context, code, lambda officer: desk.refuse(officer, code, note), done)
    elif choice.kind == COLLEAGUE:
        done = texts.DONE_ASSIGN.format(code=shown, name=escape(value))
        await _carry_out(update, context, code, lambda officer: desk.assign(officer, code, value), done)
    elif choice.kind == FORWARD_UNIT:
        done = texts.DONE_FORWARD.format(code=shown, unit=escape(value))
        await _carry_out(update, context, code, lambda officer: desk.forward(officer, code, value), done)
    else:  # a reason the agency has since removed from its list, or data from no button of ours
        await stale_button(update, context)


async def _review_refusal(update: Update, context: BotContext, code: str, reason: RefusalReason) -> None:
    """A reason picked: what the citizen will read, and «Xác nhận» — a refusal ends the item."""
    officer = await officer_or_refusal(update, context)
    if officer is None:
        return
    await answered_query(update)
    chat = chat_of(update)
    try:
        view = await context.desk.item(officer, code)
    except officer_views.DESK_ERRORS as error:
        await show_problem(chat, context, officer, code, error)
        return
    found = view.item
    note = refusal_note(reason)
    preview = officer_views.citizen_will_read(NoticeKind.STATUS_CHANGED, found.code, Status.REFUSED, note, found.due)
    text = texts.REVIEW_REFUSAL.format(code=escape(found.code), preview=preview)
    await chat.send_message(
        text, reply_markup=officer_keyboards.confirm_refusal(found.code, reason.code, context.codes)
    )


async def stale_button(update: Update, context: BotContext) -> None:
    """An officer's button that no longer means anything (a conversation that ended, a reason removed)."""
    if update.callback_query is not None:
        await update.callback_query.answer(texts.BUTTON_EXPIRED, show_alert=True)


# --- wiring -------------------------------------------------------------------------------------


def add_handlers(application: BotApplication) -> None:
    """/xem, the item buttons, one-tap and picked actions; in groups the commands only point to a private chat."""
    application.add_handler(CommandHandler("xem", xem, filters=_PRIVATE))
    application.add_handler(CommandHandler("xem", private_chat_only, filters=~_PRIVATE))
    application.add_handler(CallbackQueryHandler(open_item, pattern=pattern(OfficerOpen)))
    application.add_handler(CallbackQueryHandler(accept, pattern=officer_act_pattern(ACCEPT)))
    application.add_handler(CallbackQueryHandler(claim, pattern=officer_act_pattern(CLAIM)))
    application.add_handler(CallbackQueryHandler(refuse, pattern=officer_act_pattern(REFUSE)))
    application.add_handler(CallbackQueryHandler(assign, pattern=officer_act_pattern(ASSIGN)))
    application.add_handler(CallbackQueryHandler(forward, pattern=officer_act_pattern(FORWARD)))
    application.add_handler(CallbackQueryHandler(pick, pattern=pattern(OfficerPick)))
    # Typed actions whose conversation has ended, and its spent "Gửi"/"Sửa"/"Huỷ".
    application.add_handler(CallbackQueryHandler(stale_button, pattern=pattern(OfficerAct)))
    application.add_handler(CallbackQueryHandler(stale_button, pattern=pattern(OfficerChoice)))
