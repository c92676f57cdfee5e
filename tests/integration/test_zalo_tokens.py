"""The OA access token kept in the database: renewed before expiry by exactly one instance, however many
reach the moment together; retried when Zalo is unreachable; administrators alerted when renewal fails."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
from collections.abc import AsyncIterator, Callable

import aiohttp
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from feedback.domain.access import Role
from feedback.domain.channel_alert import ChannelAlert, ChannelProblem
from stand_ins.zalo_oa import LocalZaloOa
from stand_ins.zalo_user import CITIZEN_ID
from storage.db import create_engine, create_session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from zalo.connection import NotConnected
from zalo.oa_client import OaClient
from zalo.oauth import ZaloOAuth
from zalo.tokens import ALERT_AFTER_FAILURES, RENEW_BEFORE, TokenKeeper

UowFactory = Callable[[], SqlUnitOfWork]


@pytest.fixture
async def oa(clock: Clock) -> AsyncIterator[LocalZaloOa]:
    async with LocalZaloOa(clock=clock) as stand_in:
        stand_in.interacted(CITIZEN_ID)
        yield stand_in


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client_session:
        yield client_session


def keeper(
    uow_factory: UowFactory, oa: LocalZaloOa, session: aiohttp.ClientSession, clock: Clock, name: str
) -> TokenKeeper:
    oauth = ZaloOAuth(session, oauth_base=oa.oauth_base, app_id=oa.app_id, app_secret=oa.app_secret)
    return TokenKeeper(uow_factory, oauth, holder=name, clock=clock)


def client(tokens: TokenKeeper, oa: LocalZaloOa, session: aiohttp.ClientSession) -> OaClient:
    return OaClient(session, tokens, api_base=oa.api_base, zns_base=oa.zns_base)


async def connect(uow_factory: UowFactory, oa: LocalZaloOa, clock: Clock) -> str:
    pair = oa.issue_tokens()
    async with uow_factory() as uow:
        await uow.zalo.connect(pair, oa_id=oa.oa_id, oa_name=oa.oa_name, at=clock())
        await uow.commit()
    return pair.access_token


async def add_admin(uow_factory: UowFactory, clock: Clock, username: str = "quan.tri", telegram: int = 424242) -> None:
    async with uow_factory() as uow:
        officer = await uow.officers.add(username, "Quản trị", password_hash=None, at=clock())
        await uow.officers.save(dataclasses.replace(officer.granted(Role.ADMIN, None), telegram_user_id=telegram))
        await uow.commit()


async def alerts(uow_factory: UowFactory) -> list[ChannelAlert]:
    async with uow_factory() as uow:
        pending = await uow.officer_messages.pending(limit=100)
    return [stored.message for stored in pending if isinstance(stored.message, ChannelAlert)]


async def test_without_a_connection_there_is_no_token_and_the_reason_says_how_to_connect(
    uow_factory: UowFactory, oa: LocalZaloOa, session: aiohttp.ClientSession, clock: Clock
) -> None:
    with pytest.raises(NotConnected, match="motcua admin zalo connect"):
        await keeper(uow_factory, oa, session, clock, "a").current()


async def test_the_stored_token_is_used_until_renewal_is_due_then_renewed_once_and_stored(
    uow_factory: UowFactory, oa: LocalZaloOa, session: aiohttp.ClientSession, clock: Clock
) -> None:
    first = await connect(uow_factory, oa, clock)
    tokens = keeper(uow_factory, oa, session, clock, "a")
    assert await tokens.current() == first
    clock.advance(hours=25)
    clock.now -= RENEW_BEFORE
    renewed = await tokens.current()
    assert renewed != first and oa.refreshes == 1
    assert await tokens.current() == renewed and oa.refreshes == 1
    async with uow_factory() as uow:
        stored = await uow.zalo.get()
    assert stored is not None and stored.access_token == renewed and stored.renewed_at == clock()
    assert await client(tokens, oa, session).send_message(CITIZEN_ID, {"text": "Xin chào"})


@pytest.fixture
async def instances(engine: AsyncEngine, database_url: str) -> AsyncIterator[list[UowFactory]]:
    """Two instances, each with its own engine and connections, on the migrated database."""
    engines = [create_engine(database_url) for _ in range(2)]
    yield [functools.partial(SqlUnitOfWork, create_session_factory(each)) for each in engines]
    for each in engines:
        await each.dispose()


async def test_two_instances_reaching_expiry_together_renew_once_and_both_keep_working(
    instances: list[UowFactory], oa: LocalZaloOa, session: aiohttp.ClientSession, clock: Clock
) -> None:
    old = await connect(instances[0], oa, clock)
    keepers = [keeper(uow_factory, oa, session, clock, f"instance-{n}") for n, uow_factory in enumerate(instances)]
    assert {await each.current() for each in keepers} == {old}
    clock.advance(hours=25, seconds=1)  # both past the expiry, the old token dead at Zalo too
    tokens = await asyncio.gather(*(each.current() for each in keepers))
    assert oa.refreshes == 1
    assert tokens[0] == tokens[1] != old
    sent = await asyncio.gather(
        *(client(each, oa, session).send_message(CITIZEN_ID, {"text": f"từ {each.holder}"}) for each in keepers)
    )
    assert all(sent) and len(oa.sent) == 2


async def test_two_instances_in_the_renewal_window_renew_once_and_the_other_keeps_the_valid_token(
    instances: list[UowFactory], oa: LocalZaloOa, session: aiohttp.ClientSession, clock: Clock
) -> None:
    old = await connect(instances[0], oa, clock)
    keepers = [keeper(uow_factory, oa, session, clock, f"instance-{n}") for n, uow_factory in enumerate(instances)]
    clock.advance(hours=24)  # within RENEW_BEFORE of the expiry, still valid
    for _ in range(3):
        await asyncio.gather(*(each.current() for each in keepers))
    assert oa.refreshes == 1
    for each in keepers:
        assert await client(each, oa, session).send_message(CITIZEN_ID, {"text": "vẫn gửi được"})
    clock.advance(minutes=2)  # past RELOAD_EVERY: the other instance reads the new pair
    assert len({await each.current() for each in keepers} - {old}) == 1
    assert oa.refreshes == 1


async def test_a_token_zalo_rejects_is_replaced_and_the_call_made_again_once(
    uow_factory: UowFactory, oa: LocalZaloOa, session: aiohttp.ClientSession, clock: Clock
) -> None:
    await connect(uow_factory, oa, clock)
    tokens = keeper(uow_factory, oa, session, clock, "a")
    oa.expire_tokens()  # Zalo answers -220 although our copy says it is valid
    assert await client(tokens, oa, session).send_message(CITIZEN_ID, {"text": "Xin chào"})
    assert oa.refreshes == 1
    assert [call.error for call in oa.calls] == [-220, 0]


async def test_a_refused_refresh_token_alerts_the_administrators_once_and_the_old_token_serves_meanwhile(
    instances: list[UowFactory], oa: LocalZaloOa, session: aiohttp.ClientSession, clock: Clock
) -> None:
    old = await connect(instances[0], oa, clock)
    await add_admin(instances[0], clock)
    await add_admin(instances[0], clock, "quan.tri.2", 434343)
    keepers = [keeper(uow_factory, oa, session, clock, f"instance-{n}") for n, uow_factory in enumerate(instances)]
    oa.refuse_refresh_next()
    clock.advance(hours=24)
    assert await keepers[0].current() == old  # still valid for an hour: messages go on
    assert await keepers[1].current() == old  # the other instance tries too: Zalo refuses it again
    alerted = await alerts(instances[0])
    assert len(alerted) == 2  # one per administrator, not one per attempt
    assert {alert.problem for alert in alerted} == {ChannelProblem.TOKEN_RENEWAL_FAILED}
    assert "-14014" in alerted[0].detail and "refresh-" not in alerted[0].detail
    clock.advance(hours=1, seconds=1)
    with pytest.raises(NotConnected):
        await keepers[0].current()
    async with instances[0]() as uow:
        stored = await uow.zalo.get()
    assert stored is not None and stored.renewal_failures >= 2


async def test_zalo_unreachable_is_retried_with_back_off_and_alerts_only_when_it_goes_on(
    uow_factory: UowFactory, oa: LocalZaloOa, session: aiohttp.ClientSession, clock: Clock
) -> None:
    old = await connect(uow_factory, oa, clock)
    await add_admin(uow_factory, clock)
    tokens = keeper(uow_factory, oa, session, clock, "a")
    oa.break_oauth_next(ALERT_AFTER_FAILURES - 1)
    clock.advance(hours=23)
    assert await tokens.current() == old
    assert await tokens.current() == old and oa.refreshes == 0  # backing off: no second try at once
    for _ in range(ALERT_AFTER_FAILURES - 2):
        clock.advance(minutes=20)
        assert await tokens.current() == old
    assert await alerts(uow_factory) == []
    clock.advance(minutes=20)
    renewed = await tokens.current()
    assert renewed != old and oa.refreshes == 1 and await alerts(uow_factory) == []


async def test_zalo_unreachable_again_and_again_alerts_the_administrators(
    uow_factory: UowFactory, oa: LocalZaloOa, session: aiohttp.ClientSession, clock: Clock
) -> None:
    await connect(uow_factory, oa, clock)
    await add_admin(uow_factory, clock)
    tokens = keeper(uow_factory, oa, session, clock, "a")
    oa.break_oauth_next(ALERT_AFTER_FAILURES)
    clock.advance(hours=23)
    for _ in range(ALERT_AFTER_FAILURES):
        await tokens.current()
        clock.advance(minutes=20)
    (alert,) = await alerts(uow_factory)
    assert "unreachable" in alert.detail
