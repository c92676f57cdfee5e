"""`motcua chat`: the product in a terminal. `--channel telegram` (the default) runs the real Telegram bot
through the local Bot API stand-in; `--channel text` the dialogue through the plain-text channel. Both talk
to the dialogue as `motcua serve` runs it (motcua.conversations)."""

from __future__ import annotations

from bot.chat import run_chat
from delivery.loop import DeliveryLoop
from dialogue.flows import build_router
from motcua.bootstrap import bootstrap
from motcua.conversations import build_conversations
from motcua.settings import Settings
from storage.channel_outbox import SqlOutboxStore
from storage.db import create_session_factory
from text_channel.sender import TextSender
from text_channel.terminal import run_terminal

CHANNELS = ("telegram", "text")


async def chat(settings: Settings, channel: str = "telegram") -> int:
    services = await bootstrap(settings)
    conversations = build_conversations(settings, services)
    outbox = SqlOutboxStore(create_session_factory(services.engine))
    try:
        if channel == "text":
            sender = TextSender()
            await run_terminal(conversations.dialogue, DeliveryLoop(outbox, sender), sender)
        else:
            await run_chat(conversations, outbox, commands=build_router().command_list)
    finally:
        await services.close()
    return 0
