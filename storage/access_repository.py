"""Units and officers in SQL, with explicit to/from-domain mapping; an officer's roles ride along."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.domain.access import DuplicateUsername, Officer, Role
from feedback.domain.units import DuplicateUnit, Unit
from feedback.service_layer.feedback_ports import ConcurrentChange
from storage.access_models import OfficerRecord, OfficerRoleRecord, UnitRecord
from storage.statement_results import rows_changed


def unit_to_domain(record: UnitRecord) -> Unit:
    return Unit(code=record.code, name=record.name, parent=record.parent_code, position=record.position)


def officer_to_domain(record: OfficerRecord) -> Officer:
    return Officer(
        id=record.id,
        username=record.username,
        display_name=record.display_name,
        roles=frozenset((Role(grant.role), grant.unit_code) for grant in record.roles),
        telegram_user_id=record.telegram_user_id,
        active=record.active,
        zalo_user_id=record.zalo_user_id,
    )


class SqlUnitRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, unit: Unit) -> None:
        self._session.add(UnitRecord(code=unit.code, name=unit.name, parent_code=unit.parent, position=unit.position))
        try:
            await self._session.flush()
        except IntegrityError as error:  # added by another transaction since this one looked
            raise DuplicateUnit(unit.code) from error

    async def get(self, code: str) -> Unit | None:
        record = await self._session.get(UnitRecord, code)
        return unit_to_domain(record) if record is not None else None

    async def set_position(self, code: str, position: int | None) -> None:
        await self._session.execute(update(UnitRecord).where(UnitRecord.code == code).values(position=position))

    async def list(self) -> list[Unit]:
        records = await self._session.execute(select(UnitRecord).order_by(UnitRecord.code))
        return [unit_to_domain(record) for record in records.scalars()]


class SqlOfficerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, username: str, display_name: str, *, password_hash: str | None, at: datetime) -> Officer:
        record = OfficerRecord(
            username=username,
            display_name=display_name,
            password_hash=password_hash,
            active=True,
            created_at=at,
            roles=[],
        )
        self._session.add(record)
        try:
            await self._session.flush()
        except IntegrityError as error:  # the only unique column a new officer fills
            raise DuplicateUsername(username) from error
        return officer_to_domain(record)

    async def _record(self, username: str) -> OfficerRecord | None:
        statement = select(OfficerRecord).where(OfficerRecord.username == username)
        return (await self._session.execute(statement)).scalar_one_or_none()

    async def get(self, username: str) -> Officer | None:
        record = await self._record(username)
        return officer_to_domain(record) if record is not None else None

    async def by_telegram(self, telegram_user_id: int) -> Officer | None:
        statement = select(OfficerRecord).where(OfficerRecord.telegram_user_id == telegram_user_id)
        record = (await self._session.execute(statement)).scalar_one_or_none()
        return officer_to_domain(record) if record is not None else None

    async def by_zalo(self, zalo_user_id: str) -> Officer | None:
        statement = select(OfficerRecord).where(OfficerRecord.zalo_user_id == zalo_user_id)
        record = (await self._session.execute(statement)).scalar_one_or_none()
        return officer_to_domain(record) if record is not None else None

    async def list(self) -> list[Officer]:
        records = await self._session.execute(select(OfficerRecord).order_by(OfficerRecord.username))
        return [officer_to_domain(record) for record in records.scalars()]

    async def save(self, officer: Officer) -> None:
        record = await self._session.get(OfficerRecord, officer.id)
        if record is None:
            raise LookupError(f"officer {officer.id} is not stored")
        record.display_name = officer.display_name
        record.telegram_user_id = officer.telegram_user_id
        record.zalo_user_id = officer.zalo_user_id
        record.active = officer.active
        held = {(Role(grant.role), grant.unit_code): grant for grant in record.roles}
        for grant, grant_record in held.items():
            if grant not in officer.roles:
                record.roles.remove(grant_record)
        for role, unit in sorted(officer.roles - held.keys(), key=lambda grant: (grant[0], grant[1] or "")):
            record.roles.append(OfficerRoleRecord(role=str(role), unit_code=unit))
        try:
            await self._session.flush()
        except IntegrityError as error:  # the same Telegram or Zalo account or role, stored by another transaction
            raise ConcurrentChange(officer.username) from error

    async def password_hash(self, username: str) -> tuple[Officer, str | None] | None:
        record = await self._record(username)
        return (officer_to_domain(record), record.password_hash) if record is not None else None

    async def set_password_hash(self, officer_id: int, password_hash: str, *, replacing: str | None = None) -> bool:
        statement = update(OfficerRecord).where(OfficerRecord.id == officer_id).values(password_hash=password_hash)
        if replacing is not None:
            statement = statement.where(OfficerRecord.password_hash == replacing)
        result = await self._session.execute(statement.execution_options(synchronize_session=False))
        return rows_changed(result) == 1
