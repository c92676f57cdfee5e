"""The whole web application with the Open311 API mounted, over the test office (tests/office_fixture.py).

The officers' pages are mounted too, as `motcua serve` does, so the tests see the same middlewares.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.api_key_service import ApiKeyService
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from feedback.service_layer.report_service import ReportService
from procedures_catalog.services import Catalog
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import Office, build_office, cheap_hasher
from tests.web_office import CALENDAR
from web.app import create_app
from web.officer_pages import OfficerPages
from web.open311.keys import Open311Services
from web.open311.public_reads import ReadPolicy

PREFIX = "/open311/v2"
# The tests read far faster than an anonymous reader may: the read limits are tested on their own.
UNLIMITED_READS = ReadPolicy(per_second=10**9, per_minute=10**9, list_queries_per_second=10**9)


@dataclass
class Open311World:
    app: web.Application
    feedback: FeedbackService
    api_keys: ApiKeyService
    office: Office
    key: str


async def build_open311_world(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock, reads: ReadPolicy | None = None
) -> Open311World:
    feedback = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    api_keys = ApiKeyService(uow_factory, clock=clock)
    office = await build_office(admin)
    _, key = await api_keys.issue("kiosk-mot-cua")
    catalog = await Catalog.load(uow_factory)
    reports = ReportService(uow_factory, clock)
    pages = OfficerPages(
        desk=OfficerDesk(feedback, admin), admin=admin, reports=reports, web_state=uow_factory, clock=clock
    )
    app = create_app(catalog, pages, open311=Open311Services(feedback, api_keys, reads or UNLIMITED_READS))
    return Open311World(app, feedback, api_keys, office, key)
