"""The morning digest: for each unit, what is due today, due in the next two working days, and overdue.

Pure composition from queue entries (`FeedbackService.queue`, which has already counted the working days
left). An item waiting for the citizen has its clock stopped, so it is in none of the three lists. Each
officer gets one message with the units their roles cover (`access.covers`), and none when there is
nothing to report: a digest that says "nothing" every morning teaches people to stop reading it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from feedback.domain.access import Officer, covers
from feedback.domain.queue import QueueEntry
from feedback.domain.units import UnitTree

DUE_SOON_DAYS = 2  # working days ahead that the digest looks


@dataclass(frozen=True)
class UnitDigest:
    unit: str | None  # None: items not routed to any unit yet
    unit_name: str | None
    due_today: tuple[QueueEntry, ...] = ()
    due_soon: tuple[QueueEntry, ...] = ()  # due in the next DUE_SOON_DAYS working days
    overdue: tuple[QueueEntry, ...] = ()


@dataclass(frozen=True)
class Digest:
    """One officer's morning message."""

    on: date
    units: tuple[UnitDigest, ...]


def by_unit(entries: Iterable[QueueEntry], tree: UnitTree) -> list[UnitDigest]:
    """The entries that belong in a digest, grouped by unit: unrouted first, then in the order of the tree."""
    lists: dict[str | None, tuple[list[QueueEntry], list[QueueEntry], list[QueueEntry]]] = {}
    for entry in entries:
        if entry.clock_paused or entry.days_left > DUE_SOON_DAYS:
            continue
        today, soon, overdue = lists.setdefault(entry.unit, ([], [], []))
        if entry.overdue:
            overdue.append(entry)
        elif entry.days_left == 0:
            today.append(entry)
        else:
            soon.append(entry)
    order = {unit.code: position for position, unit in enumerate(tree)}
    names: Mapping[str, str] = {unit.code: unit.name for unit in tree}

    def position(unit: str | None) -> tuple[int, int, str]:
        if unit is None:
            return (0, 0, "")
        return (1, order.get(unit, len(order)), unit)

    return [
        UnitDigest(
            unit=unit,
            unit_name=names.get(unit) if unit is not None else None,
            due_today=tuple(_by_due(today)),
            due_soon=tuple(_by_due(soon)),
            overdue=tuple(_by_due(overdue)),
        )
        for unit, (today, soon, overdue) in sorted(lists.items(), key=lambda pair: position(pair[0]))
    ]


def _by_due(entries: Sequence[QueueEntry]) -> list[QueueEntry]:
    return sorted(entries, key=lambda entry: (entry.due, entry.code))


def for_officer(officer: Officer, units: Sequence[UnitDigest], tree: UnitTree, on: date) -> Digest | None:
    """The officer's digest: the units whose items their roles cover; None when that is nothing."""
    covered = tuple(unit for unit in units if covers(officer, unit.unit, tree))
    return Digest(on, covered) if covered else None


def recipients(officers: Iterable[Officer]) -> list[Officer]:
    """Who can be sent a digest: active officers with a linked messenger account (Telegram, Zalo)."""
    return [
        officer
        for officer in officers
        if officer.active and (officer.telegram_user_id is not None or officer.zalo_user_id is not None)
    ]
