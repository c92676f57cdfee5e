"""The OA access token: read from the database, renewed before it expires by exactly one instance.

Zalo's access token lives 25 hours; the refresh token that renews it works once. Two instances refreshing
with the same refresh token would leave one of them (and, if it stored last, everyone) with a dead pair and
the OA locked out until an administrator consents again. So a renewal is a job run under the project's job
leases, keyed by the refresh token it spends: the instance that claims the run refreshes and stores the new
pair in the transaction that marks the run done; the others keep using the current token while it is still
valid, or wait for the new one when it is not.

Renewal starts `renew_before` ahead of the expiry, so a failure (Zalo unreachable) leaves time for retries,
spaced out by `RETRY_DELAYS`. Administrators get one alert per refresh token (the officers' outbox, kind
`ChannelAlert`) when Zalo refuses the refresh token, after `ALERT_AFTER_FAILURES` failures in a row, or when
the token is about to expire with renewal still failing. Failures are counted in the database, so every
instance's attempts add up.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from feedback.domain import channel_alert
from feedback.domain.channel_alert import ChannelAlert, ChannelProblem
from feedback.domain.deadlines import local_date
from zalo.connection import NotConnected, TokenPair, ZaloConnection, ZaloUnitOfWork
from zalo.oauth import OAuthRefused, OAuthUnreachable

log = logging.getLogger(__name__)

RENEWAL_JOB = "zalo_token_renewal"
ALERT_JOB = "zalo_token_alert"
RENEW_BEFORE = timedelta(hours=2)
LEASE = timedelta(minutes=1)
RELOAD_EVERY = timedelta(minutes=1)  # how stale this instance's copy of the connection may get
ALERT_AFTER_FAILURES = 3
ALERT_WHEN_LEFT = timedelta(minutes=30)
RETRY_DELAYS = (timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15))
STORE_ATTEMPTS = 3

UnitOfWorkFactory = Callable[[], ZaloUnitOfWork]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class RefreshTokens(Protocol):
    async def refresh(self, refresh_token: str, *, at: datetime) -> TokenPair: ...


def run_key(refresh_token: str) -> str:
    """The lease's run key: one renewal per refresh token, named without revealing it."""
    return hashlib.sha256(refresh_token.encode()).hexdigest()[:32]


class TokenKeeper:
    """`zalo.oa_client.AccessTokens` over the database; one per instance."""

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        oauth: RefreshTokens,
        *,
        holder: str,
        clock: Clock = utc_now,
        renew_before: timedelta = RENEW_BEFORE,
        lease: timedelta = LEASE,
        wait_step: float = 0.05,
    ) -> None:
        self._uow_factory = uow_factory
        self._oauth = oauth
        self.holder = holder
        self._clock = clock
        self._renew_before = renew_before
        self._lease = lease
        self._wait_step = wait_step
        self._cached: ZaloConnection | None = None
        self._loaded_at: datetime | None = None
        self._retry_at: datetime | None = None
        self._lock = asyncio.Lock()

    async def current(self) -> str:
        connection = await self._connection()
        if connection.connected and self._clock() >= self._renewal_time(connection):
            connection = await self._renew(connection, rejected=False)
        return self._usable(connection)

    async def replace_rejected(self, token: str) -> str:
        connection = await self._load()
        if connection.connected and connection.access_token != token:
            return self._usable(connection)  # another instance renewed it meanwhile
        connection = await self._renew(connection, rejected=True)
        if connection.access_token == token:
            raise NotConnected("Zalo refused the access token and it could not be renewed")
        return self._usable(connection)

    async def renew_if_due(self) -> None:
        """For a loop that keeps the token fresh when no message is being sent."""
        with contextlib.suppress(NotConnected):
            await self.current()

    def forget(self) -> None:
        """Read the connection from the database at the next call (after connect or disconnect)."""
        self._cached = None
        self._retry_at = None

    # --- reading --------------------------------------------------------------------------------------

    def _renewal_time(self, connection: ZaloConnection) -> datetime:
        assert connection.expires_at is not None
        return connection.expires_at - self._renew_before

    def _usable(self, connection: ZaloConnection) -> str:
        if not connection.connected:
            raise NotConnected("the Zalo OA is not connected: run `motcua admin zalo connect`")
        assert connection.access_token is not None and connection.expires_at is not None
        if self._clock() >= connection.expires_at:
            raise NotConnected("the Zalo access token expired and renewing it is failing")
        return connection.access_token

    async def _connection(self) -> ZaloConnection:
        now = self._clock()
        if self._cached is None or self._loaded_at is None or now - self._loaded_at >= RELOAD_EVERY:
            return await self._load()
        return self._cached

    async def _load(self) -> ZaloConnection:
        async with self._uow_factory() as uow:
            self._cached = await uow.zalo.get() or ZaloConnection()
        self._loaded_at = self._clock()
        return self._cached

    # --- renewing -------------------------------------------------------------------------------------

    async def _renew(self, seen: ZaloConnection, *, rejected: bool) -> ZaloConnection:
        async with self._lock:  # one attempt per instance at a time; the lease makes it one overall
            connection = await self._load()
            if not connection.connected or connection.refresh_token != seen.refresh_token:
                return connection  # renewed (or disconnected) meanwhile
            now = self._clock()
            if self._retry_at is not None and now < self._retry_at:
                return connection  # backing off after a failure: the token may still serve
            assert connection.refresh_token is not None and connection.expires_at is not None
            key = run_key(connection.refresh_token)
            async with self._uow_factory() as uow:
                won = await uow.leases.claim(RENEWAL_JOB, key, self.holder, at=now, expires_at=now + self._lease)
                done = not won and await uow.leases.is_done(RENEWAL_JOB, key)
                await uow.commit()
            if done:
                return await self._load()
            if not won:
                if not rejected and now < connection.expires_at:
                    return connection  # another instance is renewing; this token is still good meanwhile
                return await self._wait_for_renewal(connection)
            return await self._refresh(connection, key, now)

    async def _refresh(self, connection: ZaloConnection, key: str, now: datetime) -> ZaloConnection:
        assert connection.refresh_token is not None
        try:
            pair = await self._oauth.refresh(connection.refresh_token, at=now)
        except (OAuthRefused, OAuthUnreachable) as error:
            await self._failed(connection, key, error, now)
            return await self._load()
        stored = await self._store(connection.refresh_token, pair, key, now)
        self._retry_at = None
        if not stored:
            log.warning("zalo token renewed but the connection was replaced or removed meanwhile; not stored")
            return await self._load()
        log.info("zalo access token renewed", extra={"expires_at": pair.expires_at.isoformat()})
        self._cached = dataclasses.replace(
            connection,
            access_token=pair.access_token,
            refresh_token=pair.refresh_token,
            expires_at=pair.expires_at,
            renewed_at=now,
            renewal_failures=0,
            renewal_error=None,
        )
        self._loaded_at = now
        return self._cached

    async def _store(self, old_refresh_token: str, pair: TokenPair, key: str, now: datetime) -> bool:
        """The new pair in the database with the run marked done. Zalo has already spent the old refresh
        token, so a database hiccup here is worth a few tries before giving up."""
        for attempt in range(1, STORE_ATTEMPTS + 1):
            try:
                async with self._uow_factory() as uow:
                    stored = await uow.zalo.renewed(old_refresh_token, pair, now)
                    await uow.leases.complete(RENEWAL_JOB, key, self.holder, at=now)
                    await uow.commit()
                return stored
            except Exception:
                if attempt == STORE_ATTEMPTS:
                    raise
                log.exception("storing the renewed zalo token failed; trying again", extra={"attempt": attempt})
                await asyncio.sleep(0.2 * attempt)
        raise AssertionError("unreachable")

    async def _failed(self, connection: ZaloConnection, key: str, error: Exception, now: datetime) -> None:
        assert connection.refresh_token is not None and connection.expires_at is not None
        detail = describe(error)
        async with self._uow_factory() as uow:
            failures = await uow.zalo.renewal_failed(connection.refresh_token, detail)
            await uow.leases.release(RENEWAL_JOB, key, self.holder)
            alert = (
                isinstance(error, OAuthRefused)
                or failures >= ALERT_AFTER_FAILURES
                or connection.expires_at - now <= ALERT_WHEN_LEFT
            )
            alerted = alert and await self._alert(uow, key, detail, now)
            await uow.commit()
        delay = RETRY_DELAYS[min(failures, len(RETRY_DELAYS)) - 1] if failures else RETRY_DELAYS[0]
        self._retry_at = now + delay
        log.error(
            "zalo token renewal failed",
            extra={"error": detail, "failures": failures, "alerted": alerted, "retry_at": self._retry_at.isoformat()},
        )

    async def _alert(self, uow: ZaloUnitOfWork, key: str, detail: str, now: datetime) -> bool:
        """Tell the administrators, once per refresh token however many instances fail."""
        if not await uow.leases.claim(ALERT_JOB, key, self.holder, at=now, expires_at=now + self._lease):
            return False
        message = ChannelAlert(local_date(now), "zalo", ChannelProblem.TOKEN_RENEWAL_FAILED, detail)
        admins = channel_alert.recipients(await uow.officers.list())
        for admin in admins:
            await uow.officer_messages.add(admin, message, now)
        await uow.leases.complete(ALERT_JOB, key, self.holder, at=now)
        if not admins:
            log.error("no administrator with a linked account to tell that the Zalo OA must be reconnected")
        return True

    async def _wait_for_renewal(self, connection: ZaloConnection) -> ZaloConnection:
        """Another instance holds the renewal and this token is no use: wait for the new pair, at most one
        lease (after which the holder is presumed dead and the lease can be taken over)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._lease.total_seconds()
        while loop.time() < deadline:
            await asyncio.sleep(self._wait_step)
            fresh = await self._load()
            if fresh.refresh_token != connection.refresh_token:
                return fresh
            if fresh.renewal_failures > connection.renewal_failures:
                return fresh  # the holder failed and let go: no new pair is coming from it
        return await self._load()


def describe(error: Exception) -> str:
    """What went wrong, for logs and the administrators' alert: Zalo's code and name, never a token."""
    if isinstance(error, OAuthRefused):
        return f"Zalo refused the refresh token ({error})"
    return f"Zalo OAuth unreachable ({error})"
