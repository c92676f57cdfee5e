"""Typing to the dialogue: a line becomes an event, the replies come back as text."""

from __future__ import annotations

from dialogue.engine import Dialogue
from dialogue.events import Account, Event, Inbound
from dialogue.typed_commands import read_typed
from text_channel.rendering import render

CHANNEL = "text"


def read_line(line: str) -> Event:
    """ "/tracuu 20261202.0001" is a command; anything else is words (a number picks a choice)."""
    return read_typed(line)


class TextChannel:
    def __init__(self, dialogue: Dialogue) -> None:
        self._dialogue = dialogue

    async def send(self, user_id: str, line: str, *, event_id: str | None = None) -> list[str]:
        """What the product answers to `line` from `user_id`, each reply rendered as text."""
        account = Account(CHANNEL, user_id, user_id)
        replies = await self._dialogue.handle(Inbound(account, read_line(line), event_id=event_id))
        return [render(reply) for reply in replies]
