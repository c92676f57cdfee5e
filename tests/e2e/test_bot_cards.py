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
    assert share.url is not None and share.url.startswith("https://t.me/share/url?url=")
    assert "tthc_1-001193" in share.url


async def read_every_page(chat: LocalChat, first: ChatMessage) -> list[ChatMessage]:
    pages = [first]
    while any(button.text.endswith("▶") for button in pages[-1].buttons):
        (edited,) = (await chat.press(pages[-1], "▶")).edited
        assert edited.message_id == first.message_id
        pages.append(edited)
    return pages


async def test_a_long_card_is_paged_within_telegrams_limit_with_all_its_content(chat: LocalChat) -> None:
    (first,) = (await chat.say(f"/tthc {LONG_CODE}")).sent
    pages = await read_every_page(chat, first)
    total = len(pages)
    assert total >= 5
    assert [button.text for button in first.buttons if "Trang" in button.text] == [f"Trang 2/{total} ▶"]
    assert f"Trang {total - 1}/{total}" in pages[-1].buttons[0].text
    for number, page in enumerate(pages, start=1):
        assert len(page.text) <= 4096 and len(page.html or "") <= 4096
        if number > 1:
            assert f"trang {number}/{total}" in page.text
    text = words(" ".join(page.text.split("\n", 2)[2] if n else page.text for n, page in enumerate(pages)))
    for item in (*LONG_DOCUMENTS, *LONG_STEPS):
        assert words(item) in text
    assert "Luật Xây dựng 50/2014/QH13" in text

    (back,) = (await chat.press(pages[-1], "◀")).edited
    assert back.text == pages[-2].text
