"""Issuing, listing, revoking and checking the Open311 clients' API keys; one transaction each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from feedback.domain.api_keys import ApiClient, UnknownClient, key_digest, new_key, normalise_client_name
from feedback.service_layer.api_key_ports import ApiKeyUnitOfWork

UnitOfWorkFactory = Callable[[], ApiKeyUnitOfWork]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class ApiKeyService:
    def __init__(self, uow_factory: UnitOfWorkFactory, *, clock: Clock = utc_now) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def issue(self, name: str) -> tuple[ApiClient, str]:
        """A new client and its key, the only time the key exists in clear; raises DuplicateClient."""
        key = new_key()
        async with self._uow_factory() as uow:
            client = await uow.api_keys.add(normalise_client_name(name), key_digest(key), self._clock())
            await uow.commit()
        return client, key

    async def clients(self) -> list[ApiClient]:
        async with self._uow_factory() as uow:
            return await uow.api_keys.list()

    async def revoke(self, name: str) -> bool:
        """False when the client was revoked already; raises UnknownClient."""
        name = normalise_client_name(name)
        async with self._uow_factory() as uow:
            client = await uow.api_keys.by_name(name)
            if client is None:
                raise UnknownClient(name)
            if not client.active:
                return False
            await uow.api_keys.revoke(name, self._clock())
            await uow.commit()
        return True

    async def authenticate(self, key: str) -> ApiClient | None:
        """The active client holding `key`, or None for a key unknown or revoked."""
        if not key:
            return None
        async with self._uow_factory() as uow:
            client = await uow.api_keys.by_digest(key_digest(key))
        return client if client is not None and client.active else None
