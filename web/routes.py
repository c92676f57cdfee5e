"""The web application's one routes table."""

from pathlib import Path

from aiohttp import web

from web import auth, officer_actions, officer_views, procedure_views, report_views

STATIC_DIR = Path(__file__).parent / "static"


def setup_routes(app: web.Application, *, officer_pages: bool = False) -> None:
    app.router.add_get("/healthz", procedure_views.health, name="health")
    app.router.add_get("/api/procedures", procedure_views.search_procedures, name="procedures")
    app.router.add_get("/api/procedures/{code}", procedure_views.show_procedure, name="procedure")
    if not officer_pages:
        return
    app.router.add_get("/", officer_views.home, name="home")
    app.router.add_get("/login", auth.login_page, name="login_page")
    app.router.add_post("/login", auth.login, name="login")
    app.router.add_post("/logout", auth.logout, name="logout")
    app.router.add_get("/queue", officer_views.queue_page, name="queue")
    app.router.add_get("/items/{code}", officer_views.item_page, name="item")
    app.router.add_get("/items/{code}/attachments/{index}", officer_views.attachment, name="attachment")
    app.router.add_post("/items/{code}/actions/{action}", officer_actions.act, name="act")
    app.router.add_get("/reports", report_views.reports_page, name="reports")
    app.router.add_get("/reports/download", report_views.report_download, name="report_download")
    app.router.add_static("/static/", STATIC_DIR, name="static")
