"""What the web portal counts in the database, so that several instances share the counts: wrong PINs per code
and per client, filings per client; and the site's signing key, made once and read by every instance."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import Index, Integer, String, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Mapped, mapped_column

from feedback.service_layer.web_attempts import AttemptKind, RecentAttempts
from storage.dialect_insert import insert_for
from storage.models import Base, table_of
from storage.utc_datetime import UtcDateTime

SITE_KEY = "web_signing_key"


class WebAttemptRecord(Base):
    __tablename__ = "web_attempts"
    __table_args__ = (
        Index("ix_web_attempts_kind_code_at", "kind", "code", "at"),
        Index("ix_web_attempts_kind_client_at", "kind", "client", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str | None] = mapped_column(String(32))
    client: Mapped[str] = mapped_column(String(64))  # a digest of the client's address, never the address
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class SiteSecretRecord(Base):
    __tablename__ = "site_secrets"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SqlWebAttempts:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def recent(
        self, kind: AttemptKind, since: datetime, *, code: str | None = None, client: str | None = None
    ) -> RecentAttempts:
        statement = select(func.count(), func.min(WebAttemptRecord.at)).where(
            WebAttemptRecord.kind == str(kind), WebAttemptRecord.at >= since
        )
        if code is not None:
            statement = statement.where(WebAttemptRecord.code == code)
        if client is not None:
            statement = statement.where(WebAttemptRecord.client == client)
        count, oldest = (await self._session.execute(statement)).one()
        if oldest is not None and oldest.tzinfo is None:  # SQLite's aggregate skips the column type
            oldest = oldest.replace(tzinfo=UTC)
        return RecentAttempts(count, oldest)

    async def add(self, kind: AttemptKind, at: datetime, *, client: str, code: str | None = None) -> None:
        self._session.add(WebAttemptRecord(kind=str(kind), code=code, client=client, at=at))
        await self._session.flush()

    async def forget(self, kind: AttemptKind, *, code: str) -> None:
        """The rows lose their code, not their client: the client's own count is unchanged."""
        statement = (
            update(WebAttemptRecord)
            .where(WebAttemptRecord.kind == str(kind), WebAttemptRecord.code == code)
            .values(code=None)
            .execution_options(synchronize_session=False)
        )
        await self._session.execute(statement)


async def site_secret(session_factory: async_sessionmaker[AsyncSession]) -> bytes:
    """The site's signing key: made by the first instance that asks, then the same for every instance."""
    async with session_factory() as session:
        table = table_of(SiteSecretRecord)
        await session.execute(
            insert_for(session, table)
            .values(name=SITE_KEY, value=secrets.token_hex(32), created_at=datetime.now(UTC))
            .on_conflict_do_nothing(index_elements=[table.c.name])
        )
        await session.commit()
        value = (
            await session.execute(select(SiteSecretRecord.value).where(SiteSecretRecord.name == SITE_KEY))
        ).scalar_one()
    return bytes.fromhex(value)
