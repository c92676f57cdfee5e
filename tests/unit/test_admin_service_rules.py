"""The administration service's rules on the fake storage: units, officers, passwords, Telegram, roles.

tests/integration/test_admin_service.py checks what the tables hold and the repositories' reports of another
transaction on a real database."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest

from feedback.domain.access import (
    DuplicateUsername,
    InvalidGrant,
    InvalidTelegramUserId,
    Officer,
    PasswordRejected,
    Role,
    TelegramAlreadyLinked,
    UnknownOfficer,
)
from feedback.domain.units import DuplicateUnit, InvalidUnitCode, Unit, UnknownParent, UnknownUnit
from feedback.service_layer.admin_service import AdminService
from storage.password_hashing import Argon2PasswordHasher
from tests.fakes.database import FakeDatabase
from tests.fakes.unit_of_work import FakeUnitOfWork
from tests.manual_clock import Clock

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
def admin(uow_factory: Callable[[], FakeUnitOfWork], hasher: CountingHasher, clock: Clock) -> AdminService:
    return AdminService(uow_factory, hasher, clock=clock)


@pytest.fixture
async def commune(admin: AdminService) -> None:
    await admin.create_unit("UBND-XA", "UBND xã An Bình")
    await admin.create_unit("MOT-CUA", "Bộ phận một cửa", parent="UBND-XA")
    await admin.create_unit("DIA-CHINH", "Công chức địa chính", parent="UBND-XA")


def stored_hash(database: FakeDatabase, username: str) -> str | None:
    (row,) = [row for row in database.officers.rows.values() if row.officer.username == username]
    return row.password_hash


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
    uow_factory: Callable[[], FakeUnitOfWork], database: FakeDatabase
) -> None:
    await AdminService(uow_factory, CountingHasher()).create_officer("an.nguyen", "Nguyễn Văn An", AN_PASSWORD)
    old = stored_hash(database, "an.nguyen")
    stronger = AdminService(uow_factory, CountingHasher(time_cost=2))
    assert await stronger.authenticate("an.nguyen", AN_PASSWORD) is not None
    new = stored_hash(database, "an.nguyen")
    assert new != old and new is not None and "t=2" in new
    assert await stronger.authenticate("an.nguyen", AN_PASSWORD) is not None
    assert stored_hash(database, "an.nguyen") == new  # no rehash once it is current


# --- Telegram ---------------------------------------------------------------------------------


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
