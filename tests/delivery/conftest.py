"""Delivery on a real database (SQLite and PostgreSQL): rows queued as the dialogue queues them, a loop
sending them through a sender the test scripts."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from delivery.ports import ChannelLimits, Delivered, OutgoingMessage, SendOutcome
from dialogue.ports import NewMessage
from dialogue.replies import Reply
from storage.channel_outbox import SqlOutboxStore

WAIT = 30.0  # seconds a test waits for delivery before it fails


async def eventually(condition: Callable[[], bool], *, timeout: float = WAIT) -> None:
    """Until `condition()` holds; fails the test after `timeout` seconds (a guard, not a measure)."""

    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), timeout)


@dataclass
class ScriptedSender:
    """A channel whose answers the test writes: `script[text]` is what the next attempts at the message with
    that text get (an outcome, or an exception to raise); after that, Delivered."""

    channel: str = "text"
    limits: ChannelLimits = field(default_factory=lambda: ChannelLimits(500.0, 100.0))
    script: dict[str, list[SendOutcome | Exception]] = field(default_factory=dict)
    attempts: list[tuple[str, str]] = field(default_factory=list)  # (recipient, text), every attempt
    delivered: list[tuple[str, str]] = field(default_factory=list)

    async def send(self, message: OutgoingMessage) -> SendOutcome:
        text = message.reply.text
        self.attempts.append((message.recipient, text))
        planned = self.script.get(text)
        outcome: SendOutcome | Exception = planned.pop(0) if planned else Delivered((f"id-{message.id}",))
        if isinstance(outcome, Exception):
            raise outcome
        if isinstance(outcome, Delivered):
            self.delivered.append((message.recipient, text))
        return outcome

    def heard(self, recipient: str) -> list[str]:
        return [text for who, text in self.delivered if who == recipient]


@pytest.fixture
def store(session_factory) -> SqlOutboxStore:
    return SqlOutboxStore(session_factory)


@pytest.fixture
def queue(uow_factory):
    async def queue(*messages: tuple[str, str], channel: str = "text") -> None:
        """(recipient, text) rows, queued in this order in one transaction."""
        async with uow_factory() as uow:
            await uow.outbox.add([NewMessage(channel, recipient, Reply(text)) for recipient, text in messages])
            await uow.commit()

    return queue
