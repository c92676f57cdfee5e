"""The administrators' page that teaches search, over HTTP on SQLite and PostgreSQL: what citizens searched
without a confident answer, grouped and counted; one form maps it to a procedure or a wording; the lessons
apply at once and download as a synonyms file; officers who are not administrators are refused."""

from __future__ import annotations

from collections.abc import AsyncIterator

import lxml.html
import pytest
from aiohttp.test_utils import TestClient, TestServer

from procedures_catalog.model import Procedure
from procedures_catalog.synonyms import parse_synonyms
from tests.manual_clock import Clock
from tests.web_office import WebOffice, build_web_office, log_in

PROCEDURES = [
    Procedure("1.001193", "Thủ tục đăng ký khai sinh", "Cấp xã"),
    Procedure("2.001159", "Thông báo lưu trú", "Cấp xã"),
    Procedure("1.000894", "Thủ tục đăng ký kết hôn", "Cấp xã"),
]
PAGE = "/can-bo/search-lessons"


@pytest.fixture
async def world(uow_factory, clock: Clock) -> WebOffice:
    async with uow_factory() as uow:
        await uow.procedures.upsert(PROCEDURES)
        await uow.commit()
    return await build_web_office(uow_factory, clock)


@pytest.fixture
async def client(world: WebOffice) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


def page(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)


def unanswered(html: lxml.html.HtmlElement) -> dict[str, list[str]]:
    return {
        row.get("data-group"): [cell.text_content().strip() for cell in row.xpath("./th|./td")][:3]
        for row in html.xpath('//table[@id="unanswered"]/tbody/tr')
    }


async def ask(client: TestClient, query: str) -> None:
    response = await client.get("/thu-tuc", params={"q": query})
    assert response.status == 200


async def test_an_administrator_sees_what_citizens_could_not_find_grouped_and_counted(
    client: TestClient, world: WebOffice, clock: Clock
) -> None:
    await ask(client, "khách ở homestay báo công an thế nào")
    clock.advance(minutes=3)
    await ask(client, "Khach o homestay bao cong an the nao?")
    await world.teaching.record_unanswered("xin giấy phép nuôi chim yến 0912345678", "telegram", clock.now)
    await log_in(client, "quantri")
    html = page(await (await client.get(PAGE)).text())
    rows = unanswered(html)
    assert rows["khach o homestay bao cong an the nao"][1:] == ["2", "web"]
    assert rows["xin giay phep nuoi chim yen"] == ["xin giấy phép nuôi chim yến …", "1", "telegram"]
    guesses = html.xpath('//tr[@data-group="khach o homestay bao cong an the nao"]//datalist/option/@value')
    assert "2.001159" in guesses
    assert html.xpath('//nav//a[@href="/can-bo/search-lessons"]')


async def test_officers_who_are_not_administrators_are_refused(client: TestClient) -> None:
    token = await log_in(client, "chi")
    queue = page(await (await client.get("/can-bo/queue")).text())
    assert not queue.xpath('//nav//a[@href="/can-bo/search-lessons"]')
    response = await client.get(PAGE)
    assert response.status == 403 and "Chỉ quản trị viên" in await response.text()
    teach = await client.post(PAGE + "/teach", data={"csrf_token": token, "phrase": "homestay", "target": "2.001159"})
    assert teach.status == 403
    assert (await client.get(PAGE + "/export")).status == 403


async def test_one_action_maps_a_shortened_query_to_a_procedure_and_search_finds_it_at_once(
    client: TestClient, world: WebOffice
) -> None:
    await ask(client, "khách ở homestay báo công an thế nào")
    token = await log_in(client, "quantri")
    response = await client.post(
        PAGE + "/teach",
        data={
            "csrf_token": token,
            "group": "khach o homestay bao cong an the nao",
            "phrase": "khách ở homestay",
            "target": "2.001159",
        },
    )
    html = page(await response.text())
    assert response.url.path == PAGE
    assert "«khách ở homestay» được tìm như «Thông báo lưu trú»" in html.xpath('//p[@role="status"]')[0].text
    assert unanswered(html) == {}
    taught = [cell.text_content() for cell in html.xpath('//table[@id="taught"]/tbody/tr[1]/*')]
    assert taught[:4] == ["khách ở homestay", "Thông báo lưu trú", "2.001159", "quantri"]

    results = page(await (await client.get("/thu-tuc", params={"q": "khach o homestay"})).text())
    assert results.xpath('//ol[@class="results"]/li//a')[0].get("href") == "/thu-tuc/2.001159"


async def test_a_wording_is_added_as_a_synonym_and_the_export_is_a_synonyms_file(
    client: TestClient, world: WebOffice
) -> None:
    token = await log_in(client, "quantri")
    await client.post(PAGE + "/teach", data={"csrf_token": token, "phrase": "giấy hôn thú", "target": "kết hôn"})
    response = await client.get(PAGE + "/export")
    assert response.status == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    body = await response.text()
    assert "# quantri 2026-11-23T01:00:00+00:00" in body
    [synonym] = parse_synonyms(body.splitlines())
    assert (synonym.phrase, synonym.expansions) == (("giấy", "hôn", "thú"), (("kết", "hôn"),))


async def test_a_lesson_that_cannot_be_saved_says_why_and_keeps_what_was_typed(
    client: TestClient, world: WebOffice
) -> None:
    await ask(client, "lam giay to cho con")
    token = await log_in(client, "quantri")
    response = await client.post(
        PAGE + "/teach",
        data={"csrf_token": token, "group": "lam giay to cho con", "phrase": "giấy tờ cho con", "target": "9.999999"},
    )
    assert response.status == 400
    html = page(await response.text())
    assert html.xpath('//p[@role="alert"]')[0].text == "Không có thủ tục mã 9.999999."
    row = html.xpath('//tr[@data-group="lam giay to cho con"]')[0]
    assert row.xpath('.//input[@name="phrase"]/@value') == ["giấy tờ cho con"]
    assert row.xpath('.//input[@name="target"]/@value') == ["9.999999"]
    assert await world.teaching.lessons() == []


async def test_a_group_can_be_dismissed_without_teaching(client: TestClient, world: WebOffice) -> None:
    await ask(client, "alo alo")
    token = await log_in(client, "quantri")
    response = await client.post(
        PAGE + "/dismiss", data={"csrf_token": token, "group": "alo alo", "example": "alo alo"}
    )
    assert unanswered(page(await response.text())) == {}
    assert await world.teaching.lessons() == []


async def test_a_form_without_its_csrf_token_changes_nothing(client: TestClient, world: WebOffice) -> None:
    await log_in(client, "quantri")
    response = await client.post(PAGE + "/teach", data={"phrase": "homestay", "target": "2.001159"})
    assert response.status == 403
    assert await world.teaching.lessons() == []
