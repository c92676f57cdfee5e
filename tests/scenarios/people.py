"""A person on a channel, as the scenario suite drives them: the same few actions on every channel.

Each adapter turns an action into what its channel really carries (typed text for the plain-text channel, a
signed webhook event for Zalo, an update through the Bot API stand-in for Telegram) and reads back what the
channel really delivered, after the delivery loop sent it. A scenario never knows which channel it runs on;
a new channel joins the suite with one adapter here and one entry in `conftest.CHANNELS`.
"""

from __future__ import annotations

import asyncio
import itertools
import re
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.texts import BUTTON_SHARE_PHONE
from dialogue.events import Account, ContactShared, Event, FileKind, FileShared, Inbound, LocationShared
from motcua.conversations import Conversations
from stand_ins.telegram_bot_api import ChatMessage, Exchange, LocalChat, TelegramUser
from stand_ins.zalo_oa import LocalZaloOa
from stand_ins.zalo_user import ZaloUser
from storage.dialogue_models import OutboxRecord
from tests.e2e.dialogue_bot import DialogueBot
from text_channel.channel import read_line
from text_channel.sender import TextSender

_NUMBERED = re.compile(r"^(\d+)\. (.+)$", re.MULTILINE)
SETTLE_TIMEOUT = 15.0


@dataclass(frozen=True)
class Heard:
    """What the product sent after one action: its texts, plain, and the labels of the choices offered."""

    texts: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(self.texts)

    def __contains__(self, words: str) -> bool:
        return words in self.text


class Person(Protocol):
    channel: str
    user_id: str

    async def say(self, text: str) -> Heard: ...

    async def choose(self, label: str) -> Heard:
        """Pick the newest offered choice whose label contains `label`, the way this channel does it."""
        ...

    async def send_photo(self) -> Heard: ...

    async def send_location(self, latitude: float, longitude: float) -> Heard: ...

    async def share_contact(self, name: str, phone: str, address: str) -> Heard: ...

    async def notices(self) -> Heard:
        """What the product sent on its own since the last action (a notice about a PAKN)."""
        ...


async def settled(session_factory: async_sessionmaker[AsyncSession], channel: str, recipient: str) -> None:
    """Wait until nothing queued for `recipient` is still waiting to be sent."""
    statement = (
        select(func.count())
        .select_from(OutboxRecord)
        .where(OutboxRecord.channel == channel, OutboxRecord.recipient == recipient, OutboxRecord.state == "waiting")
    )
    for _ in range(int(SETTLE_TIMEOUT / 0.02)):
        async with session_factory() as session:
            if (await session.execute(statement)).scalar_one() == 0:
                return
        await asyncio.sleep(0.02)
    raise AssertionError(f"the outbox of {channel}:{recipient} did not empty in {SETTLE_TIMEOUT} s")


def numbered(texts: tuple[str, ...]) -> list[tuple[int, str]]:
    """The numbered choices of the last text that has any: [(1, "label"), …]."""
    for text in reversed(texts):
        found = [(int(number), label) for number, label in _NUMBERED.findall(text)]
        if found:
            return found
    return []


class PersonOnText:
    """The plain-text channel: a choice is picked by typing its number, as its rendering asks."""

    channel = "text"

    def __init__(
        self,
        conversations: Conversations,
        sender: TextSender,
        session_factory: async_sessionmaker[AsyncSession],
        user_id: str,
    ) -> None:
        self.conversations = conversations
        self.sender = sender
        self.session_factory = session_factory
        self.user_id = user_id
        self.last = Heard()
        self._ids = itertools.count(1)

    async def _act(self, event: Event) -> Heard:
        account = Account(self.channel, self.user_id, self.user_id)
        await self.conversations.handle(Inbound(account, event, event_id=f"{self.user_id}-{next(self._ids)}"))
        return await self._heard()

    async def _heard(self) -> Heard:
        await settled(self.session_factory, self.channel, self.user_id)
        texts = tuple(self.sender.take(self.user_id))
        self.last = Heard(texts, tuple(label for _, label in numbered(texts)))
        return self.last

    async def say(self, text: str) -> Heard:
        return await self._act(read_line(text))

    async def choose(self, label: str) -> Heard:
        for number, offered in numbered(self.last.texts):
            if label in offered:
                return await self.say(str(number))
        raise LookupError(f"no choice {label!r} in {self.last.labels}")

    async def send_photo(self) -> Heard:
        ref = f"photo-{self.user_id}-{next(self._ids)}"
        return await self._act(FileShared(FileKind.PHOTO, ref, unique_ref=ref, mime_type="image/jpeg", size=48_000))

    async def send_location(self, latitude: float, longitude: float) -> Heard:
        return await self._act(LocationShared(latitude, longitude))

    async def share_contact(self, name: str, phone: str, address: str) -> Heard:
        return await self._act(ContactShared(phone=phone, name=name, address=address, verified=True))

    async def notices(self) -> Heard:
        await self.conversations.relay_once()
        return await self._heard()


class PersonOnZalo:
    """Zalo: events are signed webhook posts; the OA's buttons are pressed, numbered lines typed."""

    channel = "zalo"

    def __init__(
        self,
        conversations: Conversations,
        oa: LocalZaloOa,
        user: ZaloUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        self.conversations = conversations
        self.oa = oa
        self.user = user
        self.user_id = user.user_id
        self.session_factory = session_factory
        self.last = Heard()
        self._seen = 0
        self._buttons: list[str] = []

    async def _after(self, status: int) -> Heard:
        for _ in range(20):  # as Zalo does: an event not answered 200 in time comes again (it acts once)
            if status != 503:
                break
            await asyncio.sleep(0.5)
            status = await self.user.resend_last()
        assert status == 200, f"the webhook answered {status}"
        return await self._heard()

    async def _heard(self) -> Heard:
        await settled(self.session_factory, self.channel, self.user_id)
        sent = self.oa.messages_to(self.user_id)[self._seen :]
        self._seen += len(sent)
        texts = tuple(message.text for message in sent)
        self._buttons = [button["title"] for message in sent for button in message.buttons]
        labels = tuple(self._buttons) + tuple(label for _, label in numbered(texts))
        self.last = Heard(texts, labels)
        return self.last

    async def say(self, text: str) -> Heard:
        return await self._after(await self.user.send_text(text))

    async def choose(self, label: str) -> Heard:
        for title in reversed(self._buttons):
            if label in title:
                return await self._after(await self.user.press(title))
        for number, offered in numbered(self.last.texts):
            if label in offered:
                return await self.say(str(number))
        raise LookupError(f"no choice {label!r} in {self.last.labels}")

    async def send_photo(self) -> Heard:
        url = f"https://photo-stal.zadn.vn/{self.user_id}/{self._seen}.jpg"
        return await self._after(await self.user.send_image(url))

    async def send_location(self, latitude: float, longitude: float) -> Heard:
        return await self._after(await self.user.send_location(str(latitude), str(longitude)))

    async def share_contact(self, name: str, phone: str, address: str) -> Heard:
        return await self._after(await self.user.submit_info(name=name, phone=phone, address=address))

    async def notices(self) -> Heard:
        await self.conversations.relay_once()
        return await self._heard()


class PersonOnTelegram:
    """Telegram: updates through the Bot API stand-in to the real python-telegram-bot Application, as `motcua
    serve` runs it; a choice is an inline button pressed on the message that offered it (numbered lines typed).

    What the person heard is every message the bot sent to their chat, or edited there (an answer that replaces
    the message whose button was pressed), each as it looks once the outbox is sent."""

    channel = "telegram"

    def __init__(self, bot: DialogueBot, user: TelegramUser, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self.bot = bot
        self.user = user
        self.user_id = str(user.id)
        self.session_factory = session_factory
        self.last = Heard()
        self._seen = len(bot.chat.api.calls)
        self._offered: list[ChatMessage] = []

    @property
    def chat(self) -> LocalChat:
        return self.bot.chat.other(self.user)

    async def _after(self, action: Awaitable[Exchange]) -> Heard:
        await action
        return await self._heard()

    async def _heard(self) -> Heard:
        await settled(self.session_factory, self.channel, self.user_id)
        calls = self.bot.chat.api.calls
        shown: dict[int, ChatMessage] = {}  # by message id, in the order first shown, each as it is now
        for call in calls[self._seen :]:
            message = call.message
            if call.ok and message is not None and message.from_bot and message.chat_id == self.user.id:
                shown[message.message_id] = message
        self._seen = len(calls)
        messages = list(shown.values())
        texts = tuple(message.text for message in messages)
        self._offered = [message for message in messages if message.buttons]
        buttons = tuple(button.text for message in self._offered for button in message.buttons)
        self.last = Heard(texts, buttons + tuple(label for _, label in numbered(texts)))
        return self.last

    async def say(self, text: str) -> Heard:
        return await self._after(self.chat.say(text))

    async def choose(self, label: str) -> Heard:
        messages = self.bot.chat.api.messages
        for offered in reversed(self._offered):
            now = messages[(offered.chat_id, offered.message_id)]  # the buttons as the chat shows them now
            for index, button in enumerate(now.buttons):
                if label in button.text and button.callback_data is not None:
                    return await self._after(self.chat.press(now, index))
        for number, offered in numbered(self.last.texts):
            if label in offered:
                return await self.say(str(number))
        raise LookupError(f"no choice {label!r} in {self.last.labels}")

    async def send_photo(self) -> Heard:
        return await self._after(self.chat.send_photo())

    async def send_location(self, latitude: float, longitude: float) -> Heard:
        return await self._after(self.chat.send_location(latitude, longitude))

    async def share_contact(self, name: str, phone: str, address: str) -> Heard:
        """The contact button under the input field when the bot shows it, else the person's own contact attached:
        Telegram sends the account's number, international without "+", and the account's name; no address."""
        international = "84" + phone.removeprefix("0")
        if any(button.request_contact for button in self.chat.keyboard):
            return await self._after(self.chat.tap(BUTTON_SHARE_PHONE, phone_number=international))
        return await self._after(self.chat.share_contact(international))

    async def notices(self) -> Heard:
        await self.bot.conversations.relay_once()
        return await self._heard()
