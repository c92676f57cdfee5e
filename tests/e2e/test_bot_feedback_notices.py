"""Notices after an officer's action (simulated with FeedbackService.act), rating, reopening, answering a question."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.domain.lifecycle import Action
from feedback.domain.model import Actor, ActorKind
from feedback.domain.status import Status
from feedback.service_layer.feedback_service import FeedbackService
from stand_ins.telegram_bot_api import ChatMessage, LocalChat
from storage.channel_outbox import SqlOutboxStore
from tests.e2e.feedback_helpers import LAN, file_pakn, with_button
from tests.manual_clock import Clock

OFFICER = Actor(ActorKind.OFFICER, "officer-1", "Nguyễn Văn Cán")
ANSWER = "Đã giao Công ty Công trình đô thị vá ổ gà trước số 12 Lê Lợi trong tuần này <ngày 30/11>."


async def relayed(chat: LocalChat) -> None:
    """The notices relayed by the dialogue (with their choices) and sent by the delivery loop."""
    await chat.relay_notices()  # type: ignore[attr-defined]


async def filed(chat: LocalChat) -> str:
    await file_pakn(chat)
    return "20261123.0001"


async def answered(chat: LocalChat, service: FeedbackService) -> tuple[str, ChatMessage]:
    """An item filed through the bot, accepted, started and answered: its code and the answer's notice."""
    code = await filed(chat)
    for action in (Action.ACCEPT, Action.START):
        await service.act(code, action, OFFICER)
    await service.act(code, Action.ANSWER, OFFICER, note=ANSWER)
    delivered = await chat.during(relayed(chat))
    return code, with_button(delivered, "Chưa được giải quyết")


async def test_acceptance_and_answer_reach_the_citizen_and_are_marked_sent(
    pakn_chat: LocalChat, feedback_service: FeedbackService
) -> None:
    code = await filed(pakn_chat)
    assert await feedback_service.pending_notices("telegram") == []  # receiving is answered by the receipt

    await feedback_service.act(code, Action.ACCEPT, OFFICER)
    (accepted,) = (await pakn_chat.during(relayed(pakn_chat))).sent
    assert accepted.chat_id == pakn_chat.user.id
    assert accepted.text == ("🔔 Phản ánh, kiến nghị mã 20261123.0001: Đã được nhận xử lý.\nHạn trả lời: 08/12/2026")
    assert accepted.buttons == []
    assert await feedback_service.pending_notices("telegram") == []
    assert (await pakn_chat.during(relayed(pakn_chat))).sent == []  # nothing twice

    await feedback_service.act(code, Action.START, OFFICER)
    await feedback_service.act(code, Action.ANSWER, OFFICER, note=ANSWER)
    started, answer = (await pakn_chat.during(relayed(pakn_chat))).sent
    assert "Đang xử lý" in started.text
    assert "đã có kết quả trả lời" in answer.text
    assert ANSWER in answer.text and "&lt;ngày" in (answer.html or "")
    assert [button.text for button in answer.buttons] == [
        "1 ⭐",
        "2 ⭐",
        "3 ⭐",
        "4 ⭐",
        "5 ⭐",
        "Chưa được giải quyết",
    ]


async def test_one_tap_rates_the_answer(pakn_chat: LocalChat, feedback_service: FeedbackService) -> None:
    code, notice = await answered(pakn_chat, feedback_service)
    tapped = await pakn_chat.press(notice, "4 ⭐")
    assert tapped.answers and "text" not in tapped.answers[0]
    # The dialogue thanks in a new message and leaves the notice as it was (a press it no longer takes is
    # refused when it comes, on every channel), rather than editing the stars away.
    thanks = "\n".join(message.text for message in tapped.sent)
    assert f"Cảm ơn bạn đã đánh giá ★★★★☆ cho phản ánh {code}." in thanks
    assert (await feedback_service.track(code, LAN)).rating == 4


async def test_chua_duoc_giai_quyet_reopens_with_a_reason(
    pakn_chat: LocalChat, feedback_service: FeedbackService, clock: Clock
) -> None:
    code, notice = await answered(pakn_chat, feedback_service)
    chat = pakn_chat
    clock.now = clock.now.replace(day=30)  # Monday 30/11/2026
    asked = await chat.press(notice, "Chưa được giải quyết")
    assert "Vì sao việc 20261123.0001 chưa được giải quyết?" in asked.sent[0].text
    (done,) = (await chat.say("Ổ gà vẫn còn nguyên, chưa ai đến vá.")).sent
    assert done.text == "🔁 Đã mở lại phản ánh 20261123.0001 để xem xét lại. Hạn trả lời mới: 14/12/2026."
    view = await feedback_service.track(code, LAN)
    assert view.status == Status.REOPENED
    trail = await feedback_service.audit_trail(code)
    assert trail[-1].action == "reopen" and trail[-1].note == "Ổ gà vẫn còn nguyên, chưa ai đến vá."

    (again,) = (await chat.press(notice, "Chưa được giải quyết")).sent
    assert "hiện không ở trạng thái có thể mở lại" in again.text
    assert "Đổi giấy phép lái xe" in (await chat.say("doi bang lai xe")).sent[0].text


async def test_reopening_without_a_reason_and_leaving_the_question(
    pakn_chat: LocalChat, feedback_service: FeedbackService
) -> None:
    code, notice = await answered(pakn_chat, feedback_service)
    chat = pakn_chat
    await chat.press(notice, "Chưa được giải quyết")
    left = await chat.say("/huy")
    assert left.sent[0].text.startswith("Đã thôi.")
    assert (await feedback_service.track(code, LAN)).status == Status.ANSWERED

    asked = await chat.press(notice, "Chưa được giải quyết")
    (done,) = (await chat.press(with_button(asked, "không kèm lý do"), "không kèm lý do")).sent
    assert done.text.startswith("🔁 Đã mở lại phản ánh 20261123.0001")
    assert (await feedback_service.audit_trail(code))[-1].note is None


async def test_a_question_from_the_officer_is_answered_with_the_next_messages(
    pakn_chat: LocalChat, feedback_service: FeedbackService
) -> None:
    code = await filed(pakn_chat)
    for action in (Action.ACCEPT, Action.START):
        await feedback_service.act(code, action, OFFICER)
    await feedback_service.act(code, Action.ASK_CITIZEN, OFFICER, note="Xin cho biết ổ gà ở làn nào?")
    *_, question = (await pakn_chat.during(relayed(pakn_chat))).sent
    assert "cần bạn bổ sung:\n\nXin cho biết ổ gà ở làn nào?" in question.text
    assert "tạm dừng" in question.text
    asked = await pakn_chat.press(question, "Gửi thông tin bổ sung")
    assert "Gõ thông tin bổ sung cho phản ánh 20261123.0001" in asked.sent[0].text

    await pakn_chat.say("Làn bên phải, hướng ra chợ.")
    (photo,) = (await pakn_chat.send_photo()).sent
    assert "Đã nhận (27 ký tự, 1 tệp)" in photo.text
    more = await pakn_chat.say("Gần cột điện số 14.")
    (sent,) = (await pakn_chat.press(with_button(more, "Gửi"), "Gửi")).sent
    assert sent.text.startswith("✅ Đã gửi thông tin bổ sung cho phản ánh 20261123.0001")
    view = await feedback_service.track(code, LAN)
    assert view.status == Status.IN_PROGRESS
    assert view.attachments == 1
    trail = await feedback_service.audit_trail(code)
    assert trail[-1].note == "Làn bên phải, hướng ra chợ.\n\nGần cột điện số 14."

    (late,) = (await pakn_chat.press(question, "Gửi thông tin bổ sung")).sent
    assert "hiện không chờ bổ sung thông tin" in late.text


async def test_a_notice_telegram_could_not_take_goes_later_and_one_to_a_citizen_who_blocked_the_bot_is_dropped(
    pakn_chat: LocalChat,
    feedback_service: FeedbackService,
    session_factory: async_sessionmaker[AsyncSession],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The relay hands each notice to the channel outbox once; the delivery loop keeps it through a network
    failure (sent when Telegram answers again, once) and gives it up for a citizen who blocked the bot."""
    code = await filed(pakn_chat)
    await feedback_service.act(code, Action.ACCEPT, OFFICER)
    pakn_chat.api.fail_next("sendMessage")
    failed = await pakn_chat.during(relayed(pakn_chat))
    assert failed.sent == [] and [call.error for call in failed.errors] == ["Bad Gateway"]
    assert await feedback_service.pending_notices("telegram") == []  # the outbox has it now
    (later,) = (await pakn_chat.during(sent_within(pakn_chat, seconds=10))).sent
    assert "Đã được nhận xử lý" in later.text
    pakn_chat.api.calls[:] = [call for call in pakn_chat.api.calls if call.ok]  # the injected 502 was on purpose

    await feedback_service.act(code, Action.START, OFFICER)
    pakn_chat.api.block(pakn_chat.user.id)
    with caplog.at_level(logging.WARNING, logger="delivery.loop"):
        blocked = await pakn_chat.during(relayed(pakn_chat))
    assert blocked.sent == [] and "blocked" in (blocked.errors[0].error or "")
    assert (await SqlOutboxStore(session_factory).counts("telegram", now=datetime.now(UTC))).undeliverable == 1
    assert any("undeliverable" in record.getMessage() for record in caplog.records)
    pakn_chat.api.calls[:] = [call for call in pakn_chat.api.calls if call.ok]


async def sent_within(chat: LocalChat, *, seconds: float) -> None:
    """Until the bot has sent something more to the chat (the delivery loop's retry), at most `seconds`."""
    before = len([call for call in chat.api.calls if call.ok and call.method == "sendMessage"])
    for _ in range(int(seconds / 0.05)):
        if len([call for call in chat.api.calls if call.ok and call.method == "sendMessage"]) > before:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"nothing sent within {seconds} s")


async def test_a_long_answer_arrives_whole_in_several_messages_with_the_buttons_last(
    pakn_chat: LocalChat, feedback_service: FeedbackService
) -> None:
    code = await filed(pakn_chat)
    for action in (Action.ACCEPT, Action.START):
        await feedback_service.act(code, action, OFFICER)
    paragraphs = [
        f"Mục {n}: Ủy ban nhân dân phường đã kiểm tra hiện trường & giao đơn vị sửa chữa <đợt {n}>." for n in range(90)
    ]
    await feedback_service.act(code, Action.ANSWER, OFFICER, note="\n".join(paragraphs))
    sent = (await pakn_chat.during(relayed(pakn_chat))).sent
    first = next(n for n, message in enumerate(sent) if "đã có kết quả trả lời" in message.text)
    answer = sent[first:]
    assert len(answer) >= 2
    assert all(len(message.text) <= 4096 for message in answer)
    assert all(message.buttons == [] for message in answer[:-1])
    assert "Chưa được giải quyết" in [button.text for button in answer[-1].buttons]
    # Cut between words, never inside one: the words, in order, are the officer's text.
    received = " ".join(" ".join(message.text for message in answer).split())
    assert " ".join(" ".join(paragraphs).split()) in received
    assert await feedback_service.pending_notices("telegram") == []
