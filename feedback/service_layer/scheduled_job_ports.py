"""What the scheduled jobs need from storage, as protocols: storage/ provides them."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from feedback.domain.access import Officer
from feedback.domain.officer_messages import OfficerMessage
from feedback.domain.units import Unit
from feedback.service_layer.feedback_ports import FeedbackRepository
from feedback.service_layer.transaction import Transaction


class JobLeases(Protocol):
    """One row per run of a job (job name + run key such as the date): whoever claims it runs it."""

    async def claim(self, job: str, run_key: str, holder: str, *, at: datetime, expires_at: datetime) -> bool:
        """Whether `holder` now holds the run: it was never claimed, or its holder's lease expired before
        `at` without finishing. One statement, so of several instances claiming at once exactly one wins."""
        ...

    async def is_done(self, job: str, run_key: str) -> bool: ...

    async def complete(self, job: str, run_key: str, holder: str, *, at: datetime) -> bool:
        """Mark the run done, in the transaction of its effects; False if `holder` lost the lease meanwhile."""
        ...

    async def release(self, job: str, run_key: str, holder: str) -> None:
        """Give up an unfinished run (the job failed), so the next attempt need not wait for the expiry."""
        ...


@dataclass(frozen=True)
class StoredOfficerMessage:
    id: int
    officer_id: int
    telegram_user_id: int | None  # the accounts linked when it was written: at least one of the two
    message: OfficerMessage
    created_at: datetime
    zalo_user_id: str | None = None


class OfficerOutbox(Protocol):
    async def add(self, officer: Officer, message: OfficerMessage, at: datetime) -> None:
        """Store a message for an officer with a linked messenger account (Telegram, Zalo, or both)."""
        ...

    async def pending(self, *, limit: int, channels: Collection[str] = ...) -> Sequence[StoredOfficerMessage]:
        """Not relayed yet, oldest first; only those an account on one of `channels` can take (default: any)."""
        ...

    async def mark_sent(self, message_id: int, at: datetime) -> None: ...


class UnitDirectory(Protocol):
    async def list(self) -> list[Unit]: ...


class OfficerDirectory(Protocol):
    async def list(self) -> list[Officer]: ...


class ScheduledJobsUnitOfWork(Transaction, Protocol):
    @property
    def feedback(self) -> FeedbackRepository: ...

    @property
    def units(self) -> UnitDirectory: ...

    @property
    def officers(self) -> OfficerDirectory: ...

    @property
    def leases(self) -> JobLeases: ...

    @property
    def officer_messages(self) -> OfficerOutbox: ...
