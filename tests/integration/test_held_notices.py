"""The notices a channel holds for an item's citizen (Zalo outside its window, no ZNS template), read by the
item on SQLite and PostgreSQL: shown to its filer and to officers until the citizen writes and they go."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from delivery.ports import NoticeRef
from dialogue.ports import NewMessage
from dialogue.replies import Reply
from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import CitizenRef, Contact, Draft, NoticeKind
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from storage.channel_outbox import SqlOutboxStore
from tests.office_fixture import build_office, cheap_hasher

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
ZALO_ID = "2512345678901234567"
ANSWER = "<b>Phản ánh {code}</b> đã có trả lời:\nXã đã thay bóng đèn &amp; cột điện."


async def file_on_zalo(feedback: FeedbackService, content: str) -> str:
    contact = Contact(name="Hoàng Thị Hoa", address="Thôn 3, xã Tân Lập", phone="0912345678")
    citizen = CitizenRef("zalo", ZALO_ID)
    draft = Draft(FeedbackType.PHAN_ANH, content, contact, citizen, reply_to=ZALO_ID, unit="MOT-CUA")
    return (await feedback.submit(draft)).code


async def queue_notice(uow_factory, code: str, text: str, kind: NoticeKind = NoticeKind.ANSWERED) -> None:
    ref = NoticeRef(code, str(kind), None, "answered")
    async with uow_factory() as uow:
        await uow.outbox.add([NewMessage("zalo", ZALO_ID, Reply(text), notice=ref)])
        await uow.commit()


async def hold_all(store: SqlOutboxStore) -> None:
    """Delivery found Zalo's window closed for every row due: each is held (one per recipient a round)."""
    while True:
        now = datetime.now(UTC) + timedelta(seconds=1)
        claims = await store.claim("zalo", now=now, until=now + timedelta(minutes=1), limit=10)
        if not claims:
            return
        for claim in claims:
            assert await store.hold(claim, "outside the consultation window")


async def test_a_held_notice_shows_on_its_item_for_the_filer_and_officers_until_the_citizen_writes(
    uow_factory, session_factory
) -> None:
    feedback = FeedbackService(uow_factory, calendar=CALENDAR)
    admin = AdminService(uow_factory, cheap_hasher())
    desk = OfficerDesk(feedback, admin)
    office = await build_office(admin)
    code = await file_on_zalo(feedback, "Đèn đường thôn 3 hỏng cả tháng nay.")
    other = await file_on_zalo(feedback, "Cống thôn 4 tắc.")
    before = datetime.now(UTC)
    await queue_notice(uow_factory, code, ANSWER.format(code=code))
    await queue_notice(uow_factory, other, "Phản ánh khác đã được tiếp nhận.", NoticeKind.STATUS_CHANGED)
    assert await feedback.held_notices(code) == [], "waiting to be sent is not held"

    await hold_all(SqlOutboxStore(session_factory))
    (held,) = await feedback.held_notices(code)
    assert held.code == code and held.kind == NoticeKind.ANSWERED and held.channel == "zalo"
    assert held.text == f"Phản ánh {code} đã có trả lời:\nXã đã thay bóng đèn & cột điện.", "as Zalo sends it"
    assert before <= held.since <= datetime.now(UTC)
    assert (await feedback.track_as_filer(code)).held == (held,)
    assert (await feedback.track(code)).held == (), "a look-up by the code alone shows none of it"
    view = await desk.item(office.officers["an"], code)
    assert view.held == (held,) and view.unreached_since == held.since

    async with uow_factory() as uow:  # the citizen wrote: the dialogue takes their held messages to send them
        assert len(await uow.outbox.take_held("zalo", ZALO_ID)) == 2
        await uow.commit()
    assert await feedback.held_notices(code) == [] and await feedback.held_notices(other) == []
    view = await desk.item(office.officers["an"], code)
    assert view.held == () and view.unreached_since is None
