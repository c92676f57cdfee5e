"""`run_chat` with PAKN on: a PAKN filed from the terminal, the contact key shown as a hint."""

from __future__ import annotations

import io
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.chat import run_chat
from dialogue.flows import build_router
from feedback.service_layer.feedback_service import FeedbackService
from procedures_catalog.services import Catalog
from storage.channel_outbox import SqlOutboxStore
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.dialogue_bot import dialogue_conversations
from tests.e2e.feedback_helpers import ADDRESS, LAN, NAME, POTHOLE


async def test_a_pakn_can_be_filed_from_the_terminal(
    small_catalog: Catalog,
    feedback_service: FeedbackService,
    uow_factory: Callable[[], SqlUnitOfWork],
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    conversations = dialogue_conversations(
        small_catalog, feedback_service, uow_factory, session_factory, feedback_service.now
    )
    lines = ["/phananh", "#1", POTHOLE, "#1", "#1", NAME, "0912345678", ADDRESS, "#1", "/quit"]
    output = io.StringIO()
    await run_chat(
        conversations,
        SqlOutboxStore(session_factory),
        commands=build_router().command_list,
        input_stream=io.StringIO("\n".join(lines)),
        output=output,
    )
    transcript = output.getvalue()
    assert "[1] 📣 Phản ánh" in transcript
    assert "⌨ 📱 Gửi số điện thoại (trong terminal: gõ số điện thoại)" in transcript
    assert "Đã tiếp nhận phản ánh của bạn" in transcript and "Mã tra cứu: 20261123.0001" in transcript
    assert "<b>" not in transcript and "Chưa có nút nào" not in transcript
    assert (await feedback_service.track("20261123.0001", LAN)).content == POTHOLE
