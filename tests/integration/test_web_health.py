"""/healthz checks the database and the background loops; /metrics speaks Prometheus with the PAKN figures
(issue 15, what an operator needs). SQLite and PostgreSQL for the figures read from the tables."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from feedback.domain.deadlines import local_date
from monitoring import metrics
from monitoring.heartbeats import Heartbeats
from motcua.scheduler import scheduler_loop
from procedures_catalog.services import Catalog
from storage.operational_figures import check_database, operational_figures
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import file_item
from tests.web_office import WebOffice, build_web_office
from web.app import create_app
from web.health_views import HealthSources


def sources(engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> HealthSources:
    return HealthSources(
        database=functools.partial(check_database, engine),
        figures=functools.partial(operational_figures, sessions),
        heartbeats=Heartbeats(clock),
        today=lambda: local_date(clock()),
    )


@pytest.fixture
async def world(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> WebOffice:
    return await build_web_office(uow_factory, clock)


@pytest.fixture
async def client_and_health(
    world: WebOffice, engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession], clock: Clock
) -> AsyncIterator[tuple[TestClient, HealthSources]]:
    health = sources(engine, session_factory, clock)
    app = create_app(await Catalog.load(lambda: SqlUnitOfWork(session_factory)), health=health)
    async with TestClient(TestServer(app)) as client:
        yield client, health


async def test_health_reports_the_database_and_each_loops_last_run(
    client_and_health: tuple[TestClient, HealthSources], clock: Clock
) -> None:
    client, health = client_and_health
    scheduler = health.heartbeats.register("scheduler", timedelta(minutes=1))
    delivery = health.heartbeats.register("telegram_delivery", timedelta(seconds=5))
    scheduler.beat()
    delivery.failed(RuntimeError("Telegram trả lời 429"))
    delivery.beat()
    response = await client.get("/healthz")
    body = await response.json()
    assert response.status == 200 and body["status"] == "ok" and body["database"] == "ok"
    assert body["loops"]["scheduler"]["last_run"] == clock().isoformat(timespec="seconds")
    assert body["loops"]["telegram_delivery"]["last_error"] == "Telegram trả lời 429"
    clock.advance(seconds=16)  # the delivery loop has missed three rounds
    late = await client.get("/healthz")
    assert late.status == 503
    assert (await late.json())["loops"]["telegram_delivery"]["late"] is True


async def test_health_is_503_when_the_database_does_not_answer(
    client_and_health: tuple[TestClient, HealthSources],
) -> None:
    client, health = client_and_health

    async def unreachable() -> None:
        raise ConnectionRefusedError("connection refused")

    object.__setattr__(health, "database", unreachable)
    response = await client.get("/healthz")
    assert response.status == 503
    assert (await response.json())["database"] == "unreachable"


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_metrics_give_items_overdue_outbox_requests_and_search_latency(
    world: WebOffice, client_and_health: tuple[TestClient, HealthSources], clock: Clock
) -> None:
    client, _ = client_and_health
    codes = [await file_item(world.feedback, "MOT-CUA", f"Đường thôn {n} ngập nước", 600 + n) for n in range(4)]
    await world.desk.accept(world.office.officers["an"], codes[0], None)  # a notice to the citizen, not sent here
    clock.advance(days=30)
    await client.get("/api/procedures?q=khai+sinh")
    await client.get("/nowhere")
    response = await client.get("/metrics")
    assert response.status == 200 and response.content_type == "text/plain"
    figures = samples(await response.text())
    assert figures[("motcua_items", (("status", "received"),))] == 3
    assert figures[("motcua_items", (("status", "accepted"),))] == 1
    assert figures[("motcua_overdue_items", ())] == 4
    assert figures[("motcua_notice_outbox_backlog", ())] == 1
    assert figures[("motcua_notice_outbox_oldest_seconds", ())] >= timedelta(days=30).total_seconds()
    assert figures[("motcua_http_requests_total", (("method", "GET"), ("route", "procedures"), ("status", "200")))] >= 1
    assert figures[("motcua_http_requests_total", (("method", "GET"), ("route", "unmatched"), ("status", "404")))] >= 1
    assert figures[("motcua_search_seconds_count", (("channel", "web"),))] >= 1


async def test_the_scheduler_reports_each_round_and_each_failure(clock: Clock) -> None:
    heartbeats = Heartbeats(clock)
    beat = heartbeats.register("scheduler", timedelta(minutes=1))

    class Jobs:
        rounds = 0

        async def tick(self) -> None:
            self.rounds += 1
            if self.rounds == 2:
                raise ConnectionError("cơ sở dữ liệu không trả lời")

    jobs = Jobs()
    scheduler = scheduler_loop(jobs, wake_every=0, heartbeat=beat)  # type: ignore[arg-type]
    scheduler.start()
    while jobs.rounds < 3:
        await asyncio.sleep(0)
    await scheduler.stop()
    [loop] = heartbeats.loops()
    assert loop.last_run == clock() and loop.last_error == "cơ sở dữ liệu không trả lời"


def test_the_delivery_failure_counter_is_there_for_the_messengers() -> None:
    before = metrics.DELIVERY_FAILURES.labels(channel="zalo")._value.get()
    metrics.DELIVERY_FAILURES.labels(channel="zalo").inc()
    assert metrics.DELIVERY_FAILURES.labels(channel="zalo")._value.get() == before + 1
