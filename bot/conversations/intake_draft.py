"""The PAKN being filed, kept as plain JSON in user_data's scratch between the intake steps.

Only str, int, bool, lists and dicts go in: the conversation's persistence stores them as JSON, so
a citizen half-way through keeps every answer across a restart of the bot.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict, cast

from telegram import Message, User

from bot.context import citizen_of
from feedback.legal_type import FeedbackType
from feedback.model import Attachment, AttachmentKind, Contact, Draft

KEY = "intake"


class StoredAttachment(TypedDict):
    kind: str
    file_id: str
    file_unique_id: str | None
    file_name: str | None
    mime_type: str | None
    size: int | None
    local_path: NotRequired[str]  # where the bot keeps a copy, when it keeps one


class IntakeData(TypedDict):
    texts: list[str]
    attachments: list[StoredAttachment]
    type: NotRequired[str]
    procedure_code: NotRequired[str | None]
    procedure_name: NotRequired[str | None]
    unit_code: NotRequired[str | None]
    unit_name: NotRequired[str | None]
    name: NotRequired[str]
    phone: NotRequired[str | None]
    email: NotRequired[str | None]
    address: NotRequired[str]
    editing: NotRequired[bool]  # changing one field from the summary: the step goes back to it
    duplicate_of: NotRequired[str | None]
    step: NotRequired[int]  # the question last asked, to ask it again when the citizen comes back


def begin(scratch: dict[str, Any]) -> IntakeData:
    """A fresh draft, replacing anything left from an earlier attempt."""
    data: IntakeData = {"texts": [], "attachments": []}
    scratch[KEY] = data
    return data


def current(scratch: dict[str, Any]) -> IntakeData:
    if KEY not in scratch:
        return begin(scratch)
    return cast(IntakeData, scratch[KEY])


def discard(scratch: dict[str, Any]) -> None:
    scratch.pop(KEY, None)


def content(data: IntakeData) -> str:
    return "\n\n".join(data["texts"])


def attachment_of(message: Message) -> StoredAttachment | None:
    """The photo (its largest size) or document of a message, as the draft keeps it."""
    if message.photo:
        photo = message.photo[-1]
        return StoredAttachment(
            kind=str(AttachmentKind.PHOTO),
            file_id=photo.file_id,
            file_unique_id=photo.file_unique_id,
            file_name=None,
            mime_type="image/jpeg",
            size=photo.file_size,
        )
    if message.document:
        document = message.document
        return StoredAttachment(
            kind=str(AttachmentKind.DOCUMENT),
            file_id=document.file_id,
            file_unique_id=document.file_unique_id,
            file_name=document.file_name,
            mime_type=document.mime_type,
            size=document.file_size,
        )
    return None


def to_attachment(stored: StoredAttachment) -> Attachment:
    """The domain's Attachment for a file kept as JSON."""
    return Attachment(
        kind=AttachmentKind(stored["kind"]),
        file_id=stored["file_id"],
        file_unique_id=stored["file_unique_id"],
        file_name=stored["file_name"],
        mime_type=stored["mime_type"],
        size=stored["size"],
        local_path=stored.get("local_path"),
    )


def contact(data: IntakeData) -> Contact:
    return Contact(
        name=data.get("name", ""),
        address=data.get("address", ""),
        phone=data.get("phone"),
        email=data.get("email"),
    )


def use_contact(data: IntakeData, known: Contact) -> None:
    data["name"], data["address"] = known.name, known.address
    data["phone"], data["email"] = known.phone, known.email


def to_draft(data: IntakeData, user: User, chat_id: int) -> Draft:
    """The domain's Draft; notices go back to this private chat."""
    return Draft(
        type=FeedbackType(data["type"]),
        content=content(data),
        contact=contact(data),
        citizen=citizen_of(user),
        reply_to=str(chat_id),
        attachments=tuple(to_attachment(stored) for stored in data["attachments"]),
        procedure_code=data.get("procedure_code"),
        unit=data.get("unit_code"),
        repeat_of=data.get("duplicate_of"),
    )
