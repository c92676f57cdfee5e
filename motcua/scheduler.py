"""The loop `motcua serve` runs for the scheduled jobs: wake up, run what is due, sleep.

What is due, the lease and the jobs themselves are `feedback.scheduled_jobs`; this only keeps time. A
failed round (the database down for a while) is logged and tried again at the next wake-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from feedback.scheduled_jobs import ScheduledJobs
from monitoring.heartbeats import Heartbeat

log = logging.getLogger(__name__)

WAKE_EVERY = 60.0  # seconds; a run is due from its minute on, so it starts within a minute of it
STOP_TIMEOUT = 30.0


class Scheduler:
    def __init__(
        self, jobs: ScheduledJobs, *, wake_every: float = WAKE_EVERY, heartbeat: Heartbeat | None = None
    ) -> None:
        self._jobs = jobs
        self._heartbeat = heartbeat  # /healthz sees each round, and the last failure
        self._wake_every = wake_every
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._stopping.clear()
            self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Let a run in progress finish (its lease would otherwise hold the run until it expires)."""
        task, self._task = self._task, None
        if task is None:
            return
        self._stopping.set()
        try:
            await asyncio.wait_for(task, STOP_TIMEOUT)
        except TimeoutError:
            log.warning("scheduled jobs did not stop in time; another instance takes the run when its lease ends")

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self._jobs.tick()
            except Exception as error:
                log.exception("scheduled jobs failed; trying again later")
                if self._heartbeat is not None:
                    self._heartbeat.failed(error)
            else:
                if self._heartbeat is not None:
                    self._heartbeat.beat()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._wake_every)
