"""Retention on real storage, SQLite and PostgreSQL, with a moved clock: the daily job's query finds the files,
then the contacts, past their ages, and the reports read the same figures before and after the erasure. The
retention rules run on the fake storage in tests/unit/test_retention_rules.py."""

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
from feedback.service_layer.report_service import ReportService
from feedback.service_layer.scheduled_jobs import Job, ScheduledJobs
from reporting.json_export import report_to_json
from storage.attachment_files import DiskAttachmentFiles
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
OFFICER = Actor(ActorKind.OFFICER, "an", "Nguyễn An")
LAN = CitizenRef("telegram", "100001")
POLICY = RetentionPolicy(contact_days=30, attachment_days=10)


@pytest.fixture
def feedback(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> FeedbackService:
    return FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "attachments"
    folder.mkdir()
    return folder


@pytest.fixture
def jobs(
    uow_factory: Callable[[], SqlUnitOfWork], feedback: FeedbackService, clock: Clock, folder: Path
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


async def test_the_job_erases_files_then_contacts_past_their_ages_and_reports_do_not_change(
    feedback: FeedbackService,
    jobs: ScheduledJobs,
    clock: Clock,
    folder: Path,
    uow_factory: Callable[[], SqlUnitOfWork],
) -> None:
    answered = await file(feedback, folder, "duong")
    still_open = await file(feedback, folder, "cho")
    await feedback.act_steps(
        answered,
        [Step(Action.ACCEPT), Step(Action.START, assignee="an"), Step(Action.ANSWER, note="Đã sửa đường.")],
        OFFICER,
    )
    await feedback.act(answered, Action.CLOSE, OFFICER, note="Bà Lan xác nhận qua điện thoại")
    closed_on = (await feedback.item(answered)).closed_on
    assert closed_on is not None
    reports = ReportService(uow_factory, clock)
    before = report_to_json(await reports.build(date(2026, 1, 1), date(2026, 11, 23)))

    assert Job.RETENTION in await run_jobs_on(jobs, clock, closed_on + timedelta(days=11))
    assert not (folder / "duong.jpg").exists() and (folder / "cho.jpg").exists()
    assert (await feedback.item(answered)).contact_masked_at is None

    assert Job.RETENTION in await run_jobs_on(jobs, clock, closed_on + timedelta(days=31))
    assert (await feedback.item(answered)).contact == Contact(name=MASKED, address=MASKED)
    assert (await feedback.item(still_open)).contact.phone == "0912345678"
    assert report_to_json(await reports.build(date(2026, 1, 1), date(2026, 11, 23))) == before
