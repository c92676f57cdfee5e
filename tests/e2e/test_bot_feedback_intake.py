"""Filing a PAKN through the real bot, over HTTP against the local Bot API stand-in, on a real database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.domain.intake_limits import IntakeLimits
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import AttachmentKind
from feedback.domain.status import Status
from feedback.domain.units import Unit
from feedback.service_layer.feedback_service import FeedbackService
from procedures_catalog.services import Catalog
from stand_ins.telegram_bot_api import LocalBotApi, LocalChat
from storage.access_models import UnitRecord
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import CALENDAR, assert_telegram_accepted_everything, open_pakn_chat
from tests.e2e.feedback_helpers import (
    ADDRESS,
    LAN,
    LAN_CONTACT,
    NAME,
    PHONE,
    POTHOLE,
    count_items,
    give_contact,
    give_content,
    reach_summary,
    skip_procedure,
    start_filing,
    submit_directly,
    with_button,
)
from tests.manual_clock import Clock


async def test_the_menu_and_the_command_list_offer_filing_and_tracking(pakn_chat: LocalChat) -> None:
    (greeting,) = (await pakn_chat.say("/start")).sent
    assert [button.text for button in greeting.buttons] == [
        "🔎 Tra cứu thủ tục",
        "📝 Gửi phản ánh, kiến nghị",
        "🔍 Tra cứu phản ánh",
        "🔒 Dữ liệu của tôi",
    ]
    assert [command["command"] for command in pakn_chat.api.commands] == [  # the dialogue's, in its order
        "start",
        "help",
        "huy",
        "tthc",
        "phananh",
        "tracuu",
        "dulieu",
    ]
    (help_text,) = (await pakn_chat.say("/help")).sent
    assert "/phananh" in help_text.text and "/tracuu" in help_text.text and "/huy" in help_text.text
    asked = await pakn_chat.press(greeting, "Gửi phản ánh")
    assert "Phản ánh" in asked.sent[0].text and "Kiến nghị" in asked.sent[0].text
    assert [button.text for button in asked.sent[0].buttons] == ["📣 Phản ánh", "💡 Kiến nghị", "✖ Huỷ"]


async def draft_left(uow_factory: Callable[[], SqlUnitOfWork], chat: LocalChat) -> tuple[object, ...]:
    """What the dialogue keeps of the citizen's conversation: the flow they are in and its answers."""
    async with uow_factory() as uow:
        stored = await uow.conversations.load("telegram", str(chat.user.id))
    assert stored is not None
    return stored.conversation.flow, stored.conversation.answers


async def test_a_citizen_files_a_phan_anh_and_gets_the_code_and_the_legal_deadline(
    pakn_chat: LocalChat, feedback_service: FeedbackService, uow_factory: Callable[[], SqlUnitOfWork]
) -> None:
    started = await pakn_chat.say("/phananh")
    (question,) = started.sent
    assert "Phản ánh</b>: báo việc áp dụng quy định" in (question.html or "")
    assert "Kiến nghị" in question.text and "Khiếu nại và tố cáo" in question.text

    typed = await pakn_chat.press(question, "Kiến nghị")
    assert typed.edited[0].text == "Loại: Kiến nghị"
    assert "mô tả rõ sự việc" in typed.sent[0].text

    received = await pakn_chat.say(POTHOLE)
    assert received.sent[0].text.startswith(f"Đã nhận ({len(POTHOLE)} ký tự, 0 tệp)")
    more = await pakn_chat.say("Đề nghị phường cho vá sớm trước mùa mưa.")
    procedure_question = await pakn_chat.press(with_button(more, "Xong"), "Xong")
    assert "thủ tục hành chính nào" in procedure_question.sent[0].text

    found = await pakn_chat.say("khai sinh")
    choices = with_button(found, "Bỏ qua")
    assert any("đăng ký khai sinh" in button.text for button in choices.buttons)
    picked = await pakn_chat.press(choices, "Thủ tục đăng ký khai sinh")
    assert picked.edited[0].text.startswith("Thủ tục liên quan: Thủ tục đăng ký khai sinh")
    assert "Họ và tên" in picked.sent[-1].text

    summary = with_button(await give_contact(pakn_chat), "Gửi")
    assert "Kiểm tra lại trước khi gửi" in summary.text
    for shown in ("Loại: Kiến nghị", POTHOLE, "Đề nghị phường", NAME, PHONE, ADDRESS, "Thủ tục đăng ký khai sinh"):
        assert shown in summary.text
    assert [button.text for button in summary.buttons] == [
        "📨 Gửi",
        "✏️ Loại",
        "✏️ Nội dung",
        "✏️ Thủ tục",
        "✏️ Đơn vị",
        "✏️ Họ tên",
        "✏️ Liên hệ",
        "✏️ Địa chỉ",
        "✖ Huỷ",
    ]
    assert "Gửi đến: bộ phận tiếp nhận chuyển đến đúng nơi" in summary.text  # no units set up: not asked

    sent = await pakn_chat.press(summary, "Gửi")
    (receipt,) = sent.sent
    assert "Đã tiếp nhận kiến nghị của bạn" in receipt.text
    assert "Mã tra cứu: 20261123.0001" in receipt.text
    # 10 working days after Monday 23/11/2026, with Tuesday 24/11 (Ngày Văn hóa Việt Nam) off.
    assert "Hạn trả lời: 08/12/2026 (10 ngày làm việc)" in receipt.text

    view = await feedback_service.track("20261123.0001", LAN)
    assert view.type == FeedbackType.KIEN_NGHI and view.status == Status.RECEIVED
    assert view.content == POTHOLE + "\n\nĐề nghị phường cho vá sớm trước mùa mưa."
    assert view.contact == LAN_CONTACT
    assert view.procedure_code == "1.001193"
    assert view.due == date(2026, 12, 8)
    assert await draft_left(uow_factory, pakn_chat) == (None, {})

    after = await pakn_chat.say("doi bang lai xe")  # the conversation is over: text is a search again
    assert "Đổi giấy phép lái xe" in after.sent[0].text


async def test_the_citizen_addresses_the_pakn_to_a_unit_found_by_typing_without_diacritics(
    pakn_chat: LocalChat, feedback_service: FeedbackService, uow_factory: Callable[[], SqlUnitOfWork]
) -> None:
    async with uow_factory() as uow:
        await uow.units.add(Unit("UBND-XA", "UBND xã Tân Lập"))
        await uow.units.add(Unit("MOT-CUA", "Bộ phận một cửa", "UBND-XA"))
        await uow.units.add(Unit("DIA-CHINH", "Công chức địa chính - xây dựng", "UBND-XA"))
        await uow.commit()
    await start_filing(pakn_chat)
    asked = await skip_procedure(pakn_chat, await give_content(pakn_chat))
    question = with_button(asked, "Bỏ qua")
    assert "gửi đến đơn vị nào" in question.text
    assert [button.text for button in question.buttons] == [
        "UBND xã Tân Lập",
        "Công chức địa chính - xây dựng",
        "Bộ phận một cửa",
        "Bỏ qua ▶",
    ]

    nothing = await pakn_chat.say("cong an")
    assert "Không tìm thấy đơn vị nào khớp với «cong an»" in nothing.sent[0].text
    found = await pakn_chat.say("dia chinh")
    choices = with_button(found, "Bỏ qua")
    assert [button.text for button in choices.buttons] == ["Công chức địa chính - xây dựng", "Bỏ qua ▶"]
    picked = await pakn_chat.press(choices, "Công chức địa chính - xây dựng")
    assert picked.edited[0].text == "Gửi đến: Công chức địa chính - xây dựng"
    assert "Họ và tên" in picked.sent[-1].text

    summary = with_button(await give_contact(pakn_chat), "Gửi")
    assert "Gửi đến: Công chức địa chính - xây dựng" in summary.text
    # Changed from the summary: the question comes again, then the summary.
    asked_again = await pakn_chat.press(summary, "✏️ Đơn vị")
    repicked = await pakn_chat.press(with_button(asked_again, "Bộ phận một cửa"), "Bộ phận một cửa")
    summary = with_button(repicked, "Gửi")
    assert "Gửi đến: Bộ phận một cửa" in summary.text

    receipt = (await pakn_chat.press(summary, "Gửi")).sent[0]
    assert "Mã tra cứu: 20261123.0001" in receipt.text
    assert (await feedback_service.item("20261123.0001")).unit == "MOT-CUA"


async def test_a_unit_removed_while_the_citizen_was_filing_is_explained_and_the_draft_kept(
    pakn_chat: LocalChat,
    feedback_service: FeedbackService,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        session.add(UnitRecord(code="MOT-CUA", name="Bộ phận một cửa"))
        await session.commit()
    await start_filing(pakn_chat)
    asked = await skip_procedure(pakn_chat, await give_content(pakn_chat))
    await pakn_chat.press(with_button(asked, "Bộ phận một cửa"), "Bộ phận một cửa")
    summary = with_button(await give_contact(pakn_chat), "Gửi")
    async with session_factory() as session:
        await session.execute(delete(UnitRecord))
        await session.commit()
    refused = await pakn_chat.press(summary, "Gửi")
    assert "không còn trong danh sách" in refused.sent[0].text
    assert await count_items(session_factory) == 0
    again = with_button(refused, "Gửi")
    assert "Gửi đến: bộ phận tiếp nhận chuyển đến đúng nơi" in again.text
    assert "Mã tra cứu" in (await pakn_chat.press(again, "Gửi")).sent[0].text


async def test_a_photo_alone_is_a_complete_content(pakn_chat: LocalChat, feedback_service: FeedbackService) -> None:
    await start_filing(pakn_chat)
    photo = await pakn_chat.send_photo()
    assert photo.sent[0].text.startswith("Đã nhận (0 ký tự, 1 tệp)")
    document = await pakn_chat.send_document("bien-ban.pdf", caption="Biên bản hiện trường")
    assert document.sent[0].text.startswith("Đã nhận (20 ký tự, 2 tệp)")
    asked = await pakn_chat.press(with_button(document, "Xong"), "Xong")
    await skip_procedure(pakn_chat, asked)
    summary = with_button(await give_contact(pakn_chat), "Gửi")
    assert "Kèm theo: 2 tệp" in summary.text
    (receipt,) = (await pakn_chat.press(summary, "Gửi")).sent
    assert "Mã tra cứu: 20261123.0001" in receipt.text

    view = await feedback_service.track("20261123.0001", LAN)
    assert view.attachments == 2 and view.content == "Biên bản hiện trường"


async def test_a_photo_needs_a_few_words_and_is_stored_with_the_largest_size(
    pakn_chat: LocalChat, uow_factory: Callable[[], SqlUnitOfWork]
) -> None:
    await start_filing(pakn_chat)
    photo = await pakn_chat.send_photo()
    refused = await pakn_chat.press(with_button(photo, "Xong"), "Xong")
    assert "mô tả sự việc" in refused.messages[-1].text  # a photo alone tells the officer nothing
    captioned = await pakn_chat.send_photo(caption="Ổ gà trước số 12")
    asked = await pakn_chat.press(with_button(captioned, "Xong"), "Xong")
    await skip_procedure(pakn_chat, asked)
    summary = with_button(await give_contact(pakn_chat), "Gửi")
    await pakn_chat.press(summary, "Gửi")
    async with uow_factory() as uow:
        item = await uow.feedback.get("20261123.0001")
    assert item is not None and item.content == "Ổ gà trước số 12"
    first, second = item.attachments
    assert first.kind == second.kind == AttachmentKind.PHOTO
    assert first.file_id.endswith("-1280") and first.size == 180_000


async def test_attachments_are_copied_to_the_attachments_directory_when_one_is_set(
    stand_in: LocalBotApi,
    small_catalog: Catalog,
    feedback_service: FeedbackService,
    session_factory: async_sessionmaker[AsyncSession],
    uow_factory: Callable[[], SqlUnitOfWork],
    tmp_path: Path,
) -> None:
    files = tmp_path / "attachments"
    async with open_pakn_chat(
        stand_in, small_catalog, feedback_service, session_factory, attachments_dir=files
    ) as chat:
        await start_filing(chat)
        await chat.send_photo("Ổ gà trước số 12 Lê Lợi", file_size=64_000)
        await chat.send_document("../../etc/passwd.PDF", file_size=1_000)  # a name is never a path
        chat.api.fail_next("getFile")  # Telegram hiccups: the file id alone is kept, the citizen goes on
        received = await chat.send_document("bien ban.pdf", file_size=2_000)
        assert received.sent[0].text.startswith("Đã nhận (")
        assert "3 tệp" in received.sent[0].text
        await skip_procedure(chat, await chat.press(with_button(received, "Xong"), "Xong"))
        await chat.press(with_button(await give_contact(chat), "Gửi"), "Gửi")
    async with uow_factory() as uow:
        item = await uow.feedback.get("20261123.0001")
    assert item is not None
    photo, document, lost = item.attachments
    assert photo.local_path is not None and Path(photo.local_path).parent == files
    assert Path(photo.local_path).suffix == ".jpg" and Path(photo.local_path).stat().st_size == 64_000
    assert document.local_path is not None and Path(document.local_path).parent == files
    assert Path(document.local_path).suffix == ".pdf" and document.file_name == "../../etc/passwd.PDF"
    assert lost.local_path is None and lost.file_id
    assert len(list(files.iterdir())) == 2
    stand_in.calls[:] = [call for call in stand_in.calls if call.ok]  # the refused getFile was on purpose
    assert_telegram_accepted_everything(stand_in)


async def test_a_too_short_content_or_something_else_is_asked_again(pakn_chat: LocalChat) -> None:
    await start_filing(pakn_chat)
    short = await pakn_chat.press(with_button(await pakn_chat.say("Ổ gà"), "Xong"), "Xong")
    assert "Nội dung ngắn quá (cần ít nhất 10 ký tự" in short.sent[0].text
    not_content = await pakn_chat.share_contact("0912345678")
    # A place is content now (issue 10: a flooded road is shown by its location), and the step says so.
    assert "chữ, ảnh, tệp (PDF, Word…) hoặc vị trí trên bản đồ" in not_content.sent[0].text
    longer = await pakn_chat.say("trước số 12 Lê Lợi")
    asked = await pakn_chat.press(with_button(longer, "Xong"), "Xong")
    assert "thủ tục hành chính nào" in asked.sent[0].text


async def test_bad_phone_numbers_are_explained_and_what_was_entered_is_kept(
    pakn_chat: LocalChat, feedback_service: FeedbackService
) -> None:
    await start_filing(pakn_chat)
    await skip_procedure(pakn_chat, await give_content(pakn_chat))
    asked = await pakn_chat.say(NAME)
    assert "Số điện thoại hoặc email" in asked.sent[0].text
    assert [(button.text, button.request_contact) for button in pakn_chat.keyboard] == [("📱 Gửi số điện thoại", True)]

    answers = {
        "09123": "thiếu số",
        "09123456789": "thừa số",
        "0912abc678": "không được có chữ cái",
        "+1 202 555 0100": "không phải số điện thoại Việt Nam",
        "01912345678": "Đầu số này không có ở Việt Nam",
        "lan@gmail": "Email chưa đúng dạng",
    }
    for typed, explanation in answers.items():
        (answer,) = (await pakn_chat.say(typed)).sent
        assert explanation in answer.text, typed
        assert pakn_chat.keyboard  # the contact button stays

    noted = await pakn_chat.say("SĐT: 0912.345.678")
    assert noted.sent[0].text == f"Đã ghi liên hệ: {PHONE}"
    assert pakn_chat.keyboard == []  # removed once the number is taken
    summary = with_button(await pakn_chat.say(ADDRESS), "Gửi")
    assert f"Họ tên: {NAME}" in summary.text and POTHOLE in summary.text and f"Liên hệ: {PHONE}" in summary.text


async def test_the_contact_button_shares_the_verified_number(
    pakn_chat: LocalChat, feedback_service: FeedbackService
) -> None:
    await start_filing(pakn_chat)
    await skip_procedure(pakn_chat, await give_content(pakn_chat))
    await pakn_chat.say(NAME)
    shared = await pakn_chat.tap("Gửi số điện thoại", phone_number="84912345678")
    assert shared.sent[0].text == "Đã ghi liên hệ: 0912345678"
    assert pakn_chat.keyboard == []
    assert "Địa chỉ của bạn" in shared.sent[1].text
    summary = with_button(await pakn_chat.say(ADDRESS), "Gửi")
    await pakn_chat.press(summary, "Gửi")
    assert (await feedback_service.track("20261123.0001", LAN)).contact == LAN_CONTACT


async def test_an_e_mail_instead_of_a_phone_is_accepted(
    pakn_chat: LocalChat, feedback_service: FeedbackService
) -> None:
    await start_filing(pakn_chat)
    await skip_procedure(pakn_chat, await give_content(pakn_chat))
    await pakn_chat.say(NAME)
    assert (await pakn_chat.say("Lan.Tran@Gmail.COM")).sent[0].text == "Đã ghi liên hệ: Lan.Tran@gmail.com"
    await pakn_chat.press(with_button(await pakn_chat.say(ADDRESS), "Gửi"), "Gửi")
    contact = (await feedback_service.track("20261123.0001", LAN)).contact
    assert contact is not None and contact.email == "Lan.Tran@gmail.com" and contact.phone is None


async def test_editing_a_field_from_the_summary_comes_back_to_the_summary(
    pakn_chat: LocalChat, feedback_service: FeedbackService
) -> None:
    summary = await reach_summary(pakn_chat)
    asked = await pakn_chat.press(summary, "Họ tên")
    assert "Họ và tên" in asked.sent[0].text
    again = with_button(await pakn_chat.say("Trần Thị Lan Anh"), "Gửi")
    assert "Họ tên: Trần Thị Lan Anh" in again.text and f"Địa chỉ: {ADDRESS}" in again.text

    asked = await pakn_chat.press(again, "Nội dung")
    assert asked.sent[0].text.startswith("Nội dung cũ đã được xoá.")
    received = await pakn_chat.say("Đèn đường ngõ 5 Trần Phú tắt cả tháng nay.")
    back = with_button(await pakn_chat.press(with_button(received, "Xong"), "Xong"), "Gửi")
    assert "Đèn đường ngõ 5" in back.text and POTHOLE not in back.text

    asked = await pakn_chat.press(back, "Loại")
    retyped = await pakn_chat.press(with_button(asked, "Kiến nghị"), "Kiến nghị")
    assert "Loại: Kiến nghị" in with_button(retyped, "Gửi").text

    asked = await pakn_chat.press(with_button(retyped, "Gửi"), "Liên hệ")
    assert pakn_chat.keyboard
    retyped = await pakn_chat.say("lan@example.vn")
    assert pakn_chat.keyboard == []
    final = with_button(retyped, "Gửi")
    assert "Liên hệ: lan@example.vn" in final.text

    await pakn_chat.press(final, "Gửi")
    view = await feedback_service.track("20261123.0001", LAN)
    assert view.type == FeedbackType.KIEN_NGHI
    assert view.content == "Đèn đường ngõ 5 Trần Phú tắt cả tháng nay."
    assert view.contact is not None and view.contact.name == "Trần Thị Lan Anh" and view.contact.phone is None


@pytest.mark.parametrize("step", ["type", "content", "procedure", "name", "contact", "summary"])
async def test_huy_cancels_at_any_step_and_forgets_the_answers(
    pakn_chat: LocalChat,
    session_factory: async_sessionmaker[AsyncSession],
    uow_factory: Callable[[], SqlUnitOfWork],
    step: str,
) -> None:
    if step == "type":
        await pakn_chat.say("/phananh")
    else:
        await start_filing(pakn_chat)
    if step in ("procedure", "name", "contact", "summary"):
        asked = await give_content(pakn_chat)
        if step != "procedure":
            await skip_procedure(pakn_chat, asked)
    if step in ("contact", "summary"):
        await pakn_chat.say(NAME)
    if step == "summary":
        await pakn_chat.say(PHONE)
        await pakn_chat.say(ADDRESS)
    cancelled = await pakn_chat.say("/huy")
    assert cancelled.sent[0].text.startswith("Đã huỷ.")
    assert pakn_chat.keyboard == []
    assert await draft_left(uow_factory, pakn_chat) == (None, {})
    assert await count_items(session_factory) == 0
    assert "Không có việc gì đang làm dở" in (await pakn_chat.say("/huy")).sent[0].text
    assert "Đổi giấy phép lái xe" in (await pakn_chat.say("doi bang lai xe")).sent[0].text


async def test_phananh_again_while_filing_keeps_the_draft(pakn_chat: LocalChat) -> None:
    await start_filing(pakn_chat)
    await pakn_chat.say(POTHOLE)
    again = "\n".join(message.text for message in (await pakn_chat.say("/phananh")).sent)
    assert "đang gửi dở" in again
    assert "mô tả rõ sự việc" in again  # the content step, asked again
    more = await pakn_chat.say("Thêm một dòng.")
    assert "Đã nhận (" in more.sent[0].text and "0 tệp" in more.sent[0].text


async def test_the_cancel_button_and_old_buttons(pakn_chat: LocalChat) -> None:
    started = await pakn_chat.say("/phananh")
    cancelled = await pakn_chat.press(started.sent[0], "Huỷ")
    assert cancelled.sent[0].text.startswith("Đã huỷ.")
    stale = await pakn_chat.press(started.sent[0], "Phản ánh")
    assert len(stale.answers) == 1  # said in the chat: not every channel has a pop-up
    assert "đã cũ" in stale.sent[0].text


@pytest.mark.parametrize(
    ("content", "regime", "law"),
    [
        ("Tôi khiếu nại quyết định xử phạt hành chính số 123 của UBND phường.", "khiếu nại", "Luật Khiếu nại 2011"),
        ("Tôi muốn tố cáo cán bộ địa chính phường nhận tiền của dân.", "tố cáo", "Luật Tố cáo 2018"),
    ],
)
async def test_a_khieu_nai_or_to_cao_is_explained_and_can_still_be_sent(
    pakn_chat: LocalChat, session_factory: async_sessionmaker[AsyncSession], content: str, regime: str, law: str
) -> None:
    """Issue 10: recognising another regime is advice, never a dead end, and the draft is never discarded
    (the bot used to refuse it and throw the draft away)."""
    await start_filing(pakn_chat)
    explained = await give_content(pakn_chat, content)
    (answer,) = explained.sent
    assert f"có vẻ là {regime}" in answer.text
    labels = [button.text for button in answer.buttons]
    assert labels[:2] == ["📨 Vẫn gửi như phản ánh, kiến nghị", "✏️ Viết lại nội dung"]
    assert await count_items(session_factory) == 0
    asked = await pakn_chat.press(answer, "Vẫn gửi")
    assert "thủ tục hành chính nào" in asked.sent[-1].text  # the filing goes on with the content kept


async def test_a_khieu_nai_typed_instead_of_choosing_a_type_is_explained(pakn_chat: LocalChat) -> None:
    await pakn_chat.say("/phananh")
    answer = "\n".join(m.text for m in (await pakn_chat.say("Tôi muốn khiếu nại quyết định thu hồi đất")).sent)
    assert "khiếu nại" in answer
    # Issue 10: advice, not a dead end: what was typed is kept, and the type can still be chosen.
    assert "Nội dung bạn vừa gõ đã được giữ lại" in answer


async def test_a_near_duplicate_is_warned_about_before_sending(
    pakn_chat: LocalChat, feedback_service: FeedbackService
) -> None:
    earlier = await submit_directly(feedback_service)
    await start_filing(pakn_chat)
    asked = await give_content(pakn_chat, POTHOLE.replace("ba tháng", "3 tháng"))
    offered = await skip_procedure(pakn_chat, asked)
    reuse = with_button(offered, "Dùng thông tin này")  # the contact of the earlier item
    assert NAME in reuse.text and PHONE in reuse.text and ADDRESS in reuse.text
    summary = with_button(await pakn_chat.press(reuse, "Dùng thông tin này"), "Gửi")

    warned = await pakn_chat.press(summary, "Gửi")
    (warning,) = warned.sent
    assert f"gần giống hệt: mã {earlier}" in warning.text
    assert [button.text for button in warning.buttons] == ["Vẫn gửi", "✖ Huỷ"]
    (receipt,) = (await pakn_chat.press(warning, "Vẫn gửi")).sent
    assert "Mã tra cứu: 20261123.0002" in receipt.text
    assert [view.code for view in await feedback_service.my_items(LAN)] == ["20261123.0002", earlier]


async def test_the_daily_cap_is_explained_and_the_draft_kept(
    stand_in: LocalBotApi,
    small_catalog: Catalog,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
) -> None:
    service = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock, limits=IntakeLimits(daily_cap_per_citizen=1))
    await submit_directly(service, "Đèn đường ngõ 5 Trần Phú tắt cả tháng nay, buổi tối rất tối.")
    async with open_pakn_chat(stand_in, small_catalog, service, session_factory) as chat:
        # Issue 10: the cap is said first, with when filing opens again, not at the final «Gửi».
        (refused,) = (await chat.say("/phananh")).sent
        assert "tối đa 1 phản ánh trong 24 giờ" in refused.text
        assert "Bạn gửi tiếp được từ 08:00 ngày 24/11/2026" in refused.text
        assert refused.buttons == []
        assert await count_items(session_factory) == 1

        clock.advance(hours=25)
        await start_filing(chat)
        offered = await skip_procedure(chat, await give_content(chat))
        summary = with_button(await chat.press(with_button(offered, "Dùng"), "Dùng"), "Gửi")
        receipt = "\n".join(message.text for message in (await chat.press(summary, "Gửi")).sent)
        assert "Mã tra cứu: 20261124.0001" in receipt
    assert_telegram_accepted_everything(stand_in)


class FailingCommit(SqlUnitOfWork):
    """The database refuses the commit, as a full disk or a dropped connection would."""

    failures = 0

    async def commit(self) -> None:
        if FailingCommit.failures > 0:
            FailingCommit.failures -= 1
            raise OperationalError("COMMIT", {}, Exception("database is locked"))
        await super().commit()


async def test_a_storage_failure_at_submit_says_retry_keeps_the_draft_and_stores_nothing(
    stand_in: LocalBotApi,
    small_catalog: Catalog,
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
) -> None:
    service = FeedbackService(lambda: FailingCommit(session_factory), calendar=CALENDAR, clock=clock)
    FailingCommit.failures = 1
    async with open_pakn_chat(stand_in, small_catalog, service, session_factory) as chat:
        summary = await reach_summary(chat)
        failed = await chat.press(summary, "Gửi")
        (apology,) = failed.sent
        assert "Chưa gửi được do lỗi hệ thống" in apology.text and "chưa</b> được tiếp nhận" in (apology.html or "")
        assert "Đã tiếp nhận" not in apology.text
        assert [button.text for button in apology.buttons] == ["🔁 Thử lại", "✖ Huỷ"]
        assert await count_items(session_factory) == 0
        assert await service.last_contact(LAN) is None

        (receipt,) = (await chat.press(apology, "Thử lại")).sent
        assert "Đã tiếp nhận" in receipt.text and "Mã tra cứu: 20261123.0001" in receipt.text
        assert await count_items(session_factory) == 1
    assert_telegram_accepted_everything(stand_in)


async def test_text_where_a_button_is_expected_is_not_a_search(pakn_chat: LocalChat) -> None:
    summary = await reach_summary(pakn_chat)
    answer = "\n".join(message.text for message in (await pakn_chat.say("khai sinh")).sent)
    assert "chọn một trong các lựa chọn" in answer  # "chọn", not "bấm": not every channel has buttons
    assert "Các thủ tục phù hợp" not in answer
    photo = "\n".join(message.text for message in (await pakn_chat.send_photo()).sent)
    assert "chỉ gửi được ở bước nội dung" in photo
    assert summary.buttons
