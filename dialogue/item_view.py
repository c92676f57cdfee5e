"""A PAKN item as the dialogue shows it: the public part for anyone holding the code, the rest for its filer.

By code alone (codes run in sequence per day, so they are guessable) a person sees the type, the status,
the unit, the dates, the deadline and the answer an officer chose to publish. The content, the contact,
the full answer and a refusal's reason are the filer's alone: `FeedbackService.track` leaves them out of
anyone else's view, and this module shows only what the view holds.
"""

from __future__ import annotations

from collections.abc import Sequence

from dialogue import texts
from dialogue.item_words import contact_line, day, shorten, status_label, type_label
from dialogue.rich_text import escape
from feedback.domain.status import Status
from feedback.service_layer.feedback_service import TrackingView

_CONTENT = 1000  # an item's content, shortened in its view (the filer wrote it; the officer has it whole)


def stars(count: int) -> str:
    return "★" * count + "☆" * (5 - count)


def _days(view: TrackingView) -> str:
    if view.clock_paused:
        return texts.CLOCK_PAUSED
    if view.status in _SETTLED:
        return ""
    if view.days_left > 0:
        return texts.DAYS_LEFT.format(days=view.days_left)
    if view.days_left == 0:
        return texts.DUE_TODAY
    return texts.OVERDUE.format(days=-view.days_left)


_SETTLED = frozenset({Status.ANSWERED, Status.CLOSED, Status.REFUSED, Status.WITHDRAWN})


def _owner_part(view: TrackingView) -> str:
    contact = view.contact
    if not view.is_owner or contact is None:
        return ""
    return texts.ITEM_OWNER.format(
        content=escape(shorten(view.content or "", _CONTENT)) or texts.ITEM_OWNER_NO_TEXT,
        attachments=texts.ITEM_OWNER_ATTACHMENTS.format(count=view.attachments) if view.attachments else "",
        procedure=texts.ITEM_OWNER_PROCEDURE.format(code=escape(view.procedure_code)) if view.procedure_code else "",
        name=escape(contact.name),
        contact=contact_line(contact.phone, contact.email),
        address=escape(contact.address),
    )


def item(view: TrackingView, unit_name: str | None) -> str:
    """One item: the public part, then the answer and the personal part when the viewer filed it."""
    text = texts.ITEM.format(
        type=type_label(view.type),
        code=escape(view.code),
        status=status_label(view.status),
        unit=escape(unit_name or view.unit or texts.ITEM_NO_UNIT),
        received=day(view.received_on),
        due=day(view.due),
        days=_days(view),
    )
    if view.answered_on is not None:
        text += texts.ITEM_ANSWERED_ON.format(date=day(view.answered_on))
    if view.closed_on is not None:
        text += texts.ITEM_CLOSED_ON.format(date=day(view.closed_on))
    if view.is_owner and view.answer:
        # Whole: an official answer is never cut; a channel splits a long text over several messages.
        text += texts.ITEM_ANSWER.format(answer=escape(view.answer))
    elif view.public_answer:
        text += texts.ITEM_PUBLIC_ANSWER.format(answer=escape(view.public_answer))
    if view.is_owner and view.refusal_reason:
        text += texts.ITEM_REFUSAL.format(reason=escape(view.refusal_reason))
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
