"""`/zalo/webhook` over HTTP, driven by the Zalo stand-in's person: signed events reach the dialogue as its
events; anything unsigned, wrongly signed, stale or altered is refused and nothing is handled."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta

import pytest

from dialogue.events import Choose, ContactShared, FileKind, FileShared, Followed, LocationShared, Text, Unsupported
from dialogue.replies import Choice, Reply
from stand_ins.zalo_oa import SentMessage
from tests.manual_clock import Clock
from tests.zalo_world import webhook_world
from zalo.rendering import render
from zalo.signature import HEADER, signature


async def test_every_kind_of_event_a_person_sends_reaches_the_dialogue_as_its_event(clock: Clock) -> None:
    async with webhook_world(clock) as world:
        citizen = world.citizen
        assert await citizen.follow() == 200
        assert await citizen.send_text("cấp lại căn cước") == 200
        assert await citizen.send_image("https://photo.zdn.vn/o-ga.jpg", caption="ổ gà") == 200
        assert await citizen.send_file("https://f.zdn.vn/don.pdf", "don.pdf") == 200
        assert await citizen.send_sticker() == 200
        assert await citizen.send_location("21.0285", "105.8542", "Hồ Gươm") == 200
        assert (
            await citizen.submit_info(name="Trần Văn Nam", phone="84912345678", address="5 Lê Lợi", city="Huế") == 200
        )
        assert await citizen.unfollow() == 200
    events = [inbound.event for inbound in world.dialogue.handled]
    assert events == [
        Followed(),
        Text("cấp lại căn cước"),
        FileShared(kind=FileKind.PHOTO, ref="https://photo.zdn.vn/o-ga.jpg", caption="ổ gà"),
        events[3],
        Unsupported("sticker"),
        LocationShared(latitude=21.0285, longitude=105.8542, title="Hồ Gươm"),
        ContactShared(phone="0912345678", name="Trần Văn Nam", address="5 Lê Lợi, Huế"),
    ]
    assert isinstance(events[3], FileShared) and events[3].name == "don.pdf"
    assert {inbound.account.user_id for inbound in world.dialogue.handled} == {citizen.user_id}
    assert world.dialogue.heard  # the last webhook time was recorded


async def test_a_press_on_a_button_the_oa_sent_comes_back_as_the_choice(clock: Clock) -> None:
    async with webhook_world(clock) as world:
        citizen = world.citizen
        reply = Reply("Bạn muốn gửi gì?", buttons=((Choice("type:pakn", "Phản ánh"), Choice("type:kn", "Kiến nghị")),))
        # What the sender would have sent, recorded as the stand-in records a sent message.
        world.oa.sent.append(SentMessage(citizen.user_id, render(reply)[0], "m1", clock()))
        assert await citizen.press("Kiến nghị") == 200
    assert [inbound.event for inbound in world.dialogue.handled] == [Choose("type:kn")]


async def test_a_resent_event_carries_the_same_event_id_for_the_dialogue_to_act_once(clock: Clock) -> None:
    async with webhook_world(clock) as world:
        await world.citizen.send_text("xin chào")
        clock.advance(minutes=35)  # Zalo's retries keep the original body and timestamp
        assert await world.citizen.resend_last() == 200
    first, second = world.dialogue.handled
    assert first.event_id == second.event_id and first.event_id


@pytest.mark.parametrize(
    ("tamper", "status"),
    [("missing", 401), ("bad", 403), ("other key", 403), ("altered", 403), ("stale", 403)],
)
async def test_a_request_failing_the_signature_is_refused_logged_and_nothing_is_handled(
    clock: Clock, tamper: str, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    async with webhook_world(clock) as world:
        citizen = world.citizen
        world.oa.interacted(citizen.user_id)
        event = citizen.event("user_send_text", {"text": "chuyển khoản cho tôi"})
        body, headers = citizen.signed(event)
        if tamper == "missing":
            headers = {}
        elif tamper == "bad":
            headers = {HEADER: "mac=" + "ab" * 32}
        elif tamper == "other key":
            headers = {HEADER: signature(world.oa.app_id, body, event["timestamp"], world.oa.app_secret)}
        elif tamper == "altered":
            body = body.replace("chuyển khoản".encode(), "đã chuyển".encode())
        elif tamper == "stale":
            clock.advance(hours=3, minutes=1)
        with caplog.at_level(logging.WARNING, logger="zalo.webhook"):
            assert await citizen.post_raw(body, headers) == status
    assert world.dialogue.handled == [] and world.dialogue.heard == []
    refused = [record for record in caplog.records if record.getMessage() == "zalo webhook refused"]
    assert len(refused) == 1
    logged = json.dumps(vars(refused[0]), default=str, ensure_ascii=False)
    assert world.oa.oa_secret_key not in logged and "chuyển khoản" not in logged


async def test_echoes_and_receipts_are_answered_at_once_and_not_handled(clock: Clock) -> None:
    async with webhook_world(clock) as world:
        citizen = world.citizen
        for name in ("oa_send_text", "user_seen_message", "user_received_message"):
            body, headers = citizen.signed(citizen.event(name, {"text": "echo"}))
            assert await citizen.post_raw(body, headers) == 200
    assert world.dialogue.handled == []


async def test_a_dialogue_that_fails_gets_500_so_zalo_sends_the_event_again(clock: Clock) -> None:
    async with webhook_world(clock) as world:
        world.dialogue.failing = True
        assert await world.citizen.send_text("xin chào") == 500
        world.dialogue.failing = False
        assert await world.citizen.resend_last() == 200
    assert [inbound.event for inbound in world.dialogue.handled] == [Text("xin chào")]


async def test_a_dialogue_still_working_at_the_deadline_gets_503_and_finishes_anyway(clock: Clock) -> None:
    async with webhook_world(clock, ack_deadline=0.05) as world:
        world.dialogue.gate = asyncio.Event()
        assert await world.citizen.send_text("xin chào") == 503
        assert world.dialogue.handled == []
        world.dialogue.gate.set()
        await world.webhook.drain()
        assert [inbound.event for inbound in world.dialogue.handled] == [Text("xin chào")]


async def test_the_last_webhook_time_is_recorded_at_most_once_a_minute(clock: Clock) -> None:
    async with webhook_world(clock) as world:
        for _ in range(3):
            await world.citizen.send_text("a")
        clock.advance(minutes=1)
        await world.citizen.send_text("b")
    assert world.dialogue.heard == [clock() - timedelta(minutes=1), clock()]
