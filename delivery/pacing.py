"""Keeping to a channel's limits: sends spaced evenly overall, and to each recipient.

Each send takes the next free slot: one every 1/rate seconds overall, one every 1/rate_per_recipient seconds
to one recipient. Even spacing rather than a bucket that lets a burst through: Telegram counts messages
per second, and a burst of 30 at the top of a second followed by 30 more is what draws its 429s. A guard
counts the sends of the last second as they happen, so that late wake-ups never add up to a burst.
The clock and the sleep are given, so tests can run it on a clock of their own.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

from delivery.ports import ChannelLimits

Monotonic = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

_FORGET_AFTER = 4096  # recipients remembered before the ones with no future slot are dropped


class Pacer:
    def __init__(
        self, limits: ChannelLimits, *, monotonic: Monotonic = time.monotonic, sleep: Sleep = asyncio.sleep
    ) -> None:
        self._spacing = 1.0 / limits.per_second
        self._per_second = limits.per_second
        self._recent: deque[float] = deque()  # when the sends of the last second went
        self._recipient_spacing = 1.0 / limits.per_recipient_per_second
        self._monotonic = monotonic
        self._sleep = sleep
        self._next = 0.0  # the next free slot overall
        self._next_for: dict[str, float] = {}  # the next free slot per recipient
        self._paused_until = 0.0

    async def wait_turn(self, recipient: str) -> None:
        """Until `recipient` may be sent to, and then until the channel may send: the slot is taken."""
        now = self._monotonic()
        mine = self._next_for.get(recipient, 0.0)
        if mine > now:
            await self._sleep(mine - now)
        now = self._monotonic()
        slot = max(now, self._next, self._paused_until)
        self._next = slot + self._spacing
        self._next_for[recipient] = slot + self._recipient_spacing
        if len(self._next_for) > _FORGET_AFTER:
            self._forget(now)
        if slot > now:
            await self._sleep(slot - now)
        await self._within_the_last_second()

    async def _within_the_last_second(self) -> None:
        """Never more than `per_second` sends in any second, counted when they happen: a busy event loop
        wakes late sleepers together, and slots that were spaced would otherwise go as one burst."""
        while True:
            now = self._monotonic()
            while self._recent and self._recent[0] <= now - 1.0:
                self._recent.popleft()
            if len(self._recent) < self._per_second:
                self._recent.append(now)
                return
            await self._sleep(self._recent[0] + 1.0 - now)

    def pause(self, seconds: float) -> None:
        """The channel was told to wait (a bot-wide 429): no slot before then."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)

    def delay(self, recipient: str, seconds: float) -> None:
        """This recipient was told to wait: their next slot not before then."""
        until = self._monotonic() + seconds
        self._next_for[recipient] = max(self._next_for.get(recipient, 0.0), until)

    def paused_for(self) -> float:
        """Seconds the channel stays paused (0 when it is not)."""
        return max(0.0, self._paused_until - self._monotonic())

    def _forget(self, now: float) -> None:
        self._next_for = {recipient: slot for recipient, slot in self._next_for.items() if slot > now}
