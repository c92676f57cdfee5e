"""Zalo's OAuth v4 for an Official Account: the permission address, the code exchange, the refresh.

- `GET {oauth_base}/v4/oa/permission?app_id&redirect_uri&code_challenge&state`: an OA administrator
  consents; Zalo redirects to `redirect_uri?code=…&oa_id=…&state=…`. The redirect address must be the
  "Official Account Callback URL" saved in the app's console. The code works once, for 10 minutes.
- `POST {oauth_base}/v4/oa/access_token`, form-encoded, with the app secret in a `secret_key` header:
  `grant_type=authorization_code` with the code and the PKCE verifier, or `grant_type=refresh_token`.
  The answer: `access_token`, `refresh_token`, `expires_in` (seconds, as a string). The access token lives
  25 hours; the refresh token three months and only until it is used once.
- Errors come as `{"error": -14xxx, "error_name": …}` with no `access_token`: any answer without one is a
  refusal (`OAuthRefused`, e.g. -14014 a refresh token already used). The network or a 5xx is
  `OAuthUnreachable`: worth trying again.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import aiohttp

from zalo.connection import TokenPair

TIMEOUT = aiohttp.ClientTimeout(total=15)


class OAuthRefused(Exception):
    def __init__(self, code: int | None, name: str) -> None:
        super().__init__(f"{code} {name}" if code is not None else name)
        self.code = code
        self.name = name


class OAuthUnreachable(Exception):
    pass


class ZaloOAuth:
    def __init__(self, session: aiohttp.ClientSession, *, oauth_base: str, app_id: str, app_secret: str) -> None:
        self._session = session
        self._base = oauth_base.rstrip("/")
        self._app_id = app_id
        self._app_secret = app_secret

    def permission_url(self, *, redirect_uri: str, code_challenge: str, state: str) -> str:
        query = urlencode(
            {"app_id": self._app_id, "redirect_uri": redirect_uri, "code_challenge": code_challenge, "state": state}
        )
        return f"{self._base}/v4/oa/permission?{query}"

    async def exchange_code(self, code: str, code_verifier: str, *, at: datetime) -> TokenPair:
        form = {
            "code": code,
            "app_id": self._app_id,
            "grant_type": "authorization_code",
            "code_verifier": code_verifier,
        }
        return await self._token(form, at)

    async def refresh(self, refresh_token: str, *, at: datetime) -> TokenPair:
        form = {"refresh_token": refresh_token, "app_id": self._app_id, "grant_type": "refresh_token"}
        return await self._token(form, at)

    async def _token(self, form: dict[str, str], at: datetime) -> TokenPair:
        try:
            async with self._session.post(
                f"{self._base}/v4/oa/access_token",
                data=form,
                headers={"secret_key": self._app_secret},
                timeout=TIMEOUT,
            ) as response:
                if response.status >= 500:
                    raise OAuthUnreachable(f"HTTP {response.status}")
                text = await response.text()
        except (aiohttp.ClientError, TimeoutError) as error:
            raise OAuthUnreachable(type(error).__name__) from error
        return _pair(_json(text), at)


def _json(text: str) -> dict[str, Any]:
    try:
        answer = json.loads(text)
    except ValueError:
        raise OAuthRefused(None, "not JSON") from None  # e.g. "404 empty api" when the secret is missing
    return answer if isinstance(answer, dict) else {}


def _pair(answer: dict[str, Any], at: datetime) -> TokenPair:
    access, refresh, expires_in = answer.get("access_token"), answer.get("refresh_token"), answer.get("expires_in")
    if not (isinstance(access, str) and access and isinstance(refresh, str) and refresh):
        code = answer.get("error")
        raise OAuthRefused(code if isinstance(code, int) else None, str(answer.get("error_name") or "no token"))
    try:
        seconds = int(str(expires_in))  # a string in Zalo's answer
    except ValueError:
        raise OAuthRefused(None, "no expires_in") from None
    return TokenPair(access_token=access, refresh_token=refresh, expires_at=at + timedelta(seconds=seconds))
