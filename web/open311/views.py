"""The GeoReport v2 methods: each view reads its parameters, calls the PAKN service and answers.

Refusals raise Open311Error, which `errors.open311_errors` renders in the spec's shape.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from aiohttp import web

from feedback.domain.contact import ContactProblem, InvalidContact
from feedback.domain.intake_limits import AttachmentRejected, ContentProblem, ContentRejected, DailyCapReached
from feedback.domain.model import Draft
from feedback.domain.units import UnitError, UnknownUnit
from feedback.service_layer.feedback_service import FeedbackService, IncompleteContact, Receipt
from web.form_body import UnreadableForm, read_form
from web.open311 import documents, texts
from web.open311.errors import Open311Error, bad_request, not_found
from web.open311.keys import open311_key
from web.open311.mapping import (
    MAX_DESCRIPTION,
    Format,
    InvalidParameter,
    parse_request_query,
    parse_service_request,
    public_request,
    service_attributes,
    service_type,
    single_values,
    to_draft,
    tracking_code,
)
from web.open311.rendering import respond

OPENAPI = Path(__file__).with_name("openapi.json")
_SHOWN_VALUE = 100  # characters of a bad value quoted back in an error


def _format(request: web.Request) -> Format:
    fmt = request.match_info["fmt"]
    try:
        return Format(fmt)
    except ValueError:
        raise bad_request(texts.UNSUPPORTED_FORMAT.format(fmt=fmt[:_SHOWN_VALUE])) from None


def _explain(problem: InvalidParameter) -> Open311Error:
    template = texts.PROBLEMS[problem.problem]
    return bad_request(template.format(field=problem.field, value=problem.value[:_SHOWN_VALUE], limit=MAX_DESCRIPTION))


def _lists(params: Iterable[tuple[str, object]]) -> dict[str, list[str]]:
    """Every value of every name; an uploaded file where text belongs is a malformed request."""
    lists: dict[str, list[str]] = {}
    for name, value in params:
        if not isinstance(value, str):
            raise bad_request(texts.BAD_BODY)
        lists.setdefault(name, []).append(value)
    return lists


async def discovery(request: web.Request) -> web.Response:
    url = str(request.url.origin()) + "/open311/v2"
    return respond(_format(request), "discovery", documents.discovery(url))


async def services(request: web.Request) -> web.Response:
    return respond(_format(request), "services", documents.services())


async def service_definition(request: web.Request) -> web.Response:
    fmt = _format(request)
    code = request.match_info["service_code"]
    try:
        service_type(code)
    except InvalidParameter:
        raise not_found(texts.UNKNOWN_SERVICE.format(code=code[:_SHOWN_VALUE])) from None
    units = await request.app[open311_key].feedback.units()
    attributes = service_attributes(units, texts.CONTENT_KIND_NAMES)
    return respond(fmt, "service_definition", documents.service_definition(code, attributes))


async def create_request(request: web.Request) -> web.Response:
    """POST requests: authenticate the client, check the form, submit it as the bot would."""
    fmt = _format(request)
    try:
        fields = _lists(request.query.items()) | _lists((await read_form(request)).items())
    except UnreadableForm:
        raise bad_request(texts.BAD_BODY) from None
    services = request.app[open311_key]
    keys = fields.get("api_key", [])
    if not keys or not keys[0]:
        raise Open311Error(403, texts.MISSING_API_KEY)
    client = await services.api_keys.authenticate(keys[0]) if len(keys) == 1 else None
    if client is None:
        raise Open311Error(403, texts.BAD_API_KEY)
    try:
        form = parse_service_request(single_values(fields))
    except InvalidParameter as problem:
        raise _explain(problem) from None
    try:
        draft = to_draft(form, client.id)
    except InvalidContact as problem:
        raise bad_request(_contact_problem(problem, form.phone, form.email)) from None
    receipt = await _submit(services.feedback, draft)
    return respond(fmt, "service_requests", documents.receipt(form.type, receipt), status=201)


def _contact_problem(problem: InvalidContact, phone: str | None, email: str | None) -> str:
    if phone and problem.problem != ContactProblem.EMPTY and not problem.problem.startswith("email"):
        return texts.INVALID_PHONE.format(value=phone[:_SHOWN_VALUE])
    return texts.INVALID_EMAIL.format(value=(email or "")[:_SHOWN_VALUE])


async def _submit(feedback: FeedbackService, draft: Draft) -> Receipt:
    """Submit, with the intake rules' refusals as the spec's errors."""
    try:
        return await feedback.submit(draft)
    except ContentRejected as refused:
        raise bad_request(_content_problem(refused)) from None
    except AttachmentRejected as refused:
        raise bad_request(texts.TOO_MANY_ATTACHMENTS.format(limit=refused.limit)) from None
    except IncompleteContact:
        raise bad_request(texts.INCOMPLETE_CONTACT) from None
    except InvalidContact as problem:  # the e-mail, when the phone alone named the citizen
        raise bad_request(_contact_problem(problem, draft.contact.phone, draft.contact.email)) from None
    except UnknownUnit as unknown:
        raise bad_request(texts.UNKNOWN_UNIT.format(code=unknown.code[:_SHOWN_VALUE])) from None
    except UnitError:  # a unit code that cannot exist
        raise bad_request(texts.UNKNOWN_UNIT.format(code=(draft.unit or "")[:_SHOWN_VALUE])) from None
    except DailyCapReached as refused:
        raise Open311Error(429, texts.DAILY_CAP.format(cap=refused.cap)) from None


def _content_problem(refused: ContentRejected) -> str:
    match refused.problem:
        case ContentProblem.TOO_SHORT:
            return texts.DESCRIPTION_TOO_SHORT.format(limit=refused.limit)
        case ContentProblem.TOO_LONG:
            return texts.DESCRIPTION_TOO_LONG.format(limit=refused.limit)
    return texts.DESCRIPTION_EMPTY


async def list_requests(request: web.Request) -> web.Response:
    fmt = _format(request)
    feedback = request.app[open311_key].feedback
    try:
        query = parse_request_query(single_values(_lists(request.query.items())), feedback.now())
    except InvalidParameter as problem:
        raise _explain(problem) from None
    if query.codes is not None:
        items = await feedback.items(query.codes)
    else:
        items = await feedback.received_between(
            query.since,
            query.until,
            statuses=query.statuses,
            types=query.types,
            limit=query.page_size + 1,  # one more tells whether there is a next page
            offset=(query.page - 1) * query.page_size,
        )
    units = await feedback.units()
    body = [documents.service_request(public_request(item), units) for item in items[: query.page_size]]
    response = respond(fmt, "service_requests", body)
    if query.codes is None and len(items) > query.page_size:
        following = request.rel_url.update_query(page=str(query.page + 1))
        response.headers["Link"] = f'<{following}>; rel="next"'
    return response


async def show_request(request: web.Request) -> web.Response:
    fmt = _format(request)
    feedback = request.app[open311_key].feedback
    given = request.match_info["service_request_id"]
    try:
        items = await feedback.items([tracking_code(given)])
    except InvalidParameter:
        items = []
    if not items:
        raise not_found(texts.UNKNOWN_REQUEST.format(code=given[:_SHOWN_VALUE]))
    units = await feedback.units()
    return respond(fmt, "service_requests", [documents.service_request(public_request(items[0]), units)])


async def token(request: web.Request) -> web.Response:
    """Requests get their id at once, so no token is ever issued: every token is unknown."""
    _format(request)
    raise not_found(texts.NO_TOKENS.format(token=request.match_info["token"][:_SHOWN_VALUE]))


async def openapi(request: web.Request) -> web.Response:
    return web.Response(body=OPENAPI.read_bytes(), content_type="application/json", charset="utf-8")
