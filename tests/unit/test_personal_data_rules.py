"""The citizen's rights on the fake storage: see every detail held across their items (and how often officers
looked, from which units), correct the contact details, ask for deletion; an administrator approves (contact
masked, files deleted, item, history and answer kept, the citizen told) or refuses.

tests/integration/test_personal_data.py approves a deletion on a real database, the reports reading the same
figures before and after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.contact import InvalidContact
from feedback.domain.data_view import Exposure, Looked
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import Attachment, AttachmentKind, CitizenRef, Contact, Draft, MissingReason, NoticeKind
from feedback.domain.privacy_notice import NOTICE_VERSION
from feedback.domain.retention import MASKED
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.data_views import AdministratorsOnly
from feedback.service_layer.feedback_service import FeedbackService, IncompleteContact
from feedback.service_layer.officer_desk import OfficerDesk
from feedback.service_layer.personal_data import AlreadyDecided, PersonalData, RequestStatus
from storage.attachment_files import DiskAttachmentFiles
from tests.fakes.unit_of_work import FakeUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import Office, build_office, cheap_hasher

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
LAN = CitizenRef("telegram", "100001")
OTHER = CitizenRef("telegram", "100002")


class World:
    def __init__(self, feedback: FeedbackService, desk: OfficerDesk, rights: PersonalData, office: Office) -> None:
        self.feedback, self.desk, self.rights, self.office = feedback, desk, rights, office


@pytest.fixture
async def world(uow_factory: Callable[[], FakeUnitOfWork], clock: Clock, tmp_path: Path) -> World:
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


async def test_the_citizen_sees_every_detail_held_and_who_looked(world: World, tmp_path: Path) -> None:
    first = await file(world, LAN, "Đường thôn 3 ngập", tmp_path)
    second = await file(world, LAN, "Đèn đường thôn 5 hỏng")
    await file(world, OTHER, "Chợ mất vệ sinh")
    await world.desk.item(world.office.officers["an"], first, [Looked("web", Exposure.CONTACT)])
    await world.desk.item(world.office.officers["chi"], first, [Looked("telegram", Exposure.CONTACT)])
    await world.desk.item(world.office.officers["an"], first, [Looked("web", Exposure.ATTACHMENT, "0")])
    held = await world.rights.held_about(LAN)
    assert held.remembered_contact == Contact(name="Trần Thị Lan", address="12 Lê Lợi", phone="0912345678")
    assert [item.code for item in held.items] == [second, first]
    seen = held.items[1]
    assert seen.contact is not None and seen.contact.phone == "0912345678" and seen.attachments == 1
    assert seen.notice_version == NOTICE_VERSION
    assert seen.views == {"MOT-CUA": 2, "UBND-XA": 1}
    assert held.items[0].views == {}


async def test_the_citizen_corrects_their_contact_on_every_item_audited(world: World) -> None:
    first = await file(world, LAN, "Đường thôn 3 ngập")
    other = await file(world, OTHER, "Chợ mất vệ sinh")
    corrected = Contact(name="Trần Thị Lan", address="15 Lê Lợi", email="lan@example.vn")
    assert await world.rights.correct_contact(LAN, corrected) == [first]
    assert (await world.feedback.item(first)).contact == corrected
    assert (await world.feedback.item(other)).contact.phone == "0912345678"
    assert await world.feedback.last_contact(LAN) == corrected
    trail = await world.feedback.audit_trail(first)
    assert [(e.action, e.actor.id) for e in trail][-1] == ("correct_contact", "telegram:100001")
    # Bad details are refused and change nothing.
    with pytest.raises(IncompleteContact):
        await world.rights.correct_contact(LAN, Contact(name="Lan", address=""))
    with pytest.raises(InvalidContact):
        await world.rights.correct_contact(LAN, Contact(name="Lan", address="15 Lê Lợi", phone="12"))
    assert (await world.feedback.item(first)).contact == corrected


async def test_deletion_is_queued_with_its_deadline_and_approval_masks_keeps_and_tells(
    world: World, tmp_path: Path
) -> None:
    answered = await file(world, LAN, "Đường thôn 3 ngập", tmp_path)
    newest = await file(world, LAN, "Đèn đường thôn 5 hỏng")
    await world.desk.answer(world.office.officers["an"], answered, "Đã sửa đường.")
    request = await world.rights.request_deletion(LAN, "100001")
    assert request.due_on == date(2026, 12, 8) and request.status == RequestStatus.PENDING
    assert await world.rights.request_deletion(LAN, "100001") == request  # not filed twice
    admin = world.office.officers["quantri"]
    assert [r.id for r in await world.rights.pending_deletions(admin)] == [request.id]
    with pytest.raises(AdministratorsOnly):
        await world.rights.approve_deletion(world.office.officers["chi"], request.id or 0)

    done = await world.rights.approve_deletion(admin, request.id or 0)
    assert done.status == RequestStatus.APPROVED and done.decided_by == "quantri"
    for code in (answered, newest):
        item = await world.feedback.item(code)
        assert item.contact == Contact(name=MASKED, address=MASKED)
        assert item.content.endswith("đề nghị xã xem xét, xử lý sớm.")
    kept = await world.feedback.item(answered)
    assert kept.answer == "Đã sửa đường." and not (tmp_path / "Đường thôn 3 ngập.jpg").exists()
    assert "mask_contact" in [e.action for e in await world.feedback.audit_trail(answered)]
    assert await world.feedback.last_contact(LAN) is None
    assert (await world.rights.held_about(LAN)).items[0].contact is None
    # The files are gone: resending them is no view of anything.
    an = world.office.officers["an"]
    await world.desk.item(
        an, answered, [Looked("telegram", Exposure.CONTACT), Looked("telegram", Exposure.ATTACHMENTS)]
    )
    assert (await world.rights.held_about(LAN)).items[1].views == {"MOT-CUA": 1}
    told = [n for n in await world.feedback.pending_notices("telegram") if n.kind == NoticeKind.DATA_DELETED]
    assert [(n.code, n.recipient) for n in told] == [(newest, "100001")]
    assert await world.rights.pending_deletions(admin) == []
    with pytest.raises(AlreadyDecided):
        await world.rights.approve_deletion(admin, request.id or 0)


async def test_a_refused_request_keeps_the_data_and_tells_the_reason(world: World) -> None:
    code = await file(world, LAN, "Đường thôn 3 ngập")
    request = await world.rights.request_deletion(LAN, "100001")
    admin = world.office.officers["quantri"]
    with pytest.raises(MissingReason):
        await world.rights.reject_deletion(admin, request.id or 0, "  ")
    refused = await world.rights.reject_deletion(admin, request.id or 0, "Phản ánh đang được xử lý, cần liên hệ")
    assert refused.status == RequestStatus.REJECTED
    assert (await world.feedback.item(code)).contact.phone == "0912345678"
    (told,) = [n for n in await world.feedback.pending_notices("telegram") if n.kind != NoticeKind.STATUS_CHANGED]
    assert told.kind == NoticeKind.DATA_DELETION_REFUSED and told.text == "Phản ánh đang được xử lý, cần liên hệ"
