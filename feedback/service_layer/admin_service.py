"""Administration of who may do what: units, officers, passwords, Telegram and Zalo links and roles.

Used by `motcua admin`, and by the channels to know who an officer is (`authenticate` for the web,
`officer_by_telegram` for the bot). Each method is one transaction through a unit of work. Password
hashing is slow on purpose, so it runs in a worker thread and outside the transaction.

Lookups by username accept any spelling the user may type ("  NguyenVanA ") and raise UnknownOfficer
for a name that cannot exist. Granting what is held and revoking what is not change nothing and say so
(False), so a script can run the same commands twice.
"""

from __future__ import annotations

import asyncio
import dataclasses
import secrets
from collections.abc import Callable
from datetime import UTC, datetime

from feedback.domain.access import (
    DuplicateUsername,
    InvalidTelegramUserId,
    InvalidUsername,
    Officer,
    Role,
    TelegramAlreadyLinked,
    UnknownOfficer,
    ZaloAlreadyLinked,
    check_grant,
    check_new_password,
    normalise_display_name,
    normalise_password,
    normalise_username,
    normalise_zalo_user_id,
)
from feedback.domain.units import (
    Unit,
    UnitTree,
    UnknownUnit,
    check_unit_position,
    normalise_unit_code,
    normalise_unit_name,
)
from feedback.service_layer.access_ports import AccessUnitOfWork, PasswordHasher

UnitOfWorkFactory = Callable[[], AccessUnitOfWork]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class AdminService:
    def __init__(self, uow_factory: UnitOfWorkFactory, hasher: PasswordHasher, *, clock: Clock = utc_now) -> None:
        self._uow_factory = uow_factory
        self._hasher = hasher
        self._clock = clock
        self._dummy_hash: str | None = None

    # --- units -----------------------------------------------------------------------------

    async def create_unit(
        self, code: str, name: str, parent: str | None = None, *, position: int | None = None
    ) -> Unit:
        """Raises InvalidUnitCode, InvalidUnitName, InvalidUnitPosition, DuplicateUnit or UnknownParent."""
        unit = Unit(
            code=normalise_unit_code(code),
            name=normalise_unit_name(name),
            parent=normalise_unit_code(parent) if parent is not None else None,
            position=check_unit_position(position),
        )
        async with self._uow_factory() as uow:
            UnitTree(await uow.units.list()).with_unit(unit)  # the checks; a new leaf cannot close a cycle
            await uow.units.add(unit)
            await uow.commit()
        return unit

    async def set_unit_position(self, code: str, position: int | None) -> Unit:
        """Place the unit among its siblings, as the office lists them in its reports; None: back to code order.

        Raises InvalidUnitCode, InvalidUnitPosition or UnknownUnit."""
        unit_code = normalise_unit_code(code)
        check_unit_position(position)
        async with self._uow_factory() as uow:
            unit = await uow.units.get(unit_code)
            if unit is None:
                raise UnknownUnit(unit_code)
            await uow.units.set_position(unit_code, position)
            await uow.commit()
        return dataclasses.replace(unit, position=position)

    async def unit_tree(self) -> UnitTree:
        async with self._uow_factory() as uow:
            return UnitTree(await uow.units.list())

    async def list_units(self) -> list[Unit]:
        """Every unit, in the order of a printed tree (depth first, siblings in the office's order)."""
        return list(await self.unit_tree())

    # --- officers --------------------------------------------------------------------------

    async def create_officer(self, username: str, display_name: str, password: str | None = None) -> Officer:
        """An active officer with no roles yet. Without a password they can only use Telegram, once linked.

        Raises InvalidUsername, InvalidDisplayName, PasswordRejected or DuplicateUsername."""
        username = normalise_username(username)
        display_name = normalise_display_name(display_name)
        password_hash = None
        if password is not None:
            password_hash = await self._hash(check_new_password(password, username))
        async with self._uow_factory() as uow:
            if await uow.officers.get(username) is not None:
                raise DuplicateUsername(username)
            officer = await uow.officers.add(username, display_name, password_hash=password_hash, at=self._clock())
            await uow.commit()
        return officer

    async def officer(self, username: str) -> Officer:
        async with self._uow_factory() as uow:
            return await self._officer(uow, username)

    async def list_officers(self) -> list[Officer]:
        """Every officer, deactivated ones included, by username."""
        async with self._uow_factory() as uow:
            return await uow.officers.list()

    async def set_password(self, username: str, password: str) -> None:
        """Raises UnknownOfficer or PasswordRejected."""
        async with self._uow_factory() as uow:
            officer = await self._officer(uow, username)
        password_hash = await self._hash(check_new_password(password, officer.username))
        async with self._uow_factory() as uow:
            await uow.officers.set_password_hash(officer.id, password_hash)
            await uow.commit()

    async def link_telegram(self, username: str, telegram_user_id: int) -> Officer:
        """Link (or re-link) the officer's Telegram account; raises TelegramAlreadyLinked if it is another's."""
        if telegram_user_id <= 0:
            raise InvalidTelegramUserId(telegram_user_id)
        async with self._uow_factory() as uow:
            officer = await self._officer(uow, username)
            holder = await uow.officers.by_telegram(telegram_user_id)
            if holder is not None and holder.id != officer.id:
                raise TelegramAlreadyLinked(telegram_user_id, holder.username)
            if officer.telegram_user_id != telegram_user_id:
                officer = dataclasses.replace(officer, telegram_user_id=telegram_user_id)
                await uow.officers.save(officer)
                await uow.commit()
        return officer

    async def unlink_telegram(self, username: str) -> Officer:
        async with self._uow_factory() as uow:
            officer = await self._officer(uow, username)
            if officer.telegram_user_id is not None:
                officer = dataclasses.replace(officer, telegram_user_id=None)
                await uow.officers.save(officer)
                await uow.commit()
        return officer

    async def link_zalo(self, username: str, zalo_user_id: str) -> Officer:
        """Link (or re-link) the officer's Zalo account (the id the OA knows them by); raises
        InvalidZaloUserId, UnknownOfficer, or ZaloAlreadyLinked if it is another officer's."""
        zalo_user_id = normalise_zalo_user_id(zalo_user_id)
        async with self._uow_factory() as uow:
            officer = await self._officer(uow, username)
            holder = await uow.officers.by_zalo(zalo_user_id)
            if holder is not None and holder.id != officer.id:
                raise ZaloAlreadyLinked(zalo_user_id, holder.username)
            if officer.zalo_user_id != zalo_user_id:
                officer = dataclasses.replace(officer, zalo_user_id=zalo_user_id)
                await uow.officers.save(officer)
                await uow.commit()
        return officer

    async def unlink_zalo(self, username: str) -> Officer:
        async with self._uow_factory() as uow:
            officer = await self._officer(uow, username)
            if officer.zalo_user_id is not None:
                officer = dataclasses.replace(officer, zalo_user_id=None)
                await uow.officers.save(officer)
                await uow.commit()
        return officer

    async def grant(self, username: str, role: Role, unit: str | None = None) -> bool:
        """Whether the role was added; raises InvalidGrant, UnknownOfficer or UnknownUnit."""
        unit_code = normalise_unit_code(unit) if unit is not None else None
        check_grant(role, unit_code)
        async with self._uow_factory() as uow:
            officer = await self._officer(uow, username)
            if unit_code is not None and await uow.units.get(unit_code) is None:
                raise UnknownUnit(unit_code)
            if (role, unit_code) in officer.roles:
                return False
            await uow.officers.save(officer.granted(role, unit_code))
            await uow.commit()
        return True

    async def revoke(self, username: str, role: Role, unit: str | None = None) -> bool:
        """Whether the officer held the role (and no longer does); raises InvalidGrant or UnknownOfficer."""
        unit_code = normalise_unit_code(unit) if unit is not None else None
        check_grant(role, unit_code)
        async with self._uow_factory() as uow:
            officer = await self._officer(uow, username)
            if (role, unit_code) not in officer.roles:
                return False
            await uow.officers.save(officer.revoked(role, unit_code))
            await uow.commit()
        return True

    async def deactivate(self, username: str) -> bool:
        """The officer can no longer log in nor act; roles and links are kept for `reactivate`.

        Whether they were active."""
        return await self._set_active(username, False)

    async def reactivate(self, username: str) -> bool:
        return await self._set_active(username, True)

    async def _set_active(self, username: str, active: bool) -> bool:
        async with self._uow_factory() as uow:
            officer = await self._officer(uow, username)
            if officer.active == active:
                return False
            await uow.officers.save(dataclasses.replace(officer, active=active))
            await uow.commit()
        return True

    # --- who is this -----------------------------------------------------------------------

    async def officer_by_telegram(self, telegram_user_id: int) -> Officer | None:
        """The active officer linked to this Telegram account; None for a citizen or a deactivated officer."""
        async with self._uow_factory() as uow:
            officer = await uow.officers.by_telegram(telegram_user_id)
        return officer if officer is not None and officer.active else None

    async def officer_by_zalo(self, zalo_user_id: str) -> Officer | None:
        """The active officer linked to this Zalo account; None for a citizen or a deactivated officer."""
        async with self._uow_factory() as uow:
            officer = await uow.officers.by_zalo(zalo_user_id)
        return officer if officer is not None and officer.active else None

    async def authenticate(self, username: str, password: str) -> Officer | None:
        """The active officer with this username and password, else None, with no hint of which was wrong.

        An unknown user, or one without a password, costs the same hash as a real check, so the time taken
        does not tell which usernames exist. A hash made with weaker parameters is replaced on success."""
        password = normalise_password(password)
        found = None
        try:
            name = normalise_username(username)
        except InvalidUsername:
            name = None
        if name is not None:
            async with self._uow_factory() as uow:
                found = await uow.officers.password_hash(name)
        officer, stored = found if found is not None else (None, None)
        if officer is None or stored is None:
            await self._verify(await self._dummy(), password)
            return None
        if not await self._verify(stored, password) or not officer.active:
            return None
        if self._hasher.needs_rehash(stored):
            fresh = await self._hash(password)
            async with self._uow_factory() as uow:
                await uow.officers.set_password_hash(officer.id, fresh, replacing=stored)
                await uow.commit()
        return officer

    # --- helpers ---------------------------------------------------------------------------

    async def _officer(self, uow: AccessUnitOfWork, username: str) -> Officer:
        try:
            name = normalise_username(username)
        except InvalidUsername:
            raise UnknownOfficer(username) from None
        officer = await uow.officers.get(name)
        if officer is None:
            raise UnknownOfficer(name)
        return officer

    async def _hash(self, password: str) -> str:
        return await asyncio.to_thread(self._hasher.hash, password)

    async def _verify(self, stored_hash: str, password: str) -> bool:
        return await asyncio.to_thread(self._hasher.verify, stored_hash, password)

    async def _dummy(self) -> str:
        """A hash of a random password nobody knows, made once: what an unknown user is checked against."""
        if self._dummy_hash is None:
            self._dummy_hash = await self._hash(secrets.token_urlsafe(24))
        return self._dummy_hash
