"""`motcua admin apikey add|list|revoke`: the Open311 clients' API keys.

The key is printed once, when issued, and stored only as its digest: a lost key is revoked and a new
one issued. Revoking keeps the client's row (its items' audit trail names it), so a name is never reused.
"""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from typing import Any

from feedback.domain.api_keys import ApiClient, normalise_client_name
from feedback.domain.deadlines import VIETNAM_TIME
from feedback.service_layer.api_key_service import ApiKeyService
from motcua import texts


def add_parser(targets: Any) -> None:
    """`apikey` and its actions, on the `motcua admin` targets."""
    apikey = targets.add_parser("apikey", help=texts.HELP_ADMIN_APIKEY).add_subparsers(
        dest="admin_action", required=True, metavar="ACTION"
    )
    apikey.add_parser("add", help=texts.HELP_APIKEY_ADD).add_argument(
        "name", metavar="NAME", help=texts.HELP_APIKEY_NAME
    )
    apikey.add_parser("list", help=texts.HELP_APIKEY_LIST)
    apikey.add_parser("revoke", help=texts.HELP_APIKEY_REVOKE).add_argument(
        "name", metavar="NAME", help=texts.HELP_APIKEY_NAME
    )


async def apikey_add(service: ApiKeyService, args: argparse.Namespace) -> list[str]:
    client, key = await service.issue(args.name)
    return [texts.APIKEY_ADDED.format(name=client.name), key]


async def apikey_list(service: ApiKeyService, _args: argparse.Namespace) -> list[str]:
    clients = await service.clients()
    return [format_client(client) for client in clients] if clients else [texts.NO_APIKEYS]


def format_client(client: ApiClient) -> str:
    """kiosk-mot-cua · cấp 23/11/2026 08:00 · đang dùng"""
    issued = client.created_at.astimezone(VIETNAM_TIME).strftime("%d/%m/%Y %H:%M")
    if client.revoked_at is None:
        return texts.APIKEY_ACTIVE.format(name=client.name, issued=issued)
    revoked = client.revoked_at.astimezone(VIETNAM_TIME).strftime("%d/%m/%Y %H:%M")
    return texts.APIKEY_REVOKED_LINE.format(name=client.name, issued=issued, revoked=revoked)


async def apikey_revoke(service: ApiKeyService, args: argparse.Namespace) -> list[str]:
    changed = await service.revoke(args.name)
    text = texts.APIKEY_REVOKED if changed else texts.APIKEY_ALREADY_REVOKED
    return [text.format(name=normalise_client_name(args.name))]


HANDLERS: dict[str, Callable[[ApiKeyService, argparse.Namespace], Awaitable[list[str]]]] = {
    "add": apikey_add,
    "list": apikey_list,
    "revoke": apikey_revoke,
}
