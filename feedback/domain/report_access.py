"""Which PAKN reports an officer may read: those of the units they work for (`access.visible_units`).

An officer reads the reports of the units they hold a role in, a unit head those of the unit and of every
unit under it, an administrator every report, the one over all units included (it also counts the items not
routed to a unit yet). A report "with sub-units" is in reach only when every one of those units is: an
officer of a unit does not read the figures of the units under it.
"""

from __future__ import annotations

from dataclasses import dataclass

from feedback.domain.access import Officer, visible_units
from feedback.domain.units import Unit, UnitTree


@dataclass(frozen=True)
class ReportScope:
    unit: str | None  # None: every unit
    include_sub_units: bool


def reportable_units(officer: Officer, tree: UnitTree) -> list[Unit]:
    """The units whose reports the officer may read, in tree order."""
    reach = visible_units(officer, tree)
    return [unit for unit in tree if reach is None or unit.code in reach]


def may_read(officer: Officer, tree: UnitTree, scope: ReportScope) -> bool:
    reach = visible_units(officer, tree)
    if reach is None:
        return True
    if scope.unit is None or scope.unit not in tree or scope.unit not in reach:
        return False
    covered = tree.descendants(scope.unit) if scope.include_sub_units else frozenset({scope.unit})
    return covered <= reach


def default_scope(officer: Officer, tree: UnitTree) -> ReportScope | None:
    """What the reports page shows first: every unit for an administrator, otherwise the officer's first unit
    in tree order (a unit head's own unit), with its sub-units where they are in reach; None with no unit."""
    if visible_units(officer, tree) is None:
        return ReportScope(None, include_sub_units=True)
    units = reportable_units(officer, tree)
    if not units:
        return None
    code = units[0].code
    return ReportScope(code, include_sub_units=may_read(officer, tree, ReportScope(code, include_sub_units=True)))
