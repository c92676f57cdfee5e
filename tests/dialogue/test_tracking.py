"""Tracking a PAKN on the plain-text channel: the filer sees everything, anyone else with the code only the
public part (a code is guessable: they run in sequence per day)."""

from __future__ import annotations

from collections.abc import Callable

from feedback.domain.lifecycle import Action
from feedback.service_layer.feedback_service import FeedbackService
from storage.unit_of_work import SqlUnitOfWork
from tests.dialogue.conftest import TypingCitizen
from tests.dialogue.pakn_items import (
    ANSWER,
    OFFICER,
    PERSONAL,
    POTHOLE,
    PUBLIC_ANSWER,
    UNIT,
    add_unit,
    answered_item,
    file_item,
)
from tests.manual_clock import Clock
from text_channel.channel import TextChannel


def stranger(text_channel: TextChannel) -> TypingCitizen:
    return TypingCitizen(text_channel, "citizen-2")


async def test_the_filer_sees_status_deadline_content_and_contact(
    citizen: TypingCitizen, feedback: FeedbackService
) -> None:
    code = await file_item(feedback)
    shown = await citizen.say(f"/tracuu {code}")
    assert f"Phản ánh {code}" in shown
    assert "Trạng thái: Đã tiếp nhận, đang chờ phân loại" in shown
    assert "Ngày tiếp nhận: 23/11/2026" in shown
    assert "Hạn trả lời: 08/12/2026 (còn 10 ngày làm việc)" in shown
    for personal in PERSONAL:
        assert personal in shown
    assert "Rút phản ánh" in shown  # before the answer the filer may withdraw it


async def test_by_code_alone_a_stranger_sees_type_status_unit_dates_and_deadline_only(
    citizen: TypingCitizen,
    text_channel: TextChannel,
    feedback: FeedbackService,
    uow_factory: Callable[[], SqlUnitOfWork],
) -> None:
    await add_unit(uow_factory)
    code = await file_item(feedback, unit=UNIT.code)
    other = stranger(text_channel)
    shown = await other.say(f"/tracuu {code}")
    assert "Phản ánh" in shown and "Trạng thái: Đã tiếp nhận, đang chờ phân loại" in shown
    assert f"Cơ quan xử lý: {UNIT.name}" in shown
    assert "Ngày tiếp nhận: 23/11/2026" in shown and "Hạn trả lời: 08/12/2026" in shown
    for personal in PERSONAL:
        assert personal not in shown
    assert "Gõ số để chọn" not in shown  # no choices: nothing a stranger may do with it
    assert await other.say(code) == shown  # a code typed alone is looked up too
    assert await other.say(f"tra cứu {code}") == shown  # and in a sentence: an intent, not a search
    assert await other.say(f"cho tôi xem tình trạng mã {code}") == shown


async def test_a_stranger_never_reads_the_answer_only_what_an_officer_published(
    citizen: TypingCitizen, text_channel: TextChannel, feedback: FeedbackService
) -> None:
    code = await answered_item(feedback)
    other = stranger(text_channel)
    public = await other.say(f"/tracuu {code}")
    assert "Trạng thái: Đã có kết quả trả lời" in public and "Ngày trả lời: 23/11/2026" in public
    assert "Kết quả trả lời" not in public and "Trần Thị Lan" not in public and "0912345678" not in public

    await feedback.publish_answer(code, OFFICER, PUBLIC_ANSWER)
    public = await other.say(code)
    assert f"Kết quả trả lời công khai:\n{PUBLIC_ANSWER}" in public
    assert "Trần Thị Lan" not in public

    own = await citizen.say(f"/tracuu {code}")
    assert f"Kết quả trả lời:\n{ANSWER}" in own  # the full answer, markup characters as they were typed
    assert "1. 1 ⭐" in own and "6. Chưa được giải quyết" in own


async def test_a_refusal_s_reason_is_the_filer_s_alone(
    citizen: TypingCitizen, text_channel: TextChannel, feedback: FeedbackService
) -> None:
    code = await file_item(feedback)
    await feedback.act(code, Action.REFUSE, OFFICER, note="Trùng với phản ánh của bà Lan ngày 20/11/2026.")
    assert "Lý do: Trùng với phản ánh của bà Lan" in await citizen.say(f"/tracuu {code}")
    public = await stranger(text_channel).say(f"/tracuu {code}")
    assert "Không được tiếp nhận xử lý" in public and "bà Lan" not in public


async def test_tracuu_alone_lists_one_s_own_items_and_a_number_opens_one(
    citizen: TypingCitizen, text_channel: TextChannel, feedback: FeedbackService
) -> None:
    first = await file_item(feedback)
    second = await file_item(feedback, content="Đèn đường ngõ 5 Trần Phú tắt cả tháng nay, buổi tối rất tối.")
    listing = await citizen.say("/tracuu")
    assert f"1. {second} · 23/11/2026 · Đã tiếp nhận, đang chờ phân loại" in listing
    assert f"2. {first} · 23/11/2026" in listing
    assert "Gõ số để chọn" in listing
    assert POTHOLE in await citizen.say("2")
    assert "Bạn chưa gửi phản ánh, kiến nghị nào" in await stranger(text_channel).say("/tracuu")


async def test_the_menu_entry_lists_the_citizen_s_items(citizen: TypingCitizen, feedback: FeedbackService) -> None:
    code = await file_item(feedback)
    menu = await citizen.say("/start")
    number = next(line.split(".")[0] for line in menu.splitlines() if "Tra cứu phản ánh" in line)
    assert code in await citizen.say(number)
    assert "/tracuu MÃ" in await citizen.say("/help")


async def test_bad_and_unknown_codes_are_explained(citizen: TypingCitizen, clock: Clock) -> None:
    bad = await citizen.say("/tracuu abc<b>")
    assert "«abc<b>» không phải mã tra cứu" in bad and "20261123.0001" in bad
    assert "không phải mã tra cứu" in await citizen.say("/tracuu 20261399.0001")
    assert "Không tìm thấy phản ánh nào mang mã 20261123.0042" in await citizen.say("/tracuu 20261123.0042")
    assert "Không tìm thấy phản ánh nào mang mã 20261123.0042" in await citizen.say("20261123.0042")
