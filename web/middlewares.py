"""Errors in Vietnamese, never a stack trace: JSON for the API, a page for the officers' and citizens' pages.

An address that matches no route is answered with the portal's page when a browser asks for a page
(its Accept header names text/html), and in JSON otherwise, as the API always was."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from web import texts
from web.citizen_routes import is_citizen_page
from web.json_body import json_response
from web.public_routes import route_name
from web.rendering import render

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_DEFAULT_MESSAGES = {403: texts.FORBIDDEN, 404: texts.NOT_FOUND}
# Routes that answer JSON (or files), whose errors are JSON too; every other route is a page.
NOT_PAGES = frozenset({"health", "metrics", "procedures", "procedure", "static"})


def _is_page(request: web.Request) -> bool:
    """A page (HTML errors), as opposed to the JSON API, Open311 (a sub-application answering its errors in its
    own format) and an unknown path asked for by a program (JSON errors); an unknown path asked for by a
    browser is the portal's page."""
    name = route_name(request)
    if name is None:
        return is_citizen_page(request)
    return name not in NOT_PAGES and len(request.match_info.apps) == 1


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    if _is_page(request):
        return await handler(request)
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.content_type == "application/json" or error.status < 400:
            raise
        message = texts.NOT_FOUND if error.status == 404 else error.reason
        response = json_response({"error": message}, status=error.status)
        if "Allow" in error.headers:  # a 405 names the methods that are allowed (RFC 9110)
            response.headers["Allow"] = error.headers["Allow"]
        return response
    except Exception:
        log.exception("unhandled error in web request", extra={"path": request.path})
        return json_response({"error": texts.INTERNAL_ERROR}, status=500)


@web.middleware
async def error_pages(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not _is_page(request):
        return await handler(request)
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        return _error_page(request, error.status, _message(error))
    except Exception:
        log.exception("unhandled error in web request", extra={"path": request.path})
        return _error_page(request, 500, texts.INTERNAL_ERROR)


def _message(error: web.HTTPException) -> str:
    """The view's Vietnamese text if it gave one; aiohttp's own default ("404: Not Found") is replaced."""
    text = error.text or ""
    if text and not text.startswith(f"{error.status}:"):
        return text
    return _DEFAULT_MESSAGES.get(error.status, texts.INTERNAL_ERROR if error.status >= 500 else error.reason)


def _error_page(request: web.Request, status: int, message: str) -> web.Response:
    template = "portal/error.html" if is_citizen_page(request) else "error.html"
    return render(template, request, {"status": status, "message": message}, status=status)
