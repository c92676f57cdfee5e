"""The Zalo channel as `motcua serve` assembles it (`motcua.zalo_channel.build_zalo`): a signed event through
the mounted webhook reaches the dialogue, the dialogue's reply goes out through the sender with the token
from the database, and the last webhook time is stored for `motcua admin zalo status`."""

from __future__ import annotations

import logging
from collections.abc import Callable

import aiohttp
import pytest
from aiohttp import web

from delivery.ports import Delivered, OutgoingMessage
from dialogue.events import Inbound, Text
from dialogue.replies import Reply
from motcua import texts
from motcua.settings import Settings
from motcua.zalo_channel import build_zalo
from stand_ins.zalo_oa import LocalZaloOa
from stand_ins.zalo_user import ZaloUser
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.web_office import build_web_office
from tests.zalo_world import serve
from zalo.webhook import PATH


def zalo_settings(oa: LocalZaloOa) -> Settings:
    return Settings(
        _env_file=None,
        zalo_app_id=oa.app_id,
        zalo_app_secret=oa.app_secret,
        zalo_oa_secret_key=oa.oa_secret_key,
        zalo_api_base=oa.api_base,
        zalo_oauth_base=oa.oauth_base,
        zalo_zns_base=oa.zns_base,
    )


async def test_an_event_in_and_the_reply_out_through_the_assembled_channel(
    uow_factory: Callable[[], SqlUnitOfWork],
) -> None:
    async with LocalZaloOa() as oa:
        async with uow_factory() as uow:
            await uow.zalo.connect(oa.issue_tokens(), oa_id=oa.oa_id, oa_name=oa.oa_name, at=oa.clock())
            await uow.commit()
        outbox: list[OutgoingMessage] = []

        async def handle(inbound: Inbound) -> None:  # what Dialogue.handle will do: queue the reply
            assert isinstance(inbound.event, Text)
            reply = Reply(f"Bạn vừa gửi: {inbound.event.text}")
            outbox.append(OutgoingMessage(len(outbox) + 1, "zalo", inbound.account.reply_to, reply))

        app = web.Application()
        channel = build_zalo(zalo_settings(oa), uow_factory, app, handle=handle, phones=None)
        assert channel is not None
        channel.start()
        try:
            async with serve(app) as base, aiohttp.ClientSession() as session:
                citizen = ZaloUser(oa, base + PATH, session)
                assert await citizen.send_text("mất giấy khai sinh") == 200
                await channel.webhook.drain()
                (message,) = outbox
                assert isinstance(await channel.sender.send(message), Delivered)
        finally:
            await channel.stop()
        assert [sent.text for sent in oa.messages_to(citizen.user_id)] == ["Bạn vừa gửi: mất giấy khai sinh"]
        async with uow_factory() as uow:
            stored = await uow.zalo.get()
        assert stored is not None and stored.last_webhook_at is not None


async def test_without_the_zalo_settings_the_channel_is_off_and_says_so_once(
    uow_factory: Callable[[], SqlUnitOfWork], caplog: pytest.LogCaptureFixture
) -> None:
    async def ignore(_event: object) -> None:
        raise AssertionError("nothing may be handled")

    with caplog.at_level(logging.WARNING, logger="motcua.zalo_channel"):
        channel = build_zalo(
            Settings(_env_file=None, zalo_app_id="123"),
            uow_factory,
            web.Application(),
            handle=ignore,
            phones=None,
        )
    assert channel is None
    assert [record.getMessage() for record in caplog.records] == [texts.ZALO_OFF]


async def test_the_webhook_on_the_officers_web_app_is_public_and_guarded_by_its_signature_alone(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock
) -> None:
    world = await build_web_office(uow_factory, clock)
    handled: list[Inbound] = []

    async def handle(inbound: Inbound) -> None:
        handled.append(inbound)

    async with LocalZaloOa() as oa:  # Zalo's clock and the webhook's: the real one
        channel = build_zalo(zalo_settings(oa), uow_factory, world.app, handle=handle, phones=None)
        assert channel is not None
        try:
            async with serve(world.app) as base, aiohttp.ClientSession() as session:
                citizen = ZaloUser(oa, base + PATH, session)
                assert await citizen.send_text("đèn đường hỏng") == 200  # no session, no CSRF token: Zalo has none
                body, _headers = citizen.signed(citizen.event("user_send_text", {"text": "giả mạo"}))
                assert await citizen.post_raw(body, {}) == 401
        finally:
            await channel.stop()
    assert [inbound.event for inbound in handled] == [Text("đèn đường hỏng")]
