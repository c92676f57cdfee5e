"""The PIN a web filer gets with their code: who holds both reads the item in full and acts on it as its filer.

The code is guessable (a date and a number), so the code alone shows only what is public. The PIN is six
random digits, shown once on the receipt, stored as an Argon2id hash with the item. Wrong PINs are
counted per item and per client address in the database (`AttemptLog`), so a robot cannot try the million
PINs of one item, nor a few PINs on every item, however many web instances it spreads them over; past a
limit the next try waits until the oldest counted failure leaves the window.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from feedback.domain.tracking_code import parse_code
from feedback.service_layer.access_ports import PasswordHasher
from feedback.service_layer.feedback_service import UnknownTrackingCode
from feedback.service_layer.transaction import Transaction
from feedback.service_layer.web_attempts import AttemptKind, AttemptLog

PIN_DIGITS = 6


def new_pin() -> str:
    return f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}"


def looks_like_pin(text: str) -> bool:
    return len(text) == PIN_DIGITS and text.isascii() and text.isdigit()


@dataclass(frozen=True)
class PinPolicy:
    failures_per_code: int = 5
    failures_per_client: int = 20
    window: timedelta = timedelta(hours=1)


class WrongPin(Exception):
    def __init__(self, attempts_left: int) -> None:
        super().__init__(f"wrong PIN, {attempts_left} attempts left")
        self.attempts_left = attempts_left


class PinAttemptsExhausted(Exception):
    def __init__(self, until: datetime) -> None:
        super().__init__(f"too many wrong PINs until {until.isoformat()}")
        self.until = until


class PinHashes(Protocol):
    async def pin_hash(self, code: str) -> tuple[bool, str | None]:
        """Whether the item exists, and its PIN's hash (None for an item filed without a PIN)."""
        ...


class PinUnitOfWork(Transaction, Protocol):
    @property
    def feedback(self) -> PinHashes: ...

    @property
    def web_attempts(self) -> AttemptLog: ...


class FilerPins:
    def __init__(
        self,
        uow_factory: Callable[[], PinUnitOfWork],
        hasher: PasswordHasher,
        clock: Callable[[], datetime],
        policy: PinPolicy | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._hasher = hasher
        self._clock = clock
        self.policy = policy or PinPolicy()

    async def issue(self) -> tuple[str, str]:
        """A new PIN and its hash (hashing is CPU-bound: done off the event loop)."""
        pin = new_pin()
        return pin, await asyncio.to_thread(self._hasher.hash, pin)

    async def verify(self, code: str, pin: str, client: str) -> str:
        """The normalised code when `pin` is the item's; raises PinAttemptsExhausted, WrongPin, or
        UnknownTrackingCode / InvalidTrackingCode. A wrong PIN, an item without one and an unknown code all
        count as a failure, so that trying codes costs the same as trying PINs."""
        normalised = str(parse_code(code))
        now = self._clock()
        since = now - self.policy.window
        async with self._uow_factory() as uow:
            per_code = await uow.web_attempts.recent(AttemptKind.PIN_FAILURE, since, code=normalised)
            per_client = await uow.web_attempts.recent(AttemptKind.PIN_FAILURE, since, client=client)
            limits = ((per_code, self.policy.failures_per_code), (per_client, self.policy.failures_per_client))
            for recent, limit in limits:
                if recent.count >= limit and recent.oldest is not None:
                    raise PinAttemptsExhausted(recent.oldest + self.policy.window)
            exists, stored = await uow.feedback.pin_hash(normalised)
        right = looks_like_pin(pin) and stored is not None and await asyncio.to_thread(self._hasher.verify, stored, pin)
        if right:
            return normalised
        async with self._uow_factory() as uow:
            await uow.web_attempts.add(AttemptKind.PIN_FAILURE, now, client=client, code=normalised)
            await uow.commit()
        if not exists:
            raise UnknownTrackingCode(normalised)
        raise WrongPin(max(0, self.policy.failures_per_code - per_code.count - 1))
