"""Citizens' requests to delete their personal data, in SQL (feedback.service_layer.personal_data)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.domain.model import CitizenRef
from feedback.service_layer.personal_data import DeletionRequest, RequestStatus
from storage.privacy_models import DeletionRequestRecord
from storage.statement_results import rows_changed


def _to_domain(record: DeletionRequestRecord) -> DeletionRequest:
    return DeletionRequest(
        id=record.id,
        citizen=CitizenRef(record.channel, record.external_id),
        reply_to=record.reply_to,
        requested_at=record.requested_at,
        due_on=record.due_on,
        status=RequestStatus(record.status),
        decided_at=record.decided_at,
        decided_by=record.decided_by,
        note=record.note,
        item_code=record.item_code,
    )


class SqlDeletionRequests:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, request: DeletionRequest) -> DeletionRequest:
        record = DeletionRequestRecord(
            channel=request.citizen.channel,
            external_id=request.citizen.external_id,
            reply_to=request.reply_to,
            requested_at=request.requested_at,
            due_on=request.due_on,
            status=str(request.status),
            item_code=request.item_code,
        )
        self._session.add(record)
        await self._session.flush()
        return _to_domain(record)

    async def get(self, request_id: int) -> DeletionRequest | None:
        record = await self._session.get(DeletionRequestRecord, request_id)
        return _to_domain(record) if record is not None else None

    async def pending(self, *, limit: int) -> list[DeletionRequest]:
        statement = (
            select(DeletionRequestRecord)
            .where(DeletionRequestRecord.status == str(RequestStatus.PENDING))
            .order_by(DeletionRequestRecord.due_on, DeletionRequestRecord.id)
            .limit(limit)
        )
        return [_to_domain(record) for record in (await self._session.execute(statement)).scalars()]

    async def for_citizen(self, citizen: CitizenRef) -> list[DeletionRequest]:
        statement = (
            select(DeletionRequestRecord)
            .where(
                DeletionRequestRecord.channel == citizen.channel,
                DeletionRequestRecord.external_id == citizen.external_id,
            )
            .order_by(DeletionRequestRecord.requested_at.desc(), DeletionRequestRecord.id.desc())
        )
        return [_to_domain(record) for record in (await self._session.execute(statement)).scalars()]

    async def decide(self, request: DeletionRequest) -> bool:
        statement = (
            update(DeletionRequestRecord)
            .where(
                DeletionRequestRecord.id == request.id,
                DeletionRequestRecord.status == str(RequestStatus.PENDING),
            )
            .values(
                status=str(request.status),
                decided_at=request.decided_at,
                decided_by=request.decided_by,
                note=request.note,
            )
            .execution_options(synchronize_session=False)
        )
        return rows_changed(await self._session.execute(statement)) == 1
