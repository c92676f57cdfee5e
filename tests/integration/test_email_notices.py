"""A web filer who gave an e-mail address is told by e-mail when an officer answers, over a real SMTP
conversation with a mail server on this machine; one with only a phone gets nothing and nothing breaks; a
server down is waited for and the letter goes when it is back; two delivery loops send each letter once; a
mailbox refused is kept as undeliverable. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from delivery.loop import DeliveryLoop
from dialogue.notices import notice_reply
from dialogue.relay import Relay
from email_channel import notices as email_notices
from email_channel.sender import CHANNEL, PLAIN, SmtpSender, SmtpServer
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import Contact, Draft
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from feedback.service_layer.personal_data import PersonalData
from stand_ins.smtp_server import LocalSmtpServer
from storage.attachment_files import DiskAttachmentFiles
from storage.channel_outbox import SqlOutboxStore
from storage.dialogue_models import OutboxRecord
from tests.integration.test_zalo_dialogue import CALENDAR
from tests.manual_clock import Clock
from tests.office_fixture import Office, build_office, cheap_hasher
from tests.portal_helpers import GOOD, build_portal, file_through_portal
from web.filing_views import letter_address, web_citizen

PORTAL = "https://motcua.tanlap.gov.vn"
ANSWER = "Xã đã thay bóng đèn đường thôn 3 sáng nay, bà kiểm tra giúp."
PIN_HASH = cheap_hasher().hash("274915")


@dataclass
class World:
    feedback: FeedbackService
    desk: OfficerDesk
    office: Office
    relay: Relay
    store: SqlOutboxStore
    mail: LocalSmtpServer
    personal_data: PersonalData

    def sender(self) -> SmtpSender:
        server = SmtpServer("127.0.0.1", self.mail.port, "Một Cửa xã Tân Lập <motcua@tanlap.gov.vn>", security=PLAIN)
        return SmtpSender(server, retry_base=0.05)

    def loop(self) -> DeliveryLoop:
        return DeliveryLoop(self.store, self.sender(), poll_every=0.05)

    async def file(self, *, email: str | None, phone: str | None = None) -> str:
        contact = Contact(name="Hoàng Thị Hoa", address="Thôn 3, xã Tân Lập", phone=phone, email=email)
        draft = Draft(
            FeedbackType.PHAN_ANH,
            "Đèn đường thôn 3 hỏng cả tháng nay.",
            contact,
            web_citizen(phone, email),
            reply_to=letter_address(email),
            unit="MOT-CUA",
            pin_hash=PIN_HASH,
        )
        return (await self.feedback.submit(draft)).code

    async def answer(self, code: str) -> None:
        await self.desk.answer(self.office.officers["an"], code, ANSWER)
        await self.relay.run_once()


@asynccontextmanager
async def email_world(uow_factory, session_factory) -> AsyncIterator[World]:
    feedback = FeedbackService(uow_factory, calendar=CALENDAR)
    admin = AdminService(uow_factory, cheap_hasher())
    desk = OfficerDesk(feedback, admin)
    office = await build_office(admin)
    letters = {CHANNEL: email_notices.renderer(PORTAL)}
    relay = Relay(uow_factory, [CHANNEL], render_notice=notice_reply, channel_renderers=letters)
    async with LocalSmtpServer() as mail:
        personal_data = PersonalData(uow_factory, DiskAttachmentFiles(None), calendar=CALENDAR)
        yield World(feedback, desk, office, relay, SqlOutboxStore(session_factory), mail, personal_data)


async def outbox_rows(session_factory) -> list[OutboxRecord]:
    async with session_factory() as session:
        return list((await session.execute(select(OutboxRecord).where(OutboxRecord.channel == CHANNEL))).scalars())


async def test_an_answered_web_filer_with_an_email_gets_one_letter_with_the_code_and_the_page_never_the_pin(
    uow_factory, session_factory
) -> None:
    async with email_world(uow_factory, session_factory) as world:
        code = await world.file(email="hoa.hoang@example.vn", phone="0912345678")
        await world.answer(code)
        await world.loop().drain()
        [letter] = await world.mail.wait_for(1)
        assert letter["To"] == "hoa.hoang@example.vn"
        assert letter["From"].addresses[0].addr_spec == "motcua@tanlap.gov.vn"
        assert letter["From"].addresses[0].display_name == "Một Cửa xã Tân Lập"
        assert letter["Message-ID"].endswith("@tanlap.gov.vn>")
        assert code in str(letter["Subject"]) and "kết quả trả lời" in str(letter["Subject"])
        body = letter.get_content()
        assert ANSWER in body
        assert f"{PORTAL}/phan-anh/tra-cuu?ma={code}" in body
        assert "274915" not in letter.as_string()
        assert letter.get_content_type() == "text/plain"
        [row] = await outbox_rows(session_factory)
        assert row.state == "sent"


async def test_a_web_filer_with_only_a_phone_gets_no_letter_and_the_answer_goes_through(
    uow_factory, session_factory
) -> None:
    async with email_world(uow_factory, session_factory) as world:
        code = await world.file(email=None, phone="0912345678")
        await world.answer(code)
        await world.loop().drain()
        assert world.mail.letters == []
        assert await outbox_rows(session_factory) == []
        assert (await world.feedback.track(code)).status == "answered"


async def test_a_server_down_is_waited_for_and_the_letter_goes_when_it_is_back(uow_factory, session_factory) -> None:
    async with email_world(uow_factory, session_factory) as world:
        code = await world.file(email="hoa.hoang@example.vn")
        await world.mail.stop()
        await world.answer(code)
        loop = world.loop()
        loop.start()
        try:
            for _ in range(400):
                [row] = await outbox_rows(session_factory)
                if row.attempts >= 2:
                    break
                await asyncio.sleep(0.02)
            assert row.state == "waiting" and "unreachable" in (row.outcome or ""), (row.state, row.outcome)
            await world.mail.start()
            [letter] = await world.mail.wait_for(1)
        finally:
            await loop.stop()
        assert code in str(letter["Subject"])
        [row] = await outbox_rows(session_factory)
        assert row.state == "sent"


async def test_two_delivery_loops_on_one_database_send_each_letter_once(uow_factory, session_factory) -> None:
    async with email_world(uow_factory, session_factory) as world:
        codes = [await world.file(email=f"nguoi{number}@example.vn") for number in range(6)]
        for code in codes:
            await world.desk.answer(world.office.officers["an"], code, ANSWER)
        await world.relay.run_once()
        loops = [world.loop(), world.loop()]
        for loop in loops:
            loop.start()
        try:
            await world.mail.wait_for(len(codes))
            await asyncio.sleep(0.3)  # time for a second copy, were one to go
        finally:
            for loop in loops:
                await loop.stop()
        subjects = sorted(str(letter["Subject"]) for letter in world.mail.letters)
        assert len(subjects) == len(codes)
        assert all(any(code in subject for subject in subjects) for code in codes)


async def test_a_mailbox_refused_is_kept_as_undeliverable_with_the_servers_reason(uow_factory, session_factory) -> None:
    async with email_world(uow_factory, session_factory) as world:
        world.mail.refused.add("khongco@example.vn")
        code = await world.file(email="khongco@example.vn")
        await world.answer(code)
        await world.loop().drain()
        assert world.mail.letters == []
        [row] = await outbox_rows(session_factory)
        assert row.state == "undeliverable" and "550" in (row.outcome or "")
        assert (await world.store.counts(CHANNEL, now=row.created_at)).undeliverable == 1


async def test_a_deletion_carried_out_is_the_last_letter_to_the_address_it_erased(uow_factory, session_factory) -> None:
    async with email_world(uow_factory, session_factory) as world:
        code = await world.file(email="hoa.hoang@example.vn")
        request = await world.personal_data.request_item_deletion(code)
        assert request.id is not None
        await world.personal_data.approve_deletion(world.office.officers["quantri"], request.id)
        await world.relay.run_once()
        await world.loop().drain()
        [letter] = await world.mail.wait_for(1)
        assert letter["To"] == "hoa.hoang@example.vn" and code in str(letter["Subject"])
        assert "đã được thực hiện" in letter.get_content()
        assert (await world.feedback.item(code)).reply_to is None
        await world.answer(code)  # answered after the deletion: the address is gone, no letter
        await world.loop().drain()
        assert len(world.mail.letters) == 1


async def test_letters_follow_the_filers_corrected_address(uow_factory, session_factory) -> None:
    async with email_world(uow_factory, session_factory) as world:
        code = await world.file(email="hoa.cu@example.vn")
        contact = (await world.feedback.item(code)).contact
        assert contact is not None
        await world.personal_data.correct_item_contact(code, dataclasses.replace(contact, email="hoa.moi@example.vn"))
        await world.answer(code)
        await world.loop().drain()
        [letter] = await world.mail.wait_for(1)
        assert letter["To"] == "hoa.moi@example.vn"


@pytest.mark.parametrize("letters", [True, False])
async def test_the_portal_keeps_a_filers_email_as_where_notices_go_only_when_the_server_sends_email(
    uow_factory, clock: Clock, tmp_path, letters: bool
) -> None:
    world = await build_portal(uow_factory, clock, tmp_path / "files", letters=letters)
    async with TestClient(TestServer(world.app)) as client:
        by_email, _ = await file_through_portal(client, world.clock, {**GOOD, "lien_he": "Lan.Tran@Example.VN"})
        by_phone, _ = await file_through_portal(client, world.clock)
    assert (await world.feedback.item(by_email)).reply_to == ("Lan.Tran@example.vn" if letters else None)
    assert (await world.feedback.item(by_phone)).reply_to is None
