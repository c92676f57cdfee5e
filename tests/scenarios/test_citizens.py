"""What a citizen does with the product, on every channel (see conftest.CHANNELS), end to end: the channel's
own transport in, the dialogue, the channel outbox and the delivery loop out, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
from aiohttp.test_utils import TestClient, TestServer

from feedback.domain.data_view import Exposure, Looked
from feedback.domain.privacy_notice import NOTICE_VERSION
from feedback.domain.retention import MASKED
from feedback.domain.status import Status
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.scenarios.conftest import PORTAL_FOLLOW, World
from tests.scenarios.people import Heard, Person
from tests.web_office import create_app_over

POTHOLE = "Đường Lê Lợi trước số 12 có ổ gà lớn, trời mưa đọng nước, xe máy qua lại rất nguy hiểm."
NAME, PHONE, ADDRESS = "Nguyễn Thị Lan", "0912345678", "12 Lê Lợi, xã Tân Lập"


def code_in(heard: Heard) -> str:
    found = re.search(r"\d{8}\.\d{4}", heard.text)
    assert found is not None, heard.text
    return found.group(0)


async def file_pakn(person: Person, content: str = POTHOLE) -> str:
    """Every step with its ordinary answer; the tracking code the receipt gives."""
    assert "Phản ánh" in await person.say("/phananh")
    assert "mô tả rõ sự việc" in await person.choose("Phản ánh")
    assert "Đã nhận" in await person.say(content)
    assert "thủ tục hành chính nào" in await person.choose("Xong")
    assert "đơn vị nào" in await person.choose("Bỏ qua")
    assert "Họ và tên" in await person.choose("Bộ phận một cửa")
    assert "Số điện thoại hoặc email" in await person.say(NAME)
    assert "Địa chỉ" in await person.say(PHONE)
    summary = await person.say(ADDRESS)
    assert "Kiểm tra lại trước khi gửi" in summary and NAME in summary
    receipt = await person.choose("Gửi")
    assert "Đã tiếp nhận" in receipt and "Hạn trả lời" in receipt
    return code_in(receipt)


async def test_lookup_finds_a_procedure_typed_without_accents_and_opens_its_card(world: World) -> None:
    person = world.person()
    results = await person.say("dang ky khai sinh")
    assert any("khai sinh" in label for label in results.labels), results.labels
    card = await person.choose("Thủ tục đăng ký khai sinh")
    assert "Thủ tục đăng ký khai sinh" in card and "1.001193" in card


async def test_filing_every_step_with_an_edit_from_the_summary(world: World) -> None:
    person = world.person()
    await person.say("/phananh")
    await person.choose("Kiến nghị")
    await person.say(POTHOLE)
    await person.send_photo()
    await person.choose("Xong")
    await person.say("khai sinh")
    await person.choose("Thủ tục đăng ký khai sinh")
    heard = person.last if "Họ và tên" in person.last else await person.choose("Bỏ qua")
    assert "Họ và tên" in heard
    await person.say(NAME)
    await person.say(PHONE)
    summary = await person.say(ADDRESS)
    assert "Kèm theo: 1 tệp" in summary and "Thủ tục đăng ký khai sinh" in summary
    assert "Họ và tên" in await person.choose("Họ tên")
    summary = await person.say("Nguyễn Thị Lan Anh")
    assert "Nguyễn Thị Lan Anh" in summary
    receipt = await person.choose("Gửi")
    item = await world.feedback.item(code_in(receipt))
    assert item.status == Status.RECEIVED and len(item.attachments) == 1 and item.procedure_code == "1.001193"
    assert item.contact.name == "Nguyễn Thị Lan Anh"


async def test_a_restart_in_the_middle_of_filing_loses_nothing(world: World) -> None:
    person = world.person()
    await person.say("/phananh")
    await person.choose("Phản ánh")
    await person.say(POTHOLE)
    async with world.restart():
        assert "thủ tục hành chính nào" in await person.choose("Xong")
        await person.choose("Bỏ qua")
        heard = person.last if "Họ và tên" in person.last else await person.choose("Bỏ qua")
        assert "Họ và tên" in heard
        await person.say(NAME)
        await person.say(PHONE)
        summary = await person.say(ADDRESS)
        assert POTHOLE in summary
        code = code_in(await person.choose("Gửi"))
    assert (await world.feedback.item(code)).content == POTHOLE


async def test_sharing_the_number_the_channel_knows_at_the_contact_step(world: World) -> None:
    person = world.person()
    await person.say("/phananh")
    await person.choose("Phản ánh")
    await person.say(POTHOLE)
    await person.choose("Xong")
    await person.choose("Bỏ qua")
    heard = person.last if "Họ và tên" in person.last else await person.choose("Bỏ qua")
    assert "Họ và tên" in heard
    assert "Số điện thoại hoặc email" in await person.say(NAME)
    shared = await person.share_contact(NAME, PHONE, ADDRESS)
    assert f"Đã ghi liên hệ: {PHONE}" in shared and "Địa chỉ" in shared
    summary = await person.say(ADDRESS)
    assert f"Liên hệ: {PHONE}" in summary and ADDRESS in summary
    item = await world.feedback.item(code_in(await person.choose("Gửi")))
    assert item.contact.phone == PHONE and item.contact.name == NAME


async def test_tracking_shows_the_filer_everything_and_a_stranger_the_status_only(world: World) -> None:
    filer, stranger = world.person("filer"), world.person("stranger")
    code = await file_pakn(filer)
    own = await filer.say(f"/tracuu {code}")
    assert NAME in own and PHONE in own and "ổ gà" in own
    seen = await stranger.say(f"tra cứu {code}")
    assert code in seen and "Đã tiếp nhận" in seen
    assert NAME not in seen and PHONE not in seen and "ổ gà" not in seen


async def test_answer_notice_rating_reopening_and_the_officer_told(world: World) -> None:
    person = world.person()
    code = await file_pakn(person)
    an = world.office.officers["an"]
    await world.desk.answer(an, code, "Xã đã vá ổ gà sáng nay.")
    notice = await person.notices()
    assert "Xã đã vá ổ gà sáng nay." in notice and code in notice
    rated = await person.choose("4 ⭐")
    assert "Cảm ơn bạn đã đánh giá" in rated
    asked = await person.say(f"/tracuu {code}")
    assert "Chưa được giải quyết" in asked.labels or any("Chưa được giải quyết" in x for x in asked.labels)
    assert "Vì sao" in await person.choose("Chưa được giải quyết")
    reopened = await person.say("Ổ gà lại xuất hiện sau trận mưa hôm qua.")
    assert "Đã mở lại" in reopened
    view = await world.feedback.track(code)
    assert view.status == Status.REOPENED
    trail = await world.feedback.audit_trail(code)
    assert trail[-1].action == "reopen" and trail[-1].note == "Ổ gà lại xuất hiện sau trận mưa hôm qua."
    assert "an" in await world.officers_told(code)


async def test_supplying_the_information_an_officer_asked_for(world: World) -> None:
    person = world.person()
    code = await file_pakn(person)
    an = world.office.officers["an"]
    await world.desk.claim(an, code)
    await world.desk.ask_citizen(an, code, "Bạn gửi giúp ảnh ổ gà.")
    notice = await person.notices()
    assert "Bạn gửi giúp ảnh ổ gà." in notice
    assert "Gõ thông tin bổ sung" in await person.choose("Gửi thông tin bổ sung")
    await person.say("Ổ gà sâu khoảng 20 cm, rộng gần một mét.")  # text goes to the item, not to search
    await person.send_photo()
    sent = await person.choose("Gửi")
    assert "Đã gửi thông tin bổ sung" in sent
    assert (await world.feedback.track(code)).status != Status.WAITING_FOR_CITIZEN
    assert "an" in await world.officers_told(code)


async def test_withdrawing_before_the_answer(world: World) -> None:
    person = world.person()
    code = await file_pakn(person)
    asked = await person.say(f"tôi muốn rút phản ánh {code}")
    assert "Bạn muốn rút phản ánh" in asked
    assert "Đã rút phản ánh" in await person.choose("Rút, không nêu lý do")
    assert (await world.feedback.track(code)).status == Status.WITHDRAWN
    assert "an" in await world.officers_told(code)


async def test_bad_input_gets_a_clear_message_and_loses_nothing(world: World) -> None:
    person = world.person()
    await person.say("/phananh")
    await person.choose("Phản ánh")
    assert "Nội dung cần có chữ" in await person.say("😡😡😡😡😡😡😡😡😡😡😡😡😡😡😡")
    refused = await person.choose("Xong")  # nothing an officer can read: refused, and the step goes on
    assert "thủ tục hành chính nào" not in refused and refused.texts
    await person.say(POTHOLE)
    located = await person.send_location(10.7769, 106.7009)
    assert "vị trí" in located.text.lower()
    await person.choose("Xong")
    await person.choose("Bỏ qua")
    heard = person.last if "Họ và tên" in person.last else await person.choose("Bỏ qua")
    assert "Họ và tên" in heard
    assert "Số điện thoại" not in await person.say("😀😀")
    assert "Số điện thoại hoặc email" in await person.say(NAME)
    assert "Địa chỉ" not in await person.say("số này sai")
    await person.say(PHONE)
    summary = await person.say(ADDRESS)
    assert POTHOLE in summary and "Vị trí" in summary
    code = code_in(await person.choose("Gửi"))
    item = await world.feedback.item(code)
    assert item.location is not None and round(item.location.latitude, 4) == 10.7769
    assert item.content == POTHOLE  # the emoji refused on the way are not part of what officers read


async def test_a_phan_anh_mentioning_khieu_nai_in_passing_is_advice_not_a_dead_end(world: World) -> None:
    person = world.person()
    await person.say("/phananh")
    await person.choose("Phản ánh")
    content = (
        "Hồ sơ đăng ký khai sinh của con tôi nộp ở bộ phận một cửa đã quá hạn hai tuần. "
        "Tôi không muốn khiếu nại hay tố cáo ai, chỉ mong xã sắp xếp lại quy trình cho nhanh."
    )
    heard = await person.say(content)
    assert "Đã nhận" in heard or "Vẫn gửi" in " ".join(heard.labels)
    code = await finish_filing(person)
    assert (await world.feedback.item(code)).content == content


async def finish_filing(person: Person) -> str:
    if any("Vẫn gửi" in label for label in person.last.labels):
        await person.choose("Vẫn gửi")
    await person.choose("Xong")
    await person.choose("Bỏ qua")
    heard = person.last if "Họ và tên" in person.last else await person.choose("Bỏ qua")
    assert "Họ và tên" in heard
    await person.say(NAME)
    await person.say(PHONE)
    await person.say(ADDRESS)
    return code_in(await person.choose("Gửi"))


async def test_the_personal_data_notice_comes_before_the_name_and_its_version_is_recorded(world: World) -> None:
    person = world.person()
    await person.say("/phananh")
    await person.choose("Phản ánh")
    await person.say(POTHOLE)
    await person.choose("Xong")
    await person.choose("Bỏ qua")
    asked = await person.choose("Bộ phận một cửa")
    assert asked.text.index("Thông báo về dữ liệu cá nhân") < asked.text.index("Họ và tên")
    assert "/du-lieu-ca-nhan" in asked and "Dữ liệu của tôi" in asked
    await person.say(NAME)
    await person.say(PHONE)
    await person.say(ADDRESS)
    code = code_in(await person.choose("Gửi"))
    assert (await world.feedback.item(code)).notice_version == NOTICE_VERSION


async def test_the_citizen_sees_corrects_and_asks_to_delete_their_data_and_is_told_the_result(world: World) -> None:
    person = world.person()
    code = await file_pakn(person)
    await world.desk.item(world.office.officers["an"], code, [Looked("web", Exposure.CONTACT)])
    held = await person.say("/dulieu")
    assert NAME in held and PHONE in held and ADDRESS in held and code in held
    assert "1 lần (Bộ phận một cửa: 1)" in held
    assert "mới" in await person.choose("Sửa số điện thoại")
    assert "Đã sửa thông tin liên hệ trên 1 phản ánh" in await person.say("0987 654 321")
    assert (await world.feedback.item(code)).contact.phone == "0987654321"

    await person.say("/dulieu")
    confirm = await person.choose("Yêu cầu xoá dữ liệu")
    assert "vẫn được lưu" in confirm
    assert "Đã ghi nhận yêu cầu xoá" in await person.choose("Xác nhận yêu cầu xoá")
    administrator = world.office.officers["quantri"]
    (request,) = await world.rights.pending_deletions(administrator)
    await world.rights.approve_deletion(administrator, request.id or 0)
    assert "Yêu cầu xoá dữ liệu cá nhân của bạn đã được thực hiện" in await person.notices()
    item = await world.feedback.item(code)
    assert item.contact.phone is None and item.contact.name == MASKED and item.content == POTHOLE
    held = await person.say("/dulieu")
    assert "thông tin liên hệ đã được xoá" in held and "0987654321" not in held


async def test_a_pin_given_in_the_messenger_opens_the_item_and_my_data_on_the_web_portal(
    world: World, uow_factory: Callable[[], SqlUnitOfWork], clock: Clock, tmp_path: Path
) -> None:
    person = world.person()
    code = await file_pakn(person)
    await person.say(f"/tracuu {code}")
    given = await person.choose("Mã PIN xem trên web")
    found = re.search(r"trên web: (\d{6})", given.text)
    assert found is not None, given.text
    pin = found.group(1)
    assert f"{PORTAL_FOLLOW}?ma={code}" in given

    portal = await create_app_over(uow_factory, clock, tmp_path, portal=True, office=world.office)
    async with TestClient(TestServer(portal.app)) as browser:
        page = await browser.get("/phan-anh/tra-cuu", params={"ma": code})
        token = lxml.html.fromstring(await page.text()).xpath("//input[@name='csrf_token']")[0].get("value")
        opened = await browser.post("/phan-anh/tra-cuu", data={"csrf_token": token, "ma": code, "pin": pin})
        assert opened.status == 200 and opened.url.path == f"/phan-anh/tra-cuu/{code}"
        assert POTHOLE in await opened.text()
        mine = await browser.get(f"/phan-anh/tra-cuu/{code}/du-lieu")
        assert mine.status == 200 and NAME in await mine.text() and PHONE in await mine.text()
