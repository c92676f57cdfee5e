"""Filing a PAKN on the citizens' portal: the same rules and sentences as the bot, files checked by their
content, a summary, the receipt with a PIN after the commit, and tampered or robots' forms refused with
nothing stored."""

from collections.abc import AsyncIterator
from pathlib import Path

import lxml.html
import pytest
from aiohttp.test_utils import TestClient, TestServer

from feedback.domain.contact import ContactProblem
from feedback.domain.intake_limits import (
    AttachmentProblem,
    AttachmentRejected,
    ContentProblem,
    ContentRejected,
    IntakeLimits,
)
from feedback.domain.legal_type import OtherRegime
from feedback.domain.units import Unit
from storage.access_repository import SqlUnitRepository
from tests.manual_clock import Clock
from tests.portal_helpers import (
    GOOD,
    MAX_FILE,
    PDF,
    PNG,
    build_portal,
    field_values,
    file_through_portal,
    form_data,
    open_form,
    review,
    send_from_summary,
)
from tests.web_office import WebOffice
from vocabulary import intake_advice, refusals
from web import texts


@pytest.fixture
async def world(uow_factory, clock: Clock, tmp_path: Path) -> WebOffice:
    return await build_portal(uow_factory, clock, tmp_path / "files")


@pytest.fixture
async def client(world: WebOffice) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


async def stored_codes(world: WebOffice) -> list[str]:
    return [
        item.code for item in await world.feedback.received_between(world.clock().replace(year=2000), world.clock())
    ]


def kept_files(tmp_path: Path) -> list[Path]:
    return [path for path in (tmp_path / "files").rglob("*") if path.is_file()]


async def test_a_citizen_files_with_a_photo_and_gets_a_receipt_with_a_pin_once(
    world: WebOffice, client: TestClient, tmp_path: Path
) -> None:
    code, pin = await file_through_portal(client, world.clock, files=[("ổ gà.png", PNG)])
    item = await world.feedback.item(code)
    assert item.citizen.channel == "web" and item.contact.phone == "0912345678"
    assert item.pin_hash and pin not in item.pin_hash
    (photo,) = item.attachments
    assert (photo.kind, photo.mime_type, photo.file_name) == ("photo", "image/png", "ổ gà.png")
    assert Path(photo.local_path).read_bytes() == PNG and Path(photo.local_path).is_relative_to(tmp_path / "files")
    again = await (await client.get(f"/phan-anh/da-nhan/{code}")).text()
    assert code in again and pin not in again  # the PIN is shown once


async def test_the_summary_shows_everything_before_anything_is_stored(world: WebOffice, client: TestClient) -> None:
    summary = await review(client, world.clock, {**GOOD, "thu_tuc": "1.001193"})
    html = await summary.text()
    assert "Kiểm tra lại trước khi gửi" in html and "Trần Thị Lan" in html and "Thủ tục đăng ký khai sinh" in html
    assert await stored_codes(world) == []


async def test_the_related_procedure_is_found_by_a_search_that_re_renders_the_form(
    world: WebOffice, client: TestClient
) -> None:
    token = await open_form(client)
    response = await client.post(
        "/phan-anh/gui",
        data=form_data({**GOOD, "csrf_token": token, "buoc": "tim_thu_tuc", "thu_tuc_tim": "khai sinh"}),
    )
    html = lxml.html.fromstring(await response.text())
    assert html.xpath("//input[@name='thu_tuc' and @value='1.001193']")
    assert html.xpath("//textarea[@id='noi_dung']")[0].text == GOOD["noi_dung"]  # what was typed is kept


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        ({"noi_dung": ""}, refusals.content_refusal(ContentRejected(ContentProblem.EMPTY))),
        ({"noi_dung": "ngắn"}, refusals.content_refusal(ContentRejected(ContentProblem.TOO_SHORT, 10))),
        ({"noi_dung": "🙏🙏🙏🙏🙏🙏🙏🙏🙏🙏🙏"}, refusals.content_refusal(ContentRejected(ContentProblem.NO_WORDS, 2))),
        ({"noi_dung": "chữ " * 1300}, refusals.content_refusal(ContentRejected(ContentProblem.TOO_LONG, 5000))),
        ({"ho_ten": "12345"}, refusals.contact_refusal(ContactProblem.NAME_NOT_LETTERS)),
        ({"lien_he": ""}, refusals.contact_refusal(ContactProblem.EMPTY)),
        ({"lien_he": "0112345678"}, refusals.contact_refusal(ContactProblem.PHONE_UNKNOWN_PREFIX)),
        ({"lien_he": "lan@@gmail"}, refusals.contact_refusal(ContactProblem.EMAIL_MALFORMED)),
        ({"dia_chi": "12"}, refusals.contact_refusal(ContactProblem.ADDRESS_TOO_SHORT)),
        ({"dia_chi": "12 / 34 - 56"}, refusals.contact_refusal(ContactProblem.ADDRESS_NO_WORDS)),
        ({"loai": "khieu_nai"}, texts.PORTAL_CHOOSE_TYPE),
        ({"don_vi": "KHONG-CO"}, texts.PORTAL_UNKNOWN_UNIT),
    ],
)
async def test_every_bad_input_is_refused_with_the_bots_sentence(
    world: WebOffice, client: TestClient, changes: dict[str, str], sentence: str
) -> None:
    response = await review(client, world.clock, {**GOOD, **changes})
    assert response.status == 400
    html = lxml.html.fromstring(await response.text())
    assert sentence in [node.text_content() for node in html.xpath("//p[@class='field-error']")]
    assert html.xpath("//input[@id='ho_ten']")[0].get("value") == {**GOOD, **changes}["ho_ten"]  # kept
    assert await stored_codes(world) == []


async def test_six_files_are_one_too_many(world: WebOffice, client: TestClient) -> None:
    response = await review(client, world.clock, GOOD, [(f"{n}.png", PNG) for n in range(6)])
    sentence = refusals.attachment_refusal(AttachmentRejected(AttachmentProblem.TOO_MANY, 5))
    assert response.status == 400 and sentence in await response.text()


@pytest.mark.parametrize(
    ("name", "content", "sentence"),
    [
        ("anh.jpg", PDF, texts.PORTAL_FILE_NOT_ITS_NAME.format(name="anh.jpg")),
        (
            "anh.png",
            b"<html><script>alert(1)</script></html>" * 4,
            texts.PORTAL_FILE_NOT_ACCEPTED.format(name="anh.png"),
        ),
        (
            "lon.png",
            PNG + b"\0" * MAX_FILE,
            texts.PORTAL_FILE_REFUSED.format(
                name="lon.png",
                sentence=refusals.attachment_refusal(AttachmentRejected(AttachmentProblem.TOO_LARGE, MAX_FILE)),
            ),
        ),
    ],
)
async def test_a_file_that_is_not_what_it_says_or_too_large_is_refused_and_not_kept(
    world: WebOffice, client: TestClient, tmp_path: Path, name: str, content: bytes, sentence: str
) -> None:
    response = await review(client, world.clock, GOOD, [(name, content)])
    assert response.status == 400
    assert sentence in await response.text()
    assert kept_files(tmp_path) == []


async def test_a_request_larger_than_every_file_allowed_is_cut_off(
    world: WebOffice, client: TestClient, tmp_path: Path
) -> None:
    huge = PNG + b"\0" * (6 * MAX_FILE + 1024 * 1024)
    response = await review(client, world.clock, GOOD, [("a.png", huge)])
    assert response.status == 413 and texts.PORTAL_REQUEST_TOO_LARGE in await response.text()
    assert kept_files(tmp_path) == [] and await stored_codes(world) == []


async def test_a_form_without_its_csrf_token_is_refused_with_nothing_stored(
    world: WebOffice, client: TestClient, tmp_path: Path
) -> None:
    await open_form(client)
    world.clock.advance(seconds=30)
    response = await client.post("/phan-anh/gui", data=form_data({**GOOD, "buoc": "xem_lai"}, [("a.png", PNG)]))
    assert response.status == 403 and texts.CSRF_REFUSED in await response.text()
    summary = await review(client, world.clock, GOOD)
    forged = {**field_values(await summary.text()), "csrf_token": ["1.send.0000"], "buoc": ["gui"]}
    assert (await client.post("/phan-anh/gui", data=form_data(forged))).status == 403
    assert kept_files(tmp_path) == [] and await stored_codes(world) == []


async def test_a_form_sent_back_too_fast_or_with_the_trap_filled_is_not_taken(
    world: WebOffice, client: TestClient
) -> None:
    token = await open_form(client)
    hurried = await client.post("/phan-anh/gui", data=form_data({**GOOD, "csrf_token": token, "buoc": "xem_lai"}))
    assert hurried.status == 400 and texts.PORTAL_TOO_FAST in await hurried.text()
    assert GOOD["noi_dung"] in await hurried.text()
    trapped = await review(client, world.clock, {**GOOD, "trang_web": "http://spam.example"})
    assert trapped.status == 400
    assert await stored_codes(world) == []


async def test_a_khieu_nai_is_explained_and_can_still_be_sent_flagged(world: WebOffice, client: TestClient) -> None:
    text = "Tôi khiếu nại quyết định thu hồi đất của UBND xã vì không đúng diện tích"
    summary = await review(client, world.clock, {**GOOD, "noi_dung": text})
    html = await summary.text()
    assert intake_advice.REGIME_ADVICE[OtherRegime.KHIEU_NAI][0] in html and "Vẫn gửi" in html
    sent = await send_from_summary(client, html)
    code = sent.headers["Location"].rsplit("/", 1)[1]
    assert (await world.feedback.item(code)).regime_flag == OtherRegime.KHIEU_NAI


async def test_the_summary_names_the_chosen_unit_or_says_the_desk_will_route_it(
    world: WebOffice, client: TestClient
) -> None:
    summary = await (await review(client, world.clock, {**GOOD, "don_vi": "DIA-CHINH"})).text()
    assert "<dd>Công chức địa chính</dd>" in summary
    sent = await send_from_summary(client, summary)
    assert (await world.feedback.item(sent.headers["Location"].rsplit("/", 1)[1])).unit == "DIA-CHINH"
    fields = {**GOOD, "noi_dung": "Đèn đường ngõ 5 Trần Phú tắt cả tháng nay, buổi tối rất tối"}
    unaddressed = await (await review(client, world.clock, fields)).text()
    assert "<dd>bộ phận tiếp nhận chuyển đến đúng nơi</dd>" in unaddressed


async def test_a_filing_naming_a_unit_reads_the_units_once_to_review_and_once_to_send(
    world: WebOffice, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    read_units = SqlUnitRepository.list

    async def counted(repository: SqlUnitRepository) -> list[Unit]:
        reads.append("units")
        return await read_units(repository)

    monkeypatch.setattr(SqlUnitRepository, "list", counted)
    token = await open_form(client)  # the form lists the units
    world.clock.advance(seconds=30)
    reads.clear()
    fields = {**GOOD, "don_vi": "DIA-CHINH", "csrf_token": token, "buoc": "xem_lai"}
    summary = await (await client.post("/phan-anh/gui", data=form_data(fields))).text()
    assert "<dd>Công chức địa chính</dd>" in summary and reads == ["units"]
    reads.clear()
    sent = await send_from_summary(client, summary)
    assert sent.status == 303 and reads == ["units"]
    assert (await world.feedback.item(sent.headers["Location"].rsplit("/", 1)[1])).unit == "DIA-CHINH"


async def test_a_near_duplicate_is_warned_of_and_sent_again_as_a_repeat(world: WebOffice, client: TestClient) -> None:
    first, _ = await file_through_portal(client, world.clock)
    summary = await review(client, world.clock, {**GOOD, "noi_dung": GOOD["noi_dung"] + "!"})
    html = await summary.text()
    assert intake_advice.duplicate_warning(first)[0] in html
    sent = await send_from_summary(client, html)
    code = sent.headers["Location"].rsplit("/", 1)[1]
    assert (await world.feedback.item(code)).repeat_of == first


async def test_the_daily_cap_counts_a_person_by_phone_with_the_bots_sentence(
    world: WebOffice, client: TestClient
) -> None:
    for number in range(2):  # under the cap per address (3), at the cap per person set below
        fields = {**GOOD, "noi_dung": f"Việc số {number} khác hẳn nhau ở thôn {number}"}
        await file_through_portal(client, world.clock, fields)
    world.feedback.limits = IntakeLimits(max_attachment_bytes=MAX_FILE, daily_cap_per_citizen=2)
    summary = await review(client, world.clock, {**GOOD, "noi_dung": "Một việc thứ tư ở chợ xã chưa ai nói tới"})
    refused = await send_from_summary(client, await summary.text())
    assert refused.status == 429 and refusals.daily_cap_refusal(2) in await refused.text()


async def test_the_daily_cap_per_address_stops_made_up_phone_numbers(world: WebOffice, client: TestClient) -> None:
    for number in range(3):
        fields = {
            **GOOD,
            "lien_he": f"091234567{number}",
            "noi_dung": f"Việc số {number} khác hẳn nhau ở thôn {number}",
        }
        await file_through_portal(client, world.clock, fields)
    fields = {**GOOD, "lien_he": "0987654321", "noi_dung": "Một việc thứ tư ở chợ xã chưa ai nói tới"}
    refused = await send_from_summary(client, await (await review(client, world.clock, fields)).text())
    assert refused.status == 429 and "đã có 3 phản ánh được gửi trong 24 giờ qua" in await refused.text()
    assert len(await stored_codes(world)) == 3
