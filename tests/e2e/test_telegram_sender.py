"""The Telegram sender through the real python-telegram-bot over HTTP to the Bot API stand-in: what a
reply looks like in the chat, and what each of Telegram's refusals becomes."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from bot import texts
from bot.telegram_sender import TelegramSender
from delivery.ports import Delivered, OutgoingMessage, RetryLater, Undeliverable
from dialogue.replies import Choice, Link, Media, MediaKind, Reply, Request
from stand_ins.telegram_bot_api import LocalBotApi, TelegramUser
from tests.e2e.conftest import BOT_TOKEN

LAN = TelegramUser(id=100001, first_name="Lan")


@pytest.fixture
async def api() -> AsyncIterator[LocalBotApi]:
    async with LocalBotApi() as api:
        api.open_chat(LAN)
        yield api


@pytest.fixture
async def sender(api: LocalBotApi) -> AsyncIterator[TelegramSender]:
    bot = Bot(BOT_TOKEN, base_url=api.base_url, base_file_url=api.base_file_url)
    async with bot:
        yield TelegramSender(bot, part_spacing=0)


_ids = iter(range(1, 10_000))


def outgoing(reply: Reply, *, to: int = LAN.id, origin: str | None = None) -> OutgoingMessage:
    return OutgoingMessage(id=next(_ids), channel="telegram", recipient=str(to), reply=reply, origin=origin)


def sent_by_bot(api: LocalBotApi) -> list:
    return sorted((m for m in api.messages.values() if m.from_bot), key=lambda m: m.message_id)


async def test_a_reply_with_choices_and_a_link_is_one_formatted_message_with_an_inline_keyboard(
    api: LocalBotApi, sender: TelegramSender
) -> None:
    reply = Reply(
        "<b>Đăng ký khai sinh</b> &amp; cấp bản sao",
        buttons=((Choice("p:1.001", "Xem hồ sơ"), Choice("p:more", "Xem thêm")), (Link("Cổng DVC", "https://dvc.vn"),)),
    )
    outcome = await sender.send(outgoing(reply))
    (message,) = sent_by_bot(api)
    assert outcome == Delivered((str(message.message_id),))
    assert message.text == "Đăng ký khai sinh & cấp bản sao"
    assert [(entity.type, entity.offset, entity.length) for entity in message.entities] == [("bold", 0, 17)]
    assert [(b.text, b.callback_data, b.url) for b in message.buttons] == [
        ("Xem hồ sơ", "p:1.001", None),
        ("Xem thêm", "p:more", None),
        ("Cổng DVC", None, "https://dvc.vn"),
    ]


async def test_a_long_reply_goes_in_pieces_cut_between_words_with_the_choices_on_the_last(
    api: LocalBotApi, sender: TelegramSender
) -> None:
    words = [f"chữ{n}" for n in range(2500)]
    reply = Reply("<i>" + " ".join(words) + "</i>", buttons=((Choice("ok", "Đồng ý"),),))
    outcome = await sender.send(outgoing(reply))
    messages = sent_by_bot(api)
    assert isinstance(outcome, Delivered) and len(outcome.message_ids) == len(messages) == 5
    assert all(len(message.text) <= 4096 for message in messages)
    assert " ".join(message.text for message in messages).split() == words
    assert all(message.entities[0].type == "italic" for message in messages)
    assert [bool(message.buttons) for message in messages] == [False, False, False, False, True]


async def test_a_reply_replacing_the_pressed_message_edits_it_or_else_comes_as_a_new_message(
    api: LocalBotApi, sender: TelegramSender
) -> None:
    first = await sender.send(outgoing(Reply("Trang 1", buttons=((Choice("page:2", "Trang sau"),),))))
    assert isinstance(first, Delivered)
    origin = first.message_ids[0]
    page_two = Reply("Trang 2", buttons=((Choice("page:1", "Trang trước"),),), replaces_origin=True)
    assert await sender.send(outgoing(page_two, origin=origin)) == Delivered((origin,))
    (message,) = sent_by_bot(api)
    assert message.text == "Trang 2" and message.edit_date is not None
    assert await sender.send(outgoing(page_two, origin=origin)) == Delivered((origin,))  # nothing to change

    gone = await sender.send(outgoing(page_two, origin="999"))
    assert isinstance(gone, Delivered) and gone.message_ids != ("999",)
    assert [message.text for message in sent_by_bot(api)] == ["Trang 2", "Trang 2"]


async def test_a_phone_request_shows_the_contact_button_and_end_request_takes_it_away(
    api: LocalBotApi, sender: TelegramSender
) -> None:
    await sender.send(outgoing(Reply("Số điện thoại của bạn?", request=Request.PHONE)))
    (button,) = api.reply_keyboards[LAN.id]
    assert button.request_contact and button.text == texts.BUTTON_SHARE_PHONE
    await sender.send(outgoing(Reply("Đã ghi số điện thoại.", buttons=((Choice("s", "Gửi"),),), end_request=True)))
    assert LAN.id not in api.reply_keyboards
    assert [b.text for b in sent_by_bot(api)[-1].buttons] == ["Gửi"]

    await sender.send(outgoing(Reply("Liên hệ?", buttons=((Choice("skip", "Bỏ qua"),),), request=Request.PHONE)))
    asked, hint = sent_by_bot(api)[-2:]
    assert [b.text for b in asked.buttons] == ["Bỏ qua"] and hint.text == texts.PHONE_KEYBOARD_HINT
    assert api.reply_keyboards[LAN.id][0].request_contact


async def test_telegrams_own_photos_and_files_are_sent_again_and_other_channels_are_not(
    api: LocalBotApi, sender: TelegramSender
) -> None:
    await api.send_photo(user=LAN)
    await api.send_document("don.pdf", user=LAN)
    photo = next(file_id for file_id in api.files if file_id.startswith("photo") and file_id.endswith("-1280"))
    document = next(file_id for file_id in api.files if file_id.startswith("document"))
    reply = Reply(
        "",
        media=(
            Media(MediaKind.PHOTO, "telegram", photo, "ổ gà"),
            Media(MediaKind.DOCUMENT, "telegram", document, "don.pdf"),
            Media(MediaKind.PHOTO, "zalo", "zalo-photo-1", "ảnh từ Zalo"),
        ),
    )
    outcome = await sender.send(outgoing(reply))
    assert isinstance(outcome, Delivered) and len(outcome.message_ids) == 2
    assert [call.method for call in api.calls if call.method.startswith("send") and call.ok] == [
        "sendPhoto",
        "sendDocument",
    ]


async def test_what_telegram_refuses_becomes_an_outcome_and_a_retry_goes_on_from_the_part_refused(
    api: LocalBotApi, sender: TelegramSender
) -> None:
    api.block(LAN.id)
    assert isinstance(await sender.send(outgoing(Reply("xin chào"))), Undeliverable)
    assert isinstance(await sender.send(outgoing(Reply("xin chào"), to=424242)), Undeliverable)  # no such chat

    binh = TelegramUser(id=100002, first_name="Bình")
    api.open_chat(binh)
    api.fail_next("sendMessage")
    unreachable = await sender.send(outgoing(Reply("xin chào"), to=binh.id))
    assert isinstance(unreachable, RetryLater) and unreachable.whole_channel

    now = [0.0]
    flood = api.limit_rate(per_second=1000, per_chat_per_second=1, clock=lambda: now[0])
    long = outgoing(Reply(" ".join(["chữ"] * 2000)), to=binh.id)  # two messages
    refused = await sender.send(long)
    assert isinstance(refused, RetryLater) and refused.after_seconds >= 1 and refused.whole_channel
    assert flood.refused == 1
    now[0] += refused.after_seconds
    again = await sender.send(long)
    assert isinstance(again, Delivered) and len(again.message_ids) == 2
    texts_to_binh = [m.text for m in sent_by_bot(api) if m.chat_id == binh.id]
    assert len(texts_to_binh) == 2  # the first part was not sent twice


async def test_text_telegram_cannot_parse_goes_as_plain_text(api: LocalBotApi, sender: TelegramSender) -> None:
    outcome = await sender.send(outgoing(Reply("Giá <b>3 < 5")))
    assert isinstance(outcome, Delivered)
    assert sent_by_bot(api)[-1].text == "Giá 3 < 5"
