"""The administration service on real storage, SQLite and PostgreSQL: units, officers, passwords, roles."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback.access import (
    DuplicateUsername,
    InvalidGrant,
    InvalidTelegramUserId,
    Officer,
    PasswordRejected,
    Role,
    TelegramAlreadyLinked,
    UnknownOfficer,
)
from feedback.admin_services import AdminService
from feedback.ports import ConcurrentChange
from feedback.units import DuplicateUnit, InvalidUnitCode, Unit, UnknownParent, UnknownUnit
from storage.access_models import OfficerRecord, OfficerRoleRecord
from storage.password_hashing import Argon2PasswordHasher
from storage.unit_of_work import SqlUnitOfWork
from tests.manual_clock import MONDAY_MORNING, Clock

AN_PASSWORD = "cây đa bến nước sân đình"
BIG_TELEGRAM_ID = 7_123_456_789  # past 2**31: Telegram's newer accounts


class CountingHasher(Argon2PasswordHasher):
    """A cheap Argon2id that counts its verifications: an unknown user must cost one like anyone else."""

    def __init__(self, **parameters: int) -> None:
        super().__init__(**({"time_cost": 1, "memory_cost_kib": 1024, "parallelism": 1} | parameters))
        self.verified = 0

    def verify(self, stored_hash: str, password: str) -> bool:
        self.verified += 1
        return super().verify(stored_hash, password)


@pytest.fixture
def hasher() -> CountingHasher:
    return CountingHasher()


@pytest.fixture
def admin(uow_factory: Callable[[], SqlUnitOfWork], hasher: CountingHasher, clock: Clock) -> AdminService:
    return AdminService(uow_factory, hasher, clock=clock)


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


@pytest.mark.usefixtures("commune")
async def test_units_come_back_as_the_tree_they_were_given(admin: AdminService) -> None:
    tree = await admin.unit_tree()
    assert tree.descendants("UBND-XA") == {"UBND-XA", "MOT-CUA", "DIA-CHINH"}
    assert tree.escalation_chain("MOT-CUA") == ("MOT-CUA", "UBND-XA")
    assert await admin.list_units() == [
        Unit("UBND-XA", "UBND xã An Bình"),
        Unit("DIA-CHINH", "Công chức địa chính", "UBND-XA"),
        Unit("MOT-CUA", "Bộ phận một cửa", "UBND-XA"),
    ]


async def test_unit_codes_are_stored_upper_case_and_names_composed(admin: AdminService) -> None:
    await admin.create_unit("ubnd-xa", unicodedata.normalize("NFD", "UBND xã  An Bình"))
    unit = await admin.create_unit("mot-cua", "Bộ phận một cửa", parent="ubnd-xa")
    assert unit == Unit("MOT-CUA", "Bộ phận một cửa", "UBND-XA")
    assert (await admin.unit_tree()).get("UBND-XA").name == "UBND xã An Bình"


@pytest.mark.usefixtures("commune")
async def test_a_second_unit_with_the_same_code_is_refused_and_the_first_kept(admin: AdminService) -> None:
    with pytest.raises(DuplicateUnit):
        await admin.create_unit("ubnd-xa", "UBND xã khác")
    assert (await admin.unit_tree()).get("UBND-XA").name == "UBND xã An Bình"


async def test_a_unit_under_a_parent_that_does_not_exist_is_not_stored(admin: AdminService) -> None:
    with pytest.raises(UnknownParent) as raised:
        await admin.create_unit("MOT-CUA", "Bộ phận một cửa", parent="UBND-XA")
    assert raised.value.code == "UBND-XA"
    assert await admin.list_units() == []


async def test_a_bad_code_is_refused_before_anything_is_stored(admin: AdminService) -> None:
    with pytest.raises(InvalidUnitCode):
        await admin.create_unit("UBND XA", "UBND xã")
    assert await admin.list_units() == []


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


async def test_an_officer_logs_in_with_the_password_given_and_nothing_else(admin: AdminService) -> None:
    created = await admin.create_officer("An.Nguyen", "Nguyễn Văn An", AN_PASSWORD)
    assert created == Officer(id=created.id, username="an.nguyen", display_name="Nguyễn Văn An")
    assert await admin.authenticate("an.nguyen", AN_PASSWORD) == created
    assert await admin.authenticate(" AN.NGUYEN ", AN_PASSWORD) == created
    # The same password typed on a system that sends decomposed letters.
    assert await admin.authenticate("an.nguyen", unicodedata.normalize("NFD", AN_PASSWORD)) == created
    assert await admin.authenticate("an.nguyen", AN_PASSWORD + " ") is None
    assert await admin.authenticate("an.nguyen", "") is None


async def test_the_password_is_stored_only_as_an_argon2id_hash(
    admin: AdminService, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await admin.create_officer("an.nguyen", "Nguyễn Văn An", AN_PASSWORD)
    stored = await stored_hash(session_factory, "an.nguyen")
    assert stored is not None and stored.startswith("$argon2id$")
    assert AN_PASSWORD not in stored


async def test_an_unknown_user_costs_a_hash_check_like_a_known_one(admin: AdminService, hasher: CountingHasher) -> None:
    await admin.create_officer("an.nguyen", "Nguyễn Văn An", AN_PASSWORD)
    await admin.create_officer("binh.tran", "Trần Thị Bình")  # Telegram only: no password
    for username in ("an.nguyen", "nobody", "binh.tran", "not a username!"):
        before = hasher.verified
        assert await admin.authenticate(username, "đoán bừa một mật khẩu") is None
        assert hasher.verified == before + 1, username


async def test_an_officer_without_a_password_cannot_log_in_on_the_web(admin: AdminService) -> None:
    await admin.create_officer("binh.tran", "Trần Thị Bình")
    assert await admin.authenticate("binh.tran", "") is None
    assert await admin.authenticate("binh.tran", "bất kỳ mật khẩu nào") is None


async def test_usernames_are_unique_whatever_the_case(admin: AdminService) -> None:
    await admin.create_officer("an.nguyen", "Nguyễn Văn An")
    with pytest.raises(DuplicateUsername):
        await admin.create_officer("AN.NGUYEN", "Nguyễn Văn An khác")
    assert [officer.display_name for officer in await admin.list_officers()] == ["Nguyễn Văn An"]


async def test_a_weak_password_creates_no_officer(admin: AdminService) -> None:
    with pytest.raises(PasswordRejected):
        await admin.create_officer("an.nguyen", "Nguyễn Văn An", "123456")
    assert await admin.list_officers() == []


async def test_a_new_password_replaces_the_old_one(admin: AdminService) -> None:
    await admin.create_officer("an.nguyen", "Nguyễn Văn An", AN_PASSWORD)
    await admin.set_password("an.nguyen", "một mật khẩu mới hẳn")
    assert await admin.authenticate("an.nguyen", AN_PASSWORD) is None
    assert await admin.authenticate("an.nguyen", "một mật khẩu mới hẳn") is not None
    with pytest.raises(UnknownOfficer):
        await admin.set_password("nobody", "một mật khẩu mới hẳn")


async def test_a_hash_made_with_older_parameters_is_replaced_at_login(
    uow_factory: Callable[[], SqlUnitOfWork], session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await AdminService(uow_factory, CountingHasher()).create_officer("an.nguyen", "Nguyễn Văn An", AN_PASSWORD)
    old = await stored_hash(session_factory, "an.nguyen")
    stronger = AdminService(uow_factory, CountingHasher(time_cost=2))
    assert await stronger.authenticate("an.nguyen", AN_PASSWORD) is not None
    new = await stored_hash(session_factory, "an.nguyen")
    assert new != old and new is not None and "t=2" in new
    assert await stronger.authenticate("an.nguyen", AN_PASSWORD) is not None
    assert await stored_hash(session_factory, "an.nguyen") == new  # no rehash once it is current


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


async def test_one_telegram_account_belongs_to_one_officer(admin: AdminService) -> None:
    await admin.create_officer("an.nguyen", "Nguyễn Văn An")
    await admin.create_officer("binh.tran", "Trần Thị Bình")
    await admin.link_telegram("an.nguyen", BIG_TELEGRAM_ID)
    with pytest.raises(TelegramAlreadyLinked) as raised:
        await admin.link_telegram("binh.tran", BIG_TELEGRAM_ID)
    assert raised.value.username == "an.nguyen"
    holder = await admin.officer_by_telegram(BIG_TELEGRAM_ID)
    assert holder is not None and holder.username == "an.nguyen"
    await admin.link_telegram("an.nguyen", BIG_TELEGRAM_ID)  # linking again to the same officer changes nothing


async def test_relinking_moves_the_officer_to_the_new_account_and_unlinking_frees_it(admin: AdminService) -> None:
    await admin.create_officer("an.nguyen", "Nguyễn Văn An")
    await admin.link_telegram("an.nguyen", 1001)
    await admin.link_telegram("an.nguyen", 1002)
    assert await admin.officer_by_telegram(1001) is None
    assert (await admin.unlink_telegram("an.nguyen")).telegram_user_id is None
    assert await admin.officer_by_telegram(1002) is None
    await admin.create_officer("binh.tran", "Trần Thị Bình")
    assert (await admin.link_telegram("binh.tran", 1002)).telegram_user_id == 1002


async def test_telegram_ids_must_be_positive(admin: AdminService) -> None:
    await admin.create_officer("an.nguyen", "Nguyễn Văn An")
    with pytest.raises(InvalidTelegramUserId):
        await admin.link_telegram("an.nguyen", 0)


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
async def test_granted_roles_are_stored_and_granting_again_changes_nothing(admin: AdminService) -> None:
    await admin.create_officer("an.nguyen", "Nguyễn Văn An")
    assert await admin.grant("an.nguyen", Role.OFFICER, "mot-cua") is True
    assert await admin.grant("an.nguyen", Role.UNIT_HEAD, "DIA-CHINH") is True
    assert await admin.grant("an.nguyen", Role.ADMIN) is True
    assert await admin.grant("an.nguyen", Role.OFFICER, "MOT-CUA") is False
    assert (await admin.officer("an.nguyen")).roles == {
        (Role.OFFICER, "MOT-CUA"),
        (Role.UNIT_HEAD, "DIA-CHINH"),
        (Role.ADMIN, None),
    }


@pytest.mark.usefixtures("commune")
async def test_revoking_removes_only_that_role(admin: AdminService) -> None:
    await admin.create_officer("an.nguyen", "Nguyễn Văn An")
    await admin.grant("an.nguyen", Role.OFFICER, "MOT-CUA")
    await admin.grant("an.nguyen", Role.OFFICER, "DIA-CHINH")
    assert await admin.revoke("an.nguyen", Role.OFFICER, "mot-cua") is True
    assert await admin.revoke("an.nguyen", Role.OFFICER, "MOT-CUA") is False
    assert await admin.revoke("an.nguyen", Role.ADMIN) is False
    assert (await admin.officer("an.nguyen")).roles == {(Role.OFFICER, "DIA-CHINH")}


@pytest.mark.usefixtures("commune")
async def test_a_role_in_a_unit_that_does_not_exist_or_for_nobody_is_refused(admin: AdminService) -> None:
    await admin.create_officer("an.nguyen", "Nguyễn Văn An")
    with pytest.raises(UnknownUnit):
        await admin.grant("an.nguyen", Role.OFFICER, "SO-TNMT")
    with pytest.raises(UnknownOfficer):
        await admin.grant("nobody", Role.OFFICER, "MOT-CUA")
    with pytest.raises(InvalidGrant):
        await admin.grant("an.nguyen", Role.OFFICER)
    with pytest.raises(InvalidGrant):
        await admin.grant("an.nguyen", Role.ADMIN, "MOT-CUA")
    assert (await admin.officer("an.nguyen")).roles == frozenset()


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


# --- deactivation -----------------------------------------------------------------------------


@pytest.mark.usefixtures("commune")
async def test_a_deactivated_officer_is_nobody_until_reactivated(admin: AdminService) -> None:
    await admin.create_officer("an.nguyen", "Nguyễn Văn An", AN_PASSWORD)
    await admin.link_telegram("an.nguyen", 1001)
    await admin.grant("an.nguyen", Role.OFFICER, "MOT-CUA")
    assert await admin.deactivate("an.nguyen") is True
    assert await admin.deactivate("an.nguyen") is False
    assert await admin.authenticate("an.nguyen", AN_PASSWORD) is None
    assert await admin.officer_by_telegram(1001) is None
    locked = await admin.officer("an.nguyen")
    assert not locked.active and locked.roles == {(Role.OFFICER, "MOT-CUA")}
    assert await admin.reactivate("an.nguyen") is True
    assert (await admin.authenticate("an.nguyen", AN_PASSWORD)) == await admin.officer_by_telegram(1001)
