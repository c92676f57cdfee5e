"""Searching by free text, over HTTP, with the real Application against the local Bot API stand-in."""

from __future__ import annotations

import re

from stand_ins.telegram_bot_api import LocalChat
from tests.e2e.conftest import ESCAPE_CODE, ESCAPE_NAME


async def test_start_greets_and_shows_the_menu_as_buttons(chat: LocalChat) -> None:
    exchange = await chat.say("/start")
    (greeting,) = exchange.sent
    assert "Một Cửa bot" in greeting.text
    assert "làm sổ đỏ" in greeting.text and "đổi bằng lái" in greeting.text and "đăng ký khai sinh" in greeting.text
    # The dialogue's menu, as motcua serve runs it (PAKN is always on there).
    assert [button.text for button in greeting.buttons] == [
        "🔎 Tra cứu thủ tục",
        "📝 Gửi phản ánh, kiến nghị",
        "🔍 Tra cứu phản ánh",
        "🔒 Dữ liệu của tôi",
    ]
    prompt = await chat.press(greeting, "Tra cứu thủ tục")
    assert prompt.answers and "text" not in prompt.answers[0]
    assert "Bạn cần làm thủ tục gì?" in prompt.sent[0].text


async def test_the_command_list_is_published_on_startup(chat: LocalChat) -> None:
    assert [command["command"] for command in chat.api.commands] == [
        "start",
        "help",
        "huy",
        "tthc",
        "phananh",
        "tracuu",
        "dulieu",
    ]


async def test_help_explains_the_commands(chat: LocalChat) -> None:
    (answer,) = (await chat.say("/help")).sent
    assert "/tthc" in answer.text and "/start" in answer.text


async def test_free_text_lists_procedures_whose_buttons_open_their_cards(chat: LocalChat) -> None:
    (results,) = (await chat.say("doi bang lai xe")).sent
    assert "1. Đổi giấy phép lái xe" in results.text
    assert "Mã 3.000347 · Cấp Bộ" in results.text
    assert "điểm" not in results.text.lower()  # no scores shown
    opened = await chat.press(results, 0)
    assert opened.answers == [{"callback_query_id": opened.answers[0]["callback_query_id"]}]
    (card,) = opened.sent
    assert card.text.startswith("📄 Đổi giấy phép lái xe")
    assert "Mã thủ tục: 3.000347" in card.text
    assert "Dịch vụ công trực tuyến: toàn trình" in card.text
    assert "https://t.me/motcua_bot?start=tthc_3-000347" in card.text


async def test_more_results_page_in_place_without_the_query_in_buttons(chat: LocalChat) -> None:
    (first,) = (await chat.say("dang ky khai sinh")).sent
    assert "(kết quả 1–5)" in first.text
    assert [button.text for button in first.buttons][-1] == "Xem thêm ▶"
    assert all("khai" not in (button.callback_data or "") for button in first.buttons)

    (second,) = (await chat.press(first, "Xem thêm")).edited
    assert second.message_id == first.message_id
    assert "(kết quả 6–10)" in second.text
    # Each page numbers its results from 1, as the numbers a channel without buttons takes typed (issue 10).
    first_on_page = re.search(r"^1\. (.+)$", second.text, re.MULTILINE)
    assert first_on_page is not None and first_on_page.group(1) not in first.text
    labels = [button.text for button in second.buttons]
    assert first_on_page.group(1).startswith(labels[0].rstrip("…"))
    assert "◀ Trước" in labels

    (back,) = (await chat.press(second, "Trước")).edited
    assert back.text == first.text
    opened = await chat.press(back, 0)
    assert opened.sent[0].text.startswith("📄 Thủ tục đăng ký khai sinh")


async def test_a_forgotten_search_says_so_and_changes_nothing(chat: LocalChat) -> None:
    (old,) = (await chat.say("dang ky khai sinh")).sent
    for n in range(20):
        await chat.say(f"khai sinh {n}")
    pressed = await chat.press(old, "Xem thêm")
    # The dialogue answers in the chat (every channel can show a message; not every one an alert).
    assert len(pressed.answers) == 1
    assert [message.text for message in pressed.sent] == ["Kết quả tìm kiếm này đã cũ. Bạn hãy gõ lại việc cần tìm."]
    assert pressed.edited == []


async def test_a_code_opens_the_card_directly(chat: LocalChat) -> None:
    (card,) = (await chat.say("1.001193")).sent
    assert card.text.startswith("📄 Thủ tục đăng ký khai sinh")
    assert "Mã thủ tục: 1.001193" in card.text


async def test_an_unknown_code_says_so(chat: LocalChat) -> None:
    (answer,) = (await chat.say("9.999999")).sent
    assert "Không có thủ tục nào mang mã 9.999999" in answer.text
    assert answer.buttons == []


async def test_nonsense_gets_suggestions_and_a_hint_not_a_card(chat: LocalChat) -> None:
    exchange = await chat.say("xyzzy qwerty")
    (answer,) = exchange.sent
    assert "Chưa tìm thấy thủ tục nào khớp với «xyzzy qwerty»" in answer.text
    assert "Mẹo" in answer.text
    assert "Mã thủ tục:" not in answer.text
    if answer.buttons:  # suggestions: each opens a card
        assert all((button.callback_data or "").startswith("lk:") for button in answer.buttons)


async def test_a_name_with_markup_is_shown_as_typed(chat: LocalChat) -> None:
    (results,) = (await chat.say("thu nghiem ky tu dac biet")).sent
    assert ESCAPE_NAME in results.text
    assert "&lt;" in (results.html or "")
    (card,) = (await chat.press(results, 0)).sent
    assert ESCAPE_NAME in card.text
    assert ESCAPE_CODE in card.text
    assert "100 & 200 <đồng>" in card.text
    assert "Cấp <xã>" in card.text
    assert not any(entity.type == "bold" and entity.length == 1 for entity in card.entities)


async def test_a_very_long_query_is_answered_within_telegrams_limits(chat: LocalChat) -> None:
    (answer,) = (await chat.say("khai sinh " * 400)).sent
    assert len(answer.text) < 4096


async def test_unknown_commands_point_to_help(chat: LocalChat) -> None:
    (answer,) = (await chat.say("/frobnicate")).sent
    assert "/help" in answer.text
