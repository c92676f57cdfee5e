"""«Dữ liệu của tôi» on the portal, SQLite and PostgreSQL: a filer who opened their item with its code and PIN
sees every personal detail it holds and who looked, corrects their contact details (checked as filing checks
them, reflected on the item, audited), asks for deletion after a confirmation step, and reads the decision on
the page once an administrator has made it. The page covers that one item: the same phone's other item is
neither shown nor changed. Without the PIN, with another item's PIN or without the form's token: nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import lxml.html
import pytest
from aiohttp.test_utils import TestClient, TestServer

from feedback.domain.data_view import Looked
from feedback.domain.model import Contact
from feedback.domain.privacy_notice import NOTICE_VERSION
from feedback.domain.retention import MASKED
from feedback.service_layer.personal_data import PersonalData, RequestStatus
from storage.attachment_files import DiskAttachmentFiles
from tests.manual_clock import Clock
from tests.portal_helpers import GOOD, build_portal, file_through_portal
from tests.web_office import CALENDAR, WebOffice
from web import texts

OTHER = {**GOOD, "noi_dung": "Cán bộ địa chính hẹn trả sổ đỏ ba lần không đúng hẹn", "don_vi": "DIA-CHINH"}
NEW = {"ho_ten": "Trần Thị Lan Anh", "lien_he": "lan.anh@example.vn", "dia_chi": "45 Trần Phú, phường Hội An"}


@pytest.fixture
async def world(uow_factory, clock: Clock, tmp_path: Path) -> WebOffice:
    return await build_portal(uow_factory, clock, tmp_path / "files")


@pytest.fixture
def rights(uow_factory, clock: Clock, tmp_path: Path) -> PersonalData:
    """The administrators' side of the same database."""
    return PersonalData(uow_factory, DiskAttachmentFiles(tmp_path / "files"), calendar=CALENDAR, clock=clock)


@pytest.fixture
async def client(world: WebOffice) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


def token_of(html: str) -> str:
    return lxml.html.fromstring(html).xpath("//input[@name='csrf_token']")[0].get("value")


def text_of(html: str) -> str:
    return " ".join(lxml.html.fromstring(html).xpath("//main")[0].text_content().split())


async def give_pin(client: TestClient, code: str, pin: str):  # -> ClientResponse
    page = await client.get("/phan-anh/tra-cuu", params={"ma": code})
    return await client.post(
        "/phan-anh/tra-cuu", data={"csrf_token": token_of(await page.text()), "ma": code, "pin": pin}
    )


async def my_data(client: TestClient, code: str, pin: str) -> str:
    """Unlock the item, follow its link to «Dữ liệu của tôi»."""
    unlocked = await give_pin(client, code, pin)
    assert unlocked.status == 200 and unlocked.url.path == f"/phan-anh/tra-cuu/{code}", await unlocked.text()
    link = lxml.html.fromstring(await unlocked.text()).xpath("//a[text()='Dữ liệu của tôi']")[0].get("href")
    page = await client.get(link)
    assert page.status == 200 and page.url.path == f"/phan-anh/tra-cuu/{code}/du-lieu"
    assert page.headers["Cache-Control"] == "no-store"
    return await page.text()


async def test_the_filer_sees_what_the_item_holds_and_who_looked_and_nothing_of_their_other_item(
    world: WebOffice, client: TestClient
) -> None:
    code, pin = await file_through_portal(client, world.clock, {**GOOD, "don_vi": "MOT-CUA"})
    other, _ = await file_through_portal(client, world.clock, OTHER)  # the same phone: the same web reference
    assert (await world.feedback.item(code)).citizen == (await world.feedback.item(other)).citizen
    for _ in range(2):
        await world.desk.item(world.office.officers["an"], code, [Looked("web")])
    await world.desk.item(world.office.officers["quantri"], code, [Looked("web")])
    await world.desk.item(world.office.officers["binh"], other, [Looked("web")])

    page = text_of(await my_data(client, code, pin))
    for held in ("Trần Thị Lan", "0912345678", "12 Lê Lợi, phường Hội An", GOOD["noi_dung"], NOTICE_VERSION):
        assert held in page
    assert "3 lần" in page and "Bộ phận một cửa: 2 lần" in page and "quản trị hệ thống: 1 lần" in page
    assert "chỉ hiện dữ liệu cá nhân gắn với phản ánh" in page and code in page
    assert other not in page and OTHER["noi_dung"] not in page and "Địa chính" not in page


async def test_the_filer_corrects_the_contact_of_that_item_only_checked_as_filing_checks_it(
    world: WebOffice, client: TestClient
) -> None:
    code, pin = await file_through_portal(client, world.clock)
    other, _ = await file_through_portal(client, world.clock, OTHER)
    page = await my_data(client, code, pin)
    form = lxml.html.fromstring(page).xpath("//form[@action=$a]", a=f"/phan-anh/tra-cuu/{code}/du-lieu/sua")[0]
    assert form.xpath(".//input[@name='lien_he']")[0].get("value") == "0912345678"  # starts from what is held

    bad = await client.post(
        f"/phan-anh/tra-cuu/{code}/du-lieu/sua", data={"csrf_token": token_of(page), **NEW, "lien_he": "0123"}
    )
    assert bad.status == 400
    refused = lxml.html.fromstring(await bad.text()).xpath("//input[@name='lien_he']")[0]
    assert refused.get("aria-invalid") == "true" and refused.get("value") == "0123"
    assert (await world.feedback.item(code)).contact.name == "Trần Thị Lan"

    done = await client.post(f"/phan-anh/tra-cuu/{code}/du-lieu/sua", data={"csrf_token": token_of(page), **NEW})
    assert done.status == 200 and texts.PORTAL_DATA_CORRECTED in await done.text()
    assert done.url.path == f"/phan-anh/tra-cuu/{code}/du-lieu"
    assert (await world.feedback.item(code)).contact == Contact(
        name="Trần Thị Lan Anh", address="45 Trần Phú, phường Hội An", phone=None, email="lan.anh@example.vn"
    )
    assert "lan.anh@example.vn" in text_of(await done.text())
    assert (await world.feedback.audit_trail(code))[-1].action == "correct_contact"
    assert (await world.feedback.item(other)).contact.name == "Trần Thị Lan"  # not proven theirs: unchanged
    again = await client.post(f"/phan-anh/tra-cuu/{code}/du-lieu/sua", data={"csrf_token": token_of(page), **NEW})
    assert texts.PORTAL_DATA_UNCHANGED in await again.text()


async def test_a_deletion_request_is_confirmed_decided_by_an_administrator_and_its_result_shown(
    world: WebOffice, client: TestClient, rights: PersonalData
) -> None:
    code, pin = await file_through_portal(client, world.clock, {**GOOD, "don_vi": "MOT-CUA"})
    other, _ = await file_through_portal(client, world.clock, OTHER)
    page = await my_data(client, code, pin)
    asked = await client.get(f"/phan-anh/tra-cuu/{code}/du-lieu", params={"xoa": "1"})
    confirm = await asked.text()
    assert "Xác nhận yêu cầu xoá" in confirm and "15 ngày" in confirm
    unconfirmed = await client.post(f"/phan-anh/tra-cuu/{code}/du-lieu/xoa", data={"csrf_token": token_of(page)})
    assert unconfirmed.status == 400 and texts.PORTAL_DATA_DELETE_CONFIRM in await unconfirmed.text()
    admin = world.office.officers["quantri"]
    assert await rights.pending_deletions(admin) == []

    sent = await client.post(
        f"/phan-anh/tra-cuu/{code}/du-lieu/xoa", data={"csrf_token": token_of(confirm), "xac_nhan": "1"}
    )
    assert sent.status == 200 and texts.PORTAL_DATA_DELETE_REQUESTED.format(due="08/12/2026") in await sent.text()
    assert "Đang chờ xử lý, hạn trả lời 08/12/2026" in text_of(await sent.text())
    twice = await client.post(
        f"/phan-anh/tra-cuu/{code}/du-lieu/xoa", data={"csrf_token": token_of(confirm), "xac_nhan": "1"}
    )
    assert twice.status == 200
    (request,) = await rights.pending_deletions(admin)
    assert request.item_code == code

    world.clock.advance(days=2)
    await rights.approve_deletion(admin, request.id)
    expired = await client.get(f"/phan-anh/tra-cuu/{code}/du-lieu", allow_redirects=False)
    assert expired.status == 303  # the half-hour session is over: the filer comes back with the PIN
    html = await my_data(client, code, pin)
    page = text_of(html)
    assert "Đã thực hiện ngày 25/11/2026" in page and "Đã được xoá" in page
    assert "Trần Thị Lan" not in page and "0912345678" not in page and "Lê Lợi" not in page
    assert [form.get("action") for form in lxml.html.fromstring(html).xpath("//main//form")] == [
        f"/phan-anh/tra-cuu/{code}/thoat"  # nothing left to correct or to delete
    ]
    assert (await world.feedback.item(code)).contact == Contact(name=MASKED, address=MASKED)
    assert (await world.feedback.item(other)).contact.phone == "0912345678"  # the request named one item


async def test_a_refused_deletion_request_shows_its_reason(
    world: WebOffice, client: TestClient, rights: PersonalData
) -> None:
    code, pin = await file_through_portal(client, world.clock)
    page = await my_data(client, code, pin)
    await client.post(f"/phan-anh/tra-cuu/{code}/du-lieu/xoa", data={"csrf_token": token_of(page), "xac_nhan": "1"})
    (request,) = await rights.pending_deletions(world.office.officers["quantri"])
    await rights.reject_deletion(world.office.officers["quantri"], request.id, "Phản ánh đang được xử lý")
    html = await (await client.get(f"/phan-anh/tra-cuu/{code}/du-lieu")).text()
    page = text_of(html)
    assert "Không được chấp thuận ngày 23/11/2026. Lý do: Phản ánh đang được xử lý" in page
    assert "Trần Thị Lan" in page  # kept
    assert lxml.html.fromstring(html).xpath("//form[@method='get']//input[@name='xoa']")  # may be asked again
    assert (await rights.held_in_item(code)).deletion_requests[0].status == RequestStatus.REJECTED


async def test_without_the_pin_with_another_items_pin_or_without_the_token_no_data(
    world: WebOffice, client: TestClient, rights: PersonalData
) -> None:
    code, pin = await file_through_portal(client, world.clock)
    other, other_pin = await file_through_portal(
        client, world.clock, {**OTHER, "lien_he": "0987 654 321", "ho_ten": "Lê Văn Hùng"}
    )
    client.session.cookie_jar.clear()
    stranger = await client.get(f"/phan-anh/tra-cuu/{code}/du-lieu", allow_redirects=False)
    assert stranger.status == 303 and stranger.headers["Location"] == f"/phan-anh/tra-cuu?ma={code}&het=1"

    page = await my_data(client, other, other_pin)  # the PIN of another item opens that one only
    assert "Lê Văn Hùng" in page and "Trần Thị Lan" not in page
    elsewhere = await client.get(f"/phan-anh/tra-cuu/{code}/du-lieu", allow_redirects=False)
    assert elsewhere.status == 303
    for action, fields in (("sua", NEW), ("xoa", {"xac_nhan": "1"})):
        acting = await client.post(
            f"/phan-anh/tra-cuu/{code}/du-lieu/{action}",
            data={"csrf_token": token_of(page), **fields},
            allow_redirects=False,
        )
        assert acting.status == 303 and acting.headers["Location"].endswith("het=1")
        no_token = await client.post(f"/phan-anh/tra-cuu/{other}/du-lieu/{action}", data=fields)
        assert no_token.status == 403
    assert (await world.feedback.item(code)).contact.name == "Trần Thị Lan"
    assert (await world.feedback.item(other)).contact.name == "Lê Văn Hùng"
    assert await rights.pending_deletions(world.office.officers["quantri"]) == []

    client.session.cookie_jar.clear()
    wrong = f"{(int(pin) + 1) % 1_000_000:06d}"
    for _ in range(5):
        refused = await give_pin(client, code, wrong)
        assert refused.status == 403 and "Trần Thị Lan" not in await refused.text()
    locked = await give_pin(client, code, pin)  # the right PIN, too late: the follow page's limit holds
    assert locked.status == 429
    assert (await client.get(f"/phan-anh/tra-cuu/{code}/du-lieu", allow_redirects=False)).status == 303
