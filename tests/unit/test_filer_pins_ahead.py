"""PINs hashed ahead: a filing takes a PIN whose Argon2id hash was made before it asked, never one given before."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from feedback.service_layer.filer_pin import FilerPins
from tests.fakes.unit_of_work import FakeUnitOfWork


class GatedHasher:
    """Hashes only while its gate is open, as a slow Argon2id would keep a filing waiting."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.gate.set()
        self.hashed = 0
        self.started = 0
        self.at_once = 0  # the most hashes under way at the same time
        self._lock = threading.Lock()

    def hash(self, password: str) -> str:
        with self._lock:
            self.started += 1
            self.at_once = max(self.at_once, self.started - self.hashed)
        self.gate.wait(timeout=10)
        with self._lock:
            self.hashed += 1
            return f"hash {self.hashed}:{password}"  # each hash told apart, as a salt does

    def verify(self, stored_hash: str, password: str) -> bool:
        return stored_hash.startswith("hash ") and stored_hash.endswith(f":{password}")

    def needs_rehash(self, stored_hash: str) -> bool:
        return False


def now() -> datetime:
    return datetime(2026, 11, 23, 3, tzinfo=UTC)


async def hashed(hasher: GatedHasher, count: int) -> None:
    async with asyncio.timeout(10):
        while hasher.hashed < count:
            await asyncio.sleep(0.005)
    await asyncio.sleep(0.05)  # the hash's thread has returned: its PIN joins the stock on the loop


async def test_a_filing_takes_a_pin_hashed_ahead_while_the_hasher_is_busy(
    uow_factory: Callable[[], FakeUnitOfWork],
) -> None:
    hasher = GatedHasher()
    pins = FilerPins(uow_factory, hasher, now, hashed_ahead=2)
    try:
        first = await pins.issue()  # nothing hashed yet: hashed now, then two ahead
        await hashed(hasher, 3)
        hasher.gate.clear()  # from now on a hash would keep the filing waiting
        second = await asyncio.wait_for(pins.issue(), timeout=5)
        third = await asyncio.wait_for(pins.issue(), timeout=5)
        for pin, pin_hash in (first, second, third):
            assert len(pin) == 6 and pin.isdigit()
            assert hasher.verify(pin_hash, pin)
        assert hasher.hashed == 3  # the second and third were hashed before they were asked for
    finally:
        hasher.gate.set()
        await pins.close()


async def test_the_stock_is_hashed_again_after_it_is_used_and_each_pin_is_given_once(
    uow_factory: Callable[[], FakeUnitOfWork],
) -> None:
    hasher = GatedHasher()
    pins = FilerPins(uow_factory, hasher, now, hashed_ahead=3)
    try:
        given = [await pins.issue()]
        await hashed(hasher, 4)
        given += [await pins.issue() for _ in range(3)]
        await hashed(hasher, 7)  # the three taken are replaced
        hasher.gate.clear()
        given += [await asyncio.wait_for(pins.issue(), timeout=5) for _ in range(3)]
        assert hasher.hashed == 7
        assert len({pin_hash for _, pin_hash in given}) == len(given) == 7  # no hashed PIN given twice
    finally:
        hasher.gate.set()
        await pins.close()


async def test_without_a_stock_each_pin_is_hashed_when_asked(uow_factory: Callable[[], FakeUnitOfWork]) -> None:
    hasher = GatedHasher()
    pins = FilerPins(uow_factory, hasher, now)
    for count in (1, 2):
        pin, pin_hash = await pins.issue()
        assert hasher.verify(pin_hash, pin)
        assert hasher.hashed == count
    await asyncio.sleep(0.05)
    assert hasher.hashed == 2  # nothing hashed ahead


async def test_a_filing_can_have_the_stock_hashed_again_only_once_it_is_done(
    uow_factory: Callable[[], FakeUnitOfWork],
) -> None:
    hasher = GatedHasher()
    pins = FilerPins(uow_factory, hasher, now, hashed_ahead=2)
    try:
        await pins.issue(refill=False)  # nothing ahead: hashed now, and nothing more while the filing commits
        await asyncio.sleep(0.05)
        assert hasher.started == 1
        pins.refill()  # committed
        await hashed(hasher, 3)
        assert hasher.started == 3
    finally:
        await pins.close()


async def test_with_the_stock_empty_a_filing_waits_for_the_pin_being_hashed_rather_than_hash_another_beside_it(
    uow_factory: Callable[[], FakeUnitOfWork],
) -> None:
    hasher = GatedHasher()
    pins = FilerPins(uow_factory, hasher, now, hashed_ahead=1)
    try:
        given = [await pins.issue()]  # hashed now; the stock's one is hashed next, held at the gate
        hasher.gate.clear()
        waiting = asyncio.ensure_future(pins.issue())
        await asyncio.sleep(0.05)
        assert hasher.started == 2 and not waiting.done()
        hasher.gate.set()
        given.append(await asyncio.wait_for(waiting, timeout=5))
        await hashed(hasher, 3)  # and the stock is hashed up again
        given.append(await asyncio.wait_for(pins.issue(), timeout=5))
        assert hasher.at_once == 1
        assert len({pin_hash for _, pin_hash in given}) == 3 and all(hasher.verify(h, pin) for pin, h in given)
    finally:
        hasher.gate.set()
        await pins.close()


async def test_a_filing_waiting_for_the_pin_being_hashed_is_told_when_the_hasher_fails(
    uow_factory: Callable[[], FakeUnitOfWork],
) -> None:
    class Failing(GatedHasher):
        def hash(self, password: str) -> str:
            if self.hashed >= 1:
                self.gate.wait(timeout=10)
                raise RuntimeError("out of memory")
            return super().hash(password)

    hasher = Failing()
    pins = FilerPins(uow_factory, hasher, now, hashed_ahead=1)
    try:
        await pins.issue()
        hasher.gate.clear()
        waiting = asyncio.ensure_future(pins.issue())
        await asyncio.sleep(0.05)
        hasher.gate.set()
        with pytest.raises(RuntimeError, match="out of memory"):
            await asyncio.wait_for(waiting, timeout=5)
    finally:
        await pins.close()
