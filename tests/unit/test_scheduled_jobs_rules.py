"""The scheduled jobs' rules on the fake storage, with a hand-moved clock around the National Day 2026: Fri 28/8
is a working day, Sat 29/8 to Wed 2/9 are not (31/8 is the swapped day), Sat 22/8 was worked.

tests/integration/test_scheduled_jobs.py runs several instances ticking at once on a real database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from feedback.domain.access import Role
from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.digest import Digest
from feedback.domain.escalation import EscalationAlert
from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action
from feedback.domain.model import (
    SYSTEM,
    Actor,
    ActorKind,
    CitizenRef,
    Contact,
    Draft,
    NoticeKind,
    PromiseAlreadyMoved,
)
from feedback.domain.status import Status
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import ActionNotPermitted, FeedbackService, Step
from feedback.service_layer.scheduled_jobs import Job, ScheduledJobs
from tests.fakes.unit_of_work import FakeUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import cheap_hasher

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
OFFICER = Actor(ActorKind.OFFICER, "an", "Nguyễn An")
LAN = CitizenRef("telegram", "100001")


def local(day: date, hour: int = 8, minute: int = 0) -> datetime:
    """`hour:minute` in Hà Nội (UTC+7) on `day`."""
    return datetime(day.year, day.month, day.day, hour - 7, minute, tzinfo=UTC)


FRIDAY = date(2026, 8, 28)
THURSDAY_AFTER = date(2026, 9, 3)


async def file_on(service: FeedbackService, clock: Clock, day: date, what: str, unit: str | None = "MOT-CUA") -> str:
    clock.now = local(day)
    draft = Draft(
        type=FeedbackType.PHAN_ANH,
        content=f"{what}: đề nghị cơ quan chức năng xem xét, xử lý sớm.",
        contact=Contact(name="Trần Thị Lan", address="12 Lê Lợi, xã An Bình", phone="0912345678"),
        citizen=LAN,
        reply_to=LAN.external_id,
        unit=unit,
    )
    return (await service.submit(draft)).code


@pytest.fixture
def feedback(uow_factory: Callable[[], FakeUnitOfWork], clock: Clock) -> FeedbackService:
    return FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)


@pytest.fixture
def jobs(uow_factory: Callable[[], FakeUnitOfWork], feedback: FeedbackService, clock: Clock) -> ScheduledJobs:
    return ScheduledJobs(uow_factory, feedback, holder="instance-1", clock=clock)


@pytest.fixture
async def commune(uow_factory: Callable[[], FakeUnitOfWork], clock: Clock) -> None:
    """A commune with its one-stop desk; an officer and a head at the desk, a head of the commune."""
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    await admin.create_unit("UBND-XA", "UBND xã An Bình")
    await admin.create_unit("MOT-CUA", "Bộ phận một cửa", parent="UBND-XA")
    await admin.create_unit("DIA-CHINH", "Công chức địa chính", parent="UBND-XA")
    for username, name, role, unit, telegram in (
        ("an", "Nguyễn An", Role.OFFICER, "MOT-CUA", 501),
        ("binh", "Trần Bình", Role.UNIT_HEAD, "MOT-CUA", 502),
        ("chi", "Lê Chi", Role.UNIT_HEAD, "UBND-XA", 503),
        ("dung", "Phạm Dũng", Role.OFFICER, "DIA-CHINH", 504),
    ):
        await admin.create_officer(username, name)
        await admin.grant(username, role, unit)
        await admin.link_telegram(username, telegram)


@pytest.fixture
async def items(commune: None, feedback: FeedbackService, clock: Clock) -> dict[str, str]:
    """Items of the desk whose deadlines fall around the holiday; their codes by what they are."""
    return {
        "late4": await file_on(feedback, clock, date(2026, 8, 11), "Ổ gà"),  # due Mon 24/8
        "late2": await file_on(feedback, clock, date(2026, 8, 13), "Đèn đường"),  # due Wed 26/8
        "today": await file_on(feedback, clock, date(2026, 8, 17), "Rác thải"),  # due Fri 28/8
        "soon1": await file_on(feedback, clock, date(2026, 8, 18), "Cống thoát nước"),  # due Thu 3/9
        "soon2": await file_on(feedback, clock, date(2026, 8, 19), "Cây đổ"),  # due Fri 4/9
        "later": await file_on(feedback, clock, date(2026, 8, 20), "Lấn chiếm vỉa hè"),  # due Mon 7/9
    }


async def messages(jobs: ScheduledJobs) -> dict[int, list[Digest | EscalationAlert]]:
    """The officers' outbox by Telegram id, oldest first."""
    found: dict[int, list[Digest | EscalationAlert]] = {}
    for stored in await jobs.pending_officer_messages(limit=500):
        found.setdefault(stored.telegram_user_id, []).append(stored.message)
    return found


async def escalations(jobs: ScheduledJobs) -> dict[int, list[tuple[str, int]]]:
    """(code, level) of the items in each officer's pending escalation alerts."""
    return {
        telegram: [
            (item.code, item.level) for alert in sent if isinstance(alert, EscalationAlert) for item in alert.items
        ]
        for telegram, sent in (await messages(jobs)).items()
    }


def codes(entries: object) -> list[str]:
    return [entry.code for entry in entries]  # type: ignore[attr-defined]


async def test_nothing_runs_before_the_hour_nor_on_days_off(
    jobs: ScheduledJobs, items: dict[str, str], clock: Clock
) -> None:
    for moment in (local(FRIDAY, 7, 29), local(date(2026, 8, 29), 9), local(date(2026, 8, 31), 9)):
        clock.now = moment
        assert await jobs.tick() == []
    assert await messages(jobs) == {}
    clock.now = local(FRIDAY, 7, 30)
    assert await jobs.tick() == [Job.ESCALATION, Job.APOLOGY, Job.DIGEST, Job.CLOSING, Job.RETENTION]
    assert await jobs.tick() == []  # once a day


async def test_the_friday_digest_gives_each_officer_the_units_they_cover(
    jobs: ScheduledJobs, items: dict[str, str], clock: Clock
) -> None:
    clock.now = local(FRIDAY, 7, 30)
    await jobs.tick()
    sent = await messages(jobs)
    (desk_digest,) = [message for message in sent[501] if isinstance(message, Digest)]
    assert desk_digest.on == FRIDAY
    (desk,) = desk_digest.units
    assert desk.unit == "MOT-CUA"
    assert codes(desk.overdue) == [items["late4"], items["late2"]]
    assert codes(desk.due_today) == [items["today"]]
    # Thu 3/9 is one working day away over the holiday, Fri 4/9 two; Mon 7/9 is past the horizon.
    assert codes(desk.due_soon) == [items["soon1"], items["soon2"]]
    (head_digest,) = [message for message in sent[503] if isinstance(message, Digest)]
    assert [unit.unit for unit in head_digest.units] == ["MOT-CUA"]
    assert 504 not in sent  # the land officer's unit has nothing due


async def test_overdue_items_climb_the_unit_chain_once_per_step_across_the_holiday(
    jobs: ScheduledJobs, feedback: FeedbackService, items: dict[str, str], clock: Clock
) -> None:
    clock.now = local(FRIDAY, 7, 30)
    await jobs.tick()
    alerts = await escalations(jobs)
    # Overdue by 2 working days: the desk's head. By 4: the desk's head, then the commune's.
    assert alerts[502] == [(items["late4"], 1), (items["late2"], 1)]
    assert alerts[503] == [(items["late4"], 2)]
    assert alerts[501] == []  # officers are not told of escalations, heads are
    trail = await feedback.audit_trail(items["late4"])
    assert [(entry.action, entry.actor, entry.note) for entry in trail if entry.action == "escalate"] == [
        ("escalate", SYSTEM, "1 MOT-CUA"),
        ("escalate", SYSTEM, "2 UBND-XA"),
    ]

    for day in (date(2026, 8, 29), date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 2)):
        clock.now = local(day, 9)
        assert await jobs.tick() == []
    for stored in await jobs.pending_officer_messages(limit=500):
        await jobs.mark_officer_message_sent(stored.id)
    clock.now = local(THURSDAY_AFTER, 7, 45)
    await jobs.tick()
    alerts = await escalations(jobs)
    # late2 is now 3 working days overdue (27/8, 28/8, 3/9): the commune's head. late4 is at the top already.
    # "today" became overdue by one working day: its desk's head.
    assert alerts[502] == [(items["today"], 1)]
    assert alerts[503] == [(items["late2"], 2)]
    trail = await feedback.audit_trail(items["late4"])
    assert [entry.note for entry in trail if entry.action == "escalate"] == ["1 MOT-CUA", "2 UBND-XA"]


async def test_the_citizen_is_apologised_to_on_the_last_working_day_before_the_deadline(
    jobs: ScheduledJobs, feedback: FeedbackService, items: dict[str, str], clock: Clock
) -> None:
    clock.now = local(FRIDAY, 7, 30)
    await jobs.tick()
    apologies = {
        notice.code: notice.due
        for notice in await feedback.pending_notices("telegram")
        if notice.kind == NoticeKind.APOLOGY
    }
    # Due Thu 3/9: Friday is its last working day before. Already late: caught up. Fri 4/9 and later: not yet.
    assert apologies == {
        items["soon1"]: date(2026, 9, 10),  # 5 working days after the deadline: 4/9, 7/9, 8/9, 9/9, 10/9
        items["today"]: date(2026, 9, 9),  # after today (the deadline): 3/9, 4/9, 7/9, 8/9, 9/9
        items["late2"]: date(2026, 9, 9),  # deadline passed: counted from today
        items["late4"]: date(2026, 9, 9),
    }
    view = await feedback.item(items["soon1"])
    assert (view.promised_on, view.promise_moved, view.due) == (date(2026, 9, 10), False, THURSDAY_AFTER)
    (entry,) = [entry for entry in await feedback.audit_trail(items["soon1"]) if entry.action == "apologise"]
    assert (entry.actor, entry.note) == (SYSTEM, "2026-09-10")

    clock.now = local(THURSDAY_AFTER, 8)
    await jobs.tick()
    apologised_again = [
        notice.code
        for notice in await feedback.pending_notices("telegram")
        if notice.kind == NoticeKind.APOLOGY and notice.created_at >= local(THURSDAY_AFTER)
    ]
    assert apologised_again == [items["soon2"]]  # due Fri 4/9; the others had theirs


async def test_an_officer_apologises_first_then_moves_the_date_once_and_no_more(
    jobs: ScheduledJobs, feedback: FeedbackService, items: dict[str, str], clock: Clock
) -> None:
    clock.now = local(date(2026, 8, 27), 15)
    await feedback.apologise(items["soon2"], OFFICER, date(2026, 9, 11), "Chờ ý kiến của Điện lực")
    clock.now = local(FRIDAY, 7, 30)
    await jobs.tick()
    assert (await feedback.item(items["soon2"])).promised_on == date(2026, 9, 11)  # the job left it alone

    clock.now = local(THURSDAY_AFTER, 10)
    moved = await feedback.apologise(items["soon2"], OFFICER, date(2026, 9, 15), "Điện lực hẹn thay cột mới")
    assert (moved.promised_on, moved.promise_moved) == (date(2026, 9, 15), True)
    with pytest.raises(PromiseAlreadyMoved):
        await feedback.apologise(items["soon2"], OFFICER, date(2026, 9, 18), "Lại lùi")
    with pytest.raises(ActionNotPermitted):
        await feedback.apologise(items["soon2"], Actor(ActorKind.CITIZEN, "telegram:100001"), date(2026, 9, 18))
    stored = await feedback.item(items["soon2"])
    assert (stored.promised_on, stored.promise_moved) == (date(2026, 9, 15), True)
    notices = [
        (notice.due, notice.text)
        for notice in await feedback.pending_notices("telegram")
        if notice.code == items["soon2"] and notice.kind == NoticeKind.APOLOGY
    ]
    assert notices == [
        (date(2026, 9, 11), "Chờ ý kiến của Điện lực"),
        (date(2026, 9, 15), "Điện lực hẹn thay cột mới"),
    ]
    trail = [(entry.action, entry.note) for entry in await feedback.audit_trail(items["soon2"])]
    assert trail[-2:] == [
        ("apologise", "2026-09-11 Chờ ý kiến của Điện lực"),
        ("move_promise", "2026-09-15 Điện lực hẹn thay cột mới"),
    ]


async def test_the_daily_run_closes_answered_items_whose_reopen_window_has_ended(
    jobs: ScheduledJobs, items: dict[str, str], feedback: FeedbackService, clock: Clock
) -> None:
    code = items["today"]
    officer = Actor(ActorKind.OFFICER, "an", "Nguyễn An")
    clock.now = local(date(2026, 8, 20), 9)
    steps = [Step(Action.ACCEPT), Step(Action.START, assignee="an"), Step(Action.ANSWER, note="Đã thu gom rác.")]
    await feedback.act_steps(code, steps, officer)
    # Answered Thu 20/8: 10 working days (Sat 22/8 worked, 31/8–2/9 off) run to Mon 7/9.
    clock.now = local(date(2026, 9, 7), 7, 30)
    assert Job.CLOSING in await jobs.tick()
    assert (await feedback.item(code)).status == Status.ANSWERED
    clock.now = local(date(2026, 9, 8), 7, 30)
    assert Job.CLOSING in await jobs.tick()
    assert (await feedback.item(code)).status == Status.CLOSED
