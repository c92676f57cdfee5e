"""A clock the tests move by hand, for the services that take a `clock` callable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

# Monday 23/11/2026, 08:00 in Hà Nội.
MONDAY_MORNING = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime = MONDAY_MORNING) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
