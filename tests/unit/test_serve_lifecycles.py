"""`motcua serve`'s parts live and die with the web application (its cleanup contexts): the database first in
and last out, the scheduler last in and first out, and no update taken once the outboxes begin to stop."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from aiohttp import web

from bot.webhook import TelegramWebhook
from feedback.domain.working_days import WorkingCalendar
from motcua import serve
from motcua.serve import Serving


class Part:
    """Any part with a start and a stop, writing both down."""

    def __init__(self, name: str, events: list[str], *, fails_to_start: bool = False) -> None:
        self.name = name
        self.events = events
        self.fails_to_start = fails_to_start

    def _start(self) -> None:
        if self.fails_to_start:
            raise ConnectionError(f"{self.name} could not start")
        self.events.append(f"{self.name} started")

    def start(self) -> None:
        self._start()

    async def stop(self) -> None:
        self.events.append(f"{self.name} stopped")


class AsyncPart(Part):
    async def start(self) -> None:  # type: ignore[override]
        self._start()


class Feedback:
    """The PAKN service as serving uses it: its clock and its working-day calendar, whose holiday source
    writes down every year it is asked about."""

    def __init__(self) -> None:
        self.years_asked: list[int] = []
        self.calendar = WorkingCalendar(self.holidays)

    def holidays(self, year: int) -> tuple[set[date], set[date]]:
        self.years_asked.append(year)
        return set(), set()

    def now(self) -> datetime:
        return TODAY


class Services:
    def __init__(self, events: list[str]) -> None:
        self.events = events
        self.feedback = Feedback()

    async def close(self) -> None:
        self.events.append("engine closed")


class Webhook(TelegramWebhook):
    def __init__(self, events: list[str]) -> None:
        super().__init__("secret")
        self.events = events

    def attach(self, application: object) -> None:
        self.events.append("webhook attached" if application is not None else "webhook detached")


TODAY = datetime(2026, 12, 31, 20, 0, tzinfo=UTC)  # 1 January 2027 in Vietnam


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    events: list[str] = []
    bot = object()

    async def start_bot(*_: object) -> object:
        events.append("bot started")
        return bot

    async def stop_polling(application: object) -> None:
        assert application is bot
        events.append("bot stopped")

    monkeypatch.setattr(serve, "start_bot", start_bot)
    monkeypatch.setattr(serve, "stop_polling", stop_polling)
    return events


def serving(events: list[str], *, outboxes_fail: bool = False) -> Serving:
    return Serving(
        settings=None,  # type: ignore[arg-type]
        services=Services(events),  # type: ignore[arg-type]
        conversations=AsyncPart("outboxes", events, fails_to_start=outboxes_fail),  # type: ignore[arg-type]
        webhook=Webhook(events),
        zalo=Part("zalo", events),  # type: ignore[arg-type]
        scheduler=Part("scheduler", events),  # type: ignore[arg-type]
    )


async def test_the_app_starts_the_parts_in_order_and_stops_them_in_reverse_updates_before_the_outboxes(
    events: list[str],
) -> None:
    app = web.Application()
    app.cleanup_ctx.extend(serving(events).lifecycles())
    runner = web.AppRunner(app)
    await runner.setup()
    events.append("serving")
    await runner.cleanup()
    assert events == [
        "zalo started",
        "bot started",
        "outboxes started",
        "scheduler started",
        "serving",
        "scheduler stopped",
        "webhook detached",
        "bot stopped",
        "outboxes stopped",
        "zalo stopped",
        "engine closed",
    ]


async def test_a_part_that_fails_to_start_leaves_the_ones_started_before_it_stopped(events: list[str]) -> None:
    app = web.Application()
    app.cleanup_ctx.extend(serving(events, outboxes_fail=True).lifecycles())
    runner = web.AppRunner(app)
    try:
        with pytest.raises(ConnectionError, match="outboxes could not start"):
            await runner.setup()
    finally:
        await runner.cleanup()
    assert events == ["zalo started", "bot started", "webhook detached", "bot stopped", "zalo stopped", "engine closed"]


async def test_the_working_days_around_today_are_loaded_before_the_first_request(events: list[str]) -> None:
    parts = serving(events)
    app = web.Application()
    app.cleanup_ctx.extend(parts.lifecycles())
    runner = web.AppRunner(app)
    await runner.setup()
    try:
        feedback = parts.services.feedback  # type: ignore[attr-defined]
        assert sorted(feedback.years_asked) == [2026, 2027, 2028]
        # A filing today (its deadline), and a look-up of one filed last December, load nothing more.
        feedback.calendar.add_working_days(date(2027, 1, 1), 15)
        feedback.calendar.working_days_between(date(2026, 12, 10), date(2027, 1, 1))
        assert sorted(feedback.years_asked) == [2026, 2027, 2028]
    finally:
        await runner.cleanup()
