"""The delivery loops of the channels that are on, as `motcua serve` and `motcua chat` run them.

One `DeliveryLoop` per channel sender, on one outbox store. The channel adapters call `nudge(channel)` when
the dialogue has answered (so replies go at once rather than at the next poll; Zalo's notices kept outside
the consultation window too, which the dialogue queues again when the person writes). Each loop reports to
/healthz as `<channel>_delivery`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery.loop import POLL_EVERY, DeliveryLoop
from delivery.ports import ChannelSender
from monitoring.heartbeats import Heartbeats
from storage.channel_outbox import SqlOutboxStore


class Deliveries:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        senders: Sequence[ChannelSender],
        *,
        heartbeats: Heartbeats | None = None,
        poll_every: float = POLL_EVERY,
    ) -> None:
        self.store = SqlOutboxStore(session_factory)
        self.loops = {
            sender.channel: DeliveryLoop(
                self.store,
                sender,
                poll_every=poll_every,
                heartbeat=heartbeats.register(f"{sender.channel}_delivery", timedelta(seconds=poll_every))
                if heartbeats is not None
                else None,
            )
            for sender in senders
        }

    def start(self) -> None:
        for loop in self.loops.values():
            loop.start()

    async def stop(self) -> None:
        for loop in self.loops.values():
            await loop.stop()

    def nudge(self, channel: str) -> None:
        """Something was queued for `channel`: its loop looks at once (other instances' loops at their poll)."""
        loop = self.loops.get(channel)
        if loop is not None:
            loop.nudge()
