"""The officers' outbox: digests and alerts, written with the job's effects, relayed to the officer's linked
messenger accounts (Telegram, Zalo) by `dialogue.relay`."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text, false, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from feedback.domain.access import Officer
from feedback.domain.officer_messages import OfficerMessage
from feedback.service_layer.scheduled_job_ports import StoredOfficerMessage
from storage.models import Base
from storage.officer_message_json import from_json, kind_of, to_json
from storage.statement_results import rows_changed
from storage.utc_datetime import UtcDateTime

TELEGRAM, ZALO = "telegram", "zalo"
ALL_CHANNELS = frozenset({TELEGRAM, ZALO})


class OfficerMessageRecord(Base):
    __tablename__ = "officer_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id", ondelete="CASCADE"))
    # Where it goes, as it was when written: a later re-link does not redirect a message already owed.
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger)
    zalo_user_id: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)


class SqlOfficerOutbox:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, officer: Officer, message: OfficerMessage, at: datetime) -> None:
        if officer.telegram_user_id is None and officer.zalo_user_id is None:
            raise ValueError(f"officer {officer.username} has no messenger account to send to")
        self._session.add(
            OfficerMessageRecord(
                officer_id=officer.id,
                telegram_user_id=officer.telegram_user_id,
                zalo_user_id=officer.zalo_user_id,
                kind=str(kind_of(message)),
                payload=to_json(message),
                created_at=at,
            )
        )
        await self._session.flush()

    async def pending(self, *, limit: int, channels: Collection[str] = ALL_CHANNELS) -> Sequence[StoredOfficerMessage]:
        reachable = [
            column.is_not(None)
            for channel, column in (
                (TELEGRAM, OfficerMessageRecord.telegram_user_id),
                (ZALO, OfficerMessageRecord.zalo_user_id),
            )
            if channel in channels
        ]
        statement = (
            select(OfficerMessageRecord)
            # Only what one of `channels` can carry: a message for a messenger that is off waits, and does not
            # stand in front of the others.
            .where(OfficerMessageRecord.sent_at.is_(None), or_(false(), *reachable))
            .order_by(OfficerMessageRecord.id)
            .limit(limit)
        )
        return [
            StoredOfficerMessage(
                id=record.id,
                officer_id=record.officer_id,
                telegram_user_id=record.telegram_user_id,
                zalo_user_id=record.zalo_user_id,
                message=from_json(record.kind, record.payload),
                created_at=record.created_at,
            )
            for record in (await self._session.execute(statement)).scalars()
        ]

    async def mark_sent(self, message_id: int, at: datetime) -> None:
        statement = (
            update(OfficerMessageRecord)
            .where(OfficerMessageRecord.id == message_id, OfficerMessageRecord.sent_at.is_(None))
            .values(sent_at=at)
            .execution_options(synchronize_session=False)
        )
        await self._session.execute(statement)

    async def take(self, message_id: int, at: datetime) -> bool:
        """Mark it handed on, if nobody did: of two instances relaying it at once, only one gets True."""
        statement = (
            update(OfficerMessageRecord)
            .where(OfficerMessageRecord.id == message_id, OfficerMessageRecord.sent_at.is_(None))
            .values(sent_at=at)
            .execution_options(synchronize_session=False)
        )
        return rows_changed(await self._session.execute(statement)) == 1
