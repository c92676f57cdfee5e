"""The fake storage keeps the promises of the protocols the services rely on: a transaction's writes are its
own until committed, a stale item is refused, a submission key is stored once, what is read is a copy."""

from __future__ import annotations

import pytest

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.deadlines import DeadlinePolicy
from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action
from feedback.domain.model import Actor, ActorKind, CitizenRef, Contact, Draft, FeedbackItem
from feedback.domain.status import Status
from feedback.domain.units import DuplicateUnit, Unit
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_ports import ConcurrentChange, SubmissionKeyTaken
from tests.fakes.database import FakeDatabase
from tests.fakes.unit_of_work import FakeUnitOfWork
from tests.manual_clock import MONDAY_MORNING

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
LAN = CitizenRef("telegram", "1001")
CONTACT = Contact(name="Trần Thị Lan", address="12 Lê Lợi", phone="0912345678")
OFFICER = Actor(ActorKind.OFFICER, "an", "Nguyễn Văn An")


def received(key: str | None = None) -> FeedbackItem:
    draft = Draft(FeedbackType.PHAN_ANH, "Ổ gà trước số 12 Lê Lợi.", CONTACT, LAN, submission_key=key)
    return FeedbackItem.receive(draft, at=MONDAY_MORNING, calendar=CALENDAR, policy=DeadlinePolicy())


async def add(uow: FakeUnitOfWork, item: FeedbackItem) -> None:
    await uow.citizens.remember_many([(item.citizen, item.contact)], MONDAY_MORNING)
    await uow.feedback.add_many([item])


async def stored(database: FakeDatabase, key: str | None = None) -> str:
    async with FakeUnitOfWork(database) as uow:
        item = received(key)
        await add(uow, item)
        await uow.commit()
    return item.code


async def test_a_transaction_s_writes_are_seen_by_others_only_once_committed() -> None:
    database = FakeDatabase()
    async with FakeUnitOfWork(database) as writer, FakeUnitOfWork(database) as reader:
        item = received()
        await add(writer, item)
        assert await writer.feedback.get(item.code) is not None
        assert await reader.feedback.get(item.code) is None
        await writer.commit()
        assert await reader.feedback.get(item.code) is not None


async def test_a_rollback_or_an_exit_without_commit_keeps_nothing_and_gives_the_number_back() -> None:
    database = FakeDatabase()
    async with FakeUnitOfWork(database) as uow:
        await add(uow, received())
    assert database.items.rows == {} and database.sequences.rows == {}
    assert await stored(database) == "20261123.0001"


async def test_saving_a_stale_item_raises_concurrent_change_on_save_or_on_commit() -> None:
    database = FakeDatabase()
    code = await stored(database)
    async with FakeUnitOfWork(database) as first, FakeUnitOfWork(database) as second:
        mine, theirs = await first.feedback.get(code), await second.feedback.get(code)
        assert mine is not None and theirs is not None
        mine.apply(Action.ACCEPT, actor=OFFICER, at=MONDAY_MORNING, calendar=CALENDAR, policy=DeadlinePolicy())
        theirs.apply(Action.ACCEPT, actor=OFFICER, at=MONDAY_MORNING, calendar=CALENDAR, policy=DeadlinePolicy())
        await first.feedback.save(mine)
        await second.feedback.save(theirs)  # neither has committed: both saves pass
        await first.commit()
        with pytest.raises(ConcurrentChange):
            await second.commit()
    async with FakeUnitOfWork(database) as late:
        stale = await late.feedback.get(code)
        assert stale is not None and stale.version == 2
        stale.version = 1
        with pytest.raises(ConcurrentChange):
            await late.feedback.save(stale)
    assert len(database.audit.rows) == 2  # the receipt and the one accept that won


async def test_an_item_not_loaded_in_the_unit_of_work_cannot_be_saved() -> None:
    database = FakeDatabase()
    code = await stored(database)
    async with FakeUnitOfWork(database) as reader:
        item = await reader.feedback.get(code)
    assert item is not None
    async with FakeUnitOfWork(database) as other:
        with pytest.raises(LookupError):
            await other.feedback.save(item)


async def test_a_submission_key_is_stored_once_whoever_commits_first() -> None:
    database = FakeDatabase()
    async with FakeUnitOfWork(database) as first, FakeUnitOfWork(database) as second:
        await add(first, received("draft-1"))
        await add(second, received("draft-1"))
        await first.commit()
        with pytest.raises(SubmissionKeyTaken):
            await second.commit()
    async with FakeUnitOfWork(database) as third:
        with pytest.raises(SubmissionKeyTaken):
            await add(third, received("draft-1"))
    assert len(database.items.rows) == 1


async def test_what_is_read_is_a_copy_and_changing_it_changes_nothing_stored() -> None:
    database = FakeDatabase()
    code = await stored(database)
    async with FakeUnitOfWork(database) as uow:
        item = await uow.feedback.get(code)
        assert item is not None
        item.status = Status.CLOSED
        await uow.commit()
    assert database.items.rows[code].status == Status.RECEIVED


async def test_a_unit_added_by_another_transaction_meanwhile_is_a_duplicate() -> None:
    database = FakeDatabase()
    async with FakeUnitOfWork(database) as first, FakeUnitOfWork(database) as second:
        await first.units.add(Unit("MOT-CUA", "Bộ phận một cửa"))
        await second.units.add(Unit("MOT-CUA", "Một cửa"))
        await first.commit()
        with pytest.raises(DuplicateUnit):
            await second.commit()
        with pytest.raises(DuplicateUnit):
            await second.units.add(Unit("MOT-CUA", "Một cửa"))


@pytest.mark.parametrize("fixture", ["engine", "session_factory", "database_url", "sqlite_url", "postgres_url"])
def test_a_unit_test_cannot_reach_a_real_database(request: pytest.FixtureRequest, fixture: str) -> None:
    with pytest.raises(pytest.fail.Exception, match="the unit layer has no database"):
        request.getfixturevalue(fixture)


def test_the_unit_layers_uow_factory_is_the_fake_one(request: pytest.FixtureRequest) -> None:
    assert isinstance(request.getfixturevalue("uow_factory")(), FakeUnitOfWork)
