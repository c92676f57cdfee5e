"""Job leases on SQLite and PostgreSQL: of several instances claiming a run at once, exactly one wins."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine, create_session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import MONDAY_MORNING

INSTANCES = 6
LEASE = timedelta(minutes=10)


@pytest.fixture
async def instances(engine: AsyncEngine, database_url: str) -> AsyncIterator[list[AsyncEngine]]:
    """One engine per instance, each with its own connections, on the migrated database."""
    engines = [create_engine(database_url) for _ in range(INSTANCES)]
    yield engines
    for each in engines:
        await each.dispose()


async def claim(instance: AsyncEngine, holder: str, run_key: str, minutes_later: float = 0) -> bool:
    at = MONDAY_MORNING + timedelta(minutes=minutes_later)
    async with SqlUnitOfWork(create_session_factory(instance)) as uow:
        won = await uow.leases.claim("digest", run_key, holder, at=at, expires_at=at + LEASE)
        await uow.commit()
    return won


async def complete(instance: AsyncEngine, holder: str, run_key: str, minutes_later: float) -> bool:
    async with SqlUnitOfWork(create_session_factory(instance)) as uow:
        done = await uow.leases.complete(
            "digest", run_key, holder, at=MONDAY_MORNING + timedelta(minutes=minutes_later)
        )
        await uow.commit()
    return done


async def claim_all(
    instances: list[AsyncEngine], run_key: str, minutes_later: float = 0, *, name: str = "instance"
) -> list[str]:
    """Every instance claims at once; the holders that won."""
    holders = [f"{name}-{n}" for n in range(len(instances))]
    results = await asyncio.gather(
        *(claim(instance, holder, run_key, minutes_later) for holder, instance in zip(holders, instances, strict=True))
    )
    return [holder for holder, won in zip(holders, results, strict=True) if won]


async def test_of_instances_claiming_the_same_run_at_once_exactly_one_wins(instances: list[AsyncEngine]) -> None:
    for run_key in ("2026-11-23", "2026-11-24", "2026-11-25"):
        assert len(await claim_all(instances, run_key)) == 1


async def test_a_finished_run_is_never_claimed_again(instances: list[AsyncEngine]) -> None:
    (winner,) = await claim_all(instances, "2026-11-23")
    assert await complete(instances[0], winner, "2026-11-23", minutes_later=1)
    assert await claim_all(instances, "2026-11-23", minutes_later=60) == []
    async with SqlUnitOfWork(create_session_factory(instances[0])) as uow:
        assert await uow.leases.is_done("digest", "2026-11-23")
        assert not await uow.leases.is_done("digest", "2026-11-24")


async def test_a_lease_left_to_expire_is_taken_over_by_exactly_one_and_the_old_holder_cannot_finish(
    instances: list[AsyncEngine],
) -> None:
    (first,) = await claim_all(instances, "2026-11-23")
    assert await claim_all(instances, "2026-11-23", minutes_later=5) == []  # still held
    (second,) = await claim_all(instances, "2026-11-23", minutes_later=11, name="restarted")
    assert not await complete(instances[0], first, "2026-11-23", minutes_later=12)
    assert await complete(instances[0], second, "2026-11-23", minutes_later=12)


async def test_a_released_run_can_be_claimed_at_once(instances: list[AsyncEngine]) -> None:
    (first,) = await claim_all(instances, "2026-11-23")
    async with SqlUnitOfWork(create_session_factory(instances[0])) as uow:
        await uow.leases.release("digest", "2026-11-23", first)
        await uow.commit()
    assert len(await claim_all(instances, "2026-11-23", minutes_later=1)) == 1
