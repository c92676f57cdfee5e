"""`run_chat` with a FeedbackService: a PAKN filed from the terminal, the contact key shown as a hint."""

from __future__ import annotations

import io

from bot.chat import run_chat
from feedback.services import FeedbackService
from procedures_catalog.services import Catalog
from tests.e2e.feedback_helpers import ADDRESS, LAN, NAME, POTHOLE


async def test_a_pakn_can_be_filed_from_the_terminal(small_catalog: Catalog, feedback_service: FeedbackService) -> None:
    lines = ["/phananh", "#1", POTHOLE, "#1", "#1", NAME, "0912345678", ADDRESS, "#1", "/quit"]
    output = io.StringIO()
    await run_chat(small_catalog, feedback=feedback_service, input_stream=io.StringIO("\n".join(lines)), output=output)
    transcript = output.getvalue()
    assert "[1] 📣 Phản ánh" in transcript
    assert "⌨ 📱 Gửi số điện thoại (trong terminal: gõ số điện thoại)" in transcript
    assert "Đã tiếp nhận phản ánh của bạn" in transcript and "Mã tra cứu: 20261123.0001" in transcript
    assert "<b>" not in transcript
    assert (await feedback_service.track("20261123.0001", LAN)).content == POTHOLE
