"""The PAKN figures agencies file, in the seeds' own terms, and how they add up by unit, type, field and procedure.

The per-unit table of the agencies' reports (e.g. "Kết quả giải quyết … tính từ ngày 15/12/2022 đến ngày
13/12/2023") splits what was received into what was settled (on time or before, late) and what is not yet
settled (within the deadline, overdue), and gives the on-time rate: 14.083 received = 13.676 + 343 settled
+ 64 + 0 not settled, and 97,55 % = 13.676 / (13.676 + 343). We keep that identity and add the PAKN outcome
the table has no column for, a refusal (từ chối tiếp nhận), so that

    received = answered on time + answered late + refused + withdrawn + in process within deadline
               + in process overdue,

where "withdrawn" are the items the filer took back before an answer (pakn-rules: they count as withdrawn,
not as received and unanswered).

Definitions, for the items *received* in the period [start, end] (local dates) of the units in scope:
- "as of" is the end of the period, or today if that is earlier. Each item is taken as it stood at the close of
  that day (`feedback.domain.report_standing`): at the unit responsible for it then, answered or refused only if that
  had happened by then, in process otherwise; overdue when its deadline was before "as of", unless its clock
  was stopped within the deadline (an item paused when already overdue stays overdue). So a later forward,
  extension, pause or reopen does not change a closed period's figures. An item reopened by "as of" owes a
  new answer and is in process.
- answered on time: answered by the close of its due day (the seeds' "trước hạn, đúng hạn"); late: after.
- two on-time rates, each with its denominator stated wherever it is shown: on time ÷ answered (the seeds'
  97,55 %), and on time ÷ the items whose deadline has come, answered or overdue in process (the seeds'
  "đến hạn giải quyết": 80.898 of 86.021, 94,04 %).
- forwarded: the forwards a unit made in the period up to "as of" (ND 20/2008 Art. 9), counted at the
  forwarding unit, whenever the item came in. Not part of the identity: the item itself counts at the unit
  responsible for it.
- average working days to answer: over the answered items, working days from receipt to answer, receipt
  day not counted (and a receipt on a day off deemed on the next working day), as deadlines count them
  (`deadlines.working_days_to_answer`, kept on the item when it is answered).
- satisfaction: the average of the citizens' ratings (1 to 5) given on the items, over the rated ones.

The monthly series is the flow and the stock: received in each month (the period's items), the answers given
in each month (to any item, whenever it came in; an answer later reopened still counts in its month), and the
items overdue at each month's end (at "as of" for the last month), the stock of the seeds' "quá hạn" column,
carried over from earlier periods included.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from feedback.domain.legal_type import FeedbackType
from feedback.domain.report_standing import ItemHistory, Outcome, outcome_at, overdue_at
from feedback.domain.units import Unit, UnitTree


@dataclass(frozen=True)
class Figures:
    """The counts for one line of a report; every figure shown is derived from these sums."""

    received: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    refused: int = 0
    withdrawn: int = 0
    in_process_within: int = 0
    in_process_overdue: int = 0
    forwarded: int = 0
    answer_working_days: int = 0  # summed over the answered items
    rating_sum: int = 0
    rating_count: int = 0

    def __add__(self, other: Figures) -> Figures:
        # Spelt out, not through dataclasses.astuple and its deep copies: a yearly report adds thousands.
        return Figures(
            self.received + other.received,
            self.answered_on_time + other.answered_on_time,
            self.answered_late + other.answered_late,
            self.refused + other.refused,
            self.withdrawn + other.withdrawn,
            self.in_process_within + other.in_process_within,
            self.in_process_overdue + other.in_process_overdue,
            self.forwarded + other.forwarded,
            self.answer_working_days + other.answer_working_days,
            self.rating_sum + other.rating_sum,
            self.rating_count + other.rating_count,
        )

    @property
    def answered(self) -> int:
        return self.answered_on_time + self.answered_late

    @property
    def in_process(self) -> int:
        return self.in_process_within + self.in_process_overdue

    @property
    def overdue(self) -> int:
        """Late in either way: answered late, or in process past the due date."""
        return self.answered_late + self.in_process_overdue

    @property
    def deadline_come(self) -> int:
        """The items whose deadline has come: answered (whenever), or in process past the deadline."""
        return self.answered + self.in_process_overdue

    @property
    def on_time_rate(self) -> float | None:
        """Answered on time as a percentage of the answered items, as in the seeds' table; None with none.

        In-process items are left out, overdue ones included: they have no answer yet, and the table shows
        them in their own column. Refused items are left out too: they got a decision, not an answer."""
        return 100 * self.answered_on_time / self.answered if self.answered else None

    @property
    def on_time_rate_of_deadline_come(self) -> float | None:
        """Answered on time as a percentage of the items whose deadline has come (`deadline_come`); None with
        none. Lower than `on_time_rate` by the overdue items still in process."""
        return 100 * self.answered_on_time / self.deadline_come if self.deadline_come else None

    @property
    def average_answer_days(self) -> float | None:
        return self.answer_working_days / self.answered if self.answered else None

    @property
    def satisfaction(self) -> float | None:
        return self.rating_sum / self.rating_count if self.rating_count else None


NO_FIGURES = Figures()


@dataclass(frozen=True)
class UnitTypeFigures:
    """Storage's aggregate for the period's items of one unit (None: not routed yet) and one type."""

    unit: str | None
    type: FeedbackType
    figures: Figures


@dataclass(frozen=True)
class ProcedureFigures:
    """Storage's aggregate for the period's items related to one procedure (None: to none)."""

    procedure_code: str | None
    figures: Figures


@dataclass(frozen=True)
class ForwardCount:
    """Forwards made by `unit` (None: items not routed yet) of items of this type and procedure."""

    unit: str | None
    type: FeedbackType
    procedure_code: str | None
    count: int


@dataclass(frozen=True)
class DatedCount:
    """How many items of the scope share these dates, for the overdue stock at month ends.

    `settled_on` is when the item was answered or refused, None while in process; `stopped`: its clock is
    stopped within its deadline (waiting for the citizen, not overdue when paused); `changed_on`: the last day
    its unit, deadline or clock changed: at the end of an earlier month the item is taken from its history."""

    received_on: date
    due: date
    settled_on: date | None
    stopped: bool
    changed_on: date | None
    count: int


@dataclass(frozen=True)
class DailyCounts:
    """What storage gives for the monthly series, each part found through its own index.

    `received`: the items received on each day of the period whose standing did not change after "as of";
    `answered`: the answers given in each month of the period (keyed by its first day) up to "as of";
    `maybe_overdue`: the items that may be overdue at some month end, those in process, or settled after their
    due date and not before the period (a superset is harmless)."""

    received: Mapping[date, int]
    answered: Mapping[date, int]
    maybe_overdue: tuple[DatedCount, ...]


@dataclass(frozen=True)
class ProcedureInfo:
    code: str
    name: str
    field: str | None


@dataclass(frozen=True)
class Line:
    """One row of a breakdown: `key` identifies it (a unit code, a type, a field, a procedure code), None for
    the breakdown's "none" line (no unit yet, no procedure or field); `name` is the unit's or procedure's name
    from the data, None where the exporter names the line itself (types, "none" lines); `depth` indents units
    under their parents, `parent` names the unit's parent line (None for the top lines)."""

    key: str | None
    name: str | None
    figures: Figures
    depth: int = 0
    parent: str | None = None


@dataclass(frozen=True)
class MonthPoint:
    month: date  # the first day of the month
    received: int
    answered: int
    overdue_at_end: int | None  # at the month's last day, or at "as of" in its month; None after "as of"


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    as_of: date
    unit: str | None  # the unit asked for; None: every unit
    unit_name: str | None
    include_sub_units: bool
    total: Figures
    by_unit: tuple[Line, ...]
    by_type: tuple[Line, ...]
    by_field: tuple[Line, ...]
    by_procedure: tuple[Line, ...]
    months: tuple[MonthPoint, ...]

    @property
    def overdue_at_as_of(self) -> int:
        """The items of the scope overdue at the close of "as of", received in the period or before it."""
        stocks = [point.overdue_at_end for point in self.months if point.overdue_at_end is not None]
        return stocks[-1] if stocks else self.total.in_process_overdue

    @property
    def overdue_carried_over(self) -> int:
        """Of those, the items received before the period (the table does not show them)."""
        return max(0, self.overdue_at_as_of - self.total.in_process_overdue)


def as_of(end: date, today: date) -> date:
    """The day the "in process" figures are taken: the end of the period, or today if that is earlier."""
    return min(end, today)


def total(groups: Iterable[UnitTypeFigures]) -> Figures:
    return sum((group.figures for group in groups), NO_FIGURES)


def _summed(pairs: Iterable[tuple[object, Figures]]) -> dict[object, Figures]:
    sums: dict[object, Figures] = {}
    for key, figures in pairs:
        sums[key] = sums.get(key, NO_FIGURES) + figures
    return sums


def by_unit(groups: Iterable[UnitTypeFigures], tree: UnitTree, scope: frozenset[str] | None) -> tuple[Line, ...]:
    """One line per unit of the scope in tree order, each with its sub-units' figures rolled up into it.

    `scope` None means every unit: then units the items name but the tree lacks come last as roots, and the
    items not routed to a unit yet get a line of their own. A unit's line includes its sub-units, so the
    total is the sum of the top lines (depth 0), not of every line."""
    own = _summed((group.unit, group.figures) for group in groups)
    lines: list[Line] = []

    def in_scope(code: str) -> bool:
        return scope is None or code in scope

    top_depth: int | None = None
    for depth, unit in tree.walk():
        if not in_scope(unit.code):
            continue
        if top_depth is None or depth < top_depth:
            top_depth = depth
        rolled = sum((own.get(code, NO_FIGURES) for code in tree.descendants(unit.code) if in_scope(code)), NO_FIGURES)
        parent = unit.parent if unit.parent is not None and in_scope(unit.parent) else None
        lines.append(Line(unit.code, unit.name, rolled, depth, parent))
    base = top_depth or 0
    lines = [dataclasses.replace(line, depth=line.depth - base) for line in lines]
    if scope is None:
        unknown = sorted(code for code in own if isinstance(code, str) and code not in tree)
        lines += [Line(code, code, own[code]) for code in unknown]
        if None in own:
            lines.append(Line(None, None, own[None]))
    return tuple(lines)


def by_type(groups: Iterable[UnitTypeFigures]) -> tuple[Line, ...]:
    """One line per PAKN type, every type present even with no items."""
    sums = _summed((group.type, group.figures) for group in groups)
    return tuple(Line(str(kind), None, sums.get(kind, NO_FIGURES)) for kind in FeedbackType)


def by_field(groups: Iterable[ProcedureFigures], procedures: Mapping[str, ProcedureInfo]) -> tuple[Line, ...]:
    """Lines by the field (lĩnh vực) of the related procedure, most received first; items with no procedure,
    or a procedure without a field, on a "none" line at the end."""

    def field_of(code: str | None) -> str | None:
        info = procedures.get(code) if code else None
        return info.field if info is not None and info.field else None

    sums = _summed((field_of(group.procedure_code), group.figures) for group in groups)
    named = sorted((key for key in sums if key is not None), key=lambda key: (-sums[key].received, key))
    lines = [Line(str(key), str(key), sums[key]) for key in named]
    if None in sums:
        lines.append(Line(None, None, sums[None]))
    return tuple(lines)


def by_procedure(groups: Iterable[ProcedureFigures], procedures: Mapping[str, ProcedureInfo]) -> tuple[Line, ...]:
    """Lines by related procedure, most received first; the items with none at the end."""
    sums = _summed((group.procedure_code, group.figures) for group in groups)
    named = sorted((key for key in sums if key is not None), key=lambda key: (-sums[key].received, key))
    lines = []
    for code in named:
        info = procedures.get(str(code))
        lines.append(Line(str(code), info.name if info is not None else None, sums[code]))
    if None in sums:
        lines.append(Line(None, None, sums[None]))
    return tuple(lines)


def month_starts(start: date, end: date) -> list[date]:
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def stock_days(start: date, end: date, as_of_day: date) -> list[date | None]:
    """The day each month's overdue stock is taken: its last day within the period, or "as of" in the month of
    "as of"; None for a month after "as of"."""
    firsts = month_starts(start, end)
    lasts = [min((first + timedelta(days=32)).replace(day=1) - timedelta(days=1), end) for first in firsts]
    return [min(last, as_of_day) if first <= as_of_day else None for first, last in zip(firsts, lasts, strict=True)]


def _in(scope: frozenset[str] | None, unit: str | None) -> bool:
    return scope is None or unit in scope


def item_figures(outcome: Outcome, answer_working_days: int | None, rating: int | None) -> Figures:
    """One item's contribution to the figures, from where it stands."""
    rated = {"rating_sum": rating, "rating_count": 1} if rating is not None else {}
    match outcome:
        case Outcome.ON_TIME | Outcome.LATE:
            days = answer_working_days or 0
            on_time = outcome == Outcome.ON_TIME
            return Figures(
                received=1,
                answered_on_time=int(on_time),
                answered_late=int(not on_time),
                answer_working_days=days,
                **rated,
            )
        case Outcome.REFUSED:
            return Figures(received=1, refused=1, **rated)
        case Outcome.WITHDRAWN:
            return Figures(received=1, withdrawn=1, **rated)
        case Outcome.OVERDUE:
            return Figures(received=1, in_process_overdue=1, **rated)
    return Figures(received=1, in_process_within=1, **rated)


def rebuilt(
    histories: Iterable[ItemHistory], start: date, end: date, as_of_day: date, scope: frozenset[str] | None
) -> tuple[list[UnitTypeFigures], list[ProcedureFigures]]:
    """The figures of the period's items changed after "as of", as they stood then, at their unit then."""
    by_unit_type: list[UnitTypeFigures] = []
    by_procedure_code: list[ProcedureFigures] = []
    for history in histories:
        if not (start <= history.received_on <= end and history.changed_on > as_of_day):
            continue
        standing = history.standing_at(as_of_day)
        if not _in(scope, standing.unit):
            continue
        outcome = outcome_at(standing, history.closed_on, as_of_day)
        figures = item_figures(outcome, standing.answer_working_days, history.rating)
        by_unit_type.append(UnitTypeFigures(standing.unit, history.type, figures))
        by_procedure_code.append(ProcedureFigures(history.procedure_code, figures))
    return by_unit_type, by_procedure_code


def forwarded(forwards: Iterable[ForwardCount]) -> tuple[list[UnitTypeFigures], list[ProcedureFigures]]:
    """The forwards as figures of the forwarding unit, and of the items' procedures."""
    by_unit_type: dict[tuple[str | None, FeedbackType], int] = {}
    by_procedure_code: dict[str | None, int] = {}
    for forward in forwards:
        key = (forward.unit, forward.type)
        by_unit_type[key] = by_unit_type.get(key, 0) + forward.count
        by_procedure_code[forward.procedure_code] = by_procedure_code.get(forward.procedure_code, 0) + forward.count
    return (
        [UnitTypeFigures(unit, kind, Figures(forwarded=count)) for (unit, kind), count in by_unit_type.items()],
        [ProcedureFigures(code, Figures(forwarded=count)) for code, count in by_procedure_code.items()],
    )


def monthly_series(
    daily: DailyCounts,
    histories: Sequence[ItemHistory],
    *,
    start: date,
    end: date,
    as_of_day: date,
    scope: frozenset[str] | None,
) -> tuple[MonthPoint, ...]:
    """Received and answered in each month of [start, end], and the overdue stock at each month's end.

    An item is overdue at the close of day d when it came in by d and was overdue then, at a unit of the scope
    (see `feedback.domain.report_standing`); storage's rows give the items whose standing has not changed since d,
    the histories the others. A month after "as of" has no stock yet (None)."""
    firsts = month_starts(start, end)
    days = stock_days(start, end, as_of_day)
    received = [0] * len(firsts)
    overdue = [0] * len(firsts)

    def index(day: date) -> int | None:
        if not start <= day <= end:
            return None
        return (day.year - start.year) * 12 + day.month - start.month

    for day, count in daily.received.items():
        if (i := index(day)) is not None:
            received[i] += count
    for history in histories:
        moved_since = history.changed_on > as_of_day and _in(scope, history.standing_at(as_of_day).unit)
        if moved_since and (i := index(history.received_on)) is not None:
            received[i] += 1
    for row in daily.maybe_overdue:
        for i, stock_day in enumerate(days):
            if stock_day is None or row.stopped or not (row.due < stock_day and row.received_on <= stock_day):
                continue
            if row.changed_on is not None and row.changed_on > stock_day:
                continue  # taken from its history
            if row.settled_on is None or row.settled_on > stock_day:
                overdue[i] += row.count
    for history in histories:
        for i, stock_day in enumerate(days):
            if stock_day is None or history.changed_on <= stock_day or history.received_on > stock_day:
                continue
            standing = history.standing_at(stock_day)
            if _in(scope, standing.unit) and overdue_at(standing, history.closed_on, stock_day):
                overdue[i] += 1
    return tuple(
        MonthPoint(first, received[i], daily.answered.get(first, 0), overdue[i] if days[i] is not None else None)
        for i, first in enumerate(firsts)
    )


def assemble(
    *,
    start: date,
    end: date,
    as_of_day: date,
    unit: Unit | None,
    include_sub_units: bool,
    tree: UnitTree,
    scope: frozenset[str] | None,
    by_unit_type: list[UnitTypeFigures],
    by_procedure_code: list[ProcedureFigures],
    forwards: list[ForwardCount],
    histories: list[ItemHistory],
    daily: DailyCounts,
    procedures: Mapping[str, ProcedureInfo],
) -> Report:
    """The report from storage's aggregates (the items unchanged since "as of"), the rebuilt histories of the
    others and the forwards: every breakdown sums to the same total."""
    rebuilt_units, rebuilt_procedures = rebuilt(histories, start, end, as_of_day, scope)
    forward_units, forward_procedures = forwarded(forwards)
    groups = [*by_unit_type, *rebuilt_units, *forward_units]
    procedure_groups = [*by_procedure_code, *rebuilt_procedures, *forward_procedures]
    return Report(
        start=start,
        end=end,
        as_of=as_of_day,
        unit=unit.code if unit is not None else None,
        unit_name=unit.name if unit is not None else None,
        include_sub_units=include_sub_units,
        total=total(groups),
        by_unit=by_unit(groups, tree, scope),
        by_type=by_type(groups),
        by_field=by_field(procedure_groups, procedures),
        by_procedure=by_procedure(procedure_groups, procedures),
        months=monthly_series(daily, histories, start=start, end=end, as_of_day=as_of_day, scope=scope),
    )
