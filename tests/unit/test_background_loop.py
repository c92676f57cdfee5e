"""The one background-loop class every loop of `motcua serve` runs on: rounds every period or when woken, a
failed round logged and reported without ending the loop, and a stop that lets the round under way finish."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import timedelta

import pytest

from background.loop import BackgroundLoop
from monitoring.heartbeats import Heartbeats
from tests.manual_clock import Clock

GUARD = 10.0  # seconds a test waits for the loop before it fails (a guard, not a measure)
FOREVER = 3600.0  # a period no test waits out: a round after the first comes from a wake-up


async def until(condition: Callable[[], bool]) -> None:
    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0)

    await asyncio.wait_for(poll(), GUARD)


class Rounds:
    """A round that counts itself, and waits for `release` while `hold` is set."""

    def __init__(self) -> None:
        self.started = 0
        self.finished = 0
        self.cancelled = False
        self.hold = False
        self.release = asyncio.Event()

    async def __call__(self) -> None:
        self.started += 1
        if self.hold:
            try:
                await self.release.wait()
            except asyncio.CancelledError:
                self.cancelled = True
                raise
        self.finished += 1


async def test_a_stop_lets_the_round_under_way_finish_and_starts_no_other() -> None:
    rounds = Rounds()
    rounds.hold = True
    finished: list[str] = []

    async def finish() -> None:
        finished.append(f"after {rounds.finished} round")

    loop = BackgroundLoop("test", rounds, every=0, finish=finish)
    loop.start()
    await until(lambda: rounds.started == 1)
    stopping = asyncio.create_task(loop.stop())
    for _ in range(20):
        await asyncio.sleep(0)
    assert not stopping.done() and loop.stopping and rounds.finished == 0
    rounds.release.set()
    await stopping
    assert (rounds.started, rounds.finished, rounds.cancelled) == (1, 1, False)
    assert finished == ["after 1 round"] and not loop.running


async def test_a_round_that_does_not_end_in_time_is_cancelled_and_the_cost_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    rounds = Rounds()
    rounds.hold = True
    loop = BackgroundLoop("test", rounds, every=0, stop_timeout=0.01, late_stop="a message may go twice")
    loop.start()
    await until(lambda: rounds.started == 1)
    with caplog.at_level(logging.WARNING, logger="background.loop"):
        await loop.stop()
    assert rounds.cancelled and rounds.finished == 0
    assert [record.getMessage() for record in caplog.records] == [
        "test did not stop within 0.01 s; a message may go twice"
    ]


async def test_a_failed_round_is_logged_and_reported_and_the_next_one_beats_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    heartbeats = Heartbeats(clock)
    heartbeat = heartbeats.register("test", timedelta(minutes=1))
    (status,) = heartbeats.loops()
    started = clock()
    attempts = 0

    async def work() -> None:
        nonlocal attempts
        attempts += 1
        clock.advance(minutes=1)
        if attempts == 1:
            raise ConnectionError("cơ sở dữ liệu không trả lời")

    loop = BackgroundLoop("test", work, every=FOREVER, after_failure=0, heartbeat=heartbeat)
    with caplog.at_level(logging.ERROR, logger="background.loop"):
        loop.start()
        await until(lambda: status.last_error is not None)
        assert status.last_run is None  # the failed round did not count as one run
        await until(lambda: status.last_run is not None)
        await loop.stop()
    assert attempts == 2  # the retry after the failure, then the full period
    assert status.last_error == "cơ sở dữ liệu không trả lời"
    assert status.last_error_at == started + timedelta(minutes=1)
    assert status.last_run == started + timedelta(minutes=2)
    (record,) = caplog.records
    assert record.getMessage() == "test failed; trying again in 0 s" and record.exc_info is not None


async def test_a_wake_up_runs_a_round_before_the_period_ends() -> None:
    rounds = Rounds()
    loop = BackgroundLoop("test", rounds, every=FOREVER)
    loop.start()
    try:
        await until(lambda: rounds.finished == 1)
        loop.wake()
        await until(lambda: rounds.finished == 2)
    finally:
        await loop.stop()
    assert rounds.started == 2


async def test_a_wake_up_during_a_round_runs_the_next_one_after_it() -> None:
    rounds = Rounds()
    rounds.hold = True
    loop = BackgroundLoop("test", rounds, every=FOREVER)
    loop.start()
    try:
        await until(lambda: rounds.started == 1)
        loop.wake()  # something to do came up while the round was already past looking for it
        rounds.release.set()
        await until(lambda: rounds.finished == 2)
    finally:
        await loop.stop()


async def test_wake_ups_within_the_spacing_wait_for_it_and_are_served_by_one_round() -> None:
    rounds = Rounds()
    loop = BackgroundLoop("test", rounds, every=FOREVER, spacing=FOREVER)
    loop.start()
    try:
        await until(lambda: rounds.finished == 1)
        for _ in range(5):
            loop.wake()
            await asyncio.sleep(0.01)
        assert rounds.started == 1
    finally:
        await loop.stop()  # a stop does not wait the spacing out
    assert rounds.started == 1


async def test_a_wake_up_after_the_spacing_runs_a_round() -> None:
    rounds = Rounds()
    loop = BackgroundLoop("test", rounds, every=FOREVER, spacing=0.01)
    loop.start()
    try:
        await until(lambda: rounds.finished == 1)
        loop.wake()
        await until(lambda: rounds.finished == 2)
    finally:
        await loop.stop()
