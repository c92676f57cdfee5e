"""A request's form, or a clear refusal: a body that cannot be read is the client's error, never a 500.

`request.post()` raises on a byte that is not UTF-8 (a raw 0xFF), an unknown charset, and a body labelled
`Content-Encoding: gzip` or `deflate` that is not compressed (aiohttp's RequestPayloadError). Each is the
client's malformed request: the caller turns `UnreadableForm` into a 400 with its channel's message.
"""

from __future__ import annotations

from aiohttp import web
from multidict import MultiDictProxy

from web import texts

_READ_ERRORS = (UnicodeDecodeError, ValueError, LookupError, web.RequestPayloadError)


class UnreadableForm(Exception):
    """The body is not a form this server can read."""


async def read_form(request: web.Request) -> MultiDictProxy[str | bytes | bytearray | web.FileField]:
    try:
        return await request.post()
    except _READ_ERRORS:
        raise UnreadableForm() from None


async def officer_form(request: web.Request) -> MultiDictProxy[str | bytes | bytearray | web.FileField]:
    """The form of an officers' page; a 400 with the Vietnamese message when it cannot be read."""
    try:
        return await read_form(request)
    except UnreadableForm:
        raise web.HTTPBadRequest(text=texts.BAD_FORM) from None
