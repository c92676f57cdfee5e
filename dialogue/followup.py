"""What the filer does with their item after it was sent: rate the answer, reopen it with a reason, send the
information an officer asked for, withdraw it before the answer.

Each starts from a choice under a notice or an item (`dialogue.followup_choices`) whose id is never
trusted: the item's state, its owner and, for rating and reopening, the answer round are checked again
against the domain, so a removed or stale choice does nothing. A question the dialogue asks (a reason, the
information) is a step of the flow "followup": while it waits, what the person types goes there, not to
search. "Tôi muốn rút phản ánh …" is an intent.
"""

from __future__ import annotations

import re
from typing import Any

from dialogue import followup_choices, texts
from dialogue.citizen import citizen_of
from dialogue.events import FileShared, LocationShared, Text
from dialogue.item_words import day, status_label
from dialogue.replies import Choice
from dialogue.rich_text import escape
from dialogue.router import Router
from dialogue.tracking import find_code
from dialogue.turn import Turn
from feedback.domain.intake_limits import MIB, AttachmentProblem, AttachmentRejected, check_attachment
from feedback.domain.lifecycle import Action, IllegalTransition
from feedback.domain.model import (
    Attachment,
    AttachmentKind,
    CitizenRef,
    ItemError,
    NotRateable,
    ReopenWindowClosed,
    citizen_actor,
)
from feedback.domain.status import IN_PROCESS_STATUSES, Status
from feedback.domain.tracking_code import InvalidTrackingCode
from feedback.service_layer.feedback_ports import ConcurrentChange
from feedback.service_layer.feedback_service import FeedbackService, NotYourItem, TrackingView, UnknownTrackingCode
from vietnamese_text.normalise import fold

FLOW = "followup"
REOPEN_REASON = "reopen_reason"
WITHDRAW_REASON = "withdraw_reason"
INFORMATION = "information"
PARKED = "followup_parked"  # in the conversation's memory: the flow a follow-up question interrupted
TEXT_MAX = 5000  # a reason, or the information supplied, in characters (an item's content has the same cap)

_WITHDRAW_WORDS = re.compile(r"\b(rut|rut lai|thu hoi)\b")
_ITEM_WORDS = re.compile(r"\b(phan anh|kien nghi|ho so|don)\b")
_LONGEST_SENTENCE = 160
_REFUSED = (IllegalTransition, ItemError, UnknownTrackingCode, InvalidTrackingCode, ConcurrentChange)


def _begin(turn: Turn, step: str, answers: dict[str, Any]) -> None:
    """Ask the follow-up's question. A flow it interrupts (a PAKN being drafted) is parked, untouched, and
    comes back when the follow-up ends: a draft is never discarded for a question about another item."""
    conversation = turn.conversation
    if conversation.flow is not None and conversation.flow != FLOW:
        parked = {"flow": conversation.flow, "step": conversation.step, "answers": conversation.answers}
        conversation.memory[PARKED] = parked
    conversation.start(FLOW, step, answers)


def _end(turn: Turn) -> bool:
    """The follow-up is over: the parked flow, if any, takes over again (True when there was one)."""
    conversation = turn.conversation
    conversation.finish()
    parked = conversation.memory.pop(PARKED, None)
    if not parked:
        return False
    conversation.flow, conversation.step, conversation.answers = parked["flow"], parked["step"], parked["answers"]
    return True


def _resumed(turn: Turn, resumed: bool) -> None:
    if resumed:
        turn.say(texts.FOLLOWUP_RESUMED)


async def _own_view(turn: Turn, feedback: FeedbackService, code: str) -> TrackingView | None:
    """The item as its filer sees it, or None (said why) when it is not theirs or not found."""
    try:
        view = await feedback.track(code, citizen_of(turn.account))
    except (InvalidTrackingCode, UnknownTrackingCode):
        turn.say(texts.NOT_YOURS)
        return None
    if not view.is_owner:
        turn.say(texts.NOT_YOURS)
        return None
    return view


async def _done_already(feedback: FeedbackService, code: str, citizen: CitizenRef, action: Action) -> bool:
    """Whether the item's last step is this citizen's `action`: the same turn taken again (two instances, a
    retried event) finds its own change and says it was done, rather than "not now"."""
    trail = await feedback.audit_trail(code)
    return bool(trail) and trail[-1].action == str(action) and trail[-1].actor == citizen_actor(citizen)


# --- rating ---------------------------------------------------------------------------------------


async def rate(turn: Turn, feedback: FeedbackService, code: str, answer_number: int, stars: int) -> None:
    citizen = citizen_of(turn.account)
    view = await _own_view(turn, feedback, code)
    if view is None:
        return
    if view.answer_number != answer_number:  # stars under an earlier answer: the item was reopened since
        turn.say(texts.RATING_OLD_ANSWER.format(code=escape(view.code)))
        return
    try:
        await feedback.rate(view.code, citizen, stars, answer_number=answer_number)
    except NotRateable:
        turn.say(texts.NOT_RATEABLE)
        return
    except (NotYourItem, UnknownTrackingCode):
        turn.say(texts.NOT_YOURS)
        return
    rows = [[followup_choices.reopen(view.code, answer_number)]] if view.can_reopen else []
    turn.say(texts.RATED.format(stars="★" * stars + "☆" * (5 - stars), code=escape(view.code)), rows)


# --- reopening ------------------------------------------------------------------------------------


async def ask_reopen(turn: Turn, feedback: FeedbackService, code: str, answer_number: int) -> None:
    view = await _own_view(turn, feedback, code)
    if view is None:
        return
    if not view.can_reopen or view.answer_number != answer_number:
        turn.say(texts.REOPEN_NOT_NOW.format(code=escape(view.code)))
        return
    _begin(turn, REOPEN_REASON, {"code": view.code, "answer_number": answer_number})
    turn.say(
        texts.REOPEN_ASK.format(code=escape(view.code)),
        [[followup_choices.no_reason(texts.CHOICE_REOPEN_NO_REASON), followup_choices.stop()]],
    )


async def reopen(turn: Turn, feedback: FeedbackService, reason: str | None) -> None:
    answers = turn.conversation.answers
    code, answer_number = str(answers["code"]), int(answers["answer_number"])
    resumed = _end(turn)
    await _reopen(turn, feedback, code, answer_number, reason)
    _resumed(turn, resumed)


async def _reopen(turn: Turn, feedback: FeedbackService, code: str, answer_number: int, reason: str | None) -> None:
    citizen = citizen_of(turn.account)
    shown = escape(code)
    view = await feedback.track(code, citizen)
    if view.status == Status.REOPENED and await _done_already(feedback, code, citizen, Action.REOPEN):
        turn.say(texts.REOPENED.format(code=shown, due=day(view.due)))  # this turn taken again after its change
        return
    if view.answer_number != answer_number:  # answered again since the question: that answer is not this one
        turn.say(texts.REOPEN_NOT_NOW.format(code=shown))
        return
    try:
        item = await feedback.reopen(code, citizen, reason)
    except ReopenWindowClosed as error:
        turn.say(texts.REOPEN_CLOSED.format(date=day(error.window_ended)))
    except _REFUSED:
        if await _done_already(feedback, code, citizen, Action.REOPEN):
            turn.say(texts.REOPENED.format(code=shown, due=day(view.due)))
        else:
            turn.say(texts.REOPEN_NOT_NOW.format(code=shown))
    else:
        turn.say(texts.REOPENED.format(code=shown, due=day(item.due)))


# --- withdrawing ----------------------------------------------------------------------------------


async def ask_withdraw(turn: Turn, feedback: FeedbackService, code: str) -> None:
    view = await _own_view(turn, feedback, code)
    if view is None:
        return
    if view.status not in IN_PROCESS_STATUSES:
        turn.say(texts.WITHDRAW_NOT_NOW.format(code=escape(view.code)))
        return
    _begin(turn, WITHDRAW_REASON, {"code": view.code})
    turn.say(
        texts.WITHDRAW_ASK.format(code=escape(view.code)),
        [[followup_choices.no_reason(texts.CHOICE_WITHDRAW_NO_REASON), followup_choices.stop()]],
    )


async def withdraw(turn: Turn, feedback: FeedbackService, reason: str | None) -> None:
    code = str(turn.conversation.answers["code"])
    resumed = _end(turn)
    await _withdraw(turn, feedback, code, reason)
    _resumed(turn, resumed)


async def _withdraw(turn: Turn, feedback: FeedbackService, code: str, reason: str | None) -> None:
    citizen = citizen_of(turn.account)
    try:
        await feedback.withdraw(code, citizen, reason)
    except _REFUSED:
        if not await _done_already(feedback, code, citizen, Action.WITHDRAW):
            turn.say(texts.WITHDRAW_NOT_NOW.format(code=escape(code)))
            return
    turn.say(texts.WITHDRAWN.format(code=escape(code)))


async def withdraw_which(turn: Turn, feedback: FeedbackService) -> None:
    """ "Tôi muốn rút phản ánh" without a code: the one item that can be withdrawn, or a choice of them."""
    views = [view for view in await feedback.my_items(citizen_of(turn.account)) if view.status in IN_PROCESS_STATUSES]
    if not views:
        turn.say(texts.WITHDRAW_NONE)
    elif len(views) == 1:
        await ask_withdraw(turn, feedback, views[0].code)
    else:
        rows = [
            [
                Choice(
                    followup_choices.withdraw(view.code).id,
                    texts.MY_ITEM_CHOICE.format(code=view.code, status=status_label(view.status)),
                )
            ]
            for view in views
        ]
        turn.say(texts.WITHDRAW_WHICH, rows)


# --- supplying information ------------------------------------------------------------------------


async def ask_information(turn: Turn, feedback: FeedbackService, code: str) -> None:
    view = await _own_view(turn, feedback, code)
    if view is None:
        return
    if view.status != Status.WAITING_FOR_CITIZEN:
        turn.say(texts.INFORMATION_NOT_NOW.format(code=escape(view.code)))
        return
    _begin(turn, INFORMATION, {"code": view.code, "texts": [], "attachments": []})
    turn.say(texts.INFORMATION_ASK.format(code=escape(view.code)))


def _information_chars(parts: list[str]) -> int:
    return len("\n\n".join(parts))


def _received(turn: Turn) -> None:
    answers = turn.conversation.answers
    received = texts.INFORMATION_RECEIVED.format(
        chars=_information_chars(answers["texts"]), files=len(answers["attachments"])
    )
    turn.say(received, [[followup_choices.send(), followup_choices.stop()]])


def _add_text(turn: Turn, text: str) -> bool:
    """Keep a piece of the information; over TEXT_MAX in all it is not kept, and the person is told."""
    parts: list[str] = turn.conversation.answers["texts"]
    text = text.strip()
    if not text:
        return True
    if _information_chars([*parts, text]) > TEXT_MAX:
        something = bool(parts or turn.conversation.answers["attachments"])
        rows = [[followup_choices.send(), followup_choices.stop()]] if something else []
        turn.say(
            texts.INFORMATION_TOO_LONG.format(max=f"{TEXT_MAX:,}".replace(",", "."), chars=_information_chars(parts)),
            rows,
        )
        return False
    parts.append(text)
    return True


def _add_file(turn: Turn, feedback: FeedbackService, shared: FileShared) -> bool:
    attachments: list[dict[str, Any]] = turn.conversation.answers["attachments"]
    try:
        check_attachment(shared.size, len(attachments), feedback.limits)
    except AttachmentRejected as error:
        limit = error.limit // MIB if error.problem == AttachmentProblem.TOO_LARGE else error.limit
        turn.say(texts.ATTACHMENT_PROBLEMS[str(error.problem)].format(limit=limit) + texts.NOT_ADDED)
        return False
    if shared.caption and not _add_text(turn, shared.caption):
        return False
    attachments.append(
        {
            "kind": str(shared.kind),
            "file_id": shared.ref,
            "file_unique_id": shared.unique_ref,
            "file_name": shared.name,
            "mime_type": shared.mime_type,
            "size": shared.size,
            "local_path": shared.local_path,
        }
    )
    return True


def _attachment(stored: dict[str, Any]) -> Attachment:
    return Attachment(
        kind=AttachmentKind(stored["kind"]),
        file_id=stored["file_id"],
        file_unique_id=stored.get("file_unique_id"),
        file_name=stored.get("file_name"),
        mime_type=stored.get("mime_type"),
        size=stored.get("size"),
        local_path=stored.get("local_path"),
    )


async def send_information(turn: Turn, feedback: FeedbackService) -> None:
    answers = turn.conversation.answers
    code, text = str(answers["code"]), "\n\n".join(answers["texts"])
    attachments = [_attachment(stored) for stored in answers["attachments"]]
    if not text and not attachments:
        turn.say(texts.INFORMATION_EMPTY)
        return
    citizen = citizen_of(turn.account)
    shown = escape(code)
    try:
        item = await feedback.reply_with_information(code, citizen, text, attachments)
    except AttachmentRejected as error:
        limit = error.limit // MIB if error.problem == AttachmentProblem.TOO_LARGE else error.limit
        turn.say(texts.ATTACHMENT_PROBLEMS[str(error.problem)].format(limit=limit))
        return
    except _REFUSED:
        resumed = _end(turn)
        if await _done_already(feedback, code, citizen, Action.CITIZEN_REPLIED):
            view = await feedback.track(code, citizen)
            turn.say(texts.INFORMATION_SENT.format(code=shown, due=day(view.due)))
        else:
            turn.say(texts.INFORMATION_NOT_NOW.format(code=shown))
        _resumed(turn, resumed)
        return
    resumed = _end(turn)
    turn.say(texts.INFORMATION_SENT.format(code=shown, due=day(item.due)))
    _resumed(turn, resumed)


# --- the flow -------------------------------------------------------------------------------------


def _withdraw_request(text: str) -> tuple[bool, str | None]:
    """Whether `text` asks to withdraw an item ("tôi muốn rút phản ánh 20261123.0001"), and its code."""
    folded = fold(text)
    if len(text) > _LONGEST_SENTENCE or not _WITHDRAW_WORDS.search(folded):
        return False, None
    code = find_code(text)
    return (code is not None or bool(_ITEM_WORDS.search(folded))), code


# A choice's label typed in words, on a channel where a notice's choices cannot be pressed or picked by number
# (the notice came between two turns): «chưa được giải quyết», «gửi thông tin bổ sung», «4 sao».
_TYPED_REOPEN = re.compile(r"(toi )?(viec nay )?(van )?chua duoc giai quyet|mo lai phan anh")
_TYPED_INFORMATION = re.compile(r"(gui )?(thong tin )?bo sung( thong tin)?")
_TYPED_STARS = re.compile(r"(?:danh gia )?([1-5]) ?(?:sao|⭐|\*)")
_TYPED_LONGEST = 40


def _typed_choice(text: str) -> tuple[str, int] | None:
    """Which follow-up choice `text` names in words: (kind, stars) with stars 0 unless rating."""
    folded = fold(text).strip(" .!")
    if len(folded) > _TYPED_LONGEST:
        return None
    if _TYPED_REOPEN.fullmatch(folded):
        return followup_choices.REOPEN, 0
    if _TYPED_INFORMATION.fullmatch(folded):
        return followup_choices.INFORMATION, 0
    if stars := _TYPED_STARS.fullmatch(folded):
        return followup_choices.RATE, int(stars.group(1))
    return None


async def typed_choice(turn: Turn, feedback: FeedbackService, kind: str, stars: int) -> None:
    """The follow-up named in words, on the filer's one item it fits; a choice of items when several do."""
    views = await feedback.my_items(citizen_of(turn.account))
    if kind == followup_choices.REOPEN:
        fitting = [view for view in views if view.can_reopen]
    elif kind == followup_choices.INFORMATION:
        fitting = [view for view in views if view.status == Status.WAITING_FOR_CITIZEN]
    else:
        fitting = [view for view in views if view.status == Status.ANSWERED and view.rating is None]
    if not fitting:
        turn.say(texts.TYPED_FOLLOWUP_NONE)
        return
    if len(fitting) == 1:
        view = fitting[0]
        if kind == followup_choices.REOPEN:
            await ask_reopen(turn, feedback, view.code, view.answer_number)
        elif kind == followup_choices.INFORMATION:
            await ask_information(turn, feedback, view.code)
        else:
            await rate(turn, feedback, view.code, view.answer_number, stars)
        return
    rows = []
    for view in fitting:
        if kind == followup_choices.REOPEN:
            option = followup_choices.reopen(view.code, view.answer_number)
        elif kind == followup_choices.INFORMATION:
            option = followup_choices.add_information(view.code)
        else:
            option = followup_choices.rating(view.code, view.answer_number)[stars - 1]
        label = texts.MY_ITEM_CHOICE.format(code=view.code, status=status_label(view.status))
        rows.append([Choice(option.id, label)])
    turn.say(texts.TYPED_FOLLOWUP_WHICH, rows)


def _number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 6 else None


def register(router: Router) -> None:
    async def chosen(turn: Turn, rest: str) -> None:
        feedback = turn.services.feedback
        if feedback is None:
            turn.say(texts.NO_FEEDBACK)
            return
        what, *parts = rest.split(":")
        conversation = turn.conversation
        if what == followup_choices.RATE and len(parts) == 3:
            answer_number, stars = _number(parts[1]), _number(parts[2])
            if answer_number is not None and stars is not None and 1 <= stars <= 5:
                await rate(turn, feedback, parts[0], answer_number, stars)
                return
        elif what == followup_choices.REOPEN and len(parts) == 2 and (answer_number := _number(parts[1])):
            await ask_reopen(turn, feedback, parts[0], answer_number)
            return
        elif what == followup_choices.INFORMATION and len(parts) == 1:
            await ask_information(turn, feedback, parts[0])
            return
        elif what == followup_choices.WITHDRAW and len(parts) == 1:
            await ask_withdraw(turn, feedback, parts[0])
            return
        elif what == followup_choices.NO_REASON and conversation.waiting_in(FLOW, REOPEN_REASON):
            await reopen(turn, feedback, None)
            return
        elif what == followup_choices.NO_REASON and conversation.waiting_in(FLOW, WITHDRAW_REASON):
            await withdraw(turn, feedback, None)
            return
        elif what == followup_choices.SEND and conversation.waiting_in(FLOW, INFORMATION):
            await send_information(turn, feedback)
            return
        elif what == followup_choices.STOP and conversation.waiting_in(FLOW):
            await cancel(turn)
            return
        turn.say(texts.STALE_CHOICE)

    async def waiting(turn: Turn) -> None:
        """The answer to the question the flow asked: a reason, or a piece of the information."""
        feedback = turn.services.feedback
        event, step = turn.event, turn.conversation.step
        if feedback is None:
            resumed = _end(turn)
            turn.say(texts.NO_FEEDBACK)
            _resumed(turn, resumed)
            return
        if step == INFORMATION:
            if isinstance(event, Text):
                if _add_text(turn, event.text):
                    _received(turn)
            elif isinstance(event, FileShared):
                if _add_file(turn, feedback, event):
                    _received(turn)
            elif isinstance(event, LocationShared):
                location = texts.INFORMATION_LOCATION.format(latitude=event.latitude, longitude=event.longitude)
                if _add_text(turn, location):
                    _received(turn)
            else:
                turn.say(texts.INFORMATION_TEXT_ONLY)
            return
        if not isinstance(event, Text):
            turn.say(texts.REASON_WORDS_ONLY)
            return
        reason = event.text.strip()
        if len(reason) > TEXT_MAX:
            turn.say(texts.REASON_TOO_LONG.format(max=f"{TEXT_MAX:,}".replace(",", ".")))
            return
        if step == REOPEN_REASON:
            await reopen(turn, feedback, reason or None)
        elif step == WITHDRAW_REASON:
            await withdraw(turn, feedback, reason or None)
        else:  # a step this version does not know (a state saved by another): start afresh
            await cancel(turn)

    async def cancel(turn: Turn) -> None:
        resumed = _end(turn)
        turn.say(texts.FOLLOWUP_CANCELLED)
        _resumed(turn, resumed)

    async def withdraw_intent(turn: Turn) -> bool:
        feedback = turn.services.feedback
        if feedback is None or not isinstance(turn.event, Text):
            return False
        asked, code = _withdraw_request(turn.event.text)
        if not asked:
            return False
        if code is not None:
            await ask_withdraw(turn, feedback, code)
        else:
            await withdraw_which(turn, feedback)
        return True

    async def typed_intent(turn: Turn) -> bool:
        feedback = turn.services.feedback
        if feedback is None or not isinstance(turn.event, Text):
            return False
        typed = _typed_choice(turn.event.text)
        if typed is None:
            return False
        await typed_choice(turn, feedback, *typed)
        return True

    router.choices(followup_choices.PREFIX, chosen)
    router.intent(typed_intent)
    router.flow(FLOW, waiting)
    router.on_cancel(FLOW, cancel)
    router.intent(withdraw_intent)
