"""Several web instances on one database (SQLite and PostgreSQL), each with its own engine as two processes
would have: a login on one holds on the other and across a restart; logging out on one ends it on both.
The login form stores nothing; refusals are logged for an administrator, without the password."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from storage.web_state import WebSessionRecord
from tests.manual_clock import Clock
from tests.office_fixture import PASSWORD
from tests.web_office import WebOffice, build_web_office, create_app_over, csrf_token, log_in

PASSWORD_TRIED = "mat-khau-sai-rat-rieng"


class Instance:
    """One instance: its own engine, its own app, its own client (its own cookie jar)."""

    def __init__(self, database_url: str, clock: Clock) -> None:
        self.engine = create_engine(database_url)
        self.sessions = create_session_factory(self.engine)
        self.clock = clock
        self.client: TestClient | None = None
        self.world: WebOffice | None = None

    async def start(self, *, first: bool) -> TestClient:
        if first:
            await upgrade(self.engine)
            self.world = await build_web_office(lambda: SqlUnitOfWork(self.sessions), self.clock)
        else:  # the office is already there: only the app over it
            self.world = await create_app_over(lambda: SqlUnitOfWork(self.sessions), self.clock)
        self.client = TestClient(TestServer(self.world.app))
        await self.client.start_server()
        return self.client

    async def stop(self) -> None:
        if self.client is not None:
            await self.client.close()
        await self.engine.dispose()


@pytest.fixture
async def two(database_url: str, clock: Clock) -> AsyncIterator[tuple[Instance, Instance]]:
    one, other = Instance(database_url, clock), Instance(database_url, clock)
    await one.start(first=True)
    await other.start(first=False)
    try:
        yield one, other
    finally:
        await one.stop()
        await other.stop()


def session_cookie(client: TestClient) -> str:
    return next(cookie.value for cookie in client.session.cookie_jar if cookie.key == "motcua_session")


async def test_a_login_on_one_instance_holds_on_the_other(two: tuple[Instance, Instance]) -> None:
    one, other = two
    assert one.client is not None and other.client is not None
    await log_in(one.client, "an")
    cookie = session_cookie(one.client)
    page = await other.client.get(
        "/can-bo/queue", headers={"Cookie": f"motcua_session={cookie}"}, allow_redirects=False
    )
    assert page.status == 200 and "Nguyễn Văn An" in await page.text()


async def test_logging_out_on_one_instance_ends_the_session_on_the_other(two: tuple[Instance, Instance]) -> None:
    one, other = two
    assert one.client is not None and other.client is not None
    token = await log_in(one.client, "an")
    cookie = {"Cookie": f"motcua_session={session_cookie(one.client)}"}
    logout = await other.client.post(
        "/can-bo/logout", data={"csrf_token": token}, headers=cookie, allow_redirects=False
    )
    assert logout.status == 303
    assert (await one.client.get("/can-bo/queue", allow_redirects=False)).status == 303


async def test_a_restart_keeps_officers_logged_in(database_url: str, clock: Clock) -> None:
    before = Instance(database_url, clock)
    client = await before.start(first=True)
    await log_in(client, "an")
    cookie = session_cookie(client)
    await before.stop()
    after = Instance(database_url, clock)
    try:
        restarted = await after.start(first=False)
        page = await restarted.get(
            "/can-bo/queue", headers={"Cookie": f"motcua_session={cookie}"}, allow_redirects=False
        )
        assert page.status == 200
    finally:
        await after.stop()


async def test_the_login_limit_holds_across_instances(two: tuple[Instance, Instance]) -> None:
    one, other = two
    assert one.client is not None and other.client is not None
    for number in range(5):
        client = (one, other)[number % 2].client
        assert client is not None
        page = await client.get("/can-bo/login")
        data = {"csrf_token": csrf_token(await page.text()), "username": "an", "password": PASSWORD_TRIED}
        assert (await client.post("/can-bo/login", data=data)).status == 401
    page = await one.client.get("/can-bo/login")
    data = {"csrf_token": csrf_token(await page.text()), "username": "an", "password": PASSWORD}
    assert (await one.client.post("/can-bo/login", data=data)).status == 429


async def test_the_login_form_stores_no_session(two: tuple[Instance, Instance]) -> None:
    one, _ = two
    assert one.client is not None
    for _ in range(50):
        one.client.session.cookie_jar.clear()
        assert (await one.client.get("/can-bo/login")).status == 200
    async with one.sessions() as session:
        assert (await session.execute(select(func.count()).select_from(WebSessionRecord))).scalar_one() == 0


async def test_refusals_are_logged_without_the_password(
    two: tuple[Instance, Instance], caplog: pytest.LogCaptureFixture
) -> None:
    one, _ = two
    assert one.client is not None
    caplog.set_level(logging.INFO, logger="web.security")
    for _ in range(6):
        page = await one.client.get("/can-bo/login")
        data = {"csrf_token": csrf_token(await page.text()), "username": "binh", "password": PASSWORD_TRIED}
        await one.client.post("/can-bo/login", data=data)
    await one.client.post(
        "/can-bo/login", data={"csrf_token": "gia-mao", "username": "binh", "password": PASSWORD_TRIED}
    )
    records = [record for record in caplog.records if record.name == "web.security"]
    events = [(record.getMessage(), getattr(record, "username", None)) for record in records]
    assert events.count(("login failed", "binh")) == 5
    assert ("login refused: too many failures", "binh") in events
    assert ("csrf refused", None) in events
    assert all(getattr(record, "address", None) == "127.0.0.1" for record in records)
    assert PASSWORD_TRIED not in caplog.text
