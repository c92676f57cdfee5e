"""Sending one outbox row to Telegram: `delivery.ports.ChannelSender` for the Telegram channel, over
python-telegram-bot's `Bot`.

A reply becomes Telegram messages: its text (Telegram HTML: the dialogue's light formatting is a subset of
it) cut into pieces of at most 4,096 characters at word breaks, then its photos and files when they are
Telegram's own; choices and links as an inline keyboard under the last message. A phone request is a reply
keyboard whose button shares the person's verified number, `end_request` takes such a keyboard away. A reply
that `replaces_origin` edits the message whose button was pressed, and is sent as a new message when that
message can no longer be edited.

The parts of a reply already sent are remembered by outbox row, so a retry goes on from the first part
Telegram did not take instead of repeating the others. What Telegram answers becomes the outcome delivery
acts on:
- 429 (flood control): RetryLater after its retry_after. Delivery already keeps to one message a second per
  chat, so a 429 for a private chat means the bot as a whole is over its limit: the whole channel waits. A
  group (negative id) has its own, lower limit: only that message waits;
- blocked by the person, a deactivated account, no such chat: Undeliverable;
- text Telegram cannot parse as HTML: sent again as plain text;
- a network failure or a timeout: RetryLater, backing off while it goes on;
- anything else Telegram refuses: RetryLater with a long delay, logged as an error: nothing is dropped.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError

from bot import texts
from bot.message_split import split_html
from delivery.ports import (
    ChannelLimits,
    Delivered,
    OutgoingMessage,
    RetryLater,
    SendOutcome,
    Undeliverable,
)
from dialogue.replies import Choice, Media, MediaKind, Reply, Request
from dialogue.rich_text import to_plain

log = logging.getLogger(__name__)

CHANNEL = "telegram"

# Telegram: about 30 messages a second per bot, one a second per chat. 25 leaves room for what the bot sends
# outside the outbox (answers to button presses) and for the clocks of two machines disagreeing.
LIMITS = ChannelLimits(per_second=25.0, per_recipient_per_second=1.0)

MAX_CAPTION = 1024
PART_SPACING = 1.0  # seconds between two messages of one reply to one chat (its per-chat limit)
LONG_WAIT = timedelta(minutes=30)
_BACKOFF_BASE = 1.0  # seconds; doubled for each network failure in a row
_BACKOFF_CAP = 30.0
_NEVER = ("chat not found", "user not found", "peer_id_invalid", "bot was kicked", "have no rights to send")
_NOT_EDITABLE = ("message to edit not found", "message can't be edited", "message is not modified")


@dataclass(frozen=True)
class _Part:
    """One Telegram message of a reply: a text piece or a file, and the markup it carries."""

    text: str = ""
    media: Media | None = None
    markup: Any = None  # InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None
    then_inline: InlineKeyboardMarkup | None = None  # added by an edit once sent (with a keyboard removal)


def inline_keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    rows = [
        [
            InlineKeyboardButton(button.label, callback_data=button.id)
            if isinstance(button, Choice)
            else InlineKeyboardButton(button.label, url=button.url)
            for button in row
        ]
        for row in reply.buttons
    ]
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(rows) if rows else None


def share_phone_keyboard() -> ReplyKeyboardMarkup:
    """Under the input field: Telegram sends the person's own number, already checked by Telegram."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(texts.BUTTON_SHARE_PHONE, request_contact=True)]], resize_keyboard=True, one_time_keyboard=True
    )


def render(reply: Reply) -> list[_Part]:
    """The messages a reply goes as, in order, with their markup."""
    inline = inline_keyboard(reply)
    control: ReplyKeyboardMarkup | ReplyKeyboardRemove | None = None
    if reply.request == Request.PHONE:
        control = share_phone_keyboard()
    elif reply.end_request:
        control = ReplyKeyboardRemove()
    parts: list[_Part] = [_Part(text=piece) for piece in split_html(reply.text)] if reply.text.strip() else []
    parts += [_Part(media=media) for media in reply.media if media.channel == CHANNEL]
    if not parts and inline is not None:
        parts = [_Part(text=texts.PICK_BELOW)]  # Telegram sends no buttons without a text
    if not parts and control is not None:
        parts = [_Part(text=texts.PHONE_KEYBOARD_HINT if reply.request == Request.PHONE else texts.NOTED)]
    if not parts:
        return []
    last = len(parts) - 1
    if inline is not None:
        parts[last] = replace(parts[last], markup=inline)
    if control is None:
        return parts
    if parts[0].markup is None:
        parts[0] = replace(parts[0], markup=control)
    elif isinstance(control, ReplyKeyboardRemove):
        # One message, and it carries choices: take the keyboard away with it, then put the choices on.
        parts[0] = replace(parts[0], markup=control, then_inline=inline)
    else:  # the phone keyboard cannot share a message with inline choices: it comes just after
        parts.append(_Part(text=texts.PHONE_KEYBOARD_HINT, markup=control))
    return parts


class TelegramSender:
    """Sends through `bot`, whose HTTP connection pool must hold the sends in flight at once (at the channel's
    pace, a few): PTB's default of one connection makes the others time out waiting for it."""

    channel = CHANNEL
    limits = LIMITS

    def __init__(self, bot: Bot, *, part_spacing: float = PART_SPACING) -> None:
        self._bot = bot
        self._part_spacing = part_spacing
        self._sent: dict[int, list[str]] = {}  # outbox row -> Telegram's ids of the parts already sent
        self._network_failures = 0
        self._last_failure = 0.0

    async def send(self, message: OutgoingMessage) -> SendOutcome:
        chat_id = int(message.recipient)
        parts = render(message.reply)
        if message.reply.replaces_origin and message.origin is not None and message.id not in self._sent:
            edited = await self._edit_origin(chat_id, int(message.origin), parts, message)
            if edited is not None:
                return edited
        sent = self._sent.setdefault(message.id, [])
        for index in range(len(sent), len(parts)):
            if index:
                await asyncio.sleep(self._part_spacing)
            try:
                sent.append(str(await self._send_part(chat_id, parts[index])))
            except TelegramError as error:
                return self._refused(message, error)
        self._network_failures = 0
        del self._sent[message.id]
        return Delivered(tuple(sent))

    async def _send_part(self, chat_id: int, part: _Part) -> int:
        if part.media is not None:
            caption = part.media.caption[:MAX_CAPTION] or None
            if part.media.kind == MediaKind.PHOTO:
                sent: Message = await self._bot.send_photo(
                    chat_id, part.media.ref, caption=caption, reply_markup=part.markup
                )
            else:
                sent = await self._bot.send_document(chat_id, part.media.ref, caption=caption, reply_markup=part.markup)
            return sent.message_id
        try:
            sent = await self._bot.send_message(chat_id, part.text, parse_mode=ParseMode.HTML, reply_markup=part.markup)
        except BadRequest as error:
            if "can't parse entities" not in error.message.lower():
                raise
            log.error("telegram could not read a reply's formatting; sending it as plain text", exc_info=error)
            sent = await self._bot.send_message(chat_id, to_plain(part.text), reply_markup=part.markup)
        if part.then_inline is not None:
            await self._bot.edit_message_reply_markup(chat_id, sent.message_id, reply_markup=part.then_inline)
        return sent.message_id

    async def _edit_origin(
        self, chat_id: int, origin: int, parts: list[_Part], message: OutgoingMessage
    ) -> SendOutcome | None:
        """The outcome of editing the pressed message in place; None to send new messages instead."""
        if (
            len(parts) != 1
            or parts[0].media is not None
            or not isinstance(parts[0].markup, InlineKeyboardMarkup | None)
        ):
            return None
        try:
            await self._bot.edit_message_text(
                parts[0].text,
                chat_id=chat_id,
                message_id=origin,
                parse_mode=ParseMode.HTML,
                reply_markup=parts[0].markup,
            )
        except BadRequest as error:
            reason = error.message.lower()
            if "message is not modified" in reason:
                return Delivered((str(origin),))
            if any(cause in reason for cause in _NOT_EDITABLE) or "can't parse entities" in reason:
                return None
            return self._refused(message, error)
        except TelegramError as error:
            return self._refused(message, error)
        return Delivered((str(origin),))

    def _refused(self, message: OutgoingMessage, error: TelegramError) -> SendOutcome:
        extra = {"outbox_id": message.id}
        if isinstance(error, RetryAfter):
            return RetryLater(_seconds(error), f"Telegram 429: {error}", whole_channel=int(message.recipient) > 0)
        if isinstance(error, Forbidden):
            self._sent.pop(message.id, None)
            return Undeliverable(f"Telegram: {error.message}")
        if isinstance(error, ChatMigrated):
            self._sent.pop(message.id, None)
            return Undeliverable(f"Telegram: the group moved to chat {error.new_chat_id}")
        if isinstance(error, BadRequest) and any(cause in error.message.lower() for cause in _NEVER):
            self._sent.pop(message.id, None)
            return Undeliverable(f"Telegram: {error.message}")
        if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
            return RetryLater(self._backoff(), f"Telegram unreachable: {error}", whole_channel=True)
        log.error("telegram refused a message; retrying later", extra={**extra, "error": str(error)})
        return RetryLater(LONG_WAIT.total_seconds(), f"Telegram: {error}")

    def _backoff(self) -> float:
        """Seconds to wait after a network failure: doubled for each second that failed in a row (the sends in
        flight when the network went fail together: they count once)."""
        now = time.monotonic()
        if now - self._last_failure >= 1.0:
            self._network_failures += 1
            self._last_failure = now
        return min(_BACKOFF_BASE * 2.0 ** (self._network_failures - 1), _BACKOFF_CAP)


def _seconds(error: RetryAfter) -> float:
    after = error.retry_after  # a timedelta: the package opts in to PTB_TIMEDELTA (bot/__init__.py)
    return after.total_seconds() if isinstance(after, timedelta) else float(after)
