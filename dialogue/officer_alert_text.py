"""Officers' messages (the morning digest, escalation alerts, a channel needing an administrator) as the
dialogue's text.

A list is cut after `LINES` items with a count of the rest: the message is a pointer to the queue, not the
queue itself, and a unit with two hundred late items must still get a readable message.
"""

from __future__ import annotations

from collections.abc import Sequence

from dialogue import texts
from dialogue.citizen_alert_reply import citizen_alert_reply
from dialogue.item_words import day, shorten
from dialogue.replies import Reply
from dialogue.rich_text import escape
from feedback.domain.channel_alert import ChannelAlert
from feedback.domain.citizen_alert import CitizenAlert
from feedback.domain.digest import Digest, UnitDigest
from feedback.domain.escalation import EscalationAlert
from feedback.domain.officer_messages import OfficerMessage
from feedback.domain.queue import QueueEntry

LINES = 10
_PREVIEW = 60


def reply(message: OfficerMessage) -> Reply:
    """The message as the officer gets it: a citizen's follow-up keeps the choice that opens the item."""
    if isinstance(message, CitizenAlert):
        return citizen_alert_reply(message)
    return Reply(render(message))


def render(message: OfficerMessage) -> str:
    if isinstance(message, Digest):
        return digest(message)
    if isinstance(message, ChannelAlert):
        return channel_alert(message)
    if isinstance(message, CitizenAlert):
        return citizen_alert_reply(message).text
    return escalation(message)


def digest(message: Digest) -> str:
    text = texts.DIGEST_HEADER.format(date=day(message.on))
    for unit in message.units:
        text += _unit(unit)
    return text


def _unit(unit: UnitDigest) -> str:
    name = unit.unit_name or unit.unit or texts.DIGEST_UNROUTED
    text = texts.DIGEST_UNIT.format(unit=escape(name))
    for heading, entries in (
        (texts.DIGEST_OVERDUE, unit.overdue),
        (texts.DIGEST_DUE_TODAY, unit.due_today),
        (texts.DIGEST_DUE_SOON, unit.due_soon),
    ):
        if entries:
            text += heading.format(count=len(entries)) + _lines(entries)
    return text


def _lines(entries: Sequence[QueueEntry]) -> str:
    text = "".join(
        texts.DIGEST_LINE.format(
            code=escape(entry.code),
            due=day(entry.due),
            late=texts.DIGEST_LATE.format(days=-entry.days_left) if entry.overdue else "",
            preview=escape(shorten(entry.preview, _PREVIEW)),
        )
        for entry in entries[:LINES]
    )
    if len(entries) > LINES:
        text += texts.DIGEST_MORE.format(count=len(entries) - LINES)
    return text


def escalation(message: EscalationAlert) -> str:
    text = texts.ESCALATION_HEADER.format(date=day(message.on))
    for item in message.items[:LINES]:
        text += texts.ESCALATION_LINE.format(
            code=escape(item.code),
            unit=escape(item.unit or texts.DIGEST_UNROUTED),
            due=day(item.due),
            days=item.overdue_days,
            level=item.level,
        )
    if len(message.items) > LINES:
        text += texts.DIGEST_MORE.format(count=len(message.items) - LINES)
    return text


def channel_alert(message: ChannelAlert) -> str:
    detail = texts.CHANNEL_ALERT_DETAIL.format(detail=escape(message.detail)) if message.detail else ""
    return texts.CHANNEL_ALERTS[str(message.problem)].format(
        channel=escape(message.channel.capitalize()), date=day(message.on), detail=detail
    )
