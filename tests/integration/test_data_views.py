"""Who looked at citizens' personal data, SQLite and PostgreSQL: every officer view of a filer's contact
details or files on the web is logged (who, when, which item, what) before it is shown; an administrator lists
them per item and per officer; `motcua admin export-access-log` writes a period as CSV. The Telegram card is
tested with the bot (tests/e2e/test_bot_data_views.py)."""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import AsyncIterator, Callable
from datetime import date
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from feedback.domain.data_view import Exposure, Looked
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import Attachment, AttachmentKind, CitizenRef, Contact, Draft
from feedback.service_layer.data_views import AdministratorsOnly, DataViews
from feedback.service_layer.officer_desk import OutOfReach
from motcua.access_log_command import export_access_log
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.web_office import WebOffice, build_web_office, file_items, log_in


@pytest.fixture
async def world(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock, tmp_path: Path) -> WebOffice:
    world = await build_web_office(uow_factory, clock, attachments_dir=tmp_path / "attachments")
    await file_items(world)
    return world


@pytest.fixture
async def client(world: WebOffice) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


@pytest.fixture
def data_views(uow_factory: Callable[[], SqlUnitOfWork]) -> DataViews:
    return DataViews(uow_factory)


async def _file_with_photo(world: WebOffice, folder: Path) -> str:
    folder.mkdir(exist_ok=True)
    (folder / "anh.jpg").write_bytes(b"JPEG bytes")
    photo = Attachment(AttachmentKind.PHOTO, "f1", file_name="anh.jpg", local_path=str(folder / "anh.jpg"))
    draft = Draft(
        FeedbackType.PHAN_ANH,
        "Cống thôn 4 bị tắc",
        Contact(name="Đỗ Thị Lan", address="Thôn 1", phone="0987654321"),
        CitizenRef("telegram", "8801"),
        reply_to="8801",
        unit="MOT-CUA",
        attachments=(photo,),
    )
    return (await world.feedback.submit(draft)).code


async def test_each_item_page_and_download_is_logged_with_who_when_and_what(
    world: WebOffice, client: TestClient, data_views: DataViews, tmp_path: Path
) -> None:
    code = await _file_with_photo(world, tmp_path / "attachments")
    admin = world.office.officers["quantri"]
    assert await data_views.for_item(admin, code) == []
    await log_in(client, "an")
    assert (await client.get(f"/can-bo/items/{code}")).status == 200
    world.clock.advance(minutes=5)
    assert (await client.get(f"/can-bo/items/{code}/attachments/0")).status == 200
    views = await data_views.for_item(admin, code)
    assert [(v.officer, v.officer_units, v.channel, v.exposure, v.detail) for v in views] == [
        ("an", "MOT-CUA", "web", Exposure.ATTACHMENT, "0"),
        ("an", "MOT-CUA", "web", Exposure.CONTACT, None),
    ]
    assert views[0].at > views[1].at  # newest first, each at the service clock's time
    # The queue list shows no contact details, so it leaves no trace.
    await client.get("/can-bo/queue")
    assert len(await data_views.for_item(admin, code)) == 2


async def test_an_officer_out_of_reach_is_refused_and_nothing_is_logged(
    world: WebOffice, client: TestClient, data_views: DataViews
) -> None:
    code = world.office.codes["desk"]
    await log_in(client, "dung")
    assert (await client.get(f"/can-bo/items/{code}")).status == 403
    with pytest.raises(OutOfReach):
        await world.desk.item(world.office.officers["dung"], code, [Looked("web")])
    assert await data_views.for_item(world.office.officers["quantri"], code) == []


async def test_the_administrator_lists_views_per_item_and_per_officer(
    world: WebOffice, client: TestClient, data_views: DataViews
) -> None:
    codes = world.office.codes
    await log_in(client, "an")
    await client.get(f"/can-bo/items/{codes['desk']}")
    await log_in(client, "chi")
    await client.get(f"/can-bo/items/{codes['desk']}")
    await client.get(f"/can-bo/items/{codes['land']}")
    await log_in(client, "quantri")
    page = await (await client.get(f"/can-bo/du-lieu-ca-nhan/truy-cap?item={codes['desk']}")).text()
    assert "2 lần xem" in page and "?officer=an" in page and "?officer=chi" in page
    page = await (await client.get("/can-bo/du-lieu-ca-nhan/truy-cap?officer=chi")).text()
    assert "2 lần xem" in page and codes["land"] in page and "UBND-XA" in page
    # Only an administrator reads the log.
    await log_in(client, "chi")
    assert (await client.get("/can-bo/du-lieu-ca-nhan/truy-cap?officer=an")).status == 403
    with pytest.raises(AdministratorsOnly):
        await data_views.for_officer(world.office.officers["chi"], "an")


async def test_export_access_log_writes_the_days_asked_as_csv(
    world: WebOffice, client: TestClient, data_views: DataViews, tmp_path: Path
) -> None:
    code = world.office.codes["desk"]
    await log_in(client, "an")
    await client.get(f"/can-bo/items/{code}")  # Monday 23/11/2026
    world.clock.advance(days=2)
    await log_in(client, "an")  # the session has expired meanwhile
    await client.get(f"/can-bo/items/{code}")  # Wednesday 25/11/2026
    out = io.StringIO()
    args = argparse.Namespace(since=date(2026, 11, 23), until=date(2026, 11, 24), output=None)
    assert await export_access_log(data_views, args, out) == []
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(row["officer"], row["item_code"], row["exposure"], row["at"][:10]) for row in rows] == [
        ("an", code, "contact", "2026-11-23")
    ]
    target = tmp_path / "log.csv"
    args = argparse.Namespace(since=date(2026, 11, 23), until=date(2026, 11, 25), output=str(target))
    assert await export_access_log(data_views, args, io.StringIO()) == [f"Đã ghi 2 lần xem vào {target}."]
    written = target.read_text(encoding="utf-8")
    assert written.count(code) == 2 and "0912345678" not in written and "Hoàng Thị Hoa" not in written
