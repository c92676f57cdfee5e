"""`motcua serve`: the web application and, when a token is set, the Telegram bot."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from aiohttp import web
from telegram.error import TelegramError
from telegram.ext import Application

from bot.application import build_application, start_polling, stop_polling
from bot.persistence import DatabasePersistence
from motcua import texts
from motcua.bootstrap import Services, bootstrap
from motcua.settings import Settings
from web.app import create_app

log = logging.getLogger(__name__)


async def start_web(settings: Settings, services: Services) -> web.AppRunner:
    runner = web.AppRunner(create_app(services.catalog), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, settings.web_host, settings.web_port).start()
    log.info("web started", extra={"url": f"http://{settings.web_host}:{settings.web_port}/"})
    return runner


async def start_bot(settings: Settings, services: Services) -> Application | None:
    if settings.telegram_token is None:
        log.warning(texts.NO_TOKEN)
        return None
    application = build_application(
        services.catalog,
        token=settings.telegram_token.get_secret_value(),
        base_url=settings.telegram_base_url,
        feedback=services.feedback,
        persistence=DatabasePersistence(services.bot_state),
        attachments_dir=settings.attachments_dir,
    )
    try:
        await start_polling(application)
    except TelegramError as error:
        # A wrong token or no route to Telegram must not take the web part down with it.
        log.error(texts.BOT_UNAVAILABLE, extra={"error": str(error)})
        await stop_polling(application)
        return None
    log.info("bot started", extra={"username": application.bot.username})
    return application


def stop_on_signal() -> asyncio.Event:
    """Installed before anything starts, so a SIGTERM during start-up still shuts down cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    return stop


async def serve(settings: Settings) -> int:
    stop = stop_on_signal()
    services = await bootstrap(settings)
    runner = await start_web(settings, services)
    application = await start_bot(settings, services)
    try:
        await stop.wait()
    finally:
        log.info("stopping")
        if application is not None:
            await stop_polling(application)
        await runner.cleanup()
        await services.close()
    return 0
