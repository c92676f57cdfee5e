"""The officers' web app over the test office (tests/office_fixture.py), for the HTTP and browser tests."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestClient

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.intake_limits import IntakeLimits
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.data_views import DataViews
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.filer_pin import FilerPins
from feedback.service_layer.officer_desk import OfficerDesk
from feedback.service_layer.personal_data import PersonalData
from feedback.service_layer.report_service import ReportService
from procedures_catalog.pointers import load_pointers
from procedures_catalog.services import Catalog
from procedures_catalog.synonyms import load_synonyms
from procedures_catalog.teaching import SearchTeaching
from storage.attachment_files import DiskAttachmentFiles
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import PASSWORD, Office, build_office, cheap_hasher, file_item
from web.app import create_app
from web.citizen_pages import CitizenPages
from web.officer_pages import OfficerPages
from web.uploads import UploadStore

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PORTAL_CAP_PER_ADDRESS = 3


@dataclass
class WebOffice:
    app: web.Application
    feedback: FeedbackService
    admin: AdminService
    desk: OfficerDesk
    office: Office
    clock: Clock
    teaching: SearchTeaching


async def build_web_office(
    uow_factory: Callable[[], SqlUnitOfWork],
    clock: Clock,
    attachments_dir: Path | None = None,
    *,
    portal: bool = False,
    limits: IntakeLimits | None = None,
    trusted_proxies: tuple[str, ...] = (),
    search_words: bool = False,
    letters: bool = False,
) -> WebOffice:
    """The test office, made in an empty database, and the officers' pages over it; with `portal`, the
    citizens' filing and following too, their files in `attachments_dir`, at most 3 filings a day from one
    address; with `search_words`, search reads citizens with the bundled synonyms and pointers, as in
    production."""
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    office = await build_office(admin)
    return await create_app_over(
        uow_factory,
        clock,
        attachments_dir,
        portal=portal,
        limits=limits,
        trusted_proxies=trusted_proxies,
        office=office,
        admin=admin,
        search_words=search_words,
        letters=letters,
    )


async def create_app_over(
    uow_factory: Callable[[], SqlUnitOfWork],
    clock: Clock,
    attachments_dir: Path | None = None,
    *,
    portal: bool = False,
    limits: IntakeLimits | None = None,
    trusted_proxies: tuple[str, ...] = (),
    office: Office | None = None,
    admin: AdminService | None = None,
    search_words: bool = False,
    letters: bool = False,
) -> WebOffice:
    """The app over a database the test office is already in (as a second instance, or after a restart)."""
    if portal:  # three filings a day from one address, so that a test reaches the cap
        limits = dataclasses.replace(limits or IntakeLimits(), daily_cap_per_address=PORTAL_CAP_PER_ADDRESS)
    feedback = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock, limits=limits)
    admin = admin or AdminService(uow_factory, cheap_hasher(), clock=clock)
    pins = FilerPins(uow_factory, cheap_hasher(), clock)
    desk = OfficerDesk(feedback, admin, pins)
    catalog = await (
        Catalog.load(uow_factory, load_synonyms(), load_pointers()) if search_words else Catalog.load(uow_factory)
    )
    reports = ReportService(uow_factory, clock)
    personal_data = PersonalData(uow_factory, DiskAttachmentFiles(attachments_dir), calendar=CALENDAR, clock=clock)
    pages = OfficerPages(
        desk=desk,
        admin=admin,
        reports=reports,
        web_state=uow_factory,
        data_views=DataViews(uow_factory),
        personal_data=personal_data,
        attachments_dir=attachments_dir,
        clock=clock,
    )
    citizens = None
    if portal:
        assert attachments_dir is not None, "the portal keeps citizens' files"
        citizens = CitizenPages(
            feedback=feedback,
            pins=pins,
            uploads=UploadStore(attachments_dir, feedback.limits),
            key=b"test key of the site, 32 bytes!!",
            clock=clock,
            personal_data=personal_data,
            letters=letters,
        )
    teaching = SearchTeaching(uow_factory, catalog)
    app = create_app(catalog, pages, citizen_pages=citizens, trusted_proxies=trusted_proxies, teaching=teaching)
    return WebOffice(app, feedback, admin, desk, office or Office(), clock, teaching)


async def file_items(world: WebOffice) -> None:
    """The items every test starts with, by name in `world.office.codes`."""
    world.office.codes = {
        "desk": await file_item(world.feedback, "MOT-CUA", "Đường thôn 3 ngập nước sau mưa", 501),
        "land": await file_item(world.feedback, "DIA-CHINH", "Hồ sơ cấp sổ đỏ quá hạn chưa trả", 502),
        "other": await file_item(world.feedback, "XA-KHAC", "Chợ xã Tân Hòa mất vệ sinh", 504),
    }


def csrf_token(html: str) -> str:
    match = _CSRF.search(html)
    assert match is not None, "no CSRF token in the page"
    return match.group(1)


async def log_in(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Log in afresh (any earlier session's cookie dropped); the CSRF token of the new session."""
    client.session.cookie_jar.clear()
    page = await client.get("/can-bo/login")
    response = await client.post(
        "/can-bo/login", data={"csrf_token": csrf_token(await page.text()), "username": username, "password": password}
    )
    assert response.status == 200 and response.url.path == "/can-bo/queue", await response.text()
    return csrf_token(await response.text())
