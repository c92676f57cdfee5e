"""The stand-in's photos, documents, contacts, reply keyboards, files and injected failures, through PTB's Bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot, KeyboardButton, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.error import BadRequest, Forbidden, NetworkError

from stand_ins.telegram_bot_api import CITIZEN, LocalBotApi
from tests.e2e.conftest import BOT_TOKEN


@pytest.fixture
async def bot(stand_in: LocalBotApi) -> AsyncIterator[Bot]:
    async with Bot(BOT_TOKEN, base_url=stand_in.base_url, base_file_url=stand_in.base_file_url) as bot:
        yield bot


async def fetched(bot: Bot) -> Message:
    (update,) = await bot.get_updates(timeout=0)
    await bot.get_updates(offset=update.update_id + 1, timeout=0)
    assert isinstance(update, Update) and update.message is not None
    return update.message


async def test_a_photo_with_a_caption_arrives_in_three_sizes_and_can_be_downloaded(
    stand_in: LocalBotApi, bot: Bot, tmp_path: Path
) -> None:
    await stand_in.send_photo("Ổ gà", file_size=12_800)
    message = await fetched(bot)
    assert message.caption == "Ổ gà" and message.text is None
    assert [size.width for size in message.photo] == [90, 320, 1280]
    largest = await bot.get_file(message.photo[-1].file_id)
    path = await largest.download_to_drive(tmp_path / "photo.jpg")
    assert path.stat().st_size == 12_800
    with pytest.raises(BadRequest, match="Wrong file_id"):
        await bot.get_file("no-such-file")


async def test_a_document_and_a_shared_contact_arrive_as_telegram_sends_them(stand_in: LocalBotApi, bot: Bot) -> None:
    await stand_in.send_document("đơn.pdf", mime_type="application/pdf", file_size=30 * 1024 * 1024)
    document = (await fetched(bot)).document
    assert document is not None and document.file_name == "đơn.pdf" and document.file_size == 30 * 1024 * 1024
    with pytest.raises(BadRequest, match="too big"):
        await bot.get_file(document.file_id)
    await stand_in.send_contact("+84912345678")
    contact = (await fetched(bot)).contact
    assert contact is not None and contact.phone_number == "+84912345678" and contact.user_id == CITIZEN.id


async def test_a_reply_keyboard_stays_until_removed(stand_in: LocalBotApi, bot: Bot) -> None:
    await stand_in.send_text("xin chào")
    markup = ReplyKeyboardMarkup([[KeyboardButton("📱 Gửi số điện thoại", request_contact=True)]])
    await bot.send_message(CITIZEN.id, "Số điện thoại?", reply_markup=markup)
    assert [(key.text, key.request_contact) for key in stand_in.reply_keyboards[CITIZEN.id]] == [
        ("📱 Gửi số điện thoại", True)
    ]
    await bot.send_message(CITIZEN.id, "Cảm ơn", reply_markup=ReplyKeyboardRemove())
    assert CITIZEN.id not in stand_in.reply_keyboards
    with pytest.raises(BadRequest, match="keyboard button text must be non-empty"):
        await bot.send_message(CITIZEN.id, "x", reply_markup=ReplyKeyboardMarkup([[KeyboardButton("")]]))


async def test_a_blocked_chat_and_an_injected_outage_fail_as_telegram_does(stand_in: LocalBotApi, bot: Bot) -> None:
    await stand_in.send_text("xin chào")
    stand_in.fail_next("sendMessage", times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(CITIZEN.id, "một")
    await bot.send_message(CITIZEN.id, "hai")
    stand_in.block(CITIZEN.id)
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_message(CITIZEN.id, "ba")
