"""What the administration service needs from outside, as protocols: storage/ provides them."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from feedback.domain.access import Officer
from feedback.domain.units import Unit
from feedback.service_layer.transaction import Transaction


class PasswordHasher(Protocol):
    """A slow, salted password hash (storage.password_hashing has the Argon2id one).

    Hashing is CPU-bound: the service runs these off the event loop."""

    def hash(self, password: str) -> str: ...

    def verify(self, stored_hash: str, password: str) -> bool:
        """False for a wrong password and for a hash this hasher cannot read; never raises for either."""
        ...

    def needs_rehash(self, stored_hash: str) -> bool:
        """Whether the hash was made with weaker parameters than the current ones."""
        ...


class UnitRepository(Protocol):
    async def add(self, unit: Unit) -> None:
        """Raises DuplicateUnit if the code exists (also when another transaction added it meanwhile)."""
        ...

    async def get(self, code: str) -> Unit | None: ...

    async def set_position(self, code: str, position: int | None) -> None:
        """Where the unit comes among its siblings (None: after those with a position)."""
        ...

    async def list(self) -> list[Unit]: ...


class OfficerRepository(Protocol):
    async def add(self, username: str, display_name: str, *, password_hash: str | None, at: datetime) -> Officer:
        """A new active officer with no roles; raises DuplicateUsername if the username is taken."""
        ...

    async def get(self, username: str) -> Officer | None: ...

    async def by_telegram(self, telegram_user_id: int) -> Officer | None: ...

    async def by_zalo(self, zalo_user_id: str) -> Officer | None: ...

    async def list(self) -> list[Officer]: ...

    async def save(self, officer: Officer) -> None:
        """Store the officer's name, Telegram and Zalo links, active flag and roles (as a whole set).

        Raises ConcurrentChange if another transaction made the change impossible meanwhile
        (linked the same Telegram or Zalo account, granted the same role)."""
        ...

    async def password_hash(self, username: str) -> tuple[Officer, str | None] | None:
        """The officer and their stored hash (None: no password set), for logging in."""
        ...

    async def set_password_hash(self, officer_id: int, password_hash: str, *, replacing: str | None = None) -> bool:
        """Store a new hash. With `replacing`, only if the stored hash is still that one (a rehash at login
        must not undo a password change made meanwhile); whether it was stored."""
        ...


class AccessUnitOfWork(Transaction, Protocol):
    @property
    def units(self) -> UnitRepository: ...

    @property
    def officers(self) -> OfficerRepository: ...
