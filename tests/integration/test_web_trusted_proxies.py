"""Behind a trusted reverse proxy: the cookie is Secure over https and the login limit sees each client's
address; from anyone else the forwarding headers are ignored (finding 3 of issue 15)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import PASSWORD
from tests.web_office import WebOffice, build_web_office, csrf_token
from web.trusted_proxies import parse_trusted

# The test server's peer is 127.0.0.1: trusting it makes the test client play the proxy.
PROXY = ("127.0.0.1",)
HTTPS_FROM = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def world_behind(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock, proxies: tuple[str, ...]) -> WebOffice:
    return await build_web_office(uow_factory, clock, trusted_proxies=proxies)


async def try_login(
    client: TestClient, headers: Mapping[str, str], username: str, password: str = "sai-mat-khau"
) -> ClientResponse:
    """The cookie is sent by hand: a Secure one would not travel over the test's plain http."""
    client.session.cookie_jar.clear()
    page = await client.get("/can-bo/login", headers=headers)
    token = csrf_token(await page.text())
    cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in page.cookies.items())
    client.session.cookie_jar.clear()
    return await client.post(
        "/can-bo/login",
        data={"csrf_token": token, "username": username, "password": password},
        headers={**headers, "Cookie": cookies},
        allow_redirects=False,
    )


async def test_behind_a_trusted_proxy_over_https_the_session_cookie_is_secure(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock
) -> None:
    world = await world_behind(uow_factory, clock, PROXY)
    async with TestClient(TestServer(world.app)) as client:
        response = await try_login(client, HTTPS_FROM, "an", PASSWORD)
        assert response.status == 303
        cookie = response.cookies["motcua_session"]
        assert cookie["secure"] is True and cookie["httponly"] is True


async def test_the_standard_forwarded_header_is_understood_too(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock
) -> None:
    world = await world_behind(uow_factory, clock, PROXY)
    async with TestClient(TestServer(world.app)) as client:
        forwarded = {"Forwarded": 'for="[2001:db8::7]:4711";proto=https, for=127.0.0.1'}
        response = await try_login(client, forwarded, "an", PASSWORD)
        assert response.status == 303 and response.cookies["motcua_session"]["secure"] is True


async def test_forwarding_headers_from_an_untrusted_peer_are_ignored(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock
) -> None:
    world = await world_behind(uow_factory, clock, ("10.9.8.7",))
    async with TestClient(TestServer(world.app)) as client:
        response = await try_login(client, HTTPS_FROM, "an", PASSWORD)
        assert response.status == 303 and not response.cookies["motcua_session"]["secure"]
        # Claiming five different addresses does not escape the limit per (real) address.
        for number in range(5):
            spoofed = {"X-Forwarded-For": f"198.51.100.{number}"}
            assert (await try_login(client, spoofed, f"ai-do-{number}")).status == 401
        assert (await try_login(client, {"X-Forwarded-For": "198.51.100.99"}, "binh", PASSWORD)).status == 429


async def test_the_login_limit_per_address_sees_each_client_behind_the_proxy(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock
) -> None:
    world = await world_behind(uow_factory, clock, PROXY)
    guesser = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.66"}
    officer = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    async with TestClient(TestServer(world.app)) as client:
        for name in ("an", "binh", "chi", "dung", "khong-co"):
            assert (await try_login(client, guesser, name)).status == 401
        assert (await try_login(client, guesser, "quantri", PASSWORD)).status == 429
        # Another citizen behind the same proxy is not locked out with the guesser.
        assert (await try_login(client, officer, "quantri", PASSWORD)).status == 303


async def test_a_malformed_forwarded_for_from_the_proxy_is_a_400(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock
) -> None:
    world = await world_behind(uow_factory, clock, PROXY)
    async with TestClient(TestServer(world.app)) as client:
        for headers in ({"X-Forwarded-For": "khong-phai-dia-chi"}, {"Forwarded": "for=unknown"}):
            response = await client.get("/healthz", headers=headers)
            assert response.status == 400
            assert "chuyển tiếp" in (await response.json())["error"]


def test_the_setting_lists_addresses_and_networks() -> None:
    assert parse_trusted("127.0.0.1, 10.0.0.0/8;::1") == ["127.0.0.1", "10.0.0.0/8", "::1"]
    assert parse_trusted("") == []
    with pytest.raises(ValueError):
        parse_trusted("127.0.0.1, may-chu-nao-do")
