"""How values read on the officers' pages: Vietnamese dates, labels, and how urgent a deadline is.

Registered as Jinja filters by the app factory. Urgency is shown by colour and always by words too,
for a colour-blind officer and for a printout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from feedback.domain import deadlines
from feedback.domain.model import Actor, ActorKind
from feedback.domain.status import IN_PROCESS_STATUSES, Status
from vocabulary import labels
from web import texts

DUE_SOON_DAYS = 2  # working days: from this close, a deadline is shown in amber


@dataclass(frozen=True)
class Urgency:
    level: str  # a CSS class: "overdue", "due-soon", "paused" or "" (on time, or no longer running)
    text: str


def urgency(days_left: int, status: Status | str, clock_paused: bool = False) -> Urgency:
    if Status(status) not in IN_PROCESS_STATUSES:
        return Urgency("", "")
    if clock_paused:
        return Urgency("paused", texts.PAUSED_MARK)
    if days_left < 0:
        return Urgency("overdue", texts.OVERDUE_MARK.format(days=-days_left))
    if days_left == 0:
        return Urgency("due-soon", texts.DUE_TODAY_MARK)
    if days_left <= DUE_SOON_DAYS:
        return Urgency("due-soon", texts.DUE_SOON_MARK.format(days=days_left))
    return Urgency("", texts.DAYS_LEFT.format(days=days_left))


def vn_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


def vn_datetime(value: datetime | None) -> str:
    """In Hà Nội time, whatever the server's zone: the stored instants are UTC."""
    if value is None:
        return ""
    return value.astimezone(deadlines.VIETNAM_TIME).strftime("%d/%m/%Y %H:%M")


def status_label(status: str) -> str:
    return texts.STATUS_LABELS.get(str(status), str(status))


def type_label(kind: str) -> str:
    return labels.type_label(kind)


def audit_label(action: str) -> str:
    return labels.AUDIT_LABELS.get(action, action)


def actor_label(actor: Actor) -> str:
    match actor.kind:
        case ActorKind.SYSTEM:
            return texts.SYSTEM_ACTOR
        case ActorKind.CITIZEN:
            return texts.CITIZEN_ACTOR
        case _:
            return actor.name or actor.id


def citizen_status(status: str) -> str:
    """A status in the citizen's words (the vocabulary's whole sentences, not the officers' short ones)."""
    return labels.status_label(status)


FILTERS: dict[str, Callable[..., str]] = {
    "citizen_status": citizen_status,
    "vn_date": vn_date,
    "vn_datetime": vn_datetime,
    "status_label": status_label,
    "type_label": type_label,
    "audit_label": audit_label,
    "actor_label": actor_label,
}
