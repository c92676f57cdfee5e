"""Officers' login and logout, and the middleware that guards every route but the public ones.

Deny by default: every route not named in `web.public_routes.PUBLIC_ROUTES` needs an officer's session.
The middleware finds the session from its cookie, refuses a POST whose CSRF token is not the session's
(403), sends a visitor without a session to the login page, and re-reads the officer on every request,
so a locked account is logged out at its next click. The login form stores nothing on the server: its
CSRF token is a random value in a cookie of its own, which the POST must send back in the form too
(a page of another site can neither read nor set it). Failed logins are counted per username and per
client address (`web.login_throttle`). Refusals (failed logins, waits, CSRF) are logged as structured
lines on the `web.security` logger, with the username and address, never a password.
"""

from __future__ import annotations

import hmac
import logging
import math
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode

from aiohttp import web
from yarl import URL

from feedback.domain.access import Officer, UnknownOfficer
from web import texts
from web.form_body import officer_form
from web.keys import login_throttle_key, officer_key, officer_pages_key, session_key, sessions_key
from web.public_routes import PUBLIC_ROUTES, route_name
from web.rendering import render
from web.sessions import Session

security_log = logging.getLogger("web.security")

SESSION_COOKIE = "motcua_session"
LOGIN_CSRF_COOKIE = "motcua_login_csrf"
CSRF_FIELD = "csrf_token"
LOGIN_PATH = "/can-bo/login"
HOME_PATH = "/can-bo/queue"
# Public routes that still check a CSRF token: the login form and its POST.
LOGIN_ROUTES = frozenset({"login_page", "login"})
_REASONS = {"expired": texts.SESSION_EXPIRED, "locked": texts.ACCOUNT_LOCKED, "logged_out": texts.LOGGED_OUT}
_TOKEN_LENGTH = 43  # secrets.token_urlsafe(32)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def officer_session(request: web.Request, handler: Handler) -> web.StreamResponse:
    route = route_name(request)
    if route is None or (route in PUBLIC_ROUTES and route not in LOGIN_ROUTES):
        return await handler(request)
    if sessions_key not in request.app:  # an application without the officers' pages has no one to let in
        raise web.HTTPNotFound()
    cookie = request.cookies.get(SESSION_COOKIE)
    store = request.app[sessions_key]
    session = await store.get(cookie)
    if route in LOGIN_ROUTES:
        if request.method == "POST":
            await _check_login_csrf(request)
        if session is not None:
            request[session_key] = session
        return await handler(request)
    if request.method == "POST":
        await _check_csrf(request, session)
    if session is None:
        raise _to_login(request, "expired" if cookie else None)
    officer = await _current_officer(request, session)
    if officer is None:
        await store.end(session.id)
        raise _to_login(request, "locked")
    request[session_key] = session
    request[officer_key] = officer
    try:
        return await handler(request)
    finally:  # a redirect after an action is raised, and its message must be there on the next page
        await store.save_flash(session)


async def _check_csrf(request: web.Request, session: Session | None) -> None:
    sent = (await officer_form(request)).get(CSRF_FIELD)
    if session is None or not isinstance(sent, str) or not hmac.compare_digest(sent, session.csrf_token):
        _log_csrf_refusal(request, session)
        raise web.HTTPForbidden(text=texts.CSRF_REFUSED)


async def _check_login_csrf(request: web.Request) -> None:
    """The login form's token, sent back in the form, must be the one in its cookie."""
    sent = (await officer_form(request)).get(CSRF_FIELD)
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        _log_csrf_refusal(request, None)
        raise web.HTTPForbidden(text=texts.CSRF_REFUSED)


def _log_csrf_refusal(request: web.Request, session: Session | None) -> None:
    security_log.warning(
        "csrf refused",
        extra={
            "path": request.path,
            "address": request.remote,
            "username": session.username if session is not None else None,
        },
    )


async def _current_officer(request: web.Request, session: Session) -> Officer | None:
    try:
        officer = await request.app[officer_pages_key].admin.officer(session.username)
    except UnknownOfficer:
        return None
    return officer if officer.active else None


def _to_login(request: web.Request, reason: str | None) -> web.HTTPException:
    params = {"next": request.path_qs} if request.method == "GET" else {}
    if reason:
        params["reason"] = reason
    return web.HTTPSeeOther(LOGIN_PATH + ("?" + urlencode(params) if params else ""))


def _safe_next(target: str | None) -> str:
    """Only a path on this site, rebuilt from the parsed address. "//evil.example" or "https://…" after login
    would be an open redirect, and checking the raw text is not enough: yarl drops a tab or newline, so a
    slash, a tab and "/evil.example" become "//evil.example" once parsed."""
    if not target or any(ord(char) < 0x20 or char in "\\\x7f" for char in target):
        return HOME_PATH
    try:
        url = URL(target)
    except ValueError:
        return HOME_PATH
    if url.scheme or url.raw_authority or not url.raw_path.startswith("/") or url.raw_path.startswith("//"):
        return HOME_PATH
    return str(url)


def set_session_cookie(request: web.Request, response: web.StreamResponse, session: Session) -> None:
    response.set_cookie(SESSION_COOKIE, session.id, httponly=True, samesite="Lax", secure=request.secure, path="/")


async def login_page(request: web.Request) -> web.StreamResponse:
    if request.get(session_key) is not None:
        raise web.HTTPSeeOther(_safe_next(request.query.get("next")))
    message = _REASONS.get(request.query.get("reason", ""))
    return _render_login(request, message=message, next_path=request.query.get("next", ""))


async def login(request: web.Request) -> web.StreamResponse:
    form = await officer_form(request)
    username, password = str(form.get("username", "")), str(form.get("password", ""))
    next_path = str(form.get("next", ""))
    throttle = request.app[login_throttle_key]
    wait = await throttle.wait(username, request.remote)
    if wait is not None:
        security_log.warning(
            "login refused: too many failures",
            extra={"username": username[:64], "address": request.remote, "wait_seconds": int(wait.total_seconds())},
        )
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        message = texts.LOGIN_THROTTLED.format(minutes=minutes)
        return _render_login(request, message=message, username=username, next_path=next_path, status=429)
    officer = await request.app[officer_pages_key].admin.authenticate(username, password)
    if officer is None:
        await throttle.failed(username, request.remote)
        security_log.warning("login failed", extra={"username": username[:64], "address": request.remote})
        return _render_login(request, message=texts.LOGIN_FAILED, username=username, next_path=next_path, status=401)
    await throttle.succeeded(username)
    store = request.app[sessions_key]
    if (earlier := request.get(session_key)) is not None:
        await store.end(earlier.id)  # a fresh id at every login: an id planted before is worth nothing after
    session = await store.start(officer.username)
    security_log.info("login", extra={"username": officer.username, "address": request.remote})
    response = web.HTTPSeeOther(_safe_next(next_path))
    set_session_cookie(request, response, session)
    response.del_cookie(LOGIN_CSRF_COOKIE, path=LOGIN_PATH)
    raise response


async def logout(request: web.Request) -> web.StreamResponse:
    await request.app[sessions_key].end(request[session_key].id)
    response = web.HTTPSeeOther(LOGIN_PATH + "?reason=logged_out")
    response.del_cookie(SESSION_COOKIE, path="/")
    raise response


def _render_login(
    request: web.Request, *, message: str | None, next_path: str, username: str = "", status: int = 200
) -> web.Response:
    """The login form with its CSRF token: the visitor's cookie's if it has a well-formed one, else a new one."""
    token = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if len(token) != _TOKEN_LENGTH:
        token = secrets.token_urlsafe(32)
    context = {
        "message": message,
        "username": username,
        "next": _safe_next(next_path) if next_path else "",
        "csrf_token": token,
    }
    response = render("login.html", request, context, status=status)
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="Strict", secure=request.secure, path=LOGIN_PATH
    )
    return response
