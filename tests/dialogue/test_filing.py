"""Filing a PAKN through the dialogue, as a citizen types it on the plain-text channel (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogue.engine import Dialogue
from dialogue.events import (
    Account,
    Choose,
    Command,
    ContactShared,
    Event,
    FileKind,
    FileShared,
    Inbound,
    LocationShared,
)
from dialogue.flows import build_router
from dialogue.turn import Services
from feedback.domain.intake_limits import IntakeLimits
from feedback.domain.legal_type import FeedbackType, OtherRegime
from feedback.domain.model import CitizenRef, Contact, Draft, Location
from feedback.domain.privacy_notice import NOTICE_VERSION
from feedback.domain.retention import RetentionPolicy
from feedback.domain.status import Status
from feedback.domain.units import Unit
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from feedback.service_layer.personal_data import PersonalData
from procedures_catalog.services import Catalog
from storage.attachment_files import DiskAttachmentFiles
from storage.feedback_models import FeedbackRecord
from storage.unit_of_work import SqlUnitOfWork
from tests.dialogue.conftest import CALENDAR, TypingCitizen
from tests.manual_clock import Clock
from tests.office_fixture import TELEGRAM_IDS, build_office, cheap_hasher
from text_channel.channel import TextChannel
from text_channel.rendering import render

LAN = CitizenRef("text", "citizen-1")
POTHOLE = "Ổ gà lớn trước số 12 Lê Lợi đã ba tháng chưa được sửa, xe máy qua lại ngã liên tục."
NAME = "Trần Thị Lan"
PHONE = "0912345678"
ADDRESS = "12 Lê Lợi, phường Hội An, thành phố Đà Nẵng"


def number_of(answer: str, label: str) -> str:
    """The number the plain-text channel shows for the choice whose label contains `label`."""
    for line in answer.splitlines():
        found = re.match(r"^(\d+)\. (.*)$", line)
        if found and label in found.group(2):
            return found.group(1)
    raise AssertionError(f"no choice {label!r} in:\n{answer}")


async def pick(citizen: TypingCitizen, answer: str, label: str) -> str:
    return await citizen.say(number_of(answer, label))


async def send(dialogue: Dialogue, event: Event, user: str = "citizen-1", channel: str = "text") -> str:
    """A photo, a file, a place or a shared contact, as a channel reports it; the answer as text."""
    replies = await dialogue.handle(Inbound(Account(channel, user, user), event))
    return "\n\n".join(render(reply) for reply in replies)


async def count_items(session_factory: async_sessionmaker[AsyncSession]) -> int:
    async with session_factory() as session:
        return (await session.execute(select(func.count()).select_from(FeedbackRecord))).scalar_one()


async def to_content(citizen: TypingCitizen, kind: str = "Phản ánh") -> str:
    return await pick(citizen, await citizen.say("/phananh"), kind)


async def to_summary(citizen: TypingCitizen, content: str = POTHOLE) -> str:
    """A whole filing up to the summary, for a citizen who never filed before."""
    await to_content(citizen)
    received = await citizen.say(content)
    asked = await pick(citizen, received, "Xong")
    assert "thủ tục hành chính nào" in asked
    assert "Họ và tên" in await pick(citizen, asked, "Bỏ qua")
    await citizen.say(NAME)
    await citizen.say("0912 345 678")
    return await citizen.say(ADDRESS)


async def filed_earlier(feedback: FeedbackService, content: str = POTHOLE) -> str:
    draft = Draft(FeedbackType.PHAN_ANH, content, Contact(NAME, ADDRESS, PHONE), LAN, reply_to=LAN.external_id)
    return (await feedback.submit(draft)).code


async def test_every_step_an_edit_and_the_receipt_with_the_code(
    citizen: TypingCitizen, feedback: FeedbackService, dialogue: Dialogue
) -> None:
    menu = await citizen.say("/start")
    asked = await pick(citizen, menu, "📝 Gửi phản ánh, kiến nghị")
    assert "Phản ánh" in asked and "Kiến nghị" in asked and "Huỷ" in asked
    typed = await pick(citizen, asked, "Kiến nghị")
    assert "Loại: Kiến nghị" in typed and "mô tả rõ sự việc" in typed

    received = await citizen.say(POTHOLE)
    assert f"Đã nhận ({len(POTHOLE)} ký tự, 0 tệp)" in received
    more = await citizen.say("Đề nghị phường cho vá sớm trước mùa mưa.")
    asked = await pick(citizen, more, "Xong")
    assert "thủ tục hành chính nào" in asked
    found = await citizen.say("khai sinh")
    picked = await pick(citizen, found, "Thủ tục đăng ký khai sinh")
    assert "Thủ tục liên quan: Thủ tục đăng ký khai sinh" in picked and "Họ và tên" in picked

    asked = await citizen.say(NAME)
    assert "Số điện thoại hoặc email" in asked and "(Gõ số điện thoại của bạn.)" in asked
    assert "thiếu số" in await citizen.say("09123")  # explained, asked again
    noted = await citizen.say("SĐT: 0912.345.678")
    assert f"Đã ghi liên hệ: {PHONE}" in noted and "Địa chỉ của bạn" in noted
    summary = await citizen.say(ADDRESS)
    assert "Kiểm tra lại trước khi gửi" in summary
    for shown in ("Loại: Kiến nghị", POTHOLE, "Đề nghị phường", NAME, PHONE, ADDRESS, "Thủ tục đăng ký khai sinh"):
        assert shown in summary
    assert "Gửi đến: bộ phận tiếp nhận chuyển đến đúng nơi" in summary  # no units set up: not asked

    asked = await pick(citizen, summary, "✏️ Họ tên")
    assert "Họ và tên" in asked
    summary = await citizen.say("Trần Thị Lan Anh")  # back to the summary, the rest as it was
    assert "Họ tên: Trần Thị Lan Anh" in summary and f"Địa chỉ: {ADDRESS}" in summary
    asked = await pick(citizen, summary, "✏️ Liên hệ")
    summary = await citizen.say("lan@example.vn")
    assert "Liên hệ: lan@example.vn" in summary

    receipt = await pick(citizen, summary, "📨 Gửi")
    assert "Đã tiếp nhận kiến nghị của bạn" in receipt
    assert "Mã tra cứu: 20261123.0001" in receipt
    # 10 working days after Monday 23/11/2026, with Tuesday 24/11 (Ngày Văn hóa Việt Nam) off.
    assert "Hạn trả lời: 08/12/2026 (10 ngày làm việc)" in receipt

    view = await feedback.track("20261123.0001", LAN)
    assert view.type == FeedbackType.KIEN_NGHI and view.status == Status.RECEIVED
    assert view.content == POTHOLE + "\n\nĐề nghị phường cho vá sớm trước mùa mưa."
    assert view.contact == Contact("Trần Thị Lan Anh", ADDRESS, email="lan@example.vn")
    assert view.procedure_code == "1.001193"
    # The summary's «Gửi», pressed again on a channel with buttons, no longer acts.
    assert "đã cũ" in await send(dialogue, Choose("fi:send"))
    assert await feedback.my_items(LAN) == [view]


async def test_a_unit_is_found_by_typing_and_changed_from_the_summary(
    citizen: TypingCitizen, feedback: FeedbackService, dialogue: Dialogue, uow_factory: Callable[[], SqlUnitOfWork]
) -> None:
    async with uow_factory() as uow:
        await uow.units.add(Unit("UBND-XA", "UBND xã Tân Lập"))
        await uow.units.add(Unit("MOT-CUA", "Bộ phận một cửa", "UBND-XA"))
        await uow.units.add(Unit("DIA-CHINH", "Công chức địa chính - xây dựng", "UBND-XA"))
        await uow.commit()
    await to_content(citizen)
    asked = await pick(citizen, await pick(citizen, await citizen.say(POTHOLE), "Xong"), "Bỏ qua")
    assert "gửi đến đơn vị nào" in asked and "Bộ phận một cửa" in asked
    assert "Không tìm thấy đơn vị nào khớp với «cong an»" in await citizen.say("cong an")
    found = await citizen.say("dia chinh")
    assert "Bộ phận một cửa" not in found
    picked = await pick(citizen, found, "Công chức địa chính")
    assert "Gửi đến: Công chức địa chính - xây dựng" in picked and "Họ và tên" in picked
    await citizen.say(NAME)
    await citizen.say(PHONE)
    summary = await citizen.say(ADDRESS)
    assert "Gửi đến: Công chức địa chính - xây dựng" in summary
    asked = await pick(citizen, summary, "✏️ Đơn vị")
    assert "đã cũ" in await send(dialogue, Choose("fi:u:2:0"))  # the choice of the search's older offer
    summary = await pick(citizen, asked, "Bộ phận một cửa")
    assert "Gửi đến: Bộ phận một cửa" in summary
    assert "20261123.0001" in await pick(citizen, summary, "📨 Gửi")
    assert (await feedback.item("20261123.0001")).unit == "MOT-CUA"


async def test_a_restart_half_way_continues_where_the_citizen_left_off(
    citizen: TypingCitizen,
    uow_factory: Callable[[], SqlUnitOfWork],
    services: Services,
    clock: Clock,
    feedback: FeedbackService,
) -> None:
    await to_content(citizen)
    await citizen.say(POTHOLE)
    await pick(citizen, await pick(citizen, await citizen.say("Đề nghị sửa sớm."), "Xong"), "Bỏ qua")
    assert "Số điện thoại hoặc email" in await citizen.say(NAME)

    # Another process (a restart, or a second instance) takes the next message: it knows the step.
    restarted = TypingCitizen(TextChannel(Dialogue(uow_factory, build_router(), services, clock=clock)), "citizen-1")
    assert f"Đã ghi liên hệ: {PHONE}" in await restarted.say(PHONE)
    summary = await restarted.say(ADDRESS)
    for shown in (POTHOLE, "Đề nghị sửa sớm.", NAME, PHONE, ADDRESS):
        assert shown in summary
    again = TypingCitizen(TextChannel(Dialogue(uow_factory, build_router(), services, clock=clock)), "citizen-1")
    assert "Mã tra cứu: 20261123.0001" in await pick(again, summary, "📨 Gửi")
    view = await feedback.track("20261123.0001", LAN)
    assert view.content == POTHOLE + "\n\nĐề nghị sửa sớm." and view.contact is not None


@pytest.mark.parametrize("step", ["type", "content", "name", "contact", "summary"])
async def test_huy_forgets_the_answers_at_any_step(
    citizen: TypingCitizen, session_factory: async_sessionmaker[AsyncSession], step: str
) -> None:
    if step == "type":
        await citizen.say("/phananh")
    elif step == "summary":
        await to_summary(citizen)
    else:
        await to_content(citizen)
        await citizen.say(POTHOLE)
        if step != "content":
            await pick(citizen, await pick(citizen, await citizen.say("Đề nghị sửa sớm."), "Xong"), "Bỏ qua")
        if step == "contact":
            await citizen.say(NAME)
    assert (await citizen.say("/huy")).startswith("Đã huỷ. Những gì bạn nhập đã được xoá.")
    assert await count_items(session_factory) == 0
    assert "Không có việc gì đang làm dở" in await citizen.say("/huy")
    asked = await citizen.say("/phananh")  # a fresh draft
    assert "Bạn muốn gửi loại nào" in asked and "đang gửi dở" not in asked


async def test_the_choices_typed_in_words_are_understood(citizen: TypingCitizen, feedback: FeedbackService) -> None:
    await citizen.say("tôi muốn gửi phản ánh")
    again = await citizen.say("tôi muốn gửi phản ánh")  # said twice: not taken as the content
    assert "Bạn hãy chọn" in again and "Đã nhận" not in again
    assert (await citizen.say("huỷ")).startswith("Đã huỷ.")
    await citizen.say("/phananh")
    assert "Loại: Kiến nghị" in await citizen.say("kiến nghị")
    await citizen.say(POTHOLE)
    assert "thủ tục hành chính nào" in await citizen.say("Xong")
    await citizen.say("1")  # «Bỏ qua», the only choice
    await citizen.say(NAME)
    await citizen.say(PHONE)
    await citizen.say(ADDRESS)
    assert "Mã tra cứu: 20261123.0001" in await citizen.say("gửi")
    assert (await feedback.track("20261123.0001", LAN)).type == FeedbackType.KIEN_NGHI


class CommitFails(SqlUnitOfWork):
    """The database refuses the PAKN's commit, as a full disk or a dropped connection would."""

    failures = 0

    async def commit(self) -> None:
        if CommitFails.failures > 0:
            CommitFails.failures -= 1
            raise OperationalError("COMMIT", {}, Exception("database is locked"))
        await super().commit()


async def test_a_storage_failure_at_submit_says_so_keeps_the_draft_and_a_retry_files_it(
    uow_factory: Callable[[], SqlUnitOfWork],
    catalog: Catalog,
    clock: Clock,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    failing = FeedbackService(lambda: CommitFails(session_factory), calendar=CALENDAR, clock=clock)
    dialogue = Dialogue(uow_factory, build_router(), Services(catalog=catalog, feedback=failing), clock=clock)
    citizen = TypingCitizen(TextChannel(dialogue), "citizen-1")
    summary = await to_summary(citizen)
    CommitFails.failures = 1
    failed = await pick(citizen, summary, "📨 Gửi")
    assert "Chưa gửi được do lỗi hệ thống" in failed and "Đã tiếp nhận" not in failed
    assert await count_items(session_factory) == 0
    receipt = await pick(citizen, failed, "Thử lại")
    assert "Đã tiếp nhận" in receipt and "Mã tra cứu: 20261123.0001" in receipt
    assert await count_items(session_factory) == 1


async def test_phananh_again_while_filing_keeps_the_draft(citizen: TypingCitizen) -> None:
    await to_content(citizen)
    await citizen.say(POTHOLE)
    again = await citizen.say("/phananh")
    assert "đang gửi dở" in again and "mô tả rõ sự việc" in again and f"({len(POTHOLE)} ký tự" in again
    more = await citizen.say("Thêm một dòng cho rõ.")
    assert "Đã nhận (" in more


async def test_words_that_ask_to_file_start_filing_and_others_do_not(citizen: TypingCitizen) -> None:
    for typed in ("tôi muốn gửi phản ánh", "Gui kien nghi", "Tôi cần phản ánh việc này"):
        asked = await citizen.say(typed)
        assert "Bạn muốn gửi loại nào" in asked, typed
        await citizen.say("/huy")
    for typed in ("tôi muốn rút phản ánh 20261123.0001", "tra cứu phản ánh 20261123.0001"):
        assert "Bạn muốn gửi loại nào" not in await citizen.say(typed), typed


IN_PASSING = (
    "Thủ tục cấp giấy phép xây dựng ở phường kéo dài ba tháng, phải đi lại nhiều lần. Tôi không muốn khiếu nại "
    "hay tố cáo ai, chỉ mong xã sắp xếp lại quy trình cho nhanh hơn."
)
READS_LIKE_TO_CAO = (
    "Cán bộ một cửa phường đòi thêm giấy xác nhận không có trong quy định, hẹn tôi ba lần. Tôi đã định làm đơn "
    "tố cáo, nhưng chỉ mong phường sửa cách làm cho người sau."
)


async def test_khieu_nai_and_to_cao_mentioned_in_passing_are_a_phan_anh(citizen: TypingCitizen) -> None:
    await to_content(citizen)
    asked = await pick(citizen, await citizen.say(IN_PASSING), "Xong")
    assert "thủ tục hành chính nào" in asked and "có vẻ là" not in asked


async def test_a_phan_anh_that_reads_like_a_to_cao_is_advice_and_may_be_sent_anyway(
    citizen: TypingCitizen, uow_factory: Callable[[], SqlUnitOfWork]
) -> None:
    await to_content(citizen)
    advised = await pick(citizen, await citizen.say(READS_LIKE_TO_CAO), "Xong")
    assert "có vẻ là tố cáo" in advised and "Luật Tố cáo 2018" in advised and "Cách nộp" in advised
    assert "bạn vẫn gửi được" in advised  # advice, not a dead end: the draft is still here
    asked = await pick(citizen, advised, "Vẫn gửi như phản ánh")
    assert "thủ tục hành chính nào" in asked
    await pick(citizen, asked, "Bỏ qua")
    await citizen.say(NAME)
    await citizen.say(PHONE)
    summary = await citizen.say(ADDRESS)
    assert "Mã tra cứu: 20261123.0001" in await pick(citizen, summary, "📨 Gửi")
    async with uow_factory() as uow:
        item = await uow.feedback.get("20261123.0001")
    assert item is not None and item.content == READS_LIKE_TO_CAO and item.regime_flag == OtherRegime.TO_CAO


async def test_the_advice_lets_the_citizen_rewrite_the_text_and_keeps_the_files(
    citizen: TypingCitizen, dialogue: Dialogue
) -> None:
    await to_content(citizen)
    await send(dialogue, FileShared(FileKind.PHOTO, "photo-1", size=1_000))
    advised = await pick(citizen, await citizen.say(READS_LIKE_TO_CAO), "Xong")
    rewrite = await pick(citizen, advised, "Viết lại nội dung")
    assert "ảnh, tệp, vị trí đã gửi vẫn được giữ" in rewrite
    received = await citizen.say("Cán bộ một cửa phường đòi thêm giấy xác nhận không có trong quy định.")
    assert "1 tệp" in received
    assert "thủ tục hành chính nào" in await pick(citizen, received, "Xong")


async def test_a_khieu_nai_typed_for_the_type_is_explained_and_kept_as_the_content(citizen: TypingCitizen) -> None:
    await citizen.say("/phananh")
    advised = await citizen.say("Tôi muốn khiếu nại quyết định thu hồi đất của UBND xã")
    assert "Luật Khiếu nại 2011" in advised and "đã được giữ lại" in advised
    typed = await pick(citizen, advised, "Phản ánh")
    assert "Đã nhận (" in typed
    asked = await pick(citizen, typed, "Xong")  # the advice was read: not given twice
    assert "thủ tục hành chính nào" in asked
    rewritten = await citizen.say("/phananh")
    assert "đang gửi dở" in rewritten


async def test_junk_is_refused_with_the_reason_and_nothing_is_lost(citizen: TypingCitizen, dialogue: Dialogue) -> None:
    await to_content(citizen)
    emoji = await citizen.say("😡" * 15)
    assert "Nội dung cần có chữ" in emoji and "chưa được thêm vào" in emoji  # refused at once, not kept
    refused = await pick(citizen, emoji, "Xong")
    assert "Bạn chưa gửi nội dung nào" in refused
    await citizen.say("/huy")

    await to_content(citizen)
    photo = FileShared(FileKind.PHOTO, "photo-1", caption="a", size=180_000)
    assert "(1 ký tự, 1 tệp)" in await send(dialogue, photo)
    refused = await citizen.say("xong")
    assert "Nội dung cần có chữ" in refused
    received = await citizen.say("Ổ gà trước số 12")  # more words: the photo is still there
    assert "1 tệp" in received
    asked = await pick(citizen, received, "Xong")
    assert "Họ và tên" in await pick(citizen, asked, "Bỏ qua")
    for junk in ("😀😀😀", "12345", "a"):
        answer = await citizen.say(junk)
        assert "họ và tên" in answer.lower() and "gõ lại" in answer, junk
    assert "Số điện thoại hoặc email" in await citizen.say(NAME)
    assert "Địa chỉ cần ghi bằng chữ" in await send_text_after_phone(citizen)
    summary = await citizen.say(ADDRESS)
    assert "Kèm theo: 1 tệp" in summary and "a\n\nỔ gà trước số 12" in summary


async def send_text_after_phone(citizen: TypingCitizen) -> str:
    await citizen.say(PHONE)
    return await citizen.say("🏠🏠🏠🏠🏠🏠")


async def test_photos_files_and_a_location_are_kept_within_the_limits(
    citizen: TypingCitizen, dialogue: Dialogue, feedback: FeedbackService
) -> None:
    await to_content(citizen)
    place = await send(dialogue, LocationShared(16.0678901, 108.22012))
    assert "Đã ghi vị trí 16.067890, 108.220120" in place and "có vị trí" in place
    for number in range(5):
        await send(dialogue, FileShared(FileKind.PHOTO, f"photo-{number}", size=100_000))
    too_many = await send(dialogue, FileShared(FileKind.DOCUMENT, "doc-1", name="bien-ban.pdf", size=1_000))
    assert "tối đa 5 tệp" in too_many and "chưa được thêm vào" in too_many
    too_large = await send(dialogue, FileShared(FileKind.DOCUMENT, "doc-2", size=30 * 1024 * 1024))
    assert "chưa được thêm vào" in too_large
    received = await citizen.say("Đường Lê Lợi ngập sâu sau mưa, xe máy chết máy giữa đường.")
    assert "5 tệp, có vị trí" in received
    asked = await pick(citizen, received, "Xong")
    await pick(citizen, asked, "Bỏ qua")
    assert "Ảnh, tệp và vị trí chỉ gửi được ở bước nội dung" in await send(dialogue, LocationShared(1.0, 2.0))
    await citizen.say(NAME)
    shared = await send(dialogue, ContactShared(phone="84912345678", verified=True))
    assert f"Đã ghi liên hệ: {PHONE}" in shared and "Địa chỉ của bạn" in shared
    summary = await citizen.say(ADDRESS)
    assert "Vị trí: 16.067890, 108.220120 (https://www.openstreetmap.org/?mlat=16.067890" in summary
    assert "Kèm theo: 5 tệp" in summary
    await pick(citizen, summary, "📨 Gửi")
    item = await feedback.item("20261123.0001")
    assert item.location == Location(16.0678901, 108.22012)
    assert [attachment.file_id for attachment in item.attachments] == [f"photo-{n}" for n in range(5)]
    assert item.contact.phone == PHONE


async def test_the_daily_cap_is_said_before_any_step_with_when_filing_opens_again(
    uow_factory: Callable[[], SqlUnitOfWork], catalog: Catalog, clock: Clock
) -> None:
    capped = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock, limits=IntakeLimits(daily_cap_per_citizen=1))
    dialogue = Dialogue(uow_factory, build_router(), Services(catalog=catalog, feedback=capped), clock=clock)
    citizen = TypingCitizen(TextChannel(dialogue), "citizen-1")
    clock.advance(minutes=30, seconds=20)  # 08:30:20 in Hà Nội
    await filed_earlier(capped)
    clock.advance(hours=2)
    refused = await citizen.say("/phananh")
    assert "tối đa 1 phản ánh trong 24 giờ" in refused
    assert "Bạn gửi tiếp được từ 08:31 ngày 24/11/2026" in refused
    assert "Bạn muốn gửi loại nào" not in refused
    assert "tối đa 1 phản ánh" in await citizen.say("tôi muốn gửi phản ánh")
    clock.advance(hours=22, minutes=1)
    assert "Bạn muốn gửi loại nào" in await citizen.say("/phananh")


async def test_a_near_duplicate_is_warned_about_and_sent_only_if_the_citizen_says_so(
    citizen: TypingCitizen, feedback: FeedbackService
) -> None:
    earlier = await filed_earlier(feedback)
    await to_content(citizen)
    asked = await pick(citizen, await citizen.say(POTHOLE.replace("ba tháng", "3 tháng")), "Xong")
    reuse = await pick(citizen, asked, "Bỏ qua")
    assert NAME in reuse and PHONE in reuse and ADDRESS in reuse  # the contact of the earlier item
    summary = await pick(citizen, reuse, "Dùng thông tin này")
    warned = await pick(citizen, summary, "📨 Gửi")
    assert f"gần giống hệt: mã {earlier}" in warned
    assert "Mã tra cứu: 20261123.0002" in await pick(citizen, warned, "Vẫn gửi")
    assert [view.code for view in await feedback.my_items(LAN)] == ["20261123.0002", earlier]


class CommitFailsOnce(SqlUnitOfWork):
    """The dialogue's own commit fails once, after the PAKN was committed: a crash between the two."""

    failures = 0

    async def commit(self) -> None:
        if CommitFailsOnce.failures > 0:
            CommitFailsOnce.failures -= 1
            raise OperationalError("COMMIT", {}, Exception("server closed the connection"))
        await super().commit()


async def test_the_same_press_handled_again_after_a_crash_files_one_item_and_says_its_code(
    citizen: TypingCitizen,
    services: Services,
    clock: Clock,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    summary = await to_summary(citizen)
    crashing = Dialogue(lambda: CommitFailsOnce(session_factory), build_router(), services, clock=clock)
    CommitFailsOnce.failures = 1
    send_it = number_of(summary, "📨 Gửi")
    with pytest.raises(OperationalError):
        await TextChannel(crashing).send("citizen-1", send_it, event_id="update-7")
    assert await count_items(session_factory) == 1  # stored, but the citizen was told nothing

    (receipt,) = await TextChannel(crashing).send("citizen-1", send_it, event_id="update-7")  # delivered again
    assert "Đã tiếp nhận" in receipt and "Mã tra cứu: 20261123.0001" in receipt
    assert await count_items(session_factory) == 1
    assert await TextChannel(crashing).send("citizen-1", send_it, event_id="update-7") == []  # acts once


async def test_two_instances_taking_the_send_at_once_file_one_item(
    citizen: TypingCitizen,
    uow_factory: Callable[[], SqlUnitOfWork],
    catalog: Catalog,
    clock: Clock,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    summary = await to_summary(citizen)
    send_it = number_of(summary, "📨 Gửi")
    channels = [
        TextChannel(
            Dialogue(
                uow_factory,
                build_router(),
                Services(catalog=catalog, feedback=FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)),
                clock=clock,
            )
        )
        for _ in range(2)
    ]
    answers = await asyncio.gather(
        *(channel.send("citizen-1", send_it, event_id=f"press-{n}") for n, channel in enumerate(channels))
    )
    said = "\n".join(line for answer in answers for line in answer)
    assert "Mã tra cứu: 20261123.0001" in said and "20261123.0002" not in said
    assert await count_items(session_factory) == 1


async def test_the_officer_sees_the_place_on_a_map_and_the_regime_flag(
    uow_factory: Callable[[], SqlUnitOfWork], catalog: Catalog, feedback: FeedbackService, clock: Clock
) -> None:
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    await build_office(admin)
    services = Services(catalog=catalog, feedback=feedback, desk=OfficerDesk(feedback, admin))
    dialogue = Dialogue(uow_factory, build_router(), services, clock=clock)
    citizen = TypingCitizen(TextChannel(dialogue), "citizen-1")
    await to_content(citizen)
    await send(dialogue, LocationShared(16.0678901, 108.22012))
    advised = await pick(citizen, await citizen.say(READS_LIKE_TO_CAO), "Xong")
    asked = await pick(citizen, await pick(citizen, advised, "Vẫn gửi"), "Bỏ qua")
    await pick(citizen, await citizen.say("mot cua"), "Bộ phận một cửa")
    await citizen.say(NAME)
    await citizen.say(PHONE)
    assert "Mã tra cứu: 20261123.0001" in await pick(citizen, await citizen.say(ADDRESS), "📨 Gửi")
    assert "gửi đến đơn vị nào" in asked

    officer = str(TELEGRAM_IDS["an"])
    card = await send(dialogue, Command("xem", "20261123.0001"), user=officer, channel="telegram")
    assert "📍 Vị trí: 16.067890, 108.220120 (https://www.openstreetmap.org/?mlat=16.067890" in card
    assert "có thể là tố cáo; họ vẫn chọn gửi như phản ánh, kiến nghị" in card


async def test_typing_bo_qua_skips_the_procedure_and_the_unit_instead_of_searching_for_it(citizen) -> None:
    await citizen.say("/phananh")
    await citizen.say("phản ánh")
    await citizen.say("Đèn đường thôn 3 hỏng cả tháng nay, tối đi lại rất nguy hiểm.")
    assert "thủ tục hành chính nào" in await citizen.say("xong")
    skipped = await citizen.say("bỏ qua")
    assert "Không ghi thủ tục liên quan" in skipped and "Chọn thủ tục đúng" not in skipped


async def test_the_personal_data_notice_comes_before_the_name_once_and_its_version_goes_with_the_item(
    uow_factory: Callable[[], SqlUnitOfWork], catalog: Catalog, feedback: FeedbackService, clock: Clock
) -> None:
    rights = PersonalData(
        uow_factory, DiskAttachmentFiles(None), calendar=CALENDAR, retention=RetentionPolicy(730, 180), clock=clock
    )
    services = Services(
        catalog=catalog,
        feedback=feedback,
        personal_data=rights,
        privacy_notice_address="https://motcua.xa.gov.vn/du-lieu-ca-nhan",
    )
    citizen = TypingCitizen(TextChannel(Dialogue(uow_factory, build_router(), services, clock=clock)), "citizen-1")
    await to_content(citizen)
    asked = await pick(citizen, await pick(citizen, await citizen.say(POTHOLE), "Xong"), "Bỏ qua")
    notice, question = asked.index("Thông báo về dữ liệu cá nhân"), asked.index("Họ và tên của bạn?")
    assert notice < question
    for said in ("thông tin liên hệ 730 ngày, tệp 180 ngày", "Toàn văn: https://motcua.xa.gov.vn/du-lieu-ca-nhan"):
        assert said in asked
    await citizen.say(NAME)
    await citizen.say(PHONE)
    summary = await citizen.say(ADDRESS)
    edited = await pick(citizen, summary, "✏️ Họ tên")
    assert "Họ và tên" in edited and "Thông báo về dữ liệu cá nhân" not in edited  # once per draft
    receipt = await pick(citizen, await citizen.say(NAME), "📨 Gửi")
    assert "Mã tra cứu: 20261123.0001" in receipt
    assert (await feedback.item("20261123.0001")).notice_version == NOTICE_VERSION
    assert (await rights.held_about(LAN)).items[0].notice_version == NOTICE_VERSION

    # Filing again: the notice comes before the contact from last time is offered; without the portal's
    # address set the notice names the page.
    await to_content(citizen)
    offered = await pick(citizen, await pick(citizen, await citizen.say(POTHOLE + " Vẫn chưa sửa."), "Xong"), "Bỏ qua")
    assert offered.index("Thông báo về dữ liệu cá nhân") < offered.index("Dùng lại thông tin")
    plain = TypingCitizen(TextChannel(Dialogue(uow_factory, build_router(), Services(catalog, feedback))), "other")
    await to_content(plain)
    asked = await pick(plain, await pick(plain, await plain.say(POTHOLE), "Xong"), "Bỏ qua")
    assert "thông tin liên hệ 1095 ngày" in asked and "(/du-lieu-ca-nhan) trên cổng dịch vụ" in asked
