"""The log of who looked at a citizen's personal data (the entries: `feedback.domain.data_view`), as a port, and
what an administrator reads of it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

from feedback.domain.access import Officer
from feedback.domain.data_view import DataView
from feedback.service_layer.transaction import Transaction


class DataViewLog(Protocol):
    async def add(self, view: DataView) -> None: ...

    async def for_item(self, code: str, *, limit: int) -> list[DataView]:
        """The views of one item, newest first."""
        ...

    async def for_officer(self, username: str, *, limit: int) -> list[DataView]:
        """One officer's views, newest first."""
        ...

    async def between(self, since: datetime, until: datetime) -> list[DataView]:
        """Every view in [since, until), oldest first (the breach export)."""
        ...

    async def counts_by_unit(self, codes: Sequence[str]) -> dict[str, dict[str | None, int]]:
        """Per item code: how many views by each unit string (None: an administrator)."""
        ...


class DataViewsUnitOfWork(Transaction, Protocol):
    @property
    def data_views(self) -> DataViewLog: ...


class DataViews:
    """What an administrator reads of the log: per item, per officer, and a period for the breach export."""

    def __init__(self, uow_factory: Callable[[], DataViewsUnitOfWork]) -> None:
        self._uow_factory = uow_factory

    async def for_item(self, reader: Officer, code: str, *, limit: int = 500) -> list[DataView]:
        _require_admin(reader)
        async with self._uow_factory() as uow:
            return await uow.data_views.for_item(code, limit=limit)

    async def for_officer(self, reader: Officer, username: str, *, limit: int = 500) -> list[DataView]:
        _require_admin(reader)
        async with self._uow_factory() as uow:
            return await uow.data_views.for_officer(username, limit=limit)

    async def between(self, since: datetime, until: datetime) -> list[DataView]:
        """For `motcua admin export-access-log`: whoever runs the command on the server is trusted."""
        async with self._uow_factory() as uow:
            return await uow.data_views.between(since, until)


class AdministratorsOnly(Exception):
    """Only an administrator reads who looked at personal data."""


def _require_admin(reader: Officer) -> None:
    if not (reader.active and reader.is_admin):
        raise AdministratorsOnly(reader.username)
