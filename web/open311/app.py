"""The Open311 sub-application, mounted at /open311/v2/: its routes and its own error middleware."""

from __future__ import annotations

from aiohttp import web

from web.open311 import views
from web.open311.errors import open311_errors
from web.open311.keys import Open311Services, open311_key
from web.open311.public_reads import PublicReads, reads_key

PREFIX = "/open311/v2/"


def create_open311_app(services: Open311Services) -> web.Application:
    reads = PublicReads(services.api_keys, services.reads)
    app = web.Application(middlewares=[open311_errors, reads.middleware])
    app[open311_key] = services
    app[reads_key] = reads
    app.router.add_get("/openapi.json", views.openapi, name="open311_openapi")
    app.router.add_get("/discovery.{fmt}", views.discovery, name="open311_discovery")
    app.router.add_get("/services.{fmt}", views.services, name="open311_services")
    app.router.add_get("/services/{service_code}.{fmt}", views.service_definition, name="open311_service_definition")
    app.router.add_get("/requests.{fmt}", views.list_requests, name="open311_requests")
    app.router.add_post("/requests.{fmt}", views.create_request, name="open311_create_request")
    app.router.add_get("/requests/{service_request_id}.{fmt}", views.show_request, name="open311_request")
    app.router.add_get("/tokens/{token}.{fmt}", views.token, name="open311_token")
    return app


def mount_open311(app: web.Application, services: Open311Services) -> None:
    """Route names start with "open311_": the officers' session middleware guards routes by name."""
    app.add_subapp(PREFIX, create_open311_app(services))
