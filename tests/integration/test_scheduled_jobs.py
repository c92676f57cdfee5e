"""The scheduled jobs on real storage (SQLite and PostgreSQL), with a hand-moved clock around the National Day
2026: several instances ticking at once run each job once (the job lease), and the closing job's query finds
the answered items. The jobs' rules run on the fake storage in tests/unit/test_scheduled_jobs_rules.py.
"""

from __future__ import annotations

import asyncio
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
    Actor,
    ActorKind,
    CitizenRef,
    Contact,
    Draft,
)
from feedback.domain.status import Status
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService, Step
from feedback.service_layer.scheduled_jobs import Job, JobPolicy, ScheduledJobs
from storage.db import create_engine, create_session_factory
from storage.password_hashing import Argon2PasswordHasher
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock

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
def feedback(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> FeedbackService:
    return FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)


@pytest.fixture
def jobs(uow_factory: Callable[[], SqlUnitOfWork], feedback: FeedbackService, clock: Clock) -> ScheduledJobs:
    return ScheduledJobs(uow_factory, feedback, holder="instance-1", clock=clock)


@pytest.fixture
async def commune(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> None:
    """A commune with its one-stop desk; an officer and a head at the desk, a head of the commune."""
    admin = AdminService(uow_factory, Argon2PasswordHasher(), clock=clock)
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


async def test_several_instances_ticking_at_once_run_each_job_exactly_once(
    database_url: str, items: dict[str, str], feedback: FeedbackService, clock: Clock
) -> None:
    clock.now = local(FRIDAY, 7, 30)
    engines = [create_engine(database_url) for _ in range(4)]
    try:
        instances = []
        for number, engine in enumerate(engines):
            factory = create_session_factory(engine)
            service = FeedbackService(lambda factory=factory: SqlUnitOfWork(factory), calendar=CALENDAR, clock=clock)
            instances.append(
                ScheduledJobs(
                    lambda factory=factory: SqlUnitOfWork(factory),
                    service,
                    holder=f"instance-{number}",
                    policy=JobPolicy(),
                    clock=clock,
                )
            )
        ran = await asyncio.gather(*(instance.tick() for instance in instances))
        assert sorted(job for jobs_ran in ran for job in jobs_ran) == sorted(Job)
        assert await asyncio.gather(*(instance.tick() for instance in instances)) == [[], [], [], []]
    finally:
        for engine in engines:
            await engine.dispose()
    sent = await messages(instances[0])
    assert [type(message).__name__ for message in sent[501]] == ["Digest"]
    assert [type(message).__name__ for message in sent[502]] == ["EscalationAlert", "Digest"]
    trail = await feedback.audit_trail(items["late4"])
    assert [entry.action for entry in trail].count("escalate") == 2
    assert [entry.action for entry in trail].count("apologise") == 1


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
