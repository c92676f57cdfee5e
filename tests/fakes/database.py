"""The fake database: every table the fakes keep, and a session, one transaction's writes to all of them."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from feedback.domain.access import DuplicateUsername, Officer
from feedback.domain.api_keys import ApiClient, DuplicateClient
from feedback.domain.data_view import DataView
from feedback.domain.held_notice import HeldNotice
from feedback.domain.model import AuditEntry, CitizenRef, FeedbackItem
from feedback.domain.units import DuplicateUnit, Unit
from feedback.service_layer.feedback_ports import ConcurrentChange, OutgoingNotice, SubmissionKeyTaken
from feedback.service_layer.personal_data import DeletionRequest
from feedback.service_layer.scheduled_job_ports import StoredOfficerMessage
from feedback.service_layer.web_attempts import AttemptKind
from tests.fakes.tables import Table, Unique


@dataclass(frozen=True)
class AuditRow:
    code: str
    entry: AuditEntry


@dataclass(frozen=True)
class NoticeRow:
    notice: OutgoingNotice
    sent_at: datetime | None = None


@dataclass(frozen=True)
class CitizenRow:
    """The contact a citizen gave last (blanked when every item of theirs is masked)."""

    name: str | None
    address: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class OfficerRow:
    officer: Officer
    password_hash: str | None


@dataclass(frozen=True)
class OfficerMessageRow:
    message: StoredOfficerMessage
    sent_at: datetime | None = None


@dataclass(frozen=True)
class LeaseRow:
    holder: str
    expires_at: datetime
    done_at: datetime | None = None


@dataclass(frozen=True)
class AttemptRow:
    kind: AttemptKind
    client: str
    code: str | None
    at: datetime


@dataclass(frozen=True)
class ApiKeyRow:
    client: ApiClient
    digest: str


def _concurrent(key: object) -> Exception:
    return ConcurrentChange(str(key))


class FakeDatabase:
    """What is committed. Ids are never given back, as a database's sequences are not."""

    def __init__(self) -> None:
        self.items: Table[str, FeedbackItem] = Table(
            conflict=_concurrent,
            unique=(Unique(of=lambda item: item.submission_key, error=lambda item: SubmissionKeyTaken()),),
        )
        # The last number given on each day of receipt (the day's codes are 0001, 0002 ...).
        self.sequences: Table[date, int] = Table(conflict=_concurrent)
        self.audit: Table[int, AuditRow] = Table(conflict=_concurrent)
        self.notices: Table[int, NoticeRow] = Table(conflict=_concurrent)
        self.citizens: Table[CitizenRef, CitizenRow] = Table(conflict=_concurrent)
        self.units: Table[str, Unit] = Table(conflict=_concurrent, duplicate=DuplicateUnit)
        self.officers: Table[int, OfficerRow] = Table(
            conflict=_concurrent,
            unique=(
                Unique(of=lambda row: row.officer.username, error=lambda row: DuplicateUsername(row.officer.username)),
                Unique(
                    of=lambda row: row.officer.telegram_user_id, error=lambda row: _concurrent(row.officer.username)
                ),
                Unique(of=lambda row: row.officer.zalo_user_id, error=lambda row: _concurrent(row.officer.username)),
            ),
        )
        self.officer_messages: Table[int, OfficerMessageRow] = Table(conflict=_concurrent)
        self.data_views: Table[int, DataView] = Table(conflict=_concurrent)
        self.leases: Table[tuple[str, str], LeaseRow] = Table(conflict=_concurrent)
        self.held_notices: Table[int, HeldNotice] = Table(conflict=_concurrent)
        self.api_keys: Table[str, ApiKeyRow] = Table(
            conflict=_concurrent,
            duplicate=DuplicateClient,
            unique=(Unique(of=lambda row: row.digest, error=lambda row: DuplicateClient(row.client.name)),),
        )
        self.deletion_requests: Table[int, DeletionRequest] = Table(conflict=_concurrent)
        self.web_attempts: Table[int, AttemptRow] = Table(conflict=_concurrent)
        self.commits = 0
        self._ids = itertools.count(1)

    def next_id(self) -> int:
        return next(self._ids)


class _Pending(Protocol):
    def check(self) -> None: ...

    def apply(self, commit: int) -> None: ...

    def discard(self) -> None: ...


class FakeSession:
    """One transaction on the fake database: its writes are its own until `commit`."""

    def __init__(self, database: FakeDatabase) -> None:
        self.database = database
        self.items = database.items.transaction()
        self.sequences = database.sequences.transaction()
        self.audit = database.audit.transaction()
        self.notices = database.notices.transaction()
        self.citizens = database.citizens.transaction()
        self.units = database.units.transaction()
        self.officers = database.officers.transaction()
        self.officer_messages = database.officer_messages.transaction()
        self.data_views = database.data_views.transaction()
        self.leases = database.leases.transaction()
        self.held_notices = database.held_notices.transaction()
        self.api_keys = database.api_keys.transaction()
        self.deletion_requests = database.deletion_requests.transaction()
        self.web_attempts = database.web_attempts.transaction()

    def _tables(self) -> tuple[_Pending, ...]:
        return (
            self.items,
            self.sequences,
            self.audit,
            self.notices,
            self.citizens,
            self.units,
            self.officers,
            self.officer_messages,
            self.data_views,
            self.leases,
            self.held_notices,
            self.api_keys,
            self.deletion_requests,
            self.web_attempts,
        )

    def commit(self) -> None:
        """All or nothing: raises, writing nothing, if another transaction committed a conflicting change."""
        try:
            for writes in self._tables():
                writes.check()
        except Exception:
            self.rollback()
            raise
        self.database.commits += 1
        for writes in self._tables():
            writes.apply(self.database.commits)

    def rollback(self) -> None:
        for writes in self._tables():
            writes.discard()
