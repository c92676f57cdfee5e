"""Behind a reverse proxy: the client's address and scheme, believed only from the proxies we trust.

Without this, every officer behind nginx is one address (the login limit per address would lock them all
out together) and every request is plain http (the session cookie could never be `Secure`). The
forwarding headers are believed only when the connection comes from a trusted proxy (an address or a
network of the `MOTCUA_TRUSTED_PROXIES` setting); anyone else who sends them is ignored, so no client
can claim another address. `X-Forwarded-For` / `-Proto` / `-Host` are read by aiohttp-remotes
(`XForwardedFiltered`: the right-most address not of a trusted proxy is the client); RFC 7239's
`Forwarded`, which aiohttp parses itself, is walked the same way when the X- headers are absent.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from aiohttp import hdrs, web
from aiohttp_remotes import XForwardedFiltered
from aiohttp_remotes.exceptions import IPAddress, IPNetwork, UntrustedIP
from aiohttp_remotes.utils import check_ip, parse_trusted_element

from web import texts
from web.json_body import json_error

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def parse_trusted(setting: str) -> list[str]:
    """'127.0.0.1, 10.0.0.0/8' as a list; raises ValueError for an entry that is no address or network."""
    entries = [entry.strip() for entry in setting.replace(";", ",").split(",") if entry.strip()]
    parse_trusted_element(entries)
    return entries


class TrustedProxies:
    def __init__(self, trusted: Iterable[str]) -> None:
        self._trusted: list[IPAddress | IPNetwork] = parse_trusted_element(list(trusted))
        self._x_forwarded = XForwardedFiltered(self._trusted)

    def trusts(self, address: str | None) -> bool:
        if not address or not self._trusted:
            return False
        try:
            check_ip(self._trusted, ipaddress.ip_address(address))
        except (ValueError, UntrustedIP):
            return False
        return True

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.trusts(_peer(request)):
            return await handler(request)
        try:
            if hdrs.X_FORWARDED_FOR in request.headers:
                return await self._x_forwarded.middleware(request, handler)
            if request.forwarded:
                return await handler(request.clone(**self._from_forwarded(request.forwarded)))
        except web.HTTPBadRequest as error:
            if error.content_type == "application/json":
                raise
            raise json_error(web.HTTPBadRequest, texts.BAD_FORWARDED) from None
        return await handler(request)

    def _from_forwarded(self, elements: tuple[Mapping[str, str], ...]) -> dict[str, Any]:
        """The right-most hop that is not one of our proxies; its scheme and host, else the nearest given."""
        chosen: Mapping[str, str] = {}
        for element in reversed(elements):
            address = _address(element.get("for", ""))
            if address is None:
                raise web.HTTPBadRequest()
            chosen = element
            if not self.trusts(str(address)):
                break
        overrides: dict[str, Any] = {}
        if chosen:
            overrides["remote"] = str(_address(chosen.get("for", "")))
        for name, key in (("scheme", "proto"), ("host", "host")):
            value = chosen.get(key) or next((e[key] for e in reversed(elements) if e.get(key)), None)
            if value:
                overrides[name] = value
        return overrides


def _peer(request: web.Request) -> str | None:
    """The address of the connection itself (not `request.remote`, which a proxy's headers may change)."""
    transport = request.transport
    peer = transport.get_extra_info("peername") if transport is not None else None
    return peer[0] if isinstance(peer, tuple | list) and peer else None


def _address(value: str) -> IPAddress | None:
    """'192.0.2.1', '"[2001:db8::1]:4711"' or '192.0.2.1:80' as an address; None for obfuscated or bad ones."""
    value = value.strip('"')
    if value.startswith("["):
        value = value[1 : value.find("]")] if "]" in value else ""
    elif value.count(":") == 1:
        value = value.split(":")[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None
