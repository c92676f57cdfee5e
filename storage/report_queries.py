"""The SQL behind the PAKN reports: every count is aggregated by the database (GROUP BY), never row by row.

Each query reads one index, never the rows with their texts (migrations 0007 and 0010; see
`feedback.domain.report_figures` and `feedback.domain.report_standing` for what each figure means):
- `figures`: the period's items by (unit, type) and by procedure, every figure a conditional sum, in one
  statement and one pass over the items: those whose unit, deadline and clock have not changed since "as of",
  which the current columns show as they stood then. PostgreSQL hashes both breakdowns at once (GROUPING SETS)
  while it reads the period's entries of ix_feedback_items_received. SQLite has neither grouping sets nor
  hashing, and sorting half a million entries to group them cost more than reading all of
  ix_feedback_items_report, whose columns start with unit, type and procedure, in order: it groups by all
  three as it reads (tens of thousands of groups at most), then adds those up both ways. That read grows with
  the whole history, not the period: about 0.25 s per million items on the bench machine;
- `histories`: the few items changed after a month's end they were received by (ix_feedback_items_changed)
  and their changes from the audit trail, which the domain rebuilds as they stood on each day it asks about;
- `forwards`: the forward entries of the period (ix_feedback_audit_forwards), at the forwarding unit;
- `daily_counts`: the monthly series, each part from a narrow index: the items received per day, the answers
  given in each month (ix_feedback_audit_answers, one pass with a sum per month), and the few items that may
  be overdue at a month end (open ones, late answers, late refusals), rather than every item received by the
  period's end.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    not_,
    null,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.visitors import InternalTraversal

from feedback.domain.deadlines import VIETNAM_TIME, local_date
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import STANDING_CHANGES, Standing
from feedback.domain.report_figures import (
    DailyCounts,
    DatedCount,
    Figures,
    ForwardCount,
    ProcedureFigures,
    ProcedureInfo,
    UnitTypeFigures,
)
from feedback.domain.report_standing import ItemHistory, StandingChange
from feedback.domain.status import IN_PROCESS_STATUSES, Status
from storage.feedback_models import AuditRecord as Entry
from storage.feedback_models import FeedbackRecord as Item
from storage.feedback_repository import audit_standing
from storage.models import ProcedureRecord

_ANSWERED = (str(Status.ANSWERED), str(Status.CLOSED))
_REFUSED = str(Status.REFUSED)
_WITHDRAWN = str(Status.WITHDRAWN)
_PAUSED = str(Status.WAITING_FOR_CITIZEN)
# No answer standing and not refused: the statuses an overdue item can have, paused ones included.
_IN_PROCESS = tuple(sorted(str(status) for status in IN_PROCESS_STATUSES))
_CHANGES = tuple(sorted(str(action) for action in STANDING_CHANGES))


def _start_of(day: date) -> datetime:
    """The instant a local day begins (Vietnam has kept UTC+7 all year since 1975)."""
    return datetime.combine(day, time(), VIETNAM_TIME).astimezone(UTC)


def _answered_by(day: date) -> ColumnElement[bool]:
    return and_(Item.status.in_(_ANSWERED), Item.answered_on <= day)


def _refused_by(day: date) -> ColumnElement[bool]:
    return and_(Item.status == _REFUSED, Item.closed_on <= day)


def _withdrawn_by(day: date) -> ColumnElement[bool]:
    return and_(Item.status == _WITHDRAWN, Item.closed_on <= day)


# Waiting for the citizen within the deadline: never overdue while it waits. Paused when already overdue
# (days left negative at the pause), it stays overdue (feedback.domain.report_standing).
_STOPPED_IN_TIME = and_(Item.status == _PAUSED, func.coalesce(Item.days_left_at_pause, 0) >= 0)


# What `audit_standing` reads of an entry, and when it was.
_STANDING_COLUMNS = (
    Entry.item_id,
    Entry.at,
    Entry.local_day,
    Entry.from_status,
    Entry.from_unit,
    Entry.from_due,
    Entry.from_answered_on,
    Entry.from_answer_working_days,
    Entry.from_days_left_at_pause,
)


def _unchanged_since(day: date) -> ColumnElement[bool]:
    """The current columns show the item as it stood at the close of `day`."""
    return or_(Item.standing_changed_on.is_(None), Item.standing_changed_on <= day)


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


_DAY = timedelta(days=1)


class SqlReportQueries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @staticmethod
    def _in_scope(units: frozenset[str] | None) -> list[Any]:
        return [] if units is None else [Item.unit.in_(sorted(units))]

    async def figures(
        self, start: date, end: date, as_of: date, units: frozenset[str] | None
    ) -> tuple[list[UnitTypeFigures], list[ProcedureFigures]]:
        """The figures of the items received in [start, end] of `units` (None: all) unchanged since `as_of`, by
        unit and type, and by procedure, in one statement that returns a few hundred lines (see the module
        docstring)."""
        answered = _answered_by(as_of)
        overdue = and_(~answered, ~_refused_by(as_of), ~_withdrawn_by(as_of), Item.due < as_of, ~_STOPPED_IN_TIME)
        counts = {
            "received": func.count(),
            "on_time": _count_if(and_(answered, Item.answered_on <= Item.due)),
            "late": _count_if(and_(answered, Item.answered_on > Item.due)),
            "refused": _count_if(_refused_by(as_of)),
            "withdrawn": _count_if(_withdrawn_by(as_of)),
            "late_open": _count_if(overdue),
            "days": func.sum(case((answered, Item.answer_working_days))),
            "ratings": func.sum(Item.rating),
            "rated": func.count(Item.rating),
        }
        scope = [*self._in_scope(units), _unchanged_since(as_of)]
        statement: Select[Any] | CompoundSelect[Any]
        if self._session.get_bind().dialect.name == "postgresql":
            statement = self._grouping_sets(start, end, scope, counts)
        else:
            statement = self._grouped_in_index_order(start, end, scope, counts)
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

    def _grouping_sets(self, start: date, end: date, scope: list[Any], counts: dict[str, Any]) -> Select[Any]:
        """PostgreSQL: both breakdowns hashed in one pass over the period's entries of the covering index
        ix_feedback_items_received."""
        return (
            select(Item.unit, Item.type, Item.procedure_code, *counts.values())
            .where(Item.received_on >= start, Item.received_on <= end, *scope)
            .group_by(func.grouping_sets(tuple_(Item.unit, Item.type), tuple_(Item.procedure_code)))
        )

    def _grouped_in_index_order(
        self, start: date, end: date, scope: list[Any], counts: dict[str, Any]
    ) -> CompoundSelect[Any]:
        """SQLite, which has neither grouping sets nor a hash aggregate: the items grouped by (unit, type,
        procedure) while ix_feedback_items_report is read in that order, then those groups added up both ways."""
        received_on = _NotForIndexSearch(Item.received_on.expression)
        groups = (
            select(Item.unit, Item.type, Item.procedure_code, *(value.label(name) for name, value in counts.items()))
            .where(received_on >= start, received_on <= end, *scope)
            .group_by(Item.unit, Item.type, Item.procedure_code)
            .cte("report_groups")  # read twice, computed once
        )
        sums = [func.sum(groups.c[name]) for name in counts]
        no_key = cast(null(), String)
        return union_all(
            select(groups.c.unit, groups.c.type, no_key, *sums).group_by(groups.c.unit, groups.c.type),
            select(no_key, no_key, groups.c.procedure_code, *sums).group_by(groups.c.procedure_code),
        )

    async def forwards(self, start: date, as_of: date, units: frozenset[str] | None) -> list[ForwardCount]:
        """The forward entries from `start` to `as_of`, by forwarding unit, type and procedure. An entry older
        than migration 0010 kept no unit: it counts at the item's unit now, as reports did before."""
        unit = case((Entry.from_due.is_(None), Item.unit), else_=Entry.from_unit)
        statement = (
            select(unit, Item.type, Item.procedure_code, func.count())
            .select_from(Entry)
            .join(Item, Item.id == Entry.item_id)
            .where(Entry.action == "forward", Entry.at >= _start_of(start), Entry.at < _start_of(as_of + _DAY))
            .group_by(unit, Item.type, Item.procedure_code)
        )
        if units is not None:
            statement = statement.where(unit.in_(sorted(units)))
        return [
            ForwardCount(code, FeedbackType(kind), procedure, count)
            for code, kind, procedure, count in await self._session.execute(statement)
        ]

    async def histories(
        self, start: date, end: date, as_of: date, days: Sequence[date], units: frozenset[str] | None
    ) -> list[ItemHistory]:
        """The items changed after one of `days` that were received by it and may count in the report then,
        with their changes after the first of `days` (see ReportQueries.histories)."""
        # The items that straddle one of the days, found in ix_feedback_items_changed alone; then their rows.
        straddling = select(Item.id).where(
            Item.standing_changed_on > Item.received_on,  # the index's condition
            Item.standing_changed_on > days[0],
            or_(*(and_(Item.received_on <= day, Item.standing_changed_on > day) for day in days)),
        )
        settled_before = or_(
            and_(Item.status.in_(_ANSWERED), Item.answered_on < start),
            and_(Item.status.in_((_REFUSED, _WITHDRAWN)), Item.closed_on < start),
        )
        wanted = [Item.id.in_(straddling), not_(settled_before)]
        if units is not None:  # an item never forwarded was always at its unit
            wanted.append(or_(Item.unit.in_(sorted(units)), Item.first_forwarded_on.is_not(None)))
        items = (
            await self._session.execute(
                select(
                    Item.id,
                    Item.received_on,
                    Item.type,
                    Item.procedure_code,
                    Item.rating,
                    Item.closed_on,
                    Item.standing_changed_on,
                    Item.unit,
                    Item.status,
                    Item.due,
                    Item.answered_on,
                    Item.answer_working_days,
                    Item.days_left_at_pause,
                ).where(*wanted)
            )
        ).all()
        if not items:
            return []
        entries = await self._session.execute(
            select(*_STANDING_COLUMNS)
            .where(
                Entry.item_id.in_(straddling),
                Entry.action.in_(_CHANGES),
                Entry.at >= _start_of(days[0] + _DAY),
            )
            .order_by(Entry.item_id, Entry.at, Entry.id)
        )
        changes: dict[int, list[StandingChange]] = {}
        for entry in entries:
            day = entry.local_day or local_date(entry.at)
            changes.setdefault(entry.item_id, []).append(StandingChange(day, audit_standing(entry)))
        return [
            ItemHistory(
                received_on=row.received_on,
                type=FeedbackType(row.type),
                procedure_code=row.procedure_code,
                rating=row.rating,
                closed_on=row.closed_on,
                changed_on=row.standing_changed_on,
                current=Standing(
                    row.unit,
                    Status(row.status),
                    row.due,
                    row.answered_on,
                    row.answer_working_days,
                    row.days_left_at_pause,
                ),
                changes=tuple(changes.get(row.id, ())),
            )
            for row in items
        ]

    async def daily_counts(self, start: date, end: date, as_of: date, units: frozenset[str] | None) -> DailyCounts:
        """Received per day of the period, answers per month, and the items that may be overdue at a month end
        of it (see DailyCounts): answered, refused or withdrawn on or after `start` after their due date, or in
        process."""
        in_scope = self._in_scope(units)
        received = (
            select(Item.received_on, func.count())
            .where(Item.received_on >= start, Item.received_on <= end, _unchanged_since(as_of), *in_scope)
            .group_by(Item.received_on)
        )
        may_be_overdue = [Item.due < as_of, Item.received_on <= as_of, *in_scope]
        late_answers = (
            select(Item.received_on, Item.due, Item.answered_on, Item.standing_changed_on, func.count())
            .where(Item.status.in_(_ANSWERED), Item.answered_on >= start, Item.answered_on > Item.due, *may_be_overdue)
            .group_by(Item.received_on, Item.due, Item.answered_on, Item.standing_changed_on)
        )
        # Refused or withdrawn late: overdue until then.
        late_refusals = (
            select(Item.received_on, Item.due, Item.closed_on, Item.standing_changed_on, func.count())
            .where(
                Item.status.in_((_REFUSED, _WITHDRAWN)),
                Item.closed_on >= start,
                Item.closed_on > Item.due,
                *may_be_overdue,
            )
            .group_by(Item.received_on, Item.due, Item.closed_on, Item.standing_changed_on)
        )
        stopped = case((_STOPPED_IN_TIME, 1), else_=0)
        open_items = (
            select(Item.received_on, Item.due, stopped, Item.standing_changed_on, func.count())
            .where(Item.status.in_(_IN_PROCESS), *may_be_overdue)
            .group_by(Item.received_on, Item.due, stopped, Item.standing_changed_on)
        )
        maybe_overdue = [
            DatedCount(received_on, due, settled_on, False, changed_on, count)
            for statement in (late_answers, late_refusals)
            for received_on, due, settled_on, changed_on, count in await self._session.execute(statement)
        ]
        maybe_overdue += [
            DatedCount(received_on, due, None, bool(is_stopped), changed_on, count)
            for received_on, due, is_stopped, changed_on, count in await self._session.execute(open_items)
        ]
        return DailyCounts(
            received={day: count for day, count in await self._session.execute(received)},
            answered=await self._answers_by_month(start, end, as_of, units),
            maybe_overdue=tuple(maybe_overdue),
        )

    async def _answers_by_month(
        self, start: date, end: date, as_of: date, units: frozenset[str] | None
    ) -> dict[date, int]:
        """The answer entries of each month of the period up to `as_of`, counted per local day while
        ix_feedback_audit_answers is read in that order, at the unit that gave the answer. An entry older than
        migration 0010 kept neither its day nor its unit: those few are read one by one, at the item's unit now."""
        last = min(end, as_of)
        if last < start:
            return {}
        answers = Entry.action == "answer"
        per_day = (
            select(Entry.local_day, func.count())
            .where(answers, Entry.local_day >= start, Entry.local_day <= last)
            .group_by(Entry.local_day)
        )
        older = select(Entry.at).where(
            answers, Entry.local_day.is_(None), Entry.at >= _start_of(start), Entry.at < _start_of(last + _DAY)
        )
        if units is not None:
            scope = sorted(units)
            per_day = per_day.where(Entry.from_unit.in_(scope))
            older = older.where(exists().where(Item.id == Entry.item_id, Item.unit.in_(scope)))
        months: dict[date, int] = {}
        for day, count in await self._session.execute(per_day):
            if day is not None:  # the query asks for days in the period; the column's type cannot say so
                months[day.replace(day=1)] = months.get(day.replace(day=1), 0) + count
        for (at,) in await self._session.execute(older):
            month = local_date(at).replace(day=1)
            months[month] = months.get(month, 0) + 1
        return months

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
    withdrawals: int,
    late_open: int,
    days_sum: int,
    ratings: int,
    rated: int,
) -> Figures:
    in_process = received - on_time - late - refusals - withdrawals
    return Figures(
        received=received,
        answered_on_time=on_time,
        answered_late=late,
        refused=refusals,
        withdrawn=withdrawals,
        in_process_within=in_process - late_open,
        in_process_overdue=late_open,
        answer_working_days=days_sum,
        rating_sum=ratings,
        rating_count=rated,
    )
