"""The officers' web sessions and failed logins in SQL, shared by every instance on the database.

A session row is keyed by the SHA-256 digest of the cookie's id: whoever reads the table (a backup, a
replica) gets no session to ride. Failed logins are one row per key (username or address) and attempt,
deleted once out of every window.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Index, Integer, String, Text, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.statement_results import rows_changed
from storage.utc_datetime import UtcDateTime
from web.state_ports import StoredSession


class WebSessionRecord(Base):
    __tablename__ = "web_sessions"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    csrf_token: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    flash: Mapped[str] = mapped_column(Text, default="[]")


class LoginFailureRecord(Base):
    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_failed_at", "key", "failed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(200))
    failed_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


def _to_stored(record: WebSessionRecord) -> StoredSession:
    flash = tuple((str(kind), str(message)) for kind, message in json.loads(record.flash or "[]"))
    return StoredSession(
        digest=record.digest,
        username=record.username,
        csrf_token=record.csrf_token,
        started_at=record.started_at,
        last_seen=record.last_seen,
        flash=flash,
    )


class SqlWebSessions:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, stored: StoredSession) -> None:
        self._session.add(
            WebSessionRecord(
                digest=stored.digest,
                username=stored.username,
                csrf_token=stored.csrf_token,
                started_at=stored.started_at,
                last_seen=stored.last_seen,
                flash=json.dumps(list(stored.flash), ensure_ascii=False),
            )
        )
        await self._session.flush()

    async def get(self, digest: str) -> StoredSession | None:
        record = await self._session.get(WebSessionRecord, digest)
        return None if record is None else _to_stored(record)

    async def touch(self, digest: str, last_seen: datetime) -> None:
        statement = update(WebSessionRecord).where(WebSessionRecord.digest == digest).values(last_seen=last_seen)
        await self._session.execute(statement)

    async def set_flash(self, digest: str, flash: tuple[tuple[str, str], ...]) -> None:
        value = json.dumps(list(flash), ensure_ascii=False)
        await self._session.execute(
            update(WebSessionRecord).where(WebSessionRecord.digest == digest).values(flash=value)
        )

    async def delete(self, digest: str) -> None:
        await self._session.execute(delete(WebSessionRecord).where(WebSessionRecord.digest == digest))

    async def delete_expired(self, *, idle_before: datetime, started_before: datetime) -> int:
        statement = delete(WebSessionRecord).where(
            or_(WebSessionRecord.last_seen < idle_before, WebSessionRecord.started_at < started_before)
        )
        result = await self._session.execute(statement)
        return rows_changed(result)


class SqlLoginFailures:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, keys: list[str], at: datetime) -> None:
        self._session.add_all([LoginFailureRecord(key=key, failed_at=at) for key in keys])
        await self._session.flush()

    async def since(self, key: str, since: datetime) -> list[datetime]:
        statement = (
            select(LoginFailureRecord.failed_at)
            .where(LoginFailureRecord.key == key, LoginFailureRecord.failed_at > since)
            .order_by(LoginFailureRecord.failed_at)
        )
        return list((await self._session.execute(statement)).scalars())

    async def clear(self, key: str) -> None:
        await self._session.execute(delete(LoginFailureRecord).where(LoginFailureRecord.key == key))

    async def delete_before(self, before: datetime) -> int:
        result = await self._session.execute(delete(LoginFailureRecord).where(LoginFailureRecord.failed_at < before))
        return rows_changed(result)
