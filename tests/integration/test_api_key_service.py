"""The Open311 clients' API keys on real storage, SQLite and PostgreSQL: the unique name a revoked client keeps.
The service's rules run on the fake storage in tests/unit/test_api_key_service_rules.py."""

import pytest

from feedback.domain.api_keys import DuplicateClient, UnknownClient
from feedback.service_layer.api_key_service import ApiKeyService
from tests.manual_clock import Clock


async def test_names_are_unique_even_after_revoking(uow_factory, clock: Clock) -> None:
    service = ApiKeyService(uow_factory, clock=clock)
    await service.issue("tong-dai")
    await service.revoke("tong-dai")
    with pytest.raises(DuplicateClient):
        await service.issue("TONG-DAI")
    with pytest.raises(UnknownClient):
        await service.revoke("khong-co")
