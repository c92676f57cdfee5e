"""The web application's one routes table.

The citizens' portal is at the root; the officers' pages are under /can-bo/. Their addresses before the
portal took the root still answer, with a permanent redirect to the same page under /can-bo/ (a POST from
a page left open keeps its method and form), so bookmarks and open tabs keep working.
"""

from pathlib import Path

from aiohttp import web

from web import (
    auth,
    data_view_pages,
    deletion_request_views,
    filer_data_views,
    filer_views,
    filing_views,
    following_views,
    health_views,
    lookup_views,
    officer_actions,
    officer_views,
    procedure_views,
    report_views,
    search_lesson_views,
)

STATIC_DIR = Path(__file__).parent / "static"
OFFICERS = "/can-bo"
# The officers' pages' addresses before the portal took the root.
MOVED_OFFICER_PATHS = "/{old:(?:login|logout|queue|reports(?:/download)?|items/.+)}"


def setup_routes(app: web.Application, *, officer_pages: bool = False, citizen_pages: bool = False) -> None:
    app.router.add_get("/healthz", health_views.health, name="health")
    app.router.add_get("/metrics", health_views.metrics_page, name="metrics")
    app.router.add_get("/api/procedures", procedure_views.search_procedures, name="procedures")
    app.router.add_get("/api/procedures/{code}", procedure_views.show_procedure, name="procedure")
    app.router.add_get("/", lookup_views.home, name="portal_home")
    app.router.add_get("/thu-tuc", lookup_views.results, name="portal_results")
    app.router.add_get("/thu-tuc/{code}", lookup_views.procedure_page, name="portal_procedure")
    app.router.add_static("/static/", STATIC_DIR, name="static")
    if citizen_pages:
        app.router.add_get("/phan-anh/gui", filing_views.filing_form, name="portal_filing_form")
        app.router.add_post("/phan-anh/gui", filing_views.file, name="portal_file")
        app.router.add_get("/phan-anh/da-nhan/{code}", filing_views.receipt, name="portal_receipt")
        app.router.add_get("/phan-anh/tra-cuu", following_views.follow, name="portal_follow")
        app.router.add_get("/du-lieu-ca-nhan", filing_views.personal_data_page, name="portal_personal_data")
        app.router.add_post("/phan-anh/tra-cuu", filer_views.unlock, name="portal_follow_pin")
        app.router.add_get("/phan-anh/tra-cuu/{code}", filer_views.filer_page, name="portal_filer")
        app.router.add_get("/phan-anh/tra-cuu/{code}/du-lieu", filer_data_views.data_page, name="portal_filer_data")
        app.router.add_post(
            "/phan-anh/tra-cuu/{code}/du-lieu/{action}", filer_data_views.act, name="portal_filer_data_act"
        )
        app.router.add_post("/phan-anh/tra-cuu/{code}/{action}", filer_views.act, name="portal_follow_act")
    if not officer_pages:
        return
    app.router.add_get(OFFICERS, officer_views.home, name="home")
    app.router.add_get(OFFICERS + "/", officer_views.home, name="home_slash")
    app.router.add_get(OFFICERS + "/login", auth.login_page, name="login_page")
    app.router.add_post(OFFICERS + "/login", auth.login, name="login")
    app.router.add_post(OFFICERS + "/logout", auth.logout, name="logout")
    app.router.add_get(OFFICERS + "/queue", officer_views.queue_page, name="queue")
    app.router.add_get(OFFICERS + "/items/{code}", officer_views.item_page, name="item")
    app.router.add_get(OFFICERS + "/items/{code}/attachments/{index}", officer_views.attachment, name="attachment")
    app.router.add_post(OFFICERS + "/items/{code}/actions/{action}", officer_actions.act, name="act")
    app.router.add_get(OFFICERS + "/reports", report_views.reports_page, name="reports")
    app.router.add_get(OFFICERS + "/reports/download", report_views.report_download, name="report_download")
    app.router.add_get(OFFICERS + "/search-lessons", search_lesson_views.lessons_page, name="search_lessons")
    app.router.add_post(OFFICERS + "/search-lessons/teach", search_lesson_views.teach, name="search_lesson_teach")
    app.router.add_post(OFFICERS + "/search-lessons/dismiss", search_lesson_views.dismiss, name="search_lesson_dismiss")
    app.router.add_get(OFFICERS + "/search-lessons/export", search_lesson_views.export, name="search_lessons_export")
    app.router.add_get(OFFICERS + "/du-lieu-ca-nhan/truy-cap", data_view_pages.data_views_page, name="data_views")
    app.router.add_get(
        OFFICERS + "/du-lieu-ca-nhan/yeu-cau-xoa", deletion_request_views.queue_page, name="deletion_requests"
    )
    app.router.add_post(
        OFFICERS + "/du-lieu-ca-nhan/yeu-cau-xoa/{id}/{decision}",
        deletion_request_views.decide,
        name="deletion_decide",
    )
    app.router.add_route("*", MOVED_OFFICER_PATHS, officer_views.moved_page, name="officers_moved")
