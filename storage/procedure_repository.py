"""Procedures in SQL: the catalog's repository, with explicit to/from-domain mapping."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from procedures_catalog.model import IndexEntry, OnlineLevel, Procedure
from procedures_catalog.ports import UpsertCounts
from storage.models import ProcedureRecord

_CONTENT_FIELDS = (
    "name",
    "level",
    "field",
    "agency",
    "processing_time",
    "processing_days",
    "fees",
    "documents",
    "steps",
    "legal_basis",
    "online",
    "source",
)


def to_domain(record: ProcedureRecord) -> Procedure:
    return Procedure(
        code=record.code,
        name=record.name,
        level=record.level,
        field=record.field,
        agency=record.agency,
        processing_time=record.processing_time,
        processing_days=record.processing_days,
        fees=record.fees,
        documents=tuple(record.documents or ()),
        steps=tuple(record.steps or ()),
        legal_basis=tuple(record.legal_basis or ()),
        online=OnlineLevel(record.online) if record.online else None,
        source=record.source,
        updated_at=record.updated_at,
    )


def _content(procedure: Procedure) -> dict[str, object]:
    return {
        "name": procedure.name,
        "level": procedure.level,
        "field": procedure.field,
        "agency": procedure.agency,
        "processing_time": procedure.processing_time,
        "processing_days": procedure.processing_days,
        "fees": procedure.fees,
        "documents": list(procedure.documents),
        "steps": list(procedure.steps),
        "legal_basis": list(procedure.legal_basis),
        "online": procedure.online.value if procedure.online else None,
        "source": procedure.source,
    }


def _record_content(record: ProcedureRecord) -> dict[str, object]:
    return {name: getattr(record, name) for name in _CONTENT_FIELDS}


class SqlProcedureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, code: str) -> Procedure | None:
        record = await self._session.get(ProcedureRecord, code)
        return to_domain(record) if record is not None else None

    async def list_index_entries(self) -> list[IndexEntry]:
        rows = await self._session.execute(
            select(
                ProcedureRecord.code,
                ProcedureRecord.name,
                ProcedureRecord.level,
                ProcedureRecord.field,
                ProcedureRecord.agency,
            ).order_by(ProcedureRecord.code)
        )
        return [IndexEntry(*row) for row in rows]

    async def count(self) -> int:
        return (await self._session.execute(select(func.count()).select_from(ProcedureRecord))).scalar_one()

    async def upsert(self, procedures: Sequence[Procedure]) -> UpsertCounts:
        """Insert new codes, update changed ones, leave identical ones (and their time) alone."""
        now = datetime.now(UTC)
        codes = [p.code for p in procedures]
        existing: dict[str, ProcedureRecord] = {}
        # Chunked IN lists stay under SQLite's and asyncpg's bound-parameter limits.
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            result = await self._session.scalars(select(ProcedureRecord).where(ProcedureRecord.code.in_(chunk)))
            existing.update((record.code, record) for record in result)
        inserted = updated = unchanged = 0
        for procedure in procedures:
            content = _content(procedure)
            record = existing.get(procedure.code)
            if record is None:
                self._session.add(
                    ProcedureRecord(code=procedure.code, updated_at=procedure.updated_at or now, **content)
                )
                inserted += 1
            elif _record_content(record) != content:
                for name, value in content.items():
                    setattr(record, name, value)
                record.updated_at = procedure.updated_at or now
                updated += 1
            else:
                unchanged += 1
        await self._session.flush()
        return UpsertCounts(inserted=inserted, updated=updated, unchanged=unchanged)
