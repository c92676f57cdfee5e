"""PAKN items in SQL, with explicit to/from-domain mapping; audit entries and notices ride along."""

from __future__ import annotations

from collections.abc import Sequence, Set
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from feedback.domain.deadlines import local_date
from feedback.domain.legal_type import ContentKind, FeedbackType, OtherRegime
from feedback.domain.model import (
    Actor,
    ActorKind,
    Attachment,
    AttachmentKind,
    AuditEntry,
    CitizenRef,
    Contact,
    FeedbackItem,
    Location,
    NoticeKind,
    Standing,
)
from feedback.domain.status import Status
from feedback.domain.tracking_code import format_code
from feedback.service_layer.feedback_ports import ConcurrentChange, OutgoingNotice, SubmissionKeyTaken
from storage.dialect_insert import insert_for
from storage.feedback_models import (
    AttachmentRecord,
    AuditRecord,
    CitizenRecord,
    DailySequenceRecord,
    FeedbackRecord,
    NoticeRecord,
)
from storage.models import table_of
from storage.statement_results import rows_changed

_CITIZEN_IDS = "citizen_ids"  # key in session.info

# Fields copied one to one between the entity and the record.
_PLAIN_FIELDS = (
    "code",
    "content",
    "procedure_code",
    "unit",
    "reply_to",
    "received_at",
    "received_on",
    "classify_due",
    "due",
    "assignee",
    "paused_on",
    "days_left_at_pause",
    "extended",
    "refusal_reason",
    "answer",
    "answered_on",
    "answer_working_days",
    "first_forwarded_on",
    "standing_changed_on",
    "closed_on",
    "reopen_count",
    "rating",
    "repeat_of",
    "promised_on",
    "promise_moved",
    "escalation_level",
    "pin_hash",
    "public_answer",
    "submission_key",
    "notice_version",
    "contact_masked_at",
    "attachments_removed_at",
    "updated_at",
)


def to_domain(record: FeedbackRecord) -> FeedbackItem:
    item = FeedbackItem(
        type=FeedbackType(record.type),
        status=Status(record.status),
        content_kind=ContentKind(record.content_kind) if record.content_kind else None,
        regime_flag=OtherRegime(record.regime_flag) if record.regime_flag else None,
        location=Location(record.latitude, record.longitude)
        if record.latitude is not None and record.longitude is not None
        else None,
        contact=Contact(
            name=record.contact_name,
            address=record.contact_address,
            phone=record.contact_phone,
            email=record.contact_email,
        ),
        citizen=CitizenRef(record.citizen.channel, record.citizen.external_id),
        attachments=tuple(
            Attachment(
                kind=AttachmentKind(a.kind),
                file_id=a.file_id,
                file_unique_id=a.file_unique_id,
                file_name=a.file_name,
                mime_type=a.mime_type,
                size=a.size,
                local_path=a.local_path,
            )
            for a in record.attachments
        ),
        id=record.id,
        version=record.version,
        **{name: getattr(record, name) for name in _PLAIN_FIELDS},
    )
    return item


def _copy_to_record(item: FeedbackItem, record: FeedbackRecord) -> None:
    for name in _PLAIN_FIELDS:
        setattr(record, name, getattr(item, name))
    record.type = str(item.type)
    record.status = str(item.status)
    record.content_kind = str(item.content_kind) if item.content_kind else None
    record.regime_flag = str(item.regime_flag) if item.regime_flag else None
    record.latitude, record.longitude = _coordinates(item.location)
    record.contact_name = item.contact.name
    record.contact_address = item.contact.address
    record.contact_phone = item.contact.phone
    record.contact_email = item.contact.email


def _coordinates(location: Location | None) -> tuple[float | None, float | None]:
    return (location.latitude, location.longitude) if location is not None else (None, None)


def _attachment_row(item_id: int, position: int, attachment: Attachment) -> dict[str, object]:
    return {
        "item_id": item_id,
        "position": position,
        "kind": str(attachment.kind),
        "file_id": attachment.file_id,
        "file_unique_id": attachment.file_unique_id,
        "file_name": attachment.file_name,
        "mime_type": attachment.mime_type,
        "size": attachment.size,
        "local_path": attachment.local_path,
    }


def _audit_row(item_id: int, entry: AuditEntry) -> dict[str, object]:
    before = entry.before
    return {
        "item_id": item_id,
        "at": entry.at,
        "actor_kind": str(entry.actor.kind),
        "actor_id": entry.actor.id,
        "actor_name": entry.actor.name,
        "action": entry.action,
        "from_status": str(entry.from_status) if entry.from_status else None,
        "to_status": str(entry.to_status),
        "note": entry.note,
        "local_day": local_date(entry.at),
        "from_unit": before.unit if before else None,
        "from_due": before.due if before else None,
        "from_answered_on": before.answered_on if before else None,
        "from_answer_working_days": before.answer_working_days if before else None,
        "from_days_left_at_pause": before.days_left_at_pause if before else None,
    }


class StandingColumns(Protocol):
    """An audit record, or a row of the columns that keep an item's standing."""

    from_status: str | None
    from_unit: str | None
    from_due: date | None
    from_answered_on: date | None
    from_answer_working_days: int | None
    from_days_left_at_pause: int | None


def audit_standing(record: StandingColumns) -> Standing | None:
    """The standing an entry recorded before it; None on the receive entry and on entries older than 0010."""
    if record.from_due is None or record.from_status is None:
        return None
    return Standing(
        unit=record.from_unit,
        status=Status(record.from_status),
        due=record.from_due,
        answered_on=record.from_answered_on,
        answer_working_days=record.from_answer_working_days,
        days_left_at_pause=record.from_days_left_at_pause,
    )


class SqlFeedbackRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        # Records loaded in this unit of work, so `save` updates them under their version check.
        self._loaded: dict[str, FeedbackRecord] = {}

    async def _reserve_sequence(self, day: date, count: int) -> range:
        """The next `count` numbers of the day, in one statement; the row stays locked until the commit."""
        table = table_of(DailySequenceRecord)
        statement = (
            insert_for(self._session, table)
            .values(day=day, last=count)
            .on_conflict_do_update(index_elements=[table.c.day], set_={"last": table.c.last + count})
            .returning(table.c.last)
        )
        last = (await self._session.execute(statement)).scalar_one()
        return range(last - count + 1, last + 1)

    async def _citizen_id(self, citizen: CitizenRef) -> int:
        known: int | None = self._session.info.get(_CITIZEN_IDS, {}).get(citizen)
        if known is not None:
            return known
        statement = select(CitizenRecord.id).where(
            CitizenRecord.channel == citizen.channel, CitizenRecord.external_id == citizen.external_id
        )
        citizen_id = (await self._session.execute(statement)).scalar_one_or_none()
        if citizen_id is None:
            raise LookupError(f"citizen {citizen} must be remembered before their item is added")
        return citizen_id

    async def add_many(self, items: Sequence[FeedbackItem]) -> None:
        """Number the items, then insert them with their attachments and audit entries.

        Plain multi-row INSERTs rather than the ORM's unit of work, a handful of statements for the whole
        group: this is the hot path of intake. The day's sequence row stays locked until the commit (so
        codes never collide), and a rollback gives the numbers back.
        """
        if not items:
            return
        by_day: dict[date, list[FeedbackItem]] = {}
        for item in items:
            by_day.setdefault(item.received_on, []).append(item)
        for day, of_day in sorted(by_day.items()):
            for item, number in zip(of_day, await self._reserve_sequence(day, len(of_day)), strict=True):
                item.code = format_code(day, number)
        rows = [await self._item_row(item) for item in items]
        table = table_of(FeedbackRecord)
        try:
            inserted = await self._session.execute(
                insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
            )
        except IntegrityError as error:
            if "submission_key" in str(error.orig):
                raise SubmissionKeyTaken from error
            raise
        for item, item_id in zip(items, inserted.scalars().all(), strict=True):
            item.id, item.version = item_id, 1
        attachments = [
            _attachment_row(item.id, position, attachment)
            for item in items
            for position, attachment in enumerate(item.attachments)
            if item.id is not None
        ]
        if attachments:
            await self._session.execute(insert(table_of(AttachmentRecord)), attachments)
        # A new item owes the citizen no notice: the receipt is the answer.
        audit = [
            _audit_row(item.id, entry) for item in items for entry in item.take_pending()[0] if item.id is not None
        ]
        await self._session.execute(insert(table_of(AuditRecord)), audit)

    async def _item_row(self, item: FeedbackItem) -> dict[str, object]:
        row = {name: getattr(item, name) for name in _PLAIN_FIELDS}
        row.update(
            type=str(item.type),
            status=str(item.status),
            content_kind=str(item.content_kind) if item.content_kind else None,
            regime_flag=str(item.regime_flag) if item.regime_flag else None,
            latitude=_coordinates(item.location)[0],
            longitude=_coordinates(item.location)[1],
            contact_name=item.contact.name,
            contact_address=item.contact.address,
            contact_phone=item.contact.phone,
            contact_email=item.contact.email,
            citizen_id=await self._citizen_id(item.citizen),
            version=1,
        )
        return row

    async def get(self, code: str) -> FeedbackItem | None:
        record = (
            await self._session.execute(select(FeedbackRecord).where(FeedbackRecord.code == code))
        ).scalar_one_or_none()
        if record is None:
            return None
        self._loaded[code] = record
        return to_domain(record)

    async def pin_hash(self, code: str) -> tuple[bool, str | None]:
        statement = select(FeedbackRecord.pin_hash).where(FeedbackRecord.code == code)
        row = (await self._session.execute(statement)).one_or_none()
        return (False, None) if row is None else (True, row[0])

    async def save(self, item: FeedbackItem) -> None:
        record = self._loaded.get(item.code)
        if record is None:
            raise LookupError(f"{item.code} was not loaded in this unit of work")
        if record.version != item.version:
            raise ConcurrentChange(item.code)
        _copy_to_record(item, record)
        for stored, attachment in zip(record.attachments, item.attachments, strict=False):
            # Files are removed only by retention or a deletion request: the row keeps its place, not the file.
            for name, value in _attachment_row(record.id, stored.position, attachment).items():
                if getattr(stored, name) != value:
                    setattr(stored, name, value)
        for position in range(len(record.attachments), len(item.attachments)):
            # Files only ever get added (a citizen's reply to a request for information).
            record.attachments.append(
                AttachmentRecord(**_attachment_row(record.id, position, item.attachments[position]))
            )
        self._write_pending(item, record)
        try:
            await self._session.flush()
        except StaleDataError as error:
            raise ConcurrentChange(item.code) from error
        item.version = record.version

    def _write_pending(self, item: FeedbackItem, record: FeedbackRecord) -> None:
        audit, notices = item.take_pending()
        for entry in audit:
            self._session.add(AuditRecord(**_audit_row(record.id, entry)))
        for notice in notices:
            recipient = notice.recipient or item.reply_to
            if recipient is None:
                continue  # an item filed without a channel to answer on (e.g. keyed in by an officer)
            self._session.add(
                NoticeRecord(
                    item_id=record.id,
                    channel=item.citizen.channel,
                    recipient=recipient,
                    kind=str(notice.kind),
                    status=str(notice.status),
                    text=notice.text,
                    due=notice.due,
                    answer_number=notice.answer_number,
                    created_at=item.updated_at,
                )
            )

    async def list_for_citizen(self, citizen: CitizenRef, *, limit: int) -> list[FeedbackItem]:
        statement = (
            select(FeedbackRecord)
            .join(FeedbackRecord.citizen)
            .where(CitizenRecord.channel == citizen.channel, CitizenRecord.external_id == citizen.external_id)
            .order_by(FeedbackRecord.received_at.desc(), FeedbackRecord.id.desc())
            .limit(limit)
        )
        return [to_domain(record) for record in (await self._session.execute(statement)).scalars()]

    async def retention_due(self, contact_closed_before: date, files_closed_before: date, *, limit: int) -> list[str]:
        statement = (
            select(FeedbackRecord.code)
            .where(
                FeedbackRecord.closed_on.is_not(None),
                (FeedbackRecord.contact_masked_at.is_(None) & (FeedbackRecord.closed_on < contact_closed_before))
                | (FeedbackRecord.attachments_removed_at.is_(None) & (FeedbackRecord.closed_on < files_closed_before)),
            )
            .order_by(FeedbackRecord.closed_on, FeedbackRecord.id)
            .limit(limit)
        )
        return list((await self._session.execute(statement)).scalars())

    async def answered_on_or_before(self, day: date, *, limit: int) -> list[str]:
        statement = (
            select(FeedbackRecord.code)
            .where(FeedbackRecord.status == str(Status.ANSWERED), FeedbackRecord.answered_on <= day)
            .order_by(FeedbackRecord.answered_on, FeedbackRecord.id)
            .limit(limit)
        )
        return list((await self._session.execute(statement)).scalars())

    async def count_received_since(self, citizens: Set[CitizenRef], since: datetime) -> dict[CitizenRef, int]:
        if not citizens:
            return {}
        ids = {await self._citizen_id(citizen): citizen for citizen in citizens}
        statement = (
            select(FeedbackRecord.citizen_id, func.count())
            .where(FeedbackRecord.citizen_id.in_(ids), FeedbackRecord.received_at >= since)
            .group_by(FeedbackRecord.citizen_id)
        )
        return {ids[citizen_id]: count for citizen_id, count in (await self._session.execute(statement)).all()}

    async def contents_since(self, citizen: CitizenRef, since: datetime) -> list[tuple[str, str]]:
        statement = (
            select(FeedbackRecord.code, FeedbackRecord.content)
            .join(FeedbackRecord.citizen)
            .where(
                CitizenRecord.channel == citizen.channel,
                CitizenRecord.external_id == citizen.external_id,
                FeedbackRecord.received_at >= since,
            )
            .order_by(FeedbackRecord.received_at.desc())
        )
        return [(code, content) for code, content in (await self._session.execute(statement)).all()]

    async def received_times_since(self, citizen: CitizenRef, since: datetime) -> list[datetime]:
        statement = (
            select(FeedbackRecord.received_at)
            .join(FeedbackRecord.citizen)
            .where(
                CitizenRecord.channel == citizen.channel,
                CitizenRecord.external_id == citizen.external_id,
                FeedbackRecord.received_at >= since,
            )
        )
        return list((await self._session.execute(statement)).scalars())

    async def with_submission_keys(self, keys: Set[str]) -> dict[str, FeedbackItem]:
        if not keys:
            return {}
        statement = select(FeedbackRecord).where(FeedbackRecord.submission_key.in_(set(keys)))
        records = (await self._session.execute(statement)).scalars()
        return {record.submission_key: to_domain(record) for record in records if record.submission_key}

    async def get_many(self, codes: Sequence[str]) -> list[FeedbackItem]:
        if not codes:
            return []
        statement = (
            select(FeedbackRecord)
            .where(FeedbackRecord.code.in_(set(codes)))
            .order_by(FeedbackRecord.received_at.desc(), FeedbackRecord.id.desc())
        )
        return [to_domain(record) for record in (await self._session.execute(statement)).scalars()]

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
        statement = select(FeedbackRecord).where(FeedbackRecord.received_at.between(since, until))
        if statuses is not None:
            statement = statement.where(FeedbackRecord.status.in_([str(status) for status in statuses]))
        if types is not None:
            statement = statement.where(FeedbackRecord.type.in_([str(kind) for kind in types]))
        statement = statement.order_by(FeedbackRecord.received_at.desc(), FeedbackRecord.id.desc())
        statement = statement.offset(offset).limit(limit)
        return [to_domain(record) for record in (await self._session.execute(statement)).scalars()]

    async def audit_trail(self, code: str) -> list[AuditEntry]:
        statement = (
            select(AuditRecord)
            .join(FeedbackRecord, FeedbackRecord.id == AuditRecord.item_id)
            .where(FeedbackRecord.code == code)
            .order_by(AuditRecord.id)
        )
        return [
            AuditEntry(
                at=record.at,
                actor=Actor(ActorKind(record.actor_kind), record.actor_id, record.actor_name),
                action=record.action,
                from_status=Status(record.from_status) if record.from_status else None,
                to_status=Status(record.to_status),
                note=record.note,
                before=audit_standing(record),
            )
            for record in (await self._session.execute(statement)).scalars()
        ]


class SqlCitizenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _record(self, citizen: CitizenRef) -> CitizenRecord | None:
        statement = select(CitizenRecord).where(
            CitizenRecord.channel == citizen.channel, CitizenRecord.external_id == citizen.external_id
        )
        return (await self._session.execute(statement)).scalar_one_or_none()

    async def last_contact(self, citizen: CitizenRef) -> Contact | None:
        record = await self._record(citizen)
        if record is None or not record.name or not record.address:
            return None
        return Contact(name=record.name, address=record.address, phone=record.phone, email=record.email)

    async def forget_if_all_masked(self, citizen: CitizenRef) -> None:
        """Clear the contact remembered for the citizen (offered the next time they file) once none of their
        items keeps one: masking an item must not leave the same details in this row."""
        record = await self._record(citizen)
        if record is None:
            return
        unmasked = select(FeedbackRecord.id).where(
            FeedbackRecord.citizen_id == record.id, FeedbackRecord.contact_masked_at.is_(None)
        )
        if (await self._session.execute(unmasked.limit(1))).first() is None:
            record.name = record.address = record.phone = record.email = None
            await self._session.flush()

    async def remember_many(self, contacts: Sequence[tuple[CitizenRef, Contact]], at: datetime) -> None:
        """One multi-row upsert; on PostgreSQL it locks the citizens' rows, so one citizen's submissions
        are counted one transaction after another against the daily cap."""
        latest = dict(contacts)  # a citizen twice in one group: an upsert may touch a row only once
        table = table_of(CitizenRecord)
        statement = insert_for(self._session, table)
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.channel, table.c.external_id],
            set_={name: statement.excluded[name] for name in ("name", "address", "phone", "email", "updated_at")},
        ).returning(table.c.id, table.c.channel, table.c.external_id)
        rows = [
            {
                "channel": citizen.channel,
                "external_id": citizen.external_id,
                "name": contact.name,
                "address": contact.address,
                "phone": contact.phone,
                "email": contact.email,
                "created_at": at,
                "updated_at": at,
            }
            # Sorted, so two transactions lock the same citizens in the same order and never deadlock.
            for citizen, contact in sorted(latest.items(), key=lambda pair: (pair[0].channel, pair[0].external_id))
        ]
        known = self._session.info.setdefault(_CITIZEN_IDS, {})
        for citizen_id, channel, external_id in (await self._session.execute(statement.values(rows))).all():
            # Shared with the feedback repository on this session: it need not look the ids up again.
            known[CitizenRef(channel, external_id)] = citizen_id


class SqlNoticeOutbox:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def pending(self, channel: str, *, limit: int) -> Sequence[OutgoingNotice]:
        statement = (
            select(NoticeRecord, FeedbackRecord.code)
            .join(FeedbackRecord, FeedbackRecord.id == NoticeRecord.item_id)
            .where(NoticeRecord.channel == channel, NoticeRecord.sent_at.is_(None))
            .order_by(NoticeRecord.id)
            .limit(limit)
        )
        return [
            OutgoingNotice(
                id=notice.id,
                code=code,
                channel=notice.channel,
                recipient=notice.recipient,
                kind=NoticeKind(notice.kind),
                status=Status(notice.status),
                text=notice.text,
                due=notice.due,
                created_at=notice.created_at,
                answer_number=notice.answer_number,
            )
            for notice, code in (await self._session.execute(statement)).all()
        ]

    async def mark_sent(self, notice_id: int, at: datetime) -> None:
        notice = await self._session.get(NoticeRecord, notice_id)
        if notice is not None and notice.sent_at is None:
            notice.sent_at = at
            await self._session.flush()

    async def take(self, notice_id: int, at: datetime) -> bool:
        """Mark it handed on, if nobody did: of two instances relaying it at once, only one gets True (on
        PostgreSQL the second waits on the row and then finds it taken)."""
        statement = (
            update(NoticeRecord)
            .where(NoticeRecord.id == notice_id, NoticeRecord.sent_at.is_(None))
            .values(sent_at=at)
            .execution_options(synchronize_session=False)
        )
        return rows_changed(await self._session.execute(statement)) == 1
