"""Who may use the officers' workspace in Telegram. Every button press is checked again by the desk, so a
citizen, an officer of another unit, or an officer whose role was taken away since the card was shown,
is refused with a clear message, and the item stays exactly as it was."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.callback_data import (
    ACCEPT,
    ANSWER,
    APOLOGISE,
    ASK_CITIZEN,
    ASSIGN,
    CLAIM,
    COLLEAGUE,
    EXTEND,
    FORWARD,
    FORWARD_UNIT,
    REFUSAL_CONFIRMED,
    REFUSAL_REASON,
    REFUSE,
    REFUSE_OTHER,
    Action,
    OfficerAct,
    OfficerList,
    OfficerOpen,
    OfficerPick,
)
from feedback.access import Role
from feedback.status import Status
from procedures_catalog.services import Catalog
from stand_ins.telegram_bot_api import CITIZEN, LocalBotApi, TelegramGroup
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import assert_telegram_accepted_everything
from tests.e2e.officer_helpers import AN, CHI, DUNG, ROAD, OfficeBot, open_office_bot, press_forged, text_of
from tests.manual_clock import Clock
from tests.office_fixture import file_item

CODE = "20261123.0001"
OFFICERS_ONLY = "Lệnh này chỉ dành cho cán bộ"
OUT_OF_REACH = "không thuộc đơn vị bạn phụ trách"

# Every button an officer can press on an item, by what it asks for.
BUTTONS: dict[str, Action] = {
    "open": OfficerOpen(CODE),
    "accept": OfficerAct(CODE, ACCEPT),
    "claim": OfficerAct(CODE, CLAIM),
    "refuse": OfficerAct(CODE, REFUSE),
    "refusal reason": OfficerPick(CODE, REFUSAL_REASON, "out_of_scope"),
    "refusal confirmed": OfficerPick(CODE, REFUSAL_CONFIRMED, "out_of_scope"),
    "refuse, typed reason": OfficerAct(CODE, REFUSE_OTHER),
    "assign": OfficerAct(CODE, ASSIGN),
    "assign to a colleague": OfficerPick(CODE, COLLEAGUE, "an"),
    "forward": OfficerAct(CODE, FORWARD),
    "forward to a unit": OfficerPick(CODE, FORWARD_UNIT, "XA-KHAC"),
    "ask the citizen": OfficerAct(CODE, ASK_CITIZEN),
    "extend": OfficerAct(CODE, EXTEND),
    "apologise": OfficerAct(CODE, APOLOGISE),
    "answer": OfficerAct(CODE, ANSWER),
}


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    """SQLite only: these checks are the bot's and the desk's, the same on any storage (the desk's own tests
    run them on PostgreSQL too), and there are many of them."""
    return sqlite_url


@pytest.fixture
async def office(
    stand_in: LocalBotApi,
    small_catalog: Catalog,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
) -> AsyncIterator[OfficeBot]:
    async with open_office_bot(stand_in, small_catalog, uow_factory, session_factory, clock) as bot:
        assert await file_item(bot.feedback, "MOT-CUA", ROAD, CITIZEN.id) == CODE
        yield bot
    assert_telegram_accepted_everything(stand_in)


async def snapshot(office: OfficeBot) -> tuple[object, ...]:
    """Everything an action could change: the item, its history, the citizen's notices."""
    item = await office.item(CODE)
    trail = await office.trail(CODE)
    pending = await office.feedback.pending_notices("telegram")
    return item.status, item.unit, item.assignee, item.due, item.version, len(trail), len(pending)


@pytest.mark.parametrize("command", ["/hangdoi", "/cuatoi", "/quahan", f"/xem {CODE}", "/xem", "/canbo"])
async def test_a_citizen_typing_an_officers_command_is_refused(office: OfficeBot, command: str) -> None:
    before = await snapshot(office)
    (refused,) = (await office.chat(CITIZEN).say(command)).sent
    assert refused.text.startswith(OFFICERS_ONLY)
    assert ROAD not in refused.text and refused.buttons == []
    assert await snapshot(office) == before


@pytest.mark.parametrize("button", list(BUTTONS))
async def test_a_citizen_pressing_an_officers_button_is_refused_and_nothing_changes(
    office: OfficeBot, button: str
) -> None:
    citizen = office.chat(CITIZEN)
    await citizen.say("/start")
    before = await snapshot(office)
    pressed = await press_forged(citizen, BUTTONS[button])
    assert pressed.sent == []
    (alert,) = pressed.answers
    assert alert["text"] == "Nút này chỉ dành cho cán bộ."
    assert await snapshot(office) == before
    assert "officer_text" not in office.application.user_data[CITIZEN.id].scratch


@pytest.mark.parametrize("button", list(BUTTONS))
async def test_an_officer_of_another_unit_is_refused_and_nothing_changes(office: OfficeBot, button: str) -> None:
    await office.desk.accept(office.office.officers["an"], CODE)  # most actions are open now, to An's unit
    dung = office.chat(DUNG)
    await dung.say("/hangdoi")
    before = await snapshot(office)
    pressed = await press_forged(dung, BUTTONS[button])
    shown = text_of(pressed)
    assert OUT_OF_REACH in shown
    assert ROAD not in shown and "0912345678" not in shown  # nothing of the item leaks
    assert await snapshot(office) == before
    assert "officer_text" not in office.application.user_data[DUNG.id].scratch


async def test_an_officer_of_another_unit_cannot_open_the_item_nor_see_it_in_lists(office: OfficeBot) -> None:
    dung = office.chat(DUNG)
    (refused,) = (await dung.say(f"/xem {CODE}")).sent
    assert OUT_OF_REACH in refused.text and ROAD not in refused.text
    assert CODE not in text_of(await dung.say("/hangdoi"))
    page = await press_forged(dung, OfficerList("q", 1))
    assert CODE not in "\n".join(message.text for message in page.messages)


async def test_a_role_taken_away_after_the_card_was_shown_stops_the_action(office: OfficeBot) -> None:
    an = office.chat(AN)
    card = await an.say(f"/xem {CODE}")
    await office.admin.revoke("an", Role.OFFICER, "MOT-CUA")
    before = await snapshot(office)
    refused = await an.press(card.last, "Tôi xử lý")
    assert OUT_OF_REACH in text_of(refused)
    assert await snapshot(office) == before


async def test_a_role_taken_away_while_typing_stops_the_answer(office: OfficeBot) -> None:
    an = office.chat(AN)
    card = await an.say(f"/xem {CODE}")
    await an.press(card.last, "Trả lời")
    review = await an.say("Đã giao tổ công trình sửa trong tuần.")
    await office.admin.revoke("an", Role.OFFICER, "MOT-CUA")
    before = await snapshot(office)
    refused = await an.press(review.last, "Gửi")
    assert OUT_OF_REACH in text_of(refused)
    assert await snapshot(office) == before
    assert (await office.item(CODE)).status == Status.RECEIVED


async def test_a_locked_account_is_treated_as_a_citizen(office: OfficeBot) -> None:
    an = office.chat(AN)
    card = await an.say(f"/xem {CODE}")
    await office.admin.deactivate("an")
    before = await snapshot(office)
    pressed = await an.press(card.last, "Tôi xử lý")
    assert [answer["text"] for answer in pressed.answers] == ["Nút này chỉ dành cho cán bộ."]
    assert OFFICERS_ONLY in text_of(await an.say("/hangdoi"))
    assert await snapshot(office) == before


@pytest.mark.parametrize("command", ["/hangdoi", "/cuatoi", "/quahan", f"/xem {CODE}"])
async def test_in_a_group_officers_commands_point_to_a_private_chat(office: OfficeBot, command: str) -> None:
    group = TelegramGroup(-1001234, "Tổ một cửa xã Tân Lập")
    (answer,) = (await office.chat(CHI).say(command, group=group)).sent
    assert answer.chat_id == group.id
    assert answer.text == "Các lệnh của cán bộ chỉ dùng trong tin nhắn riêng với bot, không dùng trong nhóm."
