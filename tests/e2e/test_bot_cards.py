"""Cards by /tthc, deep links and paging, over HTTP against the local Bot API stand-in."""

from __future__ import annotations

import pytest

from stand_ins.telegram_bot_api import ChatMessage, LocalChat
from tests.e2e.conftest import LONG_CODE, LONG_DOCUMENTS, LONG_STEPS


def words(text: str) -> str:
    return " ".join(text.split())


async def test_tthc_with_a_code_opens_the_card(chat: LocalChat) -> None:
    (card,) = (await chat.say("/tthc 3.000347")).sent
    assert card.text.startswith("📄 Đổi giấy phép lái xe")


async def test_tthc_with_a_provincial_code_finds_the_national_procedure(chat: LocalChat) -> None:
    (card,) = (await chat.say("/tthc 3.000347.000.00.00.H12")).sent
    assert "Mã thủ tục: 3.000347" in card.text


async def test_tthc_alone_explains_how_to_use_it(chat: LocalChat) -> None:
    (answer,) = (await chat.say("/tthc")).sent
    assert "/tthc 1.001193" in answer.text


async def test_tthc_with_an_unknown_code_says_so(chat: LocalChat) -> None:
    (answer,) = (await chat.say("/tthc 9.999998")).sent
    assert "Không có thủ tục nào mang mã 9.999998" in answer.text
    (answer,) = (await chat.say("/tthc <b>")).sent
    assert "Không có thủ tục nào mang mã <b>" in answer.text
    (answer,) = (await chat.say("/tthc " + "1" * 4000)).sent
    assert len(answer.text) < 300


@pytest.mark.parametrize("parameter", ["tthc_1-001193", "tthc_1_001193", "tthc_1.001193"])
async def test_a_deep_link_opens_the_card(chat: LocalChat, parameter: str) -> None:
    (card,) = (await chat.say(f"/start {parameter}")).sent
    assert card.text.startswith("📄 Thủ tục đăng ký khai sinh")
    assert "https://t.me/motcua_bot?start=tthc_1-001193" in card.text


async def test_a_deep_link_to_an_unknown_code_says_so(chat: LocalChat) -> None:
    (answer,) = (await chat.say("/start tthc_9-999999")).sent
    assert "Không có thủ tục nào mang mã 9.999999" in answer.text


async def test_start_with_another_payload_is_a_plain_start(chat: LocalChat) -> None:
    (greeting,) = (await chat.say("/start from_website")).sent
    assert "Một Cửa bot" in greeting.text


async def test_the_share_button_links_to_the_card(chat: LocalChat) -> None:
    (card,) = (await chat.say("/tthc 1.001193")).sent
    share = card.button("Chia sẻ")
    # The dialogue's link opens the card itself (dialogue.procedure_links): the same on every channel.
    assert share.url == "https://t.me/motcua_bot?start=tthc_1-001193"


async def read_every_part(chat: LocalChat, command: str) -> list[ChatMessage]:
    """A long card comes a few messages at a time; «Xem tiếp» under the last brings the next ones."""
    parts = list((await chat.say(command)).sent)
    while any("Xem tiếp" in button.text for button in parts[-1].buttons):
        more = (await chat.press(parts[-1], "Xem tiếp")).sent
        assert more
        parts.extend(more)
    return parts


async def test_a_long_card_comes_in_parts_within_telegrams_limit_with_all_its_content(chat: LocalChat) -> None:
    """The dialogue sends a long card in parts, three at a time (issue 10: a card must not flood a chat on a
    channel that cannot page a message in place), instead of one message paged by editing."""
    first = (await chat.say(f"/tthc {LONG_CODE}")).sent
    assert len(first) == 3
    parts = await read_every_part(chat, f"/tthc {LONG_CODE}")
    total = len(parts)
    assert total >= 5
    for number, part in enumerate(parts, start=1):
        assert len(part.text) <= 4096 and len(part.html or "") <= 4096
        if number > 1:
            assert f"phần {number}/{total}" in part.text
    text = words(" ".join(part.text for part in parts))
    for item in (*LONG_DOCUMENTS, *LONG_STEPS):
        assert words(item) in text
    assert "Luật Xây dựng 50/2014/QH13" in text
