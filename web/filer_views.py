"""The citizens' portal, following a PAKN with its code and PIN: the filer's own page and what they may do.

Who gives the code and the PIN (checked by `FilerPins`, which counts wrong PINs per code and per client in
the database) gets a cookie sealed with the site's key that names that one item for half an hour. With it
the item's page shows the content, the full answer and the history, and its forms rate the answer, reopen
the item, supply the information an officer asked for, or withdraw it, as the item's filer (its
`CitizenRef`), through the same service methods as the bot. The PIN is posted, never put in an address;
every form carries the visitor's CSRF token; after an action the page comes back from a redirect, so
reloading it repeats nothing. Nothing is acknowledged before the service has committed it.
"""

from __future__ import annotations

import asyncio
import hmac
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from aiohttp import web
from multidict import MultiDict

from feedback.domain import deadlines
from feedback.domain.held_notice import HeldNotice
from feedback.domain.intake_limits import AttachmentRejected
from feedback.domain.lifecycle import IllegalTransition
from feedback.domain.model import Attachment, AuditEntry, CitizenRef, NotRateable, ReopenWindowClosed
from feedback.domain.status import IN_PROCESS_STATUSES, Status
from feedback.domain.tracking_code import InvalidTrackingCode, parse_code
from feedback.service_layer.feedback_ports import ConcurrentChange
from feedback.service_layer.feedback_service import UnknownTrackingCode
from feedback.service_layer.filer_pin import PinAttemptsExhausted, WrongPin, looks_like_pin, pin_mark
from vocabulary import labels, refusals
from web import texts
from web.citizen_pages import CitizenPages
from web.filing_views import RequestRefusedAsTooLarge, client_digest, upload_refusals_text
from web.following_views import follow_page
from web.form_guard import FormRefused, Step
from web.formatting import vn_date
from web.keys import citizen_pages_key
from web.rendering import render
from web.uploads import ACCEPT_ATTRIBUTE, RequestTooLarge, StagedFile

FILER_COOKIE = "motcua_filer"
FOLLOW_PATH = "/phan-anh/tra-cuu"
FILER_TTL = timedelta(minutes=30)
TEXT_MAX = 5000  # a reason or the information supplied: the bot's limit
# The officer's notes the citizen is told of (feedback.domain.model._notice_for); the others stay internal.
TOLD_NOTES = frozenset({"ask_citizen", "refuse", "extend", "close", "reopen", "citizen_replied", "withdraw"})
HIDDEN_STEPS = frozenset({"escalate"})  # the agency's own alarm, not a step of the citizen's matter


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    label: str
    actor: str
    note: str | None


class ActionRefused(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


# --- the PIN --------------------------------------------------------------------------------------------


async def unlock(request: web.Request) -> web.StreamResponse:
    """The PIN form: the item's page when the PIN is right, else the following page saying why not."""
    pages = request.app[citizen_pages_key]
    form = await read_text_form(request)
    check_token(request, pages, form)
    code, pin = form.get("ma", "").strip()[:32], form.get("pin", "").strip()
    if not looks_like_pin(pin):
        return await follow_page(request, code, pin_error=texts.PORTAL_PIN_FORMAT, status=400)
    try:
        normalised, mark = await pages.pins.verify_for_session(code, pin, client_digest(request, pages.key))
    except (InvalidTrackingCode, UnknownTrackingCode):
        return await follow_page(request, code)  # the page says what is wrong with the code
    except WrongPin as wrong:
        message = texts.PORTAL_WRONG_PIN.format(left=wrong.attempts_left)
        return await follow_page(request, code, pin_error=message, status=403)
    except PinAttemptsExhausted as exhausted:
        message = texts.PORTAL_PIN_EXHAUSTED.format(when=_local_time(exhausted.until))
        return await follow_page(request, code, pin_error=message, status=429)
    response = web.HTTPSeeOther(f"{FOLLOW_PATH}/{normalised}")
    sealed = pages.guard.seal(f"filer:{normalised}:{mark}", FILER_TTL)
    response.set_cookie(FILER_COOKIE, sealed, httponly=True, samesite="Lax", secure=request.secure, path=FOLLOW_PATH)
    raise response


def session_mark(request: web.Request, code: str) -> str | None:
    """The mark of the PIN that opened the request's session for this item (`pin_mark`); None without one.
    A session counts only while that PIN is the item's (`opened_with`): an officer's «Cấp lại mã PIN» (or the
    filer's own, from their chat) ends the sessions the old PIN opened."""
    sealed = request.app[citizen_pages_key].guard.unseal(request.cookies.get(FILER_COOKIE, ""))
    if sealed is None:
        return None
    opened, _, mark = sealed.rpartition(":")
    return mark if opened == f"filer:{code}" else None


def opened_with(mark: str, pin_hash: str | None) -> bool:
    """Whether a session's mark is that of the item's PIN as stored now."""
    return pin_hash is not None and hmac.compare_digest(mark, pin_mark(pin_hash))


async def unlocked(request: web.Request, code: str) -> bool:
    """Whether the request carries a session for the item opened with its PIN as it is now (a read of the PIN's
    hash: pages that read the item anyway check `opened_with` against it instead)."""
    mark = session_mark(request, code)
    return mark is not None and mark == await request.app[citizen_pages_key].pins.mark(code)


def normalised_code(code: str) -> str:
    try:
        return str(parse_code(code))
    except InvalidTrackingCode:
        raise web.HTTPNotFound(text=texts.INVALID_CODE.format(code=code[:32])) from None


def to_pin_form(code: str) -> web.HTTPSeeOther:
    return web.HTTPSeeOther(f"{FOLLOW_PATH}?ma={code}&het=1")


# --- the filer's page -----------------------------------------------------------------------------------


async def filer_page(request: web.Request) -> web.StreamResponse:
    code = normalised_code(request.match_info["code"])
    mark = session_mark(request, code)
    if mark is None:
        raise to_pin_form(code)
    return await _render(request, code, done=request.query.get("xong", ""), session=mark)


async def _render(
    request: web.Request,
    code: str,
    *,
    done: str = "",
    errors: dict[str, str] | None = None,
    typed: MultiDict[str] | None = None,
    status: int = 200,
    session: str | None = None,
) -> web.Response:
    """The filer's page; with `session`, its mark is checked against the item's PIN as read for the page."""
    pages = request.app[citizen_pages_key]
    try:  # two independent reads, side by side
        view, trail = await asyncio.gather(pages.feedback.track_as_filer(code), pages.feedback.audit_trail(code))
    except UnknownTrackingCode:
        raise web.HTTPNotFound(text=texts.UNKNOWN_ITEM.format(code=code)) from None
    if session is not None and not opened_with(session, view.pin_hash):
        raise to_pin_form(code)
    cookie, new = pages.guard.visitor(request)
    context = {
        "view": view,
        "unit_name": view.unit_name,
        "history": [_history_row(entry) for entry in trail if entry.action not in HIDDEN_STEPS],
        "request_text": _information_asked(trail) if view.status == Status.WAITING_FOR_CITIZEN else None,
        "can_rate": view.status in (Status.ANSWERED, Status.CLOSED) and view.rating is None,
        "can_withdraw": view.status in IN_PROCESS_STATUSES,
        "done": _done_message(done, view.rating, view.due),
        "errors": errors or {},
        "typed": typed or MultiDict(),
        "token": pages.guard.issue(cookie, Step.FOLLOW),
        "limits": pages.feedback.limits,
        "accept": ACCEPT_ATTRIBUTE,
        "text_max": TEXT_MAX,
        **_held_texts(view.held),
    }
    response = render("portal/filer.html", request, context, status=status)
    response.headers["Cache-Control"] = "no-store"  # the content and the answer are the filer's alone
    if new:
        pages.guard.remember(request, response, cookie)
    return response


def _held_texts(held: tuple[HeldNotice, ...]) -> dict[str, str | None]:
    """The heading and the closing line of the notices the filer's channel holds for them (none: no section)."""
    if not held:
        return {"held_heading": None, "held_since": None, "held_later": None}
    channel = held[0].channel
    name = texts.CHANNEL_NAMES.get(channel, channel)
    later = texts.PORTAL_HELD_LATER.get(channel, texts.PORTAL_HELD_LATER_ELSEWHERE)
    return {
        "held_heading": texts.PORTAL_HELD_HEADING.format(channel=name),
        "held_since": texts.PORTAL_HELD_SINCE,
        "held_later": later.format(channel=name),
    }


def _history_row(entry: AuditEntry) -> HistoryRow:
    note = entry.note if entry.action in TOLD_NOTES else None
    label = texts.PORTAL_HISTORY_LABELS.get(entry.action) or labels.AUDIT_LABELS.get(entry.action, entry.action)
    return HistoryRow(entry.at, label, texts.PORTAL_ACTORS.get(str(entry.actor.kind), ""), note)


def _information_asked(trail: list[AuditEntry]) -> str | None:
    asked = [entry.note for entry in trail if entry.action == "ask_citizen"]
    return asked[-1] if asked else None


def _done_message(done: str, rating: int | None, due: date) -> str | None:
    match done:
        case "danh-gia" if rating:
            return texts.PORTAL_RATED.format(stars=rating)
        case "mo-lai":
            return texts.PORTAL_REOPENED.format(due=vn_date(due))
        case "bo-sung":
            return texts.PORTAL_INFORMATION_SENT.format(due=vn_date(due))
        case "rut-lai":
            return texts.PORTAL_WITHDRAWN
        case _:
            return None


# --- the filer's actions --------------------------------------------------------------------------------


async def act(request: web.Request) -> web.StreamResponse:
    """Every form of the filer's page posts here; `{action}` says which."""
    pages = request.app[citizen_pages_key]
    code = normalised_code(request.match_info["code"])
    action = request.match_info["action"]
    try:
        form, new_files, upload_refusals = await pages.uploads.read_form(request)
    except RequestTooLarge:
        raise RequestRefusedAsTooLarge(text=texts.PORTAL_REQUEST_TOO_LARGE) from None
    except (UnicodeDecodeError, ValueError, LookupError, web.RequestPayloadError):
        raise web.HTTPBadRequest(text=texts.BAD_FORM) from None
    try:
        check_token(request, pages, form)
        mark = session_mark(request, code)
        if mark is None:
            raise to_pin_form(code)
        if action == "thoat":
            response = web.HTTPSeeOther(f"{FOLLOW_PATH}?ma={code}")
            response.del_cookie(FILER_COOKIE, path=FOLLOW_PATH)
            raise response
        item = await pages.feedback.item(code)
        if not opened_with(mark, item.pin_hash):
            raise to_pin_form(code)
        if upload_refusals:
            max_bytes = pages.feedback.limits.max_attachment_bytes
            raise ActionRefused(upload_refusals_text(upload_refusals, max_bytes))
        citizen = item.citizen
        match action:
            case "danh-gia":
                await _rate(pages, code, citizen, form)
            case "mo-lai":
                await _reopen(pages, code, citizen, form)
            case "bo-sung":
                await _supply(pages, code, citizen, form, new_files)
                new_files = []  # kept with the item now
            case "rut-lai":
                await _withdraw(pages, code, citizen, form)
            case _:
                raise web.HTTPNotFound(text=texts.NOT_FOUND)
    except ActionRefused as refused:
        return await _render(request, code, errors={action: refused.message}, typed=form, status=refused.status)
    except ConcurrentChange:
        return await _render(request, code, errors={action: texts.PORTAL_CHANGED_MEANWHILE}, typed=form, status=409)
    finally:
        for staged in new_files:  # a refused or tampered form: none of its files is kept
            pages.uploads.discard(staged)
    raise web.HTTPSeeOther(f"{FOLLOW_PATH}/{code}?xong={action}")


async def _rate(pages: CitizenPages, code: str, citizen: CitizenRef, form: MultiDict[str]) -> None:
    stars, answer = form.get("sao", ""), form.get("cau_tra_loi", "")
    if stars not in ("1", "2", "3", "4", "5"):
        raise ActionRefused(texts.PORTAL_CHOOSE_STARS)
    try:
        await pages.feedback.rate(code, citizen, int(stars), answer_number=int(answer) if answer.isdigit() else None)
    except NotRateable:
        raise ActionRefused(texts.PORTAL_NOT_RATEABLE, 409) from None


async def _reopen(pages: CitizenPages, code: str, citizen: CitizenRef, form: MultiDict[str]) -> None:
    reason = _text(form, "ly_do")
    try:
        await pages.feedback.reopen(code, citizen, reason or None)
    except ReopenWindowClosed as closed:
        raise ActionRefused(texts.PORTAL_REOPEN_CLOSED.format(date=vn_date(closed.window_ended)), 409) from None
    except IllegalTransition:
        raise ActionRefused(texts.PORTAL_REOPEN_NOT_NOW, 409) from None


async def _supply(
    pages: CitizenPages, code: str, citizen: CitizenRef, form: MultiDict[str], files: list[StagedFile]
) -> None:
    text = _text(form, "thong_tin")
    if not text and not files:
        raise ActionRefused(texts.PORTAL_INFORMATION_EMPTY)
    now = pages.clock()
    kept: list[tuple[StagedFile, Attachment]] = [(staged, pages.uploads.keep(staged, now)) for staged in files]
    try:
        await pages.feedback.reply_with_information(code, citizen, text, [attachment for _, attachment in kept])
    except BaseException as failed:
        for staged, attachment in kept:  # back to staging, where the caller discards them
            pages.uploads.give_back(staged, attachment)
        if isinstance(failed, IllegalTransition):
            raise ActionRefused(texts.PORTAL_INFORMATION_NOT_NOW, 409) from None
        if isinstance(failed, AttachmentRejected):
            raise ActionRefused(refusals.attachment_refusal(failed)) from None
        raise


async def _withdraw(pages: CitizenPages, code: str, citizen: CitizenRef, form: MultiDict[str]) -> None:
    reason = _text(form, "ly_do_rut")
    if form.get("xac_nhan") != "1":
        raise ActionRefused(texts.PORTAL_WITHDRAW_CONFIRM)
    try:
        await pages.feedback.withdraw(code, citizen, reason or None)
    except IllegalTransition:
        raise ActionRefused(texts.PORTAL_WITHDRAW_NOT_NOW, 409) from None


def _text(form: MultiDict[str], name: str) -> str:
    text = form.get(name, "").strip()
    if len(text) > TEXT_MAX:
        raise ActionRefused(texts.PORTAL_INFORMATION_TOO_LONG.format(max=TEXT_MAX))
    return text


# --- forms ----------------------------------------------------------------------------------------------


async def read_text_form(request: web.Request) -> MultiDict[str]:
    try:
        posted = await request.post()
    except (UnicodeDecodeError, ValueError, LookupError, web.RequestPayloadError):
        raise web.HTTPBadRequest(text=texts.BAD_FORM) from None
    return MultiDict((key, value) for key, value in posted.items() if isinstance(value, str))


def check_token(request: web.Request, pages: CitizenPages, form: MultiDict[str]) -> None:
    """A missing, forged, foreign or stale token: 403, nothing done (the message says to reload the page)."""
    try:
        pages.guard.check(request, dict(form), Step.FOLLOW)
    except FormRefused:
        raise web.HTTPForbidden(text=texts.CSRF_REFUSED) from None


def _local_time(at: datetime) -> str:
    return at.astimezone(deadlines.VIETNAM_TIME).strftime("%H:%M ngày %d/%m/%Y")
