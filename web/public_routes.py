"""The routes anyone may reach, by name. Every other route is for logged-in officers (deny by default).

A route forgotten here is refused to the public, never served to it: the session middleware
(`web.auth.officer_session`) sends a visitor without a session to the login page, and a POST without
the session's CSRF token gets a 403. A new public page is added by naming its route here, with a word on why.
"""

from __future__ import annotations

from aiohttp import web

from web.citizen_routes import CITIZEN_ROUTES

PUBLIC_ROUTES = frozenset(
    {
        # The JSON API over the catalog and the probes an operator's monitoring reads.
        "health",
        "metrics",
        "procedures",
        "procedure",
        # The style sheet and other static files.
        "static",
        # Open311 GeoReport v2 (web/open311/app.py): public reads, filing with an API key.
        "open311_openapi",
        "open311_discovery",
        "open311_services",
        "open311_service_definition",
        "open311_requests",
        "open311_create_request",
        "open311_request",
        "open311_token",
        # Zalo's webhook (zalo/webhook.py): Zalo has no session; every event is checked by its signature.
        "zalo_webhook",
        # Telegram's webhook (bot/webhook.py): Telegram has no session; every call carries the webhook's secret.
        "telegram_webhook",
        # The officers' login form (it carries its own CSRF token).
        "login_page",
        "login",
        # The officers' pages' addresses from before they moved under /can-bo/: a redirect, nothing behind it.
        "officers_moved",
    }
    # The citizens' portal (web/citizen_routes.py): lookup, filing and following a PAKN, for anyone.
    | CITIZEN_ROUTES
)


def route_name(request: web.Request) -> str | None:
    """The matched route's name; None when nothing matched (a 404 or 405, with nothing behind it to guard)."""
    match_info = request.match_info
    if match_info.http_exception is not None:
        return None
    return match_info.route.name or ""


def is_guarded(request: web.Request) -> bool:
    """True for every matched route not named public, unnamed ones included."""
    name = route_name(request)
    return name is not None and name not in PUBLIC_ROUTES
