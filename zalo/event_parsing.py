"""Zalo webhook events as the dialogue's `Inbound` events.

Shapes (OpenAPI v3 webhooks): `sender.id` is the person (the OA-scoped id replies go to), except in
`follow`/`unfollow` where it is `follower.id`; every id and the `timestamp` are strings. A message may carry
several attachments: each becomes its own event. A button press arrives as `user_send_text` carrying the
button's payload (`choice_payload`). What the OA sent itself (`oa_send_*`) and delivery receipts are not the
person's doing and are never answered (answering a receipt loops).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dialogue.events import (
    Account,
    Choose,
    ContactShared,
    Event,
    FileKind,
    FileShared,
    Followed,
    Inbound,
    LocationShared,
    Unsupported,
)
from dialogue.typed_commands import read_typed
from feedback.domain.contact import InvalidContact, normalise_phone
from zalo import choice_payload

CHANNEL = "zalo"

# Things a person sends that the dialogue cannot read, by event name: the kind it is told.
_UNSUPPORTED = {
    "user_send_sticker": "sticker",
    "user_send_gif": "gif",
    "user_send_audio": "audio",
    "user_send_video": "video",
    "user_send_link": "link",
    "user_send_business_card": "business_card",
}
_RECEIPTS = frozenset({"user_received_message", "user_seen_message"})


@dataclass(frozen=True)
class Ignored:
    """An event with nothing for the dialogue: why, for the log line."""

    reason: str


def parse_event(body: Mapping[str, Any]) -> list[Inbound] | Ignored:
    """The person's events in one signed webhook body, or why there are none."""
    name = body.get("event_name")
    if not isinstance(name, str):
        return Ignored("no event name")
    if name.startswith("oa_send_"):
        return Ignored("the OA's own message")
    if name in _RECEIPTS:
        return Ignored("receipt")
    if name == "unfollow":
        return Ignored("unfollow")
    user = _user_id(body, name)
    if user is None:
        return Ignored(f"{name} without a user id")
    account = Account(channel=CHANNEL, user_id=user, reply_to=user)
    sent = body.get("message")
    message: Mapping[str, Any] = sent if isinstance(sent, Mapping) else {}
    events = _events(name, message, body)
    if events is None:
        return Ignored(f"unknown event {name}")
    base_id = _string(message.get("msg_id")) or f"{name}:{_string(body.get('timestamp')) or ''}:{user}"
    return [
        Inbound(account=account, event=event, event_id=base_id if index == 0 else f"{base_id}:{index}")
        for index, event in enumerate(events)
    ]


def _user_id(body: Mapping[str, Any], name: str) -> str | None:
    holder = body.get("follower") if name == "follow" else body.get("sender")
    if not isinstance(holder, Mapping):
        return None
    return _string(holder.get("id"))


def _events(name: str, message: Mapping[str, Any], body: Mapping[str, Any]) -> list[Event] | None:
    text = _string(message.get("text")) or ""
    if name == "user_send_text":
        choice = choice_payload.chosen(text)
        return [Choose(choice)] if choice is not None else [read_typed(text)]
    if name == "follow":
        return [Followed()]
    if name == "user_submit_info":
        info = body.get("info")
        return [contact_shared(info if isinstance(info, Mapping) else {})]
    if name in _UNSUPPORTED:
        return [Unsupported(_UNSUPPORTED[name])]
    attachments = [attachment for attachment in _list(message.get("attachments")) if isinstance(attachment, Mapping)]
    if name == "user_send_image":
        return [_image(attachment, text) for attachment in attachments] or [Unsupported("image")]
    if name == "user_send_file":
        return [_file(attachment, text) for attachment in attachments] or [Unsupported("file")]
    if name == "user_send_location":
        return [_location(attachment, text) for attachment in attachments] or [Unsupported("location")]
    return None


def _image(attachment: Mapping[str, Any], caption: str) -> Event:
    payload = _mapping(attachment.get("payload"))
    url = _string(payload.get("url")) or _string(payload.get("thumbnail"))
    if url is None:
        return Unsupported("image")
    return FileShared(kind=FileKind.PHOTO, ref=url, caption=caption)


def _file(attachment: Mapping[str, Any], caption: str) -> Event:
    payload = _mapping(attachment.get("payload"))
    url = _string(payload.get("url"))
    if url is None:
        return Unsupported("file")
    name = _string(payload.get("name"))
    extension = _string(payload.get("type"))
    mime_type = mimetypes.guess_type(f"file.{extension}")[0] if extension else None
    if mime_type is None and name:
        mime_type = mimetypes.guess_type(name)[0]
    size = _string(payload.get("size"))
    return FileShared(
        kind=FileKind.DOCUMENT,
        ref=url,
        unique_ref=_string(payload.get("checksum")),
        name=name,
        mime_type=mime_type,
        size=int(size) if size is not None and size.isdigit() else None,
        caption=caption,
    )


def _location(attachment: Mapping[str, Any], title: str) -> Event:
    coordinates = _mapping(_mapping(attachment.get("payload")).get("coordinates"))
    try:
        latitude = float(coordinates["latitude"])
        longitude = float(coordinates["longitude"])
    except (KeyError, TypeError, ValueError):
        return Unsupported("location")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return Unsupported("location")
    return LocationShared(latitude=latitude, longitude=longitude, title=title or None)


def contact_shared(info: Mapping[str, Any]) -> ContactShared:
    """The details a person sent through Zalo's information form.

    Two shapes are in use: the newer `full_address: {user_address, user_ward, user_city}` (wards without
    districts, as local government has been since 2025) and the older flat `address, ward, district, city`.
    The phone comes as 84…; it is given in the national form when it is a Vietnamese number, and as sent
    otherwise, for the dialogue to check and explain. The person may edit the form before sending, so
    nothing in it is vouched for (`verified` stays False)."""
    phone = _string(info.get("phone"))
    if phone is not None:
        try:
            phone = normalise_phone(phone)
        except InvalidContact:
            phone = phone.strip() or None
    full = _mapping(info.get("full_address"))
    if full:
        parts = [full.get("user_address"), full.get("user_ward"), full.get("user_city")]
    else:
        parts = [info.get("address"), info.get("ward"), info.get("district"), info.get("city")]
    address = ", ".join(part.strip() for part in parts if isinstance(part, str) and part.strip())
    name = _string(info.get("name"))
    return ContactShared(phone=phone, name=name.strip() if name else None, address=address or None)


def _string(value: Any) -> str | None:
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
