"""Officers' web sessions and failed logins in the database, SQLite and PostgreSQL: random ids stored as
digests, idle and absolute expiry on a hand-moved clock, logout, flash messages, and the login limit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.unit_of_work import SqlUnitOfWork
from storage.web_state import LoginFailureRecord, WebSessionRecord
from tests.manual_clock import Clock
from web.login_throttle import LoginThrottle, ThrottlePolicy
from web.sessions import SessionPolicy, SessionStore, digest

POLICY = ThrottlePolicy(max_failures=5, window=timedelta(minutes=15))
UowFactory = Callable[[], SqlUnitOfWork]


async def stored_sessions(session_factory: async_sessionmaker[AsyncSession]) -> list[str]:
    async with session_factory() as session:
        return list((await session.execute(select(WebSessionRecord.digest))).scalars())


async def test_each_session_has_its_own_unguessable_id_stored_only_as_a_digest(
    uow_factory: UowFactory, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    store = SessionStore(Clock(), SessionPolicy(), uow_factory)
    first, second = await store.start("an"), await store.start("an")
    assert first.id != second.id and first.csrf_token != second.csrf_token
    assert len(first.id) >= 40 and len(first.csrf_token) >= 40
    assert sorted(await stored_sessions(session_factory)) == sorted([digest(first.id), digest(second.id)])


async def test_a_session_lives_while_used_and_ends_when_idle(
    uow_factory: UowFactory, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    clock = Clock()
    store = SessionStore(clock, SessionPolicy(idle=timedelta(minutes=30)), uow_factory)
    session = await store.start("an")
    for _ in range(2):
        clock.advance(minutes=29)
        found = await store.get(session.id)
        assert found is not None and found.username == "an" and found.csrf_token == session.csrf_token
    clock.advance(minutes=30)
    assert await store.get(session.id) is None
    assert await stored_sessions(session_factory) == []


async def test_a_session_ends_at_the_absolute_limit_however_busy(uow_factory: UowFactory) -> None:
    clock = Clock()
    store = SessionStore(clock, SessionPolicy(idle=timedelta(minutes=30), absolute=timedelta(hours=12)), uow_factory)
    session = await store.start("an")
    for _ in range(12 * 4 - 1):
        clock.advance(minutes=15)
        assert await store.get(session.id) is not None
    clock.advance(minutes=15)
    assert await store.get(session.id) is None


async def test_an_ended_or_unknown_session_is_none(uow_factory: UowFactory) -> None:
    store = SessionStore(Clock(), SessionPolicy(), uow_factory)
    session = await store.start("an")
    await store.end(session.id)
    assert await store.get(session.id) is None
    assert await store.get("made-up") is None
    assert await store.get(None) is None
    assert await store.get("x" * 10_000) is None


async def test_expired_sessions_do_not_pile_up(
    uow_factory: UowFactory, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    clock = Clock()
    store = SessionStore(clock, SessionPolicy(), uow_factory)
    for _ in range(100):
        await store.start("an")
    clock.advance(hours=1)
    for _ in range(100):
        await store.start("an")
    assert len(await stored_sessions(session_factory)) <= 128


async def test_a_flash_message_is_shown_once_whichever_instance_shows_it(uow_factory: UowFactory) -> None:
    one, other = (SessionStore(Clock(), SessionPolicy(), uow_factory) for _ in range(2))
    session = await one.start("an")
    session.add_flash("ok", "Đã nhận xử lý.")
    await one.save_flash(session)
    seen = await other.get(session.id)
    assert seen is not None and seen.take_flash() == [("ok", "Đã nhận xử lý.")]
    await other.save_flash(seen)
    again = await one.get(session.id)
    assert again is not None and again.take_flash() == []


async def test_five_failures_make_a_username_wait_until_the_oldest_leaves_the_window(uow_factory: UowFactory) -> None:
    clock = Clock()
    throttle = LoginThrottle(clock, POLICY, uow_factory)
    for _ in range(4):
        await throttle.failed("an", "10.0.0.1")
        clock.advance(minutes=1)
    assert await throttle.wait("an", "10.0.0.2") is None
    await throttle.failed("an", "10.0.0.1")
    assert await throttle.wait("AN ", "10.0.0.2") == timedelta(minutes=11)  # any spelling, any address
    clock.advance(minutes=11)
    assert await throttle.wait("an", "10.0.0.2") is None


async def test_five_failures_from_one_address_make_it_wait_for_any_username(uow_factory: UowFactory) -> None:
    throttle = LoginThrottle(Clock(), POLICY, uow_factory)
    for name in ("an", "binh", "chi", "dung", "em"):
        await throttle.failed(name, "10.0.0.9")
    assert await throttle.wait("giang", "10.0.0.9") == timedelta(minutes=15)
    assert await throttle.wait("giang", "10.0.0.10") is None


async def test_success_clears_the_usernames_failures_but_not_the_addresss(uow_factory: UowFactory) -> None:
    throttle = LoginThrottle(Clock(), POLICY, uow_factory)
    for _ in range(5):
        await throttle.failed("an", "10.0.0.1")
    await throttle.succeeded("an")
    assert await throttle.wait("an", "10.0.0.2") is None
    assert await throttle.wait("an", "10.0.0.1") is not None


async def test_failures_counted_by_one_instance_hold_on_another(uow_factory: UowFactory) -> None:
    clock = Clock()
    one, other = LoginThrottle(clock, POLICY, uow_factory), LoginThrottle(clock, POLICY, uow_factory)
    for _ in range(3):
        await one.failed("an", "10.0.0.1")
        await other.failed("an", "10.0.0.2")
    assert await one.wait("an", "10.0.0.3") is not None
    assert await other.wait("an", "10.0.0.3") is not None


async def test_old_failures_are_deleted(
    uow_factory: UowFactory, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    clock = Clock()
    throttle = LoginThrottle(clock, POLICY, uow_factory)
    for number in range(70):
        await throttle.failed(f"user{number}", None)
        clock.advance(minutes=1)
    async with session_factory() as session:
        left = (await session.execute(select(func.count()).select_from(LoginFailureRecord))).scalar_one()
    assert left < 70
