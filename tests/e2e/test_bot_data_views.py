"""Who looked, in Telegram, SQLite and PostgreSQL: the officer's card shows the citizen's contact details and
resends their files, so /xem logs both before anything is sent; a card after a change logs the contact again."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.data_views import DataViews, Exposure
from procedures_catalog.services import Catalog
from stand_ins.telegram_bot_api import LocalBotApi
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import assert_telegram_accepted_everything
from tests.e2e.feedback_helpers import POTHOLE, give_contact, skip_procedure, start_filing
from tests.e2e.officer_helpers import AN, CHI, DUNG, ROAD, OfficeBot, open_office_bot, text_of, with_label
from tests.manual_clock import Clock
from tests.office_fixture import file_item


@pytest.fixture
async def office(
    stand_in: LocalBotApi,
    small_catalog: Catalog,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
) -> AsyncIterator[OfficeBot]:
    async with open_office_bot(stand_in, small_catalog, uow_factory, session_factory, clock) as bot:
        yield bot
    assert_telegram_accepted_everything(stand_in)


async def test_the_card_and_the_resent_files_are_logged(
    office: OfficeBot, uow_factory: Callable[[], SqlUnitOfWork]
) -> None:
    citizen = office.chat()
    await start_filing(citizen)
    await citizen.say(POTHOLE)
    photo = await citizen.send_photo("Ảnh chụp sáng nay")
    asked = await citizen.press(with_label(photo, "Xong"), "Xong")
    units = await skip_procedure(citizen, asked)
    await citizen.press(with_label(units, "Bỏ qua"), "Bỏ qua")
    await citizen.press(with_label(await give_contact(citizen), "Gửi"), "Gửi")
    log = DataViews(uow_factory)
    admin = office.office.officers["quantri"]

    await office.chat(CHI).say("/xem 20261123.0001")
    views = await log.for_item(admin, "20261123.0001")
    assert sorted((v.officer, v.channel, v.exposure) for v in views) == [
        ("chi", "telegram", Exposure.ATTACHMENTS),
        ("chi", "telegram", Exposure.CONTACT),
    ]
    assert {v.officer_units for v in views} == {"UBND-XA"}


async def test_an_item_without_files_logs_the_contact_only_and_a_refusal_logs_nothing(
    office: OfficeBot, uow_factory: Callable[[], SqlUnitOfWork]
) -> None:
    code = await file_item(office.feedback, "MOT-CUA", ROAD, 100001)
    log = DataViews(uow_factory)
    admin = office.office.officers["quantri"]
    await office.chat(DUNG).say("/hangdoi")
    await office.chat(DUNG).say(f"/xem {code}")  # another commune's officer: refused
    assert await log.for_item(admin, code) == []
    an = office.chat(AN)
    queue = await an.say("/hangdoi")  # the queue list shows no contact details, and leaves no trace
    assert code in text_of(queue) and "0912345678" not in text_of(queue) and "Thôn 3, xã Tân Lập" not in text_of(queue)
    assert await log.for_item(admin, code) == []
    card = await an.say(f"/xem {code}")
    await an.press(card.last, "Tiếp nhận")  # the card shown again after the change
    assert [(v.officer, v.exposure) for v in await log.for_item(admin, code)] == [
        ("an", Exposure.CONTACT),
        ("an", Exposure.CONTACT),
    ]
