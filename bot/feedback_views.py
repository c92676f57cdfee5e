"""PAKN items, drafts and notices as Telegram HTML messages. Pure: no Telegram I/O.

Every value from a citizen or an officer is escaped here. Long free text (a content, an answer)
is shortened so the whole message stays within Telegram's 4,096 characters.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from bot import texts
from bot.conversations.intake_draft import IntakeData, content
from feedback.intake_limits import MIB, AttachmentProblem, AttachmentRejected, ContentRejected
from feedback.legal_type import FeedbackType
from feedback.model import Contact, NoticeKind
from feedback.ports import OutgoingNotice
from feedback.services import Receipt, TrackingView
from feedback.status import Status

_SUMMARY_CONTENT = 1500
_ITEM_CONTENT = 1000
_ANSWER = 3000
_NOTE = 1000


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word with "…"."""
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def type_label(kind: FeedbackType | str) -> str:
    return texts.TYPE_LABELS[str(kind)]


def status_label(status: Status) -> str:
    return texts.STATUS_LABELS[str(status)]


def contact_line(phone: str | None, email: str | None) -> str:
    return escape(" · ".join(value for value in (phone, email) if value))


def known_contact(contact: Contact) -> str:
    """A contact from an earlier PAKN, shown to its owner to reuse."""
    return "\n".join(
        (
            escape(contact.name),
            contact_line(contact.phone, contact.email),
            escape(contact.address),
        )
    )


def summary(data: IntakeData) -> str:
    text = content(data)
    attachments = data["attachments"]
    procedure = data.get("procedure_name")
    return texts.SUMMARY.format(
        type=type_label(data["type"]),
        content=escape(shorten(text, _SUMMARY_CONTENT)) if text else texts.SUMMARY_NO_TEXT,
        attachments=texts.SUMMARY_ATTACHMENTS.format(count=len(attachments)) if attachments else "",
        procedure=escape(procedure) if procedure else texts.SUMMARY_NO_PROCEDURE,
        unit=escape(unit) if (unit := data.get("unit_name")) else texts.SUMMARY_NO_UNIT,
        name=escape(data.get("name", "")),
        contact=contact_line(data.get("phone"), data.get("email")),
        address=escape(data.get("address", "")),
    )


def rejection(error: ContentRejected | AttachmentRejected) -> str:
    """Why a content or a file is refused, with the limit."""
    if isinstance(error, AttachmentRejected):
        limit = error.limit // MIB if error.problem == AttachmentProblem.TOO_LARGE else error.limit
        return texts.ATTACHMENT_PROBLEMS[str(error.problem)].format(limit=limit)
    return texts.CONTENT_PROBLEMS[str(error.problem)].format(limit=error.limit)


def receipt(result: Receipt, kind: str, answer_days: int) -> str:
    return texts.RECEIVED.format(
        type_lower=type_label(kind).lower(), code=escape(result.code), due=day(result.due), days=answer_days
    )


def _days(view: TrackingView) -> str:
    if view.clock_paused:
        return texts.CLOCK_PAUSED
    if view.status in (Status.ANSWERED, Status.CLOSED, Status.REFUSED):
        return ""
    if view.days_left > 0:
        return texts.DAYS_LEFT.format(days=view.days_left)
    if view.days_left == 0:
        return texts.DUE_TODAY
    return texts.OVERDUE.format(days=-view.days_left)


def _owner_part(view: TrackingView) -> str:
    contact = view.contact
    if not view.is_owner or contact is None:
        return ""
    return texts.ITEM_OWNER.format(
        content=escape(shorten(view.content or "", _ITEM_CONTENT)) or texts.SUMMARY_NO_TEXT,
        attachments=texts.ITEM_OWNER_ATTACHMENTS.format(count=view.attachments) if view.attachments else "",
        procedure=texts.ITEM_OWNER_PROCEDURE.format(code=escape(view.procedure_code)) if view.procedure_code else "",
        name=escape(contact.name),
        contact=contact_line(contact.phone, contact.email),
        address=escape(contact.address),
    )


def stars(count: int) -> str:
    return "★" * count + "☆" * (5 - count)


def item(view: TrackingView) -> str:
    """One item as /tracuu shows it: public status for anyone, personal details for its owner only."""
    text = texts.ITEM.format(
        type=type_label(view.type),
        code=escape(view.code),
        status=status_label(view.status),
        received=day(view.received_on),
        due=day(view.due),
        days=_days(view),
    )
    if view.answer:
        text += texts.ITEM_ANSWER.format(answer=escape(shorten(view.answer, _ANSWER)))
    if view.refusal_reason:
        text += texts.ITEM_REFUSAL.format(reason=escape(shorten(view.refusal_reason, _NOTE)))
    if view.is_owner and view.rating:
        text += texts.ITEM_RATING.format(stars=stars(view.rating))
    return text + _owner_part(view)


def my_items(views: Sequence[TrackingView]) -> str:
    if not views:
        return texts.NO_ITEMS
    lines = [
        texts.MY_ITEM_LINE.format(
            number=number, code=escape(view.code), received=day(view.received_on), status=status_label(view.status)
        )
        for number, view in enumerate(views, start=1)
    ]
    return texts.MY_ITEMS.format(items="\n".join(lines))


def notice(outgoing: OutgoingNotice) -> str:
    """What the citizen is told about a change: the status, and the answer or the question when there is one."""
    code = escape(outgoing.code)
    match outgoing.kind:
        case NoticeKind.ANSWERED:
            # Whole: the channel splits a long answer over several messages rather than cut an official text.
            return texts.NOTICE_ANSWERED.format(code=code, answer=escape(outgoing.text or ""))
        case NoticeKind.INFORMATION_REQUESTED:
            return texts.NOTICE_INFORMATION.format(code=code, request=escape(shorten(outgoing.text or "", _NOTE)))
        case NoticeKind.DATA_DELETED:
            return texts.NOTICE_DATA_DELETED
        case NoticeKind.DATA_DELETION_REFUSED:
            return texts.NOTICE_DATA_DELETION_REFUSED.format(reason=escape(shorten(outgoing.text or "", _NOTE)))
    if outgoing.kind == NoticeKind.APOLOGY:
        text = texts.NOTICE_APOLOGY.format(code=code, due=day(outgoing.due) if outgoing.due else "—")
    else:
        text = texts.NOTICE_STATUS.format(
            code=code, status=status_label(outgoing.status), due=day(outgoing.due) if outgoing.due else "—"
        )
    if outgoing.text:
        text += texts.NOTICE_NOTE.format(note=escape(shorten(outgoing.text, _NOTE)))
    return text
