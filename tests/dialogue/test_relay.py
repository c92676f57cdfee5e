"""The relay hands notices and officers' messages to the channel outbox: each once, whatever the number of
instances relaying at the same time, with the notice's reference for channels that need it (Zalo's ZNS)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from dialogue import reply_codec
from dialogue.notices import notice_reply
from dialogue.relay import Relay
from feedback.domain.channel_alert import ChannelAlert, ChannelProblem
from feedback.domain.digest import Digest, UnitDigest
from feedback.domain.model import CitizenRef
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from feedback.service_layer.personal_data import PersonalData
from storage.attachment_files import DiskAttachmentFiles
from storage.dialogue_models import OutboxRecord
from storage.unit_of_work import SqlUnitOfWork
from tests.dialogue.conftest import CALENDAR
from tests.manual_clock import Clock
from tests.office_fixture import TELEGRAM_IDS, build_office, cheap_hasher, file_item

ROAD = "Đường liên thôn 3 có ổ gà lớn trước nhà văn hoá, xe máy đi qua rất nguy hiểm."


async def outbox_rows(session_factory) -> list[OutboxRecord]:
    async with session_factory() as session:
        return list((await session.execute(select(OutboxRecord).order_by(OutboxRecord.id))).scalars())


async def test_a_notice_reaches_the_outbox_once_even_with_two_relays(
    uow_factory: Callable[[], SqlUnitOfWork], session_factory, feedback: FeedbackService, clock: Clock
) -> None:
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    office = await build_office(admin)
    code = await file_item(feedback, "MOT-CUA", ROAD, 100001)
    await OfficerDesk(feedback, admin).accept(office.officers["an"], code)
    relays = [Relay(uow_factory, ["telegram", "zalo"], clock=clock) for _ in range(2)]
    await asyncio.gather(*(relay.run_once() for relay in relays))
    rows = [row for row in await outbox_rows(session_factory) if row.notice is not None]
    assert len(rows) == 1
    (row,) = rows
    assert (row.channel, row.recipient, row.state) == ("telegram", "100001", "waiting")
    assert code in reply_codec.loads(row.reply).text and "Đã được nhận xử lý" in reply_codec.loads(row.reply).text
    assert f'"code": "{code}"' in row.notice and '"kind": "status_changed"' in row.notice
    assert await relays[0].run_once() == {}


async def test_officers_messages_go_to_their_telegram_account(
    uow_factory: Callable[[], SqlUnitOfWork], session_factory, clock: Clock
) -> None:
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    office = await build_office(admin)
    digest = Digest(date(2026, 11, 23), (UnitDigest("MOT-CUA", "Bộ phận <một cửa>"),))
    alert = ChannelAlert(date(2026, 11, 23), "zalo", ChannelProblem.TOKEN_RENEWAL_FAILED, "-14014 refresh token")
    async with uow_factory() as uow:
        await uow.officer_messages.add(office.officers["an"], digest, clock())
        await uow.officer_messages.add(office.officers["chi"], alert, clock())
        await uow.commit()
    assert await Relay(uow_factory, ["telegram"], clock=clock).run_once() == {"telegram": 2}
    first, second = await outbox_rows(session_factory)
    assert first.recipient == str(TELEGRAM_IDS["an"]) and "Bộ phận &lt;một cửa&gt;" in first.reply
    assert second.recipient == str(TELEGRAM_IDS["chi"]) and "motcua admin zalo connect" in second.reply
    assert "-14014" in second.reply


ZALO_IDS = {"binh": "5012345678901234567", "quantri": "5012345678901234568"}


async def test_officers_messages_go_to_each_of_their_accounts_on_the_channels_that_are_on(
    uow_factory: Callable[[], SqlUnitOfWork], session_factory, clock: Clock
) -> None:
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    office = await build_office(admin)
    for username, zalo_id in ZALO_IDS.items():  # binh on Telegram and Zalo, the administrator on Zalo alone
        office.officers[username] = await admin.link_zalo(username, zalo_id)
    digest = Digest(date(2026, 11, 23), (UnitDigest("DIA-CHINH", "Công chức địa chính"),))
    alert = ChannelAlert(date(2026, 11, 23), "zalo", ChannelProblem.TOKEN_RENEWAL_FAILED, "-14014 refresh token")
    async with uow_factory() as uow:
        await uow.officer_messages.add(office.officers["an"], digest, clock())  # Telegram alone: waits for it
        await uow.officer_messages.add(office.officers["binh"], digest, clock())
        await uow.officer_messages.add(office.officers["quantri"], alert, clock())
        await uow.commit()
    assert await Relay(uow_factory, ["zalo"], clock=clock).run_once() == {"zalo": 2}
    rows = await outbox_rows(session_factory)
    assert [(row.channel, row.recipient) for row in rows] == [("zalo", ZALO_IDS["binh"]), ("zalo", ZALO_IDS["quantri"])]
    assert "Công chức địa chính" in rows[0].reply and "motcua admin zalo connect" in rows[1].reply
    assert await Relay(uow_factory, ["telegram", "zalo"], clock=clock).run_once() == {"telegram": 1}
    assert (await outbox_rows(session_factory))[-1].recipient == str(TELEGRAM_IDS["an"])


async def test_an_officer_on_both_messengers_gets_a_message_on_both(
    uow_factory: Callable[[], SqlUnitOfWork], session_factory, clock: Clock
) -> None:
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    await build_office(admin)
    binh = await admin.link_zalo("binh", ZALO_IDS["binh"])
    async with uow_factory() as uow:
        await uow.officer_messages.add(
            binh, Digest(date(2026, 11, 23), (UnitDigest("DIA-CHINH", "Địa chính"),)), clock()
        )
        await uow.commit()
    assert await Relay(uow_factory, ["telegram", "zalo"], clock=clock).run_once() == {"telegram": 1, "zalo": 1}
    assert {(row.channel, row.recipient) for row in await outbox_rows(session_factory)} == {
        ("telegram", str(TELEGRAM_IDS["binh"])),
        ("zalo", ZALO_IDS["binh"]),
    }


async def test_a_deletion_requests_result_reaches_the_citizen_on_their_channel(
    uow_factory: Callable[[], SqlUnitOfWork], session_factory, feedback: FeedbackService, clock: Clock
) -> None:
    admin = AdminService(uow_factory, cheap_hasher(), clock=clock)
    office = await build_office(admin)
    rights = PersonalData(uow_factory, DiskAttachmentFiles(None), calendar=CALENDAR, clock=clock)
    await file_item(feedback, "MOT-CUA", ROAD, 100001)
    await file_item(feedback, "MOT-CUA", ROAD + " Lần hai.", 100002)
    approved = await rights.request_deletion(CitizenRef("telegram", "100001"), "100001")
    refused = await rights.request_deletion(CitizenRef("telegram", "100002"), "100002")
    relay = Relay(uow_factory, ["telegram"], render_notice=notice_reply, clock=clock)
    await relay.run_once()  # the items' «received» notices
    already = len(await outbox_rows(session_factory))
    await rights.approve_deletion(office.officers["quantri"], approved.id or 0)
    await rights.reject_deletion(office.officers["quantri"], refused.id or 0, "PAKN của bạn <đang> được xử lý")
    assert await relay.run_once() == {"telegram": 2}
    told = {row.recipient: reply_codec.loads(row.reply) for row in (await outbox_rows(session_factory))[already:]}
    assert "đã được thực hiện" in told["100001"].text and not told["100001"].choices
    assert "chưa được chấp nhận" in told["100002"].text and "&lt;đang&gt;" in told["100002"].text
