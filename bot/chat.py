"""`motcua chat`: the real bot in a terminal, without a Telegram token.

The real Application runs against the local Bot API stand-in; each line typed is sent to it as
a message and the bot's answers are printed as plain text, buttons as numbered choices:

    [1] 1. Đăng ký khai sinh
    [2] Xem thêm ▶

Typing `#1` presses button 1 of the latest message that has buttons; `/quit` or end of input
(Ctrl+D, or the end of piped input) leaves. A reply keyboard (the PAKN contact button) is shown
under its message as `⌨ label`; typing the phone number does what the button would.

The dialogue answers as `motcua serve` runs it (PAKN too, when the services have it); notices sent between
two lines typed (an officer's action) are printed before the next answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import re
import sys
import threading
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol, TextIO

from bot import texts
from bot.application import build_application
from bot.inbound import CHANNEL
from bot.telegram_sender import TelegramSender
from delivery.ports import ChannelSender, OutboxStore
from dialogue.events import Inbound
from stand_ins.telegram_bot_api import Button, ChatMessage, Exchange, LocalBotApi, LocalChat

CHAT_TOKEN = "0:local-chat"  # the stand-in accepts any token; nothing reaches Telegram
QUIT = "/quit"
_PRESS = re.compile(r"^#\s*(\d+)$")


class ChatRuntime(Protocol):
    """The conversations as `motcua serve` runs them (motcua.conversations): the dialogue, a delivery loop per
    channel added, the relay of notices."""

    async def handle(self, inbound: Inbound) -> object: ...

    def add_channel(self, sender: ChannelSender) -> None: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


async def until_sent(outbox: OutboxStore, channel: str = CHANNEL) -> None:
    """Until nothing of `channel` is left to send now: each answer shown before the next line is read."""
    while (await outbox.counts(channel, now=datetime.now(UTC))).due:
        await asyncio.sleep(0.01)


@contextlib.asynccontextmanager
async def _running(conversations: ChatRuntime, application: Any) -> AsyncIterator[None]:
    """The Telegram delivery loop on the running application's bot, for as long as the chat lasts."""
    conversations.add_channel(TelegramSender(application.bot))
    await conversations.start()
    try:
        yield
    finally:
        await conversations.stop()


def readable(message: ChatMessage) -> str:
    """The message as a client shows it, links spelled out: "Xem (https://…)"."""
    units = message.text.encode("utf-16-le")
    insertions: list[tuple[int, str]] = []
    for entity in message.entities:
        if entity.type == "text_link" and entity.url:
            end = entity.offset + entity.length
            shown = units[entity.offset * 2 : end * 2].decode("utf-16-le")
            if shown != entity.url:
                insertions.append((end, f" ({entity.url})"))
    for end, text in sorted(insertions, reverse=True):
        units = units[: end * 2] + text.encode("utf-16-le") + units[end * 2 :]
    return units.decode("utf-16-le")


class Transcript:
    """Prints the bot's side of the conversation and remembers the buttons on screen."""

    def __init__(self, output: TextIO) -> None:
        self._output = output
        self.buttons: list[Button] = []
        self.buttons_message: ChatMessage | None = None

    def line(self, text: str) -> None:
        print(text, file=self._output, flush=True)

    def _message(self, heading: str, message: ChatMessage) -> None:
        self.line(heading)
        self.line(readable(message))
        buttons = message.buttons
        for number, button in enumerate(buttons, start=1):
            suffix = " ↗" if button.url else ""
            self.line(f"  [{number}] {button.text}{suffix}")
        for key in message.keyboard:
            self.line(
                texts.CHAT_KEYBOARD.format(label=key.text) + (texts.CHAT_CONTACT_KEY if key.request_contact else "")
            )
        if buttons:
            self.buttons, self.buttons_message = buttons, message
        elif self.buttons_message is not None and self.buttons_message.message_id == message.message_id:
            self.buttons, self.buttons_message = [], None
        self.line("")

    def show(self, exchange: Exchange) -> None:
        for call in exchange.calls:
            if not call.ok:
                self.line(texts.CHAT_BOT_ERROR.format(error=call.error))
            elif call.method == "sendMessage" and call.message is not None:
                self._message(texts.CHAT_BOT, call.message)
            elif call.method.startswith("editMessage") and call.message is not None:
                self._message(texts.CHAT_EDITED, call.message)
            elif call.method == "answerCallbackQuery" and call.params.get("text"):
                self.line(texts.CHAT_NOTICE.format(text=call.params["text"]))


def _read_lines(stream: TextIO, loop: asyncio.AbstractEventLoop, lines: asyncio.Queue[str | None]) -> None:
    """In a daemon thread: a blocked read of a terminal must never keep the process alive."""
    try:
        for line in iter(stream.readline, ""):
            loop.call_soon_threadsafe(lines.put_nowait, line)
    finally:
        loop.call_soon_threadsafe(lines.put_nowait, None)


async def _turn(chat: LocalChat, transcript: Transcript, line: str) -> None:
    """One line typed: a button press (#N) or a message."""
    press = _PRESS.match(line)
    if press is None:
        transcript.show(await chat.say(line))
        return
    number = int(press.group(1))
    if not transcript.buttons or transcript.buttons_message is None:
        transcript.line(texts.CHAT_NO_BUTTONS)
        return
    if not 1 <= number <= len(transcript.buttons):
        transcript.line(texts.CHAT_NO_SUCH_BUTTON.format(number=number, count=len(transcript.buttons)))
        return
    button = transcript.buttons[number - 1]
    if button.url is not None:
        transcript.line(texts.CHAT_LINK.format(url=button.url))
        return
    transcript.show(await chat.press(transcript.buttons_message, number - 1))


async def run_chat(
    conversations: ChatRuntime,
    outbox: OutboxStore,
    *,
    commands: Sequence[tuple[str, str]] = (),
    input_stream: TextIO = sys.stdin,
    output: TextIO = sys.stdout,
) -> None:
    """Chat with the real bot until /quit or end of input; works with piped input too. The `conversations` are
    run as `motcua serve` runs them: the dialogue answers, and each answer is shown once the Telegram delivery
    loop has sent it (read from `outbox`)."""
    interactive = input_stream.isatty()
    transcript = Transcript(output)
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    async with LocalBotApi() as api:
        application = build_application(
            token=CHAT_TOKEN,
            base_url=api.base_url,
            base_file_url=api.base_file_url,
            dialogue=conversations,
            commands=commands,
        )
        settle = functools.partial(until_sent, outbox)
        async with LocalChat.open(api, application, settle=settle) as chat, _running(conversations, application):
            transcript.line(texts.CHAT_WELCOME)
            transcript.line("")
            transcript.show(await chat.say("/start"))
            reader = threading.Thread(
                target=_read_lines, args=(input_stream, asyncio.get_running_loop(), lines), daemon=True
            )
            reader.start()
            seen = len(api.calls)
            while True:
                if interactive:
                    print(texts.CHAT_PROMPT, end="", file=output, flush=True)
                line = await lines.get()
                transcript.show(Exchange([call for call in api.calls[seen:] if call.method != "getUpdates"]))
                if line is None or line.strip() == QUIT:
                    break
                if line.strip():
                    await _turn(chat, transcript, line.strip())
                seen = len(api.calls)
    transcript.line(texts.CHAT_BYE)
