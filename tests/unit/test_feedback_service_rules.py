"""The PAKN service's rules on the fake storage: submit, track, act, reopen, rate, notices.

tests/integration/test_feedback_service.py runs what needs a real database (SQL, concurrent sessions)."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.contact import ContactProblem, InvalidContact
from feedback.domain.intake_limits import (
    AttachmentRejected,
    ContentProblem,
    ContentRejected,
    DailyCapReached,
    IntakeLimits,
)
from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action, IllegalTransition
from feedback.domain.model import (
    Actor,
    ActorKind,
    Attachment,
    AttachmentKind,
    CitizenRef,
    Contact,
    Draft,
    NoticeKind,
    NotRateable,
    ReopenWindowClosed,
    citizen_actor,
)
from feedback.domain.status import Status
from feedback.domain.units import Unit, UnknownUnit
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.address_cap import AddressCapReached
from feedback.service_layer.feedback_ports import ConcurrentChange
from feedback.service_layer.feedback_service import (
    ActionNotPermitted,
    FeedbackService,
    IncompleteContact,
    NotYourItem,
    UnknownTrackingCode,
)
from feedback.service_layer.web_attempts import AttemptKind
from tests.fakes.database import FakeDatabase
from tests.fakes.unit_of_work import FakeUnitOfWork
from tests.manual_clock import Clock

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
LAN = CitizenRef("telegram", "1001")
MINH = CitizenRef("telegram", "2002")
OFFICER = Actor(ActorKind.OFFICER, "officer-1", "Nguyễn Văn Cán")
LAN_CONTACT = Contact(name="Trần Thị Lan", address="12 Lê Lợi, phường Hội An", phone="0912345678")
POTHOLE = "Ổ gà lớn trước số 12 Lê Lợi đã ba tháng chưa được sửa, xe máy ngã liên tục."


@pytest.fixture
def service(uow_factory: Callable[[], FakeUnitOfWork], clock: Clock) -> FeedbackService:
    return FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)


def draft(content: str = POTHOLE, citizen: CitizenRef = LAN, contact: Contact = LAN_CONTACT) -> Draft:
    return Draft(
        type=FeedbackType.PHAN_ANH, content=content, contact=contact, citizen=citizen, reply_to=citizen.external_id
    )


def count_items(database: FakeDatabase) -> int:
    return len(database.items.rows)


async def test_a_submission_gets_the_day_s_code_and_the_legal_answer_deadline(service: FeedbackService) -> None:
    first = await service.submit(draft())
    second = await service.submit(draft("Đèn đường ngõ 5 Trần Phú tắt cả tháng nay, buổi tối rất tối."))
    assert (first.code, second.code) == ("20261123.0001", "20261123.0002")
    # 10 working days after Mon 23/11/2026, with Tue 24/11 (Ngày Văn hóa Việt Nam) off.
    assert first.due == date(2026, 12, 8)


async def test_the_sequence_starts_again_each_day_in_vietnam_time(service: FeedbackService, clock: Clock) -> None:
    clock.now = datetime(2026, 11, 23, 16, 59, tzinfo=UTC)  # 23:59 in Hà Nội
    assert (await service.submit(draft())).code == "20261123.0001"
    clock.advance(minutes=2)  # 00:01 on the 24th in Hà Nội, still the 23rd in UTC
    receipt = await service.submit(draft("Rác thải tập kết sai chỗ ở đầu ngõ 7 Phan Chu Trinh."))
    assert receipt.code == "20261124.0001"


async def test_the_owner_sees_everything_and_a_stranger_only_the_public_status(service: FeedbackService) -> None:
    receipt = await service.submit(draft())
    mine = await service.track(receipt.code, LAN)
    assert mine.is_owner and mine.content == POTHOLE and mine.contact == LAN_CONTACT
    public = await service.track(f"  {receipt.code} ")
    assert not public.is_owner
    assert public.status == Status.RECEIVED and public.due == receipt.due
    assert public.content is None and public.contact is None
    stranger = await service.track(receipt.code, MINH)
    assert stranger.content is None and stranger.contact is None


async def test_a_look_up_names_the_item_s_unit_with_the_item(
    service: FeedbackService, uow_factory: Callable[[], FakeUnitOfWork]
) -> None:
    async with uow_factory() as uow:
        await uow.units.add(Unit("P.MINHAN", "UBND phường Minh An"))
        await uow.commit()
    addressed = await service.submit(dataclasses.replace(draft(), unit="P.MINHAN"))
    unaddressed = await service.submit(draft("Đèn đường ngõ 5 Trần Phú tắt cả tháng nay, buổi tối rất tối."))
    for view in (await service.track(addressed.code), await service.track_as_filer(addressed.code)):
        assert (view.unit, view.unit_name) == ("P.MINHAN", "UBND phường Minh An")
    assert (await service.track(unaddressed.code)).unit_name is None


async def test_an_unknown_code_is_reported(service: FeedbackService) -> None:
    with pytest.raises(UnknownTrackingCode):
        await service.track("20261123.0042")


async def test_an_incomplete_contact_stores_nothing(service: FeedbackService, database: FakeDatabase) -> None:
    with pytest.raises(IncompleteContact):
        await service.submit(draft(contact=Contact(name="Lan", address="12 Lê Lợi")))
    with pytest.raises(ContentRejected):
        await service.submit(draft(content="ngắn"))
    assert count_items(database) == 0


async def test_an_item_goes_only_to_a_unit_that_exists(
    service: FeedbackService,
    uow_factory: Callable[[], FakeUnitOfWork],
    database: FakeDatabase,
) -> None:
    with pytest.raises(UnknownUnit):
        await service.submit(dataclasses.replace(draft(), unit="P.MINHAN"))
    assert count_items(database) == 0
    async with uow_factory() as uow:
        await uow.units.add(Unit("P.MINHAN", "UBND phường Minh An"))
        await uow.commit()
    assert "P.MINHAN" in await service.units()
    receipt = await service.submit(dataclasses.replace(draft(), unit=" p.minhan "))  # as typed by a client
    assert (await service.item(receipt.code)).unit == "P.MINHAN"


async def test_a_web_client_over_its_daily_cap_per_address_fails_alone_in_the_group(
    uow_factory: Callable[[], FakeUnitOfWork], clock: Clock, database: FakeDatabase
) -> None:
    limits = IntakeLimits(daily_cap_per_address=2)
    service = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock, limits=limits)
    web = [
        dataclasses.replace(draft(f"Việc số {n} ở thôn {n}, chưa ai giải quyết", citizen), client="client-a")
        for n, citizen in enumerate((LAN, MINH, CitizenRef("web", "made-up-phone")))
    ]
    await service.submit(web[0])
    # The second and third arrive together: one transaction, where the third is one over the cap.
    second, third = await asyncio.gather(service.submit(web[1]), service.submit(web[2]), return_exceptions=True)
    assert isinstance(third, AddressCapReached) and not isinstance(second, Exception)
    assert third.cap == 2 and third.until == clock.now + timedelta(hours=24)
    other_client = await service.submit(dataclasses.replace(web[2], client="client-b"))
    no_client = await service.submit(draft("Đèn đường ngõ 5 Trần Phú tắt cả tháng nay, buổi tối rất tối."))
    assert count_items(database) == 4 and other_client.code and no_client.code
    async with uow_factory() as uow:
        counted = await uow.web_attempts.recent(AttemptKind.FILING, clock.now - timedelta(hours=24), client="client-a")
    assert counted.count == 2  # the refused one is not counted


async def test_the_daily_cap_refuses_one_more_and_keeps_the_others(
    uow_factory: Callable[[], FakeUnitOfWork], clock: Clock, database: FakeDatabase
) -> None:
    service = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock, limits=IntakeLimits(daily_cap_per_citizen=2))
    await service.submit(draft())
    await service.submit(draft("Cống thoát nước đường Nguyễn Huệ bị tắc, mưa là ngập."))
    with pytest.raises(DailyCapReached):
        await service.submit(draft("Cây xanh gãy đổ trên vỉa hè đường Bạch Đằng chưa dọn."))
    assert count_items(database) == 2
    # The refused one gave back its number: the next day's first code is .0001, today's next is .0003.
    await service.submit(draft("Cây xanh gãy đổ trên vỉa hè đường Bạch Đằng chưa dọn.", citizen=MINH))
    assert [view.code for view in await service.my_items(MINH)] == ["20261123.0003"]


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


async def test_an_illegal_action_raises_and_changes_nothing(service: FeedbackService) -> None:
    code = (await service.submit(draft())).code
    with pytest.raises(IllegalTransition):
        await service.act(code, Action.ANSWER, OFFICER, note="Trả lời quá sớm")
    view = await service.track(code)
    assert view.status == Status.RECEIVED and view.answer is None
    assert len(await service.audit_trail(code)) == 1


async def answered(service: FeedbackService) -> str:
    code = (await service.submit(draft())).code
    for action in (Action.ACCEPT, Action.START):
        await service.act(code, action, OFFICER)
    await service.act(code, Action.ANSWER, OFFICER, note="Đã vá xong ổ gà.")
    return code


async def test_by_code_alone_the_answer_and_a_refusal_s_reason_stay_the_filer_s(service: FeedbackService) -> None:
    code = await answered(service)
    assert (await service.track(code, LAN)).answer == "Đã vá xong ổ gà."
    for viewer in (None, MINH):
        public = await service.track(code, viewer)
        assert public.answer is None and public.public_answer is None and public.answered_on is not None
    await service.publish_answer(code, OFFICER, "Ổ gà đã được vá.")
    assert (await service.track(code)).public_answer == "Ổ gà đã được vá."
    refused = (await service.submit(draft("Cống thoát nước đường Nguyễn Huệ bị tắc, mưa là ngập."))).code
    await service.act(refused, Action.REFUSE, OFFICER, note="Trùng với phản ánh của bà Lan.")
    assert (await service.track(refused, LAN)).refusal_reason == "Trùng với phản ánh của bà Lan."
    assert (await service.track(refused, MINH)).refusal_reason is None


async def test_the_citizen_reopens_within_the_window_with_a_fresh_deadline(
    service: FeedbackService, clock: Clock
) -> None:
    code = await answered(service)
    clock.now = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)  # Mon 30/11
    assert (await service.track(code, LAN)).can_reopen
    item = await service.reopen(code, LAN, "Chưa được giải quyết: ổ gà vẫn còn")
    assert item.status == Status.REOPENED and item.reopen_count == 1
    assert item.due == date(2026, 12, 14)  # 10 working days from Mon 30/11


async def test_reopening_after_the_window_or_someone_else_s_item_is_refused(
    service: FeedbackService, clock: Clock
) -> None:
    code = await answered(service)
    with pytest.raises(NotYourItem):
        await service.reopen(code, MINH)
    clock.now = datetime(2027, 1, 20, 2, 0, tzinfo=UTC)
    assert not (await service.track(code, LAN)).can_reopen
    with pytest.raises(ReopenWindowClosed):
        await service.reopen(code, LAN)


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


async def test_only_the_owner_rates_an_answered_item(service: FeedbackService) -> None:
    code = (await service.submit(draft())).code
    with pytest.raises(NotRateable):
        await service.rate(code, LAN, 5)
    await service.act(code, Action.ACCEPT, OFFICER)
    await service.act(code, Action.START, OFFICER)
    await service.act(code, Action.ANSWER, OFFICER, note="Đã xử lý.")
    with pytest.raises(NotYourItem):
        await service.rate(code, MINH, 1)
    await service.rate(code, LAN, 4)
    assert (await service.track(code, LAN)).rating == 4


async def test_a_rating_belongs_to_the_answer_it_was_given_for(service: FeedbackService, clock: Clock) -> None:
    code = await answered(service)
    await service.rate(code, LAN, 2, answer_number=1)
    await service.reopen(code, LAN, "Ổ gà vẫn còn")
    assert (await service.track(code, LAN)).rating is None  # the first answer's stars are not the second's
    await service.act(code, Action.START, OFFICER)
    await service.act(code, Action.ANSWER, OFFICER, note="Đã vá lại, kèm ảnh nghiệm thu.")
    with pytest.raises(NotRateable):
        await service.rate(code, LAN, 1, answer_number=1)  # the stars under the first answer, pressed late
    assert (await service.track(code, LAN)).rating is None
    await service.rate(code, LAN, 5, answer_number=2)
    assert (await service.track(code, LAN)).rating == 5


async def test_the_filer_withdraws_before_the_answer_and_not_after(service: FeedbackService) -> None:
    code = (await service.submit(draft())).code
    with pytest.raises(NotYourItem):
        await service.withdraw(code, MINH)
    item = await service.withdraw(code, LAN, "Đã tự giải quyết được")
    assert item.status == Status.WITHDRAWN
    trail = await service.audit_trail(code)
    assert (trail[-1].action, trail[-1].actor) == ("withdraw", citizen_actor(LAN))
    assert trail[-1].note == "Đã tự giải quyết được"
    with pytest.raises(IllegalTransition):
        await service.act(code, Action.ACCEPT, OFFICER)
    with pytest.raises(IllegalTransition):
        await service.withdraw(await answered(service), LAN)


async def test_junk_names_and_addresses_are_refused_with_the_reason(
    service: FeedbackService, database: FakeDatabase
) -> None:
    for contact, problem in [
        (dataclasses.replace(LAN_CONTACT, name="😀😀😀"), ContactProblem.NAME_NOT_LETTERS),
        (dataclasses.replace(LAN_CONTACT, address="12345"), ContactProblem.ADDRESS_NO_WORDS),
    ]:
        with pytest.raises(InvalidContact) as refused:
            await service.submit(draft(contact=contact))
        assert refused.value.problem == problem
    with pytest.raises(ContentRejected) as refused_content:
        await service.submit(draft(content="😡" * 15))
    assert refused_content.value.problem == ContentProblem.NO_WORDS
    assert count_items(database) == 0


async def test_waiting_for_the_citizen_stops_the_clock(service: FeedbackService, clock: Clock) -> None:
    code = (await service.submit(draft())).code
    await service.act(code, Action.ACCEPT, OFFICER)
    await service.act(code, Action.START, OFFICER)
    before = (await service.track(code)).due
    await service.act(code, Action.ASK_CITIZEN, OFFICER, note="Xin gửi ảnh chụp vị trí ổ gà.")
    assert (await service.track(code)).clock_paused
    clock.now = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)  # a week later
    item = await service.reply_with_information(code, LAN, "Ảnh đã gửi kèm.")
    assert item.status == Status.IN_PROGRESS
    assert item.due > before
    assert CALENDAR.working_days_between(date(2026, 12, 7), item.due) == CALENDAR.working_days_between(
        date(2026, 11, 23), before
    )


async def test_two_officers_on_the_same_item_one_wins_the_other_is_told(
    service: FeedbackService, uow_factory: Callable[[], FakeUnitOfWork], clock: Clock
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


async def test_a_citizen_cannot_take_an_officer_s_action(service: FeedbackService) -> None:
    code = (await service.submit(draft())).code
    with pytest.raises(ActionNotPermitted):
        await service.act(code, Action.ACCEPT, citizen_actor(LAN))
    assert (await service.track(code)).status == Status.RECEIVED


async def test_phone_and_e_mail_are_stored_normalised(service: FeedbackService) -> None:
    contact = Contact(name=" Trần Thị Lan ", address="12 Lê Lợi", phone="+84 912 345 678", email="Lan@Gmail.COM")
    code = (await service.submit(draft(contact=contact))).code
    stored = (await service.track(code, LAN)).contact
    assert stored == Contact(name="Trần Thị Lan", address="12 Lê Lợi", phone="0912345678", email="Lan@gmail.com")


async def test_a_failed_commit_stores_nothing_and_gives_no_code(
    uow_factory: Callable[[], FakeUnitOfWork], clock: Clock, database: FakeDatabase
) -> None:
    class CommitFails(FakeUnitOfWork):
        async def commit(self) -> None:
            raise ConnectionError("disk full")

    failing = FeedbackService(lambda: CommitFails(database), calendar=CALENDAR, clock=clock)
    with pytest.raises(ConnectionError):
        await failing.submit(draft())
    assert count_items(database) == 0
    working = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)
    assert (await working.submit(draft())).code == "20261123.0001"


async def test_the_citizen_answers_a_request_with_a_photo_and_it_is_kept_with_the_item(
    service: FeedbackService, uow_factory: Callable[[], FakeUnitOfWork]
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
