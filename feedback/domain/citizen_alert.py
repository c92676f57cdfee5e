"""An alert to the officers handling an item that its filer did something they must act on: reopened it
(«Chưa được giải quyết»), sent the information they asked for, or withdrew it.

Queued in the officers' outbox in the transaction of the citizen's action, so an officer is told exactly
when the change is stored. Who is told: the officer the item is assigned to; failing one who can be
reached, the officers and heads holding a role on the item's own unit (the root units' for an item not
routed yet); failing any, the administrators, so that an alert never lands nowhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from feedback.domain import digest
from feedback.domain.access import Officer
from feedback.domain.lifecycle import Action
from feedback.domain.model import FeedbackItem
from feedback.domain.units import UnitTree

NOTE_PREVIEW = 300  # characters of the reason or the information: the alert points to the item, not a copy


class CitizenStep(StrEnum):
    REOPENED = "reopened"
    INFORMATION = "information"
    WITHDRAWN = "withdrawn"


_STEPS = {
    Action.REOPEN: CitizenStep.REOPENED,
    Action.CITIZEN_REPLIED: CitizenStep.INFORMATION,
    Action.WITHDRAW: CitizenStep.WITHDRAWN,
}


@dataclass(frozen=True)
class CitizenAlert:
    on: date
    code: str
    step: CitizenStep
    unit: str | None
    due: date | None  # the deadline from now on; None once withdrawn
    note: str | None = None  # the reason, or the start of the information
    files: int = 0  # files sent with the information


def preview(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= NOTE_PREVIEW else text[:NOTE_PREVIEW].rsplit(" ", 1)[0] + " …"


def for_action(item: FeedbackItem, action: Action, on: date, *, note: str | None, files: int) -> CitizenAlert | None:
    """The alert a citizen's `action` (just applied to `item`) owes the officers, if any."""
    step = _STEPS.get(action)
    if step is None:
        return None
    due = None if step == CitizenStep.WITHDRAWN else item.due
    return CitizenAlert(on, item.code, step, item.unit, due, preview(note), files)


def recipients(officers: Sequence[Officer], item: FeedbackItem, tree: UnitTree) -> list[Officer]:
    reachable = digest.recipients(officers)
    assigned = [officer for officer in reachable if item.assignee is not None and officer.username == item.assignee]
    if assigned:
        return assigned
    units = {unit.code for unit in tree if unit.parent is None} if item.unit is None else {item.unit}
    on_unit = [officer for officer in reachable if any(unit in units for _, unit in officer.roles)]
    return on_unit or [officer for officer in reachable if officer.is_admin]
