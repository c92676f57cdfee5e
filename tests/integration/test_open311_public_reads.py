"""Public Open311 reads cannot starve intake (finding 5 of issue 15): the list is paged, an anonymous
address gets a limited number of reads a minute, few reads query the database at once, lists are cached."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from storage.unit_of_work import SqlUnitOfWork
from tests.integration.test_open311_api import errors_of, file_request, requests_of
from tests.manual_clock import Clock
from tests.office_fixture import file_item
from tests.open311_world import PREFIX, Open311World, build_open311_world
from web.open311 import texts
from web.open311.public_reads import ReadPolicy

UowFactory = Callable[[], SqlUnitOfWork]


async def started(world: Open311World) -> TestClient:
    client = TestClient(TestServer(world.app))
    await client.start_server()
    return client


@pytest.fixture
async def world(uow_factory: UowFactory, clock: Clock) -> Open311World:
    return await build_open311_world(uow_factory, clock)


@pytest.fixture
async def client(world: Open311World) -> AsyncIterator[TestClient]:
    client = await started(world)
    yield client
    await client.close()


async def test_the_list_is_paged_with_a_link_to_the_next_page(client: TestClient, world: Open311World) -> None:
    codes = [await file_request(client, world, description=f"Phản ánh số {n} về đèn đường thôn 3") for n in range(5)]
    first = await client.get(f"{PREFIX}/requests.json?page_size=2")
    assert [r["service_request_id"] for r in requests_of("json", await first.read())] == codes[::-1][:2]
    assert 'rel="next"' in first.headers["Link"] and "page=2" in first.headers["Link"]
    last = await client.get(f"{PREFIX}/requests.json?page_size=2&page=3")
    assert [r["service_request_id"] for r in requests_of("json", await last.read())] == [codes[0]]
    assert "Link" not in last.headers
    default = requests_of("xml", await (await client.get(f"{PREFIX}/requests.xml")).read())
    assert len(default) == 5


@pytest.mark.parametrize("query", ["page=0", "page_size=1000", "page=99999999999999999999"])
async def test_a_page_out_of_range_is_a_400_in_vietnamese(client: TestClient, query: str) -> None:
    response = await client.get(f"{PREFIX}/requests.json?{query}")
    assert response.status == 400
    [(code, description)] = errors_of("json", await response.read())
    assert code == 400 and "page" in description


async def test_an_anonymous_address_gets_a_limited_number_of_reads(uow_factory: UowFactory, clock: Clock) -> None:
    world = await build_open311_world(uow_factory, clock, ReadPolicy(per_second=100, per_minute=5, refusal_delay=0))
    client = await started(world)
    try:
        statuses = [(await client.get(f"{PREFIX}/requests/20261123.000{n}.json")).status for n in range(1, 7)]
        assert statuses == [404] * 5 + [429]
        refused = await client.get(f"{PREFIX}/requests.xml")
        assert refused.status == 429 and refused.headers["Retry-After"] == "1"
        assert errors_of("xml", await refused.read()) == [(429, texts.TOO_MANY_READS.format(limit=5))]
        # An agency's application with its key is not an anonymous reader; filing is never limited here.
        assert (await client.get(f"{PREFIX}/requests.json?api_key={world.key}")).status == 200
        await file_request(client, world)
    finally:
        await client.close()


async def test_a_list_is_served_from_the_cache_until_this_instance_files_a_request(
    client: TestClient, world: Open311World
) -> None:
    first = await file_request(client, world)
    listed = await client.get(f"{PREFIX}/requests.json")
    assert listed.headers["Cache-Control"].startswith("public, max-age=")
    assert [r["service_request_id"] for r in requests_of("json", await listed.read())] == [first]
    by_the_bot = await file_item(world.feedback, "MOT-CUA", "Đường thôn 3 ngập nước sau mưa", 501)
    cached = requests_of("json", await (await client.get(f"{PREFIX}/requests.json")).read())
    assert [r["service_request_id"] for r in cached] == [first]  # the cache, not the database
    one = requests_of("json", await (await client.get(f"{PREFIX}/requests/{by_the_bot}.json")).read())
    assert [r["service_request_id"] for r in one] == [by_the_bot]  # a single request is never cached
    second = await file_request(client, world, description="Rác thải tồn đọng ở chợ xã nhiều ngày")
    fresh = requests_of("json", await (await client.get(f"{PREFIX}/requests.json")).read())
    assert [r["service_request_id"] for r in fresh] == [second, by_the_bot, first]


async def test_at_most_two_public_reads_query_the_database_at_once(client: TestClient, world: Open311World) -> None:
    running, most = 0, 0
    release, two_in = asyncio.Event(), asyncio.Event()
    original = world.feedback.received_between

    async def held(since: datetime, until: datetime, **options: Any) -> list[Any]:
        nonlocal running, most
        running += 1
        most = max(most, running)
        if running == 2:
            two_in.set()
        await release.wait()
        running -= 1
        return await original(since, until, **options)

    world.feedback.received_between = held  # type: ignore[method-assign]
    readers = [asyncio.create_task(client.get(f"{PREFIX}/requests.json?page={n}")) for n in range(1, 7)]
    await asyncio.wait_for(two_in.wait(), timeout=30)
    for _ in range(100):  # the other four have had every chance to reach the database meanwhile
        await asyncio.sleep(0)
    assert running == 2
    release.set()
    responses = await asyncio.gather(*readers)
    assert [response.status for response in responses] == [200] * 6
    assert most == 2


async def test_a_reader_over_the_limit_waits_before_its_refusal(
    uow_factory: UowFactory, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader that ignores the 429 and asks again at once is held a while, costing a sleeping coroutine."""
    world = await build_open311_world(uow_factory, clock, ReadPolicy(per_second=100, per_minute=2, refusal_delay=7))
    waits: list[float] = []
    real_sleep = asyncio.sleep

    async def recorded(delay: float) -> None:
        waits.append(delay)
        await real_sleep(0)

    monkeypatch.setattr("web.open311.public_reads.asyncio.sleep", recorded)
    client = await started(world)
    try:
        statuses = [(await client.get(f"{PREFIX}/services.json")).status for _ in range(3)]
        assert statuses == [200, 200, 429]  # two a minute
        assert waits == [7]
    finally:
        await client.close()


async def test_anonymous_lists_from_the_database_are_paced_for_all_addresses_together(
    uow_factory: UowFactory, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight addresses within their own limits once halved intake: the lists anonymous readers get from the
    database start one at a time, a few wait their turn, the others are told to come back; filing, a single
    request and an agency's application with its key do not wait behind them."""
    policy = ReadPolicy(per_second=10**9, per_minute=10**9, cache_seconds=0, list_queries_per_second=2, list_queue=3)
    world = await build_open311_world(uow_factory, clock, policy)
    release = asyncio.Event()
    waits: list[float] = []
    real_sleep = asyncio.sleep

    async def held(delay: float) -> None:  # the readers' turns come when the test says
        if delay <= 0 or release.is_set():
            return await real_sleep(delay)
        waits.append(delay)
        await release.wait()

    monkeypatch.setattr("web.open311.public_reads.asyncio.sleep", held)
    client = await started(world)
    try:
        code = await file_request(client, world)
        readers = [asyncio.create_task(client.get(f"{PREFIX}/requests.json?page={n}")) for n in range(1, 5)]
        for _ in range(200):  # the first has its turn at once, the next three wait for theirs
            if len(waits) == 3:
                break
            await real_sleep(0.01)
        assert len(waits) == 3 and all(wait > 0 for wait in waits)
        busy = await client.get(f"{PREFIX}/requests.xml")
        assert busy.status == 503 and int(busy.headers["Retry-After"]) >= 1
        assert errors_of("xml", await busy.read()) == [(503, texts.LISTS_BUSY)]
        assert (await client.get(f"{PREFIX}/requests.json?api_key={world.key}")).status == 200
        assert (await client.get(f"{PREFIX}/requests/{code}.json")).status == 200
        await file_request(client, world, description="Rác thải tồn đọng ở chợ xã nhiều ngày")
        release.set()
        assert [(await reader).status for reader in readers] == [200] * 4
    finally:
        await client.close()
