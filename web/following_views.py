"""The citizens' portal, following a PAKN by its code: what anyone with the code may read.

The code is guessable, so it shows only the type, the status, the unit, the dates, the deadline and the
answer an officer chose to publish (`FeedbackItem.public_answer`), never the content, the answer sent to
the citizen or anything personal (pakn-rules.md, "Tracking code")."""

from __future__ import annotations

from aiohttp import web

from feedback.services import UnknownTrackingCode
from feedback.tracking_code import InvalidTrackingCode
from web import texts
from web.keys import citizen_pages_key
from web.rendering import render


async def follow(request: web.Request) -> web.Response:
    pages = request.app[citizen_pages_key]
    code = request.query.get("ma", "").strip()[:32]
    context: dict[str, object] = {"code": code, "view": None, "error": None, "unit_name": None}
    status = 200
    if code:
        try:
            view = await pages.feedback.track(code)
        except InvalidTrackingCode:
            context["error"], status = texts.INVALID_CODE.format(code=code), 400
        except UnknownTrackingCode:
            context["error"], status = texts.UNKNOWN_ITEM.format(code=code), 404
        else:
            units = await pages.feedback.units()
            context["view"] = view
            context["unit_name"] = units.get(view.unit).name if view.unit and view.unit in units else None
    return render("portal/follow.html", request, context, status=status)
