"""Pacing on a clock of the test's own: sends spaced to the channel's overall and per-recipient limits, a
pause holding every send, a delay holding one recipient's."""

from __future__ import annotations

import asyncio
import itertools

from delivery.pacing import Pacer
from delivery.ports import ChannelLimits


class VirtualTime:
    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


def pacer(time: VirtualTime, per_second: float = 10.0, per_recipient: float = 1.0) -> Pacer:
    return Pacer(ChannelLimits(per_second, per_recipient), monotonic=time.monotonic, sleep=time.sleep)


async def test_sends_are_spaced_overall_and_per_recipient() -> None:
    time = VirtualTime()
    pace = pacer(time)
    slots: list[tuple[str, float]] = []
    for recipient in ["an", "binh", "an", "chi", "an", "binh"]:
        await pace.wait_turn(recipient)
        slots.append((recipient, time.now))
    moments = [moment for _, moment in slots]
    assert all(later - earlier >= 0.1 - 1e-9 for earlier, later in itertools.pairwise(moments))
    for person in ("an", "binh"):
        mine = [moment for who, moment in slots if who == person]
        assert all(later - earlier >= 1.0 - 1e-9 for earlier, later in itertools.pairwise(mine))


async def test_a_pause_holds_every_send_and_a_delay_only_that_recipients() -> None:
    time = VirtualTime()
    pace = pacer(time)
    await pace.wait_turn("an")
    pace.pause(5.0)
    assert pace.paused_for() == 5.0
    await pace.wait_turn("binh")
    assert time.now >= 5.0 and pace.paused_for() == 0.0
    pace.delay("chi", 3.0)
    start = time.now
    await pace.wait_turn("dung")
    assert time.now - start < 1.0
    await pace.wait_turn("chi")
    assert time.now - start >= 3.0


class LaggingTime(VirtualTime):
    """A busy event loop: every third sleep wakes 0.7 s late."""

    def __init__(self) -> None:
        super().__init__()
        self.sleeps = 0

    async def sleep(self, seconds: float) -> None:
        self.sleeps += 1
        await super().sleep(seconds + (0.7 if self.sleeps % 3 == 0 else 0.0))


async def test_late_wake_ups_never_add_up_to_more_than_the_limit_in_a_second() -> None:
    time = LaggingTime()
    pace = pacer(time, per_second=10.0, per_recipient=1.0)
    moments: list[float] = []

    async def send(recipient: str) -> None:
        await pace.wait_turn(recipient)
        moments.append(time.now)

    await asyncio.gather(*[send(f"r{n}") for n in range(60)])
    assert len(moments) == 60
    assert all(sum(1 for other in moments if start <= other < start + 1.0) <= 10 for start in moments)
