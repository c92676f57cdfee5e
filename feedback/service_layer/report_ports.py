"""What the report service needs from storage, as protocols: storage/ provides them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from feedback.domain.report_figures import DailyCounts, ForwardCount, ProcedureFigures, ProcedureInfo, UnitTypeFigures
from feedback.domain.report_standing import ItemHistory
from feedback.domain.units import Unit
from feedback.service_layer.transaction import Transaction


class ReportQueries(Protocol):
    async def figures(
        self, start: date, end: date, as_of: date, units: frozenset[str] | None
    ) -> tuple[list[UnitTypeFigures], list[ProcedureFigures]]:
        """The figures of the items received in [start, end] whose standing has not changed after `as_of`, by
        (unit, type) and by procedure; `units` None: all. The others come from `histories`."""
        ...

    async def forwards(self, start: date, as_of: date, units: frozenset[str] | None) -> list[ForwardCount]:
        """The forwards made from `start` to `as_of` by the units (None: by anyone)."""
        ...

    async def histories(
        self, start: date, end: date, as_of: date, days: Sequence[date], units: frozenset[str] | None
    ) -> list[ItemHistory]:
        """The items a report of [start, end] takes as they stood at the close of one of `days` (the month ends
        and "as of", in order) because their standing changed after it: received by then, not settled before
        `start`, maybe at a unit of `units` then; with their changes after the first of `days`."""
        ...

    async def daily_counts(self, start: date, end: date, as_of: date, units: frozenset[str] | None) -> DailyCounts:
        """What the monthly series needs (see DailyCounts)."""
        ...

    async def procedures(self, codes: Sequence[str]) -> dict[str, ProcedureInfo]: ...


class UnitList(Protocol):
    async def list(self) -> list[Unit]: ...


class ReportUnitOfWork(Transaction, Protocol):
    """One read-only transaction, so every figure of a report comes from the same snapshot."""

    @property
    def reports(self) -> ReportQueries: ...

    @property
    def units(self) -> UnitList: ...
