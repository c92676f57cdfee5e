"""Who may use the officers' commands and buttons: a Telegram account linked to an active officer, in a
private chat. The desk answers who the user is; what they may do with an item it decides on every call.
"""

from __future__ import annotations

import logging

from telegram import Update

from bot import texts
from bot.context import BotContext
from bot.update_parts import message_of, user_of
from feedback.access import Officer

log = logging.getLogger(__name__)


async def officer_or_refusal(update: Update, context: BotContext) -> Officer | None:
    """The officer behind the update; None after telling a citizen (or a locked account) that it is not theirs.

    A refused button press is answered here with an alert; an accepted one is left for the handler to answer."""
    user = user_of(update)
    officer = await context.desk.officer_by_telegram(user.id)
    if officer is not None:
        return officer
    log.info("officers' command refused: no active officer", extra={"telegram_user_id": user.id})
    if update.callback_query is not None:
        await update.callback_query.answer(texts.OFFICERS_ONLY_BUTTON, show_alert=True)
    else:
        await message_of(update).reply_text(texts.OFFICERS_ONLY)
    return None


async def private_chat_only(update: Update, context: BotContext) -> None:
    """An officers' command in a group: personal data and decisions stay out of shared chats."""
    await message_of(update).reply_text(texts.PRIVATE_CHAT_ONLY)
