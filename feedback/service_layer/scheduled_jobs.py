"""The scheduled jobs that keep deadlines from slipping: escalation, automatic apologies, the morning digest,
and closing the answered items whose reopen window has ended; then retention (contact details masked and
files deleted once a closed item is past the ages set, feedback.service_layer.personal_data).

Each runs once per working day at the set local time (Asia/Ho_Chi_Minh), in that order (a job starts only
when the one before is done, wherever it ran: they touch the same items), and at most once however many
instances share the database: a run is claimed through a lease (`JobLeases`), and its effects (items
escalated or apologised for, citizens' notices, officers' messages) are committed in one transaction with
the mark that the run is done. An instance that dies mid-run leaves its lease to expire, and the next
instance to tick takes the run over; an instance that comes up after the hour still runs the day's jobs.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

from feedback.domain import apology, digest, escalation
from feedback.domain.deadlines import VIETNAM_TIME, days_left, local_date
from feedback.domain.escalation import EscalatedItem, EscalationAlert, EscalationPolicy
from feedback.domain.model import SYSTEM
from feedback.domain.queue import QueueEntry, QueueFilter
from feedback.domain.status import IN_PROCESS_STATUSES
from feedback.domain.units import UnitTree
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.feedback_service import FeedbackService
from feedback.service_layer.personal_data import PersonalData
from feedback.service_layer.scheduled_job_ports import ScheduledJobsUnitOfWork, StoredOfficerMessage

log = logging.getLogger(__name__)

UnitOfWorkFactory = Callable[[], ScheduledJobsUnitOfWork]
Clock = Callable[[], datetime]
_PAGE = 500


def utc_now() -> datetime:
    return datetime.now(UTC)


class Job(StrEnum):
    ESCALATION = "escalation"
    APOLOGY = "apology"
    DIGEST = "digest"
    CLOSING = "closing"
    RETENTION = "retention"  # after closing: an item closed today counts from today


class LeaseLost(Exception):
    """The run took longer than its lease and another instance took it over: this one's work is dropped."""


@dataclass(frozen=True)
class JobPolicy:
    run_at: time = time(7, 30)  # local time, on working days
    escalation_step_days: int = 2
    apology_extra_days: int = apology.DEFAULT_EXTRA_DAYS
    lease: timedelta = timedelta(minutes=10)


def run_key_due(now: datetime, calendar: WorkingCalendar, run_at: time) -> str | None:
    """The key of today's run if it is due at `now` (a working day, at or after `run_at` local time)."""
    local = now.astimezone(VIETNAM_TIME)
    if not calendar.is_working_day(local.date()) or local.time() < run_at:
        return None
    return local.date().isoformat()


class ScheduledJobs:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        feedback: FeedbackService,
        *,
        holder: str,
        policy: JobPolicy | None = None,
        clock: Clock = utc_now,
        personal_data: PersonalData | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._feedback = feedback
        self.holder = holder
        self.policy = policy or JobPolicy()
        self._escalation = EscalationPolicy(self.policy.escalation_step_days)
        self._clock = clock
        self._personal_data = personal_data  # None: nothing is ever masked (a deployment without retention)
        self._finished: set[tuple[Job, str]] = set()  # runs known done, not to be claimed again
        self._runs: dict[Job, Callable[[str], Awaitable[None]]] = {
            Job.ESCALATION: self.escalate_overdue,
            Job.APOLOGY: self.apologise_for_late_items,
            Job.DIGEST: self.send_digest,
            Job.CLOSING: self.close_settled_items,
            Job.RETENTION: self.apply_retention,
        }

    @property
    def calendar(self) -> WorkingCalendar:
        return self._feedback.calendar

    async def tick(self) -> list[Job]:
        """Run whatever is due now and not done yet; the jobs this instance ran."""
        run_key = run_key_due(self._clock(), self.calendar, self.policy.run_at)
        if run_key is None:
            return []
        ran = []
        for job in Job:
            if (job, run_key) in self._finished:
                continue
            if await self.run(job, run_key):
                ran.append(job)
            elif (job, run_key) not in self._finished:
                break  # another instance is running it: the next jobs wait, they touch the same items
        return ran

    async def run(self, job: Job, run_key: str) -> bool:
        """Claim the run and do it; whether this instance did it. A failed run is released and raises."""
        at = self._clock()
        async with self._uow_factory() as uow:
            won = await uow.leases.claim(job, run_key, self.holder, at=at, expires_at=at + self.policy.lease)
            done = not won and await uow.leases.is_done(job, run_key)
            await uow.commit()
        if done:
            self._finished.add((job, run_key))
        if not won:
            return False
        try:
            await self._runs[job](run_key)
        except Exception:
            async with self._uow_factory() as uow:
                await uow.leases.release(job, run_key, self.holder)
                await uow.commit()
            raise
        self._finished.add((job, run_key))
        log.info("scheduled job done", extra={"job": str(job), "run_key": run_key})
        return True

    async def _complete(self, uow: ScheduledJobsUnitOfWork, job: Job, run_key: str) -> None:
        if not await uow.leases.complete(job, run_key, self.holder, at=self._clock()):
            raise LeaseLost(f"{job} {run_key}")

    async def _entries(self, wanted: QueueFilter, *, up_to_days_left: int) -> list[QueueEntry]:
        """Queue entries whose clock runs with at most `up_to_days_left` working days left, by deadline.

        The queue is in deadline order with paused items last, so reading stops at the first entry past."""
        found: list[QueueEntry] = []
        page = 1
        while True:
            result = await self._feedback.queue(wanted, page=page, page_size=_PAGE)
            for entry in result.entries:
                if entry.clock_paused or entry.days_left > up_to_days_left:
                    return found
                found.append(entry)
            if page >= result.pages:
                return found
            page += 1

    # --- the jobs --------------------------------------------------------------------------

    async def escalate_overdue(self, run_key: str) -> None:
        """Take every escalation step reached by an overdue item; tell the heads of each step's unit."""
        entries = await self._entries(QueueFilter(overdue_only=True), up_to_days_left=-1)
        at = self._clock()
        today = local_date(at)
        async with self._uow_factory() as uow:
            tree = UnitTree(await uow.units.list())
            officers = await uow.officers.list()
            alerts: dict[int, list[EscalatedItem]] = {}
            for entry in entries:
                item = await uow.feedback.get(entry.code)
                if item is None or item.status not in IN_PROCESS_STATUSES or item.clock_paused:
                    continue
                overdue_days = -days_left(self.calendar, item.due, today)
                steps = escalation.pending_steps(tree, item.unit, overdue_days, item.escalation_level, self._escalation)
                for level, step_unit in steps:
                    item.escalate(level, to_unit=step_unit, at=at)
                    told = EscalatedItem(item.code, item.unit, item.due, overdue_days, level, step_unit)
                    for head in escalation.heads(officers, tree, step_unit):
                        alerts.setdefault(head.id, []).append(told)
                if steps:
                    await uow.feedback.save(item)
            for officer in digest.recipients(officers):
                if officer.id in alerts:
                    await uow.officer_messages.add(officer, EscalationAlert(today, tuple(alerts[officer.id])), at)
            await self._complete(uow, Job.ESCALATION, run_key)
            await uow.commit()

    async def apologise_for_late_items(self, run_key: str) -> None:
        """On the last working day before the deadline, apologise to the citizen for every item still in
        process that has had no apology, with the default new date."""
        entries = await self._entries(QueueFilter(), up_to_days_left=1)
        at = self._clock()
        today = local_date(at)
        async with self._uow_factory() as uow:
            for entry in entries:
                item = await uow.feedback.get(entry.code)
                if item is None or not apology.owes_apology(item, today, self.calendar):
                    continue
                new_date = apology.default_promise(item, today, self.calendar, self.policy.apology_extra_days)
                item.apologise(actor=SYSTEM, at=at, new_date=new_date, calendar=self.calendar)
                await uow.feedback.save(item)
            await self._complete(uow, Job.APOLOGY, run_key)
            await uow.commit()

    async def close_settled_items(self, run_key: str) -> None:
        """Close the answered items whose reopen window has ended. Each item is its own transaction, so the
        run is idempotent: one cut short closes the rest when it is taken over."""
        closed = await self._feedback.close_settled()
        async with self._uow_factory() as uow:
            await self._complete(uow, Job.CLOSING, run_key)
            await uow.commit()
        if closed:
            log.info("answered items closed", extra={"count": len(closed)})

    async def apply_retention(self, run_key: str) -> None:
        """Mask the contact details and delete the files of closed items past their retention age, audited.
        Each item is its own transaction and is never erased twice, so a run cut short is finished by the next."""
        erased = await self._personal_data.apply_retention() if self._personal_data is not None else []
        async with self._uow_factory() as uow:
            await self._complete(uow, Job.RETENTION, run_key)
            await uow.commit()
        if erased:
            log.info(
                "retention applied",
                extra={"contacts": sum(e.contact for e in erased), "files": sum(e.files for e in erased)},
            )

    async def send_digest(self, run_key: str) -> None:
        """Each officer with a linked Telegram account gets the digest of the units they cover."""
        entries = await self._entries(QueueFilter(), up_to_days_left=digest.DUE_SOON_DAYS)
        at = self._clock()
        async with self._uow_factory() as uow:
            tree = UnitTree(await uow.units.list())
            units = digest.by_unit(entries, tree)
            for officer in digest.recipients(await uow.officers.list()):
                message = digest.for_officer(officer, units, tree, local_date(at))
                if message is not None:
                    await uow.officer_messages.add(officer, message, at)
            await self._complete(uow, Job.DIGEST, run_key)
            await uow.commit()

    # --- delivery --------------------------------------------------------------------------

    async def pending_officer_messages(self, *, limit: int = 50) -> Sequence[StoredOfficerMessage]:
        async with self._uow_factory() as uow:
            # The old bot's delivery sends to Telegram alone; the relay takes the rest.
            return await uow.officer_messages.pending(limit=limit, channels=("telegram",))

    async def mark_officer_message_sent(self, message_id: int) -> None:
        async with self._uow_factory() as uow:
            await uow.officer_messages.mark_sent(message_id, self._clock())
            await uow.commit()
