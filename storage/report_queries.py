"""The SQL behind the PAKN reports: every count is aggregated by the database (GROUP BY), never row by row.

Each query reads one index of the items table, never the rows with their texts (migration 0007; see
`feedback.report_figures` for what each figure means), and joins nothing: the working days to answer and the
day first forwarded are the item's own columns, kept by the domain.
- `figures`: the period's items by (unit, type) and by procedure, every figure a conditional sum, in one
  statement and one pass over the items. PostgreSQL hashes both breakdowns at once (GROUPING SETS) while it
  reads the period's entries of ix_feedback_items_received. SQLite has neither grouping sets nor hashing, and
  sorting half a million entries to group them cost more than reading all of ix_feedback_items_report, whose
  columns start with unit, type and procedure, in order: it groups by all three as it reads (tens of
  thousands of groups at most), then adds those up both ways. That read grows with the whole history, not
  the period: about 0.25 s per million items on the bench machine;
- `daily_counts`: the monthly series, each part from a narrow index: the items received per day, the answers
  given per day, and the few items that may be overdue at a month end (open ones, late answers, late
  refusals), rather than every item received by the period's end.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    String,
    and_,
    case,
    cast,
    func,
    null,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.visitors import InternalTraversal

from feedback.legal_type import FeedbackType
from feedback.report_figures import DailyCounts, DatedCount, Figures, ProcedureFigures, ProcedureInfo, UnitTypeFigures
from feedback.status import CLOCK_PAUSED, IN_PROCESS_STATUSES, Status
from storage.feedback_models import FeedbackRecord as Item
from storage.models import ProcedureRecord

_ANSWERED = (str(Status.ANSWERED), str(Status.CLOSED))
_REFUSED = str(Status.REFUSED)
_PAUSED = str(Status.WAITING_FOR_CITIZEN)
# Not answered, closed or refused, and the clock running: the statuses an overdue open item can have.
_RUNNING = tuple(sorted(str(status) for status in IN_PROCESS_STATUSES - CLOCK_PAUSED))


class _NotForIndexSearch(ColumnElement[Any]):
    """A column that SQLite must not search an index by (its unary +, a no-op on the value).

    Without statistics SQLite prefers searching ix_feedback_items_received by the period's dates, then sorts
    every entry to group them; reading ix_feedback_items_report in grouping order needs no sort."""

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]  # noqa: RUF012 - SQLAlchemy's style

    def __init__(self, column: ColumnElement[Any]) -> None:
        self.column = column
        self.type = column.type


@compiles(_NotForIndexSearch)
def _plain(element: _NotForIndexSearch, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.column, **kw)


@compiles(_NotForIndexSearch, "sqlite")
def _unary_plus(element: _NotForIndexSearch, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(element.column, **kw)


def _count_if(condition: Any) -> Any:
    return func.count(case((condition, 1)))


class SqlReportQueries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @staticmethod
    def _in_scope(units: frozenset[str] | None) -> list[Any]:
        return [] if units is None else [Item.unit.in_(sorted(units))]

    async def figures(
        self, start: date, end: date, as_of: date, units: frozenset[str] | None
    ) -> tuple[list[UnitTypeFigures], list[ProcedureFigures]]:
        """The figures of the items received in [start, end] of `units` (None: all), by unit and type, and by
        procedure, in one statement that returns a few hundred lines (see the module docstring)."""
        answered = and_(Item.status.in_(_ANSWERED), Item.answered_on <= as_of)
        refused = and_(Item.status == _REFUSED, Item.closed_on <= as_of)
        overdue = and_(~answered, ~refused, Item.due < as_of, Item.status != _PAUSED)
        counts = {
            "received": func.count(),
            "on_time": _count_if(and_(answered, Item.answered_on <= Item.due)),
            "late": _count_if(and_(answered, Item.answered_on > Item.due)),
            "refused": _count_if(refused),
            "late_open": _count_if(overdue),
            "days": func.sum(case((answered, Item.answer_working_days))),
            "ratings": func.sum(Item.rating),
            "rated": func.count(Item.rating),
            "forwarded": _count_if(Item.first_forwarded_on <= as_of),
        }
        statement: Select[Any] | CompoundSelect[Any]
        if self._session.get_bind().dialect.name == "postgresql":
            statement = self._grouping_sets(start, end, units, counts)
        else:
            statement = self._grouped_in_index_order(start, end, units, counts)
        by_unit_type: list[UnitTypeFigures] = []
        by_procedure: list[ProcedureFigures] = []
        # Lines by (unit, type) have a type; lines by procedure have none.
        for unit, kind, procedure, *sums in await self._session.execute(statement):
            figures = _figures(*(int(value or 0) for value in sums))
            if kind is not None:
                by_unit_type.append(UnitTypeFigures(unit, FeedbackType(kind), figures))
            else:
                by_procedure.append(ProcedureFigures(procedure, figures))
        return by_unit_type, by_procedure

    def _grouping_sets(
        self, start: date, end: date, units: frozenset[str] | None, counts: dict[str, Any]
    ) -> Select[Any]:
        """PostgreSQL: both breakdowns hashed in one pass over the period's entries of the covering index
        ix_feedback_items_received."""
        return (
            select(Item.unit, Item.type, Item.procedure_code, *counts.values())
            .where(Item.received_on >= start, Item.received_on <= end, *self._in_scope(units))
            .group_by(func.grouping_sets(tuple_(Item.unit, Item.type), tuple_(Item.procedure_code)))
        )

    def _grouped_in_index_order(
        self, start: date, end: date, units: frozenset[str] | None, counts: dict[str, Any]
    ) -> CompoundSelect[Any]:
        """SQLite, which has neither grouping sets nor a hash aggregate: the items grouped by (unit, type,
        procedure) while ix_feedback_items_report is read in that order, then those groups added up both ways."""
        received_on = _NotForIndexSearch(Item.received_on.expression)
        groups = (
            select(Item.unit, Item.type, Item.procedure_code, *(value.label(name) for name, value in counts.items()))
            .where(received_on >= start, received_on <= end, *self._in_scope(units))
            .group_by(Item.unit, Item.type, Item.procedure_code)
            .cte("report_groups")  # read twice, computed once
        )
        sums = [func.sum(groups.c[name]) for name in counts]
        no_key = cast(null(), String)
        return union_all(
            select(groups.c.unit, groups.c.type, no_key, *sums).group_by(groups.c.unit, groups.c.type),
            select(no_key, no_key, groups.c.procedure_code, *sums).group_by(groups.c.procedure_code),
        )

    async def daily_counts(self, start: date, end: date, as_of: date, units: frozenset[str] | None) -> DailyCounts:
        """Received and answered per day of the period, and the items that may be overdue at a month end of it
        (see DailyCounts): answered or refused on or after `start` after their due date, or still open."""
        in_scope = self._in_scope(units)
        received = (
            select(Item.received_on, func.count())
            .where(Item.received_on >= start, Item.received_on <= end, *in_scope)
            .group_by(Item.received_on)
        )
        # Grouped by status first, in the order of ix_feedback_items_answered, so no sort is needed.
        answered = (
            select(Item.status, Item.answered_on, func.count())
            .where(
                Item.status.in_(_ANSWERED), Item.answered_on >= start, Item.answered_on <= min(end, as_of), *in_scope
            )
            .group_by(Item.status, Item.answered_on)
        )
        answered_per_day: dict[date, int] = {}
        for _, day, count in await self._session.execute(answered):
            if day is not None:  # answered items always have their day; the type cannot say so
                answered_per_day[day] = answered_per_day.get(day, 0) + count
        may_be_overdue = [Item.due < as_of, Item.received_on <= as_of, *in_scope]
        late_answers = (
            select(Item.received_on, Item.due, Item.answered_on, func.count())
            .where(Item.status.in_(_ANSWERED), Item.answered_on >= start, Item.answered_on > Item.due, *may_be_overdue)
            .group_by(Item.received_on, Item.due, Item.answered_on)
        )
        late_refusals = (
            select(Item.received_on, Item.due, Item.closed_on, func.count())
            .where(Item.status == _REFUSED, Item.closed_on >= start, Item.closed_on > Item.due, *may_be_overdue)
            .group_by(Item.received_on, Item.due, Item.closed_on)
        )
        open_items = (
            select(Item.received_on, Item.due, func.count())
            .where(Item.status.in_(_RUNNING), *may_be_overdue)
            .group_by(Item.received_on, Item.due)
        )
        maybe_overdue = [
            DatedCount(received_on, due, answered_on, True, False, count)
            for received_on, due, answered_on, count in await self._session.execute(late_answers)
        ]
        maybe_overdue += [
            DatedCount(received_on, due, refused_on, False, False, count)
            for received_on, due, refused_on, count in await self._session.execute(late_refusals)
        ]
        maybe_overdue += [
            DatedCount(received_on, due, None, False, False, count)
            for received_on, due, count in await self._session.execute(open_items)
        ]
        return DailyCounts(
            received={day: count for day, count in await self._session.execute(received)},
            answered=answered_per_day,
            maybe_overdue=tuple(maybe_overdue),
        )

    async def procedures(self, codes: Sequence[str]) -> dict[str, ProcedureInfo]:
        """Name and field of the given procedures, those the catalog has."""
        if not codes:
            return {}
        statement = select(ProcedureRecord.code, ProcedureRecord.name, ProcedureRecord.field).where(
            ProcedureRecord.code.in_(sorted(set(codes)))
        )
        return {code: ProcedureInfo(code, name, field) for code, name, field in await self._session.execute(statement)}


def _figures(
    received: int,
    on_time: int,
    late: int,
    refusals: int,
    late_open: int,
    days_sum: int,
    ratings: int,
    rated: int,
    forwarded: int,
) -> Figures:
    in_process = received - on_time - late - refusals
    return Figures(
        received=received,
        answered_on_time=on_time,
        answered_late=late,
        refused=refusals,
        in_process_within=in_process - late_open,
        in_process_overdue=late_open,
        forwarded=forwarded,
        answer_working_days=days_sum,
        rating_sum=ratings,
        rating_count=rated,
    )
