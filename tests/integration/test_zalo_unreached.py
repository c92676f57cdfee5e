"""An answer given long after the citizen last wrote on Zalo, where the agency has no ZNS template for it, is
not lost: Zalo holds it, the filer's tracking page shows it with a line saying it will come on Zalo too, the
officers' queue, item page and card say the citizen has not been reached since then; the citizen writes on Zalo,
it is delivered, and both markers are gone. On SQLite and PostgreSQL.

Today only a web filer holds a PIN; the item here was filed on Zalo and given one, to open the filer's
page for it (what a Zalo filer would see once their receipt carries a PIN)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import lxml.html
from aiohttp.test_utils import TestClient, TestServer

from dialogue import officer_choices as oc
from dialogue import officer_views
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import CitizenRef, Contact, Draft
from feedback.domain.queue import QueueFilter
from feedback.domain.status import Status
from tests.integration.test_zalo_dialogue import CALENDAR, ZaloWorld, expect, zalo_world
from tests.manual_clock import Clock
from tests.office_fixture import build_office, cheap_hasher
from tests.web_office import create_app_over, log_in
from web import texts

PIN = "274915"
ANSWER = "Xã đã thay bóng đèn đường thôn 3 sáng nay, bà kiểm tra giúp."
UNREACHED = "Chưa báo được cho người dân trên Zalo (đang chờ người dân nhắn lại OA) từ"
IN_QUEUE = "Chưa báo được người dân từ"
EVERY_STATUS = QueueFilter(statuses=frozenset(Status))


async def file_on_zalo_with_pin(world: ZaloWorld) -> str:
    contact = Contact(name="Hoàng Thị Hoa", address="Thôn 3, xã Tân Lập", phone="0912345678")
    citizen = CitizenRef("zalo", world.citizen.user_id)
    draft = Draft(
        FeedbackType.PHAN_ANH,
        "Đèn đường thôn 3 hỏng cả tháng nay.",
        contact,
        citizen,
        reply_to=world.citizen.user_id,
        unit="MOT-CUA",
        pin_hash=cheap_hasher().hash(PIN),
    )
    return (await world.feedback.submit(draft)).code


async def filer_page(client: TestClient, code: str) -> str:
    """The item's page as its filer opens it with the code and the PIN."""
    page = await client.get("/phan-anh/tra-cuu", params={"ma": code})
    token = lxml.html.fromstring(await page.text()).xpath("//input[@name='csrf_token']")[0].get("value")
    response = await client.post("/phan-anh/tra-cuu", data={"csrf_token": token, "ma": code, "pin": PIN})
    assert response.url.path == f"/phan-anh/tra-cuu/{code}", await response.text()
    return await response.text()


def held_section(html: str) -> str | None:
    sections = lxml.html.fromstring(html).xpath("//section[@aria-labelledby='held-heading']")
    return " ".join(sections[0].text_content().split()) if sections else None


async def queue_row(client: TestClient, code: str) -> str:
    """The item's row in the officer's queue of every status (an answered item has left the default one), as text."""
    page = lxml.html.fromstring(await (await client.get("/can-bo/queue", params={"status": "all"})).text())
    rows = page.xpath(f"//tr[@data-code='{code}']")
    assert rows, f"{code} is not in the queue"
    return " ".join(rows[0].text_content().split())


def ten_working_days_ago() -> datetime:
    now = datetime.now(UTC)
    moment = now
    while CALENDAR.working_days_between(moment.date(), now.date()) < 10:
        moment -= timedelta(days=1)
    return moment


async def held_count_becomes(world: ZaloWorld, count: int) -> None:
    for _ in range(400):
        if await world.held() == count:
            return
        await asyncio.sleep(0.025)
    raise AssertionError(f"{await world.held()} held, not {count}")


async def test_an_answer_outside_the_window_is_held_shown_to_the_filer_and_officers_and_delivered_when_they_write(
    uow_factory, session_factory, tmp_path: Path
) -> None:
    async with zalo_world(uow_factory, session_factory) as world:
        office = await build_office(world.admin)
        an = office.officers["an"]
        await expect(world.citizen.send_text("xin chào"))
        await world.heard(1)
        code = await file_on_zalo_with_pin(world)
        last_wrote = ten_working_days_ago()
        world.oa.interacted(world.citizen.user_id, at=last_wrote)  # Zalo's window closed long ago
        await world.desk.answer(an, code, ANSWER)
        await held_count_becomes(world, 3)  # accepted, in progress, answered: no ZNS template, so kept
        assert len(world.oa.messages_to(world.citizen.user_id)) == 1, "nothing reached them since the greeting"

        web = await create_app_over(uow_factory, Clock(datetime.now(UTC)), tmp_path, portal=True, office=office)
        async with TestClient(TestServer(web.app)) as client:
            public = await (await client.get("/phan-anh/tra-cuu", params={"ma": code})).text()
            assert held_section(public) is None and ANSWER not in public, "a stranger with the code reads none of it"

            held = held_section(await filer_page(client, code))
            assert held is not None and ANSWER in held and code in held, held
            assert texts.PORTAL_HELD_HEADING.format(channel="Zalo") in held
            assert "cũng sẽ đến với bạn trên Zalo ngay khi bạn nhắn một tin bất kỳ cho tài khoản Zalo OA" in held

            await log_in(client, "an")
            item_page = await (await client.get(f"/can-bo/items/{code}")).text()
            assert UNREACHED in item_page and "câu trả lời" in item_page
            # The queue says so on the item's row, in both channels, so an officer can phone before opening it.
            assert IN_QUEUE in await queue_row(client, code)
            assert IN_QUEUE in officer_views.queue_page(oc.UNIT_QUEUE, await world.desk.queue(an, EVERY_STATUS))
            card = officer_views.item(await world.desk.item(an, code), with_actions=True)
            assert "Chưa báo được cho người dân trên Zalo</b> (đang chờ người dân nhắn lại OA) từ" in card

            await expect(world.citizen.send_text("Cho hỏi phản ánh của tôi thế nào rồi?"))
            await world.message_with(ANSWER)
            await held_count_becomes(world, 0)
            assert UNREACHED not in await (await client.get(f"/can-bo/items/{code}")).text()
            assert IN_QUEUE not in await queue_row(client, code)
            assert IN_QUEUE not in officer_views.queue_page(oc.UNIT_QUEUE, await world.desk.queue(an, EVERY_STATUS))
            assert "Chưa báo được" not in officer_views.item(await world.desk.item(an, code), with_actions=True)
            assert held_section(await filer_page(client, code)) is None
