"""Escalation of overdue items along the unit chain (`UnitTree.escalation_chain`).

The rules:
- Step 1, when the item becomes overdue: the heads of its own unit.
- Step k+1, after `step_days` more working days overdue: the heads of the next unit up, and so on to the
  root; an item at the root stays there. With the default of 2: overdue by 1 or 2 working days → step 1,
  by 3 or 4 → step 2, by 5 or more → step 3.
- "The heads of a unit" are the active officers holding unit_head on that very unit. A unit without a
  head passes the report to the nearest unit above that has one, and failing any, to the administrators,
  so that an escalation never lands nowhere.
- An item not routed to any unit yet is addressed to the top of the organisation (as in `access`): its
  only step goes to the heads of the root units. An item whose unit is not in the tree has one step too.
- Each step is taken once per item (the item records its level); a job that did not run for some days
  takes every step missed, so the trail shows each of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from feedback.domain.access import Officer, Role
from feedback.domain.units import UnitTree


@dataclass(frozen=True)
class EscalationPolicy:
    step_days: int = 2  # working days overdue between one step and the next

    def __post_init__(self) -> None:
        if not isinstance(self.step_days, int) or isinstance(self.step_days, bool) or self.step_days < 1:
            raise ValueError(f"step_days must be a whole number of working days, 1 or more, not {self.step_days!r}")


@dataclass(frozen=True)
class EscalatedItem:
    """One step taken, as the heads told about it see it."""

    code: str
    unit: str | None  # the item's unit
    due: date
    overdue_days: int
    level: int
    step_unit: str | None  # whose heads are told (None: the root units', for an unrouted item)


@dataclass(frozen=True)
class EscalationAlert:
    """One head's message: the items escalated to them in one run."""

    on: date
    items: tuple[EscalatedItem, ...]


def chain(tree: UnitTree, unit: str | None) -> tuple[str | None, ...]:
    """The units whose heads are told, step by step."""
    if unit is None:
        return (None,)
    if unit not in tree:
        return (unit,)
    return tree.escalation_chain(unit)


def level_reached(overdue_days: int, chain_length: int, policy: EscalationPolicy) -> int:
    """The step an item overdue by `overdue_days` working days has reached (0: not overdue)."""
    if overdue_days <= 0:
        return 0
    return min(chain_length, 1 + (overdue_days - 1) // policy.step_days)


def pending_steps(
    tree: UnitTree, unit: str | None, overdue_days: int, current_level: int, policy: EscalationPolicy
) -> list[tuple[int, str | None]]:
    """(level, unit whose heads are told) for each step reached and not yet taken, lowest first."""
    units = chain(tree, unit)
    reached = level_reached(overdue_days, len(units), policy)
    return [(level, units[level - 1]) for level in range(current_level + 1, reached + 1)]


def heads(officers: Sequence[Officer], tree: UnitTree, step_unit: str | None) -> list[Officer]:
    """Who is told at a step of `step_unit`: its heads, else the nearest heads above, else administrators."""
    active = [officer for officer in officers if officer.active]
    if step_unit is None:
        found = _heading(active, {root.code for root in tree.roots()})
    else:
        found = []
        above = tree.ancestors(step_unit) if step_unit in tree else ()
        for unit in (step_unit, *above):
            found = _heading(active, {unit})
            if found:
                break
    return found or [officer for officer in active if officer.is_admin]


def _heading(officers: Iterable[Officer], units: set[str]) -> list[Officer]:
    return [officer for officer in officers if any((Role.UNIT_HEAD, unit) in officer.roles for unit in units)]
