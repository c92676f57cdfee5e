"""Least exposure, SQLite and PostgreSQL: a whole run (two citizens filing on the portal, one with a phone and
one with an e-mail, officers working the queue, refused actions and bad requests, every report format, the
retention job, the access-log export) never puts a seeded name, phone, e-mail or address into a log line, a
queue list or an exported file; only the item page shows them."""

from __future__ import annotations

import argparse
import io
import logging
import zipfile
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from feedback.domain.retention import RetentionPolicy
from feedback.service_layer.data_views import DataViews
from feedback.service_layer.personal_data import PersonalData
from feedback.service_layer.scheduled_jobs import ScheduledJobs
from motcua.access_log_command import export_access_log
from motcua.logging_setup import STATEMENT_LOGGERS, configure_logging
from storage.attachment_files import DiskAttachmentFiles
from tests.manual_clock import Clock
from tests.portal_helpers import GOOD, PNG, build_portal, file_through_portal
from tests.web_office import CALENDAR, WebOffice, csrf_token, log_in

NAME, ADDRESS = "Trần Thị Lan", "12 Lê Lợi, phường Hội An"
EMAIL_FILER = {**GOOD, "ho_ten": "Phạm Văn Khoa", "lien_he": "khoa.pham@example.vn", "dia_chi": "45 Hùng Vương, Hội An"}
SEEDED = (
    NAME,
    "0912345678",
    "0912 345 678",
    "912345678",
    ADDRESS,
    "Lê Lợi",
    "Phạm Văn Khoa",
    "khoa.pham",
    "Hùng Vương",
)


@pytest.fixture
async def world(uow_factory, clock: Clock, tmp_path: Path) -> WebOffice:
    return await build_portal(uow_factory, clock, tmp_path / "files")


@pytest.fixture
async def client(world: WebOffice) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(world.app)) as client:
        yield client


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """Everything logged, as `motcua serve` logs it (motcua.logging_setup) at DEBUG, the most it can say."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    quieted = {name: logging.getLogger(name).level for name in ("httpx", *STATEMENT_LOGGERS)}
    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream)
    yield stream
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, before in quieted.items():
        logging.getLogger(name).setLevel(before)


def leaks(text: str) -> list[str]:
    return [value for value in SEEDED if value in text]


def file_text(body: bytes) -> str:
    """A downloaded file as text: the members of an XLSX or DOCX (zip) archive, else the bytes themselves."""
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return body.decode("utf-8", "replace")


async def test_a_whole_run_leaks_no_personal_data_outside_the_item_page(
    world: WebOffice, client: TestClient, clock: Clock, log_lines: io.StringIO, uow_factory, tmp_path: Path
) -> None:
    by_phone, _ = await file_through_portal(client, clock, files=[("anh.png", PNG)])
    clock.advance(minutes=5)
    by_email, _ = await file_through_portal(client, clock, EMAIL_FILER)
    client.session.cookie_jar.clear()
    token = await log_in(client, "chi")

    seen: list[str] = []
    for path in ("/can-bo/queue", "/can-bo/queue?mine=1", "/can-bo/queue?overdue=1", "/can-bo/queue?q=Lan"):
        seen.append(await (await client.get(path)).text())
    page = await (await client.get(f"/can-bo/items/{by_phone}")).text()
    assert NAME in page and "0912345678" in page and ADDRESS in page  # the item page is where they are shown
    token = csrf_token(page)
    # Refused and bad requests: error paths log too.
    actions = f"/can-bo/items/{by_phone}/actions"
    refused = await client.post(f"{actions}/answer", data={"csrf_token": token})  # the item page again, 400
    assert refused.status == 400 and NAME in await refused.text()
    seen.append(await (await client.post(f"{actions}/refuse", data={"csrf_token": "x"})).text())
    seen.append(await (await client.get(f"/can-bo/items/{by_phone}/attachments/9")).text())
    answer = {"csrf_token": token, "text": "Xã đã bỏ yêu cầu bản sao sổ hộ khẩu.", "step": "send"}
    await client.post(f"/can-bo/items/{by_phone}/actions/answer", data=answer)
    await client.post(f"/can-bo/items/{by_email}/actions/refuse", data={"csrf_token": token, "reason": "out_of_scope"})

    for kind in ("csv", "json", "xlsx", "docx"):
        download = await client.get(f"/can-bo/reports/download?from=2026-11-01&to=2026-11-23&format={kind}")
        assert download.status == 200, kind
        seen.append(file_text(await download.read()))
    out = io.StringIO()
    views = DataViews(uow_factory)
    await export_access_log(
        views, argparse.Namespace(since=date(2026, 11, 1), until=date(2026, 11, 30), output=None), out
    )
    assert by_phone in out.getvalue()
    seen.append(out.getvalue())

    personal_data = PersonalData(
        uow_factory,
        DiskAttachmentFiles(tmp_path / "files"),
        calendar=CALENDAR,
        retention=RetentionPolicy(contact_days=1, attachment_days=1),
        clock=clock,
    )
    jobs = ScheduledJobs(uow_factory, world.feedback, holder="scan", clock=clock, personal_data=personal_data)
    clock.advance(days=9)  # Wednesday 2/12/2026
    await jobs.tick()

    assert [(number, leaks(text)) for number, text in enumerate(seen) if leaks(text)] == []
    lines = log_lines.getvalue().splitlines()
    assert [line for line in lines if leaks(line)] == []
    assert any('"retention applied"' in line for line in lines), "the scan reads the run's real output"
