"""`motcua serve`'s application with MOTCUA_SMTP_* set: a citizen files on the portal with an e-mail address, an
officer (on another instance over the same SQLite file) answers, and the application's relay and web delivery
loop send the letter to a mail server on this machine; without SMTP, the same filing keeps no address."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.officer_desk import OfficerDesk
from motcua.serve import serving_app
from motcua.settings import Settings
from stand_ins.smtp_server import LocalSmtpServer
from storage.db import create_engine, create_session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.integration.test_zalo_dialogue import CALENDAR
from tests.manual_clock import Clock
from tests.office_fixture import Office, build_office, cheap_hasher
from tests.portal_helpers import GOOD, file_through_portal

PORTAL = "https://motcua.tanlap.gov.vn"
ANSWER = "Xã đã thay bóng đèn đường thôn 3 sáng nay."


def settings(tmp_path: Path, mail: LocalSmtpServer | None) -> Settings:
    smtp = (
        {"smtp_host": "127.0.0.1", "smtp_port": mail.port, "smtp_security": "none", "smtp_from": "motcua@tanlap.gov.vn"}
        if mail is not None
        else {}
    )
    return Settings(
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'motcua.db'}",
        attachments_dir=tmp_path / "files",
        portal_url=PORTAL,
        web_form_min_seconds=0,
        **smtp,
    )


@asynccontextmanager
async def another_instance(tmp_path: Path) -> AsyncIterator[tuple[FeedbackService, OfficerDesk, Office]]:
    """The test office, and an officer's services of their own on the same database."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'motcua.db'}")
    try:
        factory = create_session_factory(engine)

        def uow_factory() -> SqlUnitOfWork:
            return SqlUnitOfWork(factory)

        feedback = FeedbackService(uow_factory, calendar=CALENDAR)
        admin = AdminService(uow_factory, cheap_hasher())
        office = await build_office(admin)
        yield feedback, OfficerDesk(feedback, admin), office
    finally:
        await engine.dispose()


@pytest.mark.parametrize("smtp", [True, False])
async def test_serve_with_smtp_sends_a_portal_filer_the_answer_by_email(tmp_path: Path, smtp: bool) -> None:
    async with LocalSmtpServer() as mail:
        app = await serving_app(settings(tmp_path, mail if smtp else None))
        async with TestClient(TestServer(app)) as client, another_instance(tmp_path) as (feedback, desk, office):
            fields = {**GOOD, "lien_he": "hoa.hoang@example.vn", "don_vi": "MOT-CUA"}
            code, pin = await file_through_portal(client, Clock(), fields)
            await desk.answer(office.officers["an"], code, ANSWER)
            reply_to = (await feedback.item(code)).reply_to
            if smtp:
                [letter] = await mail.wait_for(1, timeout=30)
                assert letter["To"] == "hoa.hoang@example.vn" and code in str(letter["Subject"])
                assert f"{PORTAL}/phan-anh/tra-cuu?ma={code}" in letter.get_content()
                assert pin not in letter.as_string()
        assert reply_to == ("hoa.hoang@example.vn" if smtp else None)
        if not smtp:
            assert mail.letters == []
