"""PKCE (RFC 7636) for Zalo's OAuth v4: a random verifier kept by us, its S256 challenge sent to Zalo."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass


@dataclass(frozen=True)
class Pkce:
    verifier: str
    challenge: str


def challenge_for(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def new_pkce() -> Pkce:
    """A 43-character verifier (32 random bytes, base64url), as Zalo's SDKs make it."""
    verifier = secrets.token_urlsafe(32)
    return Pkce(verifier=verifier, challenge=challenge_for(verifier))
