"""SQLAlchemy table models. Mapping to and from the domain lives in the repositories."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import JSON, Integer, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.utc_datetime import UtcDateTime


class Base(DeclarativeBase):
    pass


def table_of(model: type[Base]) -> Table:
    """A model's Table, for Core statements (SQLAlchemy types `__table__` as any FromClause)."""
    return cast(Table, model.__table__)


class ProcedureRecord(Base):
    __tablename__ = "procedures"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    level: Mapped[str | None] = mapped_column(Text)
    field: Mapped[str | None] = mapped_column(Text)
    agency: Mapped[str | None] = mapped_column(Text)
    processing_time: Mapped[str | None] = mapped_column(Text)
    processing_days: Mapped[int | None] = mapped_column(Integer)
    fees: Mapped[str | None] = mapped_column(Text)
    documents: Mapped[list[str]] = mapped_column(JSON, default=list)
    steps: Mapped[list[str]] = mapped_column(JSON, default=list)
    legal_basis: Mapped[list[str]] = mapped_column(JSON, default=list)
    online: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
