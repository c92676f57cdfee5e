"""Leases on scheduled-job runs, so that with several instances on one database each run fires once.

A run is a row keyed by (job, run key). Claiming is one INSERT … ON CONFLICT DO UPDATE … WHERE: the insert
wins for a run never claimed; the conditional update wins for a run whose holder let the lease expire
without finishing; anything else returns no row. PostgreSQL makes a concurrent claimer wait on the row and
then re-check the condition against the committed winner; SQLite lets one writer at a time in. Either way
exactly one claimer gets a row back.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import String, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from storage.dialect_insert import insert_for
from storage.models import Base, table_of
from storage.statement_results import rows_changed
from storage.utc_datetime import UtcDateTime

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class JobLeaseRecord(Base):
    __tablename__ = "job_leases"

    job: Mapped[str] = mapped_column(String(64), primary_key=True)
    run_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class SqlJobLeases:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, job: str, run_key: str, holder: str, *, at: datetime, expires_at: datetime) -> bool:
        table = table_of(JobLeaseRecord)
        statement = insert_for(self._session, table).values(
            job=job, run_key=run_key, holder=holder, expires_at=expires_at
        )
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.job, table.c.run_key],
            set_={"holder": holder, "expires_at": expires_at},
            where=table.c.done_at.is_(None) & (table.c.expires_at < at),
        ).returning(table.c.holder)
        return (await self._session.execute(statement)).scalar_one_or_none() == holder

    async def is_done(self, job: str, run_key: str) -> bool:
        statement = select(JobLeaseRecord.done_at).where(JobLeaseRecord.job == job, JobLeaseRecord.run_key == run_key)
        return (await self._session.execute(statement)).scalar_one_or_none() is not None

    async def complete(self, job: str, run_key: str, holder: str, *, at: datetime) -> bool:
        statement = (
            update(JobLeaseRecord)
            .where(
                JobLeaseRecord.job == job,
                JobLeaseRecord.run_key == run_key,
                JobLeaseRecord.holder == holder,
                JobLeaseRecord.done_at.is_(None),
            )
            .values(done_at=at)
            .execution_options(synchronize_session=False)
        )
        return rows_changed(await self._session.execute(statement)) == 1

    async def release(self, job: str, run_key: str, holder: str) -> None:
        """Expire the lease at once: the epoch is before any claimer's clock."""
        statement = (
            update(JobLeaseRecord)
            .where(
                JobLeaseRecord.job == job,
                JobLeaseRecord.run_key == run_key,
                JobLeaseRecord.holder == holder,
                JobLeaseRecord.done_at.is_(None),
            )
            .values(expires_at=_EPOCH)
            .execution_options(synchronize_session=False)
        )
        await self._session.execute(statement)
