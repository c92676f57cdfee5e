"""The words every flow uses about a PAKN item: dates, types, statuses, a contact, shortened free text.

Shared by filing, tracking, notices and the officers' flows so that an item reads the same everywhere.
Every value from a citizen or an officer is escaped by these functions or by the caller (`rich_text`).
"""

from __future__ import annotations

from datetime import date

from dialogue.rich_text import escape
from feedback.domain.legal_type import FeedbackType
from feedback.domain.status import Status
from vocabulary import labels


def day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word with "…"."""
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def type_label(kind: FeedbackType | str) -> str:
    return labels.TYPE_LABELS[FeedbackType(kind)]


def status_label(status: Status | str) -> str:
    return labels.STATUS_LABELS[Status(status)]


def contact_line(phone: str | None, email: str | None) -> str:
    """ "0912 345 678 · lan@example.vn", escaped."""
    return escape(" · ".join(value for value in (phone, email) if value))
