"""The loop `motcua serve` runs for the scheduled jobs: wake up, run what is due, sleep.

What is due, the lease and the jobs themselves are `feedback.service_layer.scheduled_jobs`; this only keeps time. A
failed round (the database down for a while) is logged and tried again at the next wake-up; a stop lets a
run in progress finish, since its lease would otherwise hold the run until it expires.
"""

from __future__ import annotations

from background.loop import BackgroundLoop
from feedback.service_layer.scheduled_jobs import ScheduledJobs
from monitoring.heartbeats import Heartbeat

WAKE_EVERY = 60.0  # seconds; a run is due from its minute on, so it starts within a minute of it


def scheduler_loop(
    jobs: ScheduledJobs, *, wake_every: float = WAKE_EVERY, heartbeat: Heartbeat | None = None
) -> BackgroundLoop:
    """The jobs' loop; `heartbeat` lets /healthz see each round, and the last failure."""
    return BackgroundLoop(
        "scheduled jobs",
        jobs.tick,
        every=wake_every,
        heartbeat=heartbeat,
        late_stop="another instance takes the run when its lease ends",
    )
