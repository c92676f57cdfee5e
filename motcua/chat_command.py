"""`motcua chat`: the real bot in a terminal, through the local Bot API stand-in."""

from __future__ import annotations

from bot.chat import run_chat
from bot.persistence import DatabasePersistence
from motcua.bootstrap import bootstrap
from motcua.settings import Settings


async def chat(settings: Settings) -> int:
    services = await bootstrap(settings)
    try:
        await run_chat(
            services.catalog, feedback=services.feedback, persistence=DatabasePersistence(services.bot_state)
        )
    finally:
        await services.close()
    return 0
