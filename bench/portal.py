# ruff: noqa: E402 - the path fix below must run before the imports
"""The citizens' portal at scale: server time of its pages over 1,000,000 PAKN items, SQLite and PostgreSQL.

The portal's app as `motcua serve` composes it (the bundled catalog with its synonyms and pointers, search
lessons kept, PINs hashed ahead with the production Argon2id cost, the site's key from the database) over
the items of bench/queue.py. Times, inside the server (a middleware around every other: routing, the guard,
the database, rendering), the home page, results for the citizens' own queries
(bench/data/search_queries_citizens.jsonl), a procedure's page, following a PAKN by its code (a random
one of the million), the filer's page after the PIN, and the filing POST that commits a PAKN with a photo
(check, duplicate search, caps, PIN, commit). Targets: p99 <= 50 ms for reads, <= 100 ms for the
filing POST. The PIN check itself is reported apart: it is an Argon2id verification, slow on purpose.
Beside each server time, the CPU time of the event loop's thread during the request ("loop CPU"): the request's
own work there, which the machine's load does not lengthen (the server time includes the waits for a core).
Also prints each page type's weight (the HTML and the one style sheet; target under 150 KB).
Run: .venv/bin/python bench/portal.py [--rows N] [--requests N] [--postgres URL]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as `python bench/<name>.py`, this folder comes first on the import path and would hide the standard
# library's queue module behind bench/queue.py: take it off, and put the project's root on instead.
sys.path[:] = [str(ROOT)] + [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).parent]

import argparse
import asyncio
import html as html_text
import json
import os
import random
import re
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import asyncpg
from aiohttp import FormData, web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import insert
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.queue import audit_rows, settle, synthesise, units
from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.intake_limits import IntakeLimits
from feedback.domain.tracking_code import format_code
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.filer_pin import FilerPins
from motcua.bootstrap import PIN_HASH_COST, PINS_HASHED_AHEAD, bundled_catalog_path
from motcua.serve import freeze_start_up
from procedures_catalog.importing import import_catalog
from procedures_catalog.pointers import load_pointers
from procedures_catalog.services import Catalog
from procedures_catalog.synonyms import load_synonyms
from procedures_catalog.teaching import SearchTeaching
from storage.access_models import UnitRecord
from storage.db import create_engine, create_session_factory
from storage.feedback_models import AuditRecord, CitizenRecord, FeedbackRecord
from storage.migrate import upgrade
from storage.password_hashing import Argon2PasswordHasher
from storage.unit_of_work import SqlUnitOfWork
from storage.web_attempts import site_secret
from web.app import create_app
from web.citizen_pages import CitizenPages, utc_now
from web.form_guard import GuardPolicy
from web.uploads import UploadStore

READ_TARGET_MS = 50
FILING_TARGET_MS = 100
MAX_PAGE_KB = 150
QUERIES = ROOT / "bench" / "data" / "search_queries_citizens.jsonl"
CSS = ROOT / "web" / "static" / "portal.css"
PNG = (  # a 1×1 photo: what the type check reads as PNG
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    + b"\0" * 64
)
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


class ServerClock:
    """The server time of each request, measured by the outermost middleware; and the CPU time the event loop's
    thread spent meanwhile (the requests come one at a time, so that is the request's own work there, without
    the database driver's thread and the PIN hashes' threads, and without the time waited for a core)."""

    def __init__(self) -> None:
        self.last = 0.0
        self.last_cpu = 0.0

    @web.middleware
    async def middleware(self, request: web.Request, handler):  # type: ignore[no-untyped-def]
        started, cpu_started = time.perf_counter(), time.thread_time()
        try:
            return await handler(request)
        finally:
            self.last = (time.perf_counter() - started) * 1000
            self.last_cpu = (time.thread_time() - cpu_started) * 1000


def canonical_codes(items: list[dict[str, object]]) -> None:
    """bench/queue.py numbers its items across days; the portal finds an item by its code as the service makes
    it (the day, then the item's number within that day)."""
    numbers: dict[object, int] = {}
    for item in items:
        day = item["received_on"]
        numbers[day] = numbers.get(day, 0) + 1
        item["code"] = format_code(day, numbers[day])  # type: ignore[arg-type]


async def load(engine: AsyncEngine, items: list[dict[str, object]], calendar: WorkingCalendar) -> float:
    """bench/queue.py's items, their audit entries and units, and the bundled catalog."""
    started = time.perf_counter()
    now = utc_now()
    async with engine.begin() as connection:
        citizens = [
            {"channel": "bench", "external_id": str(n), "created_at": now, "updated_at": now} for n in range(10_000)
        ]
        await connection.execute(insert(CitizenRecord.__table__), citizens)
        await connection.execute(insert(UnitRecord.__table__), units())
        for start in range(0, len(items), 20_000):
            await connection.execute(insert(FeedbackRecord.__table__), items[start : start + 20_000])
        audit = audit_rows(items, calendar)
        for start in range(0, len(audit), 20_000):
            await connection.execute(insert(AuditRecord.__table__), audit[start : start + 20_000])
    async with SqlUnitOfWork(create_session_factory(engine)) as uow:
        await import_catalog(bundled_catalog_path(), uow)
    return time.perf_counter() - started


async def portal_app(
    engine: AsyncEngine, calendar: WorkingCalendar, files: Path, clock: ServerClock
) -> web.Application:
    sessions = create_session_factory(engine)

    def uow_factory() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions)

    every_request_from_one_address = IntakeLimits(daily_cap_per_address=1_000_000)
    feedback = FeedbackService(uow_factory, calendar=calendar, limits=every_request_from_one_address)
    catalog = await Catalog.load(uow_factory, load_synonyms(), load_pointers())
    pages = CitizenPages(
        feedback=feedback,
        pins=FilerPins(uow_factory, Argon2PasswordHasher(**PIN_HASH_COST), utc_now, hashed_ahead=PINS_HASHED_AHEAD),
        uploads=UploadStore(files, feedback.limits),
        key=await site_secret(sessions),
        guard_policy=GuardPolicy(min_fill=timedelta(0)),  # the bench fills the form in no time
    )
    app = create_app(catalog, citizen_pages=pages, teaching=SearchTeaching(uow_factory, catalog))
    app.middlewares.insert(0, clock.middleware)
    return app


def hidden_fields(html: str) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for name, value in _HIDDEN.findall(html):
        fields.setdefault(name, []).append(html_text.unescape(value))
    return fields


class Run:
    def __init__(self, client: TestClient, clock: ServerClock) -> None:
        self.client = client
        self.clock = clock
        self.samples: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}
        self.weights: dict[str, int] = {}
        self.location = ""

    async def timed(self, name: str, call: Callable[[], Awaitable[tuple[int, str]]], expect: int = 200) -> str:
        status, body = await call()
        if status != expect:
            raise RuntimeError(f"{name}: HTTP {status}: {body[:300]}")
        self.samples.setdefault(name, []).append(self.clock.last)
        self.cpu.setdefault(name, []).append(self.clock.last_cpu)
        self.weights.setdefault(name, len(body.encode()))
        return body

    async def request(self, method: str, path: str, **options: Any) -> tuple[int, str, str]:
        """The status, body and Location of a request through the test client's session: its `get` and `post`
        keep every response until the client closes, thousands of objects the server's collector would walk."""
        async with self.client.session.request(method, self.client.make_url(path), **options) as response:
            return response.status, await response.text(), response.headers.get("Location", "")

    async def get(self, name: str, path: str, params: dict[str, str] | None = None) -> str:
        async def call() -> tuple[int, str]:
            status, body, _ = await self.request("GET", path, params=params)
            return status, body

        return await self.timed(name, call)

    async def file_one(self, number: int) -> tuple[str, str]:
        """Open the form, review, send (the timed POST), read the receipt; the code and the PIN."""
        form = await self.get("filing form", "/phan-anh/gui")
        token = hidden_fields(form)["csrf_token"][0]
        fields = {
            "csrf_token": token,
            "buoc": "xem_lai",
            "loai": "phan_anh",
            "noi_dung": f"Bộ phận một cửa xã hẹn trả kết quả hồ sơ số {number} đã quá hạn mà chưa trả, không báo lý do",
            "ho_ten": "Trần Thị Lan",
            "lien_he": f"09{number:08d}",
            "dia_chi": "12 Lê Lợi, phường Hội An",
        }

        async def review() -> tuple[int, str]:
            status, body, _ = await self.request("POST", "/phan-anh/gui", data=_multipart(fields, [("anh.png", PNG)]))
            return status, body

        summary = await self.timed("summary (review POST)", review)
        sent_fields = {**hidden_fields(summary), "buoc": ["gui"]}

        async def send() -> tuple[int, str]:
            data = _pairs(sent_fields)
            status, body, self.location = await self.request("POST", "/phan-anh/gui", data=data, allow_redirects=False)
            return status, body

        await self.timed("filing POST (commit)", send, expect=303)
        receipt = await self.get("receipt", self.location)
        code = re.search(r'<dd class="code">([^<]+)</dd>', receipt)
        pin = re.search(r'<dd class="pin">([^<]+)</dd>', receipt)
        assert code is not None and pin is not None, receipt[:500]
        return code.group(1), pin.group(1)

    async def unlock(self, code: str, pin: str) -> None:
        _, page, _ = await self.request("GET", "/phan-anh/tra-cuu", params={"ma": code})
        token = hidden_fields(page)["csrf_token"][0]

        async def call() -> tuple[int, str]:
            data = {"csrf_token": token, "ma": code, "pin": pin}
            status, body, _ = await self.request("POST", "/phan-anh/tra-cuu", data=data, allow_redirects=False)
            return status, body

        await self.timed("PIN check (Argon2id)", call, expect=303)


def _multipart(fields: dict[str, str], files: list[tuple[str, bytes]]) -> FormData:
    data = FormData()
    for name, value in fields.items():
        data.add_field(name, value)
    for name, content in files:
        data.add_field("tep", content, filename=name, content_type="image/png")
    return data


def _pairs(fields: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(name, value) for name, values in fields.items() for value in values]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def measure(
    url: str, backend: str, items: list[dict[str, object]], calendar: WorkingCalendar, requests: int
) -> list[str]:
    engine = create_engine(url)
    await upgrade(engine)
    seconds = await load(engine, items, calendar)
    await settle(engine)
    rng = random.Random(12)
    queries = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    codes = [code for query in queries for code in query["expected"]]
    tracked = [str(item["code"]) for item in rng.sample(items, min(len(items), requests))]
    clock = ServerClock()
    load_before = os.getloadavg()[0]  # other programs on the machine lengthen every figure below
    with tempfile.TemporaryDirectory() as files:
        app = await portal_app(engine, calendar, Path(files), clock)
        freeze_start_up()  # as `motcua serve` does once started (this bench's million items are frozen with it)
        async with TestClient(TestServer(app)) as client:
            run = Run(client, clock)
            for warm in range(3):  # the first requests compile templates and fill caches
                await run.get("warm", "/")
                await run.get("warm", "/thu-tuc", {"q": queries[warm]["query"]})
            for n in range(requests):
                await run.get("home", "/")
                await run.get("results", "/thu-tuc", {"q": queries[n % len(queries)]["query"]})
                await run.get("procedure", f"/thu-tuc/{codes[n % len(codes)]}")
                await run.get("tracking by code", "/phan-anh/tra-cuu", {"ma": tracked[n % len(tracked)]})
            filed = [await run.file_one(n) for n in range(requests)]
            for code, pin in filed:  # as many as the other pages: a p99 of fewer is the worst one
                await run.unlock(code, pin)
                await run.get("tracking with PIN", f"/phan-anh/tra-cuu/{code}")
    await engine.dispose()
    css = len(CSS.read_bytes())
    lines = [
        f"{backend}: {len(items):,} items loaded in {seconds:.0f} s; {requests} requests per page; "
        f"load average {load_before:.1f} before the timings, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} CPUs"
    ]
    for name, target in (
        ("home", READ_TARGET_MS),
        ("results", READ_TARGET_MS),
        ("procedure", READ_TARGET_MS),
        ("tracking by code", READ_TARGET_MS),
        ("tracking with PIN", READ_TARGET_MS),
        ("filing form", READ_TARGET_MS),
        ("receipt", READ_TARGET_MS),
        ("filing POST (commit)", FILING_TARGET_MS),
        ("summary (review POST)", FILING_TARGET_MS),
        ("PIN check (Argon2id)", None),
    ):
        samples, cpu = run.samples[name], run.cpu[name]
        p50, p99 = statistics.median(samples), percentile(samples, 0.99)
        verdict = "" if target is None else f"target p99 <= {target} ms  " + ("OK" if p99 <= target else "ABOVE")
        lines.append(
            f"  {name:<22} p50 {p50:6.1f} ms   p99 {p99:6.1f} ms   {verdict:<24}"
            f"loop CPU p50 {statistics.median(cpu):5.1f} p99 {percentile(cpu, 0.99):5.1f} ms"
        )
    lines.append(f"  page weight (HTML + {css / 1024:.1f} KB style sheet; target < {MAX_PAGE_KB} KB):")
    for name, size in run.weights.items():
        if name != "warm" and not name.startswith(("filing POST", "PIN check")):
            lines.append(f"    {name:<22} {(size + css) / 1024:6.1f} KB")
    return lines


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--postgres", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    calendar = WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH))
    items = synthesise(args.rows, calendar)
    canonical_codes(items)
    report: list[str] = []
    with tempfile.TemporaryDirectory() as directory:
        report += await measure(f"sqlite+aiosqlite:///{directory}/portal.db", "sqlite", items, calendar, args.requests)
    print("\n".join(report), flush=True)
    url = make_url(args.postgres)
    try:
        admin = await asyncpg.connect(host=url.host, port=url.port, user=url.username, database=url.database)
    except (OSError, asyncpg.PostgresError) as error:
        print(f"postgresql: skipped ({error})")
        return
    name = f"motcua_bench_{uuid.uuid4().hex[:8]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        target = url.set(database=name).render_as_string(hide_password=False)
        print("\n".join(await measure(target, "postgresql", items, calendar, args.requests)))
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
