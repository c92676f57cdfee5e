"""The web's counted attempts (wrong PINs, filings per client), in memory: storage/web_attempts.py in SQL."""

from __future__ import annotations

from datetime import datetime

from feedback.service_layer.web_attempts import AttemptKind, RecentAttempts
from tests.fakes.database import AttemptRow, FakeSession


class FakeWebAttempts:
    def __init__(self, session: FakeSession) -> None:
        self._session = session

    async def recent(
        self, kind: AttemptKind, since: datetime, *, code: str | None = None, client: str | None = None
    ) -> RecentAttempts:
        times = [
            row.at
            for row in self._session.web_attempts.values()
            if row.kind == kind
            and row.at >= since
            and (code is None or row.code == code)
            and (client is None or row.client == client)
        ]
        return RecentAttempts(len(times), min(times, default=None))

    async def add(self, kind: AttemptKind, at: datetime, *, client: str, code: str | None = None) -> None:
        self._session.web_attempts.put(self._session.database.next_id(), AttemptRow(kind, client, code, at))

    async def forget(self, kind: AttemptKind, *, code: str) -> None:
        for key, row in list(self._session.web_attempts.items()):
            if row.kind == kind and row.code == code:
                self._session.web_attempts.put(key, AttemptRow(row.kind, row.client, None, row.at))
