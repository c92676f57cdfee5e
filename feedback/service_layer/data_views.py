"""Who looked at a citizen's personal data: every time an officer is shown a filer's contact details or
one of their files, a `DataView` is written in the transaction that read the item, before the channel shows
anything (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15: the processor must be able to show who processed what).

The entry names the officer, their units, the channel, the item and what was shown; never the data itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from feedback.domain.access import Officer
from feedback.domain.model import FeedbackItem
from feedback.service_layer.transaction import Transaction


class Exposure(StrEnum):
    CONTACT = "contact"  # name, address, phone, e-mail on the item page or card
    ATTACHMENT = "attachment"  # one file downloaded (detail: its position)
    ATTACHMENTS = "attachments"  # every file resent at once (the Telegram card)


@dataclass(frozen=True)
class Looked:
    """What a channel is about to show an officer, and where."""

    channel: str
    exposure: Exposure = Exposure.CONTACT
    detail: str | None = None


@dataclass(frozen=True)
class DataView:
    at: datetime
    officer: str  # username
    officer_units: str | None  # the officer's units, comma-separated; None for an administrator
    channel: str
    item_code: str
    exposure: Exposure
    detail: str | None = None


def data_view(officer: Officer, item: FeedbackItem, looked: Looked, at: datetime) -> DataView | None:
    """The entry for what the officer is shown of the item; None for the files of an item that has none left
    (never any, or deleted by retention or a deletion request)."""
    if looked.exposure != Exposure.CONTACT and not any(a.file_id or a.local_path for a in item.attachments):
        return None
    units = sorted({unit for _, unit in officer.roles if unit is not None})
    return DataView(
        at=at,
        officer=officer.username,
        officer_units=",".join(units) if units and not officer.is_admin else None,
        channel=looked.channel,
        item_code=item.code,
        exposure=looked.exposure,
        detail=looked.detail,
    )


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
