"""`motcua chat --channel text`: the dialogue in a terminal, through the plain-text channel.

Each line typed is an event; what the product says comes back the way every channel gets it, through the
channel outbox and the delivery loop, so a notice queued meanwhile (an officer's answer, given on the web)
shows before the next answer. Choices are numbered: typing the number picks one. `/quit` or the end of
input (Ctrl+D, the end of piped input) leaves.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from typing import TextIO

from delivery.loop import DeliveryLoop
from dialogue.engine import Dialogue
from dialogue.events import Account, Inbound
from text_channel import texts
from text_channel.channel import CHANNEL, read_line
from text_channel.sender import TextSender

QUIT = "/quit"
TERMINAL_USER = "terminal"  # one person per database: their items and conversation outlive the session


def _read_lines(stream: TextIO, loop: asyncio.AbstractEventLoop, lines: asyncio.Queue[str | None]) -> None:
    """In a daemon thread: a blocked read of a terminal must never keep the process alive."""
    try:
        for line in iter(stream.readline, ""):
            loop.call_soon_threadsafe(lines.put_nowait, line)
    finally:
        loop.call_soon_threadsafe(lines.put_nowait, None)


class Terminal:
    def __init__(
        self, dialogue: Dialogue, delivery: DeliveryLoop, sender: TextSender, output: TextIO, user_id: str
    ) -> None:
        self._dialogue = dialogue
        self._delivery = delivery
        self._sender = sender
        self._output = output
        self._account = Account(CHANNEL, user_id, user_id)

    def line(self, text: str) -> None:
        print(text, file=self._output, flush=True)

    async def show_delivered(self) -> None:
        """Send what is due for this person and print it, each message under the product's prompt."""
        await self._delivery.drain()
        for text in self._sender.take(self._account.reply_to):
            self.line(texts.CHAT_BOT)
            self.line(text)
            self.line("")

    async def say(self, line: str) -> None:
        await self._dialogue.handle(Inbound(self._account, read_line(line)))
        await self.show_delivered()


async def run_terminal(
    dialogue: Dialogue,
    delivery: DeliveryLoop,
    sender: TextSender,
    *,
    input_stream: TextIO = sys.stdin,
    output: TextIO = sys.stdout,
    user_id: str = TERMINAL_USER,
) -> None:
    """Talk to the dialogue until /quit or the end of input; piped input works too. `delivery` must deliver
    the text channel's outbox through `sender` (it is drained here, not started)."""
    terminal = Terminal(dialogue, delivery, sender, output, user_id)
    interactive = input_stream.isatty()
    terminal.line(texts.CHAT_WELCOME)
    terminal.line("")
    await terminal.say("/start")
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    threading.Thread(target=_read_lines, args=(input_stream, asyncio.get_running_loop(), lines), daemon=True).start()
    while True:
        if interactive:
            print(texts.CHAT_PROMPT, end="", file=output, flush=True)
        line = await lines.get()
        await terminal.show_delivered()  # what came meanwhile
        if line is None or line.strip() == QUIT:
            break
        if line.strip():
            await terminal.say(line.strip())
    terminal.line(texts.CHAT_BYE)
