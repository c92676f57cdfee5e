# ruff: noqa: E402 - the path fix below must run before the imports
"""The officers' queue at scale: 1,000,000 synthesised PAKN rows, on SQLite and PostgreSQL.

Times one unit's queue page (50 items by legal deadline) and the overdue list, each through
FeedbackService.queue, the way the bot and the web call it. Targets: both <= 100 ms.
The yearly report (target <= 1 s) is measured here once reports exist (the workspace issue).
Run: .venv/bin/python bench/queue.py [--rows N] [--postgres URL]
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/<name>.py`, this folder comes first on the import path and bench/queue.py would hide
# the standard library's queue module (asyncio needs it): take the folder off the path before any import.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta

import asyncpg
from sqlalchemy import insert
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from feedback.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.deadlines import DeadlinePolicy, answer_due
from feedback.queue import QueueFilter
from feedback.services import FeedbackService
from feedback.status import Status
from feedback.working_days import WorkingCalendar
from storage.db import create_engine, create_session_factory
from storage.feedback_models import CitizenRecord, FeedbackRecord
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork

UNITS = [f"UNIT{n:03d}" for n in range(60)]
TODAY = date(2026, 11, 23)
TARGET_MS = 100
# Most items of past months are answered or closed; recent ones are still in process.
OLD_STATUSES = [Status.CLOSED] * 6 + [Status.ANSWERED] * 3 + [Status.REFUSED]
RECENT_STATUSES = [Status.RECEIVED, Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING_FOR_CITIZEN]


def synthesise(rows: int, calendar: WorkingCalendar) -> list[dict[str, object]]:
    rng = random.Random(20261123)
    policy = DeadlinePolicy()
    first = TODAY - timedelta(days=730)
    items = []
    for n in range(rows):
        received_on = first + timedelta(days=int(730 * (n / rows)))
        recent = (TODAY - received_on).days < 30
        status = rng.choice(RECENT_STATUSES if recent else OLD_STATUSES)
        due = answer_due(calendar, received_on, policy)
        items.append(
            {
                "code": f"{received_on:%Y%m%d}.{n:07d}",
                "type": "phan_anh" if n % 4 else "kien_nghi",
                "status": str(status),
                "content": f"Phản ánh số {n} về việc chậm giải quyết hồ sơ tại bộ phận một cửa",
                "unit": rng.choice(UNITS),
                "citizen_id": 1 + n % 10_000,
                "contact_name": "Người dân",
                "contact_address": "Hội An",
                "contact_phone": "0912345678",
                "received_at": datetime(received_on.year, received_on.month, received_on.day, 2, tzinfo=UTC),
                "received_on": received_on,
                "classify_due": due,
                "due": due,
                "extended": False,
                "reopen_count": 0,
                "updated_at": datetime.now(UTC),
                "version": 1,
            }
        )
    return items


async def load(engine: AsyncEngine, items: list[dict[str, object]]) -> float:
    started = time.perf_counter()
    now = datetime.now(UTC)
    async with engine.begin() as connection:
        citizens = [
            {"channel": "bench", "external_id": str(n), "created_at": now, "updated_at": now} for n in range(10_000)
        ]
        await connection.execute(insert(CitizenRecord.__table__), citizens)
        for start in range(0, len(items), 20_000):
            await connection.execute(insert(FeedbackRecord.__table__), items[start : start + 20_000])
    return time.perf_counter() - started


async def timed(call, repeat: int = 20) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    await call()  # warm caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), max(samples)


async def measure(url: str, backend: str, items: list[dict[str, object]], calendar: WorkingCalendar) -> list[str]:
    engine = create_engine(url)
    await upgrade(engine)
    seconds = await load(engine, items)
    session_factory = create_session_factory(engine)
    service = FeedbackService(
        lambda: SqlUnitOfWork(session_factory),
        calendar=calendar,
        clock=lambda: datetime(TODAY.year, TODAY.month, TODAY.day, 3, tzinfo=UTC),
    )
    unit_page = await timed(lambda: service.queue(QueueFilter(units=frozenset({UNITS[7]}))))
    overdue = await timed(lambda: service.queue(QueueFilter(overdue_only=True)))
    unit_overdue = await timed(lambda: service.queue(QueueFilter(units=frozenset({UNITS[7]}), overdue_only=True)))
    await engine.dispose()
    lines = [f"{backend}: {len(items):,} rows loaded in {seconds:.1f} s"]
    for name, (median, worst) in (
        ("unit queue page", unit_page),
        ("overdue list (all units)", overdue),
        ("unit overdue list", unit_overdue),
    ):
        verdict = "OK" if median <= TARGET_MS else "above target"
        lines.append(f"  {name:<26} median {median:7.1f} ms   max {worst:7.1f} ms   target {TARGET_MS} ms  {verdict}")
    return lines


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    calendar = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
    items = synthesise(args.rows, calendar)
    report: list[str] = []
    with tempfile.TemporaryDirectory() as directory:
        report += await measure(f"sqlite+aiosqlite:///{directory}/queue.db", "sqlite", items, calendar)
    url = make_url(args.postgres)
    try:
        admin = await asyncpg.connect(host=url.host, port=url.port, user=url.username, database=url.database)
    except (OSError, asyncpg.PostgresError) as error:
        report.append(f"postgresql: skipped ({error})")
    else:
        name = f"motcua_bench_{uuid.uuid4().hex[:8]}"
        await admin.execute(f'CREATE DATABASE "{name}"')
        try:
            target = url.set(database=name).render_as_string(hide_password=False)
            report += await measure(target, "postgresql", items, calendar)
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await admin.close()
    print("\n".join(report))
    print("yearly report: not measured yet (reports are part of the officers' workspace issue)")


if __name__ == "__main__":
    asyncio.run(main())
