"""What the officers' web keeps between requests (sessions, failed logins), as the storage must provide it.

Kept in the database, not in one process, so that any number of instances behind a load balancer share
them and a restart logs nobody out. `storage.unit_of_work.SqlUnitOfWork` provides both repositories.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from feedback.service_layer.transaction import Transaction


@dataclass(frozen=True)
class StoredSession:
    """A session as stored: under the SHA-256 digest of its id, never the id itself."""

    digest: str
    username: str
    csrf_token: str
    started_at: datetime
    last_seen: datetime
    flash: tuple[tuple[str, str], ...] = ()


class SessionRecords(Protocol):
    async def add(self, session: StoredSession) -> None: ...

    async def get(self, digest: str) -> StoredSession | None: ...

    async def touch(self, digest: str, last_seen: datetime) -> None: ...

    async def set_flash(self, digest: str, flash: tuple[tuple[str, str], ...]) -> None: ...

    async def delete(self, digest: str) -> None: ...

    async def delete_expired(self, *, idle_before: datetime, started_before: datetime) -> int:
        """Sessions idle since before `idle_before` or started before `started_before`; how many."""
        ...


class LoginFailureRecords(Protocol):
    async def add(self, keys: list[str], at: datetime) -> None: ...

    async def since(self, key: str, since: datetime) -> list[datetime]:
        """The failures of `key` after `since`, oldest first."""
        ...

    async def clear(self, key: str) -> None: ...

    async def delete_before(self, before: datetime) -> int: ...


class WebStateUnitOfWork(Transaction, Protocol):
    @property
    def web_sessions(self) -> SessionRecords: ...

    @property
    def login_failures(self) -> LoginFailureRecords: ...
