from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine

import storage.access_models  # registers the units and officers tables
import storage.api_keys  # registers the Open311 API keys table
import storage.feedback_models  # registers the PAKN tables
import storage.job_lease  # registers the job leases table
import storage.officer_outbox  # registers the officers' outbox table
import storage.search_lessons  # registers the search lessons and unanswered queries
import storage.web_attempts  # registers the portal's attempts and the site's key
import storage.web_state  # registers the web sessions and failed logins tables
import storage.zalo_connection  # noqa: F401 - registers the Zalo OA connection table
from storage.db import create_engine
from storage.migrate import downgrade, upgrade
from storage.models import Base


async def test_migrations_build_exactly_the_schema_the_models_declare(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        differences = await connection.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
        )
    assert differences == []


async def test_upgrade_twice_is_harmless_and_downgrade_empties_the_schema(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        await upgrade(engine)
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        assert "procedures" in tables
        await downgrade(engine, "base")
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        assert set(tables) <= {"alembic_version"}
    finally:
        await engine.dispose()
