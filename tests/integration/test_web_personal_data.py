"""Personal data on the web, SQLite and PostgreSQL: the portal's form shows the notice above the contact
fields and the item records its version; the full notice is public; administrators work the deletion
requests' queue (approve masks and tells, refuse needs a reason), nobody else sees it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from feedback.domain.model import CitizenRef, Contact, NoticeKind
from feedback.domain.privacy_notice import NOTICE_VERSION
from feedback.domain.retention import MASKED
from feedback.service_layer.personal_data import PersonalData
from storage.attachment_files import DiskAttachmentFiles
from tests.manual_clock import Clock
from tests.portal_helpers import build_portal, file_through_portal
from tests.web_office import CALENDAR, WebOffice, csrf_token, file_items, log_in


@pytest.fixture
async def world(uow_factory, clock: Clock, tmp_path: Path) -> WebOffice:
    world = await build_portal(uow_factory, clock, tmp_path / "files")
    await file_items(world)
    return world


@pytest.fixture
async def client(world: WebOffice) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


async def test_the_form_shows_the_notice_and_the_item_records_its_version(world: WebOffice, client: TestClient) -> None:
    form = await (await client.get("/phan-anh/gui")).text()
    assert form.index("Thông báo về dữ liệu cá nhân") < form.index('name="ho_ten"')
    assert "1095 ngày" in form and 'href="/du-lieu-ca-nhan"' in form
    code, _ = await file_through_portal(client, world.clock)
    assert (await world.feedback.item(code)).notice_version == NOTICE_VERSION
    client.session.cookie_jar.clear()
    full = await client.get("/du-lieu-ca-nhan")  # public: no session
    assert full.status == 200 and "Điều 19" in await full.text() and NOTICE_VERSION in await full.text()


async def test_administrators_approve_or_refuse_deletion_requests(
    world: WebOffice, client: TestClient, uow_factory, clock: Clock, tmp_path: Path
) -> None:
    rights = PersonalData(uow_factory, DiskAttachmentFiles(tmp_path / "files"), calendar=CALENDAR, clock=clock)
    code = world.office.codes["desk"]
    filer = (await world.feedback.item(code)).citizen
    first = await rights.request_deletion(filer, filer.external_id)
    second = await rights.request_deletion(CitizenRef("telegram", "504"), "504")
    approve = f"/can-bo/du-lieu-ca-nhan/yeu-cau-xoa/{first.id}/approve"
    token = await log_in(client, "chi")
    assert (await client.get("/can-bo/du-lieu-ca-nhan/yeu-cau-xoa")).status == 403
    assert (
        await client.post(f"/can-bo/du-lieu-ca-nhan/yeu-cau-xoa/{first.id}/approve", data={"csrf_token": token})
    ).status == 403
    token = await log_in(client, "quantri")
    page = await (await client.get("/can-bo/du-lieu-ca-nhan/yeu-cau-xoa")).text()
    assert f'data-request="{first.id}"' in page and f'data-request="{second.id}"' in page and "08/12/2026" in page

    done = await client.post(approve, data={"csrf_token": token})
    assert done.status == 200 and "người dân sẽ được báo" in await done.text()
    assert (await world.feedback.item(code)).contact == Contact(name=MASKED, address=MASKED)
    again = await client.post(approve, data={"csrf_token": token})
    assert again.status == 409

    page = await (await client.get("/can-bo/du-lieu-ca-nhan/yeu-cau-xoa")).text()
    token = csrf_token(page)
    empty = await client.post(f"/can-bo/du-lieu-ca-nhan/yeu-cau-xoa/{second.id}/reject", data={"csrf_token": token})
    assert empty.status == 400 and f'data-request="{second.id}"' in await empty.text()
    refused = await client.post(
        f"/can-bo/du-lieu-ca-nhan/yeu-cau-xoa/{second.id}/reject",
        data={"csrf_token": token, "reason": "Phản ánh đang xử lý"},
    )
    assert refused.status == 200
    kinds = {n.kind for n in await world.feedback.pending_notices("telegram")}
    assert {NoticeKind.DATA_DELETED, NoticeKind.DATA_DELETION_REFUSED} <= kinds
    assert "Không có yêu cầu nào đang chờ" in await (await client.get("/can-bo/du-lieu-ca-nhan/yeu-cau-xoa")).text()
