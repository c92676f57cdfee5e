"""A citizen on Zalo talks to the product as `motcua serve` assembles it: a signed event through the webhook,
the dialogue, the channel outbox, the delivery loop, the OA's API (the local stand-in), and back; an
officer's answer reaches them as a notice with its choices, through the relay."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiohttp
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogue.engine import Dialogue
from dialogue.flows import build_router
from dialogue.notices import notice_reply
from dialogue.relay import Relay
from dialogue.turn import Services
from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import CitizenRef, Contact, Draft
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from motcua.conversations import Conversations
from motcua.zalo_channel import ItemPhones, build_zalo
from procedures_catalog.services import Catalog
from procedures_catalog.synonyms import load_synonyms
from stand_ins.zalo_oa import LocalZaloOa, SentMessage, SentTemplate
from stand_ins.zalo_user import ZaloUser
from storage.channel_outbox import SqlOutboxStore
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import small_catalog_procedures
from tests.integration.test_zalo_channel import zalo_settings
from tests.office_fixture import build_office, cheap_hasher
from tests.zalo_world import serve
from zalo.webhook import PATH

CALENDAR = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
OFFICER_ZALO_ID = "4012345678901234567"


@dataclass
class ZaloWorld:
    oa: LocalZaloOa
    citizen: ZaloUser
    feedback: FeedbackService
    desk: OfficerDesk
    admin: AdminService
    outbox: SqlOutboxStore
    session: aiohttp.ClientSession

    def person(self, user_id: str) -> ZaloUser:
        """Someone else writing to the OA."""
        return ZaloUser(self.oa, self.citizen.webhook_url, self.session, user_id=user_id)

    async def templates(self, count: int) -> list[SentTemplate]:
        """The ZNS templates sent, once there are `count` of them (and a moment for any extra to show)."""
        for _ in range(400):
            if len(self.oa.templates_sent) >= count:
                await asyncio.sleep(0.2)
                assert len(self.oa.templates_sent) == count, self.oa.templates_sent
                return list(self.oa.templates_sent)
            await asyncio.sleep(0.025)
        raise AssertionError(f"only {self.oa.templates_sent}")

    async def said(self, text: str) -> list[str]:
        """What the OA answered the citizen's `text` with, once it answered."""
        before = len(self.oa.messages_to(self.citizen.user_id))
        assert await self.citizen.send_text(text) == 200
        return (await self.heard(before + 1))[before:]

    async def held(self) -> int:
        """How many messages wait on Zalo for the person to write."""
        return (await self.outbox.counts("zalo", now=datetime.now(UTC))).held

    async def heard(self, count: int) -> list[str]:
        """The texts the OA sent the citizen, once there are at least `count` of them."""
        for _ in range(400):
            sent = self.oa.messages_to(self.citizen.user_id)
            if len(sent) >= count:
                return [message.text for message in sent]
            await asyncio.sleep(0.025)
        raise AssertionError(f"only {[m.text for m in self.oa.messages_to(self.citizen.user_id)]}")

    async def message_with(self, words: str) -> list[SentMessage]:
        """The OA's messages to the citizen from the first one that contains `words`, once it came."""
        for _ in range(400):
            sent = self.oa.messages_to(self.citizen.user_id)
            for index, message in enumerate(sent):
                if words in message.text:
                    return sent[index:]
            await asyncio.sleep(0.025)
        raise AssertionError(f"no {words!r} in {[m.text for m in self.oa.messages_to(self.citizen.user_id)]}")


@asynccontextmanager
async def zalo_world(
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    *,
    zns_templates: dict[str, str] | None = None,
) -> AsyncIterator[ZaloWorld]:
    async with uow_factory() as uow:
        await uow.procedures.upsert(small_catalog_procedures())
        await uow.commit()
    catalog = await Catalog.load(uow_factory, load_synonyms())
    feedback = FeedbackService(uow_factory, calendar=CALENDAR)
    admin = AdminService(uow_factory, cheap_hasher())
    desk = OfficerDesk(feedback, admin)
    dialogue = Dialogue(uow_factory, build_router(), Services(catalog=catalog, feedback=feedback, desk=desk))

    def relay_for(channels: list[str]) -> Relay:
        return Relay(uow_factory, channels, render_notice=notice_reply)

    conversations = Conversations(dialogue, session_factory, relay_for, relay_every=0.05, poll_every=0.05)
    templates = zns_templates or {}
    async with LocalZaloOa(zns_templates=templates.values()) as oa:
        async with uow_factory() as uow:
            await uow.zalo.connect(oa.issue_tokens(), oa_id=oa.oa_id, oa_name=oa.oa_name, at=oa.clock())
            await uow.commit()
        app = web.Application()
        channel = build_zalo(
            zalo_settings(oa).model_copy(update={"zalo_zns_templates": templates}),
            uow_factory,
            app,
            handle=conversations.handle,
            phones=ItemPhones(feedback),
        )
        assert channel is not None
        conversations.add_channel(channel.sender)
        channel.start()
        await conversations.start()
        try:
            async with serve(app) as base, aiohttp.ClientSession() as session:
                citizen = ZaloUser(oa, base + PATH, session)
                yield ZaloWorld(oa, citizen, feedback, desk, admin, SqlOutboxStore(session_factory), session)
        finally:
            await conversations.stop()
            await channel.stop()


async def expect(status: Awaitable[int]) -> None:
    assert await status == 200


async def file_on_zalo(world: ZaloWorld, content: str) -> str:
    """A PAKN the citizen filed from Zalo, with their phone number; its code."""
    contact = Contact(name="Hoàng Thị Hoa", address="Thôn 3, xã Tân Lập", phone="0912345678")
    citizen = CitizenRef("zalo", world.citizen.user_id)
    draft = Draft(FeedbackType.PHAN_ANH, content, contact, citizen, reply_to=world.citizen.user_id, unit="MOT-CUA")
    return (await world.feedback.submit(draft)).code


async def test_a_citizen_looks_a_procedure_up_on_zalo(uow_factory, session_factory) -> None:
    async with zalo_world(uow_factory, session_factory) as world:
        await expect(world.citizen.send_text("dang ky khai sinh"))
        (results,) = await world.heard(1)
        assert "1. Thủ tục đăng ký khai sinh" in results and "Gõ số" in results  # more than 5 choices: numbered
        await expect(world.citizen.send_text("1"))
        card = "\n".join((await world.heard(2))[1:])
        assert "Thủ tục đăng ký khai sinh" in card and "Cấp xã" in card


async def test_an_officers_answer_reaches_the_citizen_on_zalo_with_its_choices(uow_factory, session_factory) -> None:
    async with zalo_world(uow_factory, session_factory) as world:
        office = await build_office(world.admin)
        await expect(world.citizen.send_text("xin chào"))
        await world.heard(1)
        citizen = CitizenRef("zalo", world.citizen.user_id)
        contact = Contact(name="Hoàng Thị Hoa", address="Thôn 3, xã Tân Lập", phone="0912345678")
        draft = Draft(
            FeedbackType.PHAN_ANH,
            "Đèn đường thôn 3 hỏng cả tháng nay.",
            contact,
            citizen,
            reply_to=world.citizen.user_id,
            unit="MOT-CUA",
        )
        code = (await world.feedback.submit(draft)).code
        await world.desk.answer(office.officers["an"], code, "Xã đã thay bóng đèn sáng nay.")
        answer = await world.message_with("Xã đã thay bóng đèn")
        assert code in answer[0].text
        whole = "\n".join(message.text for message in answer)
        titles = [button["title"] for message in answer for button in message.buttons]
        assert "Chưa được giải quyết" in whole + " ".join(titles), "the answer carries its choices"


async def test_outside_the_window_each_kind_of_notice_goes_as_its_own_zns_template(
    uow_factory, session_factory
) -> None:
    templates = {
        "deadline_extended": "400001",
        "information_requested": "400002",
        "status_changed.refused": "400003",
    }
    async with zalo_world(uow_factory, session_factory, zns_templates=templates) as world:
        office = await build_office(world.admin)
        an = office.officers["an"]
        await expect(world.citizen.send_text("xin chào"))
        await world.heard(1)
        extended, refused = [await file_on_zalo(world, f"Đèn đường thôn {n} hỏng.") for n in (3, 4)]
        world.oa.interacted(world.citizen.user_id, at=world.oa.clock() - timedelta(days=8))  # the window closed
        await world.desk.accept(an, extended)  # a status change without a template of its own: held
        await world.desk.extend(an, extended, "Chờ điện lực kiểm tra")
        await world.desk.claim(an, extended)  # held too
        await world.desk.ask_citizen(an, extended, "Cột đèn nào?")
        await world.desk.refuse(an, refused, "Không thuộc thẩm quyền của xã")
        sent = await world.templates(3)
        due = (await world.feedback.item(extended)).due
        assert [(template.template_id, template.template_data["ma_phan_anh"]) for template in sent[:3]] == [
            ("400001", extended),
            ("400002", extended),
            ("400003", refused),
        ]
        assert sent[0].template_data["ngay_hen"] == due.strftime("%d/%m/%Y")
        assert {template.phone for template in sent} == {"84912345678"}
        assert await world.held() == 2, "status changes without a template wait for the citizen to write"
        assert len(world.oa.messages_to(world.citizen.user_id)) == 1  # only the greeting's reply, long ago


async def test_notices_held_outside_the_window_follow_the_reply_to_what_the_citizen_writes_in_their_order(
    uow_factory, session_factory
) -> None:
    async with zalo_world(uow_factory, session_factory) as world:
        office = await build_office(world.admin)
        an = office.officers["an"]
        await expect(world.citizen.send_text("xin chào"))
        (greeting,) = await world.heard(1)
        code = await file_on_zalo(world, "Đèn đường thôn 3 hỏng.")
        world.oa.interacted(world.citizen.user_id, at=world.oa.clock() - timedelta(days=8))  # the window closed
        await world.desk.accept(an, code)
        await world.desk.answer(an, code, "Xã đã thay bóng đèn sáng nay.")
        for _ in range(400):
            if await world.held() == 3:  # accepted, in progress, answered: no ZNS template, so kept
                break
            await asyncio.sleep(0.025)
        assert await world.held() == 3 and len(world.oa.messages_to(world.citizen.user_id)) == 1
        await expect(world.citizen.send_text("xin chào"))
        texts = (await world.heard(5))[1:]
        assert texts[0] == greeting, "the answer to what they wrote comes first"
        assert "Đã được nhận xử lý" in texts[1] and "Đang xử lý" in texts[2], "then the notices, as they were queued"
        assert "Xã đã thay bóng đèn" in texts[3] and "5 ⭐" in texts[-1], "the answer, its stars numbered last"
        await expect(world.citizen.send_text("5"))  # the fifth of the numbers shown last: five stars
        await world.message_with("Cảm ơn bạn đã đánh giá")
        assert (await world.feedback.item(code)).rating == 5


async def test_an_officer_linked_on_zalo_is_told_there_when_the_citizen_reopens_on_zalo(
    uow_factory, session_factory
) -> None:
    async with zalo_world(uow_factory, session_factory) as world:
        office = await build_office(world.admin)
        officer = world.person(OFFICER_ZALO_ID)
        await world.admin.link_zalo("an", OFFICER_ZALO_ID)
        await expect(officer.send_text("xin chào"))  # the officer wrote to the OA: within Zalo's window
        await expect(world.citizen.send_text("xin chào"))
        await world.heard(1)
        code = await file_on_zalo(world, "Đèn đường thôn 3 hỏng.")
        await world.desk.answer(office.officers["an"], code, "Xã đã thay bóng đèn sáng nay.")
        await world.message_with("Xã đã thay bóng đèn")
        assert "Vì sao" in (await world.said("6"))[-1]  # «Chưa được giải quyết», the sixth choice
        assert "Đã mở lại" in "\n".join(await world.said("Đèn lại tắt từ tối qua."))
        for _ in range(400):
            told = [message.text for message in world.oa.messages_to(OFFICER_ZALO_ID) if code in message.text]
            if told:
                break
            await asyncio.sleep(0.025)
        assert told and "Đèn lại tắt từ tối qua" in told[0], world.oa.messages_to(OFFICER_ZALO_ID)
