"""The report reads what the item keeps for it (working days of the standing answer, the day first forwarded),
the overdue stock finds late refusals, and migrations 0007 and 0010 fill those columns in for items already
stored.

Unit P.A, October 2026 (no holidays), the answer deadline 10 working days:
 A  1/10 answered 9/10 (6 working days), reopened 12/10 (new due 26/10), answered again 20/10: 13 working days
 B  1/10 forwarded to P.B on 20/10: new due 3/11
 C 21/9  due 5/10, refused 5/11: a late refusal
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action
from feedback.domain.model import Actor, ActorKind, CitizenRef, Contact, Draft
from feedback.domain.report_figures import Figures
from feedback.domain.units import Unit
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.report_service import ReportService
from storage.db import create_engine, create_session_factory
from storage.feedback_models import FeedbackRecord
from storage.migrate import downgrade, upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
OFFICER = Actor(ActorKind.OFFICER, "officer-1", "Nguyễn Văn Cán")
CITIZEN_A = CitizenRef("telegram", "8001")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội


async def file(service: FeedbackService, clock: Clock, citizen: CitizenRef, day: date) -> str:
    clock.now = at(day)
    contact = Contact(name="Người dân", address="Hội An", phone="0912345678")
    content = "Đèn đường hỏng ở khu phố"
    draft = Draft(FeedbackType.PHAN_ANH, content, contact, citizen, reply_to=citizen.external_id, unit="P.A")
    return (await service.submit(draft)).code


async def act(service: FeedbackService, clock: Clock, day: date, code: str, *actions: Action, **kwargs: str) -> None:
    clock.now = at(day)
    for action in actions:
        await service.act(code, action, OFFICER, **(kwargs if action == actions[-1] else {}))


async def test_the_standing_answer_the_forward_day_and_a_late_refusal(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock
) -> None:
    async with uow_factory() as uow:
        await uow.units.add(Unit("P.A", "Phường A"))
        await uow.units.add(Unit("P.B", "Phường B"))
        await uow.commit()
    feedback = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)
    reports = ReportService(uow_factory, clock)
    a = await file(feedback, clock, CITIZEN_A, date(2026, 10, 1))
    b = await file(feedback, clock, CitizenRef("telegram", "8002"), date(2026, 10, 1))
    c = await file(feedback, clock, CitizenRef("telegram", "8003"), date(2026, 9, 21))
    await act(feedback, clock, date(2026, 10, 9), a, Action.ACCEPT, Action.START, Action.ANSWER, note="Đã sửa.")
    clock.now = at(date(2026, 10, 12))
    await feedback.reopen(a, CITIZEN_A, "Đèn lại hỏng.")

    # Reopened, A owes a new answer: its first answer and its 6 working days no longer count.
    clock.now = at(date(2026, 10, 15))
    reopened = await reports.build(date(2026, 10, 1), date(2026, 10, 31))
    assert reopened.total == Figures(received=2, in_process_within=2)

    await act(feedback, clock, date(2026, 10, 20), a, Action.START, Action.ANSWER, note="Đã thay đèn.")
    await act(feedback, clock, date(2026, 10, 20), b, Action.FORWARD, unit="P.B")
    await act(feedback, clock, date(2026, 11, 5), c, Action.REFUSE, note="Không thuộc thẩm quyền.")
    clock.now = at(date(2026, 11, 12))

    october = await reports.build(date(2026, 10, 1), date(2026, 10, 31))
    assert october.total == Figures(
        received=2, answered_on_time=1, in_process_within=1, forwarded=1, answer_working_days=13
    )
    # As of 15/10, A's standing answer (20/10) and B's forward (20/10) had not happened yet.
    first_half = await reports.build(date(2026, 10, 1), date(2026, 10, 15))
    assert first_half.total == Figures(received=2, in_process_within=2)

    autumn = await reports.build(date(2026, 9, 1), date(2026, 11, 30))
    assert autumn.total == Figures(
        received=3, answered_on_time=1, refused=1, in_process_overdue=1, forwarded=1, answer_working_days=13
    )
    # C is overdue at the end of October (refused late, on 5/11), B at "as of" 12/11 (due 3/11 since forwarded).
    # October gave two answers, both to A: the one reopened still counts in its month.
    assert [(p.month, p.received, p.answered, p.overdue_at_end) for p in autumn.months] == [
        (date(2026, 9, 1), 1, 0, 0),
        (date(2026, 10, 1), 2, 2, 1),
        (date(2026, 11, 1), 0, 0, 1),
    ]


async def test_migrations_0007_and_0010_fill_in_what_the_domain_keeps(database_url: str, clock: Clock) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        session_factory = create_session_factory(engine)
        feedback = FeedbackService(lambda: SqlUnitOfWork(session_factory), calendar=CALENDAR, clock=clock)
        async with SqlUnitOfWork(session_factory) as uow:
            await uow.units.add(Unit("P.A", "Phường A"))
            await uow.units.add(Unit("P.B", "Phường B"))
            await uow.commit()
        # Received on a Saturday: counted from Monday 5/10, so the answer on Friday 9/10 took 4 working days.
        a = await file(feedback, clock, CITIZEN_A, date(2026, 10, 3))
        b = await file(feedback, clock, CitizenRef("telegram", "8002"), date(2026, 10, 5))
        await act(feedback, clock, date(2026, 10, 9), a, Action.ACCEPT, Action.START, Action.ANSWER, note="Đã sửa.")
        await act(feedback, clock, date(2026, 10, 6), b, Action.FORWARD, unit="P.B")
        await act(feedback, clock, date(2026, 10, 8), b, Action.FORWARD, unit="P.A")
        kept = await _report_columns(session_factory)
        assert kept == {a: (4, None, None), b: (None, date(2026, 10, 6), date(2026, 10, 8))}
        clock.now = at(date(2026, 11, 12))
        reports = ReportService(lambda: SqlUnitOfWork(session_factory), clock)
        october = await reports.build(date(2026, 10, 1), date(2026, 10, 31))
        p_b = next(line for line in october.by_unit if line.key == "P.B").figures
        assert (p_b.forwarded, october.total.forwarded, october.months[0].answered) == (1, 2, 1)

        await downgrade(engine, "0006")
        await upgrade(engine)
        assert await _report_columns(session_factory) == kept
        # The entries now predate 0010 and keep neither their day nor the forwarding unit: the answer is still
        # counted in its month, each forward at the item's unit now (P.A), as reports did before.
        again = await reports.build(date(2026, 10, 1), date(2026, 10, 31))
        assert (again.total.forwarded, again.months[0].answered, again.total.answered_on_time) == (2, 1, 1)
        assert next(line for line in again.by_unit if line.key == "P.A").figures.forwarded == 2
    finally:
        await engine.dispose()


async def _report_columns(
    session_factory: async_sessionmaker[AsyncSession],
) -> dict[str, tuple[int | None, date | None, date | None]]:
    statement = select(
        FeedbackRecord.code,
        FeedbackRecord.answer_working_days,
        FeedbackRecord.first_forwarded_on,
        FeedbackRecord.standing_changed_on,
    )
    async with session_factory() as session:
        return {code: (days, forwarded, changed) for code, days, forwarded, changed in await session.execute(statement)}
