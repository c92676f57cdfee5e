"""Bring a database's schema to the newest Alembic revision (run by `motcua serve` on start)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    """A config that needs no alembic.ini, so it works from an installed package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _upgrade(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    # Share our async engine's connection with Alembic (its asyncio cookbook recipe), so
    # migrations run inside the running event loop instead of starting a second one.
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade, revision)


def _downgrade(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, revision)


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    async with engine.begin() as connection:
        await connection.run_sync(_downgrade, revision)


def _current_heads(connection: Connection) -> set[str]:
    return set(MigrationContext.configure(connection).get_current_heads())


async def is_current(engine: AsyncEngine) -> bool:
    """Whether the schema is at the newest revision (without changing anything)."""
    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    async with engine.connect() as connection:
        return await connection.run_sync(_current_heads) == heads


class SchemaOutOfDate(Exception):
    """The database's schema is older than this code, and upgrading on start is off (MOTCUA_AUTO_MIGRATE)."""


async def upgrade_or_check(engine: AsyncEngine, *, migrate: bool) -> None:
    """Upgrade when `migrate`; otherwise refuse (SchemaOutOfDate) to work on a schema the code does not know."""
    if migrate:
        await upgrade(engine)
    elif not await is_current(engine):
        raise SchemaOutOfDate()
