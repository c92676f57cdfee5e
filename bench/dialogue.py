# ruff: noqa: E402 - the path fix below must run before the imports
"""The dialogue end to end through a messenger's webhook, on real `motcua serve` processes: updates per
second and the time to answer one (p50/p99), for a lookup and for a filing step, one instance and two on one
database, SQLite and PostgreSQL; then a burst of citizens writing at once against the rate-limited stand-in:
replies delivered, lost (target 0), time to the last reply.

The channel is Zalo (its signed webhook and the OA stand-in); the time to answer is the webhook's: Zalo gets
its 200 once the dialogue has committed the state and queued the replies, and an event not answered within
Zalo's deadline (a 503) is sent again, as Zalo does, until it is: the time counts to that 200.
CPU per update is each instance's own (its user and system time over the run): how many updates a core takes.
Run: .venv/bin/python bench/dialogue.py [--count N] [--concurrency C] [--burst B] [--postgres URL]
Target (issue 10): >= 300 updates/s per instance on PostgreSQL.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import asyncio
import contextlib
import os
import socket
import statistics
import subprocess
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import asyncpg
from sqlalchemy.engine import make_url

from motcua.bootstrap import import_bundled_catalog_if_empty
from stand_ins.zalo_oa import LocalZaloOa
from stand_ins.zalo_user import ZaloUser
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from zalo.webhook import PATH

TARGET = 300
MOTCUA = [sys.executable, "-m", "motcua.cli"]
LOOKUPS = ["dang ky khai sinh", "lam so do", "doi bang lai xe", "cap lai can cuoc", "dang ky ket hon"]


@dataclass(frozen=True)
class Run:
    label: str
    updates: int
    seconds: float
    latencies: list[float]
    cpu_seconds: float
    instances: int
    statuses: dict[int, int]

    def line(self) -> str:
        ordered = sorted(self.latencies)
        p50 = statistics.median(ordered) * 1000 if ordered else 0.0
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000 if ordered else 0.0
        per_instance = self.updates / self.seconds / self.instances
        cpu_ms = 1000 * self.cpu_seconds / self.updates if self.updates else 0.0
        verdict = "" if self.label.startswith("sqlite") else ("OK" if per_instance >= TARGET else "below target")
        odd = {status: count for status, count in self.statuses.items() if status != 200}
        return (
            f"{self.label:<34}{self.updates / self.seconds:>9.1f}/s{per_instance:>9.1f}/s/inst"
            f"{p50:>9.1f}{p99:>9.1f} ms{cpu_ms:>9.1f} ms CPU (~{1000 / cpu_ms if cpu_ms else 0:.0f}/s a core)"
            f"  {verdict}{'  other answers: ' + str(odd) if odd else ''}"
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User and system time of a process so far (Linux's /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def prepare(url: str, oa: LocalZaloOa) -> None:
    engine = create_engine(url)
    await upgrade(engine)
    factory = create_session_factory(engine)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(factory)

    await import_bundled_catalog_if_empty(uow)
    async with uow() as work:
        await work.zalo.connect(oa.issue_tokens(), oa_id=oa.oa_id, oa_name=oa.oa_name, at=oa.clock())
        await work.commit()
    await engine.dispose()


@contextlib.asynccontextmanager
async def instances(url: str, oa: LocalZaloOa, count: int) -> AsyncIterator[list[tuple[str, int]]]:
    """`count` motcua serve processes on `url`, each with the Zalo channel on; (webhook URL, pid) of each."""
    processes: list[tuple[subprocess.Popen[bytes], int]] = []
    base = {key: value for key, value in os.environ.items() if not key.startswith("MOTCUA_")}
    try:
        for _ in range(count):
            port = free_port()
            env = {
                **base,
                "MOTCUA_DATABASE_URL": url,
                "MOTCUA_WEB_PORT": str(port),
                "MOTCUA_LOG_LEVEL": "WARNING",
                "MOTCUA_ZALO_APP_ID": oa.app_id,
                "MOTCUA_ZALO_APP_SECRET": oa.app_secret,
                "MOTCUA_ZALO_OA_SECRET_KEY": oa.oa_secret_key,
                "MOTCUA_ZALO_API_BASE": oa.api_base,
                "MOTCUA_ZALO_OAUTH_BASE": oa.oauth_base,
                "MOTCUA_ZALO_ZNS_BASE": oa.zns_base,
            }
            process = subprocess.Popen(
                [*MOTCUA, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            processes.append((process, port))
        async with aiohttp.ClientSession() as session:
            for process, port in processes:
                for _ in range(600):
                    with contextlib.suppress(aiohttp.ClientError):
                        async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                            if response.status == 200:
                                break
                    if process.poll() is not None:
                        raise RuntimeError("motcua serve ended at start")
                    await asyncio.sleep(0.1)
        yield [(f"http://127.0.0.1:{port}{PATH}", process.pid) for process, port in processes]
    finally:
        for process, _ in processes:
            process.terminate()
        for process, _ in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(30)


async def drive(
    oa: LocalZaloOa, urls: list[str], pids: list[int], label: str, texts: list[str], count: int, concurrency: int
) -> Run:
    """`count` updates from `concurrency` citizens, each citizen's on one instance (alternating by citizen)."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency * 2)) as session:
        run = uuid.uuid4().hex[:6]
        people = [
            ZaloUser(oa, urls[n % len(urls)], session, str(7_000_000_000_000_000_000 + hash((run, n)) % 10**15))
            for n in range(concurrency)
        ]
        per_person = max(1, count // concurrency)

        async def one(person: ZaloUser) -> None:
            for step in range(per_person):
                started = time.perf_counter()
                status = await person.send_text(texts[step % len(texts)])
                while status == 503:  # not answered within Zalo's 2 s: Zalo sends it again, and it acts once
                    statuses[503] = statuses.get(503, 0) + 1
                    status = await person.resend_last()
                latencies.append(time.perf_counter() - started)
                statuses[status] = statuses.get(status, 0) + 1

        cpu_before = sum(cpu_seconds(pid) for pid in pids)
        started = time.perf_counter()
        await asyncio.gather(*(one(person) for person in people))
        seconds = time.perf_counter() - started
        cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before
    return Run(label, len(latencies), seconds, latencies, cpu, len(urls), statuses)


async def burst(oa: LocalZaloOa, urls: list[str], size: int) -> str:
    """`size` citizens write at once; every one must get an answer through Zalo's rate limits."""
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=200)) as session:
        run = uuid.uuid4().hex[:6]
        people = [ZaloUser(oa, urls[n % len(urls)], session, f"8{hash((run, n)) % 10**17:017d}") for n in range(size)]
        started = time.perf_counter()
        statuses = await asyncio.gather(*(person.send_text("xin chào") for person in people))
        for person, status in zip(people, statuses, strict=True):
            while status == 503:  # as Zalo does: not answered in time, sent again (it acts once)
                status = await person.resend_last()
        deadline = time.perf_counter() + max(120.0, size / 10)
        answered = 0
        while time.perf_counter() < deadline:
            answered = sum(1 for person in people if oa.messages_to(person.user_id))
            if answered == size:
                break
            await asyncio.sleep(0.2)
        seconds = time.perf_counter() - started
    return f"burst of {size}: {answered} answered, {size - answered} lost, last reply after {seconds:.1f} s"


@contextlib.asynccontextmanager
async def database(backend: str, postgres: str) -> AsyncIterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite+aiosqlite:///{folder}/bench.db"
        return
    admin = make_url(postgres).set(drivername="postgresql")
    name = f"bench_dialogue_{uuid.uuid4().hex[:8]}"
    connection = await asyncpg.connect(admin.render_as_string(hide_password=False))
    await connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(postgres).set(database=name).render_as_string(hide_password=False)
    finally:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=600, help="updates per measured run")
    parser.add_argument("--concurrency", type=int, default=32, help="citizens writing at the same time")
    parser.add_argument("--burst", type=int, default=1000, help="citizens in the burst (issue: 5,000)")
    parser.add_argument("--postgres", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    print(f"{'run':<34}{'updates':>11}{'per inst':>16}{'p50':>9}{'p99':>9}{'CPU/update':>20}")
    for backend in ("sqlite", "postgresql"):
        for count in (1, 2):
            async with database(backend, args.postgres) as url, LocalZaloOa() as oa:
                await prepare(url, oa)
                async with instances(url, oa, count) as served:
                    urls, pids = [url for url, _ in served], [pid for _, pid in served]
                    await drive(oa, urls, pids, "warm-up", LOOKUPS, 64, 8)
                    for label, texts in (("lookup", LOOKUPS), ("filing step", ["/phananh", "/huy"])):
                        run = await drive(
                            oa, urls, pids, f"{backend} {count} inst {label}", texts, args.count, args.concurrency
                        )
                        print(run.line(), flush=True)
                    if count == 2 and backend == "postgresql" and args.burst:
                        print(await burst(oa, urls, args.burst), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
