"""The PIN a web filer gets with their code: who holds both reads the item in full and acts on it as its filer.

The code is guessable (a date and a number), so the code alone shows only what is public. The PIN is six
random digits, shown once on the receipt, stored as an Argon2id hash with the item. Wrong PINs are
counted per item and per client address in the database (`AttemptLog`), so a robot cannot try the million
PINs of one item, nor a few PINs on every item, however many web instances it spreads them over; past a
limit the next try waits until the oldest counted failure leaves the window.

A PIN is given again (`replace`) to whom the caller vouches for: the chat a messenger filer filed from (who got
no PIN then), or an officer of the item's units for a filer who lost theirs and came to the desk. The new PIN
replaces the old one, which stops working; the item's audit trail records who did it, never the PIN; and the
wrong PINs counted against the item are forgotten, so that a filer locked out by their own tries (or someone
else's) can use the new one at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from feedback.domain.model import Actor, CitizenRef, FeedbackItem, citizen_actor
from feedback.domain.tracking_code import parse_code
from feedback.service_layer.access_ports import PasswordHasher
from feedback.service_layer.feedback_service import NotYourItem, UnknownTrackingCode
from feedback.service_layer.transaction import Transaction
from feedback.service_layer.web_attempts import AttemptKind, AttemptLog

PIN_DIGITS = 6


def new_pin() -> str:
    return f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}"


def looks_like_pin(text: str) -> bool:
    return len(text) == PIN_DIGITS and text.isascii() and text.isdigit()


def pin_mark(pin_hash: str) -> str:
    """A short digest of a PIN's stored hash: a web session opened with the PIN carries it and is checked
    against the item's PIN whenever it is used, so a PIN given again ends the sessions the old one opened (the
    new hash, with its own salt, has another mark). It tells nothing of the PIN."""
    return hashlib.sha256(pin_hash.encode()).hexdigest()[:16]


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


class PinItems(PinHashes, Protocol):
    async def get(self, code: str) -> FeedbackItem | None: ...

    async def save(self, item: FeedbackItem) -> None: ...


class PinUnitOfWork(Transaction, Protocol):
    @property
    def feedback(self) -> PinItems: ...

    @property
    def web_attempts(self) -> AttemptLog: ...


class FilerPins:
    def __init__(
        self,
        uow_factory: Callable[[], PinUnitOfWork],
        hasher: PasswordHasher,
        clock: Callable[[], datetime],
        policy: PinPolicy | None = None,
        *,
        hashed_ahead: int = 0,
    ) -> None:
        self._uow_factory = uow_factory
        self._hasher = hasher
        self._clock = clock
        self.policy = policy or PinPolicy()
        self._ahead = hashed_ahead
        self._ready: list[tuple[str, str]] = []  # PINs never given, with their hashes
        self._filling: asyncio.Task[None] | None = None
        self._waiting: list[asyncio.Future[tuple[str, str]]] = []  # issues waiting for the PIN being hashed

    async def issue(self, *, refill: bool = True) -> tuple[str, str]:
        """A new PIN and its hash: one hashed ahead if there is one, else hashed now (in a thread: CPU-bound).

        The stock is hashed up again at once, or with `refill=False` when the caller calls `refill()`: a
        filing does once it has committed, so that the next hash does not compete with its commit for a core
        (and for the cache, 19 MiB at a time)."""
        if self._ready:
            pair = self._ready.pop()
        elif self._filling is not None and not self._filling.done():
            # A PIN is being hashed ahead: wait for it rather than start another hash beside it, which would
            # take half the cores of a small server and slow both down.
            waiter: asyncio.Future[tuple[str, str]] = asyncio.get_running_loop().create_future()
            self._waiting.append(waiter)
            try:
                pair = await waiter
            finally:
                if waiter in self._waiting:
                    self._waiting.remove(waiter)
        else:
            pair = await self._hashed_pin()
        if refill:
            self.refill()
        return pair

    def refill(self) -> None:
        """Start hashing PINs ahead (in a thread) if the stock is short and none is being hashed."""
        if len(self._ready) < self._ahead and (self._filling is None or self._filling.done()):
            self._filling = asyncio.ensure_future(self._fill())

    async def close(self) -> None:
        """Stop hashing ahead (a hash under way finishes in its thread, unused)."""
        if self._filling is not None:
            self._filling.cancel()
            # A hasher's failure went to the issues waiting for it; a filing with none waiting hashes its own.
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._filling
        self._ready.clear()

    async def _fill(self) -> None:
        try:
            while len(self._ready) < self._ahead or self._waiting:
                pair = await self._hashed_pin()
                waiter = next((waiter for waiter in self._waiting if not waiter.done()), None)
                if waiter is None:
                    self._ready.append(pair)
                else:
                    self._waiting.remove(waiter)
                    waiter.set_result(pair)
        except BaseException as error:  # the hasher failed, or `close`: nobody waits for a PIN forever
            for waiter in self._waiting:
                if waiter.done():
                    continue
                if isinstance(error, Exception):
                    waiter.set_exception(error)
                else:
                    waiter.cancel()
            raise

    async def _hashed_pin(self) -> tuple[str, str]:
        pin = new_pin()
        return pin, await asyncio.to_thread(self._hasher.hash, pin)

    async def mark(self, code: str) -> str | None:
        """The mark of the item's PIN as stored now (`pin_mark`); None for no such item or one without a PIN."""
        async with self._uow_factory() as uow:
            _, stored = await uow.feedback.pin_hash(code)
        return pin_mark(stored) if stored is not None else None

    async def replace(self, code: str, actor: Actor, authorise: Callable[[FeedbackItem], None]) -> str:
        """A new PIN for the item, to be shown once; the old one stops working. `authorise(item)` is the caller's
        check on the item as loaded (its filer's chat, an officer's reach): it raises to refuse, and nothing
        changes. Raises UnknownTrackingCode, InvalidTrackingCode, ConcurrentChange."""
        normalised = str(parse_code(code))
        pin, hashed = await self.issue()
        async with self._uow_factory() as uow:
            item = await uow.feedback.get(normalised)
            if item is None:
                raise UnknownTrackingCode(normalised)
            authorise(item)
            item.replace_pin(hashed, actor=actor, at=self._clock())
            await uow.feedback.save(item)
            await uow.web_attempts.forget(AttemptKind.PIN_FAILURE, code=normalised)
            await uow.commit()
        return pin

    async def replace_for_filer(self, code: str, citizen: CitizenRef) -> str:
        """A new PIN for the filer of the item on their own channel; NotYourItem for anyone else."""

        def authorise(item: FeedbackItem) -> None:
            if item.citizen != citizen:
                raise NotYourItem(item.code)

        return await self.replace(code, citizen_actor(citizen), authorise)

    async def verify(self, code: str, pin: str, client: str) -> str:
        """The normalised code when `pin` is the item's; raises PinAttemptsExhausted, WrongPin, or
        UnknownTrackingCode / InvalidTrackingCode. A wrong PIN, an item without one and an unknown code all
        count as a failure, so that trying codes costs the same as trying PINs."""
        return (await self.verify_for_session(code, pin, client))[0]

    async def verify_for_session(self, code: str, pin: str, client: str) -> tuple[str, str]:
        """`verify`, with the mark (`pin_mark`) of the PIN's hash as it was checked, for the session it opens."""
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
            assert stored is not None
            return normalised, pin_mark(stored)
        async with self._uow_factory() as uow:
            await uow.web_attempts.add(AttemptKind.PIN_FAILURE, now, client=client, code=normalised)
            await uow.commit()
        if not exists:
            raise UnknownTrackingCode(normalised)
        raise WrongPin(max(0, self.policy.failures_per_code - per_code.count - 1))
