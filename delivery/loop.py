"""One channel's delivery loop: claim due outbox rows, send each through the channel's sender at the
channel's pace, record what became of it.

- A recipient's rows go one at a time and in order: the store hands out only their oldest waiting row, and
  the next becomes claimable once this one's outcome is recorded.
- Sends are spaced to the channel's limits (`delivery.pacing`); several are in flight at once, since each
  send waits on the network.
- RetryLater: the row is due again after `after_seconds` (a 429's retry_after), and the recipient's later
  rows wait behind it. With `whole_channel` (a bot-wide 429, the channel unreachable) the whole channel
  pauses: rows claimed but not sent yet go back to the outbox, due when the pause ends.
- HoldUntilContact: kept until the person writes again (the dialogue then queues it again: `take_held`).
- Undeliverable: logged, counted, kept with its reason.
- A sender that raises (a programming error) is logged and the row tried again later; nothing is lost.
- `nudge()` wakes the loop at once (a turn just queued replies); otherwise it looks every `poll_every`
  seconds, which also picks up rows queued by other instances and retries that came due.
- Each look at the outbox beats the loop's heartbeat (/healthz); every `COUNTS_EVERY` seconds the outbox's
  counts go to the metrics (backlog, held, undeliverable, the oldest row due), and every `PRUNE_EVERY` the
  rows sent more than `KEEP_SENT` ago are forgotten (a thousand at a time, so a big backlog of them never
  holds the table long).
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from background.loop import BackgroundLoop
from delivery.pacing import Pacer
from delivery.ports import (
    ChannelSender,
    Claim,
    Delivered,
    HoldUntilContact,
    OutboxStore,
    RetryLater,
    SendOutcome,
    Undeliverable,
)
from monitoring import metrics
from monitoring.heartbeats import Heartbeat

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)  # far longer than a send with its timeouts, so a lease never lapses mid-send
POLL_EVERY = 2.0  # seconds between looks at the outbox when nothing woke the loop
PROGRAM_ERROR_WAIT = 60.0  # seconds before a row whose sender raised is tried again
STORE_ERROR_WAIT = 5.0  # seconds before the loop tries the database again
STOP_TIMEOUT = 30.0  # seconds for the sends in flight to finish on stop
_RECORD_PATIENCE = 5.0  # seconds at most between two tries at recording an outcome
_WAIT_IN_HAND = 10.0  # seconds of a pause a claimed row waits out in memory; longer, it goes back to the outbox
DATABASE_CALLS = 4  # outbox calls one loop makes at once
KEEP_SENT = timedelta(days=30)  # sent rows kept this long: what was sent, and Telegram's ids for it
PRUNE_EVERY = 3600.0  # seconds
_PRUNE_BATCH = 1000
COUNTS_EVERY = 15.0  # seconds between two readings of the outbox's counts for the metrics
CLAIM_SPACING = 0.02  # seconds at least between two claims while sends are in flight: fewer, larger claims
# Seconds at most from a finished send to the claim that takes its recipient's next row. That row waits for
# the recipient's pace anyway (a second on Telegram and Zalo), so the claim waits a little too and takes, with
# it, the rows of every send finished meanwhile: one claim for many sends rather than one each.
AFTER_SEND = 0.25


def utc_now() -> datetime:
    return datetime.now(UTC)


class DeliveryLoop:
    def __init__(
        self,
        store: OutboxStore,
        sender: ChannelSender,
        *,
        pacer: Pacer | None = None,
        clock: Callable[[], datetime] = utc_now,
        poll_every: float = POLL_EVERY,
        lease: timedelta = LEASE,
        in_flight: int | None = None,
        program_error_wait: float = PROGRAM_ERROR_WAIT,
        heartbeat: Heartbeat | None = None,
    ) -> None:
        self._store = store
        self._sender = sender
        self.channel = sender.channel
        self._pacer = pacer or Pacer(sender.limits)
        self._clock = clock
        self._poll_every = poll_every
        self._lease = lease
        # Enough rows in hand for two seconds of sending: each waits for its slot, none for long.
        self._capacity = in_flight or min(max(math.ceil(sender.limits.per_second * 2), 4), 200)
        self._program_error_wait = program_error_wait
        # The sends in flight wait their turn here rather than in the connection pool, which times out and
        # which the rest of the instance (the dialogue, the web) shares.
        self._database = asyncio.Semaphore(DATABASE_CALLS)
        self._counted_at = -COUNTS_EVERY
        self._pruned_at = -PRUNE_EVERY
        self._sending: set[asyncio.Task[None]] = set()
        self._after_send = min(AFTER_SEND, 1.0 / sender.limits.per_recipient_per_second)
        self._claim_later: asyncio.TimerHandle | None = None
        self._loop = BackgroundLoop(
            f"{self.channel} delivery",
            self._round,
            every=poll_every,  # a finished send wakes it too (AFTER_SEND later): its recipient's next row is due
            after_failure=STORE_ERROR_WAIT,
            heartbeat=heartbeat,
            finish=self._sends_in_flight,
            stop_timeout=STOP_TIMEOUT,
            late_stop="a message may be sent again",
        )

    # --- running -----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._loop.running

    def start(self) -> None:
        self._loop.start()

    async def stop(self) -> None:
        """Stop claiming, let the sends in flight finish and record their outcome, put back the rest."""
        await self._loop.stop()
        if self._claim_later is not None:
            self._claim_later.cancel()
            self._claim_later = None

    def nudge(self) -> None:
        """Something was queued: look at the outbox now rather than at the next poll."""
        self._loop.wake()

    async def drain(self) -> None:
        """Deliver everything due now and return (tests, `motcua chat`): claims until nothing is left."""
        while True:
            claimed = await self._claim_and_send()
            if self._sending:
                await asyncio.wait(set(self._sending))
            elif not claimed:
                return

    async def _round(self) -> None:
        """One look at the outbox (a failure is the database's: the loop logs it and waits STORE_ERROR_WAIT)."""
        if self._sending:
            await asyncio.sleep(CLAIM_SPACING)  # let more sends finish: fewer, larger claims
            if self._loop.stopping:
                return
        await self._claim_and_send()
        await self._count()
        await self._prune()

    async def _sends_in_flight(self) -> None:
        if self._sending:
            await asyncio.wait(set(self._sending))

    async def _claim_and_send(self) -> int:
        free = self._capacity - len(self._sending)
        paused = self._pacer.paused_for()
        # With sends in flight, claim only once half the room is free: a claim reads every due row of the
        # backlog, so fewer, larger claims (a recipient's next row waits its second anyway).
        if free <= 0 or paused > 0 or (self._sending and free < self._capacity // 2):
            if paused > 0 and not self._sending:
                await self._loop.idle(min(paused, self._poll_every))
            return 0
        now = self._clock()
        async with self._database:
            claims = await self._store.claim(self.channel, now=now, until=now + self._lease, limit=free)
        for claim in claims:
            task = asyncio.create_task(self._deliver(claim))
            self._sending.add(task)
            task.add_done_callback(self._sent)
        return len(claims)

    async def _prune(self) -> None:
        moment = asyncio.get_running_loop().time()
        if moment - self._pruned_at < PRUNE_EVERY:
            return
        self._pruned_at = moment
        before = self._clock() - KEEP_SENT
        async with self._database:
            pruned = await self._store.prune_sent(self.channel, before=before, limit=_PRUNE_BATCH)
        if pruned == _PRUNE_BATCH:
            self._pruned_at = moment - PRUNE_EVERY + self._poll_every  # more to forget: again soon
        if pruned:
            log.info("%s outbox: %d rows sent before %s forgotten", self.channel, pruned, before.date())

    async def _count(self) -> None:
        moment = asyncio.get_running_loop().time()
        if moment - self._counted_at < COUNTS_EVERY:
            return
        self._counted_at = moment
        now = self._clock()
        async with self._database:
            counts = await self._store.counts(self.channel, now=now)
        metrics.CHANNEL_OUTBOX.labels(channel=self.channel, state="due").set(counts.due)
        metrics.CHANNEL_OUTBOX.labels(channel=self.channel, state="held").set(counts.held)
        metrics.CHANNEL_OUTBOX.labels(channel=self.channel, state="undeliverable").set(counts.undeliverable)
        oldest = (now - counts.oldest_due).total_seconds() if counts.oldest_due is not None else 0.0
        metrics.CHANNEL_OUTBOX_OLDEST_SECONDS.labels(channel=self.channel).set(max(oldest, 0.0))

    def _sent(self, task: asyncio.Task[None]) -> None:
        self._sending.discard(task)
        if self._claim_later is None:  # that recipient's next row may be due: see AFTER_SEND
            self._claim_later = asyncio.get_running_loop().call_later(self._after_send, self._claim_after_send)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s delivery task failed", self.channel, exc_info=task.exception())

    def _claim_after_send(self) -> None:
        self._claim_later = None
        self._loop.wake()

    # --- one row -----------------------------------------------------------------------------

    async def _deliver(self, claim: Claim) -> None:
        message = claim.message
        await self._pacer.wait_turn(message.recipient)
        paused = self._pacer.paused_for()
        while 0 < paused <= _WAIT_IN_HAND and not self._loop.stopping:  # a short pause: wait for it, row in hand
            await asyncio.sleep(paused)
            await self._pacer.wait_turn(message.recipient)
            paused = self._pacer.paused_for()
        if paused > 0 or self._loop.stopping:
            try:
                async with self._database:
                    await self._store.put_back([claim], at=self._clock() + timedelta(seconds=paused))
            except Exception:  # not sent: its lease runs out and it is claimed again then
                log.warning("%s delivery could not put a message back", self.channel, exc_info=True)
            return
        try:
            outcome: SendOutcome = await self._sender.send(message)
        except Exception as error:
            log.exception(
                "%s sender failed on a message; trying it again later", self.channel, extra={"outbox_id": message.id}
            )
            outcome = RetryLater(self._program_error_wait, f"program error: {type(error).__name__}: {error}")
            metrics.DELIVERY_OUTCOMES.labels(channel=self.channel, outcome="error").inc()
        await self._record(claim, outcome)

    async def _record(self, claim: Claim, outcome: SendOutcome) -> None:
        """Record the outcome, trying again while the database refuses (a busy SQLite, a failover): a row
        sent but not recorded as sent would be sent again once its lease runs out."""
        attempt = 0
        while True:
            try:
                async with self._database:
                    recorded = await self._settle(claim, outcome)
                break
            except Exception:
                attempt += 1
                if self._clock() + timedelta(seconds=_RECORD_PATIENCE) >= claim.until:
                    log.exception("%s delivery could not record an outcome; it may be sent again", self.channel)
                    return
                log.warning("%s delivery could not record an outcome; trying again", self.channel, exc_info=True)
                await asyncio.sleep(min(0.05 * 2**attempt, _RECORD_PATIENCE) * random.uniform(0.5, 1.0))
        if not recorded:
            log.warning(
                "%s outbox row was taken over by another holder before its outcome was recorded",
                self.channel,
                extra={"outbox_id": claim.message.id},
            )

    async def _settle(self, claim: Claim, outcome: SendOutcome) -> bool:
        message = claim.message
        now = self._clock()
        extra = {"outbox_id": message.id, "channel": self.channel}
        match outcome:
            case Delivered(message_ids=ids):
                metrics.DELIVERY_OUTCOMES.labels(channel=self.channel, outcome="sent").inc()
                return await self._store.delivered(claim, ids, now=now)
            case RetryLater(after_seconds=after, reason=reason, whole_channel=whole):
                metrics.DELIVERY_FAILURES.labels(channel=self.channel).inc()
                metrics.DELIVERY_OUTCOMES.labels(channel=self.channel, outcome="retry").inc()
                if whole:
                    self._pacer.pause(after)
                    log.warning("%s paused %.1f s: %s", self.channel, after, reason, extra=extra)
                else:
                    self._pacer.delay(message.recipient, after)
                    log.info("%s message retried in %.1f s: %s", self.channel, after, reason, extra=extra)
                return await self._store.retry(claim, at=now + timedelta(seconds=after), reason=reason)
            case HoldUntilContact(reason=reason):
                metrics.DELIVERY_OUTCOMES.labels(channel=self.channel, outcome="held").inc()
                log.info("%s message held until the person writes: %s", self.channel, reason, extra=extra)
                return await self._store.hold(claim, reason)
            case Undeliverable(reason=reason):
                metrics.DELIVERY_FAILURES.labels(channel=self.channel).inc()
                metrics.DELIVERY_OUTCOMES.labels(channel=self.channel, outcome="undeliverable").inc()
                log.warning("%s message undeliverable: %s", self.channel, reason, extra=extra)
                return await self._store.undeliverable(claim, reason, now=now)
