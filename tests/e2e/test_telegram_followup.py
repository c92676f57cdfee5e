"""The follow-ups on Telegram through the dialogue: the Bot API stand-in over HTTP, notices relayed with their
choices as inline keyboards, pressed as buttons; SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action
from feedback.domain.model import CitizenRef, Contact, Draft
from feedback.domain.status import Status
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from procedures_catalog.services import Catalog
from procedures_catalog.synonyms import load_synonyms
from stand_ins.telegram_bot_api import CITIZEN, ChatMessage, Exchange, LocalBotApi, TelegramUser
from storage.unit_of_work import SqlUnitOfWork
from tests.dialogue.conftest import CALENDAR
from tests.dialogue.pakn_items import ADDRESS, NAME, OFFICER, PHONE, POTHOLE, answer, in_progress
from tests.e2e.conftest import assert_telegram_accepted_everything, small_catalog_procedures
from tests.e2e.dialogue_bot import DialogueBot, open_dialogue_bot
from tests.manual_clock import Clock
from tests.office_fixture import TELEGRAM_IDS, build_office, cheap_hasher

LAN = CitizenRef("telegram", str(CITIZEN.id))


@pytest.fixture
async def catalog(uow_factory: Callable[[], SqlUnitOfWork]) -> Catalog:
    async with uow_factory() as uow:
        await uow.procedures.upsert(small_catalog_procedures())
        await uow.commit()
    return await Catalog.load(uow_factory, load_synonyms())


@pytest.fixture
def feedback(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> FeedbackService:
    return FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)


@pytest.fixture
async def bot(
    catalog: Catalog,
    feedback: FeedbackService,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
    tmp_path: Path,
) -> AsyncIterator[DialogueBot]:
    async with LocalBotApi() as api:
        async with open_dialogue_bot(
            api, catalog, feedback, uow_factory, session_factory, clock, attachments_dir=tmp_path / "attachments"
        ) as opened:
            yield opened
        assert_telegram_accepted_everything(api)


async def filed(feedback: FeedbackService, unit: str | None = None) -> str:
    """An item of the citizen's, filed through the service (the filing flow has tests of its own)."""
    contact = Contact(name=NAME, address=ADDRESS, phone=PHONE)
    draft = Draft(FeedbackType.PHAN_ANH, POTHOLE, contact, LAN, reply_to=str(CITIZEN.id), unit=unit)
    return (await feedback.submit(draft)).code


def said(exchange: Exchange) -> str:
    return "\n".join(message.text for message in exchange.sent)


def with_button(exchange: Exchange, label: str) -> ChatMessage:
    return next(message for message in reversed(exchange.sent) if any(label in b.text for b in message.buttons))


async def test_stars_reopening_and_a_second_answer_with_buttons(bot: DialogueBot, feedback: FeedbackService) -> None:
    chat = bot.chat
    await chat.say("/start")  # the chat exists once the citizen has written to the bot
    code = await filed(feedback)
    await in_progress(feedback, code)
    await answer(feedback, code, "Đã giao vá ổ gà trong tuần.")
    first = with_button(await chat.during(bot.notices()), "Chưa được giải quyết")
    asked = await chat.press(first, "Chưa được giải quyết")
    assert f"Vì sao việc {code} chưa được giải quyết?" in said(asked)
    reopened = said(await chat.say("Ổ gà vẫn còn nguyên."))
    assert reopened.startswith(f"🔁 Đã mở lại phản ánh {code}")

    await feedback.act(code, Action.START, OFFICER)
    await answer(feedback, code, "Lần hai: đã vá xong.")
    second = with_button(await chat.during(bot.notices()), "5 ⭐")
    assert "thuộc câu trả lời trước" in said(await chat.press(first, "5 ⭐"))
    assert (await feedback.track(code, LAN)).rating is None
    assert "★★★★☆" in said(await chat.press(second, "4 ⭐"))
    assert (await feedback.track(code, LAN)).rating == 4


async def test_the_information_asked_for_with_a_photo_then_withdrawing_another_item(
    bot: DialogueBot, feedback: FeedbackService
) -> None:
    chat = bot.chat
    await chat.say("/start")  # the chat exists once the citizen has written to the bot
    code = await filed(feedback)
    await in_progress(feedback, code)
    await feedback.act(code, Action.ASK_CITIZEN, OFFICER, note="Ổ gà ở làn nào?")
    question = with_button(await chat.during(bot.notices()), "Gửi thông tin bổ sung")
    assert "Gõ thông tin bổ sung" in said(await chat.press(question, "Gửi thông tin bổ sung"))
    await chat.say("Làn bên phải.")
    photo = await chat.send_photo("gần cột điện 14")
    assert "1 tệp" in said(photo)
    sent = said(await chat.press(with_button(photo, "Gửi"), "Gửi"))
    assert sent.startswith(f"✅ Đã gửi thông tin bổ sung cho phản ánh {code}")
    view = await feedback.track(code, LAN)
    assert view.status == Status.IN_PROGRESS and view.attachments == 1

    other = await filed(feedback)
    asked = await chat.say(f"tôi muốn rút phản ánh {other}")
    done = said(await chat.press(with_button(asked, "Rút, không nêu lý do"), "Rút, không nêu lý do"))
    assert done.startswith(f"↩️ Đã rút phản ánh {other}")
    assert (await feedback.track(other, LAN)).status == Status.WITHDRAWN


async def test_the_officer_told_of_a_reopening_opens_the_item_from_the_alert_s_button(
    catalog: Catalog,
    feedback: FeedbackService,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
) -> None:
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    office = await build_office(admin)
    async with LocalBotApi() as api:
        desk = OfficerDesk(feedback, admin)
        async with open_dialogue_bot(api, catalog, feedback, uow_factory, session_factory, clock, desk=desk) as bot:
            citizen, officer = bot.chat, bot.chat.other(TelegramUser(TELEGRAM_IDS["an"], "An"))
            for person in (citizen, officer):
                await person.say("/start")  # a bot writes only to whoever opened a chat with it
            code = await filed(feedback, unit="MOT-CUA")
            await in_progress(feedback, code)
            await answer(feedback, code, "Đã giao vá ổ gà trong tuần.")
            notice = with_button(await citizen.during(bot.notices()), "Chưa được giải quyết")
            await citizen.press(notice, "Chưa được giải quyết")
            await citizen.say("Ổ gà vẫn còn nguyên.")

            await bot.notices()  # the relay, woken by the reopening, may have sent it already
            to_an = [message for message in api.messages.values() if message.chat_id == TELEGRAM_IDS["an"]]
            alert = next(message for message in reversed(to_an) if f"mở lại phản ánh {code}" in message.text)
            assert [button.text for button in alert.buttons] == ["Xem phản ánh"]
            assert "Ổ gà vẫn còn nguyên." in alert.text and office.officers["an"].telegram_user_id == alert.chat_id
            card = said(await officer.press(alert, "Xem phản ánh"))
            assert code in card and POTHOLE in card
        assert_telegram_accepted_everything(api)
