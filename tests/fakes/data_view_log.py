"""The record of what officers saw of citizens' data, in memory (what storage/data_view_log.py does in SQL)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from feedback.domain.data_view import DataView
from tests.fakes.database import FakeSession


class FakeDataViewLog:
    def __init__(self, session: FakeSession) -> None:
        self._session = session

    def _in_order(self) -> list[DataView]:
        return [view for _, view in sorted(self._session.data_views.items(), key=lambda pair: (pair[1].at, pair[0]))]

    async def add(self, view: DataView) -> None:
        self._session.data_views.put(self._session.database.next_id(), view)

    async def for_item(self, code: str, *, limit: int) -> list[DataView]:
        return [view for view in reversed(self._in_order()) if view.item_code == code][:limit]

    async def for_officer(self, username: str, *, limit: int) -> list[DataView]:
        return [view for view in reversed(self._in_order()) if view.officer == username][:limit]

    async def between(self, since: datetime, until: datetime) -> list[DataView]:
        return [view for view in self._in_order() if since <= view.at < until]

    async def counts_by_unit(self, codes: Sequence[str]) -> dict[str, dict[str | None, int]]:
        wanted = set(codes)
        counts: dict[str, dict[str | None, int]] = {}
        for view in self._session.data_views.values():
            if view.item_code in wanted:
                by_unit = counts.setdefault(view.item_code, {})
                by_unit[view.officer_units] = by_unit.get(view.officer_units, 0) + 1
        return counts
