"""Citizens on Telegram talk to the dialogue: the real PTB Application polling the Bot API stand-in over HTTP,
the replies sent by the delivery loop (choices as inline keyboards, the phone request as Telegram's
contact button), PAKN notices relayed; SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.domain.privacy_notice import NOTICE_VERSION
from feedback.domain.status import Status
from feedback.service_layer.feedback_service import FeedbackService
from procedures_catalog.services import Catalog
from procedures_catalog.synonyms import load_synonyms
from stand_ins.telegram_bot_api import CITIZEN, ChatMessage, Exchange, LocalBotApi, TelegramUser
from storage.unit_of_work import SqlUnitOfWork
from tests.dialogue.conftest import CALENDAR
from tests.dialogue.pakn_items import OFFICER, answer, in_progress
from tests.e2e.conftest import assert_telegram_accepted_everything, small_catalog_procedures
from tests.e2e.dialogue_bot import DialogueBot, open_dialogue_bot
from tests.manual_clock import Clock

POTHOLE = "Ổ gà lớn trước số 12 Lê Lợi đã ba tháng chưa được sửa, xe máy qua lại ngã liên tục."
NAME = "Trần Thị Lan"
ADDRESS = "12 Lê Lợi, phường Minh An, thành phố Hội An"
STRANGER = TelegramUser(id=300003, first_name="Khách")


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


def said(exchange: Exchange) -> str:
    return "\n".join(message.text for message in exchange.sent)


def only(exchange: Exchange) -> ChatMessage:
    sent = exchange.sent
    assert len(sent) == 1, [message.text for message in sent]
    return sent[0]


async def test_start_shows_the_menu_as_buttons_and_the_command_list_comes_from_the_dialogue(bot: DialogueBot) -> None:
    greeting = only(await bot.chat.say("/start"))
    assert greeting.text.startswith("Xin chào, Lan!") or "Lan" in greeting.text
    labels = [button.text for button in greeting.buttons]
    assert "🔎 Tra cứu thủ tục" in labels and "📝 Gửi phản ánh, kiến nghị" in labels
    assert all(button.callback_data for button in greeting.buttons)
    commands = [command["command"] for command in bot.chat.api.commands]
    assert {"start", "help", "tthc", "phananh", "tracuu", "huy"} <= set(commands)
    assert len(commands) == len(set(commands))


async def test_a_search_lists_procedures_as_buttons_and_a_press_opens_the_card(bot: DialogueBot) -> None:
    results = only(await bot.chat.say("dang ky khai sinh"))
    assert "Thủ tục đăng ký khai sinh" in results.text
    card = await bot.chat.press(results, "Thủ tục đăng ký khai sinh")
    assert "Mã thủ tục: 1.001193" in "\n".join(message.text for message in card.messages)
    assert len(card.answers) == 1  # the press was answered: the client's spinner stops


async def test_filing_with_a_photo_and_the_shared_phone_then_tracking_as_filer_and_stranger(
    bot: DialogueBot, feedback: FeedbackService, tmp_path: Path
) -> None:
    chat = bot.chat
    kinds = only(await chat.say("/phananh"))
    typed = only(await chat.press(kinds, "Phản ánh"))
    assert "mô tả" in typed.text
    received = only(await chat.say(POTHOLE))
    photo = only(await chat.send_photo("ảnh ổ gà"))
    assert "1 tệp" in photo.text
    procedure = only(await chat.press(photo, "Xong"))
    notice, asked_name = (await chat.press(procedure, "Bỏ qua")).sent  # the personal-data notice comes first
    assert "Thông báo về dữ liệu cá nhân" in notice.text and "Họ và tên" in asked_name.text and received.text
    asked_phone = only(await chat.say(NAME))
    assert [key.text for key in chat.keyboard] == ["📱 Gửi số điện thoại"]  # Telegram's own contact button
    asked_address = said(await chat.tap("📱 Gửi số điện thoại", phone_number="+84912345678"))
    assert "Đã ghi liên hệ: 0912345678" in asked_address and "Địa chỉ" in asked_address and asked_phone.text
    assert chat.keyboard == []  # the contact button is taken away once used
    summary = only(await chat.say(ADDRESS))
    assert POTHOLE in summary.text and NAME in summary.text
    receipt = "\n".join(message.text for message in (await chat.press(summary, "📨 Gửi")).sent)
    assert "Mã tra cứu: 20261123.0001" in receipt

    item = await feedback.track("20261123.0001", None)
    assert item.status == Status.RECEIVED
    assert (await feedback.item("20261123.0001")).notice_version == NOTICE_VERSION
    kept = list((tmp_path / "attachments").iterdir())
    assert len(kept) == 1 and kept[0].suffix == ".jpg"

    mine = "\n".join(message.text for message in (await chat.say("/tracuu 20261123.0001")).sent)
    assert POTHOLE in mine
    stranger = chat.other(STRANGER)
    theirs = "\n".join(message.text for message in (await stranger.say("/tracuu 20261123.0001")).sent)
    assert "20261123.0001" in theirs and POTHOLE not in theirs and NAME not in theirs


async def test_the_officers_answer_reaches_the_filer_with_stars_and_a_star_rates_it(
    bot: DialogueBot, feedback: FeedbackService
) -> None:
    chat = bot.chat
    kinds = only(await chat.say("/phananh"))
    await chat.press(kinds, "Phản ánh")
    await chat.say(POTHOLE)
    more = only(await chat.say("Đề nghị vá sớm trước mùa mưa."))
    asked = only(await chat.press(more, "Xong"))
    await chat.press(asked, "Bỏ qua")
    await chat.say(NAME)
    await chat.say("0912345678")
    summary = only(await chat.say(ADDRESS))
    await chat.press(summary, "📨 Gửi")
    code = "20261123.0001"
    await in_progress(feedback, code)
    await answer(feedback, code, "UBND phường đã giao vá ổ gà trong tuần.")
    told = await chat.during(bot.notices())
    notice = told.sent[-1]
    assert "UBND phường đã giao vá ổ gà trong tuần." in "\n".join(message.text for message in told.sent)
    stars = [button.text for button in notice.buttons]
    assert any("⭐" in label for label in stars), stars
    thanked = await chat.press(notice, next(label for label in stars if "⭐" in label))
    assert thanked.messages
    assert (await feedback.track(code, None)).status in {Status.ANSWERED, Status.CLOSED}
    assert OFFICER.name  # the answer came from an officer through the domain, not from the chat


async def test_a_sticker_is_answered_kindly_and_a_group_gets_nothing(bot: DialogueBot) -> None:
    answered = only(await bot.chat.send_unreadable("sticker"))
    assert answered.text
    from stand_ins.telegram_bot_api import TelegramGroup

    quiet = await bot.chat.say("/phananh", group=TelegramGroup(-100200300, "Tổ dân phố 3"))
    assert quiet.sent == []
    assert CITIZEN.id == bot.chat.user.id
