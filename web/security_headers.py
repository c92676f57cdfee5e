"""Headers every response carries, so a browser holds each page to what it needs and nothing more.

The pages use no script, no inline style and nothing from another site, so the policy allows only this
site's style sheet and images, forms posted back here, and no framing at all: a page of another site
cannot frame the item page with its live action forms. Pages behind the login, and the login form with
its token, are never stored by a browser or a proxy (`no-store`): they carry personal data.
"""

from __future__ import annotations

from aiohttp import web

from web.public_routes import is_guarded, route_name

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Public routes whose pages still hold something of one person (the login form's token).
PRIVATE_PUBLIC_ROUTES = frozenset({"login_page", "login"})


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """An `on_response_prepare` signal: runs for every response, errors and files included."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if is_guarded(request) or route_name(request) in PRIVATE_PUBLIC_ROUTES:
        response.headers["Cache-Control"] = "no-store"


def install_security_headers(app: web.Application) -> None:
    app.on_response_prepare.append(add_security_headers)
