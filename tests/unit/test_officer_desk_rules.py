"""The officers' desk on the fake storage: who sees which items, who may act on which, what each action does.

tests/integration/test_officer_desk.py races two officers for one item on a real database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from feedback.domain.access import NotPermitted, Officer, require
from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.lifecycle import Action, IllegalTransition
from feedback.domain.model import FeedbackItem, MissingReason
from feedback.domain.queue import QueueFilter
from feedback.domain.status import Status
from feedback.domain.units import UnknownUnit
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService, Step
from feedback.service_layer.officer_desk import NotAColleague, OfficerDesk, OutOfReach, SameUnit, officer_actor
from tests.fakes.unit_of_work import FakeUnitOfWork
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
async def world(uow_factory: Callable[[], FakeUnitOfWork], clock: Clock) -> World:
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


async def codes_seen_by(world: World, username: str, wanted: QueueFilter | None = None) -> set[str]:
    page = await world.desk.queue(world.officer(username), wanted)
    return {entry.code for entry in page.entries}


async def test_each_officer_sees_the_items_of_the_units_they_work_for(world: World) -> None:
    codes = world.office.codes
    assert await codes_seen_by(world, "an") == {codes["desk"]}
    assert await codes_seen_by(world, "binh") == {codes["land"]}
    # The head of the commune sees the sub-units and the items not routed to any unit yet.
    assert await codes_seen_by(world, "chi") == {codes["desk"], codes["land"], codes["unrouted"]}
    # XA-KHAC is a root too: with two organisations on one install, either may route a unit-less item.
    assert await codes_seen_by(world, "dung") == {codes["other"], codes["unrouted"]}
    assert await codes_seen_by(world, "quantri") == set(codes.values())


async def test_asking_for_another_units_items_narrows_to_nothing(world: World) -> None:
    assert await codes_seen_by(world, "an", QueueFilter(units=frozenset({"DIA-CHINH"}))) == set()
    head_asks = QueueFilter(units=frozenset({"DIA-CHINH"}))
    assert await codes_seen_by(world, "chi", head_asks) == {world.office.codes["land"]}


async def test_a_deactivated_officer_sees_and_does_nothing(world: World) -> None:
    await world.admin.deactivate("an")
    an = await world.admin.officer("an")
    assert await codes_seen_by(world, "an") == set()
    assert (await world.desk.queue(an)).entries == []
    with pytest.raises(OutOfReach):
        await world.desk.claim(an, world.office.codes["desk"])
    assert await world.desk.officer_by_telegram(9001) is None


async def test_an_officer_of_another_unit_is_refused_and_nothing_changes(world: World) -> None:
    code = world.office.codes["land"]
    before = await world.feedback.audit_trail(code)
    for attempt in (
        world.desk.claim(world.officer("an"), code),
        world.desk.answer(world.officer("dung"), code, "Đã xử lý xong."),
        world.desk.refuse(world.officer("an"), code, "Không thuộc thẩm quyền"),
        world.desk.item(world.officer("dung"), code),
    ):
        with pytest.raises(OutOfReach):
            await attempt
    assert (await world.feedback.item(code)).status == Status.RECEIVED
    assert await world.feedback.audit_trail(code) == before


async def test_claiming_a_new_item_accepts_it_and_takes_it(world: World) -> None:
    code = world.office.codes["desk"]
    item = await world.desk.claim(world.officer("an"), code)
    assert (item.status, item.assignee) == (Status.IN_PROGRESS, "an")
    trail = await world.feedback.audit_trail(code)
    assert [(entry.action, entry.actor.id, entry.actor.name) for entry in trail[-2:]] == [
        ("accept", "an", "Nguyễn Văn An"),
        ("start", "an", "Nguyễn Văn An"),
    ]
    assert [entry.code for entry in (await world.desk.my_items(world.officer("an"))).entries] == [code]


async def test_assigning_only_to_a_colleague_who_can_work_on_the_unit(world: World) -> None:
    code = world.office.codes["land"]
    chi = world.officer("chi")
    for stranger in ("an", "dung", "khong-co-ai"):
        with pytest.raises(NotAColleague):
            await world.desk.assign(chi, code, stranger)
    for named in ("binh", "khong-co-ai"):
        with pytest.raises(OutOfReach):  # an outsider is told so, whoever they name
            await world.desk.assign(world.officer("dung"), code, named)
    colleagues = [officer.username for officer in await world.desk.colleagues(chi, code)]
    assert colleagues == ["chi", "quantri", "binh"]  # by display name: Lê, Quản trị, Trần
    item = await world.desk.assign(chi, code, "binh", note="Nhờ chị xử lý")
    assert (item.status, item.assignee) == (Status.ASSIGNED, "binh")
    await world.admin.deactivate("binh")
    with pytest.raises(NotAColleague):
        await world.desk.assign(chi, code, "binh")


async def test_forwarding_moves_the_item_to_the_other_units_officers(world: World) -> None:
    code = world.office.codes["desk"]
    an = world.officer("an")
    with pytest.raises(UnknownUnit):
        await world.desk.forward(an, code, "KHONG-CO")
    with pytest.raises(SameUnit):
        await world.desk.forward(an, code, "mot-cua")
    item = await world.desk.forward(an, code, "dia-chinh", note="Thuộc lĩnh vực đất đai")
    assert (item.status, item.unit) == (Status.FORWARDED, "DIA-CHINH")
    assert code not in await codes_seen_by(world, "an")
    assert code in await codes_seen_by(world, "binh")
    with pytest.raises(OutOfReach):
        await world.desk.claim(an, code)
    assert (await world.desk.claim(world.officer("binh"), code)).status == Status.IN_PROGRESS


async def test_answering_a_new_item_takes_it_and_tells_the_citizen(world: World) -> None:
    code = world.office.codes["desk"]
    item = await world.desk.answer(world.officer("an"), code, "Đã khơi thông cống thoát nước thôn 3.")
    assert (item.status, item.answer, item.assignee) == (Status.ANSWERED, "Đã khơi thông cống thoát nước thôn 3.", "an")
    notices = await world.feedback.pending_notices("telegram")
    assert any(notice.code == code and "khơi thông" in (notice.text or "") for notice in notices)


async def test_the_item_view_lists_only_what_the_officer_may_do_now(world: World) -> None:
    an = world.officer("an")
    view = await world.desk.item(an, world.office.codes["desk"])
    assert view.item.contact.phone == "0912345678"  # officers see the citizen's details
    assert view.actions == {Action.ACCEPT, Action.REFUSE, Action.FORWARD}
    await world.desk.claim(an, view.item.code)
    view = await world.desk.item(an, view.item.code)
    assert view.actions == {Action.ASSIGN, Action.ASK_CITIZEN, Action.ANSWER, Action.FORWARD, Action.EXTEND}
    assert [entry.action for entry in view.audit] == ["receive", "accept", "start"]
    await world.desk.extend(an, view.item.code, "Cần khảo sát hiện trường")
    assert Action.EXTEND not in (await world.desk.item(an, view.item.code)).actions  # once only


async def test_an_illegal_action_is_an_error_and_changes_nothing(world: World) -> None:
    code = world.office.codes["desk"]
    an = world.officer("an")
    with pytest.raises(IllegalTransition):
        await world.desk.extend(an, code, "Cần thêm thời gian")  # not accepted yet
    await world.desk.refuse(an, code, "Nội dung không thuộc phạm vi PAKN")
    with pytest.raises(IllegalTransition):
        await world.desk.claim(an, code)
    assert (await world.feedback.item(code)).status == Status.REFUSED


async def test_the_permission_check_follows_the_item_from_step_to_step(world: World) -> None:
    # Two steps in one change: the second is checked against the unit the first one left the item in.
    code = world.office.codes["desk"]
    an = world.officer("an")
    tree = await world.admin.unit_tree()

    def authorise(item: FeedbackItem, action: Action) -> None:
        require(an, action, item.unit, tree)

    steps = [Step(Action.FORWARD, unit="DIA-CHINH"), Step(Action.ACCEPT)]
    with pytest.raises(NotPermitted):
        await world.feedback.act_steps(code, steps, officer_actor(an), authorise=authorise)
    item = await world.feedback.item(code)
    assert (item.status, item.unit) == (Status.RECEIVED, "MOT-CUA")  # all or nothing


async def test_an_officer_closes_an_answered_item_only_with_the_citizen_s_confirmation_noted(world: World) -> None:
    code = world.office.codes["desk"]
    an = world.officer("an")
    await world.desk.answer(an, code, "Đã khơi thông cống thoát nước thôn 3.")
    assert Action.CLOSE in (await world.desk.item(an, code)).actions
    with pytest.raises(MissingReason):
        await world.desk.close(an, code, "")
    with pytest.raises(OutOfReach):
        await world.desk.close(world.officer("binh"), code, "Người dân đã xác nhận")
    note = "Bà Hoa xác nhận qua điện thoại ngày 23/11: cống đã thông."
    item = await world.desk.close(an, code, note)
    assert item.status == Status.CLOSED
    notices = [notice for notice in await world.feedback.pending_notices("telegram") if notice.code == code]
    assert notices[-1].status == Status.CLOSED and notices[-1].text == note
