"""Officers' Zalo accounts on real storage, SQLite and PostgreSQL: one account, one officer; found by id."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from feedback.domain.access import InvalidZaloUserId, ZaloAlreadyLinked
from feedback.service_layer.admin_service import AdminService
from storage.password_hashing import Argon2PasswordHasher
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock

ZALO_ID = "2468458835296117922"  # beyond 2**53: kept as a string all the way


@pytest.fixture
def service(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> AdminService:
    return AdminService(
        uow_factory, Argon2PasswordHasher(time_cost=1, memory_cost_kib=1024, parallelism=1), clock=clock
    )


async def test_a_linked_officer_is_found_by_zalo_id_until_unlinked_or_deactivated(service: AdminService) -> None:
    await service.create_officer("an.nguyen", "Nguyễn Văn An")
    officer = await service.link_zalo("an.nguyen", f" {ZALO_ID} ")
    assert officer.zalo_user_id == ZALO_ID
    found = await service.officer_by_zalo(ZALO_ID)
    assert found is not None and found.username == "an.nguyen" and found.zalo_user_id == ZALO_ID
    await service.deactivate("an.nguyen")
    assert await service.officer_by_zalo(ZALO_ID) is None
    await service.reactivate("an.nguyen")
    await service.unlink_zalo("an.nguyen")
    assert await service.officer_by_zalo(ZALO_ID) is None
    assert (await service.officer("an.nguyen")).zalo_user_id is None


async def test_one_zalo_account_belongs_to_one_officer(service: AdminService) -> None:
    await service.create_officer("an.nguyen", "Nguyễn Văn An")
    await service.create_officer("binh.tran", "Trần Bình")
    await service.link_zalo("an.nguyen", ZALO_ID)
    assert (await service.link_zalo("an.nguyen", ZALO_ID)).zalo_user_id == ZALO_ID  # again: nothing changes
    with pytest.raises(ZaloAlreadyLinked) as refused:
        await service.link_zalo("binh.tran", ZALO_ID)
    assert refused.value.username == "an.nguyen"


@pytest.mark.parametrize("bad", ["", "12ab", "-5", "0", "1" * 33, "١٢٣"])
async def test_a_zalo_id_must_be_digits(service: AdminService, bad: str) -> None:
    await service.create_officer("an.nguyen", "Nguyễn Văn An")
    with pytest.raises(InvalidZaloUserId):
        await service.link_zalo("an.nguyen", bad)
