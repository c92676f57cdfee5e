"""An officer's message (the morning digest, escalation alerts, channel and citizen alerts) as the officers'
outbox stores it: a kind and JSON.

Storage keeps a message as text so the outbox needs no table per kind; the conversion is checked by a round trip
in the tests.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from typing import Any

from feedback.domain.channel_alert import ChannelAlert, ChannelProblem
from feedback.domain.citizen_alert import CitizenAlert, CitizenStep
from feedback.domain.digest import Digest, UnitDigest
from feedback.domain.escalation import EscalatedItem, EscalationAlert
from feedback.domain.legal_type import FeedbackType
from feedback.domain.officer_messages import OfficerMessage
from feedback.domain.queue import QueueEntry
from feedback.domain.status import Status


class OfficerMessageKind(StrEnum):
    DIGEST = "digest"
    ESCALATION = "escalation"
    CHANNEL = "channel"
    CITIZEN = "citizen"


def kind_of(message: OfficerMessage) -> OfficerMessageKind:
    if isinstance(message, Digest):
        return OfficerMessageKind.DIGEST
    if isinstance(message, ChannelAlert):
        return OfficerMessageKind.CHANNEL
    if isinstance(message, CitizenAlert):
        return OfficerMessageKind.CITIZEN
    return OfficerMessageKind.ESCALATION


def to_json(message: OfficerMessage) -> str:
    data: dict[str, Any] = {"on": message.on.isoformat()}
    if isinstance(message, Digest):
        data["units"] = [_unit_json(unit) for unit in message.units]
    elif isinstance(message, ChannelAlert):
        data.update(channel=message.channel, problem=str(message.problem), detail=message.detail)
    elif isinstance(message, CitizenAlert):
        data.update(
            code=message.code,
            step=str(message.step),
            unit=message.unit,
            due=message.due.isoformat() if message.due else None,
            note=message.note,
            files=message.files,
        )
    else:
        data["items"] = [_escalated_json(item) for item in message.items]
    return json.dumps(data, ensure_ascii=False)


def from_json(kind: str, text: str) -> OfficerMessage:
    data = json.loads(text)
    on = date.fromisoformat(data["on"])
    match OfficerMessageKind(kind):
        case OfficerMessageKind.DIGEST:
            return Digest(on, tuple(_unit_from(unit) for unit in data["units"]))
        case OfficerMessageKind.CHANNEL:
            return ChannelAlert(on, data["channel"], ChannelProblem(data["problem"]), data["detail"])
        case OfficerMessageKind.CITIZEN:
            due = date.fromisoformat(data["due"]) if data["due"] else None
            step = CitizenStep(data["step"])
            return CitizenAlert(on, data["code"], step, data["unit"], due, data["note"], data["files"])
    return EscalationAlert(on, tuple(_escalated_from(item) for item in data["items"]))


def _unit_json(unit: UnitDigest) -> dict[str, Any]:
    return {
        "unit": unit.unit,
        "unit_name": unit.unit_name,
        "due_today": [_entry_json(entry) for entry in unit.due_today],
        "due_soon": [_entry_json(entry) for entry in unit.due_soon],
        "overdue": [_entry_json(entry) for entry in unit.overdue],
    }


def _unit_from(data: dict[str, Any]) -> UnitDigest:
    return UnitDigest(
        unit=data["unit"],
        unit_name=data["unit_name"],
        due_today=tuple(_entry_from(entry) for entry in data["due_today"]),
        due_soon=tuple(_entry_from(entry) for entry in data["due_soon"]),
        overdue=tuple(_entry_from(entry) for entry in data["overdue"]),
    )


def _entry_json(entry: QueueEntry) -> dict[str, Any]:
    return {
        "code": entry.code,
        "type": str(entry.type),
        "status": str(entry.status),
        "unit": entry.unit,
        "assignee": entry.assignee,
        "received_on": entry.received_on.isoformat(),
        "due": entry.due.isoformat(),
        "days_left": entry.days_left,
        "preview": entry.preview,
        "clock_paused": entry.clock_paused,
    }


def _entry_from(data: dict[str, Any]) -> QueueEntry:
    return QueueEntry(
        code=data["code"],
        type=FeedbackType(data["type"]),
        status=Status(data["status"]),
        unit=data["unit"],
        assignee=data["assignee"],
        received_on=date.fromisoformat(data["received_on"]),
        due=date.fromisoformat(data["due"]),
        days_left=data["days_left"],
        preview=data["preview"],
        clock_paused=data["clock_paused"],
    )


def _escalated_json(item: EscalatedItem) -> dict[str, Any]:
    return {
        "code": item.code,
        "unit": item.unit,
        "due": item.due.isoformat(),
        "overdue_days": item.overdue_days,
        "level": item.level,
        "step_unit": item.step_unit,
    }


def _escalated_from(data: dict[str, Any]) -> EscalatedItem:
    return EscalatedItem(
        code=data["code"],
        unit=data["unit"],
        due=date.fromisoformat(data["due"]),
        overdue_days=data["overdue_days"],
        level=data["level"],
        step_unit=data["step_unit"],
    )
