"""Officers' web sessions: a random id in a cookie, the state on the server, idle and absolute expiry.

The state lives in this process's memory, deliberately: logging out or locking an account ends the
session at once (a copied cookie is worth nothing afterwards), and there is no signing key to manage.
The cost: a restart logs everyone out, and several web instances would need sticky routing or a shared
store behind the same three methods (`start`, `get`, `end`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

Clock = Callable[[], datetime]

# How many sessions may be started between sweeps of the expired ones.
_SWEEP_EVERY = 256


@dataclass
class Session:
    id: str
    csrf_token: str
    started_at: datetime
    last_seen: datetime
    username: str | None = None  # None: a visitor on the login page, who still needs a CSRF token
    flash: list[tuple[str, str]] = field(default_factory=list)  # (kind, message) shown once, after a redirect

    def add_flash(self, kind: str, message: str) -> None:
        self.flash.append((kind, message))

    def take_flash(self) -> list[tuple[str, str]]:
        messages, self.flash = self.flash, []
        return messages


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)


class SessionStore:
    def __init__(self, clock: Clock, policy: SessionPolicy | None = None) -> None:
        self._clock = clock
        self.policy = policy or SessionPolicy()
        self._sessions: dict[str, Session] = {}
        self._started_since_sweep = 0

    def start(self, username: str | None = None) -> Session:
        """A new session with a fresh id and CSRF token (a login never reuses the visitor's id)."""
        self._sweep_now_and_then()
        now = self._clock()
        session = Session(
            id=secrets.token_urlsafe(32), csrf_token=secrets.token_urlsafe(32), started_at=now, last_seen=now
        )
        session.username = username
        self._sessions[session.id] = session
        return session

    def get(self, session_id: str | None) -> Session | None:
        """The live session with this id, its idle timer restarted; None if unknown or expired (and then gone)."""
        if not session_id:
            return None
        session = self._sessions.get(session_id)
        if session is None:
            return None
        now = self._clock()
        if self._expired(session, now):
            del self._sessions[session_id]
            return None
        session.last_seen = now
        return session

    def end(self, session_id: str) -> None:
        self._sessions.pop(session_id, None)

    def __len__(self) -> int:
        return len(self._sessions)

    def _expired(self, session: Session, now: datetime) -> bool:
        return now - session.last_seen >= self.policy.idle or now - session.started_at >= self.policy.absolute

    def _sweep_now_and_then(self) -> None:
        """Visitors who open the login page and leave must not pile up in memory."""
        self._started_since_sweep += 1
        if self._started_since_sweep < _SWEEP_EVERY:
            return
        self._started_since_sweep = 0
        now = self._clock()
        for session_id in [key for key, session in self._sessions.items() if self._expired(session, now)]:
            del self._sessions[session_id]
