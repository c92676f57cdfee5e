"""INSERT … ON CONFLICT for the session's backend: SQLite and PostgreSQL spell it the same way in SQLAlchemy."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert_for(session: AsyncSession, table: Table) -> Any:
    """`postgresql.insert(table)` or `sqlite.insert(table)`, both with `on_conflict_do_update`."""
    assert session.bind is not None
    if session.bind.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)
