"""Zalo's webhook signature, checked on the raw body before anything in it is trusted.

Zalo sends `X-ZEvent-Signature: mac=<hex>` where hex is the plain SHA-256 (not an HMAC) of the app id, the
raw request body exactly as received, the `timestamp` field inside that body (epoch milliseconds, as sent)
and the OA secret key, concatenated. Only the timestamp is read before the check, and only to compute it.

The timestamp also bounds replays. Zalo resends an event it got no 200 for, with the original body and so
the original timestamp, at about 30 s, 5 min, 15 min, 30 min and 1 h: the last retry comes a little under
two hours after the event. REPLAY_WINDOW is three hours: every retry fits with an hour to spare for clock
drift and Zalo's own queueing, and a captured request cannot be replayed after that. Within the window a
replay is the same event again, which the dialogue acts on once (its `event_id`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

HEADER = "X-ZEvent-Signature"
REPLAY_WINDOW = timedelta(hours=3)
CLOCK_SKEW = timedelta(minutes=5)  # an event stamped this far ahead of our clock is still Zalo's clock drift
_PREFIX = "mac="
_HEX_DIGITS = frozenset("0123456789abcdef")


class Refusal(StrEnum):
    MISSING = "missing"  # no signature header
    MALFORMED = "malformed"  # not a JSON object with a timestamp, or a header that is not a digest
    MISMATCH = "mismatch"  # signed with another key, or the body was altered
    STALE = "stale"  # older than the replay window
    FUTURE = "future"  # stamped later than clock drift explains


class SignatureRefused(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(str(refusal))
        self.refusal = refusal


@dataclass(frozen=True)
class SignedEvent:
    """A body whose signature and timestamp were checked: from here on it may be read."""

    body: dict[str, Any]
    timestamp: datetime


def signature(app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> str:
    """The header value Zalo sends for this body."""
    digest = hashlib.sha256(app_id.encode() + raw_body + timestamp.encode() + oa_secret_key.encode())
    return _PREFIX + digest.hexdigest()


def verify(
    raw_body: bytes,
    header: str | None,
    *,
    app_id: str,
    oa_secret_key: str,
    now: datetime,
    window: timedelta = REPLAY_WINDOW,
) -> SignedEvent:
    """The checked event; raises SignatureRefused."""
    if not header or not header.strip():
        raise SignatureRefused(Refusal.MISSING)
    given = header.strip().lower().removeprefix(_PREFIX)  # some senders leave the prefix out
    if len(given) != 64 or not set(given) <= _HEX_DIGITS:
        raise SignatureRefused(Refusal.MALFORMED)
    body, stamp = _timestamped(raw_body)
    expected = signature(app_id, raw_body, stamp, oa_secret_key).removeprefix(_PREFIX)
    if not hmac.compare_digest(expected.encode(), given.encode()):
        raise SignatureRefused(Refusal.MISMATCH)
    at = datetime.fromtimestamp(int(stamp) / 1000, UTC)
    if at < now - window:
        raise SignatureRefused(Refusal.STALE)
    if at > now + CLOCK_SKEW:
        raise SignatureRefused(Refusal.FUTURE)
    return SignedEvent(body, at)


def _timestamped(raw_body: bytes) -> tuple[dict[str, Any], str]:
    try:
        body = json.loads(raw_body)
    except (UnicodeDecodeError, ValueError):
        raise SignatureRefused(Refusal.MALFORMED) from None
    if not isinstance(body, dict):
        raise SignatureRefused(Refusal.MALFORMED)
    stamp = body.get("timestamp")
    if isinstance(stamp, int) and not isinstance(stamp, bool):
        stamp = str(stamp)
    if not isinstance(stamp, str) or not stamp.isascii() or not stamp.isdigit() or len(stamp) > 15:
        raise SignatureRefused(Refusal.MALFORMED)
    return body, stamp
