"""The local Bot API stand-in refuses what Telegram refuses, through python-telegram-bot's own Bot."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest

from stand_ins.telegram_bot_api import LocalBotApi
from tests.e2e.conftest import BOT_TOKEN


@pytest.fixture
async def bot_and_chat(stand_in: LocalBotApi) -> AsyncIterator[tuple[Bot, int]]:
    _, message = await stand_in.send_text("xin chào")
    async with Bot(BOT_TOKEN, base_url=stand_in.base_url, base_file_url=stand_in.base_file_url) as bot:
        yield bot, message.chat_id


async def test_well_formed_html_is_accepted_and_parsed(bot_and_chat: tuple[Bot, int]) -> None:
    bot, chat_id = bot_and_chat
    sent = await bot.send_message(chat_id, "<b>Đậm</b> &amp; <i>nghiêng</i>", parse_mode=ParseMode.HTML)
    assert sent.text == "Đậm & nghiêng"
    assert [entity.type for entity in sent.entities] == ["bold", "italic"]


@pytest.mark.parametrize("html", ["<b>không đóng", "<b><i>sai</b></i>", "<div>lạ</div>", "a </b>"])
async def test_malformed_html_is_refused_like_telegram(bot_and_chat: tuple[Bot, int], html: str) -> None:
    bot, chat_id = bot_and_chat
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(chat_id, html, parse_mode=ParseMode.HTML)


async def test_the_length_limit_counts_text_after_parsing(bot_and_chat: tuple[Bot, int]) -> None:
    bot, chat_id = bot_and_chat
    await bot.send_message(chat_id, "<b>" + "a" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(chat_id, "a" * 4097)
    with pytest.raises(BadRequest, match="empty"):
        await bot.send_message(chat_id, "<b> </b>", parse_mode=ParseMode.HTML)


async def test_callback_data_over_64_bytes_is_refused(bot_and_chat: tuple[Bot, int]) -> None:
    bot, chat_id = bot_and_chat
    fits = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="đ" * 32)]])
    await bot.send_message(chat_id, "ok", reply_markup=fits)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("quá dài", callback_data="đ" * 33)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(chat_id, "x", reply_markup=too_long)


async def test_a_malformed_keyboard_is_refused(stand_in: LocalBotApi, bot_and_chat: tuple[Bot, int]) -> None:
    _, chat_id = bot_and_chat
    async with aiohttp.ClientSession() as session:
        for markup in ('{"inline_keyboard": [{"text": "a"}]}', '{"inline_keyboard": [[{"text": "a"}]]}'):
            response = await session.post(
                f"{stand_in.base_url}{BOT_TOKEN}/sendMessage",
                data={"chat_id": str(chat_id), "text": "x", "reply_markup": markup},
            )
            assert response.status == 400
            assert (await response.json())["description"].startswith("Bad Request: can't parse inline keyboard")


async def test_an_edit_that_changes_nothing_is_refused(bot_and_chat: tuple[Bot, int]) -> None:
    bot, chat_id = bot_and_chat
    sent = await bot.send_message(chat_id, "một")
    await bot.edit_message_text("hai", chat_id=chat_id, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("hai", chat_id=chat_id, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="not found"):
        await bot.edit_message_text("ba", chat_id=chat_id, message_id=999)


async def test_unknown_chats_and_methods_fail_like_telegram(
    stand_in: LocalBotApi, bot_and_chat: tuple[Bot, int]
) -> None:
    bot, chat_id = bot_and_chat
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(424242, "x")
    async with aiohttp.ClientSession() as session:
        response = await session.post(f"{stand_in.base_url}{BOT_TOKEN}/sendVideo", data={"chat_id": "1"})
        assert response.status == 404
    with pytest.raises(BadRequest, match="Wrong file identifier"):  # photos go again only by a known file id
        await bot.send_photo(chat_id, "photo-file-9999")


async def test_every_call_is_recorded(stand_in: LocalBotApi, bot_and_chat: tuple[Bot, int]) -> None:
    bot, chat_id = bot_and_chat
    await bot.send_chat_action(chat_id, "typing")
    assert [call.method for call in stand_in.calls][-1] == "sendChatAction"
    assert stand_in.calls[-1].ok
