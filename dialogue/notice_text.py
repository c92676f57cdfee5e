"""The text of a PAKN notice: what the citizen is told about a change, and what an officer previews before
sending it. The choices under a notice (rating, reopening, supplying information) are the follow-ups'."""

from __future__ import annotations

from datetime import date

from dialogue import texts
from dialogue.item_words import day, shorten, status_label
from dialogue.rich_text import escape
from feedback.domain.model import NoticeKind
from feedback.domain.status import Status

NOTE_LIMIT = 1000


def notice_text(kind: NoticeKind, code: str, status: Status, text: str | None, due: date | None) -> str:
    """The status, and the answer or the question when there is one; a deletion request's result. An answer is
    whole: a channel splits a long one over several messages rather than cut an official text."""
    shown = escape(code)
    match kind:
        case NoticeKind.ANSWERED:
            return texts.NOTICE_ANSWERED.format(code=shown, answer=escape(text or ""))
        case NoticeKind.INFORMATION_REQUESTED:
            return texts.NOTICE_INFORMATION.format(code=shown, request=escape(shorten(text or "", NOTE_LIMIT)))
        # A deletion request's result is about the citizen's data, not the item it travels on (their newest).
        case NoticeKind.DATA_DELETED:
            return texts.NOTICE_DATA_DELETED
        case NoticeKind.DATA_DELETION_REFUSED:
            return texts.NOTICE_DATA_DELETION_REFUSED.format(reason=escape(shorten(text or "", NOTE_LIMIT)))
    due_shown = day(due) if due else "—"
    if kind == NoticeKind.APOLOGY:
        message = texts.NOTICE_APOLOGY.format(code=shown, due=due_shown)
    else:
        message = texts.NOTICE_STATUS.format(code=shown, status=status_label(status), due=due_shown)
    if text:
        message += texts.NOTICE_NOTE.format(note=escape(shorten(text, NOTE_LIMIT)))
    return message
