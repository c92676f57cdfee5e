"""Typed application keys: what the web views may reach, set once by the app factory."""

from aiohttp import web

from procedures_catalog.services import Catalog

catalog_key = web.AppKey("catalog", Catalog)
