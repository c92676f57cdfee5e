"""The officers' chat actions on the dialogue: queue, item, one-tap, picked and typed actions, checked
by the desk on every press; what they do reaches the citizen as a notice. Officers here are linked to
Telegram accounts (tests/office_fixture.py) and speak through the dialogue as any channel would."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dialogue.engine import Dialogue
from dialogue.events import Account, Choose, Command, Event, Inbound, Text
from dialogue.flows import build_router
from dialogue.replies import MediaKind, Reply
from dialogue.rich_text import to_plain
from dialogue.turn import Services
from feedback.domain.access import Role
from feedback.domain.data_view import Exposure
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import SYSTEM, Attachment, AttachmentKind, CitizenRef, Contact, Draft
from feedback.domain.refusal_reasons import load_refusal_reasons
from feedback.domain.status import Status
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.data_views import DataViews
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from procedures_catalog.services import Catalog
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import TELEGRAM_IDS, build_office, cheap_hasher, file_item

ROAD = "Đường liên thôn 3 có ổ gà lớn trước nhà văn hoá, xe máy đi qua rất nguy hiểm <gấp>."


class Officer:
    """An officer on a messenger: what they type or pick, and what the dialogue answers."""

    def __init__(self, dialogue: Dialogue, username: str, account: Account | None = None) -> None:
        self.dialogue = dialogue
        user_id = str(TELEGRAM_IDS[username])
        self.account = account or Account("telegram", user_id, user_id)
        self.last: list[Reply] = []

    async def _send(self, event: Event) -> str:
        self.last = await self.dialogue.handle(Inbound(self.account, event))
        return "\n\n".join(to_plain(reply.text) for reply in self.last)

    async def say(self, line: str) -> str:
        if line.startswith("/"):
            name, _, argument = line[1:].partition(" ")
            return await self._send(Command(name, argument))
        return await self._send(Text(line))

    async def pick(self, label: str) -> str:
        for reply in reversed(self.last):
            for choice in reply.choices:
                if label in choice.label:
                    return await self._send(Choose(choice.id))
        raise LookupError(f"no choice {label!r} in {[c.label for r in self.last for c in r.choices]}")


@pytest.fixture
async def office_dialogue(
    uow_factory: Callable[[], SqlUnitOfWork], catalog: Catalog, feedback: FeedbackService, clock: Clock
) -> Dialogue:
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    await build_office(admin)
    desk = OfficerDesk(feedback, admin)
    services = Services(catalog=catalog, feedback=feedback, desk=desk, refusal_reasons=load_refusal_reasons())
    return Dialogue(uow_factory, build_router(), services, clock=clock)


async def test_an_officer_works_an_item_from_the_queue_to_the_answer(
    office_dialogue: Dialogue, feedback: FeedbackService
) -> None:
    code = await file_item(feedback, "MOT-CUA", ROAD, 100001)
    an = Officer(office_dialogue, "an")
    queue = await an.say("/hangdoi")
    assert "Hàng đợi của đơn vị" in queue and code in queue and "<gấp>" in queue
    card = await an.pick(code)
    assert "Hoàng Thị Hoa" in card and "0912345678" in card and "Lịch sử xử lý" in card
    claimed = await an.pick("Tôi xử lý")
    assert "Bạn đang xử lý" in claimed
    asked = await an.pick("Trả lời")
    assert "Gõ câu trả lời" in asked
    review = await an.say("Xã đã vá ổ gà sáng nay.")
    assert "người dân sẽ nhận được" in review and "Xã đã vá ổ gà sáng nay." in review
    sent = await an.pick("Gửi")
    assert "Đã gửi câu trả lời" in sent
    item = await feedback.item(code)  # the whole item: by code alone the answer is the filer's
    assert item.status == Status.ANSWERED and item.answer == "Xã đã vá ổ gà sáng nay."


async def test_the_review_keeps_the_text_when_someone_else_changed_the_item(
    office_dialogue: Dialogue, feedback: FeedbackService
) -> None:
    code = await file_item(feedback, "MOT-CUA", ROAD, 100001)
    an, chi = Officer(office_dialogue, "an"), Officer(office_dialogue, "chi")
    await an.say(f"/xem {code}")
    await an.pick("Trả lời")
    await an.say("Đã xử lý xong.")
    await chi.say(f"/xem {code}")
    await chi.pick("Không tiếp nhận")
    reasons = chi.last[-1].choices
    await chi.pick(reasons[0].label)
    assert "Đã không tiếp nhận" in await chi.pick("Xác nhận")
    late = await an.pick("Gửi")
    assert "vừa được người khác thay đổi" in late
    assert (await feedback.track(code)).status == Status.REFUSED
    assert "Đã thôi" in await an.say("/huy")


async def test_a_citizen_and_an_officer_of_another_unit_are_refused(
    office_dialogue: Dialogue, feedback: FeedbackService
) -> None:
    code = await file_item(feedback, "DIA-CHINH", ROAD, 100001)
    citizen = await office_dialogue.handle(Inbound(Account("telegram", "100001", "100001"), Command("hangdoi")))
    assert "chỉ dành cho cán bộ" in citizen[0].text
    dung = Officer(office_dialogue, "dung")
    assert "không thuộc đơn vị bạn phụ trách" in await dung.say(f"/xem {code}")
    forged = await dung._send(Choose(f"of:a:{code}:claim"))
    assert "không thuộc đơn vị" in forged
    assert (await feedback.track(code)).status == Status.RECEIVED


async def test_a_stale_review_choice_does_not_send(office_dialogue: Dialogue, feedback: FeedbackService) -> None:
    code = await file_item(feedback, "MOT-CUA", ROAD, 100001)
    an = Officer(office_dialogue, "an")
    await an.say(f"/xem {code}")
    await an.pick("Trả lời")
    await an.say("Trả lời thử.")
    review = list(an.last)
    assert "Đã thôi" in await an.pick("Huỷ")
    an.last = review
    assert "đã cũ" in await an.pick("Gửi")
    assert (await feedback.track(code)).status == Status.RECEIVED


async def _file_with_photo(feedback: FeedbackService, channel: str, citizen_id: str) -> str:
    photo = Attachment(AttachmentKind.PHOTO, f"{channel}-photo-1", file_name="o-ga.jpg")
    contact = Contact(name="Hoàng Thị Hoa", address="Thôn 3, xã Tân Lập", phone="0912345678")
    citizen = CitizenRef(channel, citizen_id)
    draft = Draft(
        FeedbackType.PHAN_ANH, ROAD, contact, citizen, reply_to=citizen_id, unit="MOT-CUA", attachments=(photo,)
    )
    return (await feedback.submit(draft)).code


async def test_opening_a_card_on_a_messenger_logs_the_contact_and_the_files_shown(
    office_dialogue: Dialogue, feedback: FeedbackService, uow_factory: Callable[[], SqlUnitOfWork], clock: Clock
) -> None:
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    await admin.link_zalo("binh", "7700123")
    await admin.grant("binh", Role.OFFICER, "MOT-CUA")
    quantri = await admin.officer("quantri")
    log = DataViews(uow_factory)
    on_telegram = await _file_with_photo(feedback, "telegram", "100001")
    on_zalo = await _file_with_photo(feedback, "zalo", "7700456")
    plain = await file_item(feedback, "MOT-CUA", ROAD, 100002)

    an = Officer(office_dialogue, "an")
    assert "0912345678" in await an.say(f"/xem {on_telegram}")
    assert [media.ref for reply in an.last for media in reply.media] == ["telegram-photo-1"]
    views = await log.for_item(quantri, on_telegram)
    assert {(v.officer, v.officer_units, v.channel, v.exposure) for v in views} == {
        ("an", "MOT-CUA", "telegram", Exposure.CONTACT),
        ("an", "MOT-CUA", "telegram", Exposure.ATTACHMENTS),
    }
    # The card after an action shows the contact again, without the files.
    await an.pick("Tôi xử lý")
    exposures = sorted(v.exposure for v in await log.for_item(quantri, on_telegram))
    assert exposures == [Exposure.ATTACHMENTS, Exposure.CONTACT, Exposure.CONTACT]

    # An officer on Zalo: logged under Zalo, the Zalo citizen's photo resent by its reference.
    binh = Officer(office_dialogue, "binh", Account("zalo", "7700123", "7700123"))
    assert "Hoàng Thị Hoa" in await binh.say(f"/xem {on_zalo}")
    assert [(media.kind, media.ref) for reply in binh.last for media in reply.media] == [
        (MediaKind.PHOTO, "zalo-photo-1")
    ]
    assert {(v.officer, v.channel, v.exposure) for v in await log.for_item(quantri, on_zalo)} == {
        ("binh", "zalo", Exposure.CONTACT),
        ("binh", "zalo", Exposure.ATTACHMENTS),
    }
    # An item without files: only the contact is logged.
    await an.say(f"/xem {plain}")
    assert [v.exposure for v in await log.for_item(quantri, plain)] == [Exposure.CONTACT]
    # The queue shows no contact details and leaves no trace.
    await an.say("/hangdoi")
    assert len(await log.for_officer(quantri, "an")) == 4


async def test_files_deleted_for_the_citizen_are_neither_sent_nor_logged(
    office_dialogue: Dialogue, feedback: FeedbackService, uow_factory: Callable[[], SqlUnitOfWork], clock: Clock
) -> None:
    code = await _file_with_photo(feedback, "telegram", "100001")
    async with uow_factory() as uow:
        item = await uow.feedback.get(code)
        assert item is not None and item.remove_attachments(actor=SYSTEM, at=clock(), reason="retention") == ()
        await uow.feedback.save(item)
        await uow.commit()
    an = Officer(office_dialogue, "an")
    card = await an.say(f"/xem {code}")
    assert "Hoàng Thị Hoa" in card and not [media for reply in an.last for media in reply.media]
    quantri = await AdminService(uow_factory, cheap_hasher(), clock=clock).officer("quantri")
    assert [v.exposure for v in await DataViews(uow_factory).for_item(quantri, code)] == [Exposure.CONTACT]
