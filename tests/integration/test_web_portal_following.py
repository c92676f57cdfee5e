"""Following a PAKN on the portal by its code alone: status and the public answer, nothing personal; the
officer publishes that answer on the item page, audited."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from feedback.domain.model import InvalidPublicAnswer
from tests.manual_clock import Clock
from tests.portal_helpers import GOOD, build_portal, file_through_portal
from tests.web_office import WebOffice, csrf_token, log_in

ANSWER = "Kính gửi bà Trần Thị Lan, UBND xã đã nhắc nhở bộ phận một cửa."
PUBLIC = "Bộ phận một cửa không được đòi bản sao sổ hộ khẩu khi đăng ký khai sinh; đã chấn chỉnh."


@pytest.fixture
async def world(uow_factory, clock: Clock, tmp_path: Path) -> WebOffice:
    return await build_portal(uow_factory, clock, tmp_path / "files")


@pytest.fixture
async def client(world: WebOffice) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


async def test_the_code_alone_shows_the_status_and_the_published_answer_but_nothing_personal(
    world: WebOffice, client: TestClient
) -> None:
    code, _ = await file_through_portal(client, world.clock, {**GOOD, "don_vi": "MOT-CUA"})
    await world.desk.answer(world.office.officers["an"], code, ANSWER)
    page = await (await client.get("/phan-anh/tra-cuu", params={"ma": code})).text()
    assert "Đã có kết quả trả lời" in page and "Câu trả lời công khai" not in page
    token = await log_in(client, "an")
    published = await client.post(f"/can-bo/items/{code}/actions/publish", data={"csrf_token": token, "text": PUBLIC})
    assert published.status == 200 and "Đã công bố câu trả lời công khai" in await published.text()
    client.session.cookie_jar.clear()
    page = await (await client.get("/phan-anh/tra-cuu", params={"ma": code})).text()
    assert PUBLIC in page
    for private in (ANSWER, GOOD["noi_dung"], "Trần Thị Lan", "0912345678", "Lê Lợi"):
        assert private not in page
    assert [entry.action for entry in await world.feedback.audit_trail(code)][-1] == "publish_answer"


async def test_an_item_not_answered_has_no_public_answer_to_publish(world: WebOffice, client: TestClient) -> None:
    code, _ = await file_through_portal(client, world.clock, {**GOOD, "don_vi": "MOT-CUA"})
    with pytest.raises(InvalidPublicAnswer):
        await world.desk.publish_answer(world.office.officers["an"], code, PUBLIC)
    token = await log_in(client, "an")
    refused = await client.post(f"/can-bo/items/{code}/actions/publish", data={"csrf_token": token, "text": PUBLIC})
    assert refused.status == 400 and csrf_token(await refused.text())


@pytest.mark.parametrize(("code", "status"), [("20261123.9999", 404), ("khong-phai-ma", 400)])
async def test_a_wrong_code_says_so(client: TestClient, code: str, status: int) -> None:
    response = await client.get("/phan-anh/tra-cuu", params={"ma": code})
    assert response.status == status and code in await response.text()
