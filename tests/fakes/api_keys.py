"""The Open311 clients' API keys in memory (what storage/api_keys.py does in SQL)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from feedback.domain.api_keys import ApiClient, DuplicateClient
from tests.fakes.database import ApiKeyRow, FakeSession


class FakeApiKeyRepository:
    def __init__(self, session: FakeSession) -> None:
        self._session = session

    async def add(self, name: str, digest: str, at: datetime) -> ApiClient:
        if name in self._session.api_keys:
            raise DuplicateClient(name)
        client = ApiClient(id=self._session.database.next_id(), name=name, created_at=at)
        self._session.api_keys.put(name, ApiKeyRow(client, digest))
        return client

    async def by_digest(self, digest: str) -> ApiClient | None:
        found = [row.client for row in self._session.api_keys.values() if row.digest == digest]
        return found[0] if found else None

    async def by_name(self, name: str) -> ApiClient | None:
        row = self._session.api_keys.get(name)
        return row.client if row is not None else None

    async def list(self) -> list[ApiClient]:
        return sorted((row.client for row in self._session.api_keys.values()), key=lambda client: client.name)

    async def revoke(self, name: str, at: datetime) -> None:
        row = self._session.api_keys.get(name)
        if row is not None and row.client.revoked_at is None:
            self._session.api_keys.put(
                name, dataclasses.replace(row, client=dataclasses.replace(row.client, revoked_at=at))
            )
