"""The Open311 clients' API keys in SQL: the key's SHA-256 digest only, never the key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from feedback.domain.api_keys import ApiClient, DuplicateClient
from storage.models import Base
from storage.utc_datetime import UtcDateTime


class ApiKeyRecord(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


def _to_domain(record: ApiKeyRecord) -> ApiClient:
    return ApiClient(id=record.id, name=record.name, created_at=record.created_at, revoked_at=record.revoked_at)


class SqlApiKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, name: str, digest: str, at: datetime) -> ApiClient:
        record = ApiKeyRecord(name=name, digest=digest, created_at=at)
        self._session.add(record)
        try:
            await self._session.flush()
        except IntegrityError as error:  # the name was taken by another transaction since we looked
            raise DuplicateClient(name) from error
        return _to_domain(record)

    async def by_digest(self, digest: str) -> ApiClient | None:
        record = (
            await self._session.execute(select(ApiKeyRecord).where(ApiKeyRecord.digest == digest))
        ).scalar_one_or_none()
        return _to_domain(record) if record is not None else None

    async def by_name(self, name: str) -> ApiClient | None:
        record = (
            await self._session.execute(select(ApiKeyRecord).where(ApiKeyRecord.name == name))
        ).scalar_one_or_none()
        return _to_domain(record) if record is not None else None

    async def list(self) -> list[ApiClient]:
        records = (await self._session.execute(select(ApiKeyRecord).order_by(ApiKeyRecord.name))).scalars()
        return [_to_domain(record) for record in records]

    async def revoke(self, name: str, at: datetime) -> None:
        statement = (
            update(ApiKeyRecord)
            .where(ApiKeyRecord.name == name, ApiKeyRecord.revoked_at.is_(None))
            .values(revoked_at=at)
            .execution_options(synchronize_session=False)
        )
        await self._session.execute(statement)
