"""Failed logins counted per username and per client address, in a sliding window.

The counters live in this process's memory (like the sessions): a restart forgets them, and several
instances would each allow their own share. A username or an address with `max_failures` failures in
the last `window` must wait until the oldest of them leaves the window; the password is not even
checked meanwhile, so guessing gains nothing. A successful login clears its username's failures, not
its address's: one valid account must not unlock guessing others from the same address.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)


class LoginThrottle:
    def __init__(self, clock: Clock, policy: ThrottlePolicy | None = None) -> None:
        self._clock = clock
        self.policy = policy or ThrottlePolicy()
        self._failures: dict[str, deque[datetime]] = {}

    def wait(self, username: str, address: str | None) -> timedelta | None:
        """How long this username or address must wait before trying again; None if it may try now."""
        now = self._clock()
        waits = [self._wait(key, now) for key in self._keys(username, address)]
        return max((wait for wait in waits if wait is not None), default=None)

    def failed(self, username: str, address: str | None) -> None:
        now = self._clock()
        for key in self._keys(username, address):
            self._prune(key, now)
            self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, username: str) -> None:
        self._failures.pop(_user_key(username), None)

    def _wait(self, key: str, now: datetime) -> timedelta | None:
        recent = self._prune(key, now)
        if len(recent) < self.policy.max_failures:
            return None
        return recent[-self.policy.max_failures] + self.policy.window - now

    def _prune(self, key: str, now: datetime) -> deque[datetime]:
        """The failures of `key` still in the window; a key left with none is dropped from memory."""
        failures = self._failures.get(key)
        if failures is None:
            return deque()
        while failures and now - failures[0] >= self.policy.window:
            failures.popleft()
        if not failures:
            del self._failures[key]
        return failures

    @staticmethod
    def _keys(username: str, address: str | None) -> list[str]:
        keys = [_user_key(username)]
        if address:
            keys.append(f"address:{address}")
        return keys


def _user_key(username: str) -> str:
    return f"user:{username.strip().lower()}"
