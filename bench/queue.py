# ruff: noqa: E402 - the path fix below must run before the imports
"""The officers' queue at scale: 1,000,000 synthesised PAKN rows, on SQLite and PostgreSQL.

Times one unit's queue page (50 items by legal deadline) and the overdue list, each through
FeedbackService.queue, the way the bot and the web call it (targets: both <= 100 ms), and the yearly PAKN
report through ReportService.build, for all units and for a unit with its sub-units (target <= 1 s).
Old items are answered (about one in eight late), closed or refused, with ratings and related procedures;
every item has a receive entry in the audit trail, an answered one an answer entry, one in 30 a forward entry
(1 to 5 working days after receipt, from another unit) and a paused one its question to the citizen.
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
from sqlalchemy import insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.deadlines import (
    VIETNAM_TIME,
    DeadlinePolicy,
    answer_due,
    local_date,
    remaining_working_days,
    working_days_to_answer,
)
from feedback.domain.queue import QueueFilter
from feedback.domain.status import Status
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.report_service import ReportService
from storage.access_models import UnitRecord
from storage.db import create_engine, create_session_factory
from storage.feedback_models import AuditRecord, CitizenRecord, FeedbackRecord
from storage.migrate import upgrade
from storage.models import ProcedureRecord
from storage.unit_of_work import SqlUnitOfWork

UNITS = [f"UNIT{n:03d}" for n in range(60)]
TODAY = date(2026, 11, 23)
TARGET_MS = 100
REPORT_TARGET_MS = 1000
PROCEDURES = [f"1.{n:06d}" for n in range(300)]
# Most items of past months are answered or closed; recent ones are still in process.
OLD_STATUSES = [Status.CLOSED] * 6 + [Status.ANSWERED] * 3 + [Status.REFUSED]
RECENT_STATUSES = [Status.RECEIVED, Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING_FOR_CITIZEN]


def at_local(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=VIETNAM_TIME).astimezone(UTC)


def outcome(
    rng: random.Random, status: Status, received_on: date, since: date, calendar: WorkingCalendar
) -> dict[str, object]:
    """When an old item was answered (about one in eight late, counted from `since`: receipt, or the forward)
    or refused, its rating, its related procedure; when a paused one was paused."""
    fields: dict[str, object] = {"procedure_code": rng.choice(PROCEDURES) if rng.random() < 0.6 else None}
    if status in (Status.ANSWERED, Status.CLOSED):
        took = rng.randint(11, 25) if rng.random() < 0.12 else rng.randint(1, 10)
        answered_on = calendar.add_working_days(since, took)
        fields["answered_on"] = answered_on
        fields["answer_working_days"] = working_days_to_answer(calendar, received_on, answered_on)
        if status == Status.CLOSED:
            fields["closed_on"] = calendar.add_working_days(answered_on, 10)
        if rng.random() < 0.4:
            fields["rating"] = rng.choice((1, 2, 3, 4, 4, 5, 5, 5))
    elif status == Status.REFUSED:
        fields["closed_on"] = calendar.add_working_days(since, rng.randint(1, 2))
    elif status == Status.WAITING_FOR_CITIZEN:
        fields["paused_on"] = min(calendar.add_working_days(since, 1), TODAY)
    return fields


def synthesise(rows: int, calendar: WorkingCalendar) -> list[dict[str, object]]:
    rng = random.Random(20261123)
    policy = DeadlinePolicy()
    first = TODAY - timedelta(days=730)
    items = []
    for n in range(rows):
        received_on = first + timedelta(days=int(730 * (n / rows)))
        recent = (TODAY - received_on).days < 30
        status = rng.choice(RECENT_STATUSES if recent else OLD_STATUSES)
        forwarded_on = calendar.add_working_days(received_on, 1 + n % 5) if (n + 1) % 30 == 0 else None
        if forwarded_on is not None and forwarded_on >= TODAY:
            forwarded_on = None
        since = forwarded_on or received_on
        due = answer_due(calendar, since, policy)
        received_at = datetime(received_on.year, received_on.month, received_on.day, 2, tzinfo=UTC)
        fields = outcome(rng, status, received_on, since, calendar)
        paused_on = fields.pop("paused_on", None)
        if status == Status.REFUSED and forwarded_on is not None:
            forwarded_on, due = None, answer_due(calendar, received_on, policy)  # refused where it came in
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
                "received_at": received_at,
                "received_on": received_on,
                "classify_due": due,
                "due": due,
                "extended": False,
                "reopen_count": 0,
                "updated_at": datetime.now(UTC),
                "version": 1,
                "answered_on": None,
                "answer_working_days": None,
                "first_forwarded_on": forwarded_on,
                "paused_on": paused_on,
                "days_left_at_pause": remaining_working_days(calendar, due, paused_on) if paused_on else None,
                "standing_changed_on": max(filter(None, (forwarded_on, paused_on)), default=None),
                "closed_on": None,
                "rating": None,
                **fields,
            }
        )
    return items


def audit_rows(items: list[dict[str, object]], calendar: WorkingCalendar) -> list[dict[str, object]]:
    """The entries the reports read, as the domain writes them (ids follow the insertion order): receive for
    every item, forward (from another unit, with the deadline it had there), answer, and ask_citizen."""
    policy = DeadlinePolicy()
    rows = []
    for item_id, item in enumerate(items, start=1):
        unit, due = item["unit"], item["due"]
        rows.append(_audit(item_id, item["received_at"], "receive", None, "received"))  # type: ignore[arg-type]
        if forwarded_on := item["first_forwarded_on"]:
            before = {"from_unit": UNITS[(UNITS.index(unit) + 1) % len(UNITS)]}  # type: ignore[arg-type]
            before["from_due"] = answer_due(calendar, item["received_on"], policy)  # type: ignore[arg-type,assignment]
            at = at_local(forwarded_on, 10)  # type: ignore[arg-type]
            rows.append(_audit(item_id, at, "forward", "accepted", "forwarded", **before))
        if paused_on := item["paused_on"]:
            at = at_local(paused_on, 10)  # type: ignore[arg-type]
            rows.append(_audit(item_id, at, "ask_citizen", "in_progress", "waiting_for_citizen", unit, due))
        if answered_on := item["answered_on"]:
            at = at_local(answered_on, 15)  # type: ignore[arg-type]
            rows.append(_audit(item_id, at, "answer", "in_progress", "answered", unit, due))
    return rows


def _audit(
    item_id: int,
    at: datetime,
    action: str,
    before: str | None,
    after: str,
    from_unit: object = None,
    from_due: object = None,
) -> dict[str, object]:
    return {
        "item_id": item_id,
        "at": at,
        "actor_kind": "officer",
        "actor_id": "bench",
        "action": action,
        "from_status": before,
        "to_status": after,
        "local_day": local_date(at),
        "from_unit": from_unit,
        "from_due": from_due,
        "from_answered_on": None,
        "from_answer_working_days": None,
        "from_days_left_at_pause": None,
    }


async def load(engine: AsyncEngine, items: list[dict[str, object]], calendar: WorkingCalendar) -> float:
    started = time.perf_counter()
    now = datetime.now(UTC)
    async with engine.begin() as connection:
        citizens = [
            {"channel": "bench", "external_id": str(n), "created_at": now, "updated_at": now} for n in range(10_000)
        ]
        await connection.execute(insert(CitizenRecord.__table__), citizens)
        await connection.execute(insert(UnitRecord.__table__), units())
        await connection.execute(insert(ProcedureRecord.__table__), procedures(now))
        for start in range(0, len(items), 20_000):
            await connection.execute(insert(FeedbackRecord.__table__), items[start : start + 20_000])
        audit = audit_rows(items, calendar)
        for start in range(0, len(audit), 20_000):
            await connection.execute(insert(AuditRecord.__table__), audit[start : start + 20_000])
    return time.perf_counter() - started


async def settle(engine: AsyncEngine) -> None:
    """On PostgreSQL, what autovacuum does in service after a large insert: statistics for the planner, and the
    visibility map, without which an index-only scan still visits every row it reads. Here it would come at
    an unknown moment during the timings. SQLite's plans do not depend on statistics it lacks here."""
    if engine.dialect.name != "postgresql":
        return
    async with engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.execute(text("VACUUM ANALYZE"))


def units() -> list[dict[str, object]]:
    """UNIT000 heads UNIT001..UNIT009 (a unit with sub-units); the others stand alone."""
    return [
        {"code": code, "name": f"Đơn vị {code}", "parent_code": UNITS[0] if 1 <= n <= 9 else None}
        for n, code in enumerate(UNITS)
    ]


def procedures(now: datetime) -> list[dict[str, object]]:
    return [
        {"code": code, "name": f"Thủ tục {code}", "field": f"Lĩnh vực {n % 25}", "updated_at": now}
        for n, code in enumerate(PROCEDURES)
    ]


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
    seconds = await load(engine, items, calendar)
    await settle(engine)
    session_factory = create_session_factory(engine)

    def service_clock() -> datetime:
        return datetime(TODAY.year, TODAY.month, TODAY.day, 3, tzinfo=UTC)

    service = FeedbackService(lambda: SqlUnitOfWork(session_factory), calendar=calendar, clock=service_clock)
    unit_page = await timed(lambda: service.queue(QueueFilter(units=frozenset({UNITS[7]}))))
    overdue = await timed(lambda: service.queue(QueueFilter(overdue_only=True)))
    unit_overdue = await timed(lambda: service.queue(QueueFilter(units=frozenset({UNITS[7]}), overdue_only=True)))
    reports = ReportService(lambda: SqlUnitOfWork(session_factory), service_clock)
    year = (date(TODAY.year - 1, 1, 1), date(TODAY.year - 1, 12, 31))
    yearly = await timed(lambda: reports.build(*year), repeat=5)
    this_year = await timed(lambda: reports.build(date(TODAY.year, 1, 1), date(TODAY.year, 12, 31)), repeat=5)
    unit_year = await timed(lambda: reports.build(*year, unit=UNITS[0]), repeat=5)
    sample = await reports.build(*year)
    await engine.dispose()
    lines = [f"{backend}: {len(items):,} rows loaded in {seconds:.1f} s"]
    for name, (median, worst), target in (
        ("unit queue page", unit_page, TARGET_MS),
        ("overdue list (all units)", overdue, TARGET_MS),
        ("unit overdue list", unit_overdue, TARGET_MS),
        (f"yearly report {year[0].year}", yearly, REPORT_TARGET_MS),
        (f"yearly report {TODAY.year}", this_year, REPORT_TARGET_MS),
        ("yearly report, unit+subs", unit_year, REPORT_TARGET_MS),
    ):
        verdict = "OK" if median <= target else "above target"
        lines.append(f"  {name:<26} median {median:7.1f} ms   max {worst:7.1f} ms   target {target} ms  {verdict}")
    total = sample.total
    lines.append(
        f"  ({year[0].year}: received {total.received:,}, answered on time {total.answered_on_time:,}, late "
        f"{total.answered_late:,}, refused {total.refused:,}, forwarded {total.forwarded:,}, "
        f"{len(sample.by_procedure)} procedures, {len(sample.by_field)} fields)"
    )
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


if __name__ == "__main__":
    asyncio.run(main())
