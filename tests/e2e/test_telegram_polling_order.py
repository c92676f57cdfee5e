"""Polling (development, `motcua chat`): updates of different chats are handled at once, one chat's in order."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.chat_order import PerChatUpdateProcessor
from dialogue.events import Text
from stand_ins.telegram_bot_api import CITIZEN, LocalBotApi, LocalChat, TelegramUser
from tests.telegram_world import RecordingDialogue, telegram_application

MINH = TelegramUser(id=200002, first_name="Minh")


async def eventually(condition: Callable[[], bool], what: str) -> None:
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never happened: {what}")


async def test_a_slow_chat_holds_back_its_own_next_update_and_no_one_elses() -> None:
    dialogue = RecordingDialogue()
    held = dialogue.gates[str(CITIZEN.id)] = asyncio.Event()
    processor = PerChatUpdateProcessor()
    async with LocalBotApi() as api:
        application = telegram_application(api, dialogue, update_processor=processor)
        async with LocalChat.open(api, application, poll_timeout=1):
            await api.send_text("một")
            await api.send_text("hai")
            await api.send_text("ba", user=MINH)
            await eventually(lambda: len(dialogue.handled) == 1, "Minh was answered")
            await asyncio.sleep(0.1)
            assert [inbound.event for inbound in dialogue.started] == [Text("một"), Text("ba")]
            held.set()
            await eventually(lambda: len(dialogue.handled) == 3, "Lan's two messages were handled")
    assert [inbound.event for inbound in dialogue.handled] == [Text("ba"), Text("một"), Text("hai")]
    assert len(processor.locks) == 0
