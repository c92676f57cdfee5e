"""The web application's one routes table."""

from aiohttp import web

from web import procedure_views


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/healthz", procedure_views.health, name="health")
    app.router.add_get("/api/procedures", procedure_views.search_procedures, name="procedures")
    app.router.add_get("/api/procedures/{code}", procedure_views.show_procedure, name="procedure")
