"""The channel outbox as delivery reads it, on SQLite and PostgreSQL: one row per recipient at a time, in
order; leases that keep two holders apart; outcomes recorded only by the holder; held rows released when
the person writes again; the counts health shows."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from delivery.ports import Claim, NoticeRef
from dialogue.conversation import Conversation
from dialogue.ports import ConversationChanged, NewMessage
from dialogue.replies import Choice, Reply
from storage.channel_outbox import SqlOutboxStore
from storage.dialogue_models import OutboxRecord

LEASE = timedelta(seconds=60)


@pytest.fixture
def store(session_factory) -> SqlOutboxStore:
    return SqlOutboxStore(session_factory)


async def queue(uow_factory, *messages: tuple[str, str]) -> None:
    """(recipient, text) rows on the text channel, in this order."""
    async with uow_factory() as uow:
        await uow.outbox.add([NewMessage("text", recipient, Reply(text)) for recipient, text in messages])
        await uow.commit()


def soon() -> datetime:
    """A moment after every row queued so far (rows are due from the real time they were queued)."""
    return datetime.now(UTC) + timedelta(seconds=1)


def texts(claims: list[Claim]) -> list[str]:
    return [claim.message.reply.text for claim in claims]


async def test_a_claim_takes_each_recipients_oldest_row_and_the_next_waits_for_its_outcome(
    uow_factory, store: SqlOutboxStore
) -> None:
    await queue(uow_factory, ("an", "an 1"), ("binh", "binh 1"), ("an", "an 2"), ("an", "an 3"))
    now = soon()
    first = await store.claim("text", now=now, until=now + LEASE, limit=10)
    assert texts(first) == ["an 1", "binh 1"]
    assert await store.claim("text", now=now, until=now + LEASE, limit=10) == []  # claimed, and an 2 waits
    assert await store.delivered(first[0], ("m1",), now=now)
    assert texts(await store.claim("text", now=now, until=now + LEASE, limit=10)) == ["an 2"]
    assert await store.claim("zalo", now=now, until=now + LEASE, limit=10) == []  # another channel's outbox


async def test_a_retried_row_keeps_the_recipients_later_rows_behind_it(uow_factory, store: SqlOutboxStore) -> None:
    await queue(uow_factory, ("an", "an 1"), ("an", "an 2"))
    now = soon()
    (claim,) = await store.claim("text", now=now, until=now + LEASE, limit=10)
    assert await store.retry(claim, at=now + timedelta(seconds=5), reason="429: retry after 5")
    assert await store.claim("text", now=now + timedelta(seconds=4), until=now + LEASE, limit=10) == []
    later = now + timedelta(seconds=5)
    (again,) = await store.claim("text", now=later, until=later + LEASE, limit=10)
    assert again.message.id == claim.message.id and again.attempts == 1


async def test_a_lapsed_lease_lets_another_holder_in_and_the_first_can_no_longer_record(
    uow_factory, store: SqlOutboxStore
) -> None:
    await queue(uow_factory, ("an", "an 1"))
    now = soon()
    (first,) = await store.claim("text", now=now, until=now + LEASE, limit=10)
    after = now + LEASE
    (second,) = await store.claim("text", now=after, until=after + LEASE, limit=10)
    assert second.message.id == first.message.id
    assert not await store.delivered(first, ("late",), now=after)
    assert await store.delivered(second, ("m1",), now=after)
    assert not await store.retry(second, at=after, reason="twice")  # settled: nobody holds it any more
    counts = await store.counts("text", now=after)
    assert (counts.waiting, counts.due, counts.held, counts.undeliverable) == (0, 0, 0, 0)


async def test_held_rows_wait_for_the_person_and_go_first_when_they_write(uow_factory, store: SqlOutboxStore) -> None:
    await queue(uow_factory, ("an", "notice"), ("binh", "binh 1"))
    now = soon()
    notice, _ = await store.claim("text", now=now, until=now + LEASE, limit=10)
    assert await store.hold(notice, "outside the consultation window")
    await queue(uow_factory, ("an", "reply"))
    now = soon()
    counts = await store.counts("text", now=now)
    assert (counts.waiting, counts.held) == (2, 1)
    assert texts(await store.claim("text", now=now, until=now + LEASE, limit=10)) == ["reply"]

    async with uow_factory() as uow:  # they wrote: the dialogue takes their held rows to queue them again
        assert [message.reply.text for message in await uow.outbox.take_held("text", "an")] == ["notice"]
        assert await uow.outbox.take_held("text", "an") == []
        assert await uow.outbox.take_held("text", "binh") == []
        await uow.commit()
    assert (await store.counts("text", now=now)).held == 0


async def test_a_row_refused_while_its_person_was_writing_goes_again_rather_than_wait_for_their_next_message(
    uow_factory, store: SqlOutboxStore
) -> None:
    await queue(uow_factory, ("an", "notice"))
    now = soon()
    (notice,) = await store.claim("text", now=now, until=now + LEASE, limit=10)
    async with uow_factory() as uow:  # an writes while the notice is in flight: their turn finds nothing held
        assert await uow.outbox.take_held("text", "an") == []
        await uow.conversations.save("text", "an", Conversation(), version=None)
        await uow.commit()
    assert await store.hold(notice, "outside the consultation window")  # the refusal predates their message
    counts = await store.counts("text", now=now)
    assert (counts.waiting, counts.held) == (1, 0)
    later = soon() + timedelta(seconds=2)
    (again,) = await store.claim("text", now=later, until=later + LEASE, limit=10)
    assert again.message.id == notice.message.id and again.attempts == 1


async def test_a_hold_marks_the_persons_conversation_for_their_next_turn_and_one_that_read_before_answers_again(
    uow_factory, store: SqlOutboxStore
) -> None:
    async with uow_factory() as uow:
        await uow.conversations.save("text", "an", Conversation(), version=None)
        await uow.commit()
    async with uow_factory() as uow:
        before = await uow.conversations.load("text", "an")
    assert before is not None and not before.held
    await queue(uow_factory, ("an", "notice"))
    now = soon()
    (notice,) = await store.claim("text", now=now, until=now + LEASE, limit=10)
    assert await store.hold(notice, "outside the consultation window")
    async with uow_factory() as uow:  # a turn of theirs that read the conversation before the hold
        with pytest.raises(ConversationChanged):
            await uow.conversations.save("text", "an", before.conversation, version=before.version)
    async with uow_factory() as uow:  # answered again, it finds the mark and takes what is held
        again = await uow.conversations.load("text", "an")
        assert again is not None and again.held
        assert [message.reply.text for message in await uow.outbox.take_held("text", "an")] == ["notice"]
        await uow.conversations.save("text", "an", again.conversation, version=again.version, took_held=True)
        await uow.commit()
    async with uow_factory() as uow:
        after = await uow.conversations.load("text", "an")
        assert after is not None and not after.held


async def test_an_undeliverable_row_is_kept_with_its_reason_and_counted(uow_factory, store: SqlOutboxStore) -> None:
    await queue(uow_factory, ("an", "an 1"), ("binh", "binh 1"))
    now = soon()
    an, _ = await store.claim("text", now=now, until=now + LEASE, limit=10)
    assert await store.undeliverable(an, "Forbidden: bot was blocked by the user " + "x" * 400, now=now)
    counts = await store.counts("text", now=now)
    assert (counts.waiting, counts.due, counts.undeliverable) == (1, 1, 1)
    assert counts.oldest_due is not None and counts.oldest_due <= now


async def test_put_back_rows_are_due_again_later_without_counting_an_attempt(
    uow_factory, store: SqlOutboxStore
) -> None:
    await queue(uow_factory, ("an", "an 1"), ("binh", "binh 1"))
    now = soon()
    claims = await store.claim("text", now=now, until=now + LEASE, limit=10)
    await store.put_back(claims, at=now + timedelta(seconds=30))
    assert await store.claim("text", now=now + timedelta(seconds=29), until=now + LEASE, limit=10) == []
    later = now + timedelta(seconds=30)
    again = await store.claim("text", now=later, until=later + LEASE, limit=10)
    assert texts(again) == ["an 1", "binh 1"] and [claim.attempts for claim in again] == [0, 0]


async def test_the_claimed_message_is_the_reply_queued(uow_factory, store: SqlOutboxStore) -> None:
    reply = Reply("<b>Chọn</b>", buttons=((Choice("x:1", "Một"),),), replaces_origin=True)
    notice = NoticeRef(code="20261202.0001", kind="answered", due=date(2026, 12, 20))
    async with uow_factory() as uow:
        await uow.outbox.add([NewMessage("zalo", "u-1", reply, origin="77", notice=notice)])
        await uow.commit()
    now = soon()
    (claim,) = await store.claim("zalo", now=now, until=now + LEASE, limit=10)
    assert claim.message.reply == reply and claim.message.origin == "77" and claim.message.notice == notice
    assert claim.message.recipient == "u-1" and claim.message.channel == "zalo"


async def test_claims_made_at_once_never_share_a_row(uow_factory, store: SqlOutboxStore, session_factory) -> None:
    await queue(uow_factory, *[(f"r{n % 40}", f"m{n}") for n in range(200)])
    now = soon()
    other = SqlOutboxStore(session_factory)
    seen: list[int] = []
    for _ in range(5):  # each recipient has 5 rows: five rounds of claims racing, settling in between
        rounds = await asyncio.gather(
            *[(store if n % 2 else other).claim("text", now=now, until=now + LEASE, limit=15) for n in range(6)]
        )
        claims = [claim for found in rounds for claim in found]
        seen.extend(claim.message.id for claim in claims)
        assert len({claim.message.recipient for claim in claims}) == len(claims)  # one per recipient at a time
        await asyncio.gather(*[store.delivered(claim, ("x",), now=now) for claim in claims])
    assert len(seen) == len(set(seen)) == 200


async def test_sent_rows_are_forgotten_after_a_while_and_held_or_undeliverable_ones_are_kept(
    uow_factory, store: SqlOutboxStore
) -> None:
    await queue(uow_factory, ("an", "an 1"), ("binh", "binh 1"), ("chi", "chi 1"), ("dung", "dung 1"))
    now = soon()
    an, binh, chi, _ = await store.claim("text", now=now, until=now + LEASE, limit=10)
    await store.delivered(an, ("1",), now=now)
    await store.delivered(binh, ("2",), now=now)
    await store.hold(chi, "outside the window")
    later = now + timedelta(days=31)
    assert await store.prune_sent("text", before=later, limit=1) == 1
    assert await store.prune_sent("text", before=later, limit=10) == 1
    assert await store.prune_sent("text", before=later, limit=10) == 0
    counts = await store.counts("text", now=later)
    assert (counts.waiting, counts.held) == (1, 1)


async def test_a_claim_takes_no_more_than_its_limit_from_a_big_backlog(uow_factory, store: SqlOutboxStore) -> None:
    """A burst of rows PostgreSQL has not analysed yet: it planned the choice as a loop run again for each row
    updated, each run skipping the rows already taken, and one claim took the whole backlog."""
    await queue(uow_factory, *[(f"r{n % 2500}", f"m{n}") for n in range(5000)])
    now = soon()
    first = await store.claim("text", now=now, until=now + LEASE, limit=50)
    second = await store.claim("text", now=now, until=now + LEASE, limit=50)
    assert [claim.message.id for claim in first + second] == sorted({c.message.id for c in first + second})
    assert texts(first + second) == [f"m{n}" for n in range(100)]


async def test_a_secret_reply_keeps_its_text_until_sent_or_given_up_and_no_longer(
    uow_factory, store: SqlOutboxStore, session_factory
) -> None:
    async with uow_factory() as uow:
        await uow.outbox.add(
            [
                NewMessage("text", "an", Reply("PIN 123456", secret=True)),
                NewMessage("text", "binh", Reply("PIN 654321", secret=True)),
                NewMessage("text", "chi", Reply("not a secret")),
            ]
        )
        await uow.commit()
    now = soon()
    an, binh, chi = await store.claim("text", now=now, until=now + LEASE, limit=10)
    assert an.message.reply.text == "PIN 123456" and an.message.reply.secret  # the channel sends it as written
    assert await store.retry(an, at=now, reason="Telegram is busy")
    (an,) = await store.claim("text", now=now, until=now + LEASE, limit=1)
    assert an.message.reply.text == "PIN 123456"  # kept while it still has to go
    assert await store.delivered(an, ("m1",), now=now)
    assert await store.undeliverable(binh, "blocked the bot", now=now)
    assert await store.delivered(chi, ("m2",), now=now)
    async with session_factory() as session:
        kept = {
            row.recipient: row.reply
            for row in await session.execute(select(OutboxRecord.recipient, OutboxRecord.reply))
        }
    assert "123456" not in kept["an"] and "654321" not in kept["binh"]
    assert "not a secret" in kept["chi"]  # what was sent is kept a while, secrets aside
