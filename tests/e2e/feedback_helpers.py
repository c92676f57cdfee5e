"""Steps and data shared by the PAKN end-to-end tests: a citizen filing through the real bot."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import CitizenRef, Contact, Draft
from feedback.service_layer.feedback_service import FeedbackService
from stand_ins.telegram_bot_api import CITIZEN, ChatMessage, Exchange, LocalChat
from storage.feedback_models import FeedbackRecord

LAN = CitizenRef("telegram", str(CITIZEN.id))
POTHOLE = "Ổ gà lớn trước số 12 Lê Lợi đã ba tháng chưa được sửa, xe máy qua lại ngã liên tục."
NAME = "Trần Thị Lan"
PHONE_TYPED = "0912 345 678"
PHONE = "0912345678"
ADDRESS = "12 Lê Lợi, phường Hội An, thành phố Đà Nẵng"
LAN_CONTACT = Contact(name=NAME, address=ADDRESS, phone=PHONE)


def with_button(exchange: Exchange, label: str) -> ChatMessage:
    """The last message of an exchange that has a button with `label`."""
    for message in reversed(exchange.messages):
        if any(label in button.text for button in message.buttons):
            return message
    raise AssertionError(f"no message with a {label!r} button in {[m.text for m in exchange.messages]}")


async def start_filing(chat: LocalChat, kind: str = "Phản ánh") -> Exchange:
    """/phananh and a type: the bot then asks for the content."""
    started = await chat.say("/phananh")
    return await chat.press(with_button(started, kind), kind)


async def give_content(chat: LocalChat, content: str = POTHOLE) -> Exchange:
    """The content as one message, then "Xong": the bot then asks for the procedure."""
    received = await chat.say(content)
    return await chat.press(with_button(received, "Xong"), "Xong")


async def skip_procedure(chat: LocalChat, asked: Exchange) -> Exchange:
    return await chat.press(with_button(asked, "Bỏ qua"), "Bỏ qua")


async def give_contact(chat: LocalChat) -> Exchange:
    """Name, typed phone and address: the bot then shows the summary."""
    await chat.say(NAME)
    await chat.say(PHONE_TYPED)
    return await chat.say(ADDRESS)


async def reach_summary(chat: LocalChat, content: str = POTHOLE) -> ChatMessage:
    """A whole filing up to the summary, for a citizen who never filed before."""
    await start_filing(chat)
    asked = await give_content(chat, content)
    await skip_procedure(chat, asked)
    return with_button(await give_contact(chat), "Gửi")


async def file_pakn(chat: LocalChat, content: str = POTHOLE) -> Exchange:
    """A whole filing, sent: the exchange ends with the receipt."""
    summary = await reach_summary(chat, content)
    return await chat.press(summary, "Gửi")


async def submit_directly(service: FeedbackService, content: str = POTHOLE, citizen: CitizenRef = LAN) -> str:
    """An item filed earlier (without the bot), notices to the citizen's chat; its code."""
    draft = Draft(
        type=FeedbackType.PHAN_ANH,
        content=content,
        contact=LAN_CONTACT,
        citizen=citizen,
        reply_to=citizen.external_id,
    )
    return (await service.submit(draft)).code


async def count_items(session_factory: async_sessionmaker[AsyncSession]) -> int:
    async with session_factory() as session:
        return (await session.execute(select(func.count()).select_from(FeedbackRecord))).scalar_one()
