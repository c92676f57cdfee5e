"""A local stand-in for Zalo's Official Account API, OAuth v4 and ZNS, for the Zalo channel's tests and trials.

`LocalZaloOa` is an aiohttp server on 127.0.0.1 (a free port) that answers what the channel calls, with
Zalo's shapes: HTTP 200 with `{"error": 0, "data": …}`, or a negative `error` and a `message`.

- OAuth v4: `GET /v4/oa/permission` consents at once and redirects to `redirect_uri?code&oa_id&state`;
  `POST /v4/oa/access_token` (the app secret in a `secret_key` header) exchanges a code, checking the PKCE
  verifier, or a refresh token, which works once. Tokens expire (25 hours by default).
- `POST /v3.0/oa/message/cs`: checks the token (-216 unknown, -220 expired), the rate limit (-32), that the
  person follows the OA (-213) and wrote within 7 days (-230), and the message's shape as far as Zalo's
  documentation states it (-201): text of 1–2,000 characters, at most 5 buttons with known action types,
  one media element, one request_user_info element.
- `GET /v2.0/oa/getoa`: the OA's id and name.
- `POST /message/template` (ZNS): a phone number 84…, a template the agency had approved (-131 otherwise).

It records what was sent (`sent`, `templates_sent`) and how many refreshes it answered. A test can make it
misbehave: `rate_limit_next(n)`, `fail_next(n)` (HTTP 502), `refuse_refresh_next(n)`, `expire_tokens()`.
The person's side is `stand_ins.zalo_user.ZaloUser`, which posts signed events to a webhook.
"""

from __future__ import annotations

import itertools
import secrets
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Self
from urllib.parse import urlencode

from aiohttp import web

from zalo.connection import TokenPair
from zalo.pkce import challenge_for

APP_ID = "3608465249409039670"
APP_SECRET = "stand-in-app-secret-0123456789"
OA_SECRET_KEY = "stand-in-oa-secret-key-0123456789"
OA_ID = "3886132808788086450"
OA_NAME = "UBND xã An Bình"
WINDOW = timedelta(days=7)
TOKEN_LIFETIME = timedelta(hours=25)
REFRESH_LIFETIME = timedelta(days=90)
CODE_LIFETIME = timedelta(minutes=10)
MAX_TEXT = 2000
MAX_BUTTONS = 5
MAX_BUTTON_TITLE = 100
MAX_PAYLOAD = 1000
_BUTTON_TYPES = {"oa.query.hide", "oa.query.show", "oa.open.url", "oa.open.sms", "oa.open.phone"}

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Refusal(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class SentMessage:
    user_id: str
    message: dict[str, Any]
    message_id: str
    at: datetime

    @property
    def text(self) -> str:
        return str(self.message.get("text", ""))

    @property
    def buttons(self) -> list[dict[str, Any]]:
        payload = self.message.get("attachment", {}).get("payload", {})
        return list(payload.get("buttons", [])) if "template_type" not in payload else []

    @property
    def template_type(self) -> str | None:
        template_type = self.message.get("attachment", {}).get("payload", {}).get("template_type")
        return template_type if isinstance(template_type, str) else None


@dataclass(frozen=True)
class SentTemplate:
    phone: str
    template_id: str
    template_data: dict[str, Any]
    tracking_id: str
    msg_id: str
    at: datetime


@dataclass
class ZaloUserState:
    user_id: str
    last_interaction: datetime | None = None
    follower: bool = True


@dataclass(frozen=True)
class Call:
    path: str
    error: int


@dataclass
class _Code:
    challenge: str
    redirect_uri: str
    expires_at: datetime


@dataclass
class _Faults:
    rate_limited: int = 0
    server_errors: int = 0
    refresh_refusals: int = 0
    refresh_outages: int = 0
    calls_this_minute: deque[datetime] = field(default_factory=deque)


class LocalZaloOa:
    def __init__(
        self,
        *,
        app_id: str = APP_ID,
        app_secret: str = APP_SECRET,
        oa_secret_key: str = OA_SECRET_KEY,
        oa_id: str = OA_ID,
        oa_name: str = OA_NAME,
        clock: Clock = utc_now,
        token_lifetime: timedelta = TOKEN_LIFETIME,
        rate_limit_per_minute: int | None = None,
        zns_templates: Iterable[str] = (),
    ) -> None:
        self.app_id = app_id
        self.app_secret = app_secret
        self.oa_secret_key = oa_secret_key
        self.oa_id = oa_id
        self.oa_name = oa_name
        self.clock = clock
        self.token_lifetime = token_lifetime
        self.rate_limit_per_minute = rate_limit_per_minute
        self.zns_templates = set(zns_templates)
        self.sent: list[SentMessage] = []
        self.templates_sent: list[SentTemplate] = []
        self.calls: list[Call] = []
        self.refreshes = 0
        self.users: dict[str, ZaloUserState] = {}
        self._access: dict[str, datetime] = {}
        self._refresh: dict[str, datetime] = {}
        self._codes: dict[str, _Code] = {}
        self._faults = _Faults()
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # --- lifecycle ------------------------------------------------------------------------------------

    async def __aenter__(self) -> Self:
        app = web.Application()
        app.router.add_get("/v4/oa/permission", self._permission)
        app.router.add_post("/v4/oa/access_token", self._access_token)
        app.router.add_post("/v3.0/oa/message/cs", self._message_cs)
        app.router.add_get("/v2.0/oa/getoa", self._getoa)
        app.router.add_post("/message/template", self._zns)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]  # (host, port) of the socket bound to port 0
        self.base_url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return self.base_url

    @property
    def oauth_base(self) -> str:
        return self.base_url

    @property
    def zns_base(self) -> str:
        return self.base_url

    # --- what tests set up and read -------------------------------------------------------------------

    def issue_tokens(self) -> TokenPair:
        """A token pair as a completed consent would give, without the consent."""
        now = self.clock()
        access, refresh = f"access-{secrets.token_hex(16)}", f"refresh-{secrets.token_hex(16)}"
        self._access[access] = now + self.token_lifetime
        self._refresh[refresh] = now + REFRESH_LIFETIME
        return TokenPair(access_token=access, refresh_token=refresh, expires_at=now + self.token_lifetime)

    def expire_tokens(self) -> None:
        """Every access token issued so far is now expired (-220)."""
        now = self.clock()
        for token in self._access:
            self._access[token] = now

    def interacted(self, user_id: str, at: datetime | None = None) -> ZaloUserState:
        """The person did something the OA sees (wrote, pressed, followed): the consultation window opens."""
        state = self.users.setdefault(user_id, ZaloUserState(user_id))
        state.last_interaction = at or self.clock()
        return state

    def unfollowed(self, user_id: str) -> None:
        self.users.setdefault(user_id, ZaloUserState(user_id)).follower = False

    def followed(self, user_id: str) -> None:
        self.interacted(user_id).follower = True

    def messages_to(self, user_id: str) -> list[SentMessage]:
        return [message for message in self.sent if message.user_id == user_id]

    def rate_limit_next(self, count: int = 1) -> None:
        self._faults.rate_limited += count

    def fail_next(self, count: int = 1) -> None:
        """The next API calls answer HTTP 502, as a Zalo outage does."""
        self._faults.server_errors += count

    def refuse_refresh_next(self, count: int = 1) -> None:
        """The next refreshes answer -14014 (a refresh token Zalo no longer takes)."""
        self._faults.refresh_refusals += count

    def break_oauth_next(self, count: int = 1) -> None:
        """The next token requests answer HTTP 502."""
        self._faults.refresh_outages += count

    def refused_calls(self) -> list[Call]:
        return [call for call in self.calls if call.error != 0]

    # --- OAuth v4 ---------------------------------------------------------------------------------------

    async def _permission(self, request: web.Request) -> web.StreamResponse:
        query = request.query
        if query.get("app_id") != self.app_id:
            return _oauth_error(-14002, "Invalid appId")
        redirect_uri, challenge = query.get("redirect_uri", ""), query.get("code_challenge", "")
        if not redirect_uri.startswith(("http://", "https://")) or not challenge:
            return _oauth_error(-14003, "Invalid redirect uri")
        code = f"code-{secrets.token_hex(12)}"
        self._codes[code] = _Code(challenge, redirect_uri, self.clock() + CODE_LIFETIME)
        location = f"{redirect_uri}?{urlencode({'code': code, 'oa_id': self.oa_id, 'state': query.get('state', '')})}"
        raise web.HTTPFound(location)

    async def _access_token(self, request: web.Request) -> web.StreamResponse:
        if request.headers.get("secret_key") != self.app_secret:
            return web.Response(text="404 empty api", status=200)
        if self._faults.refresh_outages:
            self._faults.refresh_outages -= 1
            return web.Response(text="Bad Gateway", status=502)
        form = await request.post()
        if form.get("app_id") != self.app_id:
            return _oauth_error(-14002, "Invalid appId")
        now = self.clock()
        if form.get("grant_type") == "authorization_code":
            code = self._codes.pop(str(form.get("code", "")), None)
            if code is None or code.expires_at < now:
                return _oauth_error(-14019, "Invalid oauth code")
            if challenge_for(str(form.get("code_verifier", ""))) != code.challenge:
                return _oauth_error(-14003, "Invalid code verifier")
            return _token_answer(self.issue_tokens(), self.token_lifetime)
        if form.get("grant_type") == "refresh_token":
            self.refreshes += 1
            token = str(form.get("refresh_token", ""))
            expires = self._refresh.pop(token, None)  # single use, whatever happens next
            if self._faults.refresh_refusals:
                self._faults.refresh_refusals -= 1
                expires = None
            if expires is None or expires < now:
                return _oauth_error(-14014, "Invalid refresh token")
            return _token_answer(self.issue_tokens(), self.token_lifetime)
        return _oauth_error(-14001, "Invalid grant type")

    # --- the OA API -----------------------------------------------------------------------------------

    async def _message_cs(self, request: web.Request) -> web.StreamResponse:
        return await self._api(request, self._send_cs)

    async def _getoa(self, request: web.Request) -> web.StreamResponse:
        return await self._api(request, self._oa_profile)

    async def _zns(self, request: web.Request) -> web.StreamResponse:
        return await self._api(request, self._send_template)

    async def _api(self, request: web.Request, answer: Callable[[Any], dict[str, Any]]) -> web.StreamResponse:
        if self._faults.server_errors:
            self._faults.server_errors -= 1
            self.calls.append(Call(request.path, 502))
            return web.Response(text="Bad Gateway", status=502)
        try:
            self._authorise(request.headers.get("access_token"))
            self._count_call()
            body = await request.json() if request.method == "POST" else None
            data = answer(body)
        except Refusal as refusal:
            self.calls.append(Call(request.path, refusal.code))
            return web.json_response({"error": refusal.code, "message": refusal.message})
        except ValueError:
            self.calls.append(Call(request.path, -201))
            return web.json_response({"error": -201, "message": "body is invalid!"})
        self.calls.append(Call(request.path, 0))
        return web.json_response({"data": data, "error": 0, "message": "Success"})

    def _authorise(self, token: str | None) -> None:
        if not token or token not in self._access:
            raise Refusal(-216, "Access token is invalid")
        if self._access[token] <= self.clock():
            raise Refusal(-220, "Access token has expired or been removed")

    def _count_call(self) -> None:
        if self._faults.rate_limited:
            self._faults.rate_limited -= 1
            raise Refusal(-32, "Your application/OA reached limit call api")
        if self.rate_limit_per_minute is None:
            return
        now, calls = self.clock(), self._faults.calls_this_minute
        while calls and now - calls[0] >= timedelta(minutes=1):
            calls.popleft()
        if len(calls) >= self.rate_limit_per_minute:
            raise Refusal(-32, "Your application/OA reached limit call api")
        calls.append(now)

    def _oa_profile(self, _body: Any) -> dict[str, Any]:
        return {"oa_id": self.oa_id, "name": self.oa_name, "description": "", "is_verified": True}

    def _send_cs(self, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict) or not isinstance(body.get("recipient"), dict):
            raise Refusal(-201, "recipient is invalid!")
        user_id = body["recipient"].get("user_id")
        message = body.get("message")
        if not isinstance(user_id, str) or not isinstance(message, dict):
            raise Refusal(-201, "message is invalid!")
        check_message(message)
        state = self.users.get(user_id)
        if state is not None and not state.follower:
            raise Refusal(-213, "User has not followed OA")
        now = self.clock()
        if state is None or state.last_interaction is None or now - state.last_interaction > WINDOW:
            raise Refusal(-230, "User has not interacted with the OA in the past 7 days")
        message_id = f"{next(self._ids):020x}"
        self.sent.append(SentMessage(user_id, message, message_id, now))
        return {"message_id": message_id, "user_id": user_id, "sent_time": str(int(now.timestamp() * 1000))}

    def _send_template(self, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise Refusal(-201, "body is invalid!")
        phone, template_id = body.get("phone"), body.get("template_id")
        if not isinstance(phone, str) or not phone.startswith("84") or not phone.isdigit() or len(phone) != 11:
            raise Refusal(-108, "Phone number is invalid")
        if template_id not in self.zns_templates:
            raise Refusal(-131, "Template is not approved")
        data = body.get("template_data")
        tracking_id = body.get("tracking_id", "")
        if not isinstance(data, dict) or not isinstance(tracking_id, str) or len(tracking_id) > 48:
            raise Refusal(-201, "template_data is invalid!")
        now = self.clock()
        msg_id = f"zns{next(self._ids):017x}"
        self.templates_sent.append(SentTemplate(phone, template_id, data, tracking_id, msg_id, now))
        return {
            "msg_id": msg_id,
            "sent_time": str(int(now.timestamp() * 1000)),
            "sending_mode": "1",
            "quota": {"dailyQuota": "500", "remainingQuota": "499"},
        }


def check_message(message: dict[str, Any]) -> None:
    """What Zalo's documentation says a consultation message may be; raises Refusal(-201)."""
    text = message.get("text")
    if text is not None and (not isinstance(text, str) or not 1 <= len(text) <= MAX_TEXT):
        raise Refusal(-201, "message.text is invalid!")
    attachment = message.get("attachment")
    if attachment is None:
        if text is None:
            raise Refusal(-201, "message is invalid!")
        return
    if not isinstance(attachment, dict) or attachment.get("type") != "template":
        raise Refusal(-201, "attachment is invalid!")
    payload = attachment.get("payload")
    if not isinstance(payload, dict):
        raise Refusal(-201, "attachment.payload is invalid!")
    template_type = payload.get("template_type")
    if template_type is None:
        if text is None:
            raise Refusal(-201, "message.text is invalid!")
        _check_buttons(payload.get("buttons"))
    elif template_type == "media":
        elements = payload.get("elements")
        if not isinstance(elements, list) or len(elements) != 1 or not isinstance(elements[0], dict):
            raise Refusal(-201, "elements is invalid!")
        element = elements[0]
        if element.get("media_type") != "image" or ("url" in element) == ("attachment_id" in element):
            raise Refusal(-201, "elements is invalid!")
    elif template_type == "request_user_info":
        elements = payload.get("elements")
        if text is not None or not isinstance(elements, list) or len(elements) != 1:
            raise Refusal(-201, "elements is invalid!")
        title, subtitle = elements[0].get("title"), elements[0].get("subtitle")
        if not isinstance(title, str) or not 1 <= len(title) <= 100:
            raise Refusal(-201, "title is invalid!")
        if not isinstance(subtitle, str) or not 1 <= len(subtitle) <= 500:
            raise Refusal(-201, "subtitle is invalid!")
    else:
        raise Refusal(-201, "template_type is invalid!")


def _check_buttons(buttons: Any) -> None:
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= MAX_BUTTONS:
        raise Refusal(-201, "buttons is invalid!")
    for button in buttons:
        if not isinstance(button, dict) or button.get("type") not in _BUTTON_TYPES:
            raise Refusal(-201, "button type is invalid!")
        title = button.get("title")
        if not isinstance(title, str) or not 1 <= len(title) <= MAX_BUTTON_TITLE:
            raise Refusal(-201, "button title is invalid!")
        payload = button.get("payload")
        if button["type"].startswith("oa.query."):
            if not isinstance(payload, str) or not 1 <= len(payload) <= MAX_PAYLOAD:
                raise Refusal(-201, "button payload is invalid!")
        elif button["type"] == "oa.open.url":
            url = payload.get("url") if isinstance(payload, dict) else None
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                raise Refusal(-201, "button url is invalid!")


def _oauth_error(code: int, name: str) -> web.Response:
    return web.json_response(
        {"error": code, "error_name": name, "error_reason": "", "ref_doc": "", "error_description": ""}
    )


def _token_answer(pair: TokenPair, lifetime: timedelta) -> web.Response:
    return web.json_response(
        {
            "access_token": pair.access_token,
            "refresh_token": pair.refresh_token,
            "expires_in": str(int(lifetime.total_seconds())),
        }
    )
