"""`motcua backup` and `motcua restore` round-trip: a backup taken while the service runs, restored into an
empty database elsewhere, has every item, its history and its attachments (SQLite; PostgreSQL's recipe)."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from feedback.domain.legal_type import FeedbackType
from feedback.domain.lifecycle import Action
from feedback.domain.model import Actor, ActorKind, Attachment, AttachmentKind, CitizenRef, Contact, Draft
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_service import FeedbackService, Step
from motcua import texts
from motcua.backup_command import BackupError, backup, restore, run_backup
from motcua.settings import Settings
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import Clock
from tests.office_fixture import build_office, cheap_hasher
from tests.web_office import CALENDAR

OFFICER = Actor(ActorKind.OFFICER, "an", "Nguyễn Văn An")


def settings(folder: Path) -> Settings:
    return Settings(
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{folder}/motcua.db",
        attachments_dir=folder / "attachments",
    )


async def fill(folder: Path, clock: Clock) -> list[str]:
    """A live office: units, officers, items with attachments, some acted on."""
    engine = create_engine(f"sqlite+aiosqlite:///{folder}/motcua.db")
    await upgrade(engine)
    sessions = create_session_factory(engine)
    uow = lambda: SqlUnitOfWork(sessions)  # noqa: E731
    await build_office(AdminService(uow, cheap_hasher(), clock=clock))
    feedback = FeedbackService(uow, calendar=CALENDAR, clock=clock)
    (folder / "attachments").mkdir()
    codes = []
    for n in range(5):
        photo = folder / "attachments" / f"anh{n}.jpg"
        photo.write_bytes(f"ảnh số {n}".encode())
        attachment = Attachment(AttachmentKind.PHOTO, f"f{n}", file_name=f"anh{n}.jpg", local_path=str(photo))
        contact = Contact(name=f"Người dân {n}", address="Thôn 3, xã Tân Lập", phone="0912345678")
        draft = Draft(
            FeedbackType.PHAN_ANH,
            f"Đèn đường số {n} hỏng đã lâu",
            contact,
            CitizenRef("telegram", str(700 + n)),
            attachments=(attachment,),
            unit="MOT-CUA",
        )
        codes.append((await feedback.submit(draft)).code)
    steps = [Step(Action.ACCEPT), Step(Action.START), Step(Action.ANSWER, note="Đã thay bóng đèn.")]
    await feedback.act_steps(codes[0], steps, OFFICER)
    await engine.dispose()
    return codes


async def snapshot(folder: Path, codes: list[str]) -> list[tuple[object, ...]]:
    engine = create_engine(f"sqlite+aiosqlite:///{folder}/motcua.db")
    feedback = FeedbackService(lambda: SqlUnitOfWork(create_session_factory(engine)), calendar=CALENDAR)
    try:
        rows = []
        for code in codes:
            item = await feedback.item(code)
            trail = [(entry.action, entry.to_status, entry.note) for entry in await feedback.audit_trail(code)]
            files = [Path(a.local_path).read_bytes() for a in item.attachments if a.local_path]
            rows.append((code, item.status, item.content, item.contact, item.answer, trail, files))
            assert all(str(folder) in (a.local_path or "") for a in item.attachments)
        return rows
    finally:
        await engine.dispose()


async def test_a_backup_restores_into_an_empty_database_with_every_item_and_its_history(
    tmp_path: Path, clock: Clock
) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    source.mkdir()
    codes = await fill(source, clock)
    live = create_engine(f"sqlite+aiosqlite:///{source}/motcua.db")  # the service still has it open
    async with live.connect():
        archive = backup(settings(source), tmp_path / "motcua.tar.gz")
    await live.dispose()
    manifest = restore(settings(target), archive)
    assert manifest["items"] == 5
    restored = await snapshot(target, codes)
    assert restored == await snapshot(source, codes)
    assert restored[0][1] == "answered" and len(restored[0][5]) == 4  # received, accepted, started, answered
    with pytest.raises(BackupError) as refused:
        restore(settings(target), archive)
    assert "đã có dữ liệu" in str(refused.value)


def test_postgresql_backups_are_pg_dumps_and_the_recipe_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    config = Settings(_env_file=None, database_url="postgresql+asyncpg://motcua@db.example:5433/motcua")
    assert run_backup(config, argparse.Namespace(output=None), io.StringIO()) == 2
    printed = capsys.readouterr().err
    assert "pg_dump --format=custom --host=db.example --port=5433 --username=motcua" in printed
    assert "pg_restore" in printed and texts.BACKUP_POSTGRES_RECIPE.splitlines()[0] in printed


def test_a_damaged_archive_is_refused_in_vietnamese(tmp_path: Path) -> None:
    damaged = tmp_path / "hong.tar.gz"
    damaged.write_bytes(b"not a tar file")
    with pytest.raises(BackupError) as refused:
        restore(settings(tmp_path), damaged)
    assert "Không đọc được bản sao lưu" in str(refused.value)
