"""«Dữ liệu của tôi» (/dulieu): the citizen's rights over their personal data, on their own channel.

    /dulieu or the menu entry → everything held about them (feedback.service_layer.personal_data.held_about:
    the contact kept for next time, each item's contact, files, place and content, how often officers were
    shown them and from which units, their deletion requests) → [correct the name, the phone or e-mail, the address]
    → [ask for deletion → confirm]

A correction is checked as filing checks its contact step, and changes every item not masked yet, each change
audited (PersonalData.correct_contact). A deletion request goes to the administrators' queue with its deadline;
the result comes back as a notice (dialogue.notice_text). Who the person is comes from the channel's account:
the same identity that filed the items (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, Điều 4).

A question asked here interrupts a flow in progress (a PAKN being drafted) without discarding it: the flow is
parked and comes back when the question is answered or dropped.
"""

from __future__ import annotations

import dataclasses
import logging

from dialogue import my_data_views as views
from dialogue import texts
from dialogue.citizen import citizen_of
from dialogue.events import ContactShared, Text
from dialogue.item_words import day
from dialogue.replies import Choice, Request
from dialogue.rich_text import escape
from dialogue.router import Router, choice_id
from dialogue.turn import Turn
from feedback.domain.contact import InvalidContact, normalise_address, normalise_name, normalise_phone, parse_contact
from feedback.domain.deadlines import local_date
from feedback.domain.model import Contact
from feedback.service_layer.feedback_service import IncompleteContact
from feedback.service_layer.personal_data import HeldData, PersonalData, RequestStatus
from vocabulary import refusals

log = logging.getLogger(__name__)

FLOW = "my_data"
PREFIX = "md"
NAME, CONTACT, ADDRESS, CONFIRM_DELETE = "name", "contact", "address", "confirm_delete"
FIELDS = (NAME, CONTACT, ADDRESS)
PARKED = "my_data_parked"  # in the conversation's memory: the flow a question of this one interrupted
ITEMS_SHOWN = 30
_QUESTIONS = {NAME: texts.MY_DATA_ASK_NAME, CONTACT: texts.MY_DATA_ASK_CONTACT, ADDRESS: texts.MY_DATA_ASK_ADDRESS}
_LABELS = {
    NAME: texts.BUTTON_MY_DATA_NAME,
    CONTACT: texts.BUTTON_MY_DATA_CONTACT,
    ADDRESS: texts.BUTTON_MY_DATA_ADDRESS,
}


def _choice(label: str, *parts: str) -> Choice:
    return Choice(choice_id(PREFIX, *parts), label)


def _rights(turn: Turn) -> PersonalData | None:
    rights = turn.services.personal_data
    if rights is None:
        turn.say(texts.MY_DATA_UNAVAILABLE)
    return rights


def _current_contact(held: HeldData) -> Contact | None:
    """What a correction starts from: the contact kept for next time, else the newest item's not yet masked."""
    if held.remembered_contact is not None:
        return held.remembered_contact
    return next((item.contact for item in held.items if item.contact is not None), None)


def _pending(held: HeldData) -> bool:
    return any(request.status == RequestStatus.PENDING for request in held.deletion_requests)


# --- showing -------------------------------------------------------------------------------------------------


async def show(turn: Turn) -> None:
    """/dulieu or the menu entry: what is held, and what the person may do about it."""
    rights = _rights(turn)
    if rights is None:
        return
    held = await rights.held_about(citizen_of(turn.account), limit=ITEMS_SHOWN)
    if not held.items and held.remembered_contact is None and not held.deletion_requests:
        turn.say(texts.MY_DATA_NOTHING)
        return
    feedback = turn.services.feedback
    units = await feedback.units() if feedback is not None else None
    turn.say(views.held_data(held, units, newest_only=len(held.items) >= ITEMS_SHOWN))
    rows: list[list[Choice]] = []
    if _current_contact(held) is not None:
        rows += [[_choice(_LABELS[field], "edit", field)] for field in FIELDS]
    if not _pending(held):
        rows.append([_choice(texts.BUTTON_MY_DATA_DELETE, "delete")])
    turn.say(texts.MY_DATA_CHOOSE, rows)


# --- asking, and the way back to a parked flow ---------------------------------------------------------------


def _ask(turn: Turn, step: str) -> None:
    conversation = turn.conversation
    if conversation.flow is not None and conversation.flow != FLOW:
        parked = {"flow": conversation.flow, "step": conversation.step, "answers": conversation.answers}
        conversation.memory[PARKED] = parked
    conversation.start(FLOW, step)
    if step == CONFIRM_DELETE:
        rights = turn.services.personal_data
        days = rights.deletion_answer_days if rights is not None else 0
        turn.say(
            texts.MY_DATA_DELETE_CONFIRM.format(days=days),
            [
                [_choice(texts.BUTTON_MY_DATA_CONFIRM_DELETE, "confirm")],
                [_choice(texts.BUTTON_MY_DATA_KEEP, "keep")],
            ],
        )
    else:
        turn.say(_QUESTIONS[step], request=Request.PHONE if step == CONTACT else None)


def _end(turn: Turn, text: str) -> None:
    """The question is answered or dropped: say so, and give the parked flow, if any, back."""
    conversation = turn.conversation
    conversation.finish()
    turn.say(text, end_request=True)
    parked = conversation.memory.pop(PARKED, None)
    if parked:
        conversation.flow, conversation.step, conversation.answers = parked["flow"], parked["step"], parked["answers"]
        turn.say(texts.FOLLOWUP_RESUMED)


async def _cancel(turn: Turn) -> None:
    _end(turn, texts.MY_DATA_STOPPED)


# --- answers -------------------------------------------------------------------------------------------------


async def _in_flow(turn: Turn) -> None:
    """What the person sends while a question of this flow waits."""
    event, step = turn.event, turn.conversation.step
    if step == CONFIRM_DELETE:
        turn.say(texts.MY_DATA_CHOOSE_ONE)
        _ask(turn, CONFIRM_DELETE)
        return
    if step == CONTACT and isinstance(event, ContactShared):
        await _correct(turn, CONTACT, event.phone or "", shared=True)
        return
    if not isinstance(event, Text) or step not in FIELDS:
        turn.say(texts.MY_DATA_TYPE_ONLY)
        return
    await _correct(turn, step, event.text)


async def _correct(turn: Turn, step: str, typed: str, *, shared: bool = False) -> None:
    """Check the new value as filing does, then change it everywhere it is held; a wrong value is explained
    and asked again."""
    rights = _rights(turn)
    if rights is None:
        turn.conversation.finish()
        return
    citizen = citizen_of(turn.account)
    current = _current_contact(await rights.held_about(citizen, limit=1))
    if current is None:
        _end(turn, texts.MY_DATA_NOTHING_TO_CORRECT)
        return
    try:
        if step == NAME:
            corrected = dataclasses.replace(current, name=normalise_name(typed))
        elif step == ADDRESS:
            corrected = dataclasses.replace(current, address=normalise_address(typed))
        elif shared:
            corrected = dataclasses.replace(current, phone=normalise_phone(typed), email=None)
        else:
            parsed = parse_contact(typed)
            corrected = dataclasses.replace(current, phone=parsed.phone, email=parsed.email)
        changed = await rights.correct_contact(citizen, corrected)
    except InvalidContact as error:
        turn.say(
            texts.TRY_AGAIN.format(problem=escape(refusals.contact_refusal(error))),
            request=Request.PHONE if step == CONTACT else None,
        )
        return
    except IncompleteContact:  # a contact from before the law's fields were required: asked field by field
        turn.say(texts.CONTACT_INCOMPLETE)
        return
    shown = views.contact(corrected)
    if changed:
        _end(turn, texts.MY_DATA_CORRECTED.format(count=len(changed), contact=shown))
    else:
        _end(turn, texts.MY_DATA_CORRECTED_NEXT.format(contact=shown))


async def _request_deletion(turn: Turn) -> None:
    rights = _rights(turn)
    if rights is None:
        turn.conversation.finish()
        return
    citizen = citizen_of(turn.account)
    held = await rights.held_about(citizen, limit=1)
    request = await rights.request_deletion(citizen, turn.account.reply_to)
    if _pending(held):  # asked before: the same request, still waiting
        requested = day(local_date(request.requested_at))
        _end(turn, texts.MY_DATA_DELETE_PENDING.format(requested=requested, due=day(request.due_on)))
        return
    log.info("personal data deletion requested", extra={"channel": turn.account.channel, "request": request.id})
    _end(turn, texts.MY_DATA_DELETE_REQUESTED.format(due=day(request.due_on)))


# --- choices -------------------------------------------------------------------------------------------------


async def _chosen(turn: Turn, rest: str) -> None:
    """A choice of this flow: an edit or a deletion starts its question; a confirmation counts only while that
    question waits (an old message's choice does nothing)."""
    what, *parts = rest.split(":")
    match (what, parts):
        case ("start", []):
            await show(turn)
        case ("edit", [field]) if field in FIELDS:
            if _rights(turn) is not None:
                _ask(turn, field)
        case ("delete", []):
            if _rights(turn) is not None:
                _ask(turn, CONFIRM_DELETE)
        case ("confirm", []) if turn.conversation.waiting_in(FLOW, CONFIRM_DELETE):
            await _request_deletion(turn)
        case ("keep", []) if turn.conversation.waiting_in(FLOW, CONFIRM_DELETE):
            _end(turn, texts.MY_DATA_DELETE_KEPT)
        case _:
            turn.say(texts.MY_DATA_STALE)


def register(router: Router) -> None:
    router.command("dulieu", show, texts.COMMAND_DULIEU)
    router.menu_entry(_choice(texts.MENU_MY_DATA, "start"))
    router.choices(PREFIX, _chosen)
    router.flow(FLOW, _in_flow)
    router.on_cancel(FLOW, _cancel)
    router.help_sections.append(texts.HELP_MY_DATA)
