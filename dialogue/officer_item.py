"""An item as an officer works on it: /xem CODE or a queue choice opens it (`officer_card`); one-tap
actions («Tiếp nhận», «Tôi xử lý») and picked ones (a refusal reason, a colleague, a unit) are carried out
here; typed ones (an answer…) are `officer_typing`.

Nothing is decided here: every press re-reads the officer and goes through the desk, which checks the role
and the unit against the item as it is now. What the desk refuses is explained, and nothing changes.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from dialogue import officer_choices as oc
from dialogue import officer_queue, officer_typing, officer_views, texts
from dialogue.events import Command
from dialogue.notice_text import notice_text
from dialogue.officer_card import desk_of, send_fresh, send_item, show_problem
from dialogue.officer_choices import officer_of
from dialogue.replies import Button, Choice
from dialogue.rich_text import escape
from dialogue.router import Router
from dialogue.turn import Turn
from feedback.domain.access import Officer
from feedback.domain.model import FeedbackItem, NoticeKind
from feedback.domain.refusal_reasons import refusal_note
from feedback.domain.status import Status

log = logging.getLogger(__name__)


async def _open(turn: Turn, code: str) -> None:
    officer = await officer_of(turn)
    if officer is None:
        return
    try:
        await send_item(turn, officer, code, attachments=True)
    except officer_views.DESK_ERRORS as error:
        turn.say(officer_views.problem(error, code))


async def _carry_out(
    turn: Turn, officer: Officer, code: str, change: Callable[[Officer], Awaitable[FeedbackItem]], done: str
) -> None:
    try:
        await change(officer)
    except officer_views.DESK_ERRORS as error:
        log.info("officer action refused", extra={"code": code, "error": type(error).__name__})
        await show_problem(turn, officer, code, error)
        return
    turn.say(done)
    await send_fresh(turn, officer, code)


async def _offer(turn: Turn, officer: Officer, code: str, action: str) -> None:
    """The choices an action needs (reasons, colleagues, units), checked against the item by the desk."""
    desk = desk_of(turn)
    shown = escape(code)
    back = [oc.open_item(code, texts.BUTTON_OFFICER_BACK)]
    try:
        if action == oc.REFUSE:
            await desk.item(officer, code)
            rows: list[list[Button]] = [
                [oc.pick(code, oc.REASON, reason.code, reason.label_vi)]
                for reason in turn.services.refusal_reasons.values()
            ]
            rows.append([oc.act(code, oc.REFUSE_OTHER, texts.BUTTON_OFFICER_OTHER_REASON)])
            turn.say(texts.CHOOSE_REFUSAL_REASON.format(code=shown), [*rows, back])
        elif action == oc.ASSIGN:
            found = [other for other in await desk.colleagues(officer, code) if other.username != officer.username]
            if not found:
                turn.say(texts.NO_COLLEAGUES.format(code=shown))
                return
            colleagues: list[list[Button]] = [
                [oc.pick(code, oc.COLLEAGUE, other.username, f"{other.display_name} ({other.username})")]
                for other in found
            ]
            turn.say(texts.CHOOSE_COLLEAGUE.format(code=shown), [*colleagues, back])
        else:
            units: list[list[Button]] = [
                [oc.pick(code, oc.UNIT, unit.code, f"{unit.name} ({unit.code})")]
                for unit in await desk.forwarding_units(officer, code)
            ]
            turn.say(texts.CHOOSE_UNIT.format(code=shown), [*units, back])
    except officer_views.DESK_ERRORS as error:
        await show_problem(turn, officer, code, error)


async def _act(turn: Turn, code: str, action: str) -> None:
    officer = await officer_of(turn)
    if officer is None:
        return
    desk, shown = desk_of(turn), escape(code)
    if action == oc.ACCEPT:
        done = texts.DONE_ACCEPT.format(code=shown)
        await _carry_out(turn, officer, code, lambda who: desk.accept(who, code), done)
    elif action == oc.CLAIM:
        done = texts.DONE_CLAIM.format(code=shown)
        await _carry_out(turn, officer, code, lambda who: desk.claim(who, code), done)
    elif action in (oc.REFUSE, oc.ASSIGN, oc.FORWARD):
        await _offer(turn, officer, code, action)
    elif action in officer_typing.TYPED_ACTIONS:
        await officer_typing.begin(turn, officer, code, action)
    else:
        turn.say(texts.OFFICER_STALE_CHOICE)


async def _pick(turn: Turn, code: str, kind: str, key: str) -> None:
    officer = await officer_of(turn)
    if officer is None:
        return
    desk, shown = desk_of(turn), escape(code)
    reasons = turn.services.refusal_reasons
    reason = reasons.get(oc.picked(key, reasons) or "") if kind in (oc.REASON, oc.REASON_CONFIRMED) else None
    try:
        if kind == oc.REASON and reason is not None:
            found = (await desk.item(officer, code)).item
            note = refusal_note(reason)
            preview = notice_text(NoticeKind.STATUS_CHANGED, found.code, Status.REFUSED, note, found.due)
            confirm = oc.pick(found.code, oc.REASON_CONFIRMED, reason.code, texts.BUTTON_OFFICER_CONFIRM_REFUSAL)
            back: Choice = oc.act(found.code, oc.REFUSE, texts.BUTTON_OFFICER_BACK)
            turn.say(texts.REVIEW_REFUSAL.format(code=escape(found.code), preview=preview), [[confirm], [back]])
            return
        if kind == oc.REASON_CONFIRMED and reason is not None:
            note = refusal_note(reason)
            done = texts.DONE_REFUSE.format(code=shown)
            await _carry_out(turn, officer, code, lambda who: desk.refuse(who, code, note), done)
            return
        if kind == oc.COLLEAGUE:
            colleague = oc.picked(key, (other.username for other in await desk.colleagues(officer, code)))
            if colleague is not None:
                done = texts.DONE_ASSIGN.format(code=shown, name=escape(colleague))
                await _carry_out(turn, officer, code, lambda who: desk.assign(who, code, colleague), done)
                return
        if kind == oc.UNIT:
            unit = oc.picked(key, (unit.code for unit in await desk.forwarding_units(officer, code)))
            if unit is not None:
                done = texts.DONE_FORWARD.format(code=shown, unit=escape(unit))
                await _carry_out(turn, officer, code, lambda who: desk.forward(who, code, unit), done)
                return
    except officer_views.DESK_ERRORS as error:
        await show_problem(turn, officer, code, error)
        return
    # A reason the agency has since removed, a colleague or unit no longer offered, or an id of no choice of ours.
    turn.say(texts.OFFICER_STALE_CHOICE)


async def _chosen(turn: Turn, rest: str) -> None:
    kind, _, tail = rest.partition(":")
    parts = tail.split(":")
    if kind == oc.LIST and len(parts) == 2 and parts[0] in texts.QUEUE_TITLES and parts[1].isdigit():
        await officer_queue.show_list(turn, parts[0], max(1, int(parts[1])), in_place=True)
    elif kind == oc.OPEN and len(parts) == 1:
        await _open(turn, parts[0])
    elif kind == oc.ACT and len(parts) == 2:
        await _act(turn, parts[0], parts[1])
    elif kind == oc.PICK and len(parts) == 3:
        await _pick(turn, parts[0], parts[1], parts[2])
    elif kind == oc.TYPED and len(parts) == 1:
        await officer_typing.chosen(turn, parts[0])
    else:
        turn.say(texts.OFFICER_STALE_CHOICE)


def register(router: Router) -> None:
    async def xem(turn: Turn) -> None:
        argument = turn.event.argument.strip() if isinstance(turn.event, Command) else ""
        if not argument:
            if await officer_of(turn) is not None:
                turn.say(texts.XEM_USAGE)
            return
        await _open(turn, argument)

    router.command("xem", xem)
    router.choices(oc.PREFIX, _chosen)
