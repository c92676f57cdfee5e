"""Filing a PAKN: one small function per step, and the whole flow in the `states` dict of `conversation()`.

    /phananh or the menu → TYPE → CONTENT → PROCEDURE → UNIT (when there are units to choose from)
    → KNOWN_CONTACT (when there is one to reuse)
    → NAME → CONTACT → ADDRESS → SUMMARY → DUPLICATE (when a near-identical item was sent today) → sent

From SUMMARY an edit button goes to one step, which comes back to SUMMARY. /huy ends it at any step
and forgets the answers. The answers so far live in user_data's scratch (bot.conversations.intake_draft)
as plain JSON, and the conversation is persistent, so a restart of the bot loses nothing.

"Đã tiếp nhận" is said only after FeedbackService.submit has returned, i.e. after the commit.
"""

from __future__ import annotations

import logging
import warnings

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

from bot import feedback_views, keyboards, texts
from bot.attachments import keep_copy
from bot.callback_data import (
    CANCEL,
    DONE,
    EDIT_ADDRESS,
    EDIT_CONTACT,
    EDIT_CONTENT,
    EDIT_NAME,
    EDIT_PROCEDURE,
    EDIT_TYPE,
    EDIT_UNIT,
    KIEN_NGHI,
    NEW_CONTACT,
    PHAN_ANH,
    REUSE_CONTACT,
    SEND,
    SEND_ANYWAY,
    SKIP,
    IntakeChoice,
    PickProcedure,
    PickUnit,
    decode,
    intake_pattern,
    menu_pattern,
    pattern,
)
from bot.context import BotApplication, BotCommandEntry, BotContext, MenuEntry, citizen_of
from bot.conversations import intake_draft
from bot.update_parts import answered_query, chat_of, message_of, user_of
from feedback.contact import InvalidContact, normalize_phone, parse_contact
from feedback.intake_limits import (
    AttachmentRejected,
    ContentProblem,
    ContentRejected,
    DailyCapReached,
    check_attachment,
    check_submission,
    content_length,
)
from feedback.legal_type import FeedbackType, OtherRegime, detect_other_regime
from feedback.services import IncompleteContact
from feedback.unit_choice import find_units
from feedback.units import UnknownUnit

log = logging.getLogger(__name__)

MENU_KEY = "pakn"
NAME_MAX = 100
ADDRESS_MAX = 300
PROCEDURE_CHOICES = 5
UNIT_CHOICES = 8

# Stages
# UNIT is numbered last so the stored conversation states of earlier versions keep their meaning.
TYPE, CONTENT, PROCEDURE, KNOWN_CONTACT, NAME, CONTACT, ADDRESS, SUMMARY, DUPLICATE, UNIT = range(10)

_EDITS = {
    EDIT_TYPE: TYPE,
    EDIT_CONTENT: CONTENT,
    EDIT_PROCEDURE: PROCEDURE,
    EDIT_UNIT: UNIT,
    EDIT_NAME: NAME,
    EDIT_CONTACT: CONTACT,
    EDIT_ADDRESS: ADDRESS,
}
_TYPES = {PHAN_ANH: FeedbackType.PHAN_ANH, KIEN_NGHI: FeedbackType.KIEN_NGHI}
_OTHER_REGIMES = {OtherRegime.KHIEU_NAI: texts.KHIEU_NAI, OtherRegime.TO_CAO: texts.TO_CAO}
_TEXT = filters.TEXT & ~filters.COMMAND
_FILES = filters.PHOTO | filters.Document.ALL


# --- asking: each state's question ----------------------------------------------------------


async def _ask_type(update: Update, context: BotContext) -> int:
    await chat_of(update).send_message(texts.INTAKE_TYPE, reply_markup=keyboards.feedback_type(context.codes))
    return TYPE


async def _ask_content(update: Update, context: BotContext) -> int:
    prompt = (
        texts.INTAKE_CONTENT_AGAIN if intake_draft.current(context.scratch).get("editing") else texts.INTAKE_CONTENT
    )
    await chat_of(update).send_message(prompt.format(max_attachments=context.feedback.limits.max_attachments))
    return CONTENT


async def _ask_procedure(update: Update, context: BotContext) -> int:
    await chat_of(update).send_message(texts.INTAKE_PROCEDURE, reply_markup=keyboards.skip(context.codes))
    return PROCEDURE


async def _ask_unit(update: Update, context: BotContext) -> int:
    """Offer the units to address the PAKN to; an office with no units set up skips the question."""
    tree = await context.feedback.units()
    units = list(tree)
    if not units:
        return await _ask_known_contact(update, context)
    shown = [(unit.code, unit.name) for unit in units[:UNIT_CHOICES]]
    await chat_of(update).send_message(texts.INTAKE_UNIT, reply_markup=keyboards.unit_choices(shown, context.codes))
    return UNIT


async def _ask_known_contact(update: Update, context: BotContext) -> int:
    """Offer the contact of the citizen's last PAKN; without one, ask for the name."""
    known = await context.feedback.last_contact(citizen_of(user_of(update)))
    if known is None:
        return await _ask_name(update, context)
    text = texts.INTAKE_REUSE_CONTACT.format(contact=feedback_views.known_contact(known))
    await chat_of(update).send_message(text, reply_markup=keyboards.reuse_contact(context.codes))
    return KNOWN_CONTACT


async def _ask_name(update: Update, context: BotContext) -> int:
    await chat_of(update).send_message(texts.INTAKE_NAME)
    return NAME


async def _ask_contact(update: Update, context: BotContext) -> int:
    await chat_of(update).send_message(texts.INTAKE_CONTACT, reply_markup=keyboards.share_phone())
    return CONTACT


async def _ask_address(update: Update, context: BotContext) -> int:
    await chat_of(update).send_message(texts.INTAKE_ADDRESS)
    return ADDRESS


async def _show_summary(update: Update, context: BotContext) -> int:
    data = intake_draft.current(context.scratch)
    data["editing"] = False
    await chat_of(update).send_message(feedback_views.summary(data), reply_markup=keyboards.summary(context.codes))
    return SUMMARY


_QUESTIONS = {
    TYPE: _ask_type,
    CONTENT: _ask_content,
    PROCEDURE: _ask_procedure,
    UNIT: _ask_unit,
    KNOWN_CONTACT: _ask_known_contact,
    NAME: _ask_name,
    CONTACT: _ask_contact,
    ADDRESS: _ask_address,
    SUMMARY: _show_summary,
}


async def _ask(update: Update, context: BotContext, state: int) -> int:
    """Ask the question of `state`; returns the state the conversation is then in (remembered, to ask again)."""
    state = await _QUESTIONS[state](update, context)
    intake_draft.current(context.scratch)["step"] = state
    return state


async def _next(update: Update, context: BotContext, state: int) -> int:
    """After an answer: ask for `state`, or go back to the summary when one field was being edited."""
    if intake_draft.current(context.scratch).get("editing"):
        state = SUMMARY
    return await _ask(update, context, state)


# --- the steps ------------------------------------------------------------------------------


async def start(update: Update, context: BotContext) -> int:
    """/phananh or the menu entry: a fresh draft, and which type it is."""
    if update.callback_query is not None:
        await answered_query(update)
    intake_draft.begin(context.scratch)
    return await _ask(update, context, TYPE)


async def choose_type(update: Update, context: BotContext) -> int:
    """Phản ánh or kiến nghị, by button."""
    query = await answered_query(update)
    choice = decode(query.data or "", context.codes)
    kind = _TYPES[choice.choice] if isinstance(choice, IntakeChoice) else FeedbackType.PHAN_ANH
    intake_draft.current(context.scratch)["type"] = str(kind)
    await query.edit_message_text(texts.TYPE_CHOSEN.format(type=feedback_views.type_label(kind)))
    return await _next(update, context, CONTENT)


async def type_typed(update: Update, context: BotContext) -> int | None:
    """Text instead of a type: a khiếu nại or tố cáo is explained; anything else gets the buttons again."""
    message = message_of(update)
    regime = detect_other_regime(message.text or "")
    if regime is not None:
        return await _other_regime(update, context, regime)
    await message.reply_text(texts.USE_THE_BUTTONS)
    return None


async def content_text(update: Update, context: BotContext) -> None:
    """A piece of the content, typed: kept, and the citizen may go on."""
    await _add_content(update, context, message_of(update).text or "", None)


async def content_file(update: Update, context: BotContext) -> None:
    """A photo or a document, with or without a caption: kept, and the citizen may go on."""
    message = message_of(update)
    await _add_content(update, context, message.caption or "", intake_draft.attachment_of(message))


async def content_other(update: Update, context: BotContext) -> None:
    """A sticker, a voice message…: say what this step takes."""
    await message_of(update).reply_text(texts.CONTENT_WHAT)


async def content_done(update: Update, context: BotContext) -> int | None:
    """The button «Xong»: the content must say something; a khiếu nại or tố cáo stops here."""
    await answered_query(update)
    chat, data = chat_of(update), intake_draft.current(context.scratch)
    text = intake_draft.content(data)
    try:
        check_submission(text, len(data["attachments"]), context.feedback.limits)
    except (ContentRejected, AttachmentRejected) as error:
        await chat.send_message(feedback_views.rejection(error))
        return None
    regime = detect_other_regime(text) if text else None
    if regime is not None:
        return await _other_regime(update, context, regime)
    return await _next(update, context, PROCEDURE)


async def procedure_search(update: Update, context: BotContext) -> None:
    """Words typed at the procedure step: the closest procedures as buttons."""
    message = message_of(update)
    result = context.catalog.search(message.text or "", limit=PROCEDURE_CHOICES)
    found = [(hit.entry.code, hit.entry.name) for hit in (result.hits or result.suggestions)[:PROCEDURE_CHOICES]]
    if not found:
        query = feedback_views.escape(feedback_views.shorten(message.text or "", 80))
        await message.reply_text(texts.PROCEDURE_NONE.format(query=query), reply_markup=keyboards.skip(context.codes))
        return
    await message.reply_text(texts.PROCEDURE_CHOOSE, reply_markup=keyboards.procedure_choices(found, context.codes))


async def procedure_pick(update: Update, context: BotContext) -> int | None:
    """A procedure's button: that is the one the PAKN is about."""
    query = await answered_query(update)
    action = decode(query.data or "", context.codes)
    procedure = await context.catalog.get(action.code) if isinstance(action, PickProcedure) else None
    if procedure is None:
        await chat_of(update).send_message(texts.BUTTON_EXPIRED)
        return None
    data = intake_draft.current(context.scratch)
    data["procedure_code"], data["procedure_name"] = procedure.code, procedure.name
    await query.edit_message_text(texts.PROCEDURE_CHOSEN.format(name=feedback_views.escape(procedure.name)))
    return await _next(update, context, UNIT)


async def procedure_skip(update: Update, context: BotContext) -> int:
    """The button «Bỏ qua»: no procedure."""
    query = await answered_query(update)
    data = intake_draft.current(context.scratch)
    data["procedure_code"], data["procedure_name"] = None, None
    await query.edit_message_text(texts.PROCEDURE_SKIPPED)
    return await _next(update, context, UNIT)


async def unit_search(update: Update, context: BotContext) -> None:
    """Words typed at the unit step: the closest units as buttons."""
    message = message_of(update)
    found = find_units(message.text or "", await context.feedback.units(), limit=UNIT_CHOICES)
    if not found:
        query = feedback_views.escape(feedback_views.shorten(message.text or "", 80))
        await message.reply_text(texts.UNIT_NONE.format(query=query), reply_markup=keyboards.skip(context.codes))
        return
    choices = [(unit.code, unit.name) for unit in found]
    await message.reply_text(texts.UNIT_CHOOSE, reply_markup=keyboards.unit_choices(choices, context.codes))


async def unit_pick(update: Update, context: BotContext) -> int | None:
    """A unit's button: the PAKN goes there."""
    query = await answered_query(update)
    action = decode(query.data or "", context.codes)
    tree = await context.feedback.units()
    if not isinstance(action, PickUnit) or action.code not in tree:
        await chat_of(update).send_message(texts.BUTTON_EXPIRED)
        return None
    unit = tree.get(action.code)
    data = intake_draft.current(context.scratch)
    data["unit_code"], data["unit_name"] = unit.code, unit.name
    await query.edit_message_text(texts.UNIT_CHOSEN.format(name=feedback_views.escape(unit.name)))
    return await _next(update, context, KNOWN_CONTACT)


async def unit_skip(update: Update, context: BotContext) -> int:
    """The button «Bỏ qua»: the reception desk routes it."""
    query = await answered_query(update)
    data = intake_draft.current(context.scratch)
    data["unit_code"], data["unit_name"] = None, None
    await query.edit_message_text(texts.UNIT_SKIPPED)
    return await _next(update, context, KNOWN_CONTACT)


async def reuse_contact(update: Update, context: BotContext) -> int:
    """The button «Dùng thông tin này»: the contact of the citizen's last PAKN, then the summary."""
    await answered_query(update)
    known = await context.feedback.last_contact(citizen_of(user_of(update)))
    if known is None:
        return await _ask(update, context, NAME)
    intake_draft.use_contact(intake_draft.current(context.scratch), known)
    return await _ask(update, context, SUMMARY)


async def new_contact(update: Update, context: BotContext) -> int:
    """The button «Nhập thông tin khác»: ask for each detail."""
    await answered_query(update)
    return await _ask(update, context, NAME)


async def name(update: Update, context: BotContext) -> int | None:
    """The citizen's full name."""
    message = message_of(update)
    typed = " ".join((message.text or "").split())
    if not 2 <= len(typed) <= NAME_MAX or typed.replace(" ", "").isdigit():
        await message.reply_text(texts.NAME_INVALID.format(max=NAME_MAX))
        return None
    intake_draft.current(context.scratch)["name"] = typed
    return await _next(update, context, CONTACT)


async def contact_typed(update: Update, context: BotContext) -> int | None:
    """A phone number or an e-mail, typed: checked, and explained when wrong."""
    message = message_of(update)
    try:
        parsed = parse_contact(message.text or "")
    except InvalidContact as error:
        problem = texts.CONTACT_PROBLEMS[str(error.problem)]
        await message.reply_text(texts.CONTACT_INVALID.format(problem=problem), reply_markup=keyboards.share_phone())
        return None
    data = intake_draft.current(context.scratch)
    data["phone"], data["email"] = parsed.phone, parsed.email
    return await _contact_noted(update, context)


async def contact_shared(update: Update, context: BotContext) -> int | None:
    """The "📱 Gửi số điện thoại" button: Telegram sends the number it verified."""
    message = message_of(update)
    shared = message.contact
    try:
        phone = normalize_phone(shared.phone_number if shared else "")
    except InvalidContact as error:
        problem = texts.CONTACT_PROBLEMS[str(error.problem)]
        await message.reply_text(texts.CONTACT_INVALID.format(problem=problem), reply_markup=keyboards.share_phone())
        return None
    data = intake_draft.current(context.scratch)
    data["phone"], data["email"] = phone, None
    return await _contact_noted(update, context)


async def _contact_noted(update: Update, context: BotContext) -> int:
    chat, data = chat_of(update), intake_draft.current(context.scratch)
    noted = feedback_views.contact_line(data.get("phone"), data.get("email"))
    await chat.send_message(texts.CONTACT_NOTED.format(contact=noted), reply_markup=keyboards.no_keyboard())
    return await _next(update, context, ADDRESS)


async def address(update: Update, context: BotContext) -> int | None:
    """The citizen's address; then everything is shown to check."""
    message = message_of(update)
    typed = " ".join((message.text or "").split())
    if not 5 <= len(typed) <= ADDRESS_MAX:
        await message.reply_text(texts.ADDRESS_INVALID.format(max=ADDRESS_MAX))
        return None
    intake_draft.current(context.scratch)["address"] = typed
    return await _ask(update, context, SUMMARY)


async def edit(update: Update, context: BotContext) -> int:
    """An edit button of the summary: ask that one question again, then come back."""
    query = await answered_query(update)
    choice = decode(query.data or "", context.codes)
    state = _EDITS[choice.choice] if isinstance(choice, IntakeChoice) else SUMMARY
    data = intake_draft.current(context.scratch)
    data["editing"] = True
    if state == CONTENT:
        data["texts"], data["attachments"] = [], []
    return await _ask(update, context, state)


async def confirm(update: Update, context: BotContext) -> int:
    """The button «Gửi» (or «Thử lại»): warn about a near-identical item sent in the last day, or send."""
    await answered_query(update)
    chat, data = chat_of(update), intake_draft.current(context.scratch)
    text = intake_draft.content(data)
    try:
        duplicate = await context.feedback.find_duplicate(citizen_of(user_of(update)), text) if text else None
    except Exception:
        return await _storage_failed(update, context)
    if duplicate is None:
        return await _submit(update, context)
    data["duplicate_of"] = duplicate
    text = texts.DUPLICATE.format(code=feedback_views.escape(duplicate))
    await chat.send_message(text, reply_markup=keyboards.duplicate(context.codes))
    return DUPLICATE


async def send_anyway(update: Update, context: BotContext) -> int:
    """The button «Vẫn gửi» after the duplicate warning: send."""
    await answered_query(update)
    return await _submit(update, context)


async def use_the_buttons(update: Update, context: BotContext) -> None:
    """Text where a button is expected."""
    await message_of(update).reply_text(texts.USE_THE_BUTTONS)


async def type_answer(update: Update, context: BotContext) -> None:
    """Not text where text is expected."""
    await message_of(update).reply_text(texts.PLEASE_TYPE)


async def files_not_now(update: Update, context: BotContext) -> None:
    """A photo or document outside the content step."""
    await message_of(update).reply_text(texts.ATTACHMENTS_ONLY_IN_CONTENT)


async def still_filing(update: Update, context: BotContext) -> int:
    """/phananh or the menu entry again while filing: the draft stays, and its current question comes again
    (the message with it may be far up the chat, or gone after a restart of `motcua chat`)."""
    if update.callback_query is not None:
        await answered_query(update)
    await chat_of(update).send_message(texts.STILL_FILING)
    step = intake_draft.current(context.scratch).get("step")
    return await _ask(update, context, step if step in _QUESTIONS else SUMMARY)


async def cancel(update: Update, context: BotContext) -> int:
    """/huy or "Huỷ" at any step: forget the answers."""
    if update.callback_query is not None:
        await answered_query(update)
    intake_draft.discard(context.scratch)
    await chat_of(update).send_message(texts.CANCELLED, reply_markup=keyboards.no_keyboard())
    return ConversationHandler.END


# --- keeping, sending, and what is not sent -------------------------------------------------


async def _add_content(
    update: Update, context: BotContext, text: str, attachment: intake_draft.StoredAttachment | None
) -> None:
    """Keep a piece of text and a file within the limits, and say how much there is so far."""
    message, data = message_of(update), intake_draft.current(context.scratch)
    limits, text = context.feedback.limits, text.strip()
    try:
        if text and content_length(intake_draft.content(data) + "\n\n" + text) > limits.content_max_chars:
            raise ContentRejected(ContentProblem.TOO_LONG, limits.content_max_chars)
        if attachment is not None:
            check_attachment(attachment["size"], len(data["attachments"]), limits)
    except (ContentRejected, AttachmentRejected) as error:
        await message.reply_text(feedback_views.rejection(error) + texts.NOT_ADDED)
        return
    directory = context.bot_data.attachments_dir
    if attachment is not None and directory is not None:
        attachment = await keep_copy(context.bot, attachment, directory)
    if text:
        data["texts"].append(text)
    if attachment is not None:
        data["attachments"].append(attachment)
    chars = content_length(intake_draft.content(data))
    received = texts.CONTENT_RECEIVED.format(chars=chars, files=len(data["attachments"]))
    await message.reply_text(received, reply_markup=keyboards.content_done(context.codes))


async def _submit(update: Update, context: BotContext) -> int:
    """Submit and wait for the commit; on failure say so, keep the draft and offer to retry."""
    chat, data = chat_of(update), intake_draft.current(context.scratch)
    try:
        receipt = await context.feedback.submit(intake_draft.to_draft(data, user_of(update), chat.id))
    except DailyCapReached as error:
        await chat.send_message(texts.DAILY_CAP.format(cap=error.cap))
        return await _ask(update, context, SUMMARY)
    except (ContentRejected, AttachmentRejected) as error:
        await chat.send_message(texts.CONTENT_REJECTED.format(problem=feedback_views.rejection(error)))
        return await _ask(update, context, SUMMARY)
    except IncompleteContact:
        await chat.send_message(texts.CONTACT_INCOMPLETE)
        return await _ask(update, context, SUMMARY)
    except UnknownUnit:
        data["unit_code"], data["unit_name"] = None, None
        await chat.send_message(texts.UNIT_GONE)
        return await _ask(update, context, SUMMARY)
    except Exception:
        return await _storage_failed(update, context)
    intake_draft.discard(context.scratch)
    answer_days = context.feedback.policy.answer_days
    await chat.send_message(feedback_views.receipt(receipt, data["type"], answer_days))
    return ConversationHandler.END


async def _storage_failed(update: Update, context: BotContext) -> int:
    """The database failed: the unit of work rolled back, nothing is stored, the draft is kept for a retry.

    «Thử lại» checks for a duplicate again, so a commit that did go through before its answer was lost
    is caught by the warning rather than stored twice.
    """
    log.exception("PAKN submission failed", extra={"chat_id": chat_of(update).id})
    await chat_of(update).send_message(texts.SUBMIT_FAILED, reply_markup=keyboards.retry(context.codes))
    return SUMMARY


async def _other_regime(update: Update, context: BotContext, regime: OtherRegime) -> int:
    """Khiếu nại or tố cáo: a different law and a different desk. Explain, and queue nothing."""
    intake_draft.discard(context.scratch)
    await chat_of(update).send_message(
        _OTHER_REGIMES[regime] + texts.OTHER_REGIME_FOOTER, reply_markup=keyboards.no_keyboard()
    )
    return ConversationHandler.END


# --- wiring ---------------------------------------------------------------------------------


def conversation(*, persistent: bool) -> ConversationHandler[BotContext]:
    """The whole intake flow in one place."""
    with warnings.catch_warnings():
        # Buttons are tracked per chat and user, not per message, on purpose: any "Xong" of the draft works.
        warnings.filterwarnings("ignore", message=r".*CallbackQueryHandler", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler("phananh", start),
                CallbackQueryHandler(start, pattern=menu_pattern(MENU_KEY)),
            ],
            states={
                TYPE: [
                    CallbackQueryHandler(choose_type, pattern=intake_pattern(PHAN_ANH, KIEN_NGHI)),
                    MessageHandler(_TEXT, type_typed),
                ],
                CONTENT: [
                    MessageHandler(_TEXT, content_text),
                    MessageHandler(_FILES, content_file),
                    CallbackQueryHandler(content_done, pattern=intake_pattern(DONE)),
                    MessageHandler(~filters.COMMAND & ~filters.StatusUpdate.ALL, content_other),
                ],
                PROCEDURE: [
                    MessageHandler(_TEXT, procedure_search),
                    CallbackQueryHandler(procedure_pick, pattern=pattern(PickProcedure)),
                    CallbackQueryHandler(procedure_skip, pattern=intake_pattern(SKIP)),
                ],
                UNIT: [
                    MessageHandler(_TEXT, unit_search),
                    CallbackQueryHandler(unit_pick, pattern=pattern(PickUnit)),
                    CallbackQueryHandler(unit_skip, pattern=intake_pattern(SKIP)),
                ],
                KNOWN_CONTACT: [
                    CallbackQueryHandler(reuse_contact, pattern=intake_pattern(REUSE_CONTACT)),
                    CallbackQueryHandler(new_contact, pattern=intake_pattern(NEW_CONTACT)),
                    MessageHandler(_TEXT, use_the_buttons),
                ],
                NAME: [MessageHandler(_TEXT, name)],
                CONTACT: [
                    MessageHandler(filters.CONTACT, contact_shared),
                    MessageHandler(_TEXT, contact_typed),
                ],
                ADDRESS: [MessageHandler(_TEXT, address)],
                SUMMARY: [
                    CallbackQueryHandler(confirm, pattern=intake_pattern(SEND)),
                    CallbackQueryHandler(send_anyway, pattern=intake_pattern(SEND_ANYWAY)),
                    CallbackQueryHandler(edit, pattern=intake_pattern(*_EDITS)),
                    MessageHandler(_TEXT, use_the_buttons),
                ],
                DUPLICATE: [
                    CallbackQueryHandler(send_anyway, pattern=intake_pattern(SEND_ANYWAY)),
                    MessageHandler(_TEXT, use_the_buttons),
                ],
            },
            fallbacks=[
                CommandHandler("huy", cancel),
                CallbackQueryHandler(cancel, pattern=intake_pattern(CANCEL)),
                CommandHandler("phananh", still_filing),
                CallbackQueryHandler(still_filing, pattern=menu_pattern(MENU_KEY)),
                MessageHandler(_FILES, files_not_now),
                MessageHandler(filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL, type_answer),
            ],
            name="feedback_intake",
            persistent=persistent,
        )


def add_handlers(application: BotApplication) -> None:
    """The conversation (persistent when the bot has a persistence), its menu entry and commands."""
    application.bot_data.menu.append(MenuEntry(MENU_KEY, texts.MENU_FEEDBACK))
    application.bot_data.commands.append(BotCommandEntry("phananh", texts.COMMAND_PHANANH))
    application.bot_data.commands.append(BotCommandEntry("huy", texts.COMMAND_HUY))
    application.add_handler(conversation(persistent=application.persistence is not None))
