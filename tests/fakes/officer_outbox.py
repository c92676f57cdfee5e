"""The officers' outbox in memory (what storage/officer_outbox.py does in SQL)."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from datetime import datetime

from feedback.domain.access import Officer
from feedback.domain.officer_messages import OfficerMessage
from feedback.service_layer.scheduled_job_ports import StoredOfficerMessage
from storage.officer_outbox import ALL_CHANNELS, TELEGRAM, ZALO  # the names the relay asks by
from tests.fakes.database import FakeSession, OfficerMessageRow


class FakeOfficerOutbox:
    def __init__(self, session: FakeSession) -> None:
        self._session = session

    async def add(self, officer: Officer, message: OfficerMessage, at: datetime) -> None:
        if officer.telegram_user_id is None and officer.zalo_user_id is None:
            raise ValueError(f"officer {officer.username} has no messenger account to send to")
        message_id = self._session.database.next_id()
        stored = StoredOfficerMessage(
            id=message_id,
            officer_id=officer.id,
            telegram_user_id=officer.telegram_user_id,
            zalo_user_id=officer.zalo_user_id,
            message=message,
            created_at=at,
        )
        self._session.officer_messages.put(message_id, OfficerMessageRow(stored))

    async def pending(self, *, limit: int, channels: Collection[str] = ALL_CHANNELS) -> Sequence[StoredOfficerMessage]:
        rows = sorted(self._session.officer_messages.items(), key=lambda pair: pair[0])
        return [row.message for _, row in rows if row.sent_at is None and _reachable(row.message, channels)][:limit]

    async def mark_sent(self, message_id: int, at: datetime) -> None:
        await self.take(message_id, at)

    async def take(self, message_id: int, at: datetime) -> bool:
        row = self._session.officer_messages.get(message_id)
        if row is None or row.sent_at is not None:
            return False
        self._session.officer_messages.put(message_id, dataclasses.replace(row, sent_at=at))
        return True


def _reachable(message: StoredOfficerMessage, channels: Collection[str]) -> bool:
    """Whether one of `channels` can carry it: a message for a messenger that is off waits behind no other."""
    return (TELEGRAM in channels and message.telegram_user_id is not None) or (
        ZALO in channels and message.zalo_user_id is not None
    )
