"""The citizens' forms: a CSRF token, a honeypot and a minimum time, with no state on the server.

A visitor gets a random cookie (HttpOnly, SameSite=Lax, only sent to /phan-anh). Each form carries a token:
the time it was issued, the step it is for, and an HMAC of both with the cookie, under the site's key (kept
in the database, so every web instance checks what another issued). A POST is refused when:
- the token is missing, forged, of another visitor's cookie or of another step (CSRF): 403;
- it is older than `max_age` (a form left open overnight): the citizen reloads, nothing typed is lost;
- it comes back sooner than `min_fill` after the empty form was issued: people take longer than that to
  describe a matter, form-filling robots do not;
- the honeypot field, hidden from people and from screen readers, was filled in.
A robot that waits out the minimum and leaves the trap alone still meets the daily caps per person and per
address. No third party (no CAPTCHA service) sees the citizen.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from aiohttp import web

FORM_COOKIE = "motcua_form"
TOKEN_FIELD = "csrf_token"
TRAP_FIELD = "trang_web"  # "website": what a robot fills in; people never see it
COOKIE_PATH = "/phan-anh"


class Step(StrEnum):
    FILL = "fill"  # the form itself: issued when the empty form is shown
    SEND = "send"  # the summary's «Gửi»: issued when the summary is shown
    FOLLOW = "follow"  # the PIN form and the filer's actions on the following pages


class Refusal(StrEnum):
    FORGED = "forged"
    EXPIRED = "expired"
    TOO_FAST = "too_fast"
    TRAP = "trap"


class FormRefused(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(str(refusal))
        self.refusal = refusal


@dataclass(frozen=True)
class GuardPolicy:
    min_fill: timedelta = timedelta(seconds=5)
    max_age: timedelta = timedelta(hours=3)


class FormGuard:
    def __init__(self, key: bytes, clock: Callable[[], datetime], policy: GuardPolicy | None = None) -> None:
        self._key = key
        self._clock = clock
        self.policy = policy or GuardPolicy()

    def visitor(self, request: web.Request) -> tuple[str, bool]:
        """The visitor's cookie value, and whether it is new (then `remember` must set it on the response)."""
        cookie = request.cookies.get(FORM_COOKIE, "")
        if 20 <= len(cookie) <= 64 and cookie.replace("-", "").replace("_", "").isalnum():
            return cookie, False
        return secrets.token_urlsafe(32), True

    def remember(self, request: web.Request, response: web.StreamResponse, cookie: str) -> None:
        response.set_cookie(FORM_COOKIE, cookie, httponly=True, samesite="Lax", secure=request.secure, path=COOKIE_PATH)

    def issue(self, cookie: str, step: Step) -> str:
        issued = int(self._clock().timestamp())
        return f"{issued}.{step}.{self._mac(cookie, issued, step)}"

    def check(self, request: web.Request, form: dict[str, str], step: Step, *, timed: bool = False) -> None:
        """Raises FormRefused; `timed`: this POST must come `min_fill` after the token was issued."""
        cookie = request.cookies.get(FORM_COOKIE, "")
        issued_text, _, rest = form.get(TOKEN_FIELD, "").partition(".")
        sent_step, _, mac = rest.partition(".")
        if not cookie or not issued_text.isdigit() or sent_step != step:
            raise FormRefused(Refusal.FORGED)
        issued = int(issued_text)
        if not hmac.compare_digest(mac, self._mac(cookie, issued, step)):
            raise FormRefused(Refusal.FORGED)
        if form.get(TRAP_FIELD):
            raise FormRefused(Refusal.TRAP)
        age = self._clock().timestamp() - issued
        if age > self.policy.max_age.total_seconds():
            raise FormRefused(Refusal.EXPIRED)
        if timed and age < self.policy.min_fill.total_seconds():
            raise FormRefused(Refusal.TOO_FAST)

    def _mac(self, cookie: str, issued: int, step: Step) -> str:
        message = f"{cookie}|{issued}|{step}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()[:40]

    def seal(self, payload: str, ttl: timedelta) -> str:
        """`payload` with an expiry and a MAC, for a cookie the visitor holds but cannot forge or stretch."""
        expires = int((self._clock() + ttl).timestamp())
        return f"{payload}|{expires}|{self._seal_mac(payload, expires)}"

    def unseal(self, sealed: str) -> str | None:
        """The payload of an unexpired `seal`; None for anything else."""
        payload, _, rest = sealed.rpartition("|")
        payload, _, expires_text = payload.rpartition("|")
        if not expires_text.isdigit() or not hmac.compare_digest(rest, self._seal_mac(payload, int(expires_text))):
            return None
        return payload if self._clock().timestamp() <= int(expires_text) else None

    def _seal_mac(self, payload: str, expires: int) -> str:
        return hmac.new(self._key, f"seal|{payload}|{expires}".encode(), hashlib.sha256).hexdigest()[:40]
