"""A restart of the bot half-way through a PAKN: a new Application on the same database, nothing lost (the
conversation is a row of the dialogue's, written in the commit of each step)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogue.conversation import Conversation
from feedback.service_layer.feedback_service import FeedbackService
from procedures_catalog.services import Catalog
from stand_ins.telegram_bot_api import CITIZEN, LocalBotApi
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import assert_telegram_accepted_everything, open_pakn_chat
from tests.e2e.feedback_helpers import (
    ADDRESS,
    LAN,
    NAME,
    PHONE,
    POTHOLE,
    skip_procedure,
    start_filing,
    with_button,
)


async def test_a_restart_half_way_continues_where_the_citizen_left_off(
    stand_in: LocalBotApi,
    small_catalog: Catalog,
    feedback_service: FeedbackService,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async def conversation() -> Conversation | None:
        async with SqlUnitOfWork(session_factory) as uow:
            stored = await uow.conversations.load("telegram", str(CITIZEN.id))
        return stored.conversation if stored is not None else None

    async with open_pakn_chat(stand_in, small_catalog, feedback_service, session_factory) as chat:
        await start_filing(chat)
        await chat.say(POTHOLE)
        photo = await chat.send_photo()
        await skip_procedure(chat, await chat.press(with_button(photo, "Xong"), "Xong"))
        asked = await chat.say(NAME)
        assert "Số điện thoại hoặc email" in asked.sent[0].text

    # Stopped: the conversation's place and the answers so far are in the database.
    stopped = await conversation()
    assert stopped is not None and stopped.flow is not None
    assert NAME in stopped.to_json() and POTHOLE in stopped.to_json()

    async with open_pakn_chat(stand_in, small_catalog, feedback_service, session_factory) as chat:
        noted = await chat.say(PHONE)  # taken as the contact: the bot knows the step it was at
        assert noted.sent[0].text == f"Đã ghi liên hệ: {PHONE}"
        summary = with_button(await chat.say(ADDRESS), "Gửi")
        for shown in (POTHOLE, "Kèm theo: 1 tệp", NAME, PHONE, ADDRESS):
            assert shown in summary.text

    # A second restart with the summary on screen: its "Gửi" button still works.
    async with open_pakn_chat(stand_in, small_catalog, feedback_service, session_factory) as chat:
        (receipt,) = (await chat.press(summary, "Gửi")).sent
        assert "Mã tra cứu: 20261123.0001" in receipt.text

    view = await feedback_service.track("20261123.0001", LAN)
    assert view.content == POTHOLE and view.attachments == 1
    assert view.contact is not None and view.contact.name == NAME
    finished = await conversation()
    assert finished is not None and finished.flow is None and finished.answers == {}
    assert_telegram_accepted_everything(stand_in)


async def test_search_pages_still_turn_after_a_restart(
    stand_in: LocalBotApi,
    small_catalog: Catalog,
    feedback_service: FeedbackService,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with open_pakn_chat(stand_in, small_catalog, feedback_service, session_factory) as chat:
        (results,) = (await chat.say("dang ky khai sinh")).sent
    async with open_pakn_chat(stand_in, small_catalog, feedback_service, session_factory) as chat:
        (second,) = (await chat.press(results, "Xem thêm")).edited
        assert "(kết quả 6–10)" in second.text
    assert_telegram_accepted_everything(stand_in)
