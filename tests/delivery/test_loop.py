"""The delivery loop on SQLite and PostgreSQL: every row sent once and in order per recipient, whatever the
channel answers: a retry after a while, a pause of the whole channel, a program error, a person who blocked
the account, a person outside the channel's window."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from delivery.loop import DeliveryLoop
from delivery.ports import ChannelLimits, Claim, HoldUntilContact, RetryLater, Undeliverable
from dialogue.engine import Dialogue
from dialogue.replies import Choice
from dialogue.router import Router
from dialogue.turn import Services, Turn
from monitoring import metrics
from monitoring.heartbeats import Heartbeats
from motcua.deliveries import Deliveries
from storage.channel_outbox import SqlOutboxStore
from tests.delivery.conftest import ScriptedSender, eventually
from text_channel.channel import TextChannel
from text_channel.sender import TextSender


@pytest.fixture
def sender() -> ScriptedSender:
    return ScriptedSender()


@pytest.fixture
async def loop(store: SqlOutboxStore, sender: ScriptedSender) -> AsyncIterator[DeliveryLoop]:
    loop = DeliveryLoop(store, sender, poll_every=0.05, program_error_wait=0.05)
    loop.start()
    yield loop
    await loop.stop()


async def test_every_row_goes_once_and_in_order_per_recipient(queue, loop, sender: ScriptedSender) -> None:
    await queue(*[(f"p{n % 7}", f"p{n % 7} #{n // 7}") for n in range(70)])
    loop.nudge()
    await eventually(lambda: len(sender.delivered) == 70)
    for person in range(7):
        assert sender.heard(f"p{person}") == [f"p{person} #{n}" for n in range(10)]
    assert len(sender.attempts) == 70


async def test_a_message_told_to_wait_goes_later_and_the_recipients_next_waits_behind_it(
    queue, loop, sender: ScriptedSender
) -> None:
    sender.script["an 1"] = [RetryLater(0.3, "429: retry after 1"), RetryLater(0.1, "502 Bad Gateway")]
    await queue(("an", "an 1"), ("an", "an 2"), ("binh", "binh 1"))
    loop.nudge()
    await eventually(lambda: len(sender.delivered) == 3)
    assert sender.heard("an") == ["an 1", "an 2"]
    assert [text for who, text in sender.attempts if who == "an"] == ["an 1", "an 1", "an 1", "an 2"]


async def test_a_whole_channel_pause_delays_everything_and_loses_nothing(
    queue, store: SqlOutboxStore, loop, sender: ScriptedSender
) -> None:
    sender.script["p0 #0"] = [RetryLater(0.5, "429: too many requests", whole_channel=True)]
    await queue(*[(f"p{n % 20}", f"p{n % 20} #{n // 20}") for n in range(60)])
    loop.nudge()
    await eventually(lambda: len(sender.delivered) == 60)
    await eventually(lambda: loop_idle(loop))
    assert sorted(sender.delivered) == sorted(set(sender.delivered))
    counts = await store.counts("text", now=datetime.now(UTC))
    assert (counts.waiting, counts.held, counts.undeliverable) == (0, 0, 0)


async def test_a_sender_that_raises_loses_nothing(queue, loop, sender: ScriptedSender, caplog) -> None:
    sender.script["an 1"] = [KeyError("reply_markup")]
    errors = metrics.DELIVERY_OUTCOMES.labels(channel="text", outcome="error")
    before = errors._value.get()
    await queue(("an", "an 1"), ("an", "an 2"))
    loop.nudge()
    await eventually(lambda: len(sender.delivered) == 2)
    assert sender.heard("an") == ["an 1", "an 2"]
    assert errors._value.get() == before + 1
    assert any("sender failed" in record.getMessage() and record.exc_info for record in caplog.records)


async def test_an_undeliverable_message_is_counted_and_the_next_still_goes(
    queue, store: SqlOutboxStore, loop, sender: ScriptedSender
) -> None:
    sender.script["an 1"] = [Undeliverable("Forbidden: bot was blocked by the user")]
    undeliverable = metrics.DELIVERY_OUTCOMES.labels(channel="text", outcome="undeliverable")
    before = undeliverable._value.get()
    await queue(("an", "an 1"), ("an", "an 2"))
    loop.nudge()
    await eventually(lambda: sender.heard("an") == ["an 2"])
    await eventually(lambda: loop_idle(loop))
    assert undeliverable._value.get() == before + 1
    assert (await store.counts("text", now=datetime.now(UTC))).undeliverable == 1


async def written_again(uow_factory, recipient: str) -> None:
    """The person wrote: the dialogue takes what was held for them and queues it again (dialogue.engine)."""
    async with uow_factory() as uow:
        await uow.outbox.add(await uow.outbox.take_held("text", recipient))
        await uow.commit()


async def test_a_held_message_goes_when_the_person_writes_again(
    queue, uow_factory, store: SqlOutboxStore, loop, sender: ScriptedSender
) -> None:
    sender.script["notice"] = [HoldUntilContact("outside the consultation window")]
    await queue(("an", "notice"))
    loop.nudge()
    await eventually(lambda: len(sender.attempts) == 1)
    await eventually(lambda: loop_idle(loop))
    assert (await store.counts("text", now=datetime.now(UTC))).held == 1
    assert sender.delivered == []
    await written_again(uow_factory, "an")
    assert (await store.counts("text", now=datetime.now(UTC))).held == 0
    loop.nudge()
    await eventually(lambda: sender.heard("an") == ["notice"])


def loop_idle(loop: DeliveryLoop) -> bool:
    return not loop._sending


async def test_a_nudge_wakes_a_loop_that_would_otherwise_sleep(queue, store: SqlOutboxStore) -> None:
    sender = ScriptedSender()
    sleepy = DeliveryLoop(store, sender, poll_every=3600)
    sleepy.start()
    try:
        await queue(("an", "an 1"))
        sleepy.nudge()
        await eventually(lambda: sender.heard("an") == ["an 1"])
    finally:
        await sleepy.stop()


async def test_the_text_channel_delivers_what_the_dialogue_answered(uow_factory, store: SqlOutboxStore) -> None:
    router = Router()

    async def offer(turn: Turn) -> None:
        turn.say("<b>Chào</b> bạn", [[Choice("c:a", "Tra cứu"), Choice("c:b", "Gửi phản ánh")]])
        turn.say("Thêm một câu")

    router.fallback(offer)
    channel = TextChannel(Dialogue(uow_factory, router, Services(catalog=None)))  # type: ignore[arg-type]
    answered = await channel.send("lan", "xin chào")
    sender = TextSender()
    await DeliveryLoop(store, sender).drain()
    assert sender.take("lan") == answered and len(answered) == 2
    assert sender.take("lan") == []


async def test_the_served_deliveries_report_to_health_and_send_held_notices_queued_again(
    queue, uow_factory, session_factory
) -> None:
    heartbeats = Heartbeats()
    sender = ScriptedSender(script={"notice": [HoldUntilContact("outside the window")]})
    deliveries = Deliveries(session_factory, [sender], heartbeats=heartbeats, poll_every=0.05)
    deliveries.start()
    try:
        await queue(("an", "notice"))
        deliveries.nudge("text")
        deliveries.nudge("zalo")  # a channel that is off: nothing to wake
        await eventually(lambda: len(sender.attempts) == 1)
        await eventually(lambda: not deliveries.loops["text"]._sending)
        await written_again(uow_factory, "an")
        deliveries.nudge("text")
        await eventually(lambda: sender.heard("an") == ["notice"])
    finally:
        await deliveries.stop()
    (status,) = heartbeats.loops()
    assert status.name == "text_delivery" and status.last_run is not None and status.last_error is None


async def test_sends_finishing_one_after_another_are_followed_by_few_claims_not_one_each(
    queue, session_factory
) -> None:
    """Each finished send makes its recipient's next row due; that row waits for the recipient's pace anyway,
    so the claims that take them gather the sends finished meanwhile."""

    class CountedStore(SqlOutboxStore):
        claims = 0

        async def claim(self, channel: str, *, now: datetime, until: datetime, limit: int) -> list[Claim]:
            claimed = await super().claim(channel, now=now, until=until, limit=limit)
            if claimed:
                CountedStore.claims += 1
            return claimed

    sender = ScriptedSender(limits=ChannelLimits(per_second=20.0, per_recipient_per_second=1.0))  # like Zalo
    loop = DeliveryLoop(CountedStore(session_factory), sender, poll_every=5.0)
    await queue(*[(f"p{n % 10}", f"p{n % 10} #{n // 10}") for n in range(20)])
    loop.start()
    try:
        loop.nudge()
        await eventually(lambda: len(sender.delivered) == 20)
    finally:
        await loop.stop()
    assert all(sender.heard(f"p{person}") == [f"p{person} #0", f"p{person} #1"] for person in range(10))
    assert CountedStore.claims <= 5  # one claim for each send finished would be eleven
