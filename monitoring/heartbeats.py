"""The background loops' last runs, for /healthz: a loop that stopped running is seen, not guessed.

Each loop registers once with how often it runs (`register`), then reports every round: `beat()` after
a round that worked, `failed(error)` after one that did not. /healthz reports each loop's last run and
last error, and the instance as unhealthy when a loop has not completed a round for three of its periods.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]
LATE_AFTER_PERIODS = 3


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class LoopStatus:
    name: str
    every: timedelta
    started: datetime
    last_run: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None

    def late(self, now: datetime) -> bool:
        """No round completed for three periods (counted from start-up before the first one)."""
        return now - (self.last_run or self.started) > self.every * LATE_AFTER_PERIODS


class Heartbeat:
    """What one loop holds: its way to report to the registry."""

    def __init__(self, status: LoopStatus, clock: Clock) -> None:
        self._status = status
        self._clock = clock

    def beat(self) -> None:
        self._status.last_run = self._clock()

    def failed(self, error: BaseException | str) -> None:
        self._status.last_error = str(error)[:500] or type(error).__name__
        self._status.last_error_at = self._clock()


class Heartbeats:
    def __init__(self, clock: Clock = utc_now) -> None:
        self._clock = clock
        self._loops: dict[str, LoopStatus] = {}

    def register(self, name: str, every: timedelta) -> Heartbeat:
        status = LoopStatus(name=name, every=every, started=self._clock())
        self._loops[name] = status
        return Heartbeat(status, self._clock)

    def loops(self) -> list[LoopStatus]:
        return sorted(self._loops.values(), key=lambda loop: loop.name)

    def now(self) -> datetime:
        return self._clock()
