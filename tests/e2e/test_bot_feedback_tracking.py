"""/tracuu through the real bot: the owner sees everything, anyone else only the public status."""

from __future__ import annotations

from feedback.domain.lifecycle import Action
from feedback.domain.model import Actor, ActorKind
from feedback.service_layer.feedback_service import FeedbackService
from stand_ins.telegram_bot_api import LocalChat, TelegramUser
from tests.e2e.feedback_helpers import ADDRESS, NAME, PHONE, POTHOLE, file_pakn, submit_directly, with_button
from tests.manual_clock import Clock

MINH = TelegramUser(id=100002, first_name="Minh", username="minh_citizen")
OFFICER = Actor(ActorKind.OFFICER, "officer-1", "Nguyễn Văn Cán")
PERSONAL = (POTHOLE, NAME, PHONE, ADDRESS, "Chỉ bạn thấy")


async def test_the_owner_sees_status_deadline_content_and_contact(pakn_chat: LocalChat) -> None:
    await file_pakn(pakn_chat)
    (item,) = (await pakn_chat.say("/tracuu 20261123.0001")).sent
    assert "Phản ánh 20261123.0001" in item.text
    assert "Trạng thái: Đã tiếp nhận, đang chờ phân loại" in item.text
    assert "Ngày tiếp nhận: 23/11/2026" in item.text
    assert "Hạn trả lời: 08/12/2026 (còn 10 ngày làm việc)" in item.text
    for shown in PERSONAL:
        assert shown in item.text


async def test_another_user_sees_only_the_public_status(pakn_chat: LocalChat) -> None:
    await file_pakn(pakn_chat)
    minh = pakn_chat.other(MINH)
    (item,) = (await minh.say("/tracuu 20261123.0001")).sent
    assert "Trạng thái: Đã tiếp nhận, đang chờ phân loại" in item.text
    assert "Hạn trả lời: 08/12/2026" in item.text
    for hidden in PERSONAL:
        assert hidden not in item.text
    assert item.buttons == []
    (typed,) = (await minh.say("20261123.0001")).sent  # a code sent alone is looked up too
    assert typed.text == item.text


async def test_tracuu_alone_lists_the_citizen_s_own_items_with_buttons(
    pakn_chat: LocalChat, feedback_service: FeedbackService
) -> None:
    await submit_directly(feedback_service)
    await submit_directly(feedback_service, "Đèn đường ngõ 5 Trần Phú tắt cả tháng nay, buổi tối rất tối.")
    (listing,) = (await pakn_chat.say("/tracuu")).sent
    assert "1. 20261123.0002 · 23/11/2026 · Đã tiếp nhận, đang chờ phân loại" in listing.text
    assert "2. 20261123.0001" in listing.text
    assert [button.text for button in listing.buttons] == [
        "20261123.0002 · Đã tiếp nhận, đang chờ phân loại",
        "20261123.0001 · Đã tiếp nhận, đang chờ phân loại",
    ]
    (item,) = (await pakn_chat.press(listing, "20261123.0001")).sent
    assert POTHOLE in item.text

    minh = pakn_chat.other(MINH)
    (nothing,) = (await minh.say("/tracuu")).sent
    assert "Bạn chưa gửi phản ánh, kiến nghị nào" in nothing.text and nothing.buttons == []


async def test_the_menu_entry_lists_the_citizen_s_items(
    pakn_chat: LocalChat, feedback_service: FeedbackService
) -> None:
    await submit_directly(feedback_service)
    (greeting,) = (await pakn_chat.say("/start")).sent
    listed = await pakn_chat.press(greeting, "Tra cứu phản ánh")
    assert "20261123.0001" in listed.sent[0].text


async def test_bad_and_unknown_codes_are_explained(pakn_chat: LocalChat) -> None:
    (bad,) = (await pakn_chat.say("/tracuu abc<b>")).sent
    assert "«abc<b>» không phải mã tra cứu" in bad.text and "20261123.0001" in bad.text
    (impossible,) = (await pakn_chat.say("/tracuu 20261399.0001")).sent
    assert "không phải mã tra cứu" in impossible.text
    (unknown,) = (await pakn_chat.say("/tracuu 20261123.0042")).sent
    assert "Không tìm thấy phản ánh nào mang mã 20261123.0042" in unknown.text


async def test_the_answer_is_the_filer_s_and_an_overdue_item_is_shown(
    pakn_chat: LocalChat, feedback_service: FeedbackService, clock: Clock
) -> None:
    late = await submit_directly(feedback_service)
    answered = await submit_directly(feedback_service, "Đèn đường ngõ 5 Trần Phú tắt cả tháng nay, buổi tối rất tối.")
    for action in (Action.ACCEPT, Action.START):
        await feedback_service.act(answered, action, OFFICER)
    await feedback_service.act(answered, Action.ANSWER, OFFICER, note="Đã thay bóng đèn <LED> & kiểm tra lại.")
    own = with_button(await pakn_chat.say(f"/tracuu {answered}"), "⭐")
    labels = [button.text for button in own.buttons]
    assert labels == ["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐", "Chưa được giải quyết"]
    # The filer's notice of the answer goes out now, not while another citizen looks the item up below.
    await pakn_chat.relay_notices()  # type: ignore[attr-defined]
    clock.now = clock.now.replace(month=12, day=10)  # Thursday 10/12/2026, after the deadline of 08/12

    minh = pakn_chat.other(MINH)
    (public,) = (await minh.say(f"/tracuu {answered}")).sent
    assert "Trạng thái: Đã có kết quả trả lời" in public.text
    assert "Kết quả trả lời" not in public.text  # the answer is the filer's: anyone else reads a published one
    assert "còn" not in public.text and "quá hạn" not in public.text
    (overdue,) = (await minh.say(f"/tracuu {late}")).sent
    assert "Hạn trả lời: 08/12/2026 (⚠️ quá hạn 2 ngày làm việc)" in overdue.text

    own = with_button(await pakn_chat.say(f"/tracuu {answered}"), "⭐")
    assert [button.text for button in own.buttons] == ["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"]  # too late to reopen
