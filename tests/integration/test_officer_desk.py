"""The officers' desk on real storage, SQLite and PostgreSQL: two officers racing for one item. Who sees which
items, who may act on which and what each action does are tested on the fake storage in
tests/unit/test_officer_desk_rules.py."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from feedback.domain.access import Officer
from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.lifecycle import IllegalTransition
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_ports import ConcurrentChange
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import Office, build_office, cheap_hasher, file_item

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))


@dataclass
class World:
    desk: OfficerDesk
    feedback: FeedbackService
    admin: AdminService
    office: Office

    def officer(self, username: str) -> Officer:
        return self.office.officers[username]


@pytest.fixture
async def world(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> World:
    feedback = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    office = await build_office(admin)
    office.codes = {
        "desk": await file_item(feedback, "MOT-CUA", "Đường thôn 3 ngập nước sau mưa", 501),
        "land": await file_item(feedback, "DIA-CHINH", "Hồ sơ cấp sổ đỏ quá hạn chưa trả", 502),
        "unrouted": await file_item(feedback, None, "Đèn đường thôn 5 không sáng", 503),
        "other": await file_item(feedback, "XA-KHAC", "Chợ xã Tân Hòa mất vệ sinh", 504),
    }
    return World(OfficerDesk(feedback, admin), feedback, admin, office)


async def test_two_officers_claiming_at_once_one_wins_the_other_is_told(world: World) -> None:
    code = world.office.codes["land"]
    racers = [world.officer("binh"), world.officer("chi"), world.officer("quantri")]
    results = await asyncio.gather(*(world.desk.claim(officer, code) for officer in racers), return_exceptions=True)
    winners = [result for result in results if not isinstance(result, BaseException)]
    losers = [result for result in results if isinstance(result, BaseException)]
    assert len(winners) == 1, results
    assert all(isinstance(loser, ConcurrentChange | IllegalTransition) for loser in losers), losers
    trail = await world.feedback.audit_trail(code)
    assert [entry.action for entry in trail].count("start") == 1
    assert [entry.action for entry in trail].count("accept") == 1
    item = await world.feedback.item(code)
    assert item.assignee == winners[0].assignee
