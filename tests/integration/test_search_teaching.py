"""The agency teaches search: unanswered queries kept without personal data, mappings picked up live."""

from __future__ import annotations

import pytest

from procedures_catalog.lessons import InvalidLesson, UnansweredReason, scrub
from procedures_catalog.model import Procedure
from procedures_catalog.services import Catalog
from procedures_catalog.teaching import SearchTeaching
from tests.manual_clock import Clock

PROCEDURES = [
    Procedure("1.001193", "Thủ tục đăng ký khai sinh", "Cấp xã"),
    Procedure("2.001159", "Thông báo lưu trú", "Cấp xã"),
    Procedure("1.000894", "Thủ tục đăng ký kết hôn", "Cấp xã"),
]


@pytest.fixture
async def catalog(uow_factory) -> Catalog:
    async with uow_factory() as uow:
        await uow.procedures.upsert(PROCEDURES)
        await uow.commit()
    return await Catalog.load(uow_factory)


def test_phone_numbers_and_email_addresses_never_reach_storage() -> None:
    text = scrub("con tôi sinh rồi, gọi 0912 345 678 hoặc +84 912.345.678, mail an.nguyen@example.vn")
    assert "0912" not in text and "345" not in text and "example" not in text
    assert text.startswith("con tôi sinh rồi")


async def test_unanswered_queries_are_grouped_and_counted_without_personal_data(
    uow_factory, catalog: Catalog, clock: Clock
) -> None:
    teaching = SearchTeaching(uow_factory, catalog)
    await teaching.record_unanswered("khách ở homestay báo công an", "api", clock.now)
    clock.advance(minutes=5)
    await teaching.record_unanswered("Khach o homestay bao cong an!", "telegram", clock.now)
    await teaching.record_unanswered("gọi em 0987654321", "web", clock.now, UnansweredReason.SEARCHED_AGAIN)
    groups = await teaching.unanswered()
    assert [(g.key, g.count) for g in groups] == [("khach o homestay bao cong an", 2), ("goi em", 1)]
    assert groups[0].channels == ("api", "telegram")
    assert groups[0].last_at == clock.now
    assert "0987654321" not in groups[1].example


async def test_a_lesson_is_picked_up_by_every_instance_and_exported(
    uow_factory, catalog: Catalog, clock: Clock
) -> None:
    other_instance = await Catalog.load(uow_factory)
    teaching = SearchTeaching(uow_factory, catalog)
    assert not catalog.search("khach o homestay").confident
    await teaching.record_unanswered("khach o homestay", "api", clock.now)
    await teaching.teach("khách ở homestay", procedure_code="2.001159", by="admin.huong", at=clock.now)

    assert catalog.search("khach o homestay").hits[0].entry.code == "2.001159"
    assert await teaching.unanswered() == []
    assert not other_instance.search("khach o homestay").confident
    clock.advance(seconds=6)
    assert await other_instance.refresh_lessons(clock.now)
    assert other_instance.search("khach o homestay").hits[0].entry.code == "2.001159"
    clock.advance(seconds=6)
    assert not await other_instance.refresh_lessons(clock.now)  # nothing new: no rebuild

    exported = await teaching.synonyms_export()
    assert "khách ở homestay\tThông báo lưu trú" in exported
    assert "admin.huong" in exported


async def test_a_lesson_with_an_unknown_procedure_or_no_words_is_refused(uow_factory, catalog: Catalog, clock) -> None:
    teaching = SearchTeaching(uow_factory, catalog)
    with pytest.raises(InvalidLesson):
        await teaching.teach("lam giay", procedure_code="9.999999", by="admin", at=clock.now)
    with pytest.raises(InvalidLesson):
        await teaching.teach("  ", expansion="đăng ký khai sinh", by="admin", at=clock.now)
    with pytest.raises(InvalidLesson):
        await teaching.teach("giấy khai sinh # x", expansion="đăng ký khai sinh", by="admin", at=clock.now)


async def test_the_json_api_records_what_it_could_not_answer(uow_factory, catalog: Catalog) -> None:
    from aiohttp.test_utils import TestClient, TestServer

    from web.app import create_app

    teaching = SearchTeaching(uow_factory, catalog)
    async with TestClient(TestServer(create_app(catalog, teaching=teaching))) as client:
        answered = await (await client.get("/api/procedures", params={"q": "dang ky ket hon"})).json()
        missed = await (await client.get("/api/procedures", params={"q": "nuôi cá bè gọi 0912345678"})).json()
        divorce = await (await client.get("/api/procedures", params={"q": "thu tuc ly hon"})).json()
    assert answered["confident"] and not missed["confident"]
    assert divorce["pointer"]["key"] == "toa-an"
    groups = await teaching.unanswered()
    assert [g.example for g in groups if g.key.startswith("nuoi")] == ["nuôi cá bè gọi …"]
    assert all(g.channels == ("api",) for g in groups)
