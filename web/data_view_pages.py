"""The administrators' page of who looked at citizens' personal data: per item, or per officer.

Each row is one time an officer was shown a filer's contact details or one of their files
(feedback.service_layer.data_views).
"""

from __future__ import annotations

from aiohttp import web

from feedback.domain.data_view import DataView
from feedback.service_layer.data_views import AdministratorsOnly, DataViews
from web import texts
from web.keys import officer_key, officer_pages_key
from web.rendering import render

_MAX_FIELD = 64


def _log(request: web.Request) -> DataViews:
    if not request[officer_key].is_admin:
        raise web.HTTPForbidden(text=texts.DATA_VIEWS_ADMIN_ONLY)
    data_views = request.app[officer_pages_key].data_views
    if data_views is None:
        raise web.HTTPNotFound()
    return data_views


async def data_views_page(request: web.Request) -> web.Response:
    data_views = _log(request)
    code = request.query.get("item", "").strip()[:_MAX_FIELD]
    username = request.query.get("officer", "").strip()[:_MAX_FIELD]
    rows: list[DataView] = []
    try:
        if code:
            rows = await data_views.for_item(request[officer_key], code)
        elif username:
            rows = await data_views.for_officer(request[officer_key], username)
    except AdministratorsOnly:
        raise web.HTTPForbidden(text=texts.DATA_VIEWS_ADMIN_ONLY) from None
    context = {"rows": rows, "item": code, "who": username, "exposures": texts.EXPOSURE_LABELS}
    return render("data_views.html", request, context)
