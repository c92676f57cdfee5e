"""SQLite connections given back to the pool: rolled back when a transaction is still open, and not otherwise
(a committed session's connection took one more trip to the driver's thread for a rollback of nothing)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiosqlite
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'pool.db'}")
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE notes (body TEXT)"))
    yield engine
    await engine.dispose()


@pytest.fixture
def rollbacks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    rollback = aiosqlite.Connection.rollback

    async def counted(connection: aiosqlite.Connection) -> None:
        calls.append("rollback")
        await rollback(connection)

    monkeypatch.setattr(aiosqlite.Connection, "rollback", counted)
    return calls


async def test_a_committed_connection_goes_back_without_a_rollback(engine: AsyncEngine, rollbacks: list[str]) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("INSERT INTO notes VALUES ('kept')"))
        await connection.commit()
    assert rollbacks == []


async def test_a_connection_given_back_in_a_transaction_is_rolled_back(
    engine: AsyncEngine, rollbacks: list[str]
) -> None:
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        # Written through the driver itself: the connection goes back with a transaction only SQLite knows of.
        await raw.driver_connection.execute("INSERT INTO notes VALUES ('dropped')")
        assert raw.driver_connection.in_transaction
    assert rollbacks == ["rollback"]
    async with engine.begin() as connection:  # the write lock is free, and nothing of it was kept
        await connection.execute(text("INSERT INTO notes VALUES ('kept')"))
        assert (await connection.execute(text("SELECT body FROM notes"))).scalars().all() == ["kept"]
