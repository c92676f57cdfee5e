"""The officers' queue on real storage: deadline order, working days left, filters, paging."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action
from feedback.domain.model import Actor, ActorKind, CitizenRef, Contact, Draft
from feedback.domain.queue import QueueFilter
from feedback.domain.status import Status
from feedback.domain.units import Unit
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_service import FeedbackService
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
OFFICER = Actor(ActorKind.OFFICER, "officer-1", "Nguyễn Văn Cán")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội


async def file(service: FeedbackService, clock: Clock, day: date, unit: str, content: str, n: int) -> str:
    clock.now = at(day)
    citizen = CitizenRef("telegram", str(5000 + n))
    contact = Contact(name=f"Người dân {n}", address="Hội An", phone="0912345678")
    draft = Draft(FeedbackType.PHAN_ANH, content, contact, citizen, reply_to=citizen.external_id, unit=unit)
    return (await service.submit(draft)).code


@pytest.fixture
async def queue(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> FeedbackService:
    """Five items of two wards, received 2/11 … 20/11/2026; looked at on Mon 23/11/2026."""
    service = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)
    async with uow_factory() as uow:
        for code, name in (("P.MINHAN", "UBND phường Minh An"), ("P.CAMPHO", "UBND phường Cẩm Phô")):
            await uow.units.add(Unit(code, name))
        await uow.commit()
    codes = {
        "late": await file(service, clock, date(2026, 11, 2), "P.MINHAN", "Ổ gà đường Lê Lợi chưa được vá", 1),
        "paused": await file(service, clock, date(2026, 11, 3), "P.MINHAN", "Đèn đường Trần Phú hỏng lâu ngày", 2),
        "soon": await file(service, clock, date(2026, 11, 12), "P.MINHAN", "Rác ứ đọng ở chợ Hội An nhiều ngày", 3),
        "other": await file(service, clock, date(2026, 11, 13), "P.CAMPHO", "Cống thoát nước Cẩm Phô bị tắc", 4),
        "answered": await file(service, clock, date(2026, 11, 20), "P.MINHAN", "Cây gãy trên đường Bạch Đằng", 5),
    }
    clock.now = at(date(2026, 11, 20))
    for code in (codes["paused"], codes["answered"]):
        for action in (Action.ACCEPT, Action.START):
            await service.act(code, action, OFFICER)
    await service.act(codes["paused"], Action.ASK_CITIZEN, OFFICER, note="Xin địa chỉ cột đèn.")
    await service.act(codes["answered"], Action.ANSWER, OFFICER, note="Đã dọn cây gãy.")
    clock.now = at(date(2026, 11, 23))
    service.codes = codes  # type: ignore[attr-defined]
    return service


async def test_the_queue_comes_in_deadline_order_with_paused_items_last(queue: FeedbackService) -> None:
    codes = queue.codes  # type: ignore[attr-defined]
    page = await queue.queue(QueueFilter())
    assert [entry.code for entry in page.entries] == [codes["late"], codes["soon"], codes["other"], codes["paused"]]
    assert page.total == 4  # the answered item owes nothing
    late = page.entries[0]
    # Received Mon 2/11, due 10 working days later: Mon 16/11; on Mon 23/11 it is 5 working days late.
    assert (late.due, late.days_left, late.overdue) == (date(2026, 11, 16), -5, True)
    soon = page.entries[1]
    # Received Thu 12/11, due Fri 27/11 (24/11 is a holiday): three working days left (25, 26, 27).
    assert (soon.due, soon.days_left, soon.overdue) == (date(2026, 11, 27), 3, False)
    assert page.entries[-1].clock_paused and not page.entries[-1].overdue


async def test_filters_by_unit_overdue_status_and_words(queue: FeedbackService) -> None:
    codes = queue.codes  # type: ignore[attr-defined]
    mine = await queue.queue(QueueFilter(units=frozenset({"P.CAMPHO"})))
    assert [entry.code for entry in mine.entries] == [codes["other"]]
    overdue = await queue.queue(QueueFilter(overdue_only=True))
    assert [entry.code for entry in overdue.entries] == [codes["late"]]
    answered = await queue.queue(QueueFilter(statuses=frozenset({Status.ANSWERED})))
    assert [entry.code for entry in answered.entries] == [codes["answered"]]
    by_words = await queue.queue(QueueFilter(words="chợ Hội"))
    assert [entry.code for entry in by_words.entries] == [codes["soon"]]
    by_code = await queue.queue(QueueFilter(words=f" {codes['other']} "))
    assert [entry.code for entry in by_code.entries] == [codes["other"]]
    dated = await queue.queue(QueueFilter(received_from=date(2026, 11, 12), received_to=date(2026, 11, 12)))
    assert [entry.code for entry in dated.entries] == [codes["soon"]]


async def test_pages_split_the_queue_without_losing_or_repeating_items(queue: FeedbackService) -> None:
    first = await queue.queue(QueueFilter(), page=1, page_size=3)
    second = await queue.queue(QueueFilter(), page=2, page_size=3)
    assert (first.total, first.pages, len(first.entries), len(second.entries)) == (4, 2, 3, 1)
    everything = await queue.queue(QueueFilter())
    assert [e.code for e in first.entries + second.entries] == [e.code for e in everything.entries]
