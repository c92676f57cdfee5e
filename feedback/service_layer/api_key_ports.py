"""What the API key service needs from storage."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from feedback.domain.api_keys import ApiClient
from feedback.service_layer.transaction import Transaction


class ApiKeyRepository(Protocol):
    async def add(self, name: str, digest: str, at: datetime) -> ApiClient:
        """Raises DuplicateClient for a name in use (revoked clients keep theirs)."""
        ...

    async def by_digest(self, digest: str) -> ApiClient | None: ...

    async def by_name(self, name: str) -> ApiClient | None: ...

    async def list(self) -> list[ApiClient]: ...

    async def revoke(self, name: str, at: datetime) -> None: ...


class ApiKeyUnitOfWork(Transaction, Protocol):
    @property
    def api_keys(self) -> ApiKeyRepository: ...
