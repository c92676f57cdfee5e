"""`run_chat`: the real bot in a terminal, driven by piped lines, on the real bundled catalog, its dialogue as
`motcua serve` runs it."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from bot.chat import run_chat
from dialogue.flows import build_router
from procedures_catalog.services import Catalog
from procedures_catalog.synonyms import load_synonyms
from storage.channel_outbox import SqlOutboxStore
from storage.db import create_engine, create_session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.dialogue_bot import dialogue_conversations
from tests.manual_clock import Clock


async def chat_transcript(bundled_database: Path, tmp_path: Path, lines: str) -> str:
    """The transcript of a chat on a copy of the bundled database (the chat keeps its conversation there)."""
    database = tmp_path / "motcua.db"
    shutil.copy(bundled_database, database)
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    sessions = create_session_factory(engine)

    def uow_factory() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions)

    catalog = await Catalog.load(uow_factory, load_synonyms())
    conversations = dialogue_conversations(catalog, None, uow_factory, sessions, Clock())
    output = io.StringIO()
    try:
        await run_chat(
            conversations,
            SqlOutboxStore(sessions),
            commands=build_router().command_list,
            input_stream=io.StringIO(lines),
            output=output,
        )
    finally:
        await engine.dispose()
    return output.getvalue()


async def test_piped_questions_get_answers_and_buttons_can_be_pressed(bundled_database: Path, tmp_path: Path) -> None:
    transcript = await chat_transcript(
        bundled_database, tmp_path, "lam so do\ndoi bang lai xe\n#1\n/quit\nnever read\n"
    )
    assert "Một Cửa bot" in transcript
    assert "[1] 🔎 Tra cứu thủ tục" in transcript
    land, driving = transcript.split("«lam so do»")[1].split("«doi bang lai xe»")
    assert "Giấy chứng nhận quyền sử dụng đất" in land
    assert "1. Đổi giấy phép lái xe" in driving
    assert "[1] Đổi giấy phép lái xe" in driving
    assert "Đổi giấy phép lái xe\nMã thủ tục: 3.000347" in driving  # #1 opened the card
    assert "Mã thủ tục: 3.000347" in driving
    assert "<b>" not in transcript and "&amp;" not in transcript
    assert "never read" not in transcript
    assert transcript.rstrip().endswith("Tạm biệt!")


async def test_end_of_input_ends_the_chat_and_bad_choices_are_explained(bundled_database: Path, tmp_path: Path) -> None:
    transcript = await chat_transcript(bundled_database, tmp_path, "#9\n1.001193\n#1\n#7")
    assert "Không có nút số 9. Hãy chọn từ 1 đến" in transcript
    assert "Thủ tục đăng ký khai sinh" in transcript and "Mã thủ tục: 1.001193" in transcript
    assert "[1] Xem tiếp ▶ (phần 7–9/12)" in transcript  # #1 sent the next parts of the long card
    assert "Không có nút số 7" in transcript
    assert transcript.rstrip().endswith("Tạm biệt!")
