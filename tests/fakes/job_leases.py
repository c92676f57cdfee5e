"""The scheduled jobs' leases in memory (what storage/job_lease.py does in SQL)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from tests.fakes.database import FakeSession, LeaseRow

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class FakeJobLeases:
    def __init__(self, session: FakeSession) -> None:
        self._session = session

    async def claim(self, job: str, run_key: str, holder: str, *, at: datetime, expires_at: datetime) -> bool:
        row = self._session.leases.get((job, run_key))
        if row is not None and (row.done_at is not None or row.expires_at >= at):
            return False  # done, or held by someone (the claimer too) until it expires
        self._session.leases.put((job, run_key), LeaseRow(holder, expires_at))
        return True

    async def is_done(self, job: str, run_key: str) -> bool:
        row = self._session.leases.get((job, run_key))
        return row is not None and row.done_at is not None

    async def complete(self, job: str, run_key: str, holder: str, *, at: datetime) -> bool:
        row = self._session.leases.get((job, run_key))
        if row is None or row.holder != holder or row.done_at is not None:
            return False
        self._session.leases.put((job, run_key), dataclasses.replace(row, done_at=at))
        return True

    async def release(self, job: str, run_key: str, holder: str) -> None:
        """Expire the lease at once, so the next attempt need not wait."""
        row = self._session.leases.get((job, run_key))
        if row is not None and row.holder == holder and row.done_at is None:
            self._session.leases.put((job, run_key), dataclasses.replace(row, expires_at=_EPOCH))
