"""The Zalo OA connection in SQL: one row (id 1) with the token pair, the OA, and the last webhook seen."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Integer, String, Text, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from storage.dialect_insert import insert_for
from storage.models import Base, table_of
from storage.statement_results import rows_changed
from storage.utc_datetime import UtcDateTime
from zalo.connection import TokenPair, ZaloConnection

_ROW = 1


class ZaloConnectionRecord(Base):
    __tablename__ = "zalo_connection"
    __table_args__ = (CheckConstraint("id = 1", name="ck_zalo_connection_single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    oa_id: Mapped[str | None] = mapped_column(String(32))
    oa_name: Mapped[str | None] = mapped_column(Text)
    access_token: Mapped[str | None] = mapped_column(Text)
    refresh_token: Mapped[str | None] = mapped_column(Text)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    connected_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    renewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    renewal_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    renewal_error: Mapped[str | None] = mapped_column(Text)
    last_webhook_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


def _to_domain(record: ZaloConnectionRecord) -> ZaloConnection:
    return ZaloConnection(
        oa_id=record.oa_id,
        oa_name=record.oa_name,
        access_token=record.access_token,
        refresh_token=record.refresh_token,
        expires_at=record.expires_at,
        connected_at=record.connected_at,
        renewed_at=record.renewed_at,
        renewal_failures=record.renewal_failures,
        renewal_error=record.renewal_error,
        last_webhook_at=record.last_webhook_at,
    )


class SqlZaloConnections:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self) -> ZaloConnection | None:
        record = (
            await self._session.execute(select(ZaloConnectionRecord).where(ZaloConnectionRecord.id == _ROW))
        ).scalar_one_or_none()
        return _to_domain(record) if record is not None else None

    async def connect(self, tokens: TokenPair, *, oa_id: str, oa_name: str, at: datetime) -> None:
        values = {
            "oa_id": oa_id,
            "oa_name": oa_name,
            "access_token": tokens.access_token,
            "refresh_token": tokens.refresh_token,
            "expires_at": tokens.expires_at,
            "connected_at": at,
            "renewed_at": None,
            "renewal_failures": 0,
            "renewal_error": None,
        }
        await self._upsert(values)

    async def renewed(self, old_refresh_token: str, tokens: TokenPair, at: datetime) -> bool:
        statement = (
            update(ZaloConnectionRecord)
            .where(ZaloConnectionRecord.id == _ROW, ZaloConnectionRecord.refresh_token == old_refresh_token)
            .values(
                access_token=tokens.access_token,
                refresh_token=tokens.refresh_token,
                expires_at=tokens.expires_at,
                renewed_at=at,
                renewal_failures=0,
                renewal_error=None,
            )
            .execution_options(synchronize_session=False)
        )
        return rows_changed(await self._session.execute(statement)) == 1

    async def renewal_failed(self, old_refresh_token: str, error: str) -> int:
        statement = (
            update(ZaloConnectionRecord)
            .where(ZaloConnectionRecord.id == _ROW, ZaloConnectionRecord.refresh_token == old_refresh_token)
            .values(renewal_failures=ZaloConnectionRecord.renewal_failures + 1, renewal_error=error)
            .returning(ZaloConnectionRecord.renewal_failures)
            .execution_options(synchronize_session=False)
        )
        return (await self._session.execute(statement)).scalar_one_or_none() or 0

    async def disconnect(self) -> bool:
        """Forget the tokens and the OA; the last webhook time stays, it says what Zalo did."""
        connected = await self.get()
        if connected is None or not connected.connected:
            return False
        statement = (
            update(ZaloConnectionRecord)
            .where(ZaloConnectionRecord.id == _ROW)
            .values(
                oa_id=None,
                oa_name=None,
                access_token=None,
                refresh_token=None,
                expires_at=None,
                connected_at=None,
                renewed_at=None,
                renewal_failures=0,
                renewal_error=None,
            )
            .execution_options(synchronize_session=False)
        )
        await self._session.execute(statement)
        return True

    async def webhook_received(self, at: datetime) -> None:
        await self._upsert({"last_webhook_at": at})

    async def _upsert(self, values: dict[str, object]) -> None:
        table = table_of(ZaloConnectionRecord)
        statement = insert_for(self._session, table).values(id=_ROW, **values)
        statement = statement.on_conflict_do_update(index_elements=[table.c.id], set_=values)
        await self._session.execute(statement)
