"""The officers' workspace through the real bot: the queue, an item's card, and each action, from the
officer's buttons to what the citizen receives."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.notices import deliver_pending
from feedback.lifecycle import Action
from feedback.model import NoticeKind
from feedback.officer_desk import officer_actor
from feedback.services import Step
from feedback.status import Status
from procedures_catalog.services import Catalog
from stand_ins.telegram_bot_api import LocalBotApi
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import assert_telegram_accepted_everything
from tests.e2e.feedback_helpers import NAME, PHONE, POTHOLE, give_contact, skip_procedure, start_filing
from tests.e2e.officer_helpers import (
    AN,
    BINH,
    CHI,
    ROAD,
    OfficeBot,
    file_to_unit,
    open_office_bot,
    text_of,
    with_label,
)
from tests.manual_clock import Clock
from tests.office_fixture import file_item

ANSWER = "UBND xã đã giao tổ công trình vá ổ gà trước số 12 Lê Lợi trong tuần này <trước 30/11>."


@pytest.fixture
async def office(
    stand_in: LocalBotApi,
    small_catalog: Catalog,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
) -> AsyncIterator[OfficeBot]:
    async with open_office_bot(stand_in, small_catalog, uow_factory, session_factory, clock) as bot:
        yield bot
    assert_telegram_accepted_everything(stand_in)


async def desk_item(office: OfficeBot, content: str = ROAD, unit: str = "MOT-CUA", citizen: int = 100001) -> str:
    return await file_item(office.feedback, unit, content, citizen)


async def test_an_officer_takes_an_item_from_arrival_to_answer(office: OfficeBot) -> None:
    citizen = office.chat()
    receipt = await file_to_unit(citizen, "Bộ phận một cửa")
    assert "Đã tiếp nhận" in receipt.sent[-1].text
    an = office.chat(AN)

    queue = await an.say("/hangdoi")
    (listed,) = queue.sent
    assert "Hàng đợi của đơn vị" in listed.text and "1 việc" in listed.text
    assert "⏰ 20261123.0001 · Đã tiếp nhận, đang chờ phân loại · còn 10 ngày" in listed.text
    assert "Ổ gà lớn trước số 12 Lê Lợi" in listed.text

    card = await an.press(listed, "20261123.0001")
    shown = text_of(card)
    for expected in (POTHOLE, NAME, PHONE, "Người dân · gửi phản ánh", "Hạn trả lời: 08/12/2026 (⏰ còn 10 ngày)"):
        assert expected in shown
    assert [button.text for button in card.last.buttons] == [
        "🙋 Tôi xử lý",
        "✍️ Trả lời",
        "✅ Tiếp nhận",
        "⛔ Không tiếp nhận",
        "👥 Giao cho…",
        "↪️ Chuyển đơn vị…",
        "🙏 Xin lỗi, hẹn ngày mới",
        "🔄 Xem lại",
    ]

    claimed = await an.press(card.last, "Tôi xử lý")
    assert "Bạn đang xử lý phản ánh 20261123.0001" in text_of(claimed)
    assert claimed.edited[0].buttons == []  # the pressed buttons are spent
    assert "Trạng thái: Đang xử lý\nNgười xử lý: an" in claimed.last.text
    assert "Nguyễn Văn An · nhận xử lý" in claimed.last.text

    asked = await an.press(claimed.last, "Trả lời")
    assert "Gõ câu trả lời cho phản ánh 20261123.0001" in text_of(asked)
    review = await an.say(ANSWER)
    assert "người dân sẽ nhận được" in review.last.text
    assert "đã có kết quả trả lời:\n\n" + ANSWER in review.last.text
    assert await office.feedback.pending_notices("telegram") != []  # "accepted", "in progress" only
    assert (await office.item("20261123.0001")).status == Status.IN_PROGRESS  # nothing sent before «Gửi»

    sent = await an.press(review.last, "Gửi")
    assert "Đã gửi câu trả lời phản ánh 20261123.0001 đến người dân" in text_of(sent)
    item = await office.item("20261123.0001")
    assert (item.status, item.answer, item.assignee, item.unit) == (Status.ANSWERED, ANSWER, "an", "MOT-CUA")
    assert [entry.action for entry in await office.trail(item.code)] == ["receive", "accept", "start", "answer"]

    delivered = await citizen.during(deliver_pending(office.application))
    answer = delivered.sent[-1]
    assert answer.chat_id == citizen.user.id
    assert "đã có kết quả trả lời" in answer.text and ANSWER in answer.text
    assert "Chưa được giải quyết" in [button.text for button in answer.buttons]


async def test_the_card_resends_the_citizens_photos_and_files(office: OfficeBot) -> None:
    citizen = office.chat()
    await start_filing(citizen)
    await citizen.say(POTHOLE)
    photo = await citizen.send_photo("Ảnh chụp sáng nay")
    await citizen.send_document("bien-ban.pdf")
    asked = await citizen.press(with_label(photo, "Xong"), "Xong")
    units = await skip_procedure(citizen, asked)
    await citizen.press(with_label(units, "Bỏ qua"), "Bỏ qua")  # not routed: the commune's head receives it
    await citizen.press(with_label(await give_contact(citizen), "Gửi"), "Gửi")
    stored = (await office.item("20261123.0001")).attachments

    exchange = await office.chat(CHI).say("/xem 20261123.0001")
    assert "Kèm theo 2 tệp" in text_of(exchange)
    resent = [message.media for message in exchange.messages if message.media]
    assert [media["photo"][0]["file_id"] for media in resent if "photo" in media] == [stored[0].file_id]
    assert [media["document"]["file_id"] for media in resent if "document" in media] == [stored[1].file_id]


async def test_refusing_with_a_legal_reason_shows_the_citizen_why_before_confirming(office: OfficeBot) -> None:
    code = await desk_item(office)
    an = office.chat(AN)
    card = await an.say(f"/xem {code}")
    reasons = await an.press(card.last, "Không tiếp nhận")
    assert "chọn lý do theo quy định" in reasons.last.text
    labels = [button.text for button in reasons.last.buttons]
    assert len(labels) == 8 and labels[-2:] == ["✍️ Lý do khác (tự gõ)", "◀ Quay lại"]
    assert any(label.startswith("Nội dung là khiếu nại") for label in labels)

    review = await an.press(reasons.last, "Nội dung là khiếu nại")
    assert "Không được tiếp nhận xử lý" in review.last.text and "Luật Khiếu nại năm 2011" in review.last.text
    assert (await office.item(code)).status == Status.RECEIVED

    done = await an.press(review.last, "Xác nhận")
    assert "Đã không tiếp nhận phản ánh" in text_of(done)
    item = await office.item(code)
    assert item.status == Status.REFUSED
    assert item.refusal_reason is not None and item.refusal_reason.startswith("Nội dung là khiếu nại")
    (notice,) = await office.feedback.pending_notices("telegram")
    assert notice.status == Status.REFUSED and notice.text == item.refusal_reason


async def test_refusing_with_a_typed_reason_can_be_edited_before_it_is_sent(office: OfficeBot) -> None:
    code = await desk_item(office)
    an = office.chat(AN)
    card = await an.say(f"/xem {code}")
    reasons = await an.press(card.last, "Không tiếp nhận")
    await an.press(reasons.last, "Lý do khác")
    first = await an.say("Trùng với phản ánh đã trả lời")
    again = await an.press(first.last, "Sửa")
    assert "gõ lại" in text_of(again)
    review = await an.say("Trùng với phản ánh 20261120.0003 đã được trả lời ngày 20/11/2026.")
    assert "Lý do: Trùng với phản ánh 20261120.0003" in review.last.text
    await an.press(review.last, "Gửi")
    item = await office.item(code)
    assert item.status == Status.REFUSED
    assert item.refusal_reason == "Trùng với phản ánh 20261120.0003 đã được trả lời ngày 20/11/2026."


async def test_huy_while_typing_sends_nothing(office: OfficeBot) -> None:
    code = await desk_item(office)
    an = office.chat(AN)
    card = await an.say(f"/xem {code}")
    await an.press(card.last, "Trả lời")
    review = await an.say("Câu trả lời chưa xong")
    cancelled = await an.say("/huy")
    assert "Đã thôi, chưa gửi gì." in text_of(cancelled)
    assert (await office.item(code)).status == Status.RECEIVED
    (spent,) = (await an.press(review.last, "Gửi")).answers
    assert spent["show_alert"] is True or spent["show_alert"] == "true"


async def test_assigning_to_a_colleague_puts_it_in_their_list(office: OfficeBot) -> None:
    code = await desk_item(office)
    chi = office.chat(CHI)
    card = await chi.say(f"/xem {code}")
    colleagues = await chi.press(card.last, "Giao cho")
    assert [button.text for button in colleagues.last.buttons] == [
        "Nguyễn Văn An (an)",
        "Quản trị hệ thống (quantri)",
        "◀ Quay lại",
    ]
    done = await chi.press(colleagues.last, "Nguyễn Văn An")
    assert "Đã giao phản ánh" in text_of(done)
    item = await office.item(code)
    assert (item.status, item.assignee) == (Status.ASSIGNED, "an")

    (mine,) = (await office.chat(AN).say("/cuatoi")).sent
    assert code in mine.text and "Việc tôi đang xử lý" in mine.text


async def test_forwarding_moves_the_item_to_the_other_units_queue(office: OfficeBot) -> None:
    code = await desk_item(office)
    an = office.chat(AN)
    card = await an.say(f"/xem {code}")
    units = await an.press(card.last, "Chuyển đơn vị")
    assert "Công chức địa chính (DIA-CHINH)" in [button.text for button in units.last.buttons]
    done = await an.press(units.last, "Công chức địa chính")
    assert "Đã chuyển phản ánh" in text_of(done)
    assert len(done.sent) == 1  # no card: the item has left An's units
    item = await office.item(code)
    assert (item.status, item.unit) == (Status.FORWARDED, "DIA-CHINH")
    assert code not in text_of(await an.say("/hangdoi"))
    assert code in text_of(await office.chat(BINH).say("/hangdoi"))


async def test_asking_the_citizen_then_extending_once(office: OfficeBot, clock: Clock) -> None:
    code = await desk_item(office)
    await office.desk.claim(office.office.officers["an"], code)
    an = office.chat(AN)
    card = await an.say(f"/xem {code}")
    await an.press(card.last, "Gia hạn")
    review = await an.say("Cần khảo sát hiện trường cùng phòng Kinh tế - Hạ tầng")
    assert "gia hạn phản ánh" in review.last.text and "Hạn trả lời: 22/12/2026" in review.last.text
    extended = await an.press(review.last, "Gửi")
    assert "hạn mới: 22/12/2026" in text_of(extended)
    assert "⏳ Gia hạn" not in [button.text for button in extended.last.buttons]  # the law allows one

    await an.press(extended.last, "Hỏi thêm")
    review = await an.say("Xin gửi ảnh đoạn đường bị sụt lún.")
    assert "cần bạn bổ sung:\n\nXin gửi ảnh đoạn đường bị sụt lún." in review.last.text
    asked = await an.press(review.last, "Gửi")
    assert "tạm dừng" in text_of(asked)
    item = await office.item(code)
    assert (item.status, item.extended) == (Status.WAITING_FOR_CITIZEN, True)
    assert "⏸ tạm dừng, chờ người dân" in asked.last.text


async def test_apologising_with_a_new_date(office: OfficeBot) -> None:
    code = await desk_item(office)
    an = office.chat(AN)
    card = await an.say(f"/xem {code}")
    prompt = await an.press(card.last, "Xin lỗi")
    assert "sau hạn 08/12/2026" in text_of(prompt)
    wrong = await an.say("tuần sau")
    assert "Chưa đọc được ngày hẹn" in text_of(wrong)
    review = await an.say("15/12/2026 Chờ ý kiến của phòng Tài nguyên và Môi trường")
    assert "Ngày hẹn trả lời mới: 15/12/2026" in review.last.text
    done = await an.press(review.last, "Gửi")
    assert "hẹn trả lời phản ánh" in text_of(done) and "15/12/2026" in text_of(done)
    notices = await office.feedback.pending_notices("telegram")
    assert [notice.kind for notice in notices] == [NoticeKind.APOLOGY]


async def test_closing_an_answered_item_with_the_citizen_s_confirmation(office: OfficeBot) -> None:
    code = await desk_item(office)
    an = office.chat(AN)
    await office.desk.answer(office.office.officers["an"], code, "Đã vá ổ gà.")
    card = await an.say(f"/xem {code}")
    prompt = await an.press(card.last, "Đóng")
    assert "không mở lại được nữa" in text_of(prompt)
    review = await an.say("Ông Nam xác nhận qua điện thoại ngày 23/11 là đã được giải quyết.")
    assert "Ông Nam xác nhận qua điện thoại" in review.last.text
    done = await an.press(review.last, "Gửi")
    assert "Đã đóng phản ánh" in text_of(done)
    assert (await office.item(code)).status == Status.CLOSED
    notices = [notice for notice in await office.feedback.pending_notices("telegram") if notice.code == code]
    assert notices[-1].status == Status.CLOSED and "Ông Nam xác nhận" in (notices[-1].text or "")


async def test_the_lists_page_and_mark_how_late_each_item_is(office: OfficeBot, clock: Clock) -> None:
    codes = [
        await desk_item(office, f"Phản ánh số {n}: đèn đường thôn {n} không sáng", citizen=700 + n) for n in range(10)
    ]
    an = office.chat(AN)
    (first,) = (await an.say("/hangdoi")).sent
    assert "10 việc · trang 1/2" in first.text and codes[0] in first.text and codes[9] not in first.text
    turned = await an.press(first, "Xem thêm")
    (second,) = turned.edited
    assert "trang 2/2" in second.text and codes[9] in second.text
    assert "Chưa có việc nào" not in second.text
    assert "Không có việc nào" in (await an.say("/quahan")).sent[0].text

    clock.advance(days=17)  # Thursday 10/12/2026: two working days after the deadline
    (overdue,) = (await an.say("/quahan")).sent
    assert (
        "🔴 <code>" not in overdue.text
        and f"🔴 {codes[0]} · Đã tiếp nhận, đang chờ phân loại · quá hạn 2 ngày" in overdue.text
    )


async def test_two_officers_pressing_toi_xu_ly_at_once_one_wins(office: OfficeBot) -> None:
    code = await desk_item(office)
    an, chi = office.chat(AN), office.chat(CHI)
    an_card = (await an.say(f"/xem {code}")).last
    chi_card = (await chi.say(f"/xem {code}")).last
    start = len(office.api.calls)
    presses = [await office.api.press(card, "Tôi xử lý", user=user) for card, user in ((an_card, AN), (chi_card, CHI))]
    await office.api.wait_fetched(presses[-1])
    await asyncio.wait_for(office.application.update_queue.join(), 30)
    told = [call.message.text for call in office.api.calls[start:] if call.method == "sendMessage" and call.message]
    assert sum("Bạn đang xử lý phản ánh" in text for text in told) == 1
    assert sum("vừa được người khác thay đổi" in text for text in told) == 1
    item = await office.item(code)
    assert item.status == Status.IN_PROGRESS and item.assignee in ("an", "chi")
    assert [entry.action for entry in await office.trail(code)] == ["receive", "accept", "start"]


async def test_a_typed_answer_is_kept_when_someone_else_answered_first(office: OfficeBot) -> None:
    code = await desk_item(office)
    an = office.chat(AN)
    card = await an.say(f"/xem {code}")
    await an.press(card.last, "Trả lời")
    review = await an.say(ANSWER)
    chi = office.office.officers["chi"]
    await office.feedback.act_steps(code, [Step(Action.ACCEPT), Step(Action.START, assignee="chi")], officer_actor(chi))
    await office.desk.answer(chi, code, "Câu trả lời của trưởng đơn vị.")

    refused = await an.press(review.last, "Gửi")
    shown = text_of(refused)
    assert "vừa được người khác thay đổi" in shown
    assert "Trạng thái: Đã có kết quả trả lời" in shown and "Câu trả lời của trưởng đơn vị." in shown
    assert "Nội dung bạn đã gõ vẫn được giữ nguyên" in refused.last.text
    assert [button.text for button in refused.last.buttons] == ["📨 Gửi lại", "✖ Huỷ"]
    assert (await office.item(code)).answer == "Câu trả lời của trưởng đơn vị."
    assert an.application.user_data[AN.id].scratch["officer_text"]["text"] == ANSWER
