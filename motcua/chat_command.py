"""`motcua chat`: the product in a terminal. `--channel telegram` (the default) runs the real Telegram bot
through the local Bot API stand-in; `--channel text` the dialogue through the plain-text channel."""

from __future__ import annotations

from bot.chat import run_chat
from bot.persistence import DatabasePersistence
from delivery.loop import DeliveryLoop
from motcua.bootstrap import bootstrap
from motcua.dialogue_setup import build_dialogue
from motcua.settings import Settings
from storage.channel_outbox import SqlOutboxStore
from storage.db import create_session_factory
from text_channel.sender import TextSender
from text_channel.terminal import run_terminal

CHANNELS = ("telegram", "text")


async def chat(settings: Settings, channel: str = "telegram") -> int:
    services = await bootstrap(settings)
    try:
        if channel == "text":
            sender = TextSender()
            delivery = DeliveryLoop(SqlOutboxStore(create_session_factory(services.engine)), sender)
            await run_terminal(build_dialogue(settings, services), delivery, sender)
        else:
            await run_chat(
                services.catalog, feedback=services.feedback, persistence=DatabasePersistence(services.bot_state)
            )
    finally:
        await services.close()
    return 0
