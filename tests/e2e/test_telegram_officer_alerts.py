"""The morning digest and the apology reach Telegram through the relay and the bot's delivery loop, as `motcua
serve` runs them, and the local Bot API stand-in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.domain.access import Role
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.scheduled_jobs import ScheduledJobs
from procedures_catalog.services import Catalog
from stand_ins.telegram_bot_api import CITIZEN, LocalBotApi, TelegramUser
from storage.password_hashing import Argon2PasswordHasher
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import assert_telegram_accepted_everything
from tests.e2e.dialogue_bot import open_dialogue_bot
from tests.e2e.feedback_helpers import submit_directly
from tests.manual_clock import Clock

AN = TelegramUser(id=500001, first_name="An", username="an_motcua")


async def test_the_digest_reaches_the_linked_officer_and_the_apology_the_citizen(
    stand_in: LocalBotApi,
    small_catalog: Catalog,
    feedback_service: FeedbackService,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
) -> None:
    admin = AdminService(uow_factory, Argon2PasswordHasher(), clock=clock)
    await admin.create_unit("UBND-XA", "UBND xã An Bình")
    await admin.create_officer("an", "Nguyễn An")
    await admin.grant("an", Role.OFFICER, "UBND-XA")
    jobs = ScheduledJobs(uow_factory, feedback_service, holder="e2e", clock=clock)
    async with open_dialogue_bot(
        stand_in, small_catalog, feedback_service, uow_factory, session_factory, clock, user=AN
    ) as bot:
        officer, citizen = bot.chat, bot.chat.other(CITIZEN)
        for user in (officer, citizen):
            await user.say("/start")  # a bot can write only to whoever opened a chat with it
        await admin.link_telegram("an", AN.id)
        clock.now = datetime(2026, 8, 18, 1, 0, tzinfo=UTC)  # Tue 18/8/2026: due Thu 3/9, after the holiday
        code = await submit_directly(feedback_service, "Cống thoát nước trước chợ An Bình bị tắc, nước tràn ra đường.")
        async with uow_factory() as uow:  # routed to the commune (the officers' desk would do it)
            item = await uow.feedback.get(code)
            assert item is not None
            item.unit = "UBND-XA"
            await uow.feedback.save(item)
            await uow.commit()

        clock.now = datetime(2026, 8, 28, 0, 30, tzinfo=UTC)  # Fri 28/8, 07:30 in Hà Nội
        await jobs.tick()
        delivered = (await officer.during(bot.notices())).sent
        (digest,) = [message for message in delivered if message.chat_id == AN.id]
        (apology,) = [message for message in delivered if message.chat_id == CITIZEN.id]
        assert digest.chat_id == AN.id
        assert digest.text.splitlines() == [
            "☀️ Việc cần xử lý ngày 28/08/2026",
            "",
            "🏢 UBND xã An Bình",
            "🟡 Đến hạn trong 2 ngày làm việc tới (1):",
            f"• {code} · hạn 03/09/2026 · Cống thoát nước trước chợ An Bình bị tắc, nước tràn ra …",
        ]
        assert (await officer.during(bot.notices())).sent == []  # each sent once

        assert apology.text == (
            f"🙏 Phản ánh, kiến nghị mã {code} chưa thể được trả lời đúng hạn. "
            "Chúng tôi thành thật xin lỗi bạn.\nNgày hẹn trả lời mới: 10/09/2026."
        )
    assert_telegram_accepted_everything(stand_in)
