"""What the web portal counts against abuse, as a port: wrong PINs per item and per client, filings per client.

A client is a digest of the address a request came from (never the address itself). The counts live in the
database (storage/web_attempts.py), so that several web instances behind one address share them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class AttemptKind(StrEnum):
    PIN_FAILURE = "pin_failure"
    FILING = "filing"


@dataclass(frozen=True)
class RecentAttempts:
    count: int
    oldest: datetime | None  # when the window frees up again: the oldest counted attempt plus the window


class AttemptLog(Protocol):
    async def recent(
        self, kind: AttemptKind, since: datetime, *, code: str | None = None, client: str | None = None
    ) -> RecentAttempts: ...

    async def add(self, kind: AttemptKind, at: datetime, *, client: str, code: str | None = None) -> None: ...

    async def forget(self, kind: AttemptKind, *, code: str) -> None:
        """Drop the attempts counted against the item (its PIN was replaced); those per client stay."""
        ...
