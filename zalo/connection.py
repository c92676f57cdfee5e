"""The OA connection as the database keeps it: the tokens, which OA, and when Zalo was last heard from.

One OA per installation. The refresh token can be used once: whoever renews stores the new pair in the same
transaction that marks the renewal done, so the pair never exists only in one process's memory for long.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from feedback.domain.access import Officer
from feedback.domain.officer_messages import OfficerMessage
from feedback.service_layer.scheduled_job_ports import JobLeases
from feedback.service_layer.transaction import Transaction


class NotConnected(Exception):
    """No access token that can be used now: never connected, disconnected, or renewal failing."""


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_at: datetime


@dataclass(frozen=True)
class ZaloConnection:
    oa_id: str | None = None
    oa_name: str | None = None
    access_token: str | None = None
    refresh_token: str | None = None
    expires_at: datetime | None = None
    connected_at: datetime | None = None
    renewed_at: datetime | None = None
    renewal_failures: int = 0
    renewal_error: str | None = None
    last_webhook_at: datetime | None = None

    @property
    def connected(self) -> bool:
        return self.access_token is not None and self.refresh_token is not None and self.expires_at is not None


class ZaloConnectionStore(Protocol):
    async def get(self) -> ZaloConnection | None: ...

    async def connect(self, tokens: TokenPair, *, oa_id: str, oa_name: str, at: datetime) -> None:
        """Store a new connection (an administrator's consent), replacing any other."""
        ...

    async def renewed(self, old_refresh_token: str, tokens: TokenPair, at: datetime) -> bool:
        """Replace the pair whose refresh token was `old_refresh_token`; False if it is no longer stored."""
        ...

    async def renewal_failed(self, old_refresh_token: str, error: str) -> int:
        """Count a failed renewal of that pair; how many in a row (0 if the pair is no longer stored)."""
        ...

    async def disconnect(self) -> bool:
        """Forget the tokens and the OA; whether there was a connection."""
        ...

    async def webhook_received(self, at: datetime) -> None: ...


class OfficerList(Protocol):
    async def list(self) -> list[Officer]: ...


class OfficerMessages(Protocol):
    async def add(self, officer: Officer, message: OfficerMessage, at: datetime) -> None: ...


class ZaloUnitOfWork(Transaction, Protocol):
    @property
    def zalo(self) -> ZaloConnectionStore: ...

    @property
    def leases(self) -> JobLeases: ...

    @property
    def officers(self) -> OfficerList: ...

    @property
    def officer_messages(self) -> OfficerMessages: ...
