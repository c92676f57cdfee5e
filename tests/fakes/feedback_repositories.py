"""The PAKN items, citizens, notices and the officers' queue in memory (what storage/feedback_repository.py
and storage/feedback_queue.py do in SQL)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence, Set
from datetime import date, datetime

from feedback.domain.legal_type import FeedbackType
from feedback.domain.model import AuditEntry, CitizenRef, Contact, FeedbackItem
from feedback.domain.queue import QueueFilter, QueueOrder, QueueRow
from feedback.domain.status import CLOCK_PAUSED, Status
from feedback.domain.tracking_code import InvalidTrackingCode, format_code, parse_code
from feedback.service_layer.feedback_ports import ConcurrentChange, OutgoingNotice, SubmissionKeyTaken
from tests.fakes.database import AuditRow, CitizenRow, FakeSession, NoticeRow


def _newest_first(items: list[FeedbackItem]) -> list[FeedbackItem]:
    return sorted(items, key=lambda item: (item.received_at, item.id or 0), reverse=True)


class FakeFeedbackRepository:
    def __init__(self, session: FakeSession) -> None:
        self._session = session
        # Items loaded in this unit of work: `save` stores only those, under their version check.
        self._loaded: set[str] = set()

    def _all(self) -> list[FeedbackItem]:
        return list(self._session.items.values())

    def _remembered(self, citizen: CitizenRef) -> None:
        if citizen not in self._session.citizens:
            raise LookupError(f"citizen {citizen} must be remembered before their item is added")

    async def add_many(self, items: Sequence[FeedbackItem]) -> None:
        by_day: dict[date, list[FeedbackItem]] = {}
        for item in items:
            self._remembered(item.citizen)
            by_day.setdefault(item.received_on, []).append(item)
        for day, of_day in sorted(by_day.items()):
            last = self._session.sequences.get(day) or 0
            for number, item in enumerate(of_day, start=last + 1):
                item.code = format_code(day, number)
            self._session.sequences.put(day, last + len(of_day))
        taken = {item.submission_key for item in self._all() if item.submission_key}
        keys = [item.submission_key for item in items if item.submission_key]
        if taken & set(keys) or len(keys) != len(set(keys)):
            raise SubmissionKeyTaken
        for item in items:
            item.id, item.version = self._session.database.next_id(), 1
            audit, _ = item.take_pending()  # a new item owes the citizen no notice: the receipt is the answer
            self._session.items.put(item.code, item)
            for entry in audit:
                self._session.audit.put(self._session.database.next_id(), AuditRow(item.code, entry))

    async def get(self, code: str) -> FeedbackItem | None:
        item = self._session.items.get(code)
        if item is not None:
            self._loaded.add(code)
        return item

    async def pin_hash(self, code: str) -> tuple[bool, str | None]:
        item = self._session.items.get(code)
        return (False, None) if item is None else (True, item.pin_hash)

    async def save(self, item: FeedbackItem) -> None:
        if item.code not in self._loaded:
            raise LookupError(f"{item.code} was not loaded in this unit of work")
        stored = self._session.items.get(item.code)
        if stored is None or stored.version != item.version:
            raise ConcurrentChange(item.code)
        audit, notices = item.take_pending()
        if item != stored:  # as SQL, whose version counts UPDATEs: a save that changes nothing keeps it
            item.version += 1
            self._session.items.put(item.code, item)
        for entry in audit:
            self._session.audit.put(self._session.database.next_id(), AuditRow(item.code, entry))
        for notice in notices:
            recipient = notice.recipient or item.reply_to
            if recipient is None or item.updated_at is None:
                continue  # an item filed without a channel to answer on (e.g. keyed in by an officer)
            notice_id = self._session.database.next_id()
            outgoing = OutgoingNotice(
                id=notice_id,
                code=item.code,
                channel=item.citizen.channel,
                recipient=recipient,
                kind=notice.kind,
                status=notice.status,
                text=notice.text,
                due=notice.due,
                created_at=item.updated_at,
                answer_number=notice.answer_number,
            )
            self._session.notices.put(notice_id, NoticeRow(outgoing))

    async def list_for_citizen(self, citizen: CitizenRef, *, limit: int) -> list[FeedbackItem]:
        return _newest_first([item for item in self._all() if item.citizen == citizen])[:limit]

    async def retention_due(self, contact_closed_before: date, files_closed_before: date, *, limit: int) -> list[str]:
        due = [
            item
            for item in self._all()
            if item.closed_on is not None
            and (
                (item.contact_masked_at is None and item.closed_on < contact_closed_before)
                or (item.attachments_removed_at is None and item.closed_on < files_closed_before)
            )
        ]
        return [item.code for item in sorted(due, key=lambda item: (item.closed_on, item.id or 0))][:limit]

    async def answered_on_or_before(self, day: date, *, limit: int) -> list[str]:
        due = [
            item
            for item in self._all()
            if item.status == Status.ANSWERED and item.answered_on is not None and item.answered_on <= day
        ]
        return [item.code for item in sorted(due, key=lambda item: (item.answered_on, item.id or 0))][:limit]

    async def count_received_since(self, citizens: Set[CitizenRef], since: datetime) -> dict[CitizenRef, int]:
        for citizen in citizens:
            self._remembered(citizen)
        counts: dict[CitizenRef, int] = {}
        for item in self._all():
            if item.citizen in citizens and item.received_at >= since:
                counts[item.citizen] = counts.get(item.citizen, 0) + 1
        return counts

    async def contents_since(self, citizen: CitizenRef, since: datetime) -> list[tuple[str, str]]:
        mine = [item for item in self._all() if item.citizen == citizen and item.received_at >= since]
        return [(item.code, item.content) for item in _newest_first(mine)]

    async def received_times_since(self, citizen: CitizenRef, since: datetime) -> list[datetime]:
        return [item.received_at for item in self._all() if item.citizen == citizen and item.received_at >= since]

    async def with_submission_keys(self, keys: Set[str]) -> dict[str, FeedbackItem]:
        return {
            item.submission_key: item for item in self._all() if item.submission_key in keys and item.submission_key
        }

    async def get_many(self, codes: Sequence[str]) -> list[FeedbackItem]:
        wanted = set(codes)
        return _newest_first([item for item in self._all() if item.code in wanted])

    async def list_received(
        self,
        since: datetime,
        until: datetime,
        *,
        statuses: Set[Status] | None,
        types: Set[FeedbackType] | None,
        limit: int,
        offset: int = 0,
    ) -> list[FeedbackItem]:
        found = [
            item
            for item in self._all()
            if since <= item.received_at <= until
            and (statuses is None or item.status in statuses)
            and (types is None or item.type in types)
        ]
        return _newest_first(found)[offset : offset + limit]

    async def audit_trail(self, code: str) -> list[AuditEntry]:
        return [
            row.entry for _, row in sorted(self._session.audit.items(), key=lambda pair: pair[0]) if row.code == code
        ]


class FakeCitizenRepository:
    def __init__(self, session: FakeSession) -> None:
        self._session = session

    async def last_contact(self, citizen: CitizenRef) -> Contact | None:
        row = self._session.citizens.get(citizen)
        if row is None or not row.name or not row.address:
            return None
        return Contact(name=row.name, address=row.address, phone=row.phone, email=row.email)

    async def forget_if_all_masked(self, citizen: CitizenRef) -> None:
        if citizen not in self._session.citizens:
            return
        if all(item.contact_masked_at is not None for item in self._session.items.values() if item.citizen == citizen):
            self._session.citizens.put(citizen, CitizenRow(None, None, None, None))

    async def remember_many(self, contacts: Sequence[tuple[CitizenRef, Contact]], at: datetime) -> None:
        for citizen, contact in dict(contacts).items():  # the last one given wins
            self._session.citizens.put(citizen, CitizenRow(contact.name, contact.address, contact.phone, contact.email))


class FakeNoticeOutbox:
    def __init__(self, session: FakeSession) -> None:
        self._session = session

    async def pending(self, channel: str, *, limit: int) -> Sequence[OutgoingNotice]:
        rows = sorted(self._session.notices.items(), key=lambda pair: pair[0])
        return [row.notice for _, row in rows if row.notice.channel == channel and row.sent_at is None][:limit]

    async def mark_sent(self, notice_id: int, at: datetime) -> None:
        await self.take(notice_id, at)

    async def take(self, notice_id: int, at: datetime) -> bool:
        row = self._session.notices.get(notice_id)
        if row is None or row.sent_at is not None:
            return False
        self._session.notices.put(notice_id, dataclasses.replace(row, sent_at=at))
        return True


# The status column sorts in the order an item goes through its life (storage/feedback_queue.py).
_LIFE_ORDER = [
    Status.RECEIVED,
    Status.FORWARDED,
    Status.ACCEPTED,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.WAITING_FOR_CITIZEN,
    Status.REOPENED,
    Status.ANSWERED,
    Status.REFUSED,
    Status.WITHDRAWN,
    Status.CLOSED,
]


class FakeFeedbackQueue:
    def __init__(self, session: FakeSession) -> None:
        self._session = session

    async def page(self, wanted: QueueFilter, today: date, *, offset: int, limit: int) -> tuple[list[QueueRow], int]:
        found = [item for item in self._session.items.values() if _matches(item, wanted, today)]
        # Python's sort is stable: sort by the legal order, then by the column asked for.
        found.sort(
            key=lambda item: (item.status in CLOCK_PAUSED, item.due, item.received_at, item.id or 0),
            reverse=wanted.descending and wanted.order == QueueOrder.DEADLINE,
        )
        match wanted.order:
            case QueueOrder.RECEIVED:
                found.sort(key=lambda item: item.received_at, reverse=wanted.descending)
            case QueueOrder.STATUS:
                found.sort(key=lambda item: _LIFE_ORDER.index(item.status), reverse=wanted.descending)
            case QueueOrder.UNIT:
                found.sort(key=lambda item: item.unit or "", reverse=wanted.descending)
            case QueueOrder.DEADLINE:
                pass
        rows = [
            QueueRow(
                code=item.code,
                type=item.type,
                status=item.status,
                unit=item.unit,
                assignee=item.assignee,
                received_on=item.received_on,
                due=item.due,
                content=item.content,
            )
            for item in found[offset : offset + limit]
        ]
        return rows, len(found)


def _matches(item: FeedbackItem, wanted: QueueFilter, today: date) -> bool:
    if item.status not in wanted.statuses:
        return False
    routed_elsewhere = wanted.units is not None and item.unit not in wanted.units
    if routed_elsewhere and not (wanted.include_unrouted and item.unit is None):
        return False
    if wanted.types is not None and item.type not in wanted.types:
        return False
    if wanted.assignee is not None and item.assignee != wanted.assignee:
        return False
    if wanted.received_from is not None and item.received_on < wanted.received_from:
        return False
    if wanted.received_to is not None and item.received_on > wanted.received_to:
        return False
    if wanted.overdue_only and not (item.due < today and item.status not in CLOCK_PAUSED):
        return False
    if wanted.words and wanted.words.strip():
        try:
            return item.code == str(parse_code(wanted.words))
        except InvalidTrackingCode:
            content = item.content.casefold()
            return all(word.casefold() in content for word in wanted.words.split())
    return True
