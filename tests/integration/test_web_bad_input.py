"""Bad input is a 400 with a Vietnamese message, never a 500 (finding 4 of issue 15): a raw 0xFF byte in a
form body, a page number past any page, a body labelled gzip or deflate that is not compressed."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator, Callable

import pytest
from aiohttp.test_utils import TestClient, TestServer

from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import file_item
from tests.open311_world import PREFIX, Open311World, build_open311_world
from tests.web_office import csrf_token, log_in
from web import texts
from web.open311 import texts as open311_texts

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    """Parsing the request happens before any storage: SQLite alone."""
    return sqlite_url


@pytest.fixture
async def world(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> Open311World:
    return await build_open311_world(uow_factory, clock)


@pytest.fixture
async def client(world: Open311World) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


async def test_a_raw_ff_byte_in_the_login_form_is_a_400(client: TestClient) -> None:
    token = csrf_token(await (await client.get("/can-bo/login")).text())
    body = f"csrf_token={token}&username=an\xff&password=x".encode("latin-1")
    response = await client.post("/can-bo/login", data=body, headers=FORM)
    assert response.status == 400
    assert texts.BAD_FORM in await response.text()


async def test_a_raw_ff_byte_in_an_action_form_is_a_400_and_changes_nothing(
    world: Open311World, client: TestClient
) -> None:
    code = await file_item(world.feedback, "MOT-CUA", "Đường thôn 3 ngập nước sau mưa", 501)
    before = (await world.feedback.item(code)).version
    token = await log_in(client, "an")
    body = f"csrf_token={token}&note=\xff".encode("latin-1")
    response = await client.post(f"/can-bo/items/{code}/actions/accept", data=body, headers=FORM)
    assert response.status == 400
    assert texts.BAD_FORM in await response.text()
    assert (await world.feedback.item(code)).version == before


@pytest.mark.parametrize("page", ["99999999999999999999", "9223372036854775808", "100000000"])
async def test_a_page_number_past_any_page_is_a_400(client: TestClient, page: str) -> None:
    await log_in(client, "an")
    response = await client.get(f"/can-bo/queue?page={page}")
    assert response.status == 400
    assert texts.BAD_FILTER.format(field="page") in await response.text()


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
async def test_a_login_body_labelled_compressed_but_not_is_a_400(client: TestClient, encoding: str) -> None:
    token = csrf_token(await (await client.get("/can-bo/login")).text())
    body = f"csrf_token={token}&username=an&password=x".encode()
    response = await client.post("/can-bo/login", data=body, headers={**FORM, "Content-Encoding": encoding})
    assert response.status == 400
    assert texts.BAD_FORM in await response.text()


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
@pytest.mark.parametrize("fmt", ["xml", "json"])
async def test_an_open311_body_labelled_compressed_but_not_is_a_400(
    world: Open311World, client: TestClient, encoding: str, fmt: str
) -> None:
    body = f"api_key={world.key}&service_code=phan_anh&description=Den+duong+hong+da+hai+tuan".encode()
    response = await client.post(f"{PREFIX}/requests.{fmt}", data=body, headers={**FORM, "Content-Encoding": encoding})
    assert response.status == 400
    assert open311_texts.BAD_BODY in await response.text()


async def test_a_compressed_body_that_is_really_compressed_is_read(world: Open311World, client: TestClient) -> None:
    token = csrf_token(await (await client.get("/can-bo/login")).text())
    body = gzip.compress(f"csrf_token={token}&username=an&password=sai".encode())
    response = await client.post("/can-bo/login", data=body, headers={**FORM, "Content-Encoding": "gzip"})
    assert response.status == 401  # read and checked: a wrong password, not a bad body
