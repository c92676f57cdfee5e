"""Units and officers in memory (what storage/access_repository.py does in SQL)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from feedback.domain.access import DuplicateUsername, Officer
from feedback.domain.units import DuplicateUnit, Unit
from tests.fakes.database import FakeSession, OfficerRow


class FakeUnitRepository:
    def __init__(self, session: FakeSession) -> None:
        self._session = session

    async def add(self, unit: Unit) -> None:
        if unit.code in self._session.units:
            raise DuplicateUnit(unit.code)
        self._session.units.put(unit.code, unit)

    async def get(self, code: str) -> Unit | None:
        return self._session.units.get(code)

    async def set_position(self, code: str, position: int | None) -> None:
        unit = self._session.units.get(code)
        if unit is not None:
            self._session.units.put(code, dataclasses.replace(unit, position=position))

    async def list(self) -> list[Unit]:
        return sorted(self._session.units.values(), key=lambda unit: unit.code)


class FakeOfficerRepository:
    def __init__(self, session: FakeSession) -> None:
        self._session = session

    def _find(self, wanted: object, field: str) -> Officer | None:
        for row in self._session.officers.values():
            if getattr(row.officer, field) == wanted:
                return row.officer
        return None

    async def add(self, username: str, display_name: str, *, password_hash: str | None, at: datetime) -> Officer:
        if self._find(username, "username") is not None:
            raise DuplicateUsername(username)
        officer = Officer(id=self._session.database.next_id(), username=username, display_name=display_name)
        self._session.officers.put(officer.id, OfficerRow(officer, password_hash))
        return officer

    async def get(self, username: str) -> Officer | None:
        return self._find(username, "username")

    async def by_telegram(self, telegram_user_id: int) -> Officer | None:
        return self._find(telegram_user_id, "telegram_user_id")

    async def by_zalo(self, zalo_user_id: str) -> Officer | None:
        return self._find(zalo_user_id, "zalo_user_id")

    async def list(self) -> list[Officer]:
        return sorted((row.officer for row in self._session.officers.values()), key=lambda officer: officer.username)

    async def save(self, officer: Officer) -> None:
        row = self._session.officers.get(officer.id)
        if row is None:
            raise LookupError(f"officer {officer.id} is not stored")
        # The username is not changed by a save, as in SQL; a Telegram or Zalo account held by another officer
        # raises ConcurrentChange (the table's unique constraints).
        self._session.officers.put(
            officer.id, dataclasses.replace(row, officer=dataclasses.replace(officer, username=row.officer.username))
        )

    async def password_hash(self, username: str) -> tuple[Officer, str | None] | None:
        for row in self._session.officers.values():
            if row.officer.username == username:
                return row.officer, row.password_hash
        return None

    async def set_password_hash(self, officer_id: int, password_hash: str, *, replacing: str | None = None) -> bool:
        row = self._session.officers.get(officer_id)
        if row is None or (replacing is not None and row.password_hash != replacing):
            return False
        self._session.officers.put(officer_id, dataclasses.replace(row, password_hash=password_hash))
        return True
