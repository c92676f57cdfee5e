"""The dialogue's engine on a real database: state kept per account, events acting once, typed numbers,
replies queued with the state, and two writers of one conversation never both winning."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from dialogue.engine import TURNS_AT_ONCE, Dialogue
from dialogue.events import Account, Choose, Command, Inbound, Text
from dialogue.ports import ConversationChanged
from dialogue.replies import Choice
from dialogue.router import Router
from dialogue.turn import Services, Turn
from storage.db import MAX_OVERFLOW, POOL_SIZE, create_engine, create_session_factory
from storage.dialogue_models import OutboxRecord
from storage.unit_of_work import SqlUnitOfWork
from text_channel.channel import TextChannel

ALICE = Account("text", "alice", "alice")


def counting_router() -> Router:
    """A flow that counts the words it was told and offers two choices: enough to see state and numbers."""
    router = Router()

    async def count(turn: Turn) -> None:
        told = int(turn.conversation.memory.get("told", 0)) + 1
        turn.conversation.memory["told"] = told
        turn.say(f"told {told}", [[Choice("n:red", "Đỏ"), Choice("n:blue", "Xanh")]])

    async def picked(turn: Turn, rest: str) -> None:
        turn.say(f"picked {rest}")

    router.fallback(count)
    router.choices("n", picked)
    return router


@pytest.fixture
def dialogue(uow_factory) -> Dialogue:
    """Overrides the flows' dialogue of conftest: only the counting router."""
    return Dialogue(uow_factory, counting_router(), Services(catalog=None))  # type: ignore[arg-type]


async def test_the_state_outlives_the_dialogue_object(uow_factory, dialogue: Dialogue) -> None:
    channel = TextChannel(dialogue)
    assert (await channel.send("alice", "xin chào"))[0].startswith("told 1")
    restarted = TextChannel(Dialogue(uow_factory, counting_router(), Services(catalog=None)))  # type: ignore[arg-type]
    assert (await restarted.send("alice", "lần nữa"))[0].startswith("told 2")
    assert (await restarted.send("bob", "chào"))[0].startswith("told 1")


async def test_a_typed_number_picks_the_offered_choice_and_only_then(dialogue: Dialogue) -> None:
    channel = TextChannel(dialogue)
    first = await channel.send("alice", "xin chào")
    assert "1. Đỏ\n2. Xanh" in first[0]
    assert await channel.send("alice", "2") == ["picked blue"]
    # the pick offered nothing: "2" is words again
    assert (await channel.send("alice", "2"))[0].startswith("told 2")
    assert (await channel.send("alice", "3"))[0].startswith("told 3")


async def test_an_event_delivered_twice_acts_once(dialogue: Dialogue, session_factory) -> None:
    event = Inbound(ALICE, Text("xin chào"), event_id="update-7")
    assert len(await dialogue.handle(event)) == 1
    assert await dialogue.handle(event) == []
    assert [reply.text for reply in await dialogue.handle(Inbound(ALICE, Text("nữa"), event_id="update-8"))] == [
        "told 2"
    ]
    async with session_factory() as session:
        queued = (await session.execute(select(func.count()).select_from(OutboxRecord))).scalar_one()
    assert queued == 2


async def test_replies_are_queued_for_the_account_with_the_pressed_message(dialogue: Dialogue, session_factory) -> None:
    account = Account("telegram", "42", "chat-9")
    await dialogue.handle(Inbound(account, Text("chào"), event_id="1", origin="m-5"))
    async with session_factory() as session:
        row = (await session.execute(select(OutboxRecord))).scalar_one()
    assert (row.channel, row.recipient, row.origin, row.state) == ("telegram", "chat-9", "m-5", "waiting")


async def test_an_unknown_command_and_an_unknown_choice_are_answered(dialogue: Dialogue) -> None:
    replies = await dialogue.handle(Inbound(ALICE, Command("khongco")))
    assert "chưa hiểu lệnh" in replies[0].text
    stale = await dialogue.handle(Inbound(ALICE, Choose("gone:1")))
    assert "đã cũ" in stale[0].text


async def test_two_writers_of_one_conversation_do_not_both_win(uow_factory) -> None:
    """Both read version 1; the second save finds it moved."""
    from dialogue.conversation import Conversation

    async with uow_factory() as uow:
        await uow.conversations.save("text", "alice", Conversation(), version=None)
        await uow.commit()
    async with uow_factory() as uow:
        stored = await uow.conversations.load("text", "alice")
        assert stored is not None and stored.version == 1
        await uow.conversations.save("text", "alice", Conversation(flow="a"), version=1)
        await uow.commit()
    async with uow_factory() as uow:
        with pytest.raises(ConversationChanged):
            await uow.conversations.save("text", "alice", Conversation(flow="b"), version=1)
    async with uow_factory() as uow:
        stored = await uow.conversations.load("text", "alice")
        assert stored is not None and (stored.conversation.flow, stored.version) == ("a", 2)


async def test_the_conversation_names_the_last_event_it_answered(uow_factory) -> None:
    """A copy of an event that waited for the row while another instance answered it finds the event there."""
    from dialogue.conversation import Conversation

    async with uow_factory() as uow:
        await uow.conversations.save("text", "alice", Conversation(), version=None, event_id="zalo-msg-1")
        await uow.commit()
    async with uow_factory() as uow:
        first = await uow.conversations.load("text", "alice", event_id="zalo-msg-1")
        other = await uow.conversations.load("text", "alice", event_id="zalo-msg-2")
        assert first is not None and first.event_seen and other is not None and not other.event_seen
        await uow.conversations.save("text", "alice", Conversation(flow="a"), version=1)  # the relay: no event
        await uow.commit()
    async with uow_factory() as uow:
        kept = await uow.conversations.load("text", "alice", event_id="zalo-msg-1")
        assert kept is not None and kept.event_seen and kept.version == 2


async def test_concurrent_events_of_one_person_are_all_counted(dialogue: Dialogue) -> None:
    """Answered at once (two instances would do this): each is counted once, none lost to a lost update."""
    await asyncio.gather(*(dialogue.handle(Inbound(ALICE, Text(f"m{i}"), event_id=f"e{i}")) for i in range(6)))
    replies = await dialogue.handle(Inbound(ALICE, Text("last"), event_id="e-last"))
    assert replies[0].text == "told 7"


async def test_an_event_delivered_again_after_its_answer_does_not_run_the_flow_again(uow_factory) -> None:
    ran: list[str] = []
    router = Router()

    async def act(turn: Turn) -> None:
        ran.append("acted")  # a change outside the conversation (a domain service's own transaction)
        turn.say("done")

    router.fallback(act)
    dialogue = Dialogue(uow_factory, router, Services(catalog=None))  # type: ignore[arg-type]
    event = Inbound(ALICE, Text("làm đi"), event_id="update-9")
    assert [reply.text for reply in await dialogue.handle(event)] == ["done"]
    assert await dialogue.handle(event) == []
    assert ran == ["acted"]


async def test_a_copy_of_an_event_arriving_while_the_first_is_answered_acts_once(uow_factory) -> None:
    """Zalo resends an event not acknowledged within its deadline, while the first copy is still running."""
    effects: list[str] = []
    router = Router()

    async def slow_effect(turn: Turn) -> None:
        effects.append("done")  # stands for a domain change outside the conversation's transaction
        await asyncio.sleep(0.2)
        turn.say("ok")

    router.fallback(slow_effect)
    dialogue = Dialogue(uow_factory, router, Services(catalog=None), turns_at_once=100)  # type: ignore[arg-type]
    event = Inbound(ALICE, Text("đèn đường hỏng"), event_id="zalo-msg-1")
    first, second = await asyncio.gather(dialogue.handle(event), dialogue.handle(event))
    assert effects == ["done"]
    assert sorted([len(first), len(second)]) == [0, 1]


async def test_more_people_at_once_than_the_pool_has_connections_are_all_answered(engine) -> None:
    """A turn holds its connection while its flow opens a unit of work of its own (a domain service's): were
    every connection held by a turn waiting for a second, none would come back (the pool times out)."""
    small = create_engine(engine.url.render_as_string(hide_password=False), pool_size=1, max_overflow=1, pool_timeout=5)
    sessions = create_session_factory(small)

    def uow_factory() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions)

    router = Router()

    async def look_something_up(turn: Turn) -> None:
        async with uow_factory() as uow:
            await uow.conversations.seen("text", "elsewhere")
        turn.say("ok")

    router.fallback(look_something_up)
    dialogue = Dialogue(uow_factory, router, Services(catalog=None), turns_at_once=1)  # type: ignore[arg-type]
    people = [Account("text", f"p{n}", f"p{n}") for n in range(4)]
    try:
        answers = await asyncio.gather(*(dialogue.handle(Inbound(p, Text("chào"), event_id=p.user_id)) for p in people))
    finally:
        await small.dispose()
    assert [[reply.text for reply in replies] for replies in answers] == [["ok"]] * 4
    assert 2 * TURNS_AT_ONCE <= POOL_SIZE + MAX_OVERFLOW  # the product's own sizes keep that room
