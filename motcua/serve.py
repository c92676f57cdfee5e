"""`motcua serve`: the web application and, when a token is set, the Telegram bot.

The aiohttp application owns every lifecycle (`Serving`, its cleanup contexts): the engine, the Zalo channel,
the bot, the outboxes and the scheduler start with the app and stop when it is cleaned up, in reverse order.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import logging
import signal
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aiohttp import web
from telegram import Bot
from telegram.error import TelegramError
from telegram.ext import Application

from background.loop import BackgroundLoop
from bot.application import build_application, start_polling, start_webhook, stop_polling
from bot.inbound import CHANNEL as TELEGRAM
from bot.share_link import share_link_template
from bot.telegram_sender import TelegramSender
from bot.webhook import TelegramWebhook
from dialogue.flows import build_router
from feedback.domain.deadlines import local_date
from feedback.domain.refusal_reasons import DEFAULT_REFUSAL_REASONS_PATH, load_refusal_reasons
from feedback.service_layer.feedback_service import utc_now
from monitoring.heartbeats import Heartbeats
from motcua import texts
from motcua.bootstrap import DEFAULT_ATTACHMENTS_DIR, Services, bootstrap
from motcua.conversations import Conversations, build_conversations, email_sender
from motcua.scheduler import WAKE_EVERY, scheduler_loop
from motcua.settings import Settings
from motcua.zalo_channel import ItemPhones, ZaloChannel, build_zalo
from storage.db import create_session_factory
from storage.operational_figures import check_database, operational_figures
from storage.web_attempts import site_secret
from web.app import create_app
from web.citizen_pages import CitizenPages
from web.form_guard import GuardPolicy
from web.health_views import HealthSources
from web.login_throttle import ThrottlePolicy
from web.officer_pages import OfficerPages
from web.open311.keys import Open311Services
from web.open311.public_reads import ReadPolicy
from web.sessions import SessionPolicy
from web.trusted_proxies import parse_trusted
from web.uploads import UploadStore

log = logging.getLogger(__name__)
BotApplication = Application[Any, Any, Any, Any, Any, Any]
# Where the portal keeps citizens' files when no attachments directory is set.
PORTAL_ATTACHMENTS_DIR = DEFAULT_ATTACHMENTS_DIR


def freeze_start_up() -> None:
    """Take what start-up built out of the garbage collector's walks: modules, the catalog's index, templates,
    some 200,000 objects that live as long as the process. Every full collection walked them all, 150-250 ms on
    a small server, charged to whichever request triggered it; frozen, a full collection walks only what was
    made since (under 15 ms in bench/portal.py). Garbage is collected first, so none of it is kept for good."""
    gc.collect()
    gc.freeze()


def telegram_webhook(settings: Settings) -> TelegramWebhook | None:
    """The webhook route, when the bot runs by webhook (a token and a webhook address); None: it polls."""
    if settings.telegram_token is None or settings.telegram_webhook_url is None:
        return None
    assert settings.telegram_webhook_secret is not None  # the settings refuse an address without it
    return TelegramWebhook(
        settings.telegram_webhook_secret.get_secret_value(),
        url=settings.telegram_webhook_url,
        path=settings.telegram_webhook_path,
    )


async def web_app(settings: Settings, services: Services, heartbeats: Heartbeats) -> web.Application:
    """The web application with its routes (the channels' webhooks are added before it starts)."""
    reads = ReadPolicy(
        per_second=settings.open311_reads_per_second,
        per_minute=settings.open311_reads_per_minute,
        cache_seconds=settings.open311_list_cache_seconds,
        list_queries_per_second=settings.open311_list_queries_per_second,
    )
    open311 = Open311Services(services.feedback, services.api_keys, reads)
    return create_app(
        services.catalog,
        officer_pages(settings, services),
        open311=open311,
        citizen_pages=await citizen_pages(settings, services),
        trusted_proxies=parse_trusted(settings.trusted_proxies),
        health=health_sources(services, heartbeats),
        teaching=services.search_teaching,
    )


def health_sources(services: Services, heartbeats: Heartbeats) -> HealthSources:
    """What /healthz and /metrics read: the database, the PAKN figures, the loops' heartbeats."""
    sessions = create_session_factory(services.engine)
    return HealthSources(
        database=functools.partial(check_database, services.engine),
        figures=functools.partial(operational_figures, sessions),
        heartbeats=heartbeats,
        today=lambda: local_date(utc_now()),
    )


def officer_pages(settings: Settings, services: Services) -> OfficerPages:
    """The officers' web: the desk, the admin and report services of the composition root, with their settings."""
    return OfficerPages(
        desk=services.desk,
        admin=services.admin,
        reports=services.reports,
        web_state=services.uow_factory,
        data_views=services.data_views,
        personal_data=services.personal_data,
        refusal_reasons=load_refusal_reasons(settings.refusal_reasons_file or DEFAULT_REFUSAL_REASONS_PATH),
        attachments_dir=settings.attachments_dir,
        sessions=SessionPolicy(
            idle=timedelta(minutes=settings.web_session_idle_minutes),
            absolute=timedelta(hours=settings.web_session_max_hours),
        ),
        login_throttle=ThrottlePolicy(
            max_failures=settings.web_login_max_failures,
            window=timedelta(minutes=settings.web_login_window_minutes),
        ),
    )


async def citizen_pages(settings: Settings, services: Services) -> CitizenPages:
    """The citizens' portal: filing and following, with the site's signing key from the database."""
    attachments = settings.attachments_dir or PORTAL_ATTACHMENTS_DIR
    return CitizenPages(
        feedback=services.feedback,
        pins=services.pins,
        uploads=UploadStore(attachments, services.feedback.limits),
        key=await site_secret(create_session_factory(services.engine)),
        guard_policy=GuardPolicy(min_fill=timedelta(seconds=settings.web_form_min_seconds)),
        retention=services.personal_data.retention,
        personal_data=services.personal_data,
        letters=settings.email_enabled,
    )


async def start_bot(
    settings: Settings,
    services: Services,
    conversations: Conversations,
    webhook: TelegramWebhook | None = None,
) -> BotApplication | None:
    """The bot running (by webhook or polling) with citizens' updates going to `conversations`, whose Telegram
    delivery loop it adds (start `conversations` after this); None without a token or when Telegram is out
    of reach."""
    if settings.telegram_token is None:
        log.warning(texts.NO_TOKEN)
        return None
    application: BotApplication = build_application(
        token=settings.telegram_token.get_secret_value(),
        base_url=settings.telegram_base_url,
        attachments_dir=settings.attachments_dir,
        dialogue=conversations,
        commands=build_router().command_list,  # the flows conversations' dialogue is built with
    )
    try:
        if webhook is not None:
            await start_webhook(application, webhook)
            log.info(texts.WEBHOOK_SET.format(url=webhook.url))
        else:
            await start_polling(application)
    except TelegramError as error:
        # A wrong token or no route to Telegram must not take the web part down with it.
        log.error(texts.BOT_UNAVAILABLE, extra={"error": str(error)})
        await stop_polling(application)
        return None
    conversations.add_channel(TelegramSender(application.bot))
    log.info("bot started", extra={"username": application.bot.username})
    return application


async def telegram_share_address(settings: Settings) -> dict[str, str]:
    """The link that opens a procedure's card in the bot (t.me/<bot>?start=tthc_…), from the bot's username;
    none without a token or when Telegram cannot be asked (cards then go without the link)."""
    if settings.telegram_token is None:
        return {}
    try:
        async with Bot(settings.telegram_token.get_secret_value(), base_url=settings.telegram_base_url) as bot:
            return {TELEGRAM: share_link_template(bot.username)}
    except TelegramError as error:
        log.warning("the bot's username is unknown: cards go without a share link", extra={"error": str(error)})
        return {}


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
    app = await serving_app(settings)
    runner = web.AppRunner(app, access_log=None)
    try:
        await runner.setup()  # the app's lifecycles start (`Serving.lifecycles`)
        await web.TCPSite(runner, settings.web_host, settings.web_port).start()
        log.info("web started", extra={"url": f"http://{settings.web_host}:{settings.web_port}/"})
        freeze_start_up()
        await stop.wait()
    finally:
        log.info("stopping")
        await runner.cleanup()  # no more requests in, then the lifecycles stop in the reverse order
    return 0


async def serving_app(settings: Settings) -> web.Application:
    """The web application with every channel mounted, owning the lifecycle of everything `motcua serve` runs."""
    services = await bootstrap(settings)
    try:
        heartbeats = Heartbeats()  # every loop registers here: /healthz reads them
        conversations = build_conversations(
            settings, services, heartbeats=heartbeats, share_addresses=await telegram_share_address(settings)
        )
        app = await web_app(settings, services, heartbeats)
        webhook = telegram_webhook(settings)
        if webhook is not None:
            webhook.add_route(app)
        zalo = build_zalo(
            settings, services.uow_factory, app, handle=conversations.handle, phones=ItemPhones(services.feedback)
        )
        if zalo is not None:
            conversations.add_channel(zalo.sender)
        letters = email_sender(settings)
        if letters is not None:
            conversations.add_channel(letters)
    except BaseException:
        await services.close()
        raise
    scheduler = scheduler_loop(
        services.scheduled_jobs, heartbeat=heartbeats.register("scheduler", timedelta(seconds=WAKE_EVERY))
    )
    serving = Serving(settings, services, conversations, webhook, zalo, scheduler)
    app.cleanup_ctx.extend(serving.lifecycles())
    return app


@dataclass
class Serving:
    """What `motcua serve` runs beside the web pages, each part an aiohttp cleanup context of the app: started
    in the order of `lifecycles()` when the app starts, stopped in the reverse order when it is cleaned up
    (after the web has stopped taking requests)."""

    settings: Settings
    services: Services
    conversations: Conversations
    webhook: TelegramWebhook | None
    zalo: ZaloChannel | None
    scheduler: BackgroundLoop
    bot: BotApplication | None = None

    def lifecycles(self) -> list[Callable[[web.Application], AsyncIterator[None]]]:
        return [
            self.engine,
            self.working_calendar,
            self.zalo_channel,
            self.telegram_bot,
            self.outboxes,
            self.telegram_updates,
            self.scheduled_jobs,
        ]

    async def engine(self, _: web.Application) -> AsyncIterator[None]:
        """First in, last out: every other part uses the database until it has stopped."""
        yield
        await self.services.close()

    async def working_calendar(self, _: web.Application) -> AsyncIterator[None]:
        """The working days of last year to next year loaded before the first request: a filing's deadline, a
        look-up's days left and the scheduler's jobs would otherwise wait for the holiday library's first load."""
        year = local_date(self.services.feedback.now()).year
        self.services.feedback.calendar.load_years(year - 1, year + 1)
        yield

    async def zalo_channel(self, _: web.Application) -> AsyncIterator[None]:
        """The token kept fresh; stopped after the outboxes (its sender is theirs), its webhook's work drained."""
        if self.zalo is not None:
            self.zalo.start()
        yield
        if self.zalo is not None:
            await self.zalo.stop()

    async def telegram_bot(self, _: web.Application) -> AsyncIterator[None]:
        """Started before the outboxes, which deliver through its sender; see `telegram_updates` for its stop."""
        self.bot = await start_bot(self.settings, self.services, self.conversations, self.webhook)
        yield
        await self._stop_taking_updates()  # done already, unless a part after it failed to start

    async def outboxes(self, _: web.Application) -> AsyncIterator[None]:
        """The relay of notices and a delivery loop per channel; stopping lets the sends in flight finish."""
        await self.conversations.start()
        yield
        await self.conversations.stop()

    async def telegram_updates(self, _: web.Application) -> AsyncIterator[None]:
        """After the outboxes: no more updates come in (webhook calls get a 503, polling ends) before the
        outboxes stop sending."""
        yield
        await self._stop_taking_updates()

    async def scheduled_jobs(self, _: web.Application) -> AsyncIterator[None]:
        """Last in, first out: a run under way finishes while everything it uses is still there."""
        self.scheduler.start()
        yield
        await self.scheduler.stop()

    async def _stop_taking_updates(self) -> None:
        bot, self.bot = self.bot, None
        if bot is None:
            return  # not started, or stopped already
        if self.webhook is not None:
            self.webhook.attach(None)  # a call still coming gets a 503: Telegram sends it to another instance or later
        await stop_polling(bot)
