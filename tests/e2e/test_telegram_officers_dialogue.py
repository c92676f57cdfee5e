"""Officers on Telegram through the dialogue, as `motcua serve` runs them: the real python-telegram-bot stack
against the Bot API stand-in over HTTP, the officer recognised by the desk's link from their Telegram account;
what they do reaches the citizen as a notice with its buttons. SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.domain.data_view import Exposure
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import Attachment, AttachmentKind, CitizenRef, Contact, Draft
from feedback.domain.status import Status
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.data_views import DataViews
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from procedures_catalog.services import Catalog
from procedures_catalog.synonyms import load_synonyms
from stand_ins.telegram_bot_api import CITIZEN, ChatMessage, Exchange, LocalBotApi, LocalChat, TelegramUser
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import CALENDAR, assert_telegram_accepted_everything, small_catalog_procedures
from tests.e2e.dialogue_bot import DialogueBot, open_dialogue_bot
from tests.manual_clock import Clock
from tests.office_fixture import TELEGRAM_IDS, Office, build_office, cheap_hasher, file_item

AN = TelegramUser(TELEGRAM_IDS["an"], "An", "an_motcua")  # officer of MOT-CUA
DUNG = TelegramUser(TELEGRAM_IDS["dung"], "Dũng", "dung_xakhac")  # officer of XA-KHAC, another commune
ROAD = "Đường bê tông thôn 3 bị sụt lún sau mưa lớn, xe máy không đi qua được <gấp>."
ANSWER = "UBND xã đã giao tổ công trình san lấp đoạn sụt lún trong tuần này <trước 30/11>."


@dataclass
class OfficeOnTelegram:
    bot: DialogueBot
    feedback: FeedbackService
    office: Office

    @property
    def citizen(self) -> LocalChat:
        return self.bot.chat

    def chat(self, user: TelegramUser) -> LocalChat:
        return self.bot.chat.other(user)


@pytest.fixture
async def office(
    uow_factory: Callable[[], SqlUnitOfWork], session_factory: async_sessionmaker[AsyncSession], clock: Clock
) -> AsyncIterator[OfficeOnTelegram]:
    async with uow_factory() as uow:
        await uow.procedures.upsert(small_catalog_procedures())
        await uow.commit()
    catalog = await Catalog.load(uow_factory, load_synonyms())
    feedback = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    built = await build_office(admin)
    desk = OfficerDesk(feedback, admin)
    async with LocalBotApi() as api:
        async with open_dialogue_bot(api, catalog, feedback, uow_factory, session_factory, clock, desk=desk) as bot:
            yield OfficeOnTelegram(bot, feedback, built)
        assert_telegram_accepted_everything(api)


def said(exchange: Exchange) -> str:
    """What the bot sent in the exchange. The relay runs beside the updates (any update wakes it), so the
    citizen's notices may go out during an officer's exchange: tests read them with `told_citizen`."""
    return "\n".join(message.text for message in exchange.sent if message.chat_id != CITIZEN.id)


async def told_citizen(office: OfficeOnTelegram) -> list[ChatMessage]:
    """Every notice the citizen has been sent, once those pending now are relayed and delivered."""
    await office.bot.notices()
    return [
        call.message
        for call in office.citizen.api.calls
        if call.ok and call.method == "sendMessage" and call.message and call.message.chat_id == CITIZEN.id
    ]


def with_button(exchange: Exchange, label: str) -> ChatMessage:
    for message in reversed(exchange.messages):
        if any(label in button.text for button in message.buttons):
            return message
    raise AssertionError(f"no {label!r} button in {[[b.text for b in m.buttons] for m in exchange.messages]}")


async def filed(office: OfficeOnTelegram) -> str:
    """The citizen has written to the bot (their chat exists), and files a PAKN to the one-stop desk."""
    await office.citizen.say("/start")
    return await file_item(office.feedback, "MOT-CUA", ROAD, CITIZEN.id)


async def test_an_officer_answers_from_the_queue_and_the_citizen_gets_the_notice(office: OfficeOnTelegram) -> None:
    code = await filed(office)
    an = office.chat(AN)

    queue = await an.say("/hangdoi")
    assert "Hàng đợi của đơn vị" in said(queue) and code in said(queue)
    card = await an.press(with_button(queue, code), code)
    assert "Hoàng Thị Hoa" in said(card) and "0912345678" in said(card)
    claimed = await an.press(with_button(card, "Tôi xử lý"), "Tôi xử lý")
    assert f"Bạn đang xử lý phản ánh {code}" in said(claimed)
    asked = await an.press(with_button(claimed, "Trả lời"), "Trả lời")
    assert f"Gõ câu trả lời cho phản ánh {code}" in said(asked)
    review = await an.say(ANSWER)
    assert "người dân sẽ nhận được" in said(review) and ANSWER in said(review)  # escaped on the way, shown as typed
    assert (await office.feedback.item(code)).status == Status.IN_PROGRESS  # nothing sent before «Gửi»
    sent = await an.press(with_button(review, "Gửi"), "Gửi")
    assert f"Đã gửi câu trả lời phản ánh {code} đến người dân" in said(sent)
    item = await office.feedback.item(code)
    assert (item.status, item.answer, item.assignee) == (Status.ANSWERED, ANSWER, "an")

    notice = (await told_citizen(office))[-1]
    assert "đã có kết quả trả lời" in notice.text and ANSWER in notice.text
    assert "Chưa được giải quyết" in [button.text for button in notice.buttons]


async def test_an_officer_refuses_with_a_reason_and_the_citizen_is_told_why(office: OfficeOnTelegram) -> None:
    code = await filed(office)
    an = office.chat(AN)
    card = await an.say(f"/xem {code}")
    reasons = await an.press(with_button(card, "Không tiếp nhận"), "Không tiếp nhận")
    assert "chọn lý do theo quy định" in said(reasons)
    review = await an.press(with_button(reasons, "Nội dung là khiếu nại"), "Nội dung là khiếu nại")
    assert "Người dân sẽ nhận được" in said(review)
    done = await an.press(with_button(review, "Xác nhận"), "Xác nhận")
    assert f"Đã không tiếp nhận phản ánh {code}" in said(done)
    assert (await office.feedback.item(code)).status == Status.REFUSED

    notice = (await told_citizen(office))[-1]
    assert code in notice.text and "Nội dung là khiếu nại" in notice.text


async def test_someone_not_linked_is_told_politely_the_queue_is_for_officers(office: OfficeOnTelegram) -> None:
    code = await filed(office)
    await told_citizen(office)  # the receipt's notice, out of the way
    refused = await office.citizen.say("/hangdoi")
    (reply,) = refused.sent
    assert reply.chat_id == CITIZEN.id
    assert "chỉ dành cho cán bộ đã được liên kết tài khoản" in reply.text and code not in reply.text
    (card,) = (await office.citizen.say(f"/xem {code}")).sent
    assert "chỉ dành cho cán bộ" in card.text and "0912345678" not in card.text


async def test_the_card_logs_who_saw_the_citizens_contact_and_a_refused_officer_leaves_no_trace(
    office: OfficeOnTelegram, uow_factory: Callable[[], SqlUnitOfWork]
) -> None:
    code = await filed(office)
    log = DataViews(uow_factory)
    admin = office.office.officers["quantri"]
    dung = office.chat(DUNG)
    assert "không thuộc đơn vị bạn phụ trách" in said(await dung.say(f"/xem {code}"))
    an = office.chat(AN)
    assert "0912345678" not in said(await an.say("/hangdoi"))  # the queue shows no contact, leaves no trace
    assert await log.for_item(admin, code) == []
    card = await an.say(f"/xem {code}")
    await an.press(with_button(card, "Tiếp nhận"), "Tiếp nhận")  # the card shown again after the change
    assert [(v.officer, v.channel, v.exposure) for v in await log.for_item(admin, code)] == [
        ("an", "telegram", Exposure.CONTACT),
        ("an", "telegram", Exposure.CONTACT),
    ]


async def test_the_card_resends_the_citizens_photo_and_logs_it_with_the_contact(
    office: OfficeOnTelegram, uow_factory: Callable[[], SqlUnitOfWork]
) -> None:
    await office.citizen.send_photo("Ảnh chụp sáng nay")  # Telegram keeps the photo: the bot knows it by id
    photo_id = list(office.citizen.api.files)[-1]  # its largest size
    contact = Contact(name="Hoàng Thị Hoa", address="Thôn 3, xã Tân Lập", phone="0912345678")
    draft = Draft(
        FeedbackType.PHAN_ANH,
        ROAD,
        contact,
        CitizenRef("telegram", str(CITIZEN.id)),
        reply_to=str(CITIZEN.id),
        attachments=(Attachment(AttachmentKind.PHOTO, photo_id),),
        unit="MOT-CUA",
    )
    code = (await office.feedback.submit(draft)).code

    card = await office.chat(AN).say(f"/xem {code}")
    resent = [message.media for message in card.messages if message.media and message.chat_id == AN.id]
    assert [media["photo"][-1]["file_id"] for media in resent] == [photo_id]
    views = await DataViews(uow_factory).for_item(office.office.officers["quantri"], code)
    assert sorted((v.officer, v.channel, v.exposure) for v in views) == [
        ("an", "telegram", Exposure.ATTACHMENTS),
        ("an", "telegram", Exposure.CONTACT),
    ]
