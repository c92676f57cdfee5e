"""The PAKN report for a period and a unit (with or without its sub-units), from the system's own data.

One read transaction: storage aggregates (see `storage.report_queries`), `feedback.domain.report_figures` turns
the aggregates into the report. The channels export it (`reporting/`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from feedback.domain import report_figures
from feedback.domain.deadlines import local_date
from feedback.domain.report_figures import Report
from feedback.domain.units import UnitTree, normalise_unit_code
from feedback.service_layer.report_ports import ReportUnitOfWork

UnitOfWorkFactory = Callable[[], ReportUnitOfWork]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class InvalidPeriod(Exception):
    """A period whose start comes after its end."""

    def __init__(self, start: date, end: date) -> None:
        super().__init__(f"the period starts ({start.isoformat()}) after it ends ({end.isoformat()})")
        self.start = start
        self.end = end


class FuturePeriod(Exception):
    """A period that starts after today: there is nothing to report yet."""

    def __init__(self, start: date, today: date) -> None:
        super().__init__(f"the period starts ({start.isoformat()}) after today ({today.isoformat()})")
        self.start = start
        self.today = today


class ReportService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock = utc_now) -> None:
        # No calendar: each item keeps the working days its answer took, counted when it was answered.
        self._uow_factory = uow_factory
        self._clock = clock

    async def build(self, start: date, end: date, unit: str | None = None, *, include_sub_units: bool = True) -> Report:
        """The report of the items received from `start` to `end` (local dates, both included).

        `unit` None: every unit, and the items not routed to one yet. Raises InvalidPeriod, FuturePeriod,
        and InvalidUnitCode or UnknownUnit for a unit that cannot exist or does not. A period that ends after
        today is counted as of today (`Report.as_of`)."""
        if start > end:
            raise InvalidPeriod(start, end)
        today = local_date(self._clock())
        if start > today:
            raise FuturePeriod(start, today)
        code = normalise_unit_code(unit) if unit is not None else None
        as_of = report_figures.as_of(end, today)
        async with self._uow_factory() as uow:
            tree = UnitTree(await uow.units.list())
            chosen = tree.get(code) if code is not None else None  # raises UnknownUnit
            scope = None
            if code is not None:
                scope = tree.descendants(code) if include_sub_units else frozenset({code})
            by_unit_type, by_procedure = await uow.reports.figures(start, end, as_of, scope)
            forwards = await uow.reports.forwards(start, as_of, scope)
            days = [day for day in report_figures.stock_days(start, end, as_of) if day is not None]
            histories = await uow.reports.histories(start, end, as_of, days, scope)
            daily = await uow.reports.daily_counts(start, end, as_of, scope)
            codes = [group.procedure_code for group in by_procedure if group.procedure_code is not None]
            procedures = await uow.reports.procedures(codes)
        return report_figures.assemble(
            start=start,
            end=end,
            as_of_day=as_of,
            unit=chosen,
            include_sub_units=include_sub_units,
            tree=tree,
            scope=scope,
            by_unit_type=by_unit_type,
            by_procedure_code=by_procedure,
            forwards=forwards,
            histories=histories,
            daily=daily,
            procedures=procedures,
        )
