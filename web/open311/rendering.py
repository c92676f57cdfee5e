"""One response in the format the client asked for: the spec's XML, or JSON, both UTF-8."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from web.open311.mapping import Format
from web.open311.xml_format import xml_document


def respond(fmt: Format, root: str, value: Any, *, status: int = 200) -> web.Response:
    """`root` names the XML document element; JSON has no root, as in the spec's examples."""
    if fmt == Format.JSON:
        body = json.dumps(value, ensure_ascii=False).encode("utf-8")
        return web.Response(body=body, status=status, content_type="application/json", charset="utf-8")
    return web.Response(body=xml_document(root, value), status=status, content_type="text/xml", charset="utf-8")
