"""A Telegram update as the dialogue reads it: one `Inbound`, or None when it is not for the dialogue.

Only private chats reach the dialogue (a group is no place to file a PAKN or say one's phone). The
update's id is the event id, so an update Telegram delivers twice (a webhook retried) acts once; a
pressed button's message id is the origin, so the answer may replace that message.
"""

from __future__ import annotations

from pathlib import Path

from telegram import Chat, Message, MessageEntity, Update, User

from bot.attachments import download
from dialogue.events import (
    Account,
    Choose,
    Command,
    ContactShared,
    Event,
    FileKind,
    FileShared,
    Inbound,
    LocationShared,
    Text,
    Unsupported,
)

CHANNEL = "telegram"
PHOTO_MIME_TYPE = "image/jpeg"  # Telegram re-encodes every photo it stores as JPEG
# Messages a person sends that the dialogue cannot read. Animation comes first: a GIF arrives with a
# `document` too, and is not a file anyone files.
_UNSUPPORTED = ("animation", "sticker", "voice", "video", "video_note", "audio", "dice", "poll", "game", "story")


def account_of(user: User, chat: Chat) -> Account:
    return Account(CHANNEL, str(user.id), str(chat.id), display_name=user.first_name)


async def read_update(update: Update, *, attachments_dir: Path | None = None) -> Inbound | None:
    """The update as the dialogue's event; with `attachments_dir`, a copy of a photo or file is kept there."""
    event_id = str(update.update_id)
    query = update.callback_query
    if query is not None:
        pressed = query.message
        if query.data is None or pressed is None or pressed.chat.type != Chat.PRIVATE:
            return None
        return Inbound(
            account_of(query.from_user, pressed.chat),
            Choose(query.data),
            event_id=event_id,
            origin=str(pressed.message_id),
        )
    message = update.message
    if message is None or message.from_user is None or message.chat.type != Chat.PRIVATE:
        return None
    event = await _event_of(message, attachments_dir)
    if event is None:
        return None
    return Inbound(account_of(message.from_user, message.chat), event, event_id=event_id)


async def _event_of(message: Message, attachments_dir: Path | None) -> Event | None:
    if message.text is not None:
        return _command(message) or Text(message.text)
    for kind in _UNSUPPORTED:
        if getattr(message, kind, None) is not None:
            return Unsupported(kind)
    if message.photo or message.document is not None:
        return await _file(message, attachments_dir)
    if message.location is not None:
        title = message.venue.title if message.venue is not None else None
        return LocationShared(message.location.latitude, message.location.longitude, title=title)
    if message.contact is not None:
        contact = message.contact
        name = " ".join(part for part in (contact.first_name, contact.last_name) if part) or None
        sender = message.from_user
        verified = sender is not None and contact.user_id == sender.id
        return ContactShared(phone=contact.phone_number, name=name, verified=verified)
    return None  # a service message (a pin, a payment…): nothing the person said


def _command(message: Message) -> Command | None:
    """`/tracuu@motcua_bot 20261202.0001` → Command("tracuu", "20261202.0001"), when Telegram marked a command."""
    text = message.text or ""
    leading = next(
        (entity for entity in message.entities if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0),
        None,
    )
    if leading is None:
        return None
    word = message.parse_entity(leading)
    name = word[1:].split("@", 1)[0].lower()
    return Command(name, text[len(word) :].strip())


async def _file(message: Message, attachments_dir: Path | None) -> FileShared:
    caption = message.caption or ""
    if message.photo:
        largest = max(message.photo, key=lambda size: (size.width * size.height, size.file_size or 0))
        kind, file_id, unique_id = FileKind.PHOTO, largest.file_id, largest.file_unique_id
        name: str | None = None
        mime_type: str | None = PHOTO_MIME_TYPE
        size = largest.file_size
    else:
        document = message.document
        assert document is not None
        kind, file_id, unique_id = FileKind.DOCUMENT, document.file_id, document.file_unique_id
        name, mime_type, size = document.file_name, document.mime_type, document.file_size
    local_path = None
    if attachments_dir is not None:
        kept = await download(
            message.get_bot(), file_id, attachments_dir, unique_id=unique_id, name=name, mime_type=mime_type
        )
        local_path = str(kept) if kept is not None else None
    return FileShared(
        kind=kind,
        ref=file_id,
        unique_ref=unique_id,
        name=name,
        mime_type=mime_type,
        size=size,
        caption=caption,
        local_path=local_path,
    )
