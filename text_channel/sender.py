"""The plain-text channel's `ChannelSender`: what delivery sends is rendered as text and kept per recipient,
for tests and for `motcua chat --channel text` to show."""

from __future__ import annotations

import itertools
from collections import defaultdict

from delivery.ports import ChannelLimits, Delivered, OutgoingMessage, SendOutcome
from text_channel.channel import CHANNEL
from text_channel.rendering import render

# Nothing to protect on the other side: the limits only keep a runaway loop from spinning.
LIMITS = ChannelLimits(per_second=1000.0, per_recipient_per_second=1000.0)


class TextSender:
    channel = CHANNEL
    limits = LIMITS

    def __init__(self) -> None:
        self.sent: defaultdict[str, list[str]] = defaultdict(list)  # recipient -> the texts, in order
        self.outbox_ids: list[int] = []  # every outbox row sent, in order
        self._ids = itertools.count(1)

    async def send(self, message: OutgoingMessage) -> SendOutcome:
        self.sent[message.recipient].append(render(message.reply))
        self.outbox_ids.append(message.id)
        return Delivered((str(next(self._ids)),))

    def take(self, recipient: str) -> list[str]:
        """What `recipient` was sent since the last take."""
        texts, self.sent[recipient] = self.sent[recipient], []
        return texts
