"""Submitting the same draft twice files one item, and the daily cap says when filing opens again (both databases)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Self

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.intake_limits import IntakeLimits
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import CitizenRef, Contact, Draft, FeedbackItem
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_service import FeedbackService
from storage.feedback_models import FeedbackRecord
from storage.feedback_repository import SqlFeedbackRepository
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
LAN = CitizenRef("text", "lan")
CONTACT = Contact(name="Trần Thị Lan", address="12 Lê Lợi, phường Hội An", phone="0912345678")
POTHOLE = "Ổ gà lớn trước số 12 Lê Lợi đã ba tháng chưa được sửa, xe máy ngã liên tục."


def keyed(key: str | None, content: str = POTHOLE) -> Draft:
    return Draft(FeedbackType.PHAN_ANH, content, CONTACT, LAN, reply_to="lan", submission_key=key)


async def count_items(session_factory: async_sessionmaker[AsyncSession]) -> int:
    async with session_factory() as session:
        return (await session.execute(select(func.count()).select_from(FeedbackRecord))).scalar_one()


async def test_the_same_draft_submitted_again_gets_the_same_receipt_and_stores_nothing(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    service = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)
    first = await service.submit(keyed("draft-1"))
    clock.advance(minutes=3)  # the event retried after a crash, a little later
    again = await service.submit(keyed("draft-1"))
    assert again == first
    other = await service.submit(keyed("draft-2"))  # another draft, same words: another item
    assert other.code == "20261123.0002"
    assert await count_items(session_factory) == 2


async def test_two_instances_submitting_one_draft_at_once_file_one_item(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    instances = [FeedbackService(uow_factory, calendar=CALENDAR, clock=clock) for _ in range(2)]
    receipts = await asyncio.gather(*(instance.submit(keyed("draft-1")) for instance in instances * 2))
    assert len({receipt.code for receipt in receipts}) == 1
    assert await count_items(session_factory) == 1


class _LooksTooEarly(SqlFeedbackRepository):
    """Another instance commits the key between this one's look-up and its insert: the look-up finds nothing."""

    async def with_submission_keys(self, keys: object) -> dict[str, FeedbackItem]:
        return {}


async def test_a_key_stored_between_the_look_up_and_the_insert_is_found_on_the_next_attempt(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    first = await FeedbackService(uow_factory, calendar=CALENDAR, clock=clock).submit(keyed("draft-1"))
    looked_up = 0

    class Racing(SqlUnitOfWork):
        async def __aenter__(self) -> Self:
            nonlocal looked_up
            await super().__aenter__()
            looked_up += 1
            if looked_up == 1:
                self.feedback = _LooksTooEarly(self._session)
            return self

    racing = FeedbackService(lambda: Racing(session_factory), calendar=CALENDAR, clock=clock)
    assert await racing.submit(keyed("draft-1")) == first
    assert looked_up == 2
    assert await count_items(session_factory) == 1


async def test_a_draft_already_filed_is_its_receipt_even_when_the_cap_is_now_reached(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock
) -> None:
    service = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock, limits=IntakeLimits(daily_cap_per_citizen=1))
    first = await service.submit(keyed("draft-1"))
    assert await service.submit(keyed("draft-1")) == first


async def test_the_cap_says_when_filing_opens_again(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> None:
    service = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock, limits=IntakeLimits(daily_cap_per_citizen=2))
    first_at = clock.now
    await service.submit(keyed(None))
    assert await service.filing_opens_at(LAN) is None
    clock.advance(hours=3)
    await service.submit(keyed(None, "Đèn đường ngõ 5 Trần Phú tắt cả tháng nay, buổi tối rất tối."))
    assert await service.filing_opens_at(LAN) == first_at + timedelta(hours=24)
    assert await service.filing_opens_at(CitizenRef("text", "minh")) is None
    clock.advance(hours=21, seconds=1)  # the first item has left the last 24 hours
    assert await service.filing_opens_at(LAN) is None
