"""«Cấp lại mã PIN» on the officers' item page, SQLite and PostgreSQL: a web filer who lost their PIN asks at the
desk; an officer who can see the item confirms, gets a new PIN shown once to hand over, the old one stops working,
and the item's history records it without the PIN. An officer of another unit, or a form without its token, gets
nothing and changes nothing. The portal's following page says what to do when the PIN is lost."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from feedback.domain.model import REPLACE_PIN, ActorKind
from storage.unit_of_work import SqlUnitOfWork
from tests.integration.test_web_portal_filer import give_pin, unlocked_page
from tests.manual_clock import Clock
from tests.portal_helpers import GOOD, build_portal, file_through_portal
from tests.web_office import WebOffice, log_in
from web import texts


@pytest.fixture
async def world(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock, tmp_path: Path) -> WebOffice:
    return await build_portal(uow_factory, clock, tmp_path / "files")


@pytest.fixture
async def citizen(world: WebOffice) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


@pytest.fixture
async def officer(world: WebOffice) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


async def filed(world: WebOffice, citizen: TestClient) -> tuple[str, str]:
    """An item filed on the portal to the one-stop desk (officer «an»'s unit): its code and PIN."""
    return await file_through_portal(citizen, world.clock, {**GOOD, "don_vi": "MOT-CUA"})


async def state(world: WebOffice, code: str) -> tuple[str | None, int, int]:
    item = await world.feedback.item(code)
    return item.pin_hash, item.version, len(await world.feedback.audit_trail(code))


async def test_an_officer_confirms_and_hands_over_a_new_pin_that_replaces_the_lost_one(
    world: WebOffice, citizen: TestClient, officer: TestClient
) -> None:
    code, old_pin = await filed(world, citizen)
    token = await log_in(officer, "an")
    page = await (await officer.get(f"/can-bo/items/{code}")).text()
    assert "Cấp lại mã PIN" in page and f'action="/can-bo/items/{code}/actions/pin"' in page

    before = await state(world, code)
    confirm = await officer.post(f"/can-bo/items/{code}/actions/pin", data={"csrf_token": token})
    assert confirm.status == 200
    shown = await confirm.text()
    assert "Cấp mã PIN mới" in shown and GOOD["ho_ten"] in shown  # the name to check the papers against
    assert await state(world, code) == before  # nothing changes before the officer confirms

    issued = await officer.post(f"/can-bo/items/{code}/actions/pin", data={"csrf_token": token, "step": "issue"})
    assert issued.status == 200 and issued.headers["Cache-Control"] == "no-store"
    found = re.search(r'<strong class="pin">(\d{6})</strong>', await issued.text())
    assert found is not None
    new_pin = found.group(1)

    if new_pin != old_pin:  # one chance in a million that they are the same
        assert (await give_pin(citizen, code, old_pin)).status == 403  # the lost PIN no longer opens the item
    assert GOOD["noi_dung"] in await unlocked_page(citizen, code, new_pin)

    entry = (await world.feedback.audit_trail(code))[-1]
    assert entry.action == REPLACE_PIN and entry.note is None
    assert (entry.actor.kind, entry.actor.id) == (ActorKind.OFFICER, "an")
    again = await (await officer.get(f"/can-bo/items/{code}")).text()
    assert "Cấp mã PIN mới (xem trên web)" in again and new_pin not in again  # the history, never the PIN


async def test_an_officer_of_another_unit_gets_no_pin_and_changes_nothing(
    world: WebOffice, citizen: TestClient, officer: TestClient
) -> None:
    code, pin = await filed(world, citizen)
    before = await state(world, code)
    token = await log_in(officer, "dung")
    confirm = await officer.post(f"/can-bo/items/{code}/actions/pin", data={"csrf_token": token})
    assert confirm.status == 403 and GOOD["ho_ten"] not in await confirm.text()
    issued = await officer.post(f"/can-bo/items/{code}/actions/pin", data={"csrf_token": token, "step": "issue"})
    assert issued.status == 403 and texts.OUT_OF_REACH in await issued.text()
    assert await state(world, code) == before
    assert GOOD["noi_dung"] in await unlocked_page(citizen, code, pin)  # the filer's PIN still works


async def test_without_the_sessions_token_no_pin_is_given(
    world: WebOffice, citizen: TestClient, officer: TestClient
) -> None:
    code, _ = await filed(world, citizen)
    before = await state(world, code)
    await log_in(officer, "an")
    refused = await officer.post(f"/can-bo/items/{code}/actions/pin", data={"step": "issue"})
    assert refused.status == 403 and texts.CSRF_REFUSED in await refused.text()
    forged = await officer.post(f"/can-bo/items/{code}/actions/pin", data={"step": "issue", "csrf_token": "x" * 43})
    assert forged.status == 403
    assert await state(world, code) == before


async def test_the_following_page_says_what_to_do_when_the_pin_is_lost(citizen: TestClient) -> None:
    page = await (await citizen.get("/phan-anh/tra-cuu")).text()
    assert "Mất mã PIN?" in page and "bộ phận một cửa" in page and texts.PORTAL_PIN_LOST.split(":")[0] in page
