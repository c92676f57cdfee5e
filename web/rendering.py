"""Rendering an officers' page with what every page shows: who is logged in, the form token, messages.

Not an aiohttp-jinja2 context processor: those run before the view, so a session started by the view
(the login page's) or a message added by it would be missed, and a redirect would swallow the messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from web.keys import officer_key, session_key


def render(template: str, request: web.Request, context: Mapping[str, Any], *, status: int = 200) -> web.Response:
    session = request.get(session_key)
    common = {
        "officer": request.get(officer_key),
        "csrf_token": session.csrf_token if session is not None else "",
        "flashes": session.take_flash() if session is not None else [],
    }
    return aiohttp_jinja2.render_template(template, request, {**common, **context}, status=status)
