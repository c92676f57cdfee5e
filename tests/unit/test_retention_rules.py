"""Retention on the fake storage, with a moved clock: the daily job (under the job lease) masks the contact
details and deletes the files of items closed longer ago than the settings say, once, audited; once every
item of a citizen is masked, the contact remembered for them goes too.

tests/integration/test_retention.py runs the erasure on a real database, the reports reading the same figures
before and after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action
from feedback.domain.model import Actor, ActorKind, Attachment, AttachmentKind, CitizenRef, Contact, Draft
from feedback.domain.retention import MASKED, RetentionPolicy
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_service import FeedbackService, Step
from feedback.service_layer.personal_data import PersonalData
from feedback.service_layer.scheduled_jobs import Job, ScheduledJobs
from storage.attachment_files import DiskAttachmentFiles
from tests.fakes.unit_of_work import FakeUnitOfWork
from tests.manual_clock import Clock

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
OFFICER = Actor(ActorKind.OFFICER, "an", "Nguyễn An")
LAN = CitizenRef("telegram", "100001")
POLICY = RetentionPolicy(contact_days=30, attachment_days=10)


@pytest.fixture
def feedback(uow_factory: Callable[[], FakeUnitOfWork], clock: Clock) -> FeedbackService:
    return FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "attachments"
    folder.mkdir()
    return folder


@pytest.fixture
def jobs(
    uow_factory: Callable[[], FakeUnitOfWork], feedback: FeedbackService, clock: Clock, folder: Path
) -> ScheduledJobs:
    personal_data = PersonalData(
        uow_factory, DiskAttachmentFiles(folder), calendar=CALENDAR, retention=POLICY, clock=clock
    )
    return ScheduledJobs(uow_factory, feedback, holder="instance-1", clock=clock, personal_data=personal_data)


async def file(feedback: FeedbackService, folder: Path, what: str) -> str:
    photo = folder / f"{what}.jpg"
    photo.write_bytes(b"JPEG bytes")
    draft = Draft(
        type=FeedbackType.PHAN_ANH,
        content=f"{what}: đề nghị cơ quan chức năng xem xét, xử lý sớm.",
        contact=Contact(name="Trần Thị Lan", address="12 Lê Lợi, xã An Bình", phone="0912345678"),
        citizen=LAN,
        reply_to=LAN.external_id,
        attachments=(Attachment(AttachmentKind.PHOTO, "tg-file", file_name="nha-toi.jpg", local_path=str(photo)),),
    )
    return (await feedback.submit(draft)).code


async def run_jobs_on(jobs: ScheduledJobs, clock: Clock, day: date) -> list[Job]:
    clock.now = clock.now.replace(year=day.year, month=day.month, day=day.day, hour=2)  # 09:00 in Hà Nội
    return await jobs.tick()


async def test_contact_and_files_are_erased_past_their_ages_once(
    feedback: FeedbackService,
    jobs: ScheduledJobs,
    clock: Clock,
    folder: Path,
) -> None:
    answered = await file(feedback, folder, "duong")
    refused = await file(feedback, folder, "den")
    still_open = await file(feedback, folder, "cho")
    await feedback.act_steps(
        answered,
        [Step(Action.ACCEPT), Step(Action.START, assignee="an"), Step(Action.ANSWER, note="Đã sửa đường.")],
        OFFICER,
    )
    await feedback.act(answered, Action.CLOSE, OFFICER, note="Bà Lan xác nhận qua điện thoại")
    await feedback.act(refused, Action.REFUSE, OFFICER, note="Không thuộc phạm vi")
    closed_on = (await feedback.item(answered)).closed_on
    assert closed_on == clock.now.date()

    # Ten days after closing nothing is due yet (the files go after more than 10).
    assert Job.RETENTION in await run_jobs_on(jobs, clock, closed_on + timedelta(days=10))
    assert all((folder / f"{name}.jpg").exists() for name in ("duong", "den", "cho"))

    # Then the files of the closed items go; the contact stays until its own age.
    assert Job.RETENTION in await run_jobs_on(jobs, clock, closed_on + timedelta(days=11))
    assert not (folder / "duong.jpg").exists() and not (folder / "den.jpg").exists()
    assert (folder / "cho.jpg").exists()  # still open: kept
    item = await feedback.item(answered)
    assert item.contact.phone == "0912345678" and item.contact_masked_at is None
    assert [(a.kind, a.file_id, a.file_name, a.local_path) for a in item.attachments] == [
        (AttachmentKind.PHOTO, "", None, None)
    ]

    assert Job.RETENTION in await run_jobs_on(jobs, clock, closed_on + timedelta(days=31))
    for code in (answered, refused):
        item = await feedback.item(code)
        assert item.contact == Contact(name=MASKED, address=MASKED)
        assert item.answer == ("Đã sửa đường." if code == answered else None)
        assert item.content.startswith(("duong", "den"))  # the item and its history stay
        actions = [entry.action for entry in await feedback.audit_trail(code)]
        assert actions.count("mask_contact") == 1 and actions.count("remove_attachments") == 1
        assert [e.actor.kind for e in await feedback.audit_trail(code) if e.action == "mask_contact"] == [
            ActorKind.SYSTEM
        ]
    assert (await feedback.item(still_open)).contact.phone == "0912345678"
    # The citizen still has an item with their details: the contact offered next time is kept.
    assert (await feedback.last_contact(LAN)) is not None

    # Again later (and again the same day): nothing is done twice.
    assert await run_jobs_on(jobs, clock, closed_on + timedelta(days=31)) == []
    assert Job.RETENTION in await run_jobs_on(jobs, clock, closed_on + timedelta(days=60))
    actions = [entry.action for entry in await feedback.audit_trail(answered)]
    assert actions.count("mask_contact") == 1 and actions.count("remove_attachments") == 1


async def test_the_remembered_contact_goes_when_every_item_is_masked(
    feedback: FeedbackService, jobs: ScheduledJobs, clock: Clock, folder: Path
) -> None:
    code = await file(feedback, folder, "duong")
    await feedback.act(code, Action.REFUSE, OFFICER, note="Không thuộc phạm vi")
    assert await feedback.last_contact(LAN) is not None
    await run_jobs_on(jobs, clock, clock.now.date() + timedelta(days=43))
    assert await feedback.last_contact(LAN) is None
