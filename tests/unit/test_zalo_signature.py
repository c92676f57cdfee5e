"""The webhook signature: Zalo's rule (sha256 of app id + raw body + timestamp + OA secret key), a replay
window on the body's timestamp, and every way a request can fail it."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

import pytest

from zalo.signature import REPLAY_WINDOW, Refusal, SignatureRefused, signature, verify

APP_ID = "360846524940903967"
SECRET = "oa-secret-key-for-tests"
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def body_at(at: datetime, text: str = "Xin chào") -> bytes:
    event = {
        "app_id": APP_ID,
        "sender": {"id": "246845883529197922"},
        "event_name": "user_send_text",
        "message": {"text": text, "msg_id": "96d3cdf3af150460909"},
        "timestamp": str(int(at.timestamp() * 1000)),
    }
    return json.dumps(event, ensure_ascii=False).encode()


def sign(body: bytes, secret: str = SECRET) -> str:
    return signature(APP_ID, body, json.loads(body)["timestamp"], secret)


def check(body: bytes, header: str | None, now: datetime = NOW) -> Refusal | None:
    try:
        verify(body, header, app_id=APP_ID, oa_secret_key=SECRET, now=now)
    except SignatureRefused as refused:
        return refused.refusal
    return None


def test_the_signature_is_the_plain_sha256_of_app_id_body_timestamp_and_secret_with_mac_prefix() -> None:
    # Worked out from the rule here, not by the function under test.
    body = b'{"timestamp":"1543908534740"}'
    expected = hashlib.sha256(b"123" + body + b"1543908534740" + b"key").hexdigest()
    assert signature("123", body, "1543908534740", "key") == f"mac={expected}"


def test_a_good_signature_is_accepted_and_the_body_read() -> None:
    body = body_at(NOW - timedelta(seconds=3))
    event = verify(body, sign(body), app_id=APP_ID, oa_secret_key=SECRET, now=NOW)
    assert event.body["message"]["text"] == "Xin chào"
    assert event.timestamp == NOW - timedelta(seconds=3)


def test_a_bare_digest_and_upper_case_hex_are_accepted_too() -> None:
    body = body_at(NOW)
    digest = sign(body).removeprefix("mac=")
    assert check(body, digest) is None
    assert check(body, "mac=" + digest.upper()) is None


def test_a_missing_or_empty_signature_is_refused() -> None:
    body = body_at(NOW)
    assert check(body, None) == Refusal.MISSING
    assert check(body, "  ") == Refusal.MISSING


def test_a_signature_made_with_another_key_is_refused() -> None:
    body = body_at(NOW)
    assert check(body, sign(body, secret="the app secret, not the OA key")) == Refusal.MISMATCH


def test_a_body_altered_after_signing_is_refused() -> None:
    body = body_at(NOW)
    header = sign(body)
    altered = body.replace("Xin chào".encode(), "Chuyển tiền".encode())
    assert check(altered, header) == Refusal.MISMATCH
    # The same JSON re-serialised differently is another body: Zalo signed the bytes it sent.
    reserialised = json.dumps(json.loads(body), ensure_ascii=True).encode()
    assert check(reserialised, header) == Refusal.MISMATCH


def test_a_changed_timestamp_is_refused_even_when_the_rest_is_unchanged() -> None:
    body = body_at(NOW)
    header = sign(body)
    later = body_at(NOW + timedelta(milliseconds=1))
    assert check(later, header) == Refusal.MISMATCH


def test_a_timestamp_older_than_the_replay_window_is_refused_and_zalos_last_retry_still_fits() -> None:
    stale = body_at(NOW - REPLAY_WINDOW - timedelta(seconds=1))
    assert check(stale, sign(stale)) == Refusal.STALE
    # Zalo's retries: 30 s, 5, 15, 30 and 60 minutes after each other, so the last comes ~1 h 50 min late.
    last_retry = body_at(NOW - timedelta(seconds=30) - timedelta(minutes=5 + 15 + 30 + 60))
    assert check(last_retry, sign(last_retry)) is None


def test_a_timestamp_from_the_future_beyond_clock_drift_is_refused() -> None:
    future = body_at(NOW + timedelta(minutes=30))
    assert check(future, sign(future)) == Refusal.FUTURE
    drift = body_at(NOW + timedelta(minutes=2))
    assert check(drift, sign(drift)) is None


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[1, 2]", b'{"event_name": "user_send_text"}', b'{"timestamp": "12ab"}', b"\xff\xfe"],
)
def test_a_body_without_a_readable_timestamp_is_refused_as_malformed(body: bytes) -> None:
    assert check(body, "mac=" + "0" * 64) == Refusal.MALFORMED


def test_a_header_that_is_not_a_digest_is_refused_as_malformed() -> None:
    body = body_at(NOW)
    assert check(body, "mac=not-hex") == Refusal.MALFORMED
    assert check(body, sign(body)[:-2]) == Refusal.MALFORMED
