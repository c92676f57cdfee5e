"""The officers' actions on an item: one POST each, checked by the desk, redirect-after-post with a message.

When the desk refuses (someone changed the item meanwhile, its status no longer allows the action, a
missing reason), the item page is shown again with the message and with what the officer typed still
in the form. An item out of the officer's units gets a 403 page and nothing changes.

Two actions go through a page of their own first: an answer is shown as it will be sent, and «Cấp lại mã PIN»
(a filer who lost the portal PIN asked at the desk) says what the officer must check and asks to confirm; the new
PIN is then shown in that response alone, never in a flash message, which the session keeps in the database.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import date

from aiohttp import web

from feedback.domain.access import NotPermitted, Officer
from feedback.domain.data_view import Exposure, Looked
from feedback.domain.lifecycle import IllegalTransition
from feedback.domain.model import (
    PUBLIC_ANSWER_MAX_CHARS,
    AlreadyExtended,
    CannotApologise,
    InvalidPromise,
    InvalidPublicAnswer,
    ItemError,
    MissingReason,
    PromiseAlreadyMoved,
)
from feedback.domain.refusal_reasons import refusal_note
from feedback.domain.tracking_code import InvalidTrackingCode, parse_code
from feedback.domain.units import InvalidUnitCode, UnitError, UnknownUnit
from feedback.service_layer.feedback_ports import ConcurrentChange
from feedback.service_layer.feedback_service import UnknownTrackingCode
from feedback.service_layer.officer_desk import NotAColleague, OutOfReach, PinsUnavailable, SameUnit
from web import texts
from web.form_body import officer_form
from web.formatting import status_label, vn_date
from web.keys import officer_key, officer_pages_key, session_key
from web.officer_pages import OfficerPages
from web.officer_views import CHANNEL, load_item, render_item
from web.rendering import render

PIN = "pin"  # «Cấp lại mã PIN»: /can-bo/items/{code}/actions/pin


class FormProblem(Exception):
    """Form input the page itself can tell is wrong, before the desk is asked."""


Form = Mapping[str, str]
# An action: does it through the desk and returns the message for the officer.
ActionHandler = Callable[[OfficerPages, Officer, str, Form], Awaitable[str]]


def _text(form: Form, name: str) -> str | None:
    return form.get(name, "").strip() or None


async def accept(pages: OfficerPages, officer: Officer, code: str, form: Form) -> str:
    await pages.desk.accept(officer, code, _text(form, "note"))
    return texts.DONE["accept"].format(code=code)


async def refuse(pages: OfficerPages, officer: Officer, code: str, form: Form) -> str:
    reason = pages.refusal_reasons.get(form.get("reason", ""))
    if reason is None:
        raise FormProblem(texts.UNKNOWN_REASON)
    await pages.desk.refuse(officer, code, refusal_note(reason, _text(form, "note")))
    return texts.DONE["refuse"].format(code=code)


async def claim(pages: OfficerPages, officer: Officer, code: str, form: Form) -> str:
    await pages.desk.claim(officer, code)
    return texts.DONE["claim"].format(code=code)


async def assign(pages: OfficerPages, officer: Officer, code: str, form: Form) -> str:
    item = await pages.desk.assign(officer, code, form.get("colleague", ""), _text(form, "note"))
    colleague = await pages.admin.officer(item.assignee or "")
    return texts.DONE["assign"].format(code=code, name=colleague.display_name)


async def forward(pages: OfficerPages, officer: Officer, code: str, form: Form) -> str:
    item = await pages.desk.forward(officer, code, form.get("unit", ""), _text(form, "note"))
    return texts.DONE["forward"].format(code=code, unit=item.unit)


async def ask_citizen(pages: OfficerPages, officer: Officer, code: str, form: Form) -> str:
    await pages.desk.ask_citizen(officer, code, form.get("question", "").strip())
    return texts.DONE["ask_citizen"].format(code=code)


async def extend(pages: OfficerPages, officer: Officer, code: str, form: Form) -> str:
    await pages.desk.extend(officer, code, form.get("reason", "").strip())
    return texts.DONE["extend"].format(code=code)


async def apologise(pages: OfficerPages, officer: Officer, code: str, form: Form) -> str:
    try:
        new_date = date.fromisoformat(form.get("new_date", ""))
    except ValueError:
        raise FormProblem(texts.BAD_DATE) from None
    await pages.desk.apologise(officer, code, new_date, _text(form, "reason"))
    return texts.DONE["apologise"].format(code=code, date=vn_date(new_date))


async def close(pages: OfficerPages, officer: Officer, code: str, form: Form) -> str:
    await pages.desk.close(officer, code, form.get("note", "").strip())
    return texts.DONE["close"].format(code=code)


async def answer(pages: OfficerPages, officer: Officer, code: str, form: Form) -> str:
    await pages.desk.answer(officer, code, form.get("text", "").strip())
    return texts.DONE["answer"].format(code=code)


async def publish(pages: OfficerPages, officer: Officer, code: str, form: Form) -> str:
    item = await pages.desk.publish_answer(officer, code, form.get("text", ""))
    return texts.DONE["publish" if item.public_answer else "unpublish"].format(code=code)


ACTIONS: Mapping[str, ActionHandler] = {
    "accept": accept,
    "refuse": refuse,
    "claim": claim,
    "assign": assign,
    "forward": forward,
    "ask_citizen": ask_citizen,
    "extend": extend,
    "apologise": apologise,
    "answer": answer,
    "close": close,
    "publish": publish,
}


async def act(request: web.Request) -> web.StreamResponse:
    code, name = request.match_info["code"], request.match_info["action"]
    if name not in ACTIONS and name != PIN:
        raise web.HTTPNotFound()
    form = {key: value for key, value in (await officer_form(request)).items() if isinstance(value, str)}
    if name == "answer" and form.get("step") != "send":
        return await _answer_step(request, code, form)
    if name == PIN:
        return await _pin_step(request, code, form)
    handler = ACTIONS[name]
    try:
        message = await handler(request.app[officer_pages_key], request[officer_key], code, form)
    except (OutOfReach, NotPermitted):
        raise web.HTTPForbidden(text=texts.OUT_OF_REACH) from None
    except (UnknownTrackingCode, InvalidTrackingCode):
        raise web.HTTPNotFound(text=texts.UNKNOWN_ITEM.format(code=code)) from None
    except (FormProblem, ConcurrentChange, IllegalTransition, ItemError, NotAColleague, SameUnit, UnitError) as error:
        status, text = refusal(error)
        return await render_item(request, code, error=text, form=form, failed_action=name, status=status)
    request[session_key].add_flash("ok", message)
    if name == "forward":  # the item has left the unit: back to the queue, where the officer's work is
        raise web.HTTPSeeOther(request.app.router["queue"].url_for().path)
    raise web.HTTPSeeOther(request.app.router["item"].url_for(code=code).path)


async def _answer_step(request: web.Request, code: str, form: Form) -> web.Response:
    """Before an answer goes to the citizen, the officer sees it as it will be sent, or goes back to edit."""
    text = form.get("text", "").strip()
    if form.get("step") == "edit" or not text:
        error = None if form.get("step") == "edit" else texts.MISSING_REASON
        return await render_item(
            request, code, error=error, form=form, failed_action="answer", status=200 if error is None else 400
        )
    view = await load_item(request, code, (Looked(CHANNEL, Exposure.CONTACT),))  # the page names the citizen
    return render("answer_confirm.html", request, {"item": view.item, "text": text})


async def _pin_step(request: web.Request, code: str, form: Form) -> web.Response:
    """«Cấp lại mã PIN»: what to check and a confirmation, then the new PIN, shown on this page only."""
    desk = request.app[officer_pages_key].desk
    if not desk.gives_pins:
        raise web.HTTPNotFound(text=texts.PINS_UNAVAILABLE)
    if form.get("step") != "issue":
        view = await load_item(request, code, (Looked(CHANNEL, Exposure.CONTACT),))  # to check their papers against
        return render("pin_confirm.html", request, {"item": view.item})
    try:
        pin = await desk.replace_pin(request[officer_key], code)
    except OutOfReach:
        raise web.HTTPForbidden(text=texts.OUT_OF_REACH) from None
    except (UnknownTrackingCode, InvalidTrackingCode):
        raise web.HTTPNotFound(text=texts.UNKNOWN_ITEM.format(code=code)) from None
    except PinsUnavailable:
        raise web.HTTPNotFound(text=texts.PINS_UNAVAILABLE) from None
    except ConcurrentChange:
        return await render_item(request, code, error=texts.CONCURRENT_CHANGE, status=409)
    return render("pin_issued.html", request, {"code": str(parse_code(code)), "pin": pin})


def refusal(error: Exception) -> tuple[int, str]:
    """The HTTP status and the Vietnamese message for what the desk (or the form) refused."""
    match error:
        case FormProblem():
            return 400, str(error)
        case ConcurrentChange():
            return 409, texts.CONCURRENT_CHANGE
        case IllegalTransition():
            return 409, texts.ILLEGAL_TRANSITION.format(status=status_label(error.status))
        case NotAColleague():
            return 400, texts.NOT_A_COLLEAGUE.format(username=error.username)
        case SameUnit():
            return 400, texts.SAME_UNIT
        case UnknownUnit() | InvalidUnitCode():
            return 400, texts.UNKNOWN_UNIT.format(unit=error.code)
        case MissingReason():
            return 400, texts.MISSING_REASON
        case AlreadyExtended():
            return 409, texts.ALREADY_EXTENDED
        case InvalidPromise():
            return 400, texts.INVALID_PROMISE
        case PromiseAlreadyMoved():
            return 409, texts.PROMISE_MOVED.format(date=vn_date(error.promised_on))
        case CannotApologise():
            return 409, texts.CANNOT_APOLOGISE
        case InvalidPublicAnswer():
            return 400, texts.INVALID_PUBLIC_ANSWER.format(limit=PUBLIC_ANSWER_MAX_CHARS)
        case _:
            return 400, texts.ITEM_REFUSED_BY_RULES.format(detail=str(error))
