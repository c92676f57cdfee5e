"""JSON responses that keep Vietnamese readable: UTF-8 text, not \\u escapes."""

from __future__ import annotations

import functools
import json
from typing import Any

from aiohttp import web

_dumps = functools.partial(json.dumps, ensure_ascii=False)


def json_response(data: Any, *, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=_dumps)


def json_error(error_class: type[web.HTTPException], message: str) -> web.HTTPException:
    """An HTTP error whose body is {"error": message}, to raise from a view."""
    return error_class(text=_dumps({"error": message}), content_type="application/json")
