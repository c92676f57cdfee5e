"""API keys of the Open311 clients (a kiosk, a hotline operator's screen, another agency's web form).

A key is 256 random bits, shown once when issued and stored only as its SHA-256 digest: a key that
random cannot be guessed from its digest, so a fast hash is right here (a slow one like Argon2 is for
passwords people choose). A client is known by a short name the administrator gives it; revoking keeps
the row, so the audit trail's "open311:<client id>" still names someone.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

KEY_PREFIX = "mc311_"  # tells a leaked key apart from other secrets at a glance
MAX_NAME_LENGTH = 64
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")


@dataclass(frozen=True)
class ApiClient:
    id: int
    name: str
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class InvalidClientName(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"not a client name: {name!r}")
        self.name = name


class DuplicateClient(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(f"client {name} exists already")
        self.name = name


class UnknownClient(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(f"no client {name}")
        self.name = name


def normalise_client_name(name: str) -> str:
    """Lower-case ASCII letters, digits, ".", "-", "_"; raises InvalidClientName."""
    normalised = name.strip().lower()
    if len(normalised) > MAX_NAME_LENGTH or not _NAME.fullmatch(normalised):
        raise InvalidClientName(name)
    return normalised


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
