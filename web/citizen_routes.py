"""Which requests are the citizens' portal's pages: their errors are shown as the portal's pages.

By route name (web/routes.py); an address that matches nothing counts as a portal page when a browser
asks for a page, so a mistyped address reads as a Vietnamese page, while the API keeps its JSON errors."""

from __future__ import annotations

from aiohttp import web

CITIZEN_ROUTES = frozenset(
    {
        "portal_home",
        "portal_results",
        "portal_procedure",
        "portal_filing_form",
        "portal_file",
        "portal_receipt",
        "portal_follow",
        "portal_follow_pin",
        "portal_filer",
        "portal_follow_act",
        "portal_filer_data",
        "portal_filer_data_act",
        "portal_personal_data",
    }
)


def is_citizen_page(request: web.Request) -> bool:
    match_info = request.match_info
    if match_info.http_exception is not None:
        return "text/html" in request.headers.get("Accept", "") and not request.path.startswith(("/api/", "/open311/"))
    return match_info.route.name in CITIZEN_ROUTES
