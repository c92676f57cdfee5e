"""Typed application and request keys: what the web views may reach, set once by the app factory."""

from aiohttp import web

from feedback.domain.access import Officer
from procedures_catalog.services import Catalog
from procedures_catalog.teaching import SearchTeaching
from web.citizen_pages import CitizenPages
from web.login_throttle import LoginThrottle
from web.officer_pages import OfficerPages
from web.sessions import Session, SessionStore

catalog_key = web.AppKey("catalog", Catalog)
teaching_key = web.AppKey("teaching", SearchTeaching)
officer_pages_key = web.AppKey("officer_pages", OfficerPages)
citizen_pages_key = web.AppKey("citizen_pages", CitizenPages)
sessions_key = web.AppKey("sessions", SessionStore)
login_throttle_key = web.AppKey("login_throttle", LoginThrottle)

# Set by the session middleware for each officers' page.
session_key = web.RequestKey("session", Session)
officer_key = web.RequestKey("officer", Officer)
