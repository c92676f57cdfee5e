"""A round of work run again and again for as long as the instance serves: the scheduled jobs, each channel's
delivery, the relay of notices, the Zalo token's renewal.

- A round runs every `every` seconds, or at once when `wake()`d; a wake-up during a round runs the next one
  as soon as this one ends, so nothing that woke it is left for the next period.
- A round that raises is logged with its traceback and reported to the loop's heartbeat (/healthz), and the
  loop carries on: the next round comes after `after_failure` seconds (by default `every`). A round that
  returns beats the heartbeat.
- With `spacing`, a round starts at least that many seconds after the last one started: wake-ups in between
  (a busy instance wakes the relay after every turn) are all served by the one round that follows.
- `stop()` lets the round under way finish (a job's lease or a send in flight would otherwise be left half
  done), then runs `finish` (what the rounds left running); past `stop_timeout` seconds it cancels them and
  logs `late_stop`, what that may cost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from monitoring.heartbeats import Heartbeat

log = logging.getLogger(__name__)

Work = Callable[[], Awaitable[object]]  # what a round returns is not looked at
STOP_TIMEOUT = 30.0  # seconds a stop waits for the round under way (and `finish`)


class BackgroundLoop:
    def __init__(
        self,
        name: str,
        work: Work,
        *,
        every: float,
        after_failure: float | None = None,
        heartbeat: Heartbeat | None = None,
        finish: Work | None = None,
        stop_timeout: float = STOP_TIMEOUT,
        late_stop: str = "",
        spacing: float = 0.0,
    ) -> None:
        self.name = name
        self._work = work
        self._every = every
        self._after_failure = every if after_failure is None else after_failure
        self._heartbeat = heartbeat
        self._finish = finish
        self._stop_timeout = stop_timeout
        self._late_stop = late_stop
        self._spacing = spacing
        self._wake = asyncio.Event()
        self._stop_asked = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None

    @property
    def stopping(self) -> bool:
        """A stop was asked for: a round that waits or loops inside itself should end early."""
        return self._stopping

    def start(self) -> None:
        if self._task is None:
            self._stopping = False
            self._stop_asked.clear()
            self._task = asyncio.create_task(self._run(), name=self.name)

    def wake(self) -> None:
        """Run a round now rather than at the end of the period (or end the wait of a round in `idle`)."""
        self._wake.set()

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        self._stopping = True
        self._stop_asked.set()
        self._wake.set()
        try:
            await asyncio.wait_for(task, self._stop_timeout)
        except TimeoutError:
            log.warning("%s did not stop within %g s; %s", self.name, self._stop_timeout, self._late_stop or "cut")

    async def idle(self, seconds: float) -> None:
        """Until woken (a stop wakes it too) or `seconds` passed; the wake-up is used up. Rounds may wait here."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)
        self._wake.clear()

    async def _run(self) -> None:
        clock = asyncio.get_running_loop().time
        while not self._stopping:
            started = clock()
            self._wake.clear()  # what woke it so far, this round serves
            try:
                await self._work()
            except Exception as error:
                log.exception("%s failed; trying again in %g s", self.name, self._after_failure)
                if self._heartbeat is not None:
                    self._heartbeat.failed(error)
                await self.idle(self._after_failure)
                continue
            if self._heartbeat is not None:
                self._heartbeat.beat()
            await self.idle(self._every)
            if (wait := started + self._spacing - clock()) > 0:
                with contextlib.suppress(TimeoutError):  # only a stop ends it early
                    await asyncio.wait_for(self._stop_asked.wait(), wait)
        if self._finish is not None:
            await self._finish()
