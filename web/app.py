"""The aiohttp application factory (officers' pages and APIs are served from here)."""

from __future__ import annotations

from aiohttp import web

from procedures_catalog.services import Catalog
from web.keys import catalog_key
from web.middlewares import json_errors
from web.routes import setup_routes


def create_app(catalog: Catalog) -> web.Application:
    app = web.Application(middlewares=[json_errors])
    app[catalog_key] = catalog
    setup_routes(app)
    return app
