"""The PAKN figures agencies file, in the seeds' own terms, and how they add up by unit, type, field and procedure.

The per-unit table of the agencies' reports (e.g. "Kết quả giải quyết … tính từ ngày 15/12/2022 đến ngày
13/12/2023") splits what was received into what was settled (on time or before, late) and what is not yet
settled (within the deadline, overdue), and gives the on-time rate: 14.083 received = 13.676 + 343 settled
+ 64 + 0 not settled, and 97,55 % = 13.676 / (13.676 + 343). We keep that identity and add the PAKN outcome
the table has no column for, a refusal (từ chối tiếp nhận), so that

    received = answered on time + answered late + refused + in process within deadline + in process overdue.

Definitions, for the items *received* in the period [start, end] (local dates) of the units in scope:
- "as of" is the end of the period, or today if that is earlier: an item counts as answered or refused only
  if that happened by then; everything else is in process, overdue when its due date is before "as of" and
  its clock is running (an item waiting for the citizen is never overdue). An item the citizen reopened owes
  a new answer and is in process. Storage reconstructs "by then" from the dates each item keeps (the day it
  was answered, refused, first forwarded); its unit, due date and pause are the current ones, so a report of
  a past period can differ from one printed then for items moved, extended or paused since.
- answered on time: answered by the close of its due day (the seeds' "trước hạn, đúng hạn"); late: after.
- forwarded: items forwarded to another unit at least once by "as of" (ND 20/2008 Art. 9). An "of which"
  figure, not part of the identity: a forwarded item is counted once more, where it is now.
- average working days to answer: over the answered items, working days from receipt to answer, receipt
  day not counted (and a receipt on a day off deemed on the next working day), as deadlines count them
  (`deadlines.working_days_to_answer`, kept on the item when it is answered).
- satisfaction: the average of the citizens' ratings (1 to 5) given on the items, over the rated ones.

The monthly series is the flow and the stock: received and answered in each month (answers given in it,
whenever the item came in), and the items overdue at each month's end (at "as of" for the last month), the
stock of the seeds' "quá hạn" column, carried over from earlier periods included.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from feedback.legal_type import FeedbackType
from feedback.units import Unit, UnitTree


@dataclass(frozen=True)
class Figures:
    """The counts for one line of a report; every figure shown is derived from these sums."""

    received: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    refused: int = 0
    in_process_within: int = 0
    in_process_overdue: int = 0
    forwarded: int = 0
    answer_working_days: int = 0  # summed over the answered items
    rating_sum: int = 0
    rating_count: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            *(mine + theirs for mine, theirs in zip(dataclasses.astuple(self), dataclasses.astuple(other), strict=True))
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
    def on_time_rate(self) -> float | None:
        """Answered on time as a percentage of the answered items, as in the seeds' table; None with none.

        In-process items are left out, overdue ones included: they have no answer yet, and the table shows
        them in their own column. Refused items are left out too: they got a decision, not an answer."""
        return 100 * self.answered_on_time / self.answered if self.answered else None

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


"""Forwarded items by (unit, type, procedure): few enough to count once and fold into both aggregates."""


@dataclass(frozen=True)
class DatedCount:
    """How many items of the scope share these dates, for the monthly series.

    `settled_on` is when the item was answered (`answered`) or refused, None while in process;
    `due` matters only for the overdue stock; `clock_paused`: waiting for the citizen now."""

    received_on: date
    due: date
    settled_on: date | None
    answered: bool
    clock_paused: bool
    count: int


@dataclass(frozen=True)
class DailyCounts:
    """What storage gives for the monthly series, each part found through its own index.

    `received`: the items received on each day of the period; `answered`: the answers given on each day of the
    period up to "as of"; `maybe_overdue`: the items that may be overdue at some month end, those not settled
    and not paused, or settled after their due date and not before the period (a superset is harmless)."""

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
    under their parents."""

    key: str | None
    name: str | None
    figures: Figures
    depth: int = 0


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
        lines.append(Line(unit.code, unit.name, rolled, depth))
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


def months(counts: Iterable[DatedCount], start: date, end: date, as_of_day: date) -> tuple[MonthPoint, ...]:
    """Received and answered in each month of [start, end], and the overdue stock at each month's end, from
    every item of the scope received by `end` and not settled before `start`, grouped by their dates."""
    rows = tuple(counts)
    received: dict[date, int] = {}
    answered: dict[date, int] = {}
    for row in rows:
        received[row.received_on] = received.get(row.received_on, 0) + row.count
        if row.answered and row.settled_on is not None and row.settled_on <= as_of_day:
            answered[row.settled_on] = answered.get(row.settled_on, 0) + row.count
    return monthly_series(DailyCounts(received, answered, rows), start, end, as_of_day)


def monthly_series(daily: DailyCounts, start: date, end: date, as_of_day: date) -> tuple[MonthPoint, ...]:
    """Received and answered in each month of [start, end], and the overdue stock at each month's end.

    An item is overdue at the close of day d when its due day is before d, it came in by d, it was not
    answered or refused by d, and its clock runs (see the module docstring). A month after "as of" has no
    stock yet (0)."""
    firsts = month_starts(start, end)
    ends = [min((first + timedelta(days=32)).replace(day=1) - timedelta(days=1), end) for first in firsts]
    stock_days = [
        min(last, as_of_day) if first <= as_of_day else None for first, last in zip(firsts, ends, strict=True)
    ]
    received = [0] * len(firsts)
    answered = [0] * len(firsts)
    overdue = [0] * len(firsts)

    def index(day: date) -> int | None:
        if not start <= day <= end:
            return None
        return (day.year - start.year) * 12 + day.month - start.month

    for day, count in daily.received.items():
        if (i := index(day)) is not None:
            received[i] += count
    for day, count in daily.answered.items():
        if (i := index(day)) is not None:
            answered[i] += count
    for row in daily.maybe_overdue:
        if row.clock_paused and row.settled_on is None:
            continue
        for i, stock_day in enumerate(stock_days):
            if stock_day is None or not (row.due < stock_day and row.received_on <= stock_day):
                continue
            if row.settled_on is None or row.settled_on > stock_day:
                overdue[i] += row.count
    return tuple(
        MonthPoint(first, received[i], answered[i], overdue[i] if stock_days[i] is not None else None)
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
    daily: DailyCounts,
    procedures: Mapping[str, ProcedureInfo],
) -> Report:
    """The report from storage's aggregates: every breakdown sums to the same total."""
    return Report(
        start=start,
        end=end,
        as_of=as_of_day,
        unit=unit.code if unit is not None else None,
        unit_name=unit.name if unit is not None else None,
        include_sub_units=include_sub_units,
        total=total(by_unit_type),
        by_unit=by_unit(by_unit_type, tree, scope),
        by_type=by_type(by_unit_type),
        by_field=by_field(by_procedure_code, procedures),
        by_procedure=by_procedure(by_procedure_code, procedures),
        months=monthly_series(daily, start, end, as_of_day),
    )
