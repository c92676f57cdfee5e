"""Argon2id through argon2-cffi: salted, verifiable, and replaced when the parameters are raised."""

from __future__ import annotations

import pytest

from storage.password_hashing import Argon2PasswordHasher

CHEAP = {"time_cost": 1, "memory_cost_kib": 1024, "parallelism": 1}
PASSWORD = "trâu ơi ta bảo trâu này"


@pytest.fixture(scope="module")
def hasher() -> Argon2PasswordHasher:
    return Argon2PasswordHasher(**CHEAP)


def test_a_hash_is_argon2id_with_its_parameters_and_never_the_password(hasher: Argon2PasswordHasher) -> None:
    stored = hasher.hash(PASSWORD)
    assert stored.startswith("$argon2id$v=19$m=1024,t=1,p=1$")
    assert PASSWORD not in stored


def test_the_same_password_hashes_differently_each_time(hasher: Argon2PasswordHasher) -> None:
    assert hasher.hash(PASSWORD) != hasher.hash(PASSWORD)


def test_only_the_right_password_verifies(hasher: Argon2PasswordHasher) -> None:
    stored = hasher.hash(PASSWORD)
    assert hasher.verify(stored, PASSWORD)
    assert not hasher.verify(stored, PASSWORD.upper())
    assert not hasher.verify(stored, "")


@pytest.mark.parametrize("garbage", ["", "not a hash", "$argon2id$v=19$m=1024,t=1,p=1$broken"])
def test_a_hash_that_cannot_be_read_verifies_nothing_and_asks_to_be_replaced(
    hasher: Argon2PasswordHasher, garbage: str
) -> None:
    assert not hasher.verify(garbage, PASSWORD)
    assert hasher.needs_rehash(garbage)


def test_a_hash_made_with_weaker_parameters_still_verifies_but_needs_a_rehash(hasher: Argon2PasswordHasher) -> None:
    old = hasher.hash(PASSWORD)
    stronger = Argon2PasswordHasher(time_cost=2, memory_cost_kib=2048, parallelism=1)
    assert stronger.verify(old, PASSWORD)
    assert stronger.needs_rehash(old)
    assert not stronger.needs_rehash(stronger.hash(PASSWORD))
    assert not hasher.needs_rehash(old)


def test_the_default_parameters_are_rfc_9106_low_memory() -> None:
    assert Argon2PasswordHasher().hash("x" * 8).startswith("$argon2id$v=19$m=65536,t=3,p=4$")
