"""Failed logins counted per username and per client address, in a sliding window, in the database.

Every instance on the database counts the same failures, so a guesser gains nothing by spreading over
instances or waiting for a restart. A username or an address with `max_failures` failures in the last
`window` must wait until the oldest of them leaves the window; the password is not even checked
meanwhile. A successful login clears its username's failures, not its address's: one valid account must
not unlock guessing others from the same address. Behind a reverse proxy the address is the client's
only when the proxy is trusted (`web.trusted_proxies`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from web.state_ports import WebStateUnitOfWork

Clock = Callable[[], datetime]
# How many failures one instance records between deletions of those out of every window.
_PRUNE_EVERY = 64


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)


class LoginThrottle:
    def __init__(self, clock: Clock, policy: ThrottlePolicy, uow_factory: Callable[[], WebStateUnitOfWork]) -> None:
        self._clock = clock
        self.policy = policy
        self._uow_factory = uow_factory
        self._failed_since_prune = 0

    async def wait(self, username: str, address: str | None) -> timedelta | None:
        """How long this username or address must wait before trying again; None if it may try now."""
        now = self._clock()
        waits: list[timedelta] = []
        async with self._uow_factory() as uow:
            for key in _keys(username, address):
                recent = await uow.login_failures.since(key, now - self.policy.window)
                if len(recent) >= self.policy.max_failures:
                    waits.append(recent[-self.policy.max_failures] + self.policy.window - now)
        return max(waits, default=None)

    async def failed(self, username: str, address: str | None) -> None:
        now = self._clock()
        async with self._uow_factory() as uow:
            await uow.login_failures.add(_keys(username, address), now)
            self._failed_since_prune += 1
            if self._failed_since_prune >= _PRUNE_EVERY:
                self._failed_since_prune = 0
                await uow.login_failures.delete_before(now - self.policy.window)
            await uow.commit()

    async def succeeded(self, username: str) -> None:
        async with self._uow_factory() as uow:
            await uow.login_failures.clear(_user_key(username))
            await uow.commit()


def _keys(username: str, address: str | None) -> list[str]:
    keys = [_user_key(username)]
    if address:
        keys.append(f"address:{address}"[:200])
    return keys


def _user_key(username: str) -> str:
    return f"user:{username.strip().lower()}"[:200]
