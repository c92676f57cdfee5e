"""Who looked at citizens' personal data, in SQL: rows are only ever inserted and read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.domain.data_view import DataView, Exposure
from storage.privacy_models import DataViewRecord


def _to_domain(record: DataViewRecord) -> DataView:
    return DataView(
        at=record.at,
        officer=record.officer,
        officer_units=record.officer_units,
        channel=record.channel,
        item_code=record.item_code,
        exposure=Exposure(record.exposure),
        detail=record.detail,
    )


class SqlDataViewLog:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, view: DataView) -> None:
        self._session.add(
            DataViewRecord(
                at=view.at,
                officer=view.officer,
                officer_units=view.officer_units,
                channel=view.channel,
                item_code=view.item_code,
                exposure=str(view.exposure),
                detail=view.detail,
            )
        )
        await self._session.flush()

    async def for_item(self, code: str, *, limit: int) -> list[DataView]:
        statement = (
            select(DataViewRecord)
            .where(DataViewRecord.item_code == code)
            .order_by(DataViewRecord.at.desc(), DataViewRecord.id.desc())
            .limit(limit)
        )
        return [_to_domain(record) for record in (await self._session.execute(statement)).scalars()]

    async def for_officer(self, username: str, *, limit: int) -> list[DataView]:
        statement = (
            select(DataViewRecord)
            .where(DataViewRecord.officer == username)
            .order_by(DataViewRecord.at.desc(), DataViewRecord.id.desc())
            .limit(limit)
        )
        return [_to_domain(record) for record in (await self._session.execute(statement)).scalars()]

    async def between(self, since: datetime, until: datetime) -> list[DataView]:
        statement = (
            select(DataViewRecord)
            .where(DataViewRecord.at >= since, DataViewRecord.at < until)
            .order_by(DataViewRecord.at, DataViewRecord.id)
        )
        return [_to_domain(record) for record in (await self._session.execute(statement)).scalars()]

    async def counts_by_unit(self, codes: Sequence[str]) -> dict[str, dict[str | None, int]]:
        if not codes:
            return {}
        statement = (
            select(DataViewRecord.item_code, DataViewRecord.officer_units, func.count())
            .where(DataViewRecord.item_code.in_(set(codes)))
            .group_by(DataViewRecord.item_code, DataViewRecord.officer_units)
        )
        counts: dict[str, dict[str | None, int]] = {}
        for code, units, count in (await self._session.execute(statement)).all():
            counts.setdefault(code, {})[units] = count
        return counts
