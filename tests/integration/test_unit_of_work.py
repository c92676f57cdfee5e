"""The SQL unit of work makes a repository when a transaction first uses it, on that transaction's session."""

from __future__ import annotations

from collections.abc import Callable

from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import small_catalog_procedures


async def test_a_unit_of_work_entered_again_works_on_its_new_session(
    uow_factory: Callable[[], SqlUnitOfWork],
) -> None:
    uow = uow_factory()
    async with uow:
        first = uow.procedures
        assert uow.procedures is first  # one repository for the whole transaction
        await uow.procedures.upsert(small_catalog_procedures())
        await uow.commit()
    async with uow:
        assert uow.procedures is not first
        assert await uow.procedures.count() == len(small_catalog_procedures())
