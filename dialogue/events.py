"""What a person did, as every channel reports it: plain values, no messenger types."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Account:
    """A person on a channel: who they are there, and where replies to them go."""

    channel: str  # "telegram", "zalo", "text"
    user_id: str  # the channel's id of the person (a Telegram user id, a Zalo user id)
    reply_to: str  # where replies go: a chat id (Telegram), the user id again (Zalo)
    display_name: str | None = None  # as the channel shows it, to greet them; never stored with an item


@dataclass(frozen=True)
class Text:
    """Words typed (or a Zalo button's payload that was not ours: it reads as typing)."""

    text: str


@dataclass(frozen=True)
class Command:
    """A slash command: "/phananh", "/tracuu 20261202.0001", "/start tthc_1-001193"."""

    name: str  # without the slash and the bot's name, lower case: "tracuu"
    argument: str = ""


@dataclass(frozen=True)
class Choose:
    """A choice pressed (or its number typed). The id is never trusted: the dialogue checks it again."""

    choice_id: str


class FileKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


@dataclass(frozen=True)
class FileShared:
    """A photo or document, known by the channel's own reference; a copy may already be kept locally."""

    kind: FileKind
    ref: str  # the channel's file id or URL
    unique_ref: str | None = None
    name: str | None = None
    mime_type: str | None = None
    size: int | None = None  # bytes, when the channel says
    caption: str = ""
    local_path: str | None = None  # where the channel kept a copy, when it keeps copies


@dataclass(frozen=True)
class LocationShared:
    """A place on the map: a flooded road, a broken street light."""

    latitude: float
    longitude: float
    title: str | None = None  # the place's name, when the channel gives one


@dataclass(frozen=True)
class ContactShared:
    """Details the person shared with a channel control (Telegram's phone button, Zalo's info form).

    `verified` is True when the channel vouches that the phone is the person's own."""

    phone: str | None = None
    name: str | None = None
    address: str | None = None
    verified: bool = False


@dataclass(frozen=True)
class Unsupported:
    """A sticker, a voice message, a video…: something the dialogue cannot read."""

    kind: str


@dataclass(frozen=True)
class Followed:
    """The person started following the account (Zalo's follow, Telegram's first /start is a Command)."""


Event = Text | Command | Choose | FileShared | LocationShared | ContactShared | Unsupported | Followed


@dataclass(frozen=True)
class Inbound:
    """One event from one account. `event_id` is the channel's update or message id: the same id twice acts
    once. `origin` is the channel's id of the message a choice was pressed on, so a reply may replace it."""

    account: Account
    event: Event
    event_id: str | None = None
    origin: str | None = None
