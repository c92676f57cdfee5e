"""Officers' web sessions: a random id in a cookie, the state in the database, idle and absolute expiry.

The id is 256 random bits; the database keeps only its SHA-256 digest. Every instance on the database
sees every session, so officers stay logged in across a restart and behind a load balancer; logging out
or locking an account still ends the session at once (a copied cookie is worth nothing afterwards). The
login form needs no session at all (its CSRF token is a cookie of its own), so a visitor stores nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from web.state_ports import StoredSession, WebStateUnitOfWork

Clock = Callable[[], datetime]

# How many logins one instance lets through between sweeps of the expired sessions.
_SWEEP_EVERY = 64
# How stale `last_seen` may get before a request writes it again: one write a minute per officer, not one
# per click; an idle timeout of 30 minutes may then end up to a minute early.
_TOUCH_EVERY = timedelta(minutes=1)
_MAX_ID_LENGTH = 128


@dataclass
class Session:
    id: str
    csrf_token: str
    started_at: datetime
    last_seen: datetime
    username: str
    flash: list[tuple[str, str]] = field(default_factory=list)  # (kind, message) shown once, after a redirect
    flash_changed: bool = False

    def add_flash(self, kind: str, message: str) -> None:
        self.flash.append((kind, message))
        self.flash_changed = True

    def take_flash(self) -> list[tuple[str, str]]:
        messages, self.flash = self.flash, []
        self.flash_changed = self.flash_changed or bool(messages)
        return messages


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)


def digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class SessionStore:
    def __init__(self, clock: Clock, policy: SessionPolicy, uow_factory: Callable[[], WebStateUnitOfWork]) -> None:
        self._clock = clock
        self.policy = policy
        self._uow_factory = uow_factory
        self._started_since_sweep = 0

    async def start(self, username: str) -> Session:
        """A new session with a fresh id and CSRF token (a login never reuses an id it was given)."""
        now = self._clock()
        session = Session(
            id=secrets.token_urlsafe(32),
            csrf_token=secrets.token_urlsafe(32),
            started_at=now,
            last_seen=now,
            username=username,
        )
        stored = StoredSession(digest(session.id), username, session.csrf_token, now, now)
        async with self._uow_factory() as uow:
            await uow.web_sessions.add(stored)
            if self._sweep_due():
                await uow.web_sessions.delete_expired(
                    idle_before=now - self.policy.idle, started_before=now - self.policy.absolute
                )
            await uow.commit()
        return session

    async def get(self, session_id: str | None) -> Session | None:
        """The live session with this id, its idle timer restarted; None if unknown or expired (and then gone)."""
        if not session_id or len(session_id) > _MAX_ID_LENGTH:
            return None
        key = digest(session_id)
        now = self._clock()
        async with self._uow_factory() as uow:
            stored = await uow.web_sessions.get(key)
            if stored is None:
                return None
            if self._expired(stored, now):
                await uow.web_sessions.delete(key)
                await uow.commit()
                return None
            if now - stored.last_seen >= _TOUCH_EVERY:
                await uow.web_sessions.touch(key, now)
                await uow.commit()
        return Session(
            id=session_id,
            csrf_token=stored.csrf_token,
            started_at=stored.started_at,
            last_seen=now,
            username=stored.username,
            flash=list(stored.flash),
        )

    async def save_flash(self, session: Session) -> None:
        """The messages still to show, after a view added or showed some."""
        if not session.flash_changed:
            return
        async with self._uow_factory() as uow:
            await uow.web_sessions.set_flash(digest(session.id), tuple(session.flash))
            await uow.commit()
        session.flash_changed = False

    async def end(self, session_id: str) -> None:
        async with self._uow_factory() as uow:
            await uow.web_sessions.delete(digest(session_id))
            await uow.commit()

    def _expired(self, stored: StoredSession, now: datetime) -> bool:
        return now - stored.last_seen >= self.policy.idle or now - stored.started_at >= self.policy.absolute

    def _sweep_due(self) -> bool:
        self._started_since_sweep += 1
        if self._started_since_sweep < _SWEEP_EVERY:
            return False
        self._started_since_sweep = 0
        return True
