"""Who may use the officers' workspace on Telegram, through the dialogue. Every button press is checked again
by the desk, so a citizen, an officer of another unit, or an officer whose role was taken away since the card
was shown, is refused with a clear message, and the item stays exactly as it was."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogue import officer_choices as oc
from feedback.domain.access import Role
from feedback.domain.status import Status
from procedures_catalog.services import Catalog
from stand_ins.telegram_bot_api import CITIZEN, LocalBotApi, TelegramGroup
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import assert_telegram_accepted_everything
from tests.e2e.officer_helpers import AN, CHI, DUNG, ROAD, OfficeBot, open_office_bot, press, press_forged, text_to
from tests.manual_clock import Clock

CODE = "20261123.0001"
OFFICERS_ONLY = "Lệnh này chỉ dành cho cán bộ"
OUT_OF_REACH = "không thuộc đơn vị bạn phụ trách"

# Every button an officer can press on an item, by what it asks for.
BUTTONS: dict[str, str] = {
    "open": f"of:o:{CODE}",
    "accept": f"of:a:{CODE}:accept",
    "claim": f"of:a:{CODE}:claim",
    "refuse": f"of:a:{CODE}:refuse",
    "refusal reason": oc.pick(CODE, oc.REASON, "out_of_scope", "?").id,
    "refusal confirmed": oc.pick(CODE, oc.REASON_CONFIRMED, "out_of_scope", "?").id,
    "refuse, typed reason": f"of:a:{CODE}:refuse_other",
    "assign": f"of:a:{CODE}:assign",
    "assign to a colleague": oc.pick(CODE, oc.COLLEAGUE, "an", "?").id,
    "forward": f"of:a:{CODE}:forward",
    "forward to a unit": oc.pick(CODE, oc.UNIT, "XA-KHAC", "?").id,
    "ask the citizen": f"of:a:{CODE}:ask",
    "extend": f"of:a:{CODE}:extend",
    "apologise": f"of:a:{CODE}:apologise",
    "answer": f"of:a:{CODE}:answer",
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
        assert await bot.filed() == CODE
        await bot.told()  # the receipt's notice, out of the way
        yield bot
    assert_telegram_accepted_everything(stand_in)


async def snapshot(office: OfficeBot) -> tuple[object, ...]:
    """Everything an action could change: the item, its history, the citizen's notices."""
    item = await office.item(CODE)
    trail = await office.trail(CODE)
    told = [message for message in await office.told() if not message.text.startswith(OFFICERS_ONLY)]
    return item.status, item.unit, item.assignee, item.due, item.version, len(trail), len(told)


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
    before = await snapshot(office)
    pressed = await press_forged(citizen, BUTTONS[button])
    (refused,) = pressed.sent
    assert refused.text.startswith(OFFICERS_ONLY) and ROAD not in refused.text
    assert await snapshot(office) == before
    assert "Bạn đã thôi" not in text_to(await citizen.say("/huy"), CITIZEN)  # nothing was being typed


@pytest.mark.parametrize("button", list(BUTTONS))
async def test_an_officer_of_another_unit_is_refused_and_nothing_changes(office: OfficeBot, button: str) -> None:
    await office.desk.accept(office.office.officers["an"], CODE)  # most actions are open now, to An's unit
    dung = office.chat(DUNG)
    await dung.say("/hangdoi")
    before = await snapshot(office)
    pressed = await press_forged(dung, BUTTONS[button])
    shown = text_to(pressed, DUNG)
    assert OUT_OF_REACH in shown
    assert ROAD not in shown and "0912345678" not in shown  # nothing of the item leaks
    assert await snapshot(office) == before


async def test_an_officer_of_another_unit_cannot_open_the_item_nor_see_it_in_lists(office: OfficeBot) -> None:
    dung = office.chat(DUNG)
    (refused,) = (await dung.say(f"/xem {CODE}")).sent
    assert OUT_OF_REACH in refused.text and ROAD not in refused.text
    assert CODE not in text_to(await dung.say("/hangdoi"), DUNG)
    page = await press_forged(dung, "of:l:q:1")
    assert CODE not in "\n".join(message.text for message in page.messages)


async def test_a_role_taken_away_after_the_card_was_shown_stops_the_action(office: OfficeBot) -> None:
    an = office.chat(AN)
    card = await an.say(f"/xem {CODE}")
    await office.admin.revoke("an", Role.OFFICER, "MOT-CUA")
    before = await snapshot(office)
    refused = await press(an, card, "Tôi xử lý")
    assert OUT_OF_REACH in text_to(refused, AN)
    assert await snapshot(office) == before


async def test_a_role_taken_away_while_typing_stops_the_answer(office: OfficeBot) -> None:
    an = office.chat(AN)
    card = await an.say(f"/xem {CODE}")
    await press(an, card, "Trả lời")
    review = await an.say("Đã giao tổ công trình sửa trong tuần.")
    await office.admin.revoke("an", Role.OFFICER, "MOT-CUA")
    before = await snapshot(office)
    refused = await press(an, review, "Gửi")
    assert OUT_OF_REACH in text_to(refused, AN)
    assert await snapshot(office) == before
    assert (await office.item(CODE)).status == Status.RECEIVED


async def test_a_locked_account_is_treated_as_a_citizen(office: OfficeBot) -> None:
    an = office.chat(AN)
    card = await an.say(f"/xem {CODE}")
    await office.admin.deactivate("an")
    before = await snapshot(office)
    pressed = await press(an, card, "Tôi xử lý")
    assert text_to(pressed, AN).startswith(OFFICERS_ONLY)
    assert OFFICERS_ONLY in text_to(await an.say("/hangdoi"), AN)
    assert await snapshot(office) == before


@pytest.mark.parametrize("command", ["/hangdoi", "/cuatoi", "/quahan", f"/xem {CODE}"])
async def test_in_a_group_officers_commands_show_nothing(office: OfficeBot, command: str) -> None:
    """Only private chats reach the dialogue (bot.inbound): nothing of an item is said where others read."""
    group = TelegramGroup(-1001234, "Tổ một cửa xã Tân Lập")
    before = await snapshot(office)
    assert [m for m in (await office.chat(CHI).say(command, group=group)).sent if m.chat_id == group.id] == []
    assert await snapshot(office) == before
