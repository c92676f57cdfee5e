"""«Dữ liệu của tôi» through the dialogue, as a citizen types it on the plain-text channel (SQLite and PostgreSQL):
see what is held and who looked, correct the contact details, ask for deletion and hear the result."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogue import reply_codec
from dialogue.engine import Dialogue
from dialogue.events import Account, Choose, Inbound
from dialogue.flows import build_router
from dialogue.notices import notice_reply
from dialogue.relay import Relay
from dialogue.turn import Services
from feedback.domain.data_view import Exposure, Looked
from feedback.domain.model import Contact
from feedback.domain.retention import MASKED
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from feedback.service_layer.personal_data import PersonalData, RequestStatus
from procedures_catalog.services import Catalog
from storage.attachment_files import DiskAttachmentFiles
from storage.dialogue_models import OutboxRecord
from storage.unit_of_work import SqlUnitOfWork
from tests.dialogue.conftest import CALENDAR, TypingCitizen
from tests.dialogue.pakn_items import ADDRESS, NAME, PHONE, POTHOLE, file_item, text_citizen
from tests.manual_clock import Clock
from tests.office_fixture import Office, build_office, cheap_hasher
from text_channel.channel import TextChannel

LAMP = "Đèn đường thôn 5 hỏng đã hai tuần, buổi tối đi lại rất nguy hiểm cho người già và trẻ em."


def number_of(answer: str, label: str) -> str:
    for line in answer.splitlines():
        found = re.match(r"^(\d+)\. (.*)$", line)
        if found and label in found.group(2):
            return found.group(1)
    raise AssertionError(f"no choice {label!r} in:\n{answer}")


async def pick(citizen: TypingCitizen, answer: str, label: str) -> str:
    return await citizen.say(number_of(answer, label))


class Office2:
    def __init__(self, office: Office, desk: OfficerDesk, rights: PersonalData) -> None:
        self.office, self.desk, self.rights = office, desk, rights


@pytest.fixture
async def office(uow_factory: Callable[[], SqlUnitOfWork], feedback: FeedbackService, clock: Clock) -> Office2:
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    office = await build_office(admin)
    rights = PersonalData(uow_factory, DiskAttachmentFiles(None), calendar=CALENDAR, clock=clock)
    return Office2(office, OfficerDesk(feedback, admin), rights)


@pytest.fixture
def rights_dialogue(
    uow_factory: Callable[[], SqlUnitOfWork], catalog: Catalog, feedback: FeedbackService, office: Office2, clock: Clock
) -> Dialogue:
    services = Services(catalog=catalog, feedback=feedback, desk=office.desk, personal_data=office.rights)
    return Dialogue(uow_factory, build_router(), services, clock=clock)


@pytest.fixture
def lan(rights_dialogue: Dialogue) -> TypingCitizen:
    return TypingCitizen(TextChannel(rights_dialogue), "citizen-1")


async def test_the_citizen_sees_what_is_held_and_which_units_looked(
    lan: TypingCitizen, feedback: FeedbackService, office: Office2
) -> None:
    assert "chưa gửi phản ánh, kiến nghị nào" in await lan.say("/dulieu")
    first = await file_item(feedback, unit="MOT-CUA")
    second = await file_item(feedback, content=LAMP)
    await file_item(feedback, "someone-else", content="Chợ xã họp lấn chiếm lòng đường, xe cộ không đi được.")
    for officer in ("an", "an", "chi"):
        await office.desk.item(office.office.officers[officer], first, [Looked("telegram", Exposure.CONTACT)])
    menu = await lan.say("/start")
    held = await pick(lan, menu, "Dữ liệu của tôi")
    assert held.index(second) < held.index(first)  # newest first
    for shown in (NAME, PHONE, ADDRESS, POTHOLE[:40], LAMP[:40], "Phản ánh, kiến nghị bạn đã gửi (2)"):
        assert shown in held
    assert "Chợ xã" not in held  # another person's item
    assert "3 lần (Bộ phận một cửa: 2; UBND xã Tân Lập: 1)" in held
    assert "Chưa cán bộ nào xem" in held  # the second item
    for choice in ("Sửa họ tên", "Sửa số điện thoại, email", "Sửa địa chỉ", "Yêu cầu xoá dữ liệu"):
        assert choice in held
    assert "/dulieu" in await lan.say("/help")


async def test_the_contact_is_corrected_on_every_item_checked_as_filing_checks_it(
    lan: TypingCitizen, feedback: FeedbackService, office: Office2
) -> None:
    codes = [await file_item(feedback), await file_item(feedback, content=LAMP)]
    held = await lan.say("/dulieu")
    asked = await pick(lan, held, "Sửa số điện thoại")
    assert "Số điện thoại hoặc email mới" in asked
    assert "Bạn gõ lại nhé" in await lan.say("09123")  # explained, asked again
    done = await lan.say("lan.tran@example.vn")
    assert "Đã sửa thông tin liên hệ trên 2 phản ánh, kiến nghị" in done and "lan.tran@example.vn" in done
    asked = await pick(lan, await lan.say("/dulieu"), "Sửa địa chỉ")
    assert "Địa chỉ mới" in asked
    assert "Đã sửa" in await lan.say("45 Trần Phú, phường Minh An")
    expected = Contact(NAME, "45 Trần Phú, phường Minh An", email="lan.tran@example.vn")
    for code in codes:
        assert (await feedback.item(code)).contact == expected
        assert "correct_contact" in [entry.action for entry in await feedback.audit_trail(code)]
    assert (await office.rights.held_about(text_citizen())).remembered_contact == expected
    # Dropped with /huy: nothing changes.
    await pick(lan, await lan.say("/dulieu"), "Sửa họ tên")
    assert "giữ nguyên" in await lan.say("/huy")
    assert (await feedback.item(codes[0])).contact == expected


async def test_deletion_is_confirmed_queued_once_and_its_result_told(
    lan: TypingCitizen,
    rights_dialogue: Dialogue,
    feedback: FeedbackService,
    office: Office2,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
) -> None:
    code = await file_item(feedback)
    held = await lan.say("/dulieu")
    confirm = await pick(lan, held, "Yêu cầu xoá dữ liệu")
    assert "Nội dung phản ánh, quá trình xử lý và kết quả trả lời vẫn được lưu" in confirm
    assert "trong 15 ngày" in confirm
    assert "Đã thôi: không gửi yêu cầu xoá" in await pick(lan, confirm, "Thôi, không xoá")
    assert await office.rights.pending_deletions(office.office.officers["quantri"]) == []
    confirm = await pick(lan, await lan.say("/dulieu"), "Yêu cầu xoá dữ liệu")
    assert "Bạn hãy chọn" in await lan.say("có lẽ")
    requested = await lan.say(number_of(confirm, "Xác nhận yêu cầu xoá"))
    assert "Đã ghi nhận yêu cầu xoá" in requested and "Hạn xử lý: 08/12/2026" in requested
    # The confirmation pressed again (a button of an old message): nothing more is filed.
    account = Account("text", "citizen-1", "citizen-1")
    again = await rights_dialogue.handle(Inbound(account, Choose("md:confirm")))
    assert "đã cũ" in again[0].text
    (pending,) = await office.rights.pending_deletions(office.office.officers["quantri"])
    assert pending.citizen == text_citizen() and pending.reply_to == "citizen-1"
    held = await lan.say("/dulieu")
    assert "đang chờ xử lý, hạn 08/12/2026" in held and "Yêu cầu xoá dữ liệu" not in held

    await office.rights.approve_deletion(office.office.officers["quantri"], pending.id or 0)
    relay = Relay(uow_factory, ["text"], render_notice=notice_reply, clock=clock)
    await relay.run_once()
    async with session_factory() as session:
        rows = list((await session.execute(select(OutboxRecord).order_by(OutboxRecord.id))).scalars())
    told = [reply_codec.loads(row.reply).text for row in rows if row.notice is not None]
    assert any("đã được thực hiện" in text for text in told)
    held = await lan.say("/dulieu")
    assert "thông tin liên hệ đã được xoá" in held and PHONE not in held and "đã thực hiện ngày" in held
    assert "Sửa họ tên" not in held  # nothing left to correct
    assert (await feedback.item(code)).contact.name == MASKED
    assert (await office.rights.held_about(text_citizen())).deletion_requests[0].status == RequestStatus.APPROVED


async def test_a_question_of_my_data_parks_the_pakn_being_drafted(
    lan: TypingCitizen, feedback: FeedbackService
) -> None:
    await file_item(feedback)
    await pick(lan, await lan.say("/phananh"), "Phản ánh")
    await lan.say(LAMP)
    asked = await pick(lan, await pick(lan, await lan.say("xong"), "Bỏ qua"), "Bộ phận một cửa")
    assert "Dùng lại thông tin" in asked
    await pick(lan, await lan.say("/dulieu"), "Sửa địa chỉ")
    done = await lan.say("45 Trần Phú, phường Minh An")
    assert "Đã sửa" in done and "vẫn được giữ nguyên" in done
    summary = await pick(lan, await lan.say("/phananh"), "Dùng thông tin này")
    assert "45 Trần Phú, phường Minh An" in summary and LAMP[:40] in summary


async def test_without_the_service_the_entry_says_it_is_not_available(citizen: TypingCitizen) -> None:
    assert "chưa có ở kênh này" in await citizen.say("/dulieu")
