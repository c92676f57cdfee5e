"""Citizens' personal data as a service: erasing it (retention, an approved deletion request) and the
citizen's own rights (see what is held about them, correct their contact details, ask for deletion).

Erasing masks the filer's contact details and deletes their files; the item, its history, its content and
its answer stay (the law on PAKN and archiving requires them), and so does every column the reports read.
Each erasure is one transaction per item, audited, and done at most once (`FeedbackItem.mask_contact`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from feedback.domain import deadlines
from feedback.domain.access import Officer
from feedback.domain.model import (
    SYSTEM,
    Actor,
    ActorKind,
    CitizenRef,
    Contact,
    FeedbackItem,
    MissingReason,
    Notice,
    NoticeKind,
    citizen_actor,
)
from feedback.domain.retention import RetentionPolicy
from feedback.domain.working_days import WorkingCalendar
from feedback.service_layer.data_views import AdministratorsOnly, DataViewLog
from feedback.service_layer.feedback_ports import ConcurrentChange, FeedbackUnitOfWork
from feedback.service_layer.feedback_service import UnknownTrackingCode, checked_contact

Clock = Callable[[], datetime]
_BATCH = 200
RETENTION_REASON = "retention"


def utc_now() -> datetime:
    return datetime.now(UTC)


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True)
class DeletionRequest:
    id: int | None
    citizen: CitizenRef
    reply_to: str | None
    requested_at: datetime
    due_on: date
    status: RequestStatus = RequestStatus.PENDING
    decided_at: datetime | None = None
    decided_by: str | None = None
    note: str | None = None
    # The one item the request covers; None: every item of the citizen. A portal filer proves with the code and
    # PIN that one item is theirs, nothing more (a web reference is a digest of a phone or e-mail nobody checked).
    item_code: str | None = None


class DeletionRequests(Protocol):
    async def add(self, request: DeletionRequest) -> DeletionRequest: ...

    async def get(self, request_id: int) -> DeletionRequest | None: ...

    async def pending(self, *, limit: int) -> list[DeletionRequest]:
        """Pending requests, the nearest deadline first."""
        ...

    async def for_citizen(self, citizen: CitizenRef) -> list[DeletionRequest]: ...

    async def decide(self, request: DeletionRequest) -> bool:
        """Store the decision of a pending request; False if it was decided meanwhile."""
        ...


class AttachmentFiles(Protocol):
    def delete(self, local_path: str) -> None:
        """Delete a stored file; a file already gone is no error, a path outside the store is never touched."""
        ...


class PersonalDataUnitOfWork(FeedbackUnitOfWork, Protocol):
    @property
    def deletion_requests(self) -> DeletionRequests: ...

    @property
    def data_views(self) -> DataViewLog: ...


@dataclass(frozen=True)
class Erased:
    code: str
    contact: bool
    files: int  # how many stored files were deleted


class PersonalData:
    def __init__(
        self,
        uow_factory: Callable[[], PersonalDataUnitOfWork],
        files: AttachmentFiles,
        *,
        calendar: WorkingCalendar,
        retention: RetentionPolicy | None = None,
        deletion_answer_days: int = 15,
        clock: Clock = utc_now,
    ) -> None:
        self._uow_factory = uow_factory
        self._files = files
        self.calendar = calendar
        self.retention = retention or RetentionPolicy()
        self.deletion_answer_days = deletion_answer_days
        self._clock = clock

    # --- erasing ---------------------------------------------------------------------------

    async def apply_retention(self) -> list[Erased]:
        """Mask the contact details and delete the files of the closed items past their retention age. Each
        item is its own transaction, so a run cut short is finished by the next; what is done is never redone."""
        today = deadlines.local_date(self._clock())
        contact_before = self.retention.contact_closed_before(today)
        files_before = self.retention.files_closed_before(today)
        done: list[Erased] = []
        skipped: set[str] = set()
        while True:
            async with self._uow_factory() as uow:
                codes = [
                    code
                    for code in await uow.feedback.retention_due(contact_before, files_before, limit=_BATCH)
                    if code not in skipped
                ]
            for code in codes:
                try:
                    erased = await self._erase(
                        code,
                        contact=lambda item: item.closed_on is not None and item.closed_on < contact_before,
                        files=lambda item: item.closed_on is not None and item.closed_on < files_before,
                        actor=SYSTEM,
                        reason=RETENTION_REASON,
                    )
                except ConcurrentChange:
                    erased = None
                if erased is None:
                    skipped.add(code)  # changed meanwhile: the next run takes it
                else:
                    done.append(erased)
            if not codes:
                return done

    async def _erase(
        self,
        code: str,
        *,
        contact: Callable[[FeedbackItem], bool],
        files: Callable[[FeedbackItem], bool],
        actor: Actor,
        reason: str,
        notice: NoticeKind | None = None,
    ) -> Erased | None:
        at = self._clock()
        async with self._uow_factory() as uow:
            item = await uow.feedback.get(code)
            if item is None:
                return None
            told = item.reply_to
            masked = contact(item) and item.mask_contact(actor=actor, at=at, reason=reason) is not None
            paths = item.remove_attachments(actor=actor, at=at, reason=reason) if files(item) else None
            if notice is not None:  # to where they were told until now, even an address this very change erased
                item.pending_notices.append(Notice(notice, item.status, recipient=told))
            if not masked and paths is None and notice is None:
                return None
            # The files go first: if the commit then fails, the next run masks again and finds them gone.
            for path in paths or ():
                self._files.delete(path)
            await uow.feedback.save(item)
            if masked:
                await uow.citizens.forget_if_all_masked(item.citizen)
            await uow.commit()
        return Erased(code, masked, len(paths or ()))

    # --- the citizen's rights --------------------------------------------------------------

    async def held_about(self, citizen: CitizenRef, *, limit: int = 100) -> HeldData:
        """Every personal detail the product holds about the citizen, across their items (newest first), with
        how many times officers were shown each item's details and from which units, and their deletion
        requests. For the citizen's own channel only: the caller has established who they are."""
        async with self._uow_factory() as uow:
            remembered = await uow.citizens.last_contact(citizen)
            items = await uow.feedback.list_for_citizen(citizen, limit=limit)
            views = await uow.data_views.counts_by_unit([item.code for item in items])
            requests = await uow.deletion_requests.for_citizen(citizen)
        return HeldData(
            citizen=citizen,
            remembered_contact=remembered,
            items=tuple(_held_item(item, views) for item in items),
            deletion_requests=tuple(requests),
        )

    async def held_in_item(self, code: str) -> HeldData:
        """What one item holds of its filer, for a filer who proved only that this item is theirs (the portal's
        code and PIN): their other items are not shown, even under the same reference, nor is a contact kept
        for next time. Raises UnknownTrackingCode."""
        async with self._uow_factory() as uow:
            item = await uow.feedback.get(code)
            if item is None:
                raise UnknownTrackingCode(code)
            views = await uow.data_views.counts_by_unit([code])
            requests = await uow.deletion_requests.for_citizen(item.citizen)
        return HeldData(
            citizen=item.citizen,
            remembered_contact=None,
            items=(_held_item(item, views),),
            deletion_requests=tuple(request for request in requests if request.item_code == code),
        )

    async def correct_contact(self, citizen: CitizenRef, contact: Contact) -> list[str]:
        """Correct the citizen's contact details: the one remembered for next time, and the one on each of their
        items not masked yet (each change audited). Raises IncompleteContact or InvalidContact for bad details;
        the codes of the items changed."""
        contact = checked_contact(contact)
        at = self._clock()
        changed: list[str] = []
        async with self._uow_factory() as uow:
            await uow.citizens.remember_many([(citizen, contact)], at)
            for listed in await uow.feedback.list_for_citizen(citizen, limit=1000):
                item = await uow.feedback.get(listed.code)  # loaded to be saved under its version check
                if item is not None and item.correct_contact(contact, actor=citizen_actor(citizen), at=at) is not None:
                    await uow.feedback.save(item)
                    changed.append(item.code)
            await uow.commit()
        return changed

    async def correct_item_contact(self, code: str, contact: Contact) -> bool:
        """Correct the contact details of one item only (its filer proved only that one is theirs), audited.
        Raises IncompleteContact or InvalidContact for bad details, UnknownTrackingCode; False when the item is
        masked already or nothing changed."""
        contact = checked_contact(contact)
        at = self._clock()
        async with self._uow_factory() as uow:
            item = await uow.feedback.get(code)
            if item is None:
                raise UnknownTrackingCode(code)
            if item.correct_contact(contact, actor=citizen_actor(item.citizen), at=at) is None:
                return False
            await uow.feedback.save(item)
            await uow.commit()
        return True

    async def request_deletion(self, citizen: CitizenRef, reply_to: str | None) -> DeletionRequest:
        """Ask for the citizen's personal data to be deleted: queued for an administrator with its deadline; a
        request still pending is returned as it is rather than filed twice."""
        return await self._request(citizen, reply_to, None)

    async def request_item_deletion(self, code: str) -> DeletionRequest:
        """Ask for the personal data of one item to be deleted (its filer proved only that one is theirs); the
        result is read on the item's page. Raises UnknownTrackingCode."""
        async with self._uow_factory() as uow:
            item = await uow.feedback.get(code)
        if item is None:
            raise UnknownTrackingCode(code)
        return await self._request(item.citizen, None, code)

    async def _request(self, citizen: CitizenRef, reply_to: str | None, item_code: str | None) -> DeletionRequest:
        at = self._clock()
        async with self._uow_factory() as uow:
            for earlier in await uow.deletion_requests.for_citizen(citizen):
                if earlier.status == RequestStatus.PENDING and earlier.item_code in (None, item_code):
                    return earlier  # a pending request covering the same items
            due = deadlines.local_date(at) + timedelta(days=self.deletion_answer_days)
            request = DeletionRequest(None, citizen, reply_to, at, due, item_code=item_code)
            request = await uow.deletion_requests.add(request)
            await uow.commit()
        return request

    # --- the administrators' queue ---------------------------------------------------------

    async def pending_deletions(self, officer: Officer, *, limit: int = 200) -> list[DeletionRequest]:
        """The deletion requests waiting for a decision, the nearest deadline first (administrators only)."""
        _require_admin(officer)
        async with self._uow_factory() as uow:
            return await uow.deletion_requests.pending(limit=limit)

    async def approve_deletion(self, officer: Officer, request_id: int) -> DeletionRequest:
        """Mask the contact details and delete the files of every item the request covers (each audited, the item,
        history and answer kept), forget the contact remembered for the citizen once all their items are masked,
        and tell them through the notice outbox (on their newest item, or the request's one). Raises
        UnknownRequest or AlreadyDecided."""
        _require_admin(officer)
        request = await self._pending(request_id)
        actor = Actor(ActorKind.OFFICER, officer.username, officer.display_name)
        reason = f"deletion request {request_id}"
        codes = [request.item_code] if request.item_code is not None else await self._codes_of(request.citizen)
        for position, code in enumerate(codes):
            told = NoticeKind.DATA_DELETED if position == 0 else None
            await self._erase(code, contact=_always, files=_always, actor=actor, reason=reason, notice=told)
        return await self._decide(request, RequestStatus.APPROVED, officer, None, forget=True)

    async def reject_deletion(self, officer: Officer, request_id: int, reason: str) -> DeletionRequest:
        """Refuse, with the reason the citizen is told (through the notice outbox, on their newest item)."""
        _require_admin(officer)
        reason = reason.strip()
        if not reason:
            raise MissingReason("a refused deletion request needs its reason")
        request = await self._pending(request_id)
        return await self._decide(request, RequestStatus.REJECTED, officer, reason, forget=False)

    async def _codes_of(self, citizen: CitizenRef) -> list[str]:
        async with self._uow_factory() as uow:
            return [item.code for item in await uow.feedback.list_for_citizen(citizen, limit=1000)]

    async def _pending(self, request_id: int) -> DeletionRequest:
        async with self._uow_factory() as uow:
            request = await uow.deletion_requests.get(request_id)
        if request is None:
            raise UnknownRequest(request_id)
        if request.status != RequestStatus.PENDING:
            raise AlreadyDecided(request_id)
        return request

    async def _decide(
        self, request: DeletionRequest, status: RequestStatus, officer: Officer, note: str | None, *, forget: bool
    ) -> DeletionRequest:
        at = self._clock()
        decided = dataclasses.replace(request, status=status, decided_at=at, decided_by=officer.username, note=note)
        async with self._uow_factory() as uow:
            if not await uow.deletion_requests.decide(decided):
                raise AlreadyDecided(request.id or 0)
            if forget:
                await uow.citizens.forget_if_all_masked(request.citizen)
            elif note is not None:
                told: str | None = request.item_code
                if told is None:
                    newest = await uow.feedback.list_for_citizen(request.citizen, limit=1)
                    told = newest[0].code if newest else None
                item = await uow.feedback.get(told) if told is not None else None
                if item is not None:
                    item.pending_notices.append(Notice(NoticeKind.DATA_DELETION_REFUSED, item.status, note))
                    item.updated_at = at
                    await uow.feedback.save(item)
            await uow.commit()
        return decided


def _held_item(item: FeedbackItem, views: dict[str, dict[str | None, int]]) -> HeldItem:
    return HeldItem(
        code=item.code,
        received_on=item.received_on,
        contact=None if item.contact_masked_at is not None else item.contact,
        location=item.location is not None,
        attachments=0 if item.attachments_removed_at is not None else len(item.attachments),
        content=item.content,
        notice_version=item.notice_version,
        views=dict(views.get(item.code, {})),
    )


def _always(_item: FeedbackItem) -> bool:
    return True


class UnknownRequest(Exception):
    def __init__(self, request_id: int) -> None:
        super().__init__(request_id)
        self.request_id = request_id


class AlreadyDecided(Exception):
    def __init__(self, request_id: int) -> None:
        super().__init__(request_id)
        self.request_id = request_id


def _require_admin(officer: Officer) -> None:
    if not (officer.active and officer.is_admin):
        raise AdministratorsOnly(officer.username)


@dataclass(frozen=True)
class HeldItem:
    """What one item holds of the citizen: its contact (None once masked), whether it has a map location, how
    many files are kept, the content, the notice version shown, and officers' views by unit (None: admin)."""

    code: str
    received_on: date
    contact: Contact | None
    location: bool
    attachments: int
    content: str
    notice_version: str | None
    views: dict[str | None, int]


@dataclass(frozen=True)
class HeldData:
    citizen: CitizenRef
    remembered_contact: Contact | None  # offered the next time they file
    items: tuple[HeldItem, ...]
    deletion_requests: tuple[DeletionRequest, ...]
