"""What the product says back, as every channel renders it.

A reply is text with light formatting (`dialogue.rich_text`) and, optionally, choices in rows. Telegram
shows choices as inline buttons; Zalo as template buttons (at most five) or numbered lines; the plain-text
channel as numbered lines ("gõ 1, 2, 3"). Whatever the rendering, typing a choice's number picks it: the
dialogue remembers the choices it offered last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

MAX_CHOICE_ID_BYTES = 64  # Telegram's callback data limit: every channel's ids fit in it


@dataclass(frozen=True)
class Choice:
    """A button: a stable ASCII id the dialogue understands, and the label people read."""

    id: str
    label: str

    def __post_init__(self) -> None:
        if not self.id.isascii() or len(self.id.encode()) > MAX_CHOICE_ID_BYTES:
            raise ValueError(f"choice id {self.id!r} must be ASCII and at most {MAX_CHOICE_ID_BYTES} bytes")


@dataclass(frozen=True)
class Link:
    """A button that opens an address (a share link, the procedure on the national portal)."""

    label: str
    url: str


Button = Choice | Link


class Request(StrEnum):
    """A channel control the reply asks the person to use, where the channel has one."""

    PHONE = "phone"  # Telegram: a keyboard button sending the verified number; Zalo: the info form


class MediaKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


@dataclass(frozen=True)
class Media:
    """A file to show (a citizen's photo, to the officer), by the channel reference it arrived with.

    A channel sends it only when `channel` is its own (file ids mean nothing elsewhere); otherwise the
    text says where to see it."""

    kind: MediaKind
    channel: str
    ref: str
    caption: str = ""


@dataclass(frozen=True)
class Reply:
    text: str  # light formatting: see dialogue.rich_text
    buttons: tuple[tuple[Button, ...], ...] = ()  # rows
    request: Request | None = None
    end_request: bool = False  # take away the control of an earlier request (Telegram's reply keyboard)
    replaces_origin: bool = False  # edit the message whose button was pressed, where the channel can
    media: tuple[Media, ...] = field(default=())
    # A one-time secret (a PIN): the outbox keeps the text only until the channel has taken it or given up.
    secret: bool = False

    @property
    def choices(self) -> tuple[Choice, ...]:
        """The choices in reading order: the numbers a channel without buttons shows, from 1."""
        return tuple(button for row in self.buttons for button in row if isinstance(button, Choice))
