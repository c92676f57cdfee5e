"""The citizens' portal, filing a PAKN: one form, a summary to confirm, then the receipt with the code and a PIN.

The same fields, rules, limits and sentences as the messengers (`FeedbackService.submit`, the vocabulary's
refusals and advice). Without JavaScript: every button posts the form, and the server renders the next
state with everything typed kept (the related procedure is found by a search field that re-renders the
form; files already sent wait in staging and are listed). Nothing is acknowledged before it is committed:
the receipt is shown only after `submit` returns, from a redirect (so reloading it files nothing twice),
and the PIN is shown on it once.

A web filer is `CitizenRef("web", <digest of the phone, or of the e-mail when no phone is given>)`: the daily
cap per person counts a person whatever device they file from, and nothing personal is in the reference.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web
from multidict import MultiDict

from feedback.domain import deadlines
from feedback.domain.contact import InvalidContact, normalise_address, normalise_name, parse_contact
from feedback.domain.intake_limits import (
    AttachmentProblem,
    AttachmentRejected,
    ContentRejected,
    DailyCapReached,
    check_submission,
)
from feedback.domain.legal_type import FeedbackType, OtherRegime, detect_other_regime
from feedback.domain.model import LETTER_ADDRESS_MAX_LENGTH, Attachment, CitizenRef, Contact, Draft
from feedback.domain.privacy_notice import FULL_NOTICE_PATH, NOTICE_VERSION, short_notice
from feedback.domain.submission_refused import SubmissionRefused
from feedback.domain.tracking_code import InvalidTrackingCode
from feedback.domain.units import UnitTree, UnknownUnit
from feedback.service_layer.address_cap import AddressCapReached
from feedback.service_layer.feedback_service import UnknownTrackingCode
from vocabulary import intake_advice, refusals
from web import texts
from web.form_guard import FORM_COOKIE, FormRefused, Refusal, Step
from web.keys import catalog_key, citizen_pages_key
from web.rendering import render
from web.uploads import ACCEPT_ATTRIBUTE, RequestTooLarge, StagedFile, UploadProblem, UploadRefused

WEB_CHANNEL = "web"
RECEIPT_COOKIE = "motcua_receipt"
RECEIPT_PATH = "/phan-anh/da-nhan"
PROCEDURE_CHOICES = 5


class RequestRefusedAsTooLarge(web.HTTPClientError):
    status_code = 413


def web_citizen(phone: str | None, email: str | None) -> CitizenRef:
    """The filer as the portal knows them: a digest of their (normalised) phone, else of their e-mail."""
    contact = f"phone:{phone}" if phone else f"email:{email}"
    return CitizenRef(WEB_CHANNEL, hashlib.sha256(contact.encode()).hexdigest()[:24])


def letter_address(email: str | None) -> str | None:
    """Where the filer's notices go by e-mail (when the server sends e-mail): the address they gave; none
    without one, or for one longer than the outbox's column (a rare address: the page remains the place)."""
    return email if email is not None and len(email) <= LETTER_ADDRESS_MAX_LENGTH else None


def client_digest(request: web.Request, key: bytes) -> str:
    """The client's address as the portal stores it for its counts: keyed, so the address cannot be read back.
    `request.remote` is the peer: behind a reverse proxy every citizen is the proxy (see the README)."""
    return hashlib.sha256(key + (request.remote or "").encode()).hexdigest()[:32]


@dataclass
class Filing:
    """What the citizen has typed and sent so far, as text, kept on every page of the form."""

    type: str = ""
    content: str = ""
    procedure: str = ""
    procedure_query: str = ""
    unit: str = ""
    name: str = ""
    contact: str = ""
    address: str = ""
    files: list[StagedFile] = field(default_factory=list)
    send_anyway: bool = False  # the citizen read the khiếu nại / tố cáo advice and sends it as a PAKN
    repeat_of: str = ""  # the near-duplicate the citizen was warned of and sends again anyway

    FIELDS = (
        ("type", "loai"),
        ("content", "noi_dung"),
        ("procedure", "thu_tuc"),
        ("procedure_query", "thu_tuc_tim"),
        ("unit", "don_vi"),
        ("name", "ho_ten"),
        ("contact", "lien_he"),
        ("address", "dia_chi"),
        ("repeat_of", "gui_lai"),
    )

    @classmethod
    def from_form(cls, form: MultiDict[str], request: web.Request) -> Filing:
        store = request.app[citizen_pages_key].uploads
        fields: dict[str, Any] = {name: form.get(field_name, "").strip() for name, field_name in cls.FIELDS}
        filing = cls(**fields)
        filing.content = form.get("noi_dung", "").strip()
        removed = set(form.getall("bo_tep", []))
        filing.files = [
            staged
            for staged_id in dict.fromkeys(form.getall("tep_da_gui", []))
            if staged_id not in removed and (staged := store.staged(staged_id)) is not None
        ]
        filing.send_anyway = form.get("van_gui") == "1"
        return filing

    def hidden(self) -> list[tuple[str, str]]:
        """The form's fields as hidden inputs, for the summary page."""
        pairs = [(field_name, getattr(self, name)) for name, field_name in self.FIELDS if getattr(self, name)]
        return pairs + [("tep_da_gui", staged.id) for staged in self.files]


@dataclass
class Checked:
    """A filing checked as `submit` will check it: the draft, or the Vietnamese sentence per field."""

    errors: dict[str, str]
    draft: Draft | None = None
    # The units as read to check the chosen one (None when none was chosen): the summary names it and the
    # service checks it again from these, so a filing reads the unit tree once per request.
    units: UnitTree | None = None


async def check_filing(request: web.Request, filing: Filing, upload_refusals: list[UploadRefused]) -> Checked:
    errors: dict[str, str] = {}
    pages = request.app[citizen_pages_key]
    try:
        kind = FeedbackType(filing.type)
    except ValueError:
        errors["loai"] = texts.PORTAL_CHOOSE_TYPE
    try:
        check_submission(filing.content, len(filing.files), pages.feedback.limits)
    except ContentRejected as refused:
        errors["noi_dung"] = refusals.content_refusal(refused)
    except AttachmentRejected as refused:
        errors["tep"] = refusals.attachment_refusal(refused)
    if upload_refusals:
        errors["tep"] = " ".join(
            upload_refusal(refused, pages.feedback.limits.max_attachment_bytes) for refused in upload_refusals
        )
    contact: dict[str, Any] = {}
    for key, normalise, text in (
        ("ho_ten", normalise_name, filing.name),
        ("dia_chi", normalise_address, filing.address),
    ):
        try:
            contact[key] = normalise(text)
        except InvalidContact as refused:
            errors[key] = refusals.contact_refusal(refused)
    try:
        reachable = parse_contact(filing.contact)
    except InvalidContact as refused:
        errors["lien_he"] = refusals.contact_refusal(refused)
    units = await pages.feedback.units() if filing.unit else None
    if units is not None and filing.unit not in units:
        errors["don_vi"] = texts.PORTAL_UNKNOWN_UNIT
    if filing.procedure and request.app[catalog_key].index.get(filing.procedure) is None:
        errors["thu_tuc"] = texts.UNKNOWN_PROCEDURE.format(code=filing.procedure)
    if errors:
        return Checked(errors)
    draft = Draft(
        type=kind,
        content=filing.content,
        contact=Contact(
            name=contact["ho_ten"], address=contact["dia_chi"], phone=reachable.phone, email=reachable.email
        ),
        citizen=web_citizen(reachable.phone, reachable.email),
        reply_to=letter_address(reachable.email) if pages.letters else None,
        procedure_code=filing.procedure or None,
        unit=filing.unit or None,
    )
    return Checked({}, draft, units)


def upload_refusals_text(refused: list[UploadRefused], max_bytes: int) -> str:
    return " ".join(upload_refusal(one, max_bytes) for one in refused)


def upload_refusal(refused: UploadRefused, max_bytes: int) -> str:
    match refused.problem:
        case UploadProblem.TOO_LARGE:
            sentence = refusals.attachment_refusal(AttachmentRejected(AttachmentProblem.TOO_LARGE, max_bytes))
            return texts.PORTAL_FILE_REFUSED.format(name=refused.file_name, sentence=sentence)
        case UploadProblem.NOT_ITS_NAME:
            return texts.PORTAL_FILE_NOT_ITS_NAME.format(name=refused.file_name)
        case _:
            return texts.PORTAL_FILE_NOT_ACCEPTED.format(name=refused.file_name)


# --- the pages ------------------------------------------------------------------------------------------


async def filing_form(request: web.Request) -> web.StreamResponse:
    guard = request.app[citizen_pages_key].guard
    cookie, new = guard.visitor(request)
    filing = Filing(procedure=request.query.get("thu_tuc", "").strip()[:64])
    if filing.procedure and request.app[catalog_key].index.get(filing.procedure) is None:
        filing.procedure = ""
    response = await _render_form(request, filing, token=guard.issue(cookie, Step.FILL))
    if new:
        guard.remember(request, response, cookie)
    return response


async def file(request: web.Request) -> web.StreamResponse:
    """Every button of the form and of the summary posts here; `buoc` says which."""
    pages = request.app[citizen_pages_key]
    try:
        form, new_files, upload_refusals = await pages.uploads.read_form(request)
    except RequestTooLarge:
        raise RequestRefusedAsTooLarge(text=texts.PORTAL_REQUEST_TOO_LARGE) from None
    step = form.get("buoc", "")
    filing = Filing.from_form(form, request)
    try:
        pages.guard.check(
            request, dict(form), Step.SEND if step in ("gui", "sua") else Step.FILL, timed=step == "xem_lai"
        )
    except FormRefused as refused:
        if refused.refusal in (Refusal.FORGED, Refusal.TRAP):
            for staged in new_files:  # a tampered or robot's form: nothing of it is kept
                pages.uploads.discard(staged)
        else:
            filing.files += new_files
        return await _refused(request, refused, filing, form)
    filing.files += new_files
    token = form.get("csrf_token", "")
    match step:
        case "tim_thu_tuc":
            errors = {
                "tep": " ".join(upload_refusal(r, pages.feedback.limits.max_attachment_bytes) for r in upload_refusals)
            }
            return await _render_form(
                request, filing, token=token, errors={k: v for k, v in errors.items() if v}, search=True
            )
        case "sua":
            return await _render_form(request, filing, token=_fill_token(request))
        case "gui":
            return await _send(request, filing)
        case _:
            return await _review(request, filing, upload_refusals, token)


async def _review(
    request: web.Request, filing: Filing, upload_refusals: list[UploadRefused], token: str
) -> web.Response:
    checked = await check_filing(request, filing, upload_refusals)
    if checked.draft is None:
        return await _render_form(request, filing, token=token, errors=checked.errors, status=400)
    return await _render_summary(request, filing, checked.draft, units=checked.units)


async def _send(request: web.Request, filing: Filing) -> web.StreamResponse:
    pages = request.app[citizen_pages_key]
    # The PIN's Argon2id hash is most of a filing's CPU: it was hashed ahead (`FilerPins`), or it is hashed in its
    # thread while the checks below wait on the database. A filing refused by them drops the PIN unused.
    # The next PIN is hashed ahead once this one's filing is done: started here after the last await, its
    # thread starts when the response is out, not while the commit waits on the database for a core.
    issuing = asyncio.ensure_future(pages.pins.issue(refill=False))
    try:
        return await _send_with_pin(request, filing, issuing)
    finally:
        issuing.cancel()
        pages.pins.refill()


async def _send_with_pin(
    request: web.Request, filing: Filing, issuing: asyncio.Future[tuple[str, str]]
) -> web.StreamResponse:
    pages = request.app[citizen_pages_key]
    checked = await check_filing(request, filing, [])
    if checked.draft is None:
        return await _render_form(request, filing, token=_fill_token(request), errors=checked.errors, status=400)
    draft = checked.draft
    regime = detect_other_regime(draft.content)
    duplicate = await pages.feedback.find_duplicate(draft.citizen, draft.content)
    if (regime is not None and not filing.send_anyway) or (duplicate is not None and filing.repeat_of != duplicate):
        # What the summary said has changed: read it again.
        return await _render_summary(request, filing, draft, units=checked.units)
    pin, pin_hash = await issuing
    now = pages.clock()
    kept: list[tuple[StagedFile, Attachment]] = [(staged, pages.uploads.keep(staged, now)) for staged in filing.files]
    draft = dataclasses.replace(
        draft,
        attachments=tuple(attachment for _, attachment in kept),
        regime_flag=regime,
        repeat_of=duplicate,
        pin_hash=pin_hash,
        notice_version=NOTICE_VERSION,  # the form showed this personal-data notice above the contact fields
        client=client_digest(request, pages.key),  # counted against the daily cap per address as it is stored
    )
    try:
        receipt = await pages.feedback.submit(draft, units=checked.units)
    except SubmissionRefused as refused:
        for staged, attachment in kept:
            pages.uploads.give_back(staged, attachment)
        return await _render_summary(
            request, filing, checked.draft, units=checked.units, error=_submit_refusal(refused), status=_status(refused)
        )
    except Exception:
        for staged, attachment in kept:
            pages.uploads.give_back(staged, attachment)
        raise
    response = web.HTTPSeeOther(f"{RECEIPT_PATH}/{receipt.code}")
    sealed = pages.guard.seal(f"{receipt.code}:{pin}", timedelta(minutes=15))
    response.set_cookie(RECEIPT_COOKIE, sealed, httponly=True, samesite="Lax", secure=request.secure, path=RECEIPT_PATH)
    raise response


def _submit_refusal(refused: SubmissionRefused) -> str:
    match refused:
        case AddressCapReached():
            return texts.PORTAL_ADDRESS_CAP.format(cap=refused.cap, when=_local_time(refused.until))
        case DailyCapReached():
            return refusals.daily_cap_refusal(refused.cap)
        case ContentRejected():
            return refusals.content_refusal(refused)
        case AttachmentRejected():
            return refusals.attachment_refusal(refused)
        case UnknownUnit():
            return texts.PORTAL_UNKNOWN_UNIT
        case _:  # IncompleteContact, InvalidContact: the form checks them first, the service checks again
            return texts.PORTAL_CONTACT_REFUSED


def _status(refused: SubmissionRefused) -> int:
    return 429 if isinstance(refused, DailyCapReached | AddressCapReached) else 400


def _local_time(at: datetime) -> str:
    return at.astimezone(deadlines.VIETNAM_TIME).strftime("%H:%M ngày %d/%m/%Y")


async def receipt(request: web.Request) -> web.StreamResponse:
    """The receipt (phiếu tiếp nhận): the code, the deadline and, the first time only, the PIN."""
    pages = request.app[citizen_pages_key]
    code = request.match_info["code"]
    try:
        view = await pages.feedback.track(code)
    except (UnknownTrackingCode, InvalidTrackingCode):
        raise web.HTTPNotFound(text=texts.UNKNOWN_ITEM.format(code=code)) from None
    sealed = pages.guard.unseal(request.cookies.get(RECEIPT_COOKIE, ""))
    pin = None
    if sealed is not None and sealed.startswith(view.code + ":"):
        pin = sealed.partition(":")[2]
    response = render(
        "portal/receipt.html",
        request,
        {"view": view, "pin": pin, "unit_name": view.unit_name, "working_days": pages.feedback.policy.answer_days},
    )
    response.headers["Cache-Control"] = "no-store"
    response.del_cookie(RECEIPT_COOKIE, path=RECEIPT_PATH)
    return response


# --- rendering ------------------------------------------------------------------------------------------


def personal_data_notice(request: web.Request) -> list[str]:
    """The short personal-data notice, line by line, with this site's address of the full notice."""
    retention = request.app[citizen_pages_key].retention
    link = str(request.url.with_path(FULL_NOTICE_PATH).with_query(None))
    text = short_notice(contact_days=retention.contact_days, attachment_days=retention.attachment_days, link=link)
    return text.splitlines()


async def personal_data_page(request: web.Request) -> web.Response:
    """The full notice on personal data, public (web/citizen_routes.py)."""
    retention = request.app[citizen_pages_key].retention
    context = {"retention": retention, "version": NOTICE_VERSION}
    return render("portal/personal_data.html", request, context)


def _fill_token(request: web.Request) -> str:
    guard = request.app[citizen_pages_key].guard
    return guard.issue(request.cookies.get(FORM_COOKIE, ""), Step.FILL)


async def _render_form(
    request: web.Request,
    filing: Filing,
    *,
    token: str,
    errors: dict[str, str] | None = None,
    search: bool = False,
    status: int = 200,
) -> web.Response:
    pages = request.app[citizen_pages_key]
    catalog = request.app[catalog_key]
    choices = []
    if search and filing.procedure_query:
        choices = [hit.entry for hit in catalog.search(filing.procedure_query, limit=PROCEDURE_CHOICES).hits]
    chosen = catalog.index.get(filing.procedure) if filing.procedure else None
    context = {
        "filing": filing,
        "token": token,
        "errors": errors or {},
        "choices": choices,
        "searched": search and bool(filing.procedure_query),
        "chosen": chosen,
        "units": [(depth, unit) for depth, unit in (await pages.feedback.units()).walk()],
        "limits": pages.feedback.limits,
        "accept": ACCEPT_ATTRIBUTE,
        "privacy_notice": personal_data_notice(request),
    }
    response = render("portal/file.html", request, context, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


async def _render_summary(
    request: web.Request,
    filing: Filing,
    draft: Draft,
    *,
    units: UnitTree | None,
    error: str | None = None,
    status: int = 200,
) -> web.Response:
    pages = request.app[citizen_pages_key]
    regime: OtherRegime | None = detect_other_regime(draft.content)
    duplicate = await pages.feedback.find_duplicate(draft.citizen, draft.content)
    unit_name = None
    if draft.unit:  # the units as the check read them, for the chosen one's name only
        units = units if units is not None else await pages.feedback.units()
        unit_name = units.get(draft.unit).name if draft.unit in units else None
    procedure = request.app[catalog_key].index.get(draft.procedure_code) if draft.procedure_code else None
    context = {
        "filing": filing,
        "draft": draft,
        "token": _send_token(request),
        "regime_advice": intake_advice.regime_advice(regime) if regime else (),
        "duplicate": duplicate,
        "duplicate_warning": intake_advice.duplicate_warning(duplicate) if duplicate else (),
        "unit_name": unit_name,
        "procedure": procedure,
        "error": error,
    }
    response = render("portal/summary.html", request, context, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _send_token(request: web.Request) -> str:
    return request.app[citizen_pages_key].guard.issue(request.cookies.get(FORM_COOKIE, ""), Step.SEND)


async def _refused(request: web.Request, refused: FormRefused, filing: Filing, form: MultiDict[str]) -> web.Response:
    """A forged or foreign token is a 403 and nothing more; an old form or a hurried one is shown again, kept."""
    match refused.refusal:
        case Refusal.FORGED:
            raise web.HTTPForbidden(text=texts.CSRF_REFUSED)
        case Refusal.TRAP:
            raise web.HTTPBadRequest(text=texts.PORTAL_FORM_REFUSED)
        case Refusal.EXPIRED:
            message = texts.PORTAL_FORM_EXPIRED
        case _:
            message = texts.PORTAL_TOO_FAST
    return await _render_form(request, filing, token=_fill_token(request), errors={"form": message}, status=400)
