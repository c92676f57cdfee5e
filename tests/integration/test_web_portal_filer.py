"""Following a PAKN on the portal with its code and PIN: the filer reads the content, the full answer and the
history, and rates, reopens, supplies requested information or withdraws; wrong PINs are limited per code
and per client address; nothing is done on a form without its token or without the PIN."""

from collections.abc import AsyncIterator
from pathlib import Path

import lxml.html
import pytest
from aiohttp.test_utils import TestClient, TestServer

from feedback.domain.status import Status
from tests.manual_clock import Clock
from tests.portal_helpers import GOOD, MAX_FILE, PDF, PNG, build_portal, file_through_portal, form_data
from tests.web_office import WebOffice
from web import texts

ANSWER = "Kính gửi bà Trần Thị Lan, UBND xã đã nhắc nhở bộ phận một cửa; bà nộp lại hồ sơ không cần sổ hộ khẩu."
QUESTION = "Bà cho biết ngày nộp hồ sơ và tên cán bộ đã tiếp nhận."


@pytest.fixture
async def world(uow_factory, clock: Clock, tmp_path: Path) -> WebOffice:
    return await build_portal(uow_factory, clock, tmp_path / "files")


@pytest.fixture
async def client(world: WebOffice) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


def follow_token(html: str) -> str:
    return lxml.html.fromstring(html).xpath("//input[@name='csrf_token']")[0].get("value")


async def give_pin(client: TestClient, code: str, pin: str):  # -> ClientResponse
    page = await client.get("/phan-anh/tra-cuu", params={"ma": code})
    token = follow_token(await page.text())
    return await client.post("/phan-anh/tra-cuu", data={"csrf_token": token, "ma": code, "pin": pin})


async def unlocked_page(client: TestClient, code: str, pin: str) -> str:
    response = await give_pin(client, code, pin)
    assert response.status == 200 and response.url.path == f"/phan-anh/tra-cuu/{code}", await response.text()
    return await response.text()


async def post_action(client: TestClient, page: str, code: str, action: str, fields: dict, files=()):
    data = form_data({"csrf_token": follow_token(page), **fields}, list(files))
    return await client.post(f"/phan-anh/tra-cuu/{code}/{action}", data=data)


def wrong(pin: str) -> str:
    return f"{(int(pin) + 1) % 1_000_000:06d}"


async def test_code_and_pin_show_the_content_the_full_answer_and_the_history_and_the_filer_rates(
    world: WebOffice, client: TestClient
) -> None:
    code, pin = await file_through_portal(client, world.clock, {**GOOD, "don_vi": "MOT-CUA"})
    await world.desk.answer(world.office.officers["an"], code, ANSWER)
    public = await (await client.get("/phan-anh/tra-cuu", params={"ma": code})).text()
    assert ANSWER not in public and GOOD["noi_dung"] not in public

    page = await unlocked_page(client, code, pin)
    assert GOOD["noi_dung"] in page and ANSWER in page
    history = lxml.html.fromstring(page).xpath("//ol[@class='history']/li")
    assert [" ".join(li.text_content().split()).split(" · ")[2] for li in history] == [
        "Gửi phản ánh, kiến nghị",
        "Nhận xử lý",
        "Bắt đầu xử lý",
        "Trả lời",
    ]
    rated = await post_action(client, page, code, "danh-gia", {"sao": "4", "cau_tra_loi": "1"})
    assert rated.status == 200 and texts.PORTAL_RATED.format(stars=4) in await rated.text()
    assert (await world.feedback.item(code)).rating == 4
    assert "Gửi đánh giá" not in await rated.text()  # rated once, as in the bot


async def test_the_filer_reopens_an_answer_that_did_not_settle_the_matter(world: WebOffice, client: TestClient) -> None:
    code, pin = await file_through_portal(client, world.clock, {**GOOD, "don_vi": "MOT-CUA"})
    await world.desk.answer(world.office.officers["an"], code, ANSWER)
    page = await unlocked_page(client, code, pin)
    reopened = await post_action(client, page, code, "mo-lai", {"ly_do": "Bộ phận một cửa vẫn đòi sổ hộ khẩu."})
    assert reopened.status == 200 and "Đã mở lại phản ánh" in await reopened.text()
    item = await world.feedback.item(code)
    assert item.status == Status.REOPENED
    assert (await world.feedback.audit_trail(code))[-1].note == "Bộ phận một cửa vẫn đòi sổ hộ khẩu."


async def test_the_filer_supplies_what_the_officer_asked_for_with_a_photo(
    world: WebOffice, client: TestClient, tmp_path: Path
) -> None:
    code, pin = await file_through_portal(client, world.clock, {**GOOD, "don_vi": "MOT-CUA"})
    officer = world.office.officers["an"]
    await world.desk.claim(officer, code)
    await world.desk.ask_citizen(officer, code, QUESTION)
    page = await unlocked_page(client, code, pin)
    assert QUESTION in page
    refused = await post_action(client, page, code, "bo-sung", {"thong_tin": "Ngày 20/11"}, [("giay.jpg", PDF)])
    assert refused.status == 400 and texts.PORTAL_FILE_NOT_ITS_NAME.format(name="giay.jpg") in await refused.text()
    assert "Ngày 20/11" in await refused.text()  # what was typed is kept
    assert (await world.feedback.item(code)).status == Status.WAITING_FOR_CITIZEN
    assert not list((tmp_path / "files" / "web-staging").glob("*"))

    empty = await post_action(client, page, code, "bo-sung", {"thong_tin": "  "})
    assert empty.status == 400 and texts.PORTAL_INFORMATION_EMPTY in await empty.text()
    sent = await post_action(
        client,
        page,
        code,
        "bo-sung",
        {"thong_tin": "Nộp ngày 20/11, cán bộ Nguyễn Văn Bình."},
        [("bien-nhan.png", PNG)],
    )
    assert sent.status == 200 and "Đã gửi thông tin bổ sung" in await sent.text()
    item = await world.feedback.item(code)
    assert item.status == Status.IN_PROGRESS
    assert [attachment.file_name for attachment in item.attachments][-1] == "bien-nhan.png"
    assert Path(item.attachments[-1].local_path or "").is_file()


async def test_the_filer_withdraws_after_confirming_and_not_after_the_answer(
    world: WebOffice, client: TestClient
) -> None:
    code, pin = await file_through_portal(client, world.clock, {**GOOD, "don_vi": "MOT-CUA"})
    page = await unlocked_page(client, code, pin)
    unconfirmed = await post_action(client, page, code, "rut-lai", {"ly_do_rut": "Đã được giải quyết."})
    assert unconfirmed.status == 400 and texts.PORTAL_WITHDRAW_CONFIRM in await unconfirmed.text()
    assert (await world.feedback.item(code)).status == Status.RECEIVED
    withdrawn = await post_action(client, page, code, "rut-lai", {"ly_do_rut": "Đã được giải quyết.", "xac_nhan": "1"})
    assert withdrawn.status == 200 and texts.PORTAL_WITHDRAWN in await withdrawn.text()
    assert (await world.feedback.item(code)).status == Status.WITHDRAWN

    other, other_pin = await file_through_portal(
        client,
        world.clock,
        {**GOOD, "noi_dung": "Cán bộ địa chính hẹn trả sổ đỏ ba lần không đúng hẹn", "don_vi": "MOT-CUA"},
    )
    await world.desk.answer(world.office.officers["an"], other, ANSWER)
    page = await unlocked_page(client, other, other_pin)
    assert "Rút lại phản ánh" not in page
    late = await post_action(client, page, other, "rut-lai", {"xac_nhan": "1"})
    assert late.status == 409 and texts.PORTAL_WITHDRAW_NOT_NOW in await late.text()


async def test_the_pin_is_stored_hashed_and_wrong_pins_are_limited_per_code(
    world: WebOffice, client: TestClient
) -> None:
    code, pin = await file_through_portal(client, world.clock)
    stored = (await world.feedback.item(code)).pin_hash
    assert stored is not None and pin not in stored and stored.startswith("$argon2id$")

    not_a_pin = await give_pin(client, code, "12 34")
    assert not_a_pin.status == 400 and texts.PORTAL_PIN_FORMAT in await not_a_pin.text()
    for left in (4, 3, 2, 1, 0):
        refused = await give_pin(client, code, wrong(pin))
        assert refused.status == 403 and texts.PORTAL_WRONG_PIN.format(left=left) in await refused.text()
    locked = await give_pin(client, code, pin)  # the right PIN, too late: a robot cannot tell it was right
    assert locked.status == 429 and "Đã nhập sai mã PIN quá nhiều lần" in await locked.text()
    world.clock.advance(hours=1, seconds=1)
    assert GOOD["noi_dung"] in await unlocked_page(client, code, pin)


async def test_wrong_pins_are_limited_per_client_address_across_codes(world: WebOffice, client: TestClient) -> None:
    code, pin = await file_through_portal(client, world.clock)
    for number in range(1, 21):  # 20 made-up codes, one try each: under every per-code limit
        await give_pin(client, f"20261201.{number:04d}", "000000")
    locked = await give_pin(client, code, pin)
    assert locked.status == 429


async def test_without_the_pin_or_the_token_nothing_is_shown_or_done(world: WebOffice, client: TestClient) -> None:
    code, pin = await file_through_portal(client, world.clock, {**GOOD, "don_vi": "MOT-CUA"})
    other, other_pin = await file_through_portal(
        client, world.clock, {**GOOD, "noi_dung": "Cán bộ địa chính hẹn trả sổ đỏ ba lần không đúng hẹn"}
    )
    stranger = await client.get(f"/phan-anh/tra-cuu/{code}", allow_redirects=False)
    assert stranger.status == 303 and stranger.headers["Location"] == f"/phan-anh/tra-cuu?ma={code}&het=1"
    page = await unlocked_page(client, other, other_pin)  # the PIN of another item opens that one only
    elsewhere = await client.get(f"/phan-anh/tra-cuu/{code}", allow_redirects=False)
    assert elsewhere.status == 303
    acting = await post_action(client, page, code, "rut-lai", {"xac_nhan": "1"})
    assert acting.status == 200 and texts.PORTAL_PIN_NEEDED in await acting.text()
    no_token = await client.post(f"/phan-anh/tra-cuu/{other}/rut-lai", data={"xac_nhan": "1"})
    assert no_token.status == 403
    no_pin_token = await client.post("/phan-anh/tra-cuu", data={"ma": code, "pin": pin})
    assert no_pin_token.status == 403
    for item_code in (code, other):
        assert (await world.feedback.item(item_code)).status == Status.RECEIVED

    signed_out = await post_action(client, page, other, "thoat", {})
    assert signed_out.url.path == "/phan-anh/tra-cuu"
    assert (await client.get(f"/phan-anh/tra-cuu/{other}", allow_redirects=False)).status == 303


async def test_a_pin_given_again_at_the_desk_ends_the_session_the_old_pin_opened(
    world: WebOffice, client: TestClient
) -> None:
    code, pin = await file_through_portal(client, world.clock, {**GOOD, "don_vi": "MOT-CUA"})
    page = await unlocked_page(client, code, pin)  # someone who had the old PIN, still on the page
    new_pin = await world.desk.replace_pin(world.office.officers["an"], code)
    reading = await client.get(f"/phan-anh/tra-cuu/{code}", allow_redirects=False)
    assert reading.status == 303 and reading.headers["Location"] == f"/phan-anh/tra-cuu?ma={code}&het=1"
    acting = await post_action(client, page, code, "rut-lai", {"xac_nhan": "1"})
    assert acting.status == 200 and texts.PORTAL_PIN_NEEDED in await acting.text()
    assert (await client.get(f"/phan-anh/tra-cuu/{code}/du-lieu", allow_redirects=False)).status == 303
    assert (await world.feedback.item(code)).status == Status.RECEIVED
    assert GOOD["noi_dung"] in await unlocked_page(client, code, new_pin)  # the new PIN opens it again


async def test_a_tampered_or_oversized_supply_of_information_stores_nothing(
    world: WebOffice, client: TestClient, tmp_path: Path
) -> None:
    code, pin = await file_through_portal(client, world.clock, {**GOOD, "don_vi": "MOT-CUA"})
    officer = world.office.officers["an"]
    await world.desk.claim(officer, code)
    await world.desk.ask_citizen(officer, code, QUESTION)
    page = await unlocked_page(client, code, pin)
    before = sorted(path for path in (tmp_path / "files").rglob("*") if path.is_file())

    no_token = form_data({"thong_tin": "Nộp ngày 20/11."}, [("bien-nhan.png", PNG)])
    assert (await client.post(f"/phan-anh/tra-cuu/{code}/bo-sung", data=no_token)).status == 403
    too_large = await post_action(
        client, page, code, "bo-sung", {"thong_tin": "Nộp ngày 20/11."}, [("bien-nhan.png", PNG + b"\0" * MAX_FILE)]
    )
    assert too_large.status == 400 and "bien-nhan.png" in await too_large.text()
    huge = await post_action(client, page, code, "bo-sung", {}, [("a.png", PNG + b"\0" * (7 * MAX_FILE + 2**20))])
    assert huge.status == 413 and texts.PORTAL_REQUEST_TOO_LARGE in await huge.text()

    item = await world.feedback.item(code)
    assert item.status == Status.WAITING_FOR_CITIZEN and len(item.attachments) == 0
    assert sorted(path for path in (tmp_path / "files").rglob("*") if path.is_file()) == before
