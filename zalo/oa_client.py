"""The calls the channel makes to Zalo's OA API, over aiohttp.

Every call carries the OA access token in a bare `access_token` header (not `Authorization`, not a query
parameter). Zalo answers errors with HTTP 200 and a negative `error`: those raise `ZaloRefused` with the
code. An access token Zalo calls invalid or expired (-216, -220; -124 on ZNS) is replaced once through
`AccessTokens` and the call made again. A network failure, a 5xx or an answer that is not JSON raises
`ZaloUnreachable`: worth trying again later.

Endpoints: consultation messages `POST /v3.0/oa/message/cs`, the OA's profile `GET /v2.0/oa/getoa`
(both on `api_base`), ZNS template messages `POST /message/template` (on `zns_base`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

import aiohttp

log = logging.getLogger(__name__)

TOKEN_REJECTED = frozenset({-216, -220, -124})
RATE_LIMITED = -32
TIMEOUT = aiohttp.ClientTimeout(total=15)


class ZaloRefused(Exception):
    """Zalo answered with an error code (negative)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message


class ZaloUnreachable(Exception):
    """No usable answer: the network, a 5xx, a body that is not Zalo's JSON."""


class AccessTokens(Protocol):
    """Where the client gets the OA access token (zalo.tokens.TokenKeeper keeps it in the database)."""

    async def current(self) -> str:
        """A token to use now; raises zalo.connection.NotConnected when there is none."""
        ...

    async def replace_rejected(self, token: str) -> str:
        """Another token after Zalo refused `token`; raises NotConnected when none can be had."""
        ...


@dataclass(frozen=True)
class OaProfile:
    oa_id: str
    name: str


class OaClient:
    def __init__(self, session: aiohttp.ClientSession, tokens: AccessTokens, *, api_base: str, zns_base: str) -> None:
        self._session = session
        self._tokens = tokens
        self._api_base = api_base.rstrip("/")
        self._zns_base = zns_base.rstrip("/")

    async def send_message(self, user_id: str, message: dict[str, Any]) -> str:
        """Send one consultation message; Zalo's message id."""
        body = {"recipient": {"user_id": user_id}, "message": message}
        data = await self._call("POST", f"{self._api_base}/v3.0/oa/message/cs", json=body)
        return str(data.get("message_id", ""))

    async def send_template(self, phone: str, template_id: str, template_data: dict[str, str], tracking_id: str) -> str:
        """Send a ZNS template message to a phone number (84…); Zalo's message id."""
        body = {"phone": phone, "template_id": template_id, "template_data": template_data, "tracking_id": tracking_id}
        data = await self._call("POST", f"{self._zns_base}/message/template", json=body)
        return str(data.get("msg_id", ""))

    async def profile(self) -> OaProfile:
        data = await self._call("GET", f"{self._api_base}/v2.0/oa/getoa")
        return OaProfile(oa_id=str(data.get("oa_id", "")), name=str(data.get("name", "")))

    async def _call(self, method: str, url: str, json: Any = None) -> dict[str, Any]:
        token = await self._tokens.current()
        try:
            return await self._request(method, url, token, json)
        except ZaloRefused as refused:
            if refused.code not in TOKEN_REJECTED:
                raise
            log.info("zalo access token refused; replacing it", extra={"code": refused.code})
        token = await self._tokens.replace_rejected(token)
        return await self._request(method, url, token, json)

    async def _request(self, method: str, url: str, token: str, json: Any) -> dict[str, Any]:
        try:
            async with self._session.request(
                method, url, json=json, headers={"access_token": token}, timeout=TIMEOUT
            ) as response:
                if response.status >= 500:
                    raise ZaloUnreachable(f"HTTP {response.status}")
                if response.status == 429:
                    raise ZaloRefused(RATE_LIMITED, "HTTP 429")
                answer = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            raise ZaloUnreachable(type(error).__name__) from error
        if not isinstance(answer, dict) or not isinstance(answer.get("error", 0), int):
            raise ZaloUnreachable(f"HTTP {response.status}, not a Zalo answer")
        code = answer.get("error", 0)
        if code == 0 and response.status != 200:
            raise ZaloUnreachable(f"HTTP {response.status}")
        if code != 0:
            raise ZaloRefused(code, str(answer.get("message", "")))
        data = answer.get("data")
        return data if isinstance(data, dict) else {}
