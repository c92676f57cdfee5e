"""The citizen's rights on real storage, SQLite and PostgreSQL: a deletion request is stored once, approved
(contacts masked, files deleted, the citizen told) and decided once, and the reports read the same figures
before and after. The rights' rules run on the fake storage in tests/unit/test_personal_data_rules.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import Attachment, AttachmentKind, CitizenRef, Contact, Draft, NoticeKind
from feedback.domain.privacy_notice import NOTICE_VERSION
from feedback.domain.retention import MASKED
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from feedback.service_layer.personal_data import AlreadyDecided, PersonalData, RequestStatus
from feedback.service_layer.report_service import ReportService
from reporting.json_export import report_to_json
from storage.attachment_files import DiskAttachmentFiles
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import Office, build_office, cheap_hasher

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
LAN = CitizenRef("telegram", "100001")
OTHER = CitizenRef("telegram", "100002")


class World:
    def __init__(self, feedback: FeedbackService, desk: OfficerDesk, rights: PersonalData, office: Office) -> None:
        self.feedback, self.desk, self.rights, self.office = feedback, desk, rights, office


@pytest.fixture
async def world(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock, tmp_path: Path) -> World:
    feedback = FeedbackService(uow_factory, calendar=CALENDAR, clock=clock)
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    office = await build_office(admin)
    rights = PersonalData(uow_factory, DiskAttachmentFiles(tmp_path), calendar=CALENDAR, clock=clock)
    return World(feedback, OfficerDesk(feedback, admin), rights, office)


async def file(world: World, citizen: CitizenRef, what: str, folder: Path | None = None) -> str:
    attachments: tuple[Attachment, ...] = ()
    if folder is not None:
        (folder / f"{what}.jpg").write_bytes(b"JPEG")
        attachments = (Attachment(AttachmentKind.PHOTO, "tg", local_path=str(folder / f"{what}.jpg")),)
    draft = Draft(
        FeedbackType.PHAN_ANH,
        f"{what}: đề nghị xã xem xét, xử lý sớm.",
        Contact(name="Trần Thị Lan", address="12 Lê Lợi", phone="0912345678"),
        citizen,
        reply_to=citizen.external_id,
        unit="MOT-CUA",
        attachments=attachments,
        notice_version=NOTICE_VERSION,
    )
    return (await world.feedback.submit(draft)).code


async def test_an_approved_deletion_masks_every_item_tells_the_citizen_and_reports_do_not_change(
    world: World, tmp_path: Path, uow_factory: Callable[[], SqlUnitOfWork], clock: Clock
) -> None:
    answered = await file(world, LAN, "Đường thôn 3 ngập", tmp_path)
    newest = await file(world, LAN, "Đèn đường thôn 5 hỏng")
    await world.desk.answer(world.office.officers["an"], answered, "Đã sửa đường.")
    reports = ReportService(uow_factory, clock)
    before = report_to_json(await reports.build(date(2026, 1, 1), date(2026, 11, 23)))
    request = await world.rights.request_deletion(LAN, "100001")
    assert await world.rights.request_deletion(LAN, "100001") == request  # not filed twice
    admin = world.office.officers["quantri"]
    assert [r.id for r in await world.rights.pending_deletions(admin)] == [request.id]

    done = await world.rights.approve_deletion(admin, request.id or 0)
    assert done.status == RequestStatus.APPROVED
    for code in (answered, newest):
        assert (await world.feedback.item(code)).contact == Contact(name=MASKED, address=MASKED)
    assert not (tmp_path / "Đường thôn 3 ngập.jpg").exists()
    assert await world.feedback.last_contact(LAN) is None
    told = [n for n in await world.feedback.pending_notices("telegram") if n.kind == NoticeKind.DATA_DELETED]
    assert [(n.code, n.recipient) for n in told] == [(newest, "100001")]
    assert report_to_json(await reports.build(date(2026, 1, 1), date(2026, 11, 23))) == before
    assert await world.rights.pending_deletions(admin) == []
    with pytest.raises(AlreadyDecided):
        await world.rights.approve_deletion(admin, request.id or 0)
