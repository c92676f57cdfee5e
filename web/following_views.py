"""The citizens' portal, following a PAKN by its code: what anyone with the code may read.

The code is guessable, so it shows only the type, the status, the unit, the dates, the deadline and the
answer an officer chose to publish (`FeedbackItem.public_answer`), never the content, the answer sent to
the citizen or anything personal (pakn-rules.md, "Tracking code"). The page also carries the form where
the filer gives the PIN as well (web/filer_views.py)."""

from __future__ import annotations

from aiohttp import web

from feedback.domain.tracking_code import InvalidTrackingCode
from feedback.service_layer.feedback_service import UnknownTrackingCode
from web import texts
from web.form_guard import Step
from web.keys import citizen_pages_key
from web.rendering import render


async def follow(request: web.Request) -> web.Response:
    code = request.query.get("ma", "").strip()[:32]
    pin_error = texts.PORTAL_PIN_NEEDED if request.query.get("het") else None
    return await follow_page(request, code, pin_error=pin_error)


async def follow_page(
    request: web.Request, code: str, *, pin_error: str | None = None, status: int = 200
) -> web.Response:
    """The page for `code` (empty: the form alone); `pin_error`: why the PIN form did not open the item."""
    pages = request.app[citizen_pages_key]
    cookie, new = pages.guard.visitor(request)
    context: dict[str, object] = {
        "code": code,
        "view": None,
        "error": None,
        "unit_name": None,
        "pin_error": pin_error,
        "pin_lost": texts.PORTAL_PIN_LOST,
        "token": pages.guard.issue(cookie, Step.FOLLOW),
    }
    if code:
        try:
            view = await pages.feedback.track(code)
        except InvalidTrackingCode:
            context["error"], status = texts.INVALID_CODE.format(code=code), 400
        except UnknownTrackingCode:
            context["error"], status = texts.UNKNOWN_ITEM.format(code=code), 404
        else:
            context["view"] = view
            context["unit_name"] = view.unit_name
    response = render("portal/follow.html", request, context, status=status)
    if new:
        pages.guard.remember(request, response, cookie)
    return response
