"""Async engine and session factory from a database URL (SQLite embedded, PostgreSQL scale-out)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import PoolResetState


def normalise_url(url: str) -> str:
    """Pick the async driver for a plain URL, so `postgresql://…` and `sqlite:///…` both work."""
    parsed = make_url(url)
    driver = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg", "postgres": "postgresql+asyncpg"}
    if parsed.drivername in driver:
        parsed = parsed.set(drivername=driver[parsed.drivername])
    return parsed.render_as_string(hide_password=False)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _ensure_sqlite_dir(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (the bot, the web) go on while an import or a submission writes;
    # synchronous=FULL syncs every commit, so an acknowledged PAKN survives a power cut, not only a crash;
    # busy_timeout waits for a lock instead of failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _end_open_transaction(dbapi_connection: Any, _record: Any, state: PoolResetState) -> None:
    """The pool's reset of a SQLite connection given back: a rollback only when SQLite has a transaction open.
    A session that committed, or rolled back, gives its connection back with none, and the pool's own reset
    (an unconditional rollback) was one more trip to the driver's thread on every session for nothing."""
    if state.terminate_only or not state.asyncio_safe:
        return  # the connection is being closed, or given back outside the event loop: as the pool would
    if dbapi_connection.driver_connection.in_transaction:
        dbapi_connection.rollback()


# Connections kept open, and opened beyond them at a peak. A dialogue turn holds one while its flow may take a
# second (dialogue.engine bounds the turns at once to a third of the total); a connection closed when given
# back, as SQLAlchemy's default 5 kept made most of them under load, is opened again for the next one with its
# statements prepared again: a cost per turn.
POOL_SIZE = 20
MAX_OVERFLOW = 10


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    url = normalise_url(url)
    if is_sqlite(url):
        _ensure_sqlite_dir(url)
    if make_url(url).database not in (None, "", ":memory:"):  # an in-memory SQLite has a pool of one
        kwargs = {"pool_size": POOL_SIZE, "max_overflow": MAX_OVERFLOW, **kwargs}
    if is_sqlite(url):
        kwargs = {"pool_reset_on_return": None, **kwargs}  # `_end_open_transaction` resets
    engine = create_async_engine(url, **kwargs)
    if is_sqlite(url):
        event.listen(engine.sync_engine, "connect", _set_sqlite_pragmas)
        event.listen(engine.sync_engine, "reset", _end_open_transaction)
    return engine


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
