"""Argon2id password hashes through argon2-cffi: the `feedback.service_layer.access_ports.PasswordHasher` the
services use.

The defaults are argon2-cffi's, RFC 9106's low-memory profile (64 MiB, 3 passes, 4 lanes): about 0.1 s a
hash on an office server. The parameters travel inside each hash, so raising them later is safe: old
hashes still verify, report `needs_rehash`, and are replaced at the officer's next login.
"""

from __future__ import annotations

import argon2
from argon2.exceptions import InvalidHashError, VerificationError


class Argon2PasswordHasher:
    def __init__(self, *, time_cost: int = 3, memory_cost_kib: int = 65536, parallelism: int = 4) -> None:
        self._hasher = argon2.PasswordHasher(
            time_cost=time_cost, memory_cost=memory_cost_kib, parallelism=parallelism, type=argon2.Type.ID
        )

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):  # a wrong password, or a hash we cannot read
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(stored_hash)
        except (InvalidHashError, ValueError):
            return True
