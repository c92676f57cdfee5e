"""A PAKN notice as an e-mail's body (plain text), or None for a change not worth a letter.

A letter goes for what the filer must know or act on: an answer, a request for information, a later date
(extension, apology), a refusal or a closing, a deletion request's result. The steps in between (accepted,
assigned, in progress…) show on the item's page only: one letter per step would bury the answer.
"""

from __future__ import annotations

from collections.abc import Callable

from dialogue.item_words import day, status_label
from dialogue.replies import Reply
from dialogue.rich_text import escape
from email_channel import texts
from feedback.domain.model import NoticeKind
from feedback.domain.status import Status
from feedback.service_layer.feedback_ports import OutgoingNotice

FOLLOW_PATH = "/phan-anh/tra-cuu"
LETTER_STATUSES = frozenset({Status.REFUSED, Status.CLOSED})


def what_happened(kind: str, status: str | None) -> str:
    """The subject's and the greeting's words for the change (a NoticeRef's kind and status values)."""
    if kind in texts.WHAT:
        return texts.WHAT[kind]
    return texts.STATUS_CHANGED.format(status=status_label(status)) if status else texts.STATUS_CHANGED_UNKNOWN


def subject(code: str, kind: str, status: str | None) -> str:
    return texts.SUBJECT.format(code=code, what=what_happened(kind, status))


def follow_address(portal_url: str | None, code: str) -> str:
    if portal_url is None:
        return texts.FOLLOW_WITHOUT_ADDRESS.format(code=code)
    return texts.FOLLOW.format(address=f"{portal_url}{FOLLOW_PATH}?ma={code}", code=code)


def letter(notice: OutgoingNotice, portal_url: str | None) -> str | None:
    """The body, in the dialogue's light formatting (the sender reads it as plain text: `to_plain`); None when
    this change sends no letter."""
    if notice.kind == NoticeKind.STATUS_CHANGED and notice.status not in LETTER_STATUSES:
        return None
    parts = [texts.GREETING.format(code=escape(notice.code), what=what_happened(str(notice.kind), str(notice.status)))]
    note = escape(notice.text or "")
    match notice.kind:
        case NoticeKind.ANSWERED:
            parts.append(texts.ANSWER.format(text=note))
        case NoticeKind.INFORMATION_REQUESTED:
            parts.append(texts.QUESTION.format(text=note))
        case NoticeKind.DATA_DELETED:
            parts.append(texts.DATA_DELETED)
        case NoticeKind.APOLOGY:
            parts.append(texts.NEW_DATE.format(due=day(notice.due) if notice.due else "—"))
        case _:
            if note:
                parts.append(texts.REASON.format(text=note))
            if notice.kind == NoticeKind.DEADLINE_EXTENDED and notice.due is not None:
                parts.append(texts.DUE.format(due=day(notice.due)))
    if notice.kind != NoticeKind.DATA_DELETED:
        parts.append(escape(follow_address(portal_url, notice.code)))
    parts.append(texts.SIGNATURE)
    return "\n\n".join(parts)


def renderer(portal_url: str | None) -> Callable[[OutgoingNotice], Reply | None]:
    """The relay's renderer for the web channel: the letter's body as the outbox row's (plain) text."""

    def render(notice: OutgoingNotice) -> Reply | None:
        body = letter(notice, portal_url)
        return Reply(text=body) if body is not None else None

    return render
