# ruff: noqa: E402 - the path fix below must run before the imports
"""Open311 intake throughput alone and with 8 anonymous readers of GET requests, on SQLite and PostgreSQL.

`motcua serve` runs in its own process, as in production, over a database holding 2,000 PAKN; this
process files requests through POST requests.json with an API key (SUBMITTERS at a time) for SECONDS,
first alone, then while 8 anonymous readers in a process of their own, each from its own loopback address
(127.0.0.2 … 127.0.0.9), read GET requests.json as fast as they are answered.
Target: with readers, at least 80 % of intake alone.
Run: .venv/bin/python bench/read_write.py [--seconds S] [--postgres URL]
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/<name>.py`, this folder comes first on the import path and bench/queue.py would hide
# the standard library's queue module (asyncio needs it): take the folder off the path before any import.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import asyncio
import contextlib
import itertools
import multiprocessing
import os
import socket
import subprocess
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from multiprocessing.queues import Queue

import aiohttp
import asyncpg
from sqlalchemy.engine import make_url

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.intake_limits import IntakeLimits
from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import CitizenRef, Contact, Draft
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.api_key_service import ApiKeyService
from feedback.service_layer.feedback_service import FeedbackService
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork

ITEMS = 2000
SUBMITTERS = 4
READERS = 8
TARGET = 0.80
CONTENT = "Đèn đường trước số {n} Lê Lợi hỏng đã hai tuần, buổi tối rất tối, đề nghị sửa gấp cho người dân."


@dataclass
class Tally:
    filed: int = 0
    reads: Counter[int] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)


async def prepare(url: str) -> str:
    """The schema, the bundled catalog left out (the web part does not need it), ITEMS PAKN; the API key."""
    engine = create_engine(url)
    await upgrade(engine)
    sessions = create_session_factory(engine)
    service = FeedbackService(
        lambda: SqlUnitOfWork(sessions),
        calendar=WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH)),
        limits=IntakeLimits(daily_cap_per_citizen=ITEMS + 1),
    )
    for n in range(ITEMS):
        contact = Contact(name=f"Người dân {n}", address=f"{n} Lê Lợi", phone="0912345678")
        draft = Draft(FeedbackType.PHAN_ANH, CONTENT.format(n=n), contact, CitizenRef("bench", str(n)))
        await service.submit(draft)
    _, key = await ApiKeyService(lambda: SqlUnitOfWork(sessions)).issue(f"bench-{uuid.uuid4().hex[:6]}")
    await engine.dispose()
    return key


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def server(url: str) -> AsyncIterator[str]:
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("MOTCUA_")}
    env |= {
        "MOTCUA_DATABASE_URL": url,
        "MOTCUA_WEB_PORT": str(port),
        "MOTCUA_DAILY_CAP_PER_CITIZEN": "1000000",
        "MOTCUA_LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "motcua.cli", "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(600):
                with contextlib.suppress(aiohttp.ClientError):
                    async with session.get(f"{base}/healthz") as response:
                        if response.status == 200:
                            break
                await asyncio.sleep(0.2)
            else:
                raise RuntimeError("motcua serve did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=60)


async def submitter(base: str, key: str, numbers: itertools.count[int], until: float, tally: Tally) -> None:
    async with aiohttp.ClientSession() as session:
        while time.perf_counter() < until:
            n = next(numbers)
            form = {
                "api_key": key,
                "service_code": "phan_anh",
                "description": CONTENT.format(n=n),
                "first_name": "Văn",
                "last_name": "Người dân",
                "phone": f"09{n % 100_000_000:08d}",
                "address_string": f"{n} Trần Phú",
            }
            try:
                async with session.post(f"{base}/open311/v2/requests.json", data=form) as response:
                    await response.read()
                    if response.status == 201:
                        tally.filed += 1
                    else:
                        tally.failures[f"POST {response.status}"] += 1
            except aiohttp.ClientError as error:
                tally.failures[type(error).__name__] += 1


async def reader(base: str, address: str, until: float, tally: Tally) -> None:
    connector = aiohttp.TCPConnector(local_addr=(address, 0))
    async with aiohttp.ClientSession(connector=connector) as session:
        while time.perf_counter() < until:
            try:
                async with session.get(f"{base}/open311/v2/requests.json") as response:
                    await response.read()
                    tally.reads[response.status] += 1
            except aiohttp.ClientError as error:
                tally.failures[type(error).__name__] += 1


def read_in_another_process(base: str, seconds: float, readers: int, results: Queue[dict[int, int]]) -> None:
    """The readers are other people's programs: their own process, so that their client work does not slow
    this process's submitters (on two cores, one event loop for both measured the client, not the server)."""

    async def run() -> dict[int, int]:
        tally = Tally()
        until = time.perf_counter() + seconds
        await asyncio.gather(*(reader(base, f"127.0.0.{2 + n}", until, tally) for n in range(readers)))
        return dict(tally.reads)

    results.put(asyncio.run(run()))


async def phase(base: str, key: str, seconds: float, readers: int, numbers: itertools.count[int]) -> Tally:
    tally = Tally()
    results: Queue[dict[int, int]] = multiprocessing.get_context("spawn").Queue()
    others = None
    if readers:
        others = multiprocessing.get_context("spawn").Process(
            target=read_in_another_process, args=(base, seconds, readers, results)
        )
        others.start()
    until = time.perf_counter() + seconds
    await asyncio.gather(*(submitter(base, key, numbers, until, tally) for _ in range(SUBMITTERS)))
    if others is not None:
        tally.reads.update(await asyncio.to_thread(results.get, True, seconds + 120))
        others.join(30)
    return tally


async def measure(url: str, backend: str, seconds: float) -> list[str]:
    key = await prepare(url)
    numbers = itertools.count(10_000)
    async with server(url) as base:
        await phase(base, key, 2, 0, numbers)  # warm the connections and caches
        alone = await phase(base, key, seconds, 0, numbers)
        loaded = await phase(base, key, seconds, READERS, numbers)
    ratio = loaded.filed / alone.filed if alone.filed else 0.0
    verdict = "OK" if ratio >= TARGET else "below target"
    reads = ", ".join(f"{status}: {count}" for status, count in sorted(loaded.reads.items()))
    failures = dict(alone.failures + loaded.failures)
    return [
        f"{backend:<12}{alone.filed / seconds:>12.1f}{loaded.filed / seconds:>16.1f}{100 * ratio:>8.0f} %  {verdict}",
        f"{'':<12}reads by status with readers: {reads or 'none'}; failures: {failures or 'none'}",
    ]


async def with_fresh_postgres(admin_url: str, seconds: float) -> list[str]:
    url = make_url(admin_url)
    try:
        admin = await asyncpg.connect(host=url.host, port=url.port, user=url.username, database=url.database)
    except (OSError, asyncpg.PostgresError) as error:
        return [f"PostgreSQL skipped: {error}"]
    name = f"motcua_bench_{uuid.uuid4().hex[:8]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        target = url.set(database=name).render_as_string(hide_password=False)
        return await measure(target, "postgresql", seconds)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--postgres", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as directory:
        lines += await measure(f"sqlite+aiosqlite:///{directory}/bench.db", "sqlite", args.seconds)
    lines += await with_fresh_postgres(args.postgres, args.seconds)
    print(f"Open311 submissions per second, {SUBMITTERS} submitters, over {ITEMS} PAKN; {args.seconds:.0f} s each\n")
    print(f"{'backend':<12}{'alone':>12}{'with ' + str(READERS) + ' readers':>16}{'ratio':>10}  (target ≥ 80 %)")
    for line in lines:
        print(line)


if __name__ == "__main__":
    asyncio.run(main())
