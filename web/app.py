"""The aiohttp application factory: the procedure API and the citizens' portal, and the officers' pages when given
their services."""

from __future__ import annotations

from collections.abc import Iterable

import aiohttp_jinja2
import jinja2
from aiohttp import web

from procedures_catalog.services import Catalog
from procedures_catalog.teaching import SearchTeaching
from web.auth import CSRF_FIELD, officer_session
from web.citizen_pages import CitizenPages
from web.formatting import FILTERS, urgency
from web.health_views import HealthSources, count_request, health_key
from web.keys import (
    catalog_key,
    citizen_pages_key,
    login_throttle_key,
    officer_pages_key,
    sessions_key,
    teaching_key,
)
from web.login_throttle import LoginThrottle
from web.middlewares import error_pages, json_errors
from web.officer_pages import OfficerPages
from web.open311.app import mount_open311
from web.open311.keys import Open311Services
from web.routes import setup_routes
from web.security_headers import install_security_headers
from web.sessions import SessionStore
from web.trusted_proxies import TrustedProxies


def create_app(
    catalog: Catalog,
    officer_pages: OfficerPages | None = None,
    *,
    open311: Open311Services | None = None,
    citizen_pages: CitizenPages | None = None,
    trusted_proxies: Iterable[str] = (),
    health: HealthSources | None = None,
    teaching: SearchTeaching | None = None,
) -> web.Application:
    """`trusted_proxies`: addresses or networks whose forwarding headers give the client's address and scheme."""
    proxies = TrustedProxies(trusted_proxies)
    app = web.Application(middlewares=[proxies.middleware, json_errors, error_pages, officer_session])
    install_security_headers(app)
    app.on_response_prepare.append(count_request)
    if health is not None:
        app[health_key] = health
    app[catalog_key] = catalog
    environment = aiohttp_jinja2.setup(
        app,
        loader=jinja2.PackageLoader("web", "templates"),
        autoescape=jinja2.select_autoescape(default=True),
        filters=FILTERS,
        undefined=jinja2.StrictUndefined,
    )
    environment.globals.update(urgency=urgency, csrf_field=CSRF_FIELD)
    if teaching is not None:
        app[teaching_key] = teaching
    if officer_pages is not None:
        app[officer_pages_key] = officer_pages
        app[sessions_key] = SessionStore(officer_pages.clock, officer_pages.sessions, officer_pages.web_state)
        app[login_throttle_key] = LoginThrottle(
            officer_pages.clock, officer_pages.login_throttle, officer_pages.web_state
        )
    if citizen_pages is not None:
        app[citizen_pages_key] = citizen_pages
    setup_routes(app, officer_pages=officer_pages is not None, citizen_pages=citizen_pages is not None)
    if open311 is not None:
        mount_open311(app, open311)
    return app
