"""The Open311 clients' API keys on the fake storage: a key authenticates its client until revoked, and a name is
never given twice. tests/integration/test_api_key_service.py keeps the name taken on a real database."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from feedback.domain.api_keys import DuplicateClient, UnknownClient
from feedback.service_layer.api_key_service import ApiKeyService
from tests.fakes.unit_of_work import FakeUnitOfWork
from tests.manual_clock import Clock


async def test_a_key_authenticates_its_client_until_revoked(
    uow_factory: Callable[[], FakeUnitOfWork], clock: Clock
) -> None:
    service = ApiKeyService(uow_factory, clock=clock)
    client, key = await service.issue("Kiosk-Mot-Cua")
    assert (await service.authenticate(key)) == client
    assert await service.authenticate(key + "x") is None
    assert await service.authenticate("") is None
    clock.advance(hours=1)
    assert await service.revoke("kiosk-mot-cua") is True
    assert await service.authenticate(key) is None
    assert await service.revoke("kiosk-mot-cua") is False
    [listed] = await service.clients()
    assert listed.revoked_at == clock.now and not listed.active


async def test_names_are_unique_even_after_revoking(uow_factory: Callable[[], FakeUnitOfWork], clock: Clock) -> None:
    service = ApiKeyService(uow_factory, clock=clock)
    await service.issue("tong-dai")
    await service.revoke("tong-dai")
    with pytest.raises(DuplicateClient):
        await service.issue("TONG-DAI")
    with pytest.raises(UnknownClient):
        await service.revoke("khong-co")
