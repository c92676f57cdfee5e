"""The officers' workspace on Telegram through the dialogue, as `motcua serve` runs it: the queue, an item's
card, and each action, from the officer's buttons to what the citizen receives."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.domain.access import Role
from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action
from feedback.domain.model import Attachment, AttachmentKind, CitizenRef, Contact, Draft
from feedback.domain.status import Status
from feedback.service_layer.feedback_service import Step
from feedback.service_layer.officer_desk import officer_actor
from procedures_catalog.services import Catalog
from stand_ins.telegram_bot_api import CITIZEN, ChatMessage, Exchange, LocalBotApi
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import assert_telegram_accepted_everything
from tests.e2e.officer_helpers import AN, BINH, CHI, ROAD, OfficeBot, open_office_bot, press
from tests.manual_clock import Clock
from tests.office_fixture import TELEGRAM_IDS

ANSWER = "UBND xã đã giao tổ công trình vá ổ gà trước số 12 Lê Lợi trong tuần này <trước 30/11>."
OFFICERS = set(TELEGRAM_IDS.values())


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


def to_officers(exchange: Exchange) -> list[ChatMessage]:
    """What the officers were sent or shown in the exchange (a citizen's notice may go out meanwhile)."""
    return [message for message in exchange.messages if message.chat_id in OFFICERS]


def sent(exchange: Exchange) -> list[ChatMessage]:
    return [message for message in exchange.sent if message.chat_id in OFFICERS]


def said(exchange: Exchange) -> str:
    return "\n".join(message.text for message in sent(exchange))


def last(exchange: Exchange) -> ChatMessage:
    return to_officers(exchange)[-1]


def with_claim(exchange: Exchange) -> ChatMessage:
    return next(m for m in reversed(to_officers(exchange)) if any("Tôi xử lý" in b.text for b in m.buttons))


async def desk_item(office: OfficeBot, content: str = ROAD, unit: str = "MOT-CUA") -> str:
    return await office.filed(unit, content)


async def test_an_officer_takes_an_item_from_arrival_to_answer(office: OfficeBot) -> None:
    code = await desk_item(office)
    assert code == "20261123.0001"
    an = office.chat(AN)

    queue = await an.say("/hangdoi")
    (listed,) = sent(queue)
    assert "Hàng đợi của đơn vị" in listed.text and "1 việc" in listed.text
    assert "⏰ 20261123.0001 · Đã tiếp nhận, đang chờ phân loại · còn 10 ngày" in listed.text
    assert "Đường bê tông thôn 3 bị sụt lún" in listed.text

    card = await an.press(listed, "20261123.0001")
    shown = said(card)
    for expected in (
        ROAD,
        "Hoàng Thị Hoa",
        "0912345678",
        "Người dân · Tiếp nhận",
        "Hạn trả lời: 08/12/2026 (⏰ còn 10 ngày)",
    ):
        assert expected in shown
    assert [button.text for button in last(card).buttons] == [
        "🙋 Tôi xử lý",
        "✍️ Trả lời",
        "✅ Tiếp nhận",
        "⛔ Không tiếp nhận",
        "👥 Giao cho…",
        "↪️ Chuyển đơn vị…",
        "🙏 Xin lỗi, hẹn ngày mới",
        "🔄 Xem lại",
    ]

    claimed = await press(an, card, "Tôi xử lý")
    assert "Bạn đang xử lý phản ánh 20261123.0001" in said(claimed)
    assert "Trạng thái: Đang xử lý\nNgười xử lý: an" in last(claimed).text
    assert "Nguyễn Văn An · Bắt đầu xử lý" in last(claimed).text

    asked = await press(an, claimed, "Trả lời")
    assert "Gõ câu trả lời cho phản ánh 20261123.0001" in said(asked)
    review = await an.say(ANSWER)
    assert "người dân sẽ nhận được" in last(review).text
    assert "đã có kết quả trả lời:\n\n" + ANSWER in last(review).text
    assert (await office.item("20261123.0001")).status == Status.IN_PROGRESS  # nothing sent before «Gửi»

    answered = await press(an, review, "Gửi")
    assert "Đã gửi câu trả lời phản ánh 20261123.0001 đến người dân" in said(answered)
    item = await office.item("20261123.0001")
    assert (item.status, item.answer, item.assignee, item.unit) == (Status.ANSWERED, ANSWER, "an", "MOT-CUA")
    assert [entry.action for entry in await office.trail(item.code)] == ["receive", "accept", "start", "answer"]

    answer = (await office.told())[-1]
    assert "đã có kết quả trả lời" in answer.text and ANSWER in answer.text
    assert "Chưa được giải quyết" in [button.text for button in answer.buttons]


async def test_the_card_resends_the_citizens_photos_and_files(office: OfficeBot) -> None:
    citizen = office.chat()
    await citizen.send_photo("Ảnh chụp sáng nay")  # Telegram keeps what was sent: the bot knows it by id
    photo = list(office.api.files)[-1]
    await citizen.send_document("bien-ban.pdf")
    document = list(office.api.files)[-1]
    contact = Contact(name="Hoàng Thị Hoa", address="Thôn 3, xã Tân Lập", phone="0912345678")
    files = (
        Attachment(AttachmentKind.PHOTO, photo),
        Attachment(AttachmentKind.DOCUMENT, document, file_name="bien-ban.pdf", mime_type="application/pdf"),
    )
    lan = CitizenRef("telegram", str(CITIZEN.id))
    draft = Draft(FeedbackType.PHAN_ANH, ROAD, contact, lan, reply_to=str(CITIZEN.id), attachments=files)
    code = (await office.feedback.submit(draft)).code  # not routed: the commune's head receives it

    exchange = await office.chat(CHI).say(f"/xem {code}")
    assert "Kèm theo 2 tệp" in said(exchange)
    resent = [message.media for message in to_officers(exchange) if message.media]
    assert [media["photo"][-1]["file_id"] for media in resent if "photo" in media] == [photo]
    assert [media["document"]["file_id"] for media in resent if "document" in media] == [document]


async def test_refusing_with_a_legal_reason_shows_the_citizen_why_before_confirming(office: OfficeBot) -> None:
    code = await desk_item(office)
    an = office.chat(AN)
    card = await an.say(f"/xem {code}")
    reasons = await press(an, card, "Không tiếp nhận")
    assert "chọn lý do theo quy định" in last(reasons).text
    labels = [button.text for button in last(reasons).buttons]
    assert len(labels) == 8 and labels[-2:] == ["✍️ Lý do khác (tự gõ)", "◀ Quay lại"]
    assert any(label.startswith("Nội dung là khiếu nại") for label in labels)

    review = await press(an, reasons, "Nội dung là khiếu nại")
    assert "Không được tiếp nhận xử lý" in last(review).text and "Luật Khiếu nại năm 2011" in last(review).text
    assert (await office.item(code)).status == Status.RECEIVED

    done = await press(an, review, "Xác nhận")
    assert "Đã không tiếp nhận phản ánh" in said(done)
    item = await office.item(code)
    assert item.status == Status.REFUSED
    assert item.refusal_reason is not None and item.refusal_reason.startswith("Nội dung là khiếu nại")
    notice = (await office.told())[-1]
    assert code in notice.text and item.refusal_reason in notice.text


async def test_refusing_with_a_typed_reason_can_be_edited_before_it_is_sent(office: OfficeBot) -> None:
    code = await desk_item(office)
    an = office.chat(AN)
    card = await an.say(f"/xem {code}")
    reasons = await press(an, card, "Không tiếp nhận")
    await press(an, reasons, "Lý do khác")
    first = await an.say("Trùng với phản ánh đã trả lời")
    again = await press(an, first, "Sửa")
    assert "gõ lại" in said(again)
    review = await an.say("Trùng với phản ánh 20261120.0003 đã được trả lời ngày 20/11/2026.")
    assert "Lý do: Trùng với phản ánh 20261120.0003" in last(review).text
    await press(an, review, "Gửi")
    item = await office.item(code)
    assert item.status == Status.REFUSED
    assert item.refusal_reason == "Trùng với phản ánh 20261120.0003 đã được trả lời ngày 20/11/2026."


async def test_huy_while_typing_sends_nothing(office: OfficeBot) -> None:
    code = await desk_item(office)
    an = office.chat(AN)
    card = await an.say(f"/xem {code}")
    await press(an, card, "Trả lời")
    review = await an.say("Câu trả lời chưa xong")
    cancelled = await an.say("/huy")
    assert "Đã thôi, chưa gửi gì." in said(cancelled)
    assert (await office.item(code)).status == Status.RECEIVED
    spent = await press(an, review, "Gửi")
    assert "đã cũ" in said(spent)
    assert (await office.item(code)).status == Status.RECEIVED


async def test_assigning_to_a_colleague_puts_it_in_their_list(office: OfficeBot) -> None:
    code = await desk_item(office)
    chi = office.chat(CHI)
    card = await chi.say(f"/xem {code}")
    colleagues = await press(chi, card, "Giao cho")
    assert [button.text for button in last(colleagues).buttons] == [
        "Nguyễn Văn An (an)",
        "Quản trị hệ thống (quantri)",
        "◀ Quay lại",
    ]
    done = await press(chi, colleagues, "Nguyễn Văn An")
    assert "Đã giao phản ánh" in said(done)
    item = await office.item(code)
    assert (item.status, item.assignee) == (Status.ASSIGNED, "an")

    (mine,) = sent(await office.chat(AN).say("/cuatoi"))
    assert code in mine.text and "Việc tôi đang xử lý" in mine.text


async def test_forwarding_moves_the_item_to_the_other_units_queue(office: OfficeBot) -> None:
    code = await desk_item(office)
    an = office.chat(AN)
    card = await an.say(f"/xem {code}")
    units = await press(an, card, "Chuyển đơn vị")
    assert "Công chức địa chính (DIA-CHINH)" in [button.text for button in last(units).buttons]
    done = await press(an, units, "Công chức địa chính")
    assert "Đã chuyển phản ánh" in said(done)
    assert len(sent(done)) == 1  # no card: the item has left An's units
    item = await office.item(code)
    assert (item.status, item.unit) == (Status.FORWARDED, "DIA-CHINH")
    assert code not in said(await an.say("/hangdoi"))
    assert code in said(await office.chat(BINH).say("/hangdoi"))


LONGEST_UNIT = "DOI-QUAN-LY-TRAT-TU-DO-THI-VA-MOI-TRUONG-THON-3-XA-TAN-LAP-2026A"  # 64, the most allowed
LONGEST_USERNAME = "nguyen.thi.phuong.thao.bo-phan-tiep-nhan-va-tra-ket-qua.tan-lap1"


async def test_a_unit_or_colleague_with_the_longest_code_can_be_picked(office: OfficeBot) -> None:
    """Telegram refuses a message whose button carries more than 64 bytes of callback data: a unit code or a
    username may be that long on its own, so the buttons name them without embedding them."""
    assert len(LONGEST_UNIT) == len(LONGEST_USERNAME) == 64
    await office.admin.create_unit(LONGEST_UNIT, "Đội quản lý trật tự đô thị", parent="UBND-XA")
    await office.admin.create_officer(LONGEST_USERNAME, "Nguyễn Thị Phương Thảo")
    await office.admin.grant(LONGEST_USERNAME, Role.OFFICER, "MOT-CUA")
    code = await desk_item(office)
    chi = office.chat(CHI)

    colleagues = await press(chi, await chi.say(f"/xem {code}"), "Giao cho")
    assert f"Nguyễn Thị Phương Thảo ({LONGEST_USERNAME})" in [button.text for button in last(colleagues).buttons]
    assert "Đã giao phản ánh" in said(await press(chi, colleagues, "Phương Thảo"))
    assert (await office.item(code)).assignee == LONGEST_USERNAME

    units = await press(chi, await chi.say(f"/xem {code}"), "Chuyển đơn vị")
    assert "Đã chuyển phản ánh" in said(await press(chi, units, "Đội quản lý trật tự"))
    item = await office.item(code)
    assert (item.status, item.unit) == (Status.FORWARDED, LONGEST_UNIT)


async def test_asking_the_citizen_then_extending_once(office: OfficeBot, clock: Clock) -> None:
    code = await desk_item(office)
    await office.desk.claim(office.office.officers["an"], code)
    an = office.chat(AN)
    card = await an.say(f"/xem {code}")
    await press(an, card, "Gia hạn")
    review = await an.say("Cần khảo sát hiện trường cùng phòng Kinh tế - Hạ tầng")
    assert "gia hạn phản ánh" in last(review).text and "Hạn trả lời: 22/12/2026" in last(review).text
    extended = await press(an, review, "Gửi")
    assert "hạn mới: 22/12/2026" in said(extended)
    assert "⏳ Gia hạn" not in [button.text for button in last(extended).buttons]  # the law allows one

    await press(an, extended, "Hỏi thêm")
    review = await an.say("Xin gửi ảnh đoạn đường bị sụt lún.")
    assert "cần bạn bổ sung:\n\nXin gửi ảnh đoạn đường bị sụt lún." in last(review).text
    asked = await press(an, review, "Gửi")
    assert "tạm dừng" in said(asked)
    item = await office.item(code)
    assert (item.status, item.extended) == (Status.WAITING_FOR_CITIZEN, True)
    assert "⏸ tạm dừng, chờ người dân" in last(asked).text


async def test_apologising_with_a_new_date(office: OfficeBot) -> None:
    code = await desk_item(office)
    an = office.chat(AN)
    card = await an.say(f"/xem {code}")
    prompt = await press(an, card, "Xin lỗi")
    assert "sau hạn 08/12/2026" in said(prompt)
    wrong = await an.say("tuần sau")
    assert "Chưa đọc được ngày hẹn" in said(wrong)
    review = await an.say("15/12/2026 Chờ ý kiến của phòng Tài nguyên và Môi trường")
    assert "Ngày hẹn trả lời mới: 15/12/2026" in last(review).text
    done = await press(an, review, "Gửi")
    assert "hẹn trả lời phản ánh" in said(done) and "15/12/2026" in said(done)
    apology = (await office.told())[-1]
    assert apology.text.startswith("🙏") and "15/12/2026" in apology.text


async def test_closing_an_answered_item_with_the_citizen_s_confirmation(office: OfficeBot) -> None:
    code = await desk_item(office)
    an = office.chat(AN)
    await office.desk.answer(office.office.officers["an"], code, "Đã vá ổ gà.")
    card = await an.say(f"/xem {code}")
    prompt = await press(an, card, "Đóng")
    assert "không mở lại được nữa" in said(prompt)
    review = await an.say("Ông Nam xác nhận qua điện thoại ngày 23/11 là đã được giải quyết.")
    assert "Ông Nam xác nhận qua điện thoại" in last(review).text
    done = await press(an, review, "Gửi")
    assert "Đã đóng phản ánh" in said(done)
    assert (await office.item(code)).status == Status.CLOSED
    closed = (await office.told())[-1]
    assert code in closed.text and "Ông Nam xác nhận" in closed.text


async def test_the_lists_page_and_mark_how_late_each_item_is(office: OfficeBot, clock: Clock) -> None:
    codes = [
        await office.filed("MOT-CUA", f"Phản ánh số {n}: đèn đường thôn {n} không sáng", citizen=700 + n)
        for n in range(10)
    ]
    an = office.chat(AN)
    (first,) = sent(await an.say("/hangdoi"))
    assert "10 việc · trang 1/2" in first.text and codes[0] in first.text and codes[9] not in first.text
    turned = await an.press(first, "Trang sau")
    (second,) = [message for message in turned.edited if message.chat_id == AN.id]
    assert "trang 2/2" in second.text and codes[9] in second.text
    assert "Chưa có việc nào" not in second.text
    assert "Không có việc nào" in sent(await an.say("/quahan"))[0].text

    clock.advance(days=17)  # Thursday 10/12/2026: two working days after the deadline
    (overdue,) = sent(await an.say("/quahan"))
    assert (
        "🔴 <code>" not in overdue.text
        and f"🔴 {codes[0]} · Đã tiếp nhận, đang chờ phân loại · quá hạn 2 ngày" in overdue.text
    )


async def test_two_officers_pressing_toi_xu_ly_at_once_one_wins(office: OfficeBot) -> None:
    code = await desk_item(office)
    an, chi = office.chat(AN), office.chat(CHI)
    an_card = with_claim(await an.say(f"/xem {code}"))
    chi_card = with_claim(await chi.say(f"/xem {code}"))
    start = len(office.api.calls)
    presses = [await office.api.press(card, "Tôi xử lý", user=user) for card, user in ((an_card, AN), (chi_card, CHI))]
    await office.api.wait_fetched(presses[-1])
    await asyncio.wait_for(an.application.update_queue.join(), 30)
    assert an.settle is not None
    await an.settle()  # the replies are sent by the delivery loop
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
    await press(an, card, "Trả lời")
    review = await an.say(ANSWER)
    chi = office.office.officers["chi"]
    await office.feedback.act_steps(code, [Step(Action.ACCEPT), Step(Action.START, assignee="chi")], officer_actor(chi))
    await office.desk.answer(chi, code, "Câu trả lời của trưởng đơn vị.")

    refused = await press(an, review, "Gửi")
    shown = said(refused)
    assert "vừa được người khác thay đổi" in shown
    assert "Trạng thái: Đã có kết quả trả lời" in shown and "Câu trả lời của trưởng đơn vị." in shown
    assert "Nội dung bạn đã gõ vẫn được giữ nguyên" in last(refused).text
    assert [button.text for button in last(refused).buttons] == ["📨 Gửi lại", "✖ Huỷ"]
    assert (await office.item(code)).answer == "Câu trả lời của trưởng đơn vị."
    await press(an, refused, "Huỷ")
    assert (await office.item(code)).answer == "Câu trả lời của trưởng đơn vị."
