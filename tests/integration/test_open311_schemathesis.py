"""Schemathesis against /open311/v2/openapi.json: requests generated from the API's own description, sent to
the running application (SQLite), must never meet a server error and must answer as the description says.

A modest number of examples per operation runs with the suite; the nightly-sized run sets
MOTCUA_SCHEMATHESIS_EXAMPLES (for instance 3000): see the README.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.open311_world import UNLIMITED_READS, build_open311_world

OPENAPI = Path(__file__).resolve().parents[2] / "web" / "open311" / "openapi.json"
EXAMPLES = int(os.environ.get("MOTCUA_SCHEMATHESIS_EXAMPLES", "30"))
# The suite's run is the same every time (a failure reproduces); the nightly-sized run explores afresh.
NIGHTLY = "MOTCUA_SCHEMATHESIS_EXAMPLES" in os.environ
schema = schemathesis.openapi.from_path(OPENAPI)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole application (Open311 mounted, as `motcua serve` runs it) on a port, in a thread of its own."""
    from aiohttp import web

    loop = asyncio.new_event_loop()
    started = threading.Event()
    address: list[str] = []
    stopping = asyncio.Event()

    async def serve() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('schemathesis')}/motcua.db")
        await upgrade(engine)
        sessions = create_session_factory(engine)
        # No read limit here: the generated requests all come from one address.
        world = await build_open311_world(lambda: SqlUnitOfWork(sessions), Clock(), UNLIMITED_READS)
        runner = web.AppRunner(world.app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        address.append(f"http://127.0.0.1:{port}/open311/v2")
        started.set()
        await stopping.wait()
        await runner.cleanup()
        await engine.dispose()

    thread = threading.Thread(target=loop.run_until_complete, args=(serve(),), daemon=True)
    thread.start()
    assert started.wait(120), "the application did not start"
    yield address[0]
    loop.call_soon_threadsafe(stopping.set)
    thread.join(60)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=not NIGHTLY, suppress_health_check=list(HealthCheck))
def test_open311_answers_as_its_description_says_and_never_fails(case: schemathesis.Case, base_url: str) -> None:
    # Every check but "a schema-valid request is accepted": the description cannot say that end_date may be
    # at most 90 days after start_date, nor that a citizen needs a name, an address and a phone or e-mail,
    # so such requests are rightly refused with a documented 400.
    case.call_and_validate(base_url=base_url, excluded_checks=[positive_data_acceptance])
