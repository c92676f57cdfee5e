"""What the report service needs from storage, as protocols: storage/ provides them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from feedback.report_figures import DailyCounts, ProcedureFigures, ProcedureInfo, UnitTypeFigures
from feedback.transaction import Transaction
from feedback.units import Unit


class ReportQueries(Protocol):
    async def figures(
        self, start: date, end: date, as_of: date, units: frozenset[str] | None
    ) -> tuple[list[UnitTypeFigures], list[ProcedureFigures]]:
        """The figures of the items received in [start, end], by (unit, type) and by procedure; `units` None:
        all."""
        ...

    async def daily_counts(self, start: date, end: date, as_of: date, units: frozenset[str] | None) -> DailyCounts:
        """What the monthly series needs, per day (see DailyCounts)."""
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
