"""Third-party Open311 clients from PyPI, over real HTTP, against the running application.

- civicbot (Open311Client): lists services, reads the service definition to validate the form as a
  careful client does, files a PAKN in Vietnamese, reads it back (JSON).
- georeport: reads services, the definition and requests in XML, parsed by xmltodict.
Both are synchronous, so they run in a worker thread while the server runs on the event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
from aiohttp.test_utils import TestServer
from civicbot import Endpoint, HttpTransport, Open311Client
from civicbot.http import HttpError, RateLimiter
from georeport import GeoReport

from feedback.domain.queue import QueueFilter
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.open311_world import PREFIX, Open311World, build_open311_world

DESCRIPTION = "Cột đèn số 17 đường Lê Lợi nghiêng sắp đổ, rất nguy hiểm cho người đi đường."


@pytest.fixture
async def served(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> AsyncIterator[tuple[str, Open311World]]:
    world = await build_open311_world(uow_factory, clock)
    async with TestServer(world.app) as server:
        yield str(server.make_url(PREFIX)), world


def civicbot_client(base_url: str) -> Open311Client:
    endpoint = Endpoint(id="motcua", name="Một Cửa", base_url=base_url, write=True)
    return Open311Client(endpoint, HttpTransport(rate_limiter=RateLimiter(min_interval=0)))


def file_and_read_back(base_url: str, key: str) -> tuple[list[dict], dict]:
    client = civicbot_client(base_url)
    services = client.list_services()
    prepared = client.create_request(
        "phan_anh",
        dry_run=False,
        confirm="SEND",
        api_key=key,
        validate_remote=True,  # reads the service definition and checks the attributes against it
        address_string="Đường Lê Lợi, thôn 2",
        description=DESCRIPTION,
        first_name="Văn Bình",
        last_name="Trần",
        phone="0905123456",
        attributes={"unit": "MOT-CUA", "content_kind": "hanh_vi"},
    )
    [receipt] = prepared.response
    return services, client.get_request(receipt["service_request_id"]) or {}


async def test_civicbot_lists_files_and_reads_back_a_vietnamese_pakn(served: tuple[str, Open311World]) -> None:
    base_url, world = served
    services, request = await asyncio.to_thread(file_and_read_back, base_url, world.key)
    assert {service["service_code"] for service in services} == {"phan_anh", "kien_nghi"}
    assert request["description"] == DESCRIPTION
    assert request["status"] == "open"
    assert request["agency_responsible"] == "Bộ phận một cửa"
    page = await world.feedback.queue(QueueFilter(units=frozenset({"MOT-CUA"})))
    assert [entry.code for entry in page.entries] == [request["service_request_id"]]
    assert "0905123456" not in str(request) and "Trần" not in str(request)


def refused_without_key(base_url: str) -> int:
    client = civicbot_client(base_url)
    try:
        client.create_request(
            "phan_anh", dry_run=False, confirm="SEND", api_key="mc311_sai", description=DESCRIPTION,
            address_string="Thôn 2", first_name="Bình", phone="0905123456",
        )  # fmt: skip
    except HttpError as error:
        return error.status
    return 0


async def test_civicbot_sees_a_bad_key_refused(served: tuple[str, Open311World]) -> None:
    base_url, _ = served
    assert await asyncio.to_thread(refused_without_key, base_url) == 403


def read_in_xml(base_url: str, code: str) -> tuple[list[dict], dict, dict, object]:
    client = GeoReport(base_url, output_format="xml")
    return (
        client.get_service_list(),
        client.get_service_definition("kien_nghi"),
        client.get_service_request(code),
        client.get_service_requests(status="open"),
    )


async def test_georeport_reads_services_and_requests_in_xml(served: tuple[str, Open311World]) -> None:
    base_url, world = served
    code = await asyncio.to_thread(lambda: file_and_read_back(base_url, world.key)[1]["service_request_id"])
    services, definition, request, listed = await asyncio.to_thread(read_in_xml, base_url, code)
    assert [service["service_name"] for service in services] == ["Phản ánh", "Kiến nghị"]
    assert definition["service_code"] == "kien_nghi"
    codes = [attribute["code"] for attribute in definition["attributes"]["attribute"]]
    assert codes == ["content_kind", "procedure_code", "unit"]
    assert request["service_request_id"] == code
    assert request["description"] == DESCRIPTION
    assert request["expected_datetime"].endswith("+07:00")
    assert isinstance(listed, dict) and listed["service_request_id"] == code  # one request: xmltodict gives a dict
