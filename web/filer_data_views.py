"""The citizens' portal, «Dữ liệu của tôi» for a filer who opened their item with its code and PIN: every personal
detail the item holds of them, how many times and from which units officers were shown it, a form to correct
the name, the phone or e-mail and the address, and a request to delete them (with a confirmation step) whose
status and decision the page then shows.

The page covers that one item: the PIN proves only that it is theirs. A web filer's reference is a digest of
the phone or e-mail they typed, which nobody verified, so whoever typed someone else's number could otherwise
read, change or erase that person's other items (feedback.service_layer.personal_data: `held_in_item`,
`correct_item_contact`, `request_item_deletion`). The same cookie as the filer's page opens it
(web/filer_views.py); every form carries the visitor's CSRF token; after an action the page comes back from a
redirect, so reloading it repeats nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from aiohttp import web
from multidict import MultiDict

from feedback.domain.contact import InvalidContact, normalise_address, normalise_name, parse_contact
from feedback.domain.deadlines import local_date
from feedback.domain.model import Contact
from feedback.domain.units import UnitTree
from feedback.service_layer.feedback_ports import ConcurrentChange
from feedback.service_layer.feedback_service import IncompleteContact, UnknownTrackingCode
from feedback.service_layer.personal_data import DeletionRequest, HeldItem, PersonalData, RequestStatus
from vocabulary import refusals
from web import texts
from web.filer_views import FOLLOW_PATH, check_token, normalised_code, read_text_form, to_pin_form, unlocked
from web.form_guard import Step
from web.formatting import vn_date
from web.keys import citizen_pages_key
from web.rendering import render

CORRECT, DELETE = "sua", "xoa"


@dataclass(frozen=True)
class UnitViews:
    units: str  # the unit names, or the administrators'
    count: int


@dataclass(frozen=True)
class RequestRow:
    requested: str
    state: str
    pending: bool


def _service(request: web.Request) -> PersonalData:
    service = request.app[citizen_pages_key].personal_data
    if service is None:
        raise web.HTTPNotFound(text=texts.PORTAL_DATA_UNAVAILABLE)
    return service


def _page_path(code: str) -> str:
    return f"{FOLLOW_PATH}/{code}/du-lieu"


async def data_page(request: web.Request) -> web.StreamResponse:
    code = normalised_code(request.match_info["code"])
    if not await unlocked(request, code):
        raise to_pin_form(code)
    return await _render(request, code, done=request.query.get("xong", ""), confirm=request.query.get("xoa") == "1")


async def _render(
    request: web.Request,
    code: str,
    *,
    done: str = "",
    confirm: bool = False,
    errors: dict[str, str] | None = None,
    typed: MultiDict[str] | None = None,
    status: int = 200,
) -> web.Response:
    pages = request.app[citizen_pages_key]
    service = _service(request)
    try:
        held = await service.held_in_item(code)
    except UnknownTrackingCode:
        raise web.HTTPNotFound(text=texts.UNKNOWN_ITEM.format(code=code)) from None
    (item,) = held.items
    requests = [_request_row(one) for one in held.deletion_requests]
    pending = next((one for one in held.deletion_requests if one.status == RequestStatus.PENDING), None)
    cookie, new = pages.guard.visitor(request)
    context = {
        "code": code,
        "item": item,
        "views": _views(item, await pages.feedback.units()),
        "view_count": sum(item.views.values()),
        "requests": requests,
        "can_delete": pending is None and (item.contact is not None or item.attachments > 0),
        "confirm": confirm and pending is None,
        "answer_days": service.deletion_answer_days,
        "done": _done_message(done, pending),
        "errors": errors or {},
        "typed": typed if typed is not None else _typed_from(item.contact),
        "token": pages.guard.issue(cookie, Step.FOLLOW),
    }
    response = render("portal/filer_data.html", request, context, status=status)
    response.headers["Cache-Control"] = "no-store"  # the filer's personal details
    if new:
        pages.guard.remember(request, response, cookie)
    return response


def _typed_from(contact: Contact | None) -> MultiDict[str]:
    """The correction form starts from what is held."""
    if contact is None:
        return MultiDict()
    reachable = ", ".join(part for part in (contact.phone, contact.email) if part)
    return MultiDict({"ho_ten": contact.name, "lien_he": reachable, "dia_chi": contact.address})


def _views(item: HeldItem, units: UnitTree) -> list[UnitViews]:
    """By unit, the most first (an officer of several units counts for them together)."""
    ordered = sorted(item.views.items(), key=lambda entry: (-entry[1], entry[0] or ""))
    return [UnitViews(_unit_names(codes, units), count) for codes, count in ordered]


def _unit_names(codes: str | None, units: UnitTree) -> str:
    if codes is None:
        return texts.PORTAL_DATA_VIEWS_ADMIN
    return ", ".join(units.get(code).name if code in units else code for code in codes.split(","))


def _request_row(request: DeletionRequest) -> RequestRow:
    decided = vn_date(local_date(request.decided_at)) if request.decided_at is not None else "—"
    state = texts.PORTAL_DATA_REQUEST_STATES[str(request.status)].format(
        due=vn_date(request.due_on), decided=decided, note=request.note or ""
    )
    return RequestRow(vn_date(local_date(request.requested_at)), state, request.status == RequestStatus.PENDING)


def _done_message(done: str, pending: DeletionRequest | None) -> str | None:
    match done:
        case "sua":
            return texts.PORTAL_DATA_CORRECTED
        case "khong-doi":
            return texts.PORTAL_DATA_UNCHANGED
        case "xoa" if pending is not None:
            return texts.PORTAL_DATA_DELETE_REQUESTED.format(due=vn_date(pending.due_on))
        case _:
            return None


# --- the filer's actions --------------------------------------------------------------------------------


async def act(request: web.Request) -> web.StreamResponse:
    """The correction and the deletion request post here; `{action}` says which."""
    pages = request.app[citizen_pages_key]
    code = normalised_code(request.match_info["code"])
    action = request.match_info["action"]
    form = await read_text_form(request)
    check_token(request, pages, form)
    if not await unlocked(request, code):
        raise to_pin_form(code)
    service = _service(request)
    match action:
        case "sua":
            return await _correct(request, service, code, form)
        case "xoa":
            return await _request_deletion(request, service, code, form)
        case _:
            raise web.HTTPNotFound(text=texts.NOT_FOUND)


def _done(code: str, outcome: str) -> web.HTTPSeeOther:
    return web.HTTPSeeOther(f"{_page_path(code)}?xong={outcome}")


async def _correct(request: web.Request, service: PersonalData, code: str, form: MultiDict[str]) -> web.Response:
    """Checked field by field as the filing form checks them: the page again with the errors, else corrected."""
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    for key, normalise in (("ho_ten", normalise_name), ("dia_chi", normalise_address)):
        try:
            values[key] = normalise(form.get(key, ""))
        except InvalidContact as refused:
            errors[key] = refusals.contact_refusal(refused)
    try:
        reachable = parse_contact(form.get("lien_he", ""))
    except InvalidContact as refused:
        errors["lien_he"] = refusals.contact_refusal(refused)
    if errors:
        return await _render(request, code, errors=errors, typed=form, status=400)
    held = (await service.held_in_item(code)).items[0].contact
    if held is None:
        return await _render(request, code, errors={CORRECT: texts.PORTAL_DATA_MASKED}, status=409)
    corrected = dataclasses.replace(
        held, name=values["ho_ten"], address=values["dia_chi"], phone=reachable.phone, email=reachable.email
    )
    try:
        changed = await service.correct_item_contact(code, corrected)
    except (InvalidContact, IncompleteContact):  # checked above: only a rule of the service's own
        return await _render(request, code, errors={CORRECT: texts.PORTAL_DATA_INCOMPLETE}, typed=form, status=400)
    except ConcurrentChange:
        errors = {CORRECT: texts.PORTAL_CHANGED_MEANWHILE}
        return await _render(request, code, errors=errors, typed=form, status=409)
    raise _done(code, "sua" if changed else "khong-doi")


async def _request_deletion(
    request: web.Request, service: PersonalData, code: str, form: MultiDict[str]
) -> web.Response:
    if form.get("xac_nhan") != "1":
        return await _render(request, code, confirm=True, errors={DELETE: texts.PORTAL_DATA_DELETE_CONFIRM}, status=400)
    await service.request_item_deletion(code)  # a request still pending is returned, not filed twice
    raise _done(code, "xoa")
