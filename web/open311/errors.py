"""Errors in the spec's shape, a list of {code, description}, in the format asked for; never a stack trace."""

from __future__ import annotations

import logging
import math
from collections.abc import Awaitable, Callable

from aiohttp import web

from web.open311 import texts
from web.open311.mapping import Format
from web.open311.rendering import respond

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Open311Error(Exception):
    def __init__(self, status: int, description: str, *, retry_after: float | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


def bad_request(description: str) -> Open311Error:
    return Open311Error(400, description)


def not_found(description: str) -> Open311Error:
    return Open311Error(404, description)


def error_response(fmt: Format, status: int, description: str) -> web.Response:
    return respond(fmt, "errors", [{"code": status, "description": description}], status=status)


def response_format(request: web.Request) -> Format:
    """The format of the URL when it names one we speak; XML, the required one, otherwise."""
    suffix = request.path.rsplit("/", 1)[-1].rsplit(".", 1)[-1].lower()
    return Format.JSON if suffix == Format.JSON else Format.XML


_HTTP_ERRORS = {
    404: lambda request: texts.NOT_FOUND,
    405: lambda request: texts.METHOD_NOT_ALLOWED.format(method=request.method),
    413: lambda request: texts.TOO_LARGE,
}


@web.middleware
async def open311_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except Open311Error as error:
        response = error_response(response_format(request), error.status, error.description)
        if error.retry_after is not None:
            response.headers["Retry-After"] = str(max(1, math.ceil(error.retry_after)))
        return response
    except web.HTTPException as error:
        if error.status < 400:
            raise
        describe = _HTTP_ERRORS.get(error.status)
        description = describe(request) if describe is not None else error.reason
        response = error_response(response_format(request), error.status, description)
        if "Allow" in error.headers:  # a 405 names the methods that are allowed (RFC 9110)
            response.headers["Allow"] = error.headers["Allow"]
        return response
    except Exception:
        log.exception("unhandled error in Open311 request", extra={"path": request.path})
        return error_response(response_format(request), 500, texts.INTERNAL_ERROR)
