"""The administration service on real storage, SQLite and PostgreSQL: what the tables hold (hashes, creation
times, 64-bit Telegram ids, the roles' constraints) and what the repositories report of another transaction.
The service's rules run on the fake storage in tests/unit/test_admin_service_rules.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.domain.access import (
    Officer,
    Role,
)
from feedback.domain.units import DuplicateUnit, Unit
from feedback.service_layer.admin_service import AdminService
from feedback.service_layer.feedback_ports import ConcurrentChange
from storage.access_models import OfficerRecord, OfficerRoleRecord
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import MONDAY_MORNING, Clock
from tests.office_fixture import cheap_hasher

AN_PASSWORD = "cây đa bến nước sân đình"
BIG_TELEGRAM_ID = 7_123_456_789  # past 2**31: Telegram's newer accounts


@pytest.fixture
def admin(uow_factory: Callable[[], SqlUnitOfWork], clock: Clock) -> AdminService:
    return AdminService(uow_factory, cheap_hasher(), clock=clock)


@pytest.fixture
async def commune(admin: AdminService) -> None:
    await admin.create_unit("UBND-XA", "UBND xã An Bình")
    await admin.create_unit("MOT-CUA", "Bộ phận một cửa", parent="UBND-XA")
    await admin.create_unit("DIA-CHINH", "Công chức địa chính", parent="UBND-XA")


async def stored_hash(session_factory: async_sessionmaker[AsyncSession], username: str) -> str | None:
    async with session_factory() as session:
        statement = select(OfficerRecord.password_hash).where(OfficerRecord.username == username)
        return (await session.execute(statement)).scalar_one()


# --- units ------------------------------------------------------------------------------------


async def test_the_repository_reports_a_code_added_by_another_transaction(
    uow_factory: Callable[[], SqlUnitOfWork],
) -> None:
    async with uow_factory() as uow:
        await uow.units.add(Unit("VP", "Văn phòng"))
        await uow.commit()
    async with uow_factory() as uow:
        with pytest.raises(DuplicateUnit):
            await uow.units.add(Unit("VP", "Văn phòng HĐND-UBND"))


# --- officers and passwords -------------------------------------------------------------------


async def test_the_password_is_stored_only_as_an_argon2id_hash(
    admin: AdminService, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await admin.create_officer("an.nguyen", "Nguyễn Văn An", AN_PASSWORD)
    stored = await stored_hash(session_factory, "an.nguyen")
    assert stored is not None and stored.startswith("$argon2id$")
    assert AN_PASSWORD not in stored


async def test_a_rehash_does_not_undo_a_password_changed_meanwhile(
    admin: AdminService, uow_factory: Callable[[], SqlUnitOfWork], session_factory: async_sessionmaker[AsyncSession]
) -> None:
    officer = await admin.create_officer("an.nguyen", "Nguyễn Văn An", AN_PASSWORD)
    read_at_login = await stored_hash(session_factory, "an.nguyen")
    await admin.set_password("an.nguyen", "một mật khẩu mới hẳn")
    async with uow_factory() as uow:
        stored = await uow.officers.set_password_hash(officer.id, "rehash-of-the-old", replacing=read_at_login)
        await uow.commit()
    assert stored is False
    assert await admin.authenticate("an.nguyen", "một mật khẩu mới hẳn") is not None


async def test_officers_are_listed_by_username_with_their_creation_time(
    admin: AdminService, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await admin.create_officer("cuong.le", "Lê Văn Cường")
    await admin.create_officer("an.nguyen", "Nguyễn Văn An")
    assert [officer.username for officer in await admin.list_officers()] == ["an.nguyen", "cuong.le"]
    async with session_factory() as session:
        assert set((await session.execute(select(OfficerRecord.created_at))).scalars()) == {MONDAY_MORNING}


# --- Telegram ---------------------------------------------------------------------------------


async def test_a_linked_telegram_account_finds_its_officer(admin: AdminService) -> None:
    await admin.create_officer("an.nguyen", "Nguyễn Văn An")
    linked = await admin.link_telegram("an.nguyen", BIG_TELEGRAM_ID)
    assert linked.telegram_user_id == BIG_TELEGRAM_ID
    assert await admin.officer_by_telegram(BIG_TELEGRAM_ID) == linked
    assert await admin.officer_by_telegram(BIG_TELEGRAM_ID + 1) is None


async def test_the_repository_reports_a_telegram_account_linked_by_another_transaction(
    admin: AdminService, uow_factory: Callable[[], SqlUnitOfWork]
) -> None:
    await admin.create_officer("an.nguyen", "Nguyễn Văn An")
    binh = await admin.create_officer("binh.tran", "Trần Thị Bình")
    await admin.link_telegram("an.nguyen", 1001)
    async with uow_factory() as uow:
        with pytest.raises(ConcurrentChange):
            await uow.officers.save(Officer(binh.id, "binh.tran", "Trần Thị Bình", telegram_user_id=1001))


# --- roles ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("commune")
async def test_the_database_itself_keeps_roles_unique_and_admins_unit_less(
    admin: AdminService, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    officer = await admin.create_officer("an.nguyen", "Nguyễn Văn An")
    await admin.grant("an.nguyen", Role.ADMIN)
    await admin.grant("an.nguyen", Role.OFFICER, "MOT-CUA")
    for role, unit in (("admin", None), ("officer", "MOT-CUA"), ("officer", None), ("admin", "MOT-CUA")):
        async with session_factory() as session:
            session.add(OfficerRoleRecord(officer_id=officer.id, role=role, unit_code=unit))
            with pytest.raises(IntegrityError):
                await session.flush()
