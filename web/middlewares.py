"""Errors as JSON in Vietnamese: never a stack trace to the client."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from web import texts
from web.json_body import json_response

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.content_type == "application/json" or error.status < 400:
            raise
        message = texts.NOT_FOUND if error.status == 404 else error.reason
        return json_response({"error": message}, status=error.status)
    except Exception:
        log.exception("unhandled error in web request", extra={"path": request.path})
        return json_response({"error": texts.INTERNAL_ERROR}, status=500)
