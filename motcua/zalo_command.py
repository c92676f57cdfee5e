"""`motcua admin zalo connect|status|disconnect`: the Official Account the channel speaks for.

`connect` prints the permission address (OAuth v4 with PKCE and a random state), then reads one line: the
address Zalo redirected the administrator to, or the bare code. It exchanges the code for the token pair,
asks Zalo which OA it is, and stores it all. `status` says which OA, when its token expires and when a
webhook last came, never a token or a secret. `disconnect` forgets the tokens (Zalo has no revoke call).
"""

from __future__ import annotations

import argparse
import secrets
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TextIO
from urllib.parse import parse_qs, urlsplit

import aiohttp

from feedback.domain.deadlines import VIETNAM_TIME
from motcua import texts
from motcua.settings import Settings
from zalo.connection import ZaloConnection
from zalo.oa_client import OaClient, ZaloRefused, ZaloUnreachable
from zalo.oauth import OAuthRefused, OAuthUnreachable, ZaloOAuth
from zalo.pkce import new_pkce

EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2

Clock = Callable[[], datetime]


class ZaloCommandError(Exception):
    """A line to show the administrator, and the exit code."""

    def __init__(self, message: str, code: int = EXIT_REFUSED) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def add_parser(targets: Any) -> None:
    zalo = targets.add_parser("zalo", help=texts.HELP_ADMIN_ZALO).add_subparsers(
        dest="admin_action", required=True, metavar="ACTION"
    )
    connect = zalo.add_parser("connect", help=texts.HELP_ZALO_CONNECT)
    connect.add_argument("--redirect-uri", metavar="URL", help=texts.HELP_ZALO_REDIRECT)
    zalo.add_parser("status", help=texts.HELP_ZALO_STATUS)
    zalo.add_parser("disconnect", help=texts.HELP_ZALO_DISCONNECT)


class _FixedToken:
    """The token just obtained, for asking Zalo which OA it belongs to."""

    def __init__(self, token: str) -> None:
        self._token = token

    async def current(self) -> str:
        return self._token

    async def replace_rejected(self, token: str) -> str:
        return self._token


async def connect(
    settings: Settings,
    args: argparse.Namespace,
    uow_factory: Callable[[], Any],
    stdin: TextIO,
    out: TextIO,
    clock: Clock,
) -> list[str]:
    if not (settings.zalo_app_id and settings.zalo_app_secret):
        raise ZaloCommandError(texts.ERR_ZALO_NOT_CONFIGURED, EXIT_BAD_INPUT)
    redirect_uri = args.redirect_uri or settings.zalo_redirect_uri
    if not redirect_uri:
        raise ZaloCommandError(texts.ERR_ZALO_NO_REDIRECT, EXIT_BAD_INPUT)
    pkce = new_pkce()
    state = secrets.token_urlsafe(16)
    async with aiohttp.ClientSession() as session:
        oauth = ZaloOAuth(
            session,
            oauth_base=settings.zalo_oauth_base,
            app_id=settings.zalo_app_id,
            app_secret=settings.zalo_app_secret.get_secret_value(),
        )
        url = oauth.permission_url(redirect_uri=redirect_uri, code_challenge=pkce.challenge, state=state)
        print(texts.ZALO_CONNECT_STEPS.format(url=url, redirect_uri=redirect_uri), file=out, flush=True)
        code, oa_id = read_code(stdin.readline(), state)
        try:
            tokens = await oauth.exchange_code(code, pkce.verifier, at=clock())
        except OAuthRefused as error:
            raise ZaloCommandError(texts.ERR_ZALO_EXCHANGE.format(detail=error)) from None
        except OAuthUnreachable as error:
            raise ZaloCommandError(texts.ERR_ZALO_UNREACHABLE.format(detail=error)) from None
        client = OaClient(
            session, _FixedToken(tokens.access_token), api_base=settings.zalo_api_base, zns_base=settings.zalo_zns_base
        )
        try:
            profile = await client.profile()
            oa_id, name = profile.oa_id or oa_id or "", profile.name
        except (ZaloRefused, ZaloUnreachable):
            name = ""  # the tokens are what matter; the name shows again in status once Zalo answers
    async with uow_factory() as uow:
        await uow.zalo.connect(tokens, oa_id=oa_id or "", oa_name=name, at=clock())
        await uow.commit()
    return [texts.ZALO_CONNECTED.format(name=name or "?", oa_id=oa_id or "?", expires=_when(tokens.expires_at))]


def read_code(line: str, state: str) -> tuple[str, str | None]:
    """The code (and the OA id, when given) from the pasted redirect address or a bare code."""
    pasted = line.strip()
    if not pasted:
        raise ZaloCommandError(texts.ERR_ZALO_NO_CODE, EXIT_BAD_INPUT)
    if "?" not in pasted and "=" not in pasted:
        return pasted, None
    query = parse_qs(urlsplit(pasted).query if "?" in pasted else pasted)
    if "error" in query or "error_reason" in query:
        detail = (query.get("error_reason") or query.get("error") or [""])[0]
        raise ZaloCommandError(texts.ERR_ZALO_DENIED.format(detail=detail))
    if query.get("state", [None])[0] != state:
        raise ZaloCommandError(texts.ERR_ZALO_STATE, EXIT_BAD_INPUT)
    code = query.get("code", [""])[0]
    if not code:
        raise ZaloCommandError(texts.ERR_ZALO_NO_CODE, EXIT_BAD_INPUT)
    return code, query.get("oa_id", [None])[0]


async def status(
    settings: Settings,
    args: argparse.Namespace,
    uow_factory: Callable[[], Any],
    stdin: TextIO,
    out: TextIO,
    clock: Clock,
) -> list[str]:
    async with uow_factory() as uow:
        connection = await uow.zalo.get()
    lines = describe(connection or ZaloConnection(), clock())
    if connection is None or not connection.connected:
        raise ZaloCommandError("\n".join(lines))
    return lines


def describe(connection: ZaloConnection, now: datetime) -> list[str]:
    """What an administrator needs to know, and nothing secret."""
    lines = []
    if connection.connected:
        assert connection.expires_at is not None and connection.connected_at is not None
        lines.append(
            texts.ZALO_STATUS_OA.format(
                name=connection.oa_name or "?", oa_id=connection.oa_id or "?", connected=_when(connection.connected_at)
            )
        )
        late = texts.ZALO_STATUS_EXPIRED if connection.expires_at <= now else ""
        lines.append(texts.ZALO_STATUS_EXPIRES.format(expires=_when(connection.expires_at), late=late))
        if connection.renewed_at is not None:
            lines.append(texts.ZALO_STATUS_RENEWED.format(renewed=_when(connection.renewed_at)))
        else:
            lines.append(texts.ZALO_STATUS_NEVER_RENEWED)
        if connection.renewal_failures:
            lines.append(
                texts.ZALO_STATUS_FAILURES.format(count=connection.renewal_failures, error=connection.renewal_error)
            )
    else:
        lines.append(texts.ZALO_NOT_CONNECTED)
    if connection.last_webhook_at is not None:
        lines.append(texts.ZALO_STATUS_WEBHOOK.format(at=_when(connection.last_webhook_at)))
    else:
        lines.append(texts.ZALO_STATUS_NO_WEBHOOK)
    return lines


async def disconnect(
    settings: Settings,
    args: argparse.Namespace,
    uow_factory: Callable[[], Any],
    stdin: TextIO,
    out: TextIO,
    clock: Clock,
) -> list[str]:
    async with uow_factory() as uow:
        was = await uow.zalo.disconnect()
        await uow.commit()
    return [texts.ZALO_DISCONNECTED if was else texts.ZALO_WAS_NOT_CONNECTED]


def _when(at: datetime) -> str:
    return at.astimezone(VIETNAM_TIME).strftime("%d/%m/%Y %H:%M")


def utc_now() -> datetime:
    return datetime.now(UTC)


Handler = Callable[[Settings, argparse.Namespace, Callable[[], Any], TextIO, TextIO, Clock], Awaitable[list[str]]]

HANDLERS: dict[str, Handler] = {"connect": connect, "status": status, "disconnect": disconnect}
