# ruff: noqa: E402 - the path fix below must run before the imports
"""Durable PAKN submissions per second through FeedbackService.submit, on SQLite and PostgreSQL.

Each submission is one committed transaction (code sequence, citizen, item, audit entry), exactly as
the bot does it. Run: .venv/bin/python bench/intake.py [--count N] [--concurrency C] [--postgres URL]
Targets: >= 300/s on SQLite, >= 1,000/s on PostgreSQL, under concurrent load (--concurrency, default 32);
the run with one submitter at a time is printed too, as the latency of a single durable submission.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/<name>.py`, this folder comes first on the import path and bench/queue.py would hide
# the standard library's queue module (asyncio needs it): take the folder off the path before any import.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import asyncio
import tempfile
import time
import uuid
from dataclasses import dataclass

import asyncpg
from sqlalchemy.engine import make_url

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.intake_limits import IntakeLimits
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import CitizenRef, Contact, Draft
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_service import FeedbackService
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork

TARGETS = {"sqlite": 300, "postgresql": 1000}
CONTENT = "Đường Lê Lợi đoạn trước số {n} có ổ gà lớn, trời mưa đọng nước, xe máy qua lại rất nguy hiểm."


@dataclass(frozen=True)
class Result:
    backend: str
    count: int
    concurrency: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.count / self.seconds


def draft(n: int) -> Draft:
    citizen = CitizenRef("bench", str(n))
    contact = Contact(name=f"Người dân {n}", address=f"{n} Lê Lợi, Hội An", phone="0912345678")
    return Draft(type=FeedbackType.PHAN_ANH, content=CONTENT.format(n=n), contact=contact, citizen=citizen)


async def run(url: str, backend: str, count: int, concurrency: int) -> Result:
    engine = create_engine(url, pool_size=concurrency, max_overflow=0)
    await upgrade(engine)
    session_factory = create_session_factory(engine)
    service = FeedbackService(
        lambda: SqlUnitOfWork(session_factory),
        calendar=WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH)),
        limits=IntakeLimits(daily_cap_per_citizen=count + 1),
    )
    await service.submit(draft(-1))  # warm the pool and the statement caches
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(count):
        queue.put_nowait(n)

    async def worker() -> None:
        while not queue.empty():
            await service.submit(draft(queue.get_nowait()))

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    seconds = time.perf_counter() - started
    await engine.dispose()
    return Result(backend, count, concurrency, seconds)


async def with_fresh_postgres(admin_url: str, count: int, concurrency: int) -> Result | None:
    url = make_url(admin_url)
    try:
        admin = await asyncpg.connect(host=url.host, port=url.port, user=url.username, database=url.database)
    except (OSError, asyncpg.PostgresError) as error:
        print(f"PostgreSQL skipped: {error}")
        return None
    name = f"motcua_bench_{uuid.uuid4().hex[:8]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        return await run(url.set(database=name).render_as_string(hide_password=False), "postgresql", count, concurrency)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--postgres", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    results: list[Result] = []
    for concurrency in (1, args.concurrency):
        with tempfile.TemporaryDirectory() as directory:
            results.append(await run(f"sqlite+aiosqlite:///{directory}/bench.db", "sqlite", args.count, concurrency))
        postgres = await with_fresh_postgres(args.postgres, args.count, concurrency)
        if postgres is not None:
            results.append(postgres)

    print(f"{args.count} submissions each; durable = committed before submit() returns\n")
    print(f"{'backend':<12}{'concurrency':>12}{'seconds':>10}{'per second':>12}{'target':>9}  verdict")
    for result in results:
        target = TARGETS[result.backend]
        if result.concurrency == 1:
            # One citizen at a time measures the latency of one durable submission (its own fsync), not
            # the throughput the targets are about: many citizens submitting at once, committed in groups.
            verdict = f"latency {1000 * result.seconds / result.count:.1f} ms each (no target)"
        else:
            verdict = "OK" if result.per_second >= target else "below target"
        shown_target = "—" if result.concurrency == 1 else str(target)
        print(
            f"{result.backend:<12}{result.concurrency:>12}{result.seconds:>10.2f}"
            f"{result.per_second:>12.0f}{shown_target:>9}  {verdict}"
        )


if __name__ == "__main__":
    asyncio.run(main())
