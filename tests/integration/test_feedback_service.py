"""The PAKN service on real storage, SQLite and PostgreSQL: what needs a database (numbering under concurrent
submissions, two sessions on one item, the append-only audit, rollback) and a round trip of each query the
service makes. Its rules are tested on the fake storage in tests/unit/test_feedback_service_rules.py."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.intake_limits import AttachmentRejected, DailyCapReached, IntakeLimits
from feedback.domain.legal_type import FeedbackType, OtherRegime
from feedback.domain.lifecycle import Action
from feedback.domain.model import (
    Actor,
    ActorKind,
    Attachment,
    AttachmentKind,
    CitizenRef,
    Contact,
    Draft,
    Location,
    NoticeKind,
)
from feedback.domain.status import Status
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_ports import ConcurrentChange
from feedback.service_layer.feedback_service import (
    FeedbackService,
)
from storage.feedback_models import AuditRecord, FeedbackRecord
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
LAN = CitizenRef("telegram", "1001")
MINH = CitizenRef("telegram", "2002")
OFFICER = Actor(ActorKind.OFFICER, "officer-1", "Nguyễn Văn Cán")
LAN_CONTACT = Contact(name="Trần Thị Lan", address="12 Lê Lợi, phường Hội An", phone="0912345678")
POTHOLE = "Ổ gà lớn trước số 12 Lê Lợi đã ba tháng chưa được sửa, xe máy ngã liên tục."


@pytest.fixture
def service(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> FeedbackService:
    return FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)


def draft(content: str = POTHOLE, citizen: CitizenRef = LAN, contact: Contact = LAN_CONTACT) -> Draft:
    return Draft(
        type=FeedbackType.PHAN_ANH, content=content, contact=contact, citizen=citizen, reply_to=citizen.external_id
    )


async def count_items(session_factory: async_sessionmaker[AsyncSession]) -> int:
    async with session_factory() as session:
        return (await session.execute(select(func.count()).select_from(FeedbackRecord))).scalar_one()


async def test_a_near_identical_resend_is_found(service: FeedbackService) -> None:
    receipt = await service.submit(draft())
    assert await service.find_duplicate(LAN, POTHOLE.replace("ba tháng", "3 tháng")) == receipt.code
    assert await service.find_duplicate(MINH, POTHOLE) is None


async def test_officer_actions_move_the_item_write_the_audit_and_queue_notices(service: FeedbackService) -> None:
    code = (await service.submit(draft())).code
    await service.act(code, Action.ACCEPT, OFFICER)
    await service.act(code, Action.ASSIGN, OFFICER, assignee="officer-2")
    await service.act(code, Action.START, OFFICER)
    await service.act(code, Action.ANSWER, OFFICER, note="Đã giao Công ty Công trình đô thị vá ổ gà trong tuần.")
    trail = await service.audit_trail(code)
    assert [(e.action, e.from_status, e.to_status) for e in trail] == [
        ("receive", None, Status.RECEIVED),
        ("accept", Status.RECEIVED, Status.ACCEPTED),
        ("assign", Status.ACCEPTED, Status.ASSIGNED),
        ("start", Status.ASSIGNED, Status.IN_PROGRESS),
        ("answer", Status.IN_PROGRESS, Status.ANSWERED),
    ]
    assert trail[1].actor == OFFICER
    notices = await service.pending_notices("telegram")
    assert [n.kind for n in notices][-1] == NoticeKind.ANSWERED
    assert notices[-1].text == "Đã giao Công ty Công trình đô thị vá ổ gà trong tuần."
    assert {n.recipient for n in notices} == {LAN.external_id}
    await service.mark_notice_sent(notices[0].id)
    assert [n.id for n in await service.pending_notices("telegram")] == [n.id for n in notices[1:]]


async def answered(service: FeedbackService) -> str:
    code = (await service.submit(draft())).code
    for action in (Action.ACCEPT, Action.START):
        await service.act(code, action, OFFICER)
    await service.act(code, Action.ANSWER, OFFICER, note="Đã vá xong ổ gà.")
    return code


async def test_answered_items_are_closed_once_the_reopen_window_has_ended(
    service: FeedbackService, clock: Clock
) -> None:
    settled = await answered(service)  # Mon 23/11/2026; the window runs 10 working days, to Tue 8/12
    reopened = await answered(service)
    await service.reopen(reopened, LAN, "Chưa được giải quyết")
    clock.now = datetime(2026, 12, 8, 2, 0, tzinfo=UTC)
    assert await service.close_settled() == []
    late = await answered(service)  # answered Tue 8/12: its own window is still open on 9/12
    clock.now = datetime(2026, 12, 9, 2, 0, tzinfo=UTC)
    assert await service.close_settled(batch=1) == [settled]
    assert (await service.item(settled)).status == Status.CLOSED
    assert (await service.item(reopened)).status == Status.REOPENED
    assert (await service.item(late)).status == Status.ANSWERED
    trail = await service.audit_trail(settled)
    assert (trail[-1].action, trail[-1].actor.kind) == ("close", ActorKind.SYSTEM)
    assert await service.close_settled() == []  # nothing twice


async def test_the_regime_flag_and_a_map_location_are_kept_with_the_item(service: FeedbackService) -> None:
    flagged = dataclasses.replace(draft(), regime_flag=OtherRegime.KHIEU_NAI, location=Location(15.8801, 108.338))
    code = (await service.submit(flagged)).code
    item = await service.item(code)
    assert item.regime_flag == OtherRegime.KHIEU_NAI
    assert item.location == Location(15.8801, 108.338)
    plain = await service.submit(draft("Đèn đường ngõ 5 Trần Phú tắt cả tháng nay."))
    assert (await service.item(plain.code)).location is None


async def test_two_officers_on_the_same_item_one_wins_the_other_is_told(
    service: FeedbackService, uow_factory: Callable[[], SqlUnitOfWork], clock: Clock
) -> None:
    code = (await service.submit(draft())).code
    async with uow_factory() as first, uow_factory() as second:
        mine = await first.feedback.get(code)
        theirs = await second.feedback.get(code)
        assert mine is not None and theirs is not None
        mine.apply(Action.ACCEPT, actor=OFFICER, at=clock(), calendar=CALENDAR, policy=service.policy)
        await first.feedback.save(mine)
        await first.commit()
        theirs.apply(Action.REFUSE, actor=OFFICER, at=clock(), calendar=CALENDAR, policy=service.policy, note="x")
        with pytest.raises(ConcurrentChange):
            await second.feedback.save(theirs)
    assert (await service.track(code)).status == Status.ACCEPTED


async def test_the_audit_trail_cannot_be_rewritten(service: FeedbackService, engine: AsyncEngine) -> None:
    await service.submit(draft())
    for statement in (f"UPDATE {AuditRecord.__tablename__} SET note = 'sửa'", "DELETE FROM feedback_audit"):
        with pytest.raises(DBAPIError, match="append-only"):
            async with engine.begin() as connection:
                await connection.execute(text(statement))


async def test_concurrent_submissions_get_distinct_codes(
    service: FeedbackService, session_factory: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    count = 200 if database_url.startswith("postgresql") else 50
    citizens = [CitizenRef("telegram", str(3000 + n)) for n in range(count)]
    receipts = await asyncio.gather(*(service.submit(draft(citizen=citizen)) for citizen in citizens))
    assert len({receipt.code for receipt in receipts}) == count
    assert await count_items(session_factory) == count
    assert sorted(int(r.code.split(".")[1]) for r in receipts) == list(range(1, count + 1))


async def test_the_daily_cap_holds_for_submissions_sent_at_the_same_moment(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    service = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock, limits=IntakeLimits(daily_cap_per_citizen=3))
    contents = [f"Đèn đường số {n} phố Trần Phú không sáng từ tuần trước." for n in range(5)]
    outcomes = await asyncio.gather(*(service.submit(draft(content)) for content in contents), return_exceptions=True)
    assert sum(isinstance(outcome, DailyCapReached) for outcome in outcomes) == 2
    assert await count_items(session_factory) == 3
    assert len({view.code for view in await service.my_items(LAN)}) == 3


async def test_a_failed_commit_stores_nothing_and_gives_no_code(
    uow_factory: Callable[[], SqlUnitOfWork], clock: Clock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    class CommitFails(SqlUnitOfWork):
        async def commit(self) -> None:
            raise ConnectionError("disk full")

    def failing_factory() -> SqlUnitOfWork:
        return CommitFails(uow_factory()._session_factory)

    failing = FeedbackService(failing_factory, calendar=CALENDAR, clock=clock)
    with pytest.raises(ConnectionError):
        await failing.submit(draft())
    assert await count_items(session_factory) == 0
    working = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)
    assert (await working.submit(draft())).code == "20261123.0001"


async def test_the_citizen_answers_a_request_with_a_photo_and_it_is_kept_with_the_item(
    service: FeedbackService, uow_factory: Callable[[], SqlUnitOfWork]
) -> None:
    code = (await service.submit(draft())).code
    await service.act(code, Action.ACCEPT, OFFICER)
    await service.act(code, Action.START, OFFICER)
    await service.act(code, Action.ASK_CITIZEN, OFFICER, note="Xin gửi ảnh chụp vị trí ổ gà.")
    photo = Attachment(AttachmentKind.PHOTO, file_id="AgAD-pothole", file_unique_id="pothole-1", size=180_000)
    item = await service.reply_with_information(code, LAN, "", [photo])
    assert item.status == Status.IN_PROGRESS
    async with uow_factory() as uow:
        stored = await uow.feedback.get(code)
    assert stored is not None and stored.attachments == (photo,)
    assert (await service.audit_trail(code))[-1].action == "citizen_replied"
    too_big = Attachment(AttachmentKind.DOCUMENT, file_id="big", size=service.limits.max_attachment_bytes + 1)
    await service.act(code, Action.ASK_CITIZEN, OFFICER, note="Xin gửi thêm biên bản.")
    with pytest.raises(AttachmentRejected):
        await service.reply_with_information(code, LAN, "Biên bản đây", [too_big])
    assert (await service.track(code)).status == Status.WAITING_FOR_CITIZEN
