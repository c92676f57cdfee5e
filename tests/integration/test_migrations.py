from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

import storage.access_models  # registers the units and officers tables
import storage.api_keys  # registers the Open311 API keys table
import storage.feedback_models  # registers the PAKN tables
import storage.job_lease  # registers the job leases table
import storage.officer_outbox  # registers the officers' outbox table
import storage.search_lessons  # registers the search lessons and unanswered queries
import storage.web_attempts  # registers the portal's attempts and the site's key
import storage.web_state  # registers the web sessions and failed logins tables
import storage.zalo_connection  # noqa: F401 - registers the Zalo OA connection table
from feedback.domain.calendar_overrides import DEFAULT_OVERRIDES_PATH, load_overrides
from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action
from feedback.domain.model import Actor, ActorKind, CitizenRef, Contact, Draft, NoticeKind
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_service import FeedbackService
from storage.db import create_engine, create_session_factory
from storage.migrate import downgrade, upgrade
from storage.models import Base
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock


async def test_migrations_build_exactly_the_schema_the_models_declare(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        differences = await connection.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
        )
    assert differences == []


async def test_upgrade_twice_is_harmless_and_downgrade_empties_the_schema(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        await upgrade(engine)
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        assert "procedures" in tables
        await downgrade(engine, "base")
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        assert set(tables) <= {"alembic_version"}
    finally:
        await engine.dispose()


async def test_0019_numbers_the_answer_notices_stored_before_it(engine: AsyncEngine) -> None:
    """An item answered, reopened and answered again before 0019: its notices carry answers 1 and 2 after."""
    service = FeedbackService(
        lambda: SqlUnitOfWork(create_session_factory(engine)),
        calendar=WorkingCalendar.vietnam(load_overrides(DEFAULT_OVERRIDES_PATH)),
        clock=Clock(),
    )
    citizen = CitizenRef("telegram", "1001")
    contact = Contact(name="Trần Thị Lan", address="12 Lê Lợi, phường Hội An", phone="0912345678")
    content = "Ổ gà lớn trước số 12 Lê Lợi đã ba tháng chưa được sửa, xe máy qua lại ngã liên tục."
    code = (await service.submit(Draft(FeedbackType.PHAN_ANH, content, contact, citizen, reply_to="1001"))).code
    officer = Actor(ActorKind.OFFICER, "an")
    for action in (Action.ACCEPT, Action.START):
        await service.act(code, action, officer)
    await service.act(code, Action.ANSWER, officer, note="Đã vá.")
    await service.reopen(code, citizen, "Chưa vá.")
    await service.act(code, Action.START, officer)
    await service.act(code, Action.ANSWER, officer, note="Đã vá lại.")
    assert [n.answer_number for n in await service.pending_notices("telegram") if n.kind == NoticeKind.ANSWERED] == [
        1,
        2,
    ]

    await downgrade(engine, "0017")
    await upgrade(engine)
    async with engine.connect() as connection:
        numbers = (await connection.execute(text("SELECT kind, answer_number FROM feedback_notices ORDER BY id"))).all()
    assert [number for kind, number in numbers if kind == "answered"] == [1, 2]
    assert {number for kind, number in numbers if kind != "answered"} == {None}


async def test_0022_names_the_item_of_the_notices_queued_before_it(engine: AsyncEngine) -> None:
    """Rows queued before 0022: a held notice gets its item's code from its `notice`; other rows none."""
    await downgrade(engine, "0021")
    columns = "channel, recipient, reply, notice, state, not_before, attempts, created_at"
    now = "'2026-12-01 08:00:00+00:00'"
    notice = '{"code": "20261201.0001", "kind": "answered", "due": null, "status": "answered"}'
    async with engine.begin() as connection:
        for notice_json, state in ((f"'{notice}'", "held"), ("NULL", "held"), (f"'{notice}'", "sent")):
            await connection.execute(
                text(
                    f"INSERT INTO channel_outbox ({columns}) "
                    f"VALUES ('zalo', '25', '{{\"text\": \"x\"}}', {notice_json}, '{state}', {now}, 0, {now})"
                )
            )
    await upgrade(engine)
    async with engine.connect() as connection:
        codes = (await connection.execute(text("SELECT item_code FROM channel_outbox ORDER BY id"))).scalars().all()
    assert codes == ["20261201.0001", None, None]


async def test_0025_marks_the_conversations_of_people_with_held_messages(engine: AsyncEngine) -> None:
    await downgrade(engine, "0024")
    now = "'2026-12-01 08:00:00+00:00'"
    async with engine.begin() as connection:
        for user in ("an", "binh", "chi"):
            await connection.execute(
                text(
                    "INSERT INTO dialogue_conversations (channel, user_id, state, version, updated_at) "
                    f"VALUES ('zalo', '{user}', '{{}}', 1, {now})"
                )
            )
        for recipient, state in (("an", "held"), ("binh", "sent"), ("dung", "held")):
            await connection.execute(
                text(
                    "INSERT INTO channel_outbox (channel, recipient, reply, state, not_before, attempts, created_at) "
                    f"VALUES ('zalo', '{recipient}', '{{\"text\": \"x\"}}', '{state}', {now}, 0, {now})"
                )
            )
    await upgrade(engine)
    async with engine.connect() as connection:
        rows = await connection.execute(text("SELECT user_id, held FROM dialogue_conversations ORDER BY user_id"))
        marked = [(user, bool(held)) for user, held in rows]
    assert marked == [("an", True), ("binh", False), ("chi", False)]
