"""The officers' workspace as the dialogue's text: queue pages, an item with its history, and why an action
was refused. Pure: no service calls. Every value typed by a citizen or an officer is escaped here; an
item's card is not shortened (the officer must read the whole content): each channel splits a long one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from dialogue import texts
from dialogue.item_words import contact_line, day, shorten, status_label, type_label
from dialogue.rich_text import escape
from feedback.domain.access import NotPermitted, UnknownOfficer
from feedback.domain.deadlines import VIETNAM_TIME
from feedback.domain.lifecycle import IllegalTransition
from feedback.domain.model import (
    ActorKind,
    AlreadyExtended,
    AuditEntry,
    CannotApologise,
    InvalidPromise,
    ItemError,
    MissingReason,
    PromiseAlreadyMoved,
)
from feedback.domain.queue import QueuePage
from feedback.domain.status import Status
from feedback.domain.tracking_code import InvalidTrackingCode
from feedback.domain.units import UnknownUnit
from feedback.service_layer.feedback_ports import ConcurrentChange
from feedback.service_layer.feedback_service import UnknownTrackingCode
from feedback.service_layer.officer_desk import ItemView, NotAColleague, OutOfReach, SameUnit
from vocabulary.labels import AUDIT_LABELS, notice_kinds

DUE_SOON_DAYS = 2  # working days: the morning digest's "due soon" too
HISTORY_SHOWN = 12
_NOTE = 200
_FINISHED = frozenset({Status.ANSWERED, Status.CLOSED, Status.REFUSED, Status.WITHDRAWN})
MAP_LINK = "https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=18/{latitude}/{longitude}"

# Someone else changed the item first: show it afresh, keep what the officer typed.
CONFLICTS: tuple[type[Exception], ...] = (ConcurrentChange, IllegalTransition)
# What the desk refuses with; `problem` words each one, and nothing has changed.
DESK_ERRORS: tuple[type[Exception], ...] = (
    *CONFLICTS,
    OutOfReach,
    NotPermitted,
    UnknownOfficer,
    NotAColleague,
    SameUnit,
    UnknownUnit,
    ItemError,
    UnknownTrackingCode,
    InvalidTrackingCode,
)


def marker(days_left: int, *, paused: bool, status: Status) -> str:
    """🔴 overdue, 🟠 due within two working days, ⏰ time left, ⏸ clock stopped, ✔️ done."""
    if status in _FINISHED:
        return texts.MARK_DONE
    if paused:
        return texts.MARK_PAUSED
    if days_left < 0:
        return texts.MARK_OVERDUE
    return texts.MARK_DUE_SOON if days_left <= DUE_SOON_DAYS else texts.MARK_RUNNING


def days(days_left: int, *, paused: bool, status: Status) -> str:
    """Working days left, or "quá hạn N ngày"."""
    if status in _FINISHED:
        return texts.DAYS_DONE
    if paused:
        return texts.DAYS_PAUSED
    if days_left < 0:
        return texts.DAYS_OVERDUE.format(days=-days_left)
    if days_left == 0:
        return texts.DAYS_DUE_TODAY
    return texts.DAYS_REMAINING.format(days=days_left)


def queue_page(kind: str, page: QueuePage) -> str:
    title = texts.QUEUE_TITLES[kind]
    if not page.entries:
        return texts.QUEUE_EMPTY.format(title=title)
    lines = "".join(
        texts.QUEUE_LINE.format(
            marker=marker(entry.days_left, paused=entry.clock_paused, status=entry.status),
            code=escape(entry.code),
            status=status_label(entry.status),
            days=days(entry.days_left, paused=entry.clock_paused, status=entry.status),
            assignee=texts.QUEUE_ASSIGNEE.format(assignee=escape(entry.assignee)) if entry.assignee else "",
            unreached=_unreached_since(entry.unreached_since),
            preview=escape(entry.preview),
        )
        for entry in page.entries
    )
    header = texts.QUEUE_HEADER.format(title=title, total=page.total, page=page.page, pages=page.pages)
    return header + lines + texts.QUEUE_CHOOSE


def _unreached_since(since: datetime | None) -> str:
    return texts.QUEUE_UNREACHED.format(since=_local(since)) if since is not None else ""


def _local(at: datetime) -> str:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(VIETNAM_TIME).strftime("%d/%m %H:%M")


def _actor(entry: AuditEntry) -> str:
    match entry.actor.kind:
        case ActorKind.CITIZEN:
            return texts.HISTORY_CITIZEN
        case ActorKind.SYSTEM:
            return texts.HISTORY_SYSTEM
    return escape(entry.actor.name or entry.actor.id)


def history(audit: Sequence[AuditEntry]) -> str:
    """The latest steps, oldest first; the answer's full text is in its own section."""
    shown = audit[-HISTORY_SHOWN:]
    earlier = len(audit) - len(shown)
    lines = "".join(
        texts.OFFICER_ITEM_HISTORY_LINE.format(
            at=_local(entry.at),
            actor=_actor(entry),
            action=AUDIT_LABELS.get(entry.action, escape(entry.action)),
            note=f": <i>{escape(shorten(entry.note, _NOTE))}</i>" if entry.note else "",
        )
        for entry in shown
    )
    more = texts.OFFICER_ITEM_HISTORY_EARLIER.format(count=earlier) if earlier else ""
    return texts.OFFICER_ITEM_HISTORY.format(earlier=more, lines=lines)


def unreached(view: ItemView) -> str:
    """The line saying the citizen has not been told yet, while their channel holds a notice; else nothing."""
    since = view.unreached_since
    if since is None:
        return ""
    channel = view.held[0].channel
    kinds = notice_kinds(notice.kind for notice in view.held)
    line = texts.OFFICER_ITEM_UNREACHED.get(channel, texts.OFFICER_ITEM_UNREACHED_ELSEWHERE)
    return line.format(channel=escape(channel), since=_local(since), kinds=kinds)


def item(view: ItemView, *, with_actions: bool) -> str:
    """Everything an officer who may work on the item sees: content, place, contact, answer, history."""
    found = view.item
    paused, status = found.clock_paused, found.status
    unit = f"{escape(view.unit.name)} ({escape(view.unit.code)})" if view.unit else escape(found.unit or "")
    text = texts.OFFICER_ITEM.format(
        type=type_label(found.type),
        code=escape(found.code),
        status=status_label(status),
        assignee=texts.OFFICER_ITEM_ASSIGNEE.format(assignee=escape(found.assignee)) if found.assignee else "",
        unit=unit or texts.OFFICER_ITEM_NO_UNIT,
        received=day(found.received_on),
        due=day(found.due),
        marker=marker(view.days_left, paused=paused, status=status),
        days=days(view.days_left, paused=paused, status=status),
        extended=texts.OFFICER_ITEM_EXTENDED if found.extended else "",
        promised=texts.OFFICER_ITEM_PROMISED.format(date=day(found.promised_on)) if found.promised_on else "",
        procedure=texts.OFFICER_ITEM_PROCEDURE.format(code=escape(found.procedure_code))
        if found.procedure_code
        else "",
    )
    text += unreached(view)
    if found.regime_flag is not None:
        text += texts.OFFICER_ITEM_REGIME.format(regime=texts.REGIME_NAMES[str(found.regime_flag)])
    text += texts.OFFICER_ITEM_CONTENT.format(content=escape(found.content) or texts.OFFICER_ITEM_NO_TEXT)
    if found.location is not None:
        latitude, longitude = f"{found.location.latitude:.6f}", f"{found.location.longitude:.6f}"
        url = MAP_LINK.format(latitude=latitude, longitude=longitude)
        text += texts.OFFICER_ITEM_LOCATION.format(url=escape(url), latitude=latitude, longitude=longitude)
    if found.attachments:
        text += texts.OFFICER_ITEM_ATTACHMENTS.format(count=len(found.attachments))
    contact = found.contact
    text += texts.OFFICER_ITEM_CONTACT.format(
        name=escape(contact.name), contact=contact_line(contact.phone, contact.email), address=escape(contact.address)
    )
    if found.answer:
        text += texts.OFFICER_ITEM_ANSWER.format(answer=escape(found.answer))
    if found.refusal_reason:
        text += texts.OFFICER_ITEM_REFUSAL.format(reason=escape(found.refusal_reason))
    text += history(view.audit)
    if with_actions and not view.actions:
        text += texts.OFFICER_ITEM_NO_ACTIONS
    return text


def problem(error: Exception, code: str) -> str:
    """Why an officer's request was not carried out, in their words; nothing changed."""
    shown = escape(code)
    match error:
        case ConcurrentChange() | IllegalTransition():
            return texts.CHANGED_MEANWHILE.format(code=shown)
        case OutOfReach() | UnknownOfficer():
            return texts.OUT_OF_REACH.format(code=shown)
        case NotPermitted():
            return texts.NOT_PERMITTED.format(code=shown)
        case NotAColleague(username=username):
            return texts.NOT_A_COLLEAGUE.format(name=escape(username))
        case SameUnit():
            return texts.SAME_UNIT
        case UnknownUnit(code=unit):
            return texts.UNKNOWN_UNIT.format(unit=escape(unit))
        case AlreadyExtended():
            return texts.ALREADY_EXTENDED.format(code=shown)
        case MissingReason():
            return texts.MISSING_REASON
        case PromiseAlreadyMoved(promised_on=promised_on):
            return texts.PROMISE_ALREADY_MOVED.format(date=day(promised_on))
        case InvalidPromise():
            return texts.INVALID_PROMISE
        case CannotApologise():
            return texts.CANNOT_APOLOGISE
        case UnknownTrackingCode(code=unknown):
            return texts.UNKNOWN_ITEM_CODE.format(code=escape(unknown))
        case InvalidTrackingCode():
            return texts.BAD_ITEM_CODE.format(code=escape(shorten(code, 40)))
    return texts.ITEM_RULE
