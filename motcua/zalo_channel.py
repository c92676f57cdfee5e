"""The Zalo channel assembled from the settings: the webhook on the web application, the sender for the
delivery loop, the token kept fresh in the background (a `BackgroundLoop`).

`build_zalo` is called while the web application is being built (aiohttp freezes the routes when it
starts); it returns None, having said so in one line, when the Zalo settings are not all there. `start`
runs the renewal loop, `stop` ends it and closes the HTTP session.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import aiohttp
from aiohttp import web

from background.loop import BackgroundLoop
from delivery.ports import NoticeRef
from feedback.service_layer.feedback_service import FeedbackService, UnknownTrackingCode
from motcua import texts
from motcua.settings import Settings
from storage.unit_of_work import SqlUnitOfWork
from zalo.oa_client import OaClient
from zalo.oauth import ZaloOAuth
from zalo.sender import ZaloSender
from zalo.tokens import TokenKeeper
from zalo.webhook import Handle, ZaloWebhook, add_route
from zalo.zns import NoticePhones, ZnsTemplates

log = logging.getLogger(__name__)

RENEWAL_CHECK_EVERY = 60.0  # seconds between looks at the token's expiry when nothing is being sent


class ItemPhones:
    """The phone a citizen gave with their item: what a ZNS template is sent to outside Zalo's window."""

    def __init__(self, feedback: FeedbackService) -> None:
        self._feedback = feedback

    async def phone_for(self, notice: NoticeRef) -> str | None:
        try:
            item = await self._feedback.item(notice.code)
        except UnknownTrackingCode:
            return None
        return item.contact.phone


@dataclass
class ZaloChannel:
    session: aiohttp.ClientSession
    tokens: TokenKeeper
    sender: ZaloSender
    webhook: ZaloWebhook
    renewal: BackgroundLoop = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # A stop lets a renewal under way finish: a spent refresh token whose new pair is not stored cuts the OA off.
        self.renewal = BackgroundLoop("zalo token renewal", self.tokens.renew_if_due, every=RENEWAL_CHECK_EVERY)

    def start(self) -> None:
        self.renewal.start()

    async def stop(self) -> None:
        await self.renewal.stop()
        await self.webhook.drain()
        await self.session.close()


def build_zalo(
    settings: Settings,
    uow_factory: Callable[[], SqlUnitOfWork],
    app: web.Application,
    *,
    handle: Handle,
    phones: NoticePhones | None,
) -> ZaloChannel | None:
    """The channel with its webhook mounted on `app` at /zalo/webhook; None (and one log line) when off."""
    if not settings.zalo_enabled:
        log.warning(texts.ZALO_OFF)
        return None
    assert settings.zalo_app_id and settings.zalo_app_secret and settings.zalo_oa_secret_key
    session = aiohttp.ClientSession()
    oauth = ZaloOAuth(
        session,
        oauth_base=settings.zalo_oauth_base,
        app_id=settings.zalo_app_id,
        app_secret=settings.zalo_app_secret.get_secret_value(),
    )
    holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    tokens = TokenKeeper(uow_factory, oauth, holder=holder)
    client = OaClient(session, tokens, api_base=settings.zalo_api_base, zns_base=settings.zalo_zns_base)
    sender = ZaloSender(client, templates=ZnsTemplates(settings.zalo_zns_templates), phones=phones)

    async def webhook_received(at: datetime) -> None:
        async with uow_factory() as uow:
            await uow.zalo.webhook_received(at)
            await uow.commit()

    webhook = ZaloWebhook(
        handle,
        app_id=settings.zalo_app_id,
        oa_secret_key=settings.zalo_oa_secret_key.get_secret_value(),
        webhook_received=webhook_received,
    )
    add_route(app, webhook)
    return ZaloChannel(session=session, tokens=tokens, sender=sender, webhook=webhook)
