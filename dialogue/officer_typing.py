"""What an officer types for a citizen, shown back before it is sent: an answer, a question, the reason of
an extension or of a refusal, an apology with a new date, the note of the citizen's confirmation when an
officer closes an answered item. One short flow for all six:

    an action under an item («Trả lời», «Hỏi thêm người dân»…) → typing → review («Gửi» / «Sửa» / «Huỷ»)

The review shows the text exactly as the citizen will read it. Only «Gửi» calls the desk, which checks the
officer's role and unit again. If someone else changed the item meanwhile, the officer is told, sees the
item afresh, and the text stays (review, with «Gửi lại»): nothing typed is lost. /huy ends it.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from dialogue import officer_choices as oc
from dialogue import officer_views, texts
from dialogue.events import Text
from dialogue.item_words import day
from dialogue.notice_text import notice_text
from dialogue.officer_card import desk_of, offered, send_fresh, show_problem
from dialogue.officer_choices import officer_of
from dialogue.rich_text import escape
from dialogue.router import Router
from dialogue.turn import Turn
from feedback.domain import apology, deadlines
from feedback.domain.access import Officer
from feedback.domain.lifecycle import Action, IllegalTransition
from feedback.domain.model import FeedbackItem, NoticeKind
from feedback.domain.status import Status
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import ItemView

log = logging.getLogger(__name__)

FLOW = "officer_text"
TYPING, REVIEW = "typing", "review"
TYPED_ACTIONS = (oc.ANSWER, oc.ASK_CITIZEN, oc.EXTEND, oc.REFUSE_OTHER, oc.APOLOGISE, oc.CLOSE)
_LIFECYCLE = {
    oc.ANSWER: Action.ANSWER,
    oc.ASK_CITIZEN: Action.ASK_CITIZEN,
    oc.EXTEND: Action.EXTEND,
    oc.REFUSE_OTHER: Action.REFUSE,
    oc.APOLOGISE: Action.EXTEND,  # an apology needs the rights of an extension
    oc.CLOSE: Action.CLOSE,
}
_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b\s*(.*)$", re.DOTALL)


def _feedback(turn: Turn) -> FeedbackService:
    feedback = turn.services.feedback
    assert feedback is not None, "the officers' flows are registered only with the feedback services"
    return feedback


def _allowed(action: str, view: ItemView) -> bool:
    return (oc.REFUSE if action == oc.REFUSE_OTHER else action) in offered(view)


async def begin(turn: Turn, officer: Officer, code: str, action: str) -> None:
    """A typed action's choice: if the officer may still do it, ask for the text."""
    try:
        view = await desk_of(turn).item(officer, code)
    except officer_views.DESK_ERRORS as error:
        await show_problem(turn, officer, code, error)
        return
    found = view.item
    if not _allowed(action, view):  # a choice from before someone else's change
        await show_problem(turn, officer, found.code, IllegalTransition(found.status, _LIFECYCLE[action]))
        return
    feedback = _feedback(turn)
    today = deadlines.local_date(feedback.now())
    example = day(apology.default_promise(found, today, feedback.calendar, apology.DEFAULT_EXTRA_DAYS))
    turn.conversation.start(FLOW, TYPING, {"code": found.code, "action": action, "text": "", "example": example})
    turn.say(texts.TYPE_PROMPTS[action].format(code=escape(found.code), due=day(found.due), example=example))


async def _typed(turn: Turn) -> None:
    """The text (typed again replaces it): shown back as the citizen will read it."""
    typed = turn.conversation.answers
    if not isinstance(turn.event, Text):
        turn.say(texts.TYPE_TEXT_ONLY)
        return
    text = turn.event.text.strip()
    if typed["action"] == oc.APOLOGISE:
        parsed = _DATE.match(text)
        try:
            promised = date(int(parsed.group(3)), int(parsed.group(2)), int(parsed.group(1))) if parsed else None
        except ValueError:
            promised = None
        if parsed is None or promised is None:
            turn.say(texts.APOLOGY_DATE_INVALID.format(example=typed.get("example", "")))
            return
        typed["date"], text = promised.isoformat(), parsed.group(4).strip()
    typed["text"] = text
    await _review(turn)


async def _review(turn: Turn) -> None:
    typed = turn.conversation.answers
    officer = await officer_of(turn)
    if officer is None:
        turn.conversation.finish()
        return
    try:
        view = await desk_of(turn).item(officer, typed["code"])
    except officer_views.DESK_ERRORS as error:
        await show_problem(turn, officer, typed["code"], error)
        return
    header = (
        texts.REVIEW_TYPED_EXTEND.format(code=escape(view.item.code))
        if typed["action"] == oc.EXTEND
        else texts.REVIEW_TYPED
    )
    turn.conversation.goto(REVIEW)
    preview = _as_the_citizen_reads_it(turn, view, typed)
    turn.say(
        f"{header}\n\n{preview}\n\n{texts.REVIEW_FOOTER}",
        [
            [
                oc.typed(oc.SEND, texts.BUTTON_OFFICER_SEND),
                oc.typed(oc.EDIT, texts.BUTTON_OFFICER_EDIT),
                oc.typed(oc.CANCEL, texts.BUTTON_OFFICER_CANCEL),
            ]
        ],
    )


def _as_the_citizen_reads_it(turn: Turn, view: ItemView, typed: dict[str, Any]) -> str:
    found, text = view.item, typed["text"]
    match typed["action"]:
        case oc.ANSWER:
            return notice_text(NoticeKind.ANSWERED, found.code, Status.ANSWERED, text, found.due)
        case oc.ASK_CITIZEN:
            waiting = Status.WAITING_FOR_CITIZEN
            return notice_text(NoticeKind.INFORMATION_REQUESTED, found.code, waiting, text, found.due)
        case oc.EXTEND:
            feedback = _feedback(turn)
            due = deadlines.extended_due(feedback.calendar, found.due, feedback.policy)
            return notice_text(NoticeKind.DEADLINE_EXTENDED, found.code, found.status, text, due)
        case oc.CLOSE:
            return notice_text(NoticeKind.STATUS_CHANGED, found.code, Status.CLOSED, text, found.due)
        case oc.APOLOGISE:
            promised = date.fromisoformat(typed["date"])
            return notice_text(NoticeKind.APOLOGY, found.code, found.status, text or None, promised)
    return notice_text(NoticeKind.STATUS_CHANGED, found.code, Status.REFUSED, text, found.due)


async def _send(turn: Turn) -> None:
    """«Gửi» (or «Gửi lại»): the desk checks and carries it out; a change by someone else keeps the text."""
    officer = await officer_of(turn)
    if officer is None:
        turn.conversation.finish()
        return
    typed = turn.conversation.answers
    code = typed["code"]
    try:
        item = await _carry_out(turn, officer, typed)
    except officer_views.CONFLICTS as error:
        log.info("officer's text not sent: the item changed", extra={"code": code, "error": type(error).__name__})
        await show_problem(turn, officer, code, error)
        turn.say(
            texts.TYPED_KEPT,
            [[oc.typed(oc.SEND, texts.BUTTON_OFFICER_SEND_AGAIN), oc.typed(oc.CANCEL, texts.BUTTON_OFFICER_CANCEL)]],
        )
        return
    except officer_views.DESK_ERRORS as error:
        log.info("officer's text refused", extra={"code": code, "error": type(error).__name__})
        turn.say(officer_views.problem(error, code))
        turn.conversation.finish()
        return
    turn.conversation.finish()
    turn.say(_done(typed, item))
    await send_fresh(turn, officer, code)


async def _carry_out(turn: Turn, officer: Officer, typed: dict[str, Any]) -> FeedbackItem:
    desk, code, text = desk_of(turn), typed["code"], typed["text"]
    match typed["action"]:
        case oc.ANSWER:
            return await desk.answer(officer, code, text)
        case oc.ASK_CITIZEN:
            return await desk.ask_citizen(officer, code, text)
        case oc.EXTEND:
            return await desk.extend(officer, code, text)
        case oc.APOLOGISE:
            return await desk.apologise(officer, code, date.fromisoformat(typed["date"]), text or None)
        case oc.CLOSE:
            return await desk.close(officer, code, text)
    return await desk.refuse(officer, code, text)


def _done(typed: dict[str, Any], item: FeedbackItem) -> str:
    code = escape(item.code)
    match typed["action"]:
        case oc.ANSWER:
            return texts.DONE_ANSWER.format(code=code)
        case oc.ASK_CITIZEN:
            return texts.DONE_ASK.format(code=code)
        case oc.EXTEND:
            return texts.DONE_EXTEND.format(code=code, due=day(item.due))
        case oc.CLOSE:
            return texts.DONE_CLOSE.format(code=code)
        case oc.APOLOGISE:
            return texts.DONE_APOLOGISE.format(code=code, date=day(date.fromisoformat(typed["date"])))
    return texts.DONE_REFUSE.format(code=code)


async def chosen(turn: Turn, what: str) -> None:
    """«Gửi», «Sửa», «Huỷ» under a review: only while that review is the one waiting."""
    if not turn.conversation.waiting_in(FLOW, REVIEW):
        turn.say(texts.OFFICER_STALE_CHOICE)
        return
    if what == oc.SEND:
        await _send(turn)
    elif what == oc.EDIT:
        turn.conversation.goto(TYPING)
        turn.say(texts.TYPE_AGAIN)
    elif what == oc.CANCEL:
        await cancel(turn)
    else:
        turn.say(texts.OFFICER_STALE_CHOICE)


async def cancel(turn: Turn) -> None:
    turn.conversation.finish()
    turn.say(texts.TYPED_CANCELLED)


def register(router: Router) -> None:
    router.flow(FLOW, _typed)
    router.on_cancel(FLOW, cancel)
