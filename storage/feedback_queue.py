"""The officers' queue as one query: filtered, ordered by legal deadline, a page at a time."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.domain.legal_type import FeedbackType
from feedback.domain.queue import QueueFilter, QueueOrder, QueueRow
from feedback.domain.status import CLOCK_PAUSED, Status
from feedback.domain.tracking_code import InvalidTrackingCode, parse_code
from storage.feedback_models import FeedbackRecord as Item


def _conditions(wanted: QueueFilter, today: date) -> list[Any]:
    conditions: list[Any] = [Item.status.in_([str(status) for status in wanted.statuses])]
    if wanted.units is not None:
        in_units = Item.unit.in_(sorted(wanted.units))
        conditions.append(or_(in_units, Item.unit.is_(None)) if wanted.include_unrouted else in_units)
    if wanted.types is not None:
        conditions.append(Item.type.in_([str(kind) for kind in wanted.types]))
    if wanted.assignee is not None:
        conditions.append(Item.assignee == wanted.assignee)
    if wanted.received_from is not None:
        conditions.append(Item.received_on >= wanted.received_from)
    if wanted.received_to is not None:
        conditions.append(Item.received_on <= wanted.received_to)
    if wanted.overdue_only:
        conditions.append(and_(Item.due < today, Item.status.not_in([str(status) for status in CLOCK_PAUSED])))
    if wanted.words and wanted.words.strip():
        conditions.append(_matching(wanted.words))
    return conditions


def _matching(words: str) -> Any:
    """A tracking code finds its item; otherwise every word must appear in the content."""
    try:
        return Item.code == str(parse_code(words))
    except InvalidTrackingCode:
        return and_(*(Item.content.ilike(f"%{word}%") for word in words.split()))


# The status column sorts in the order an item goes through its life, not alphabetically.
_LIFE_ORDER = [
    Status.RECEIVED,
    Status.FORWARDED,
    Status.ACCEPTED,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.WAITING_FOR_CITIZEN,
    Status.REOPENED,
    Status.ANSWERED,
    Status.REFUSED,
    Status.WITHDRAWN,
    Status.CLOSED,
]


def _ordering(wanted: QueueFilter) -> list[Any]:
    """The legal order (clock running first, earliest deadline first), behind the column asked for."""
    paused_last = case((Item.status.in_([str(status) for status in CLOCK_PAUSED]), 1), else_=0)
    legal = [paused_last, Item.due, Item.received_at, Item.id]
    first: list[Any] = []
    match wanted.order:
        case QueueOrder.DEADLINE:
            legal = [column.desc() for column in legal] if wanted.descending else legal
        case QueueOrder.RECEIVED:
            first = [Item.received_at]
        case QueueOrder.STATUS:
            first = [case({str(status): rank for rank, status in enumerate(_LIFE_ORDER)}, value=Item.status, else_=99)]
        case QueueOrder.UNIT:
            first = [func.coalesce(Item.unit, "")]  # unrouted items sort first on both backends
    if wanted.descending:
        first = [column.desc() for column in first]
    return first + legal


class SqlFeedbackQueue:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def page(self, wanted: QueueFilter, today: date, *, offset: int, limit: int) -> tuple[list[QueueRow], int]:
        conditions = _conditions(wanted, today)
        total = (await self._session.execute(select(func.count()).select_from(Item).where(*conditions))).scalar_one()
        statement = (
            select(
                Item.code, Item.type, Item.status, Item.unit, Item.assignee, Item.received_on, Item.due, Item.content
            )
            .where(*conditions)
            .order_by(*_ordering(wanted))
            .offset(offset)
            .limit(limit)
        )
        rows = [
            QueueRow(
                code=code,
                type=FeedbackType(kind),
                status=Status(status),
                unit=unit,
                assignee=assignee,
                received_on=received_on,
                due=due,
                content=content,
            )
            for code, kind, status, unit, assignee, received_on, due, content in await self._session.execute(statement)
        ]
        return rows, total
