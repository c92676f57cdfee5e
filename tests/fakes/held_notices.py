"""Notices a channel holds for an item's citizen, in memory. In SQL they are read from the channel outbox
(storage/held_notices.py); here a test holds one with `hold`, as the channel would have."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from feedback.domain.held_notice import HeldNotice
from tests.fakes.database import FakeSession


class FakeHeldNotices:
    def __init__(self, session: FakeSession) -> None:
        self._session = session

    async def hold(self, notice: HeldNotice) -> None:
        self._session.held_notices.put(self._session.database.next_id(), notice)

    async def for_item(self, code: str) -> list[HeldNotice]:
        held = [notice for notice in self._session.held_notices.values() if notice.code == code]
        return sorted(held, key=lambda notice: notice.since)

    async def unreached(self, codes: Sequence[str]) -> dict[str, datetime]:
        since: dict[str, datetime] = {}
        for notice in self._session.held_notices.values():
            if notice.code in codes:
                since[notice.code] = min(since.get(notice.code, notice.since), notice.since)
        return since
