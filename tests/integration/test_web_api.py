from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer

from procedures_catalog.model import Procedure
from procedures_catalog.services import Catalog
from web.app import create_app

PROCEDURES = [
    Procedure(code="1.001193", name="Thủ tục đăng ký khai sinh", level="Cấp xã", field="Hộ tịch", fees="Miễn phí"),
    Procedure(code="1.000894", name="Thủ tục đăng ký kết hôn", level="Cấp xã", field="Hộ tịch"),
    Procedure(code="3.000347", name="Đổi giấy phép lái xe", level="Cấp Bộ", field="Sát hạch, cấp giấy phép lái xe"),
]


@pytest.fixture
async def client(uow_factory) -> AsyncIterator[TestClient]:
    async with uow_factory() as uow:
        await uow.procedures.upsert(PROCEDURES)
        await uow.commit()
    catalog = await Catalog.load(uow_factory)
    async with TestClient(TestServer(create_app(catalog))) as client:
        yield client


async def test_health_reports_the_catalog_size(client: TestClient) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {"status": "ok", "procedures": 3}


async def test_search_finds_a_procedure_typed_without_diacritics(client: TestClient) -> None:
    response = await client.get("/api/procedures", params={"q": "dang ky khai sinh"})
    body = await response.json()
    assert response.status == 200
    assert body["confident"] is True
    assert body["results"][0]["code"] == "1.001193"
    assert body["results"][0]["name"] == "Thủ tục đăng ký khai sinh"


async def test_search_filters_by_level(client: TestClient) -> None:
    response = await client.get("/api/procedures", params={"q": "dang ky", "level": "central"})
    codes = [hit["code"] for hit in (await response.json())["results"]]
    assert "1.001193" not in codes


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "  "},
        {"q": "khai sinh", "limit": "abc"},
        {"q": "khai sinh", "limit": "0"},
        {"q": "x", "level": "moon"},
    ],
)
async def test_bad_search_parameters_get_a_400_in_vietnamese(client: TestClient, params: dict[str, str]) -> None:
    response = await client.get("/api/procedures", params=params)
    assert response.status == 400
    assert (await response.json())["error"]


async def test_a_procedure_reads_back_whole_and_in_utf8(client: TestClient) -> None:
    response = await client.get("/api/procedures/1.001193")
    body = await response.json()
    assert response.status == 200
    assert body["name"] == "Thủ tục đăng ký khai sinh"
    assert body["fees"] == "Miễn phí"
    assert "Thủ tục đăng ký khai sinh".encode() in await response.read()


async def test_an_unknown_code_is_a_404_with_a_message(client: TestClient) -> None:
    response = await client.get("/api/procedures/9.999999")
    assert response.status == 404
    assert "9.999999" in (await response.json())["error"]


async def test_an_unknown_path_is_a_json_404(client: TestClient) -> None:
    response = await client.get("/nowhere")
    assert response.status == 404
    assert (await response.json())["error"]
