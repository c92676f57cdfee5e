"""What the dialogue is given for each kind of Telegram update: the real PTB Application polling the local Bot
API stand-in over HTTP, its one handler feeding a dialogue that records what it gets."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from dialogue.events import (
    Account,
    Choose,
    Command,
    ContactShared,
    FileKind,
    FileShared,
    LocationShared,
    Text,
    Unsupported,
)
from stand_ins.telegram_bot_api import CITIZEN, LocalBotApi, LocalChat, TelegramGroup, TelegramUser
from tests.telegram_world import RecordingDialogue, telegram_application

LAN = Account("telegram", str(CITIZEN.id), str(CITIZEN.id), display_name=CITIZEN.first_name)


@contextlib.asynccontextmanager
async def chat_with(
    dialogue: RecordingDialogue, attachments_dir: Path | None = None
) -> AsyncIterator[tuple[LocalBotApi, LocalChat]]:
    async with LocalBotApi() as api:
        application = telegram_application(api, dialogue, attachments_dir=attachments_dir)
        async with LocalChat.open(api, application, poll_timeout=1) as chat:
            yield api, chat


async def test_text_is_words_from_the_account_with_the_update_id_as_event_id() -> None:
    dialogue = RecordingDialogue()
    async with chat_with(dialogue) as (api, chat):
        update_id, _ = await api.send_text("giấy khai sinh")
        await api.wait_fetched(update_id)
        await chat.application.update_queue.join()
    [inbound] = dialogue.handled
    assert inbound.event == Text("giấy khai sinh")
    assert inbound.account == LAN
    assert inbound.event_id == str(update_id)
    assert inbound.origin is None


@pytest.mark.parametrize(
    ("typed", "command"),
    [
        ("/tracuu 20261202.0001", Command("tracuu", "20261202.0001")),
        ("/TraCuu@motcua_bot   20261202.0001 ", Command("tracuu", "20261202.0001")),
        ("/start tthc_1-001193", Command("start", "tthc_1-001193")),
        ("/phananh", Command("phananh", "")),
    ],
)
async def test_commands_are_named_in_lower_case_without_the_bot_and_keep_their_argument(
    typed: str, command: Command
) -> None:
    dialogue = RecordingDialogue()
    async with chat_with(dialogue) as (_, chat):
        await chat.say(typed)
    assert [inbound.event for inbound in dialogue.handled] == [command]


async def test_a_slash_that_telegram_does_not_mark_as_a_command_is_words() -> None:
    dialogue = RecordingDialogue()
    async with chat_with(dialogue) as (_, chat):
        await chat.say("1/2 tháng")
    assert [inbound.event for inbound in dialogue.handled] == [Text("1/2 tháng")]


async def test_a_pressed_button_is_a_choice_from_that_message_and_its_query_is_answered() -> None:
    dialogue = RecordingDialogue()
    async with chat_with(dialogue) as (api, chat):
        await chat.say("xin chào")
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("Tra cứu", callback_data="lk:search:2")]])
        sent = await chat.application.bot.send_message(CITIZEN.id, "Chọn:", reply_markup=markup)
        message = api.messages[(CITIZEN.id, sent.message_id)]
        exchange = await chat.press(message, "Tra cứu")
        assert api.unanswered_callback_queries() == []
        assert [call.method for call in exchange.calls] == ["answerCallbackQuery"]
    pressed = dialogue.handled[-1]
    assert pressed.event == Choose("lk:search:2")
    assert pressed.origin == str(sent.message_id)
    assert pressed.account == LAN


async def test_a_photo_is_its_largest_size_kept_on_disk_when_a_folder_is_set(tmp_path: Path) -> None:
    dialogue = RecordingDialogue()
    async with chat_with(dialogue, attachments_dir=tmp_path) as (_, chat):
        await chat.send_photo("ổ gà trước nhà số 5", file_size=200_000)
    [inbound] = dialogue.handled
    event = inbound.event
    assert isinstance(event, FileShared)
    assert event.kind == FileKind.PHOTO
    assert event.ref.endswith("-1280") and event.unique_ref is not None and event.unique_ref.endswith("-1280")
    assert event.size == 200_000 and event.mime_type == "image/jpeg"
    assert event.caption == "ổ gà trước nhà số 5"
    assert event.local_path is not None
    kept = Path(event.local_path)
    assert kept.parent == tmp_path and kept.suffix == ".jpg" and kept.stat().st_size == 200_000


async def test_a_document_keeps_its_name_and_type_and_no_copy_without_a_folder() -> None:
    dialogue = RecordingDialogue()
    async with chat_with(dialogue) as (_, chat):
        await chat.send_document("don-de-nghi.pdf", mime_type="application/pdf", file_size=12_345)
    [inbound] = dialogue.handled
    event = inbound.event
    assert isinstance(event, FileShared)
    assert (event.kind, event.name, event.mime_type, event.size) == (
        FileKind.DOCUMENT,
        "don-de-nghi.pdf",
        "application/pdf",
        12_345,
    )
    assert event.local_path is None and event.caption == ""


async def test_a_location_and_a_venue_are_places() -> None:
    dialogue = RecordingDialogue()
    async with chat_with(dialogue) as (_, chat):
        await chat.send_location(21.0285, 105.8542)
        await chat.send_location(21.03, 105.85, venue_title="Ngõ 12 Hàng Bạc")
    assert [inbound.event for inbound in dialogue.handled] == [
        LocationShared(21.0285, 105.8542),
        LocationShared(21.03, 105.85, title="Ngõ 12 Hàng Bạc"),
    ]


async def test_a_contact_is_verified_only_when_it_is_the_senders_own() -> None:
    dialogue = RecordingDialogue()
    someone = TelegramUser(id=200002, first_name="Minh")
    async with chat_with(dialogue) as (_, chat):
        await chat.share_contact("+84912345678")
        await chat.share_contact("+84987654321", owner=someone)
    assert [inbound.event for inbound in dialogue.handled] == [
        ContactShared(phone="+84912345678", name="Lan", verified=True),
        ContactShared(phone="+84987654321", name="Minh", verified=False),
    ]


@pytest.mark.parametrize("kind", ["sticker", "voice", "video"])
async def test_stickers_voice_and_video_are_unsupported(kind: str) -> None:
    dialogue = RecordingDialogue()
    async with chat_with(dialogue) as (_, chat):
        await chat.send_unreadable(kind)
    assert [inbound.event for inbound in dialogue.handled] == [Unsupported(kind)]


async def test_messages_in_a_group_do_not_reach_the_dialogue() -> None:
    dialogue = RecordingDialogue()
    async with chat_with(dialogue) as (_, chat):
        await chat.say("/phananh", group=TelegramGroup(-100200300, "Tổ dân phố 3"))
        await chat.say("xin chào")
    assert [inbound.event for inbound in dialogue.handled] == [Text("xin chào")]
