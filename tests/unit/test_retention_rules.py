"""Retention on the fake storage, with a moved clock: once every item of a citizen is masked, the contact
remembered for them goes too. tests/integration/test_retention.py runs the daily job's erasure on a real
database, the reports reading the same figures before and after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from feedback.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.legal_type import FeedbackType
from feedback.lifecycle import Action
from feedback.model import Actor, ActorKind, Attachment, AttachmentKind, CitizenRef, Contact, Draft
from feedback.personal_data import PersonalData
from feedback.retention import RetentionPolicy
from feedback.scheduled_jobs import Job, ScheduledJobs
from feedback.services import FeedbackService
from feedback.working_days import WorkingCalendar
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


async def test_the_remembered_contact_goes_when_every_item_is_masked(
    feedback: FeedbackService, jobs: ScheduledJobs, clock: Clock, folder: Path
) -> None:
    code = await file(feedback, folder, "duong")
    await feedback.act(code, Action.REFUSE, OFFICER, note="Không thuộc phạm vi")
    assert await feedback.last_contact(LAN) is not None
    await run_jobs_on(jobs, clock, clock.now.date() + timedelta(days=43))
    assert await feedback.last_contact(LAN) is None
