"""The administrators' queue of citizens' requests to delete their personal data, by deadline: approve (the
contact details masked and the files deleted on every item of the citizen, the items kept) or refuse with a
reason. The citizen is told either way, through the notice outbox (feedback.service_layer.personal_data)."""

from __future__ import annotations

from aiohttp import web

from feedback.domain.deadlines import local_date
from feedback.domain.model import MissingReason
from feedback.service_layer.data_views import AdministratorsOnly
from feedback.service_layer.personal_data import AlreadyDecided, PersonalData, UnknownRequest
from web import texts
from web.keys import officer_key, officer_pages_key, session_key
from web.rendering import render

MAX_REASON = 1000


def _service(request: web.Request) -> PersonalData:
    if not request[officer_key].is_admin:
        raise web.HTTPForbidden(text=texts.DATA_VIEWS_ADMIN_ONLY)
    service = request.app[officer_pages_key].personal_data
    if service is None:
        raise web.HTTPNotFound()
    return service


async def queue_page(request: web.Request, *, error: str | None = None, status: int = 200) -> web.Response:
    service = _service(request)
    pending = await service.pending_deletions(request[officer_key])
    today = local_date(request.app[officer_pages_key].clock())
    return render(
        "deletion_requests.html", request, {"pending": pending, "today": today, "error": error}, status=status
    )


async def decide(request: web.Request) -> web.StreamResponse:
    service = _service(request)
    officer = request[officer_key]
    form = await request.post()
    decision = request.match_info["decision"]
    if decision not in ("approve", "reject"):
        raise web.HTTPNotFound()
    try:
        request_id = int(request.match_info["id"])
        if decision == "approve":
            await service.approve_deletion(officer, request_id)
            message = texts.DELETION_APPROVED
        else:
            reason = str(form.get("reason", ""))[:MAX_REASON]
            await service.reject_deletion(officer, request_id, reason)
            message = texts.DELETION_REJECTED
    except (ValueError, UnknownRequest):
        raise web.HTTPNotFound() from None
    except AlreadyDecided:
        return await queue_page(request, error=texts.DELETION_ALREADY_DECIDED, status=409)
    except MissingReason:
        return await queue_page(request, error=texts.DELETION_NEEDS_REASON, status=400)
    except AdministratorsOnly:
        raise web.HTTPForbidden(text=texts.DATA_VIEWS_ADMIN_ONLY) from None
    request[session_key].add_flash("ok", message)
    raise web.HTTPSeeOther(request.app.router["deletion_requests"].url_for().path)
