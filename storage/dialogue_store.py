"""The dialogue's storage: conversation rows with a version (optimistic concurrency), the events seen,
and the channel outbox's writing side (delivery reads it)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Executable,
    String,
    Table,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from delivery.ports import NoticeRef
from dialogue import reply_codec
from dialogue.conversation import Conversation
from dialogue.ports import ConversationChanged, NewMessage, StoredConversation
from storage.dialogue_models import ConversationRecord, OutboxRecord, SeenEventRecord
from storage.models import table_of
from storage.statement_results import rows_changed

WAITING = "waiting"
HELD = "held"  # storage.channel_outbox's states: kept until the person writes again


def _insert_if_new(table: Table) -> dict[str, Executable]:
    """INSERT … ON CONFLICT DO NOTHING by dialect name (SQLite and PostgreSQL each have their own construct);
    the columns are the parameters' names."""
    return {
        "postgresql": postgresql.insert(table).on_conflict_do_nothing(),
        "sqlite": sqlite.insert(table).on_conflict_do_nothing(),
    }


# Every turn runs these: built once, on the tables rather than the mapped classes, so that a turn neither builds
# a statement nor goes through the ORM (SQLAlchemy then finds each one's compiled form in its cache at once).
_CONVERSATIONS = table_of(ConversationRecord)
_EVENTS = table_of(SeenEventRecord)
_OUTBOX = table_of(OutboxRecord)
_THIS_CONVERSATION = (
    _CONVERSATIONS.c.channel == bindparam("of_channel"),  # not a column's name: an UPDATE's SET has those
    _CONVERSATIONS.c.user_id == bindparam("of_user_id"),
)
_ANSWERED = or_(  # the event was answered: the last one (a copy that waited for this row), or an earlier one
    _CONVERSATIONS.c.last_event_id == bindparam("event_id"),
    exists().where(_EVENTS.c.channel == bindparam("of_channel"), _EVENTS.c.event_id == bindparam("event_id")),
)
_LOAD = (
    select(_CONVERSATIONS.c.state, _CONVERSATIONS.c.version, _CONVERSATIONS.c.held, _ANSWERED.label("event_seen"))
    .where(*_THIS_CONVERSATION)
    # PostgreSQL: a second instance taking this person's next event waits here instead of answering from a
    # state about to change (SQLite serialises writers anyway).
    .with_for_update()
)
_SAVE = (
    update(_CONVERSATIONS)
    .where(*_THIS_CONVERSATION, _CONVERSATIONS.c.version == bindparam("read_version"))
    .values(
        state=bindparam("new_state"),
        version=bindparam("new_version"),
        updated_at=bindparam("now"),
        last_event_id=func.coalesce(bindparam("answered", type_=String), _CONVERSATIONS.c.last_event_id),
        held=and_(_CONVERSATIONS.c.held, ~bindparam("took_held", type_=Boolean)),
    )
)
_CREATE = _insert_if_new(_CONVERSATIONS)
_SEEN = select(_EVENTS.c.event_id).where(
    _EVENTS.c.channel == bindparam("channel"), _EVENTS.c.event_id == bindparam("event_id")
)
_RECORD_EVENT = _insert_if_new(_EVENTS)
_TAKE_HELD = (
    delete(_OUTBOX)
    .where(
        _OUTBOX.c.channel == bindparam("channel"),
        _OUTBOX.c.recipient == bindparam("recipient"),
        _OUTBOX.c.state == HELD,
    )
    .returning(_OUTBOX.c.id, _OUTBOX.c.reply, _OUTBOX.c.origin, _OUTBOX.c.notice)
)
_QUEUE = insert(_OUTBOX)


def utc_now() -> datetime:
    return datetime.now(UTC)


def _dialect(session: AsyncSession) -> str:
    assert session.bind is not None
    return session.bind.dialect.name


class SqlConversationStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def load(self, channel: str, user_id: str, *, event_id: str | None = None) -> StoredConversation | None:
        loaded = await self._session.execute(
            _LOAD, {"of_channel": channel, "of_user_id": user_id, "event_id": event_id or ""}
        )
        row = loaded.one_or_none()
        if row is None:
            return None
        seen = bool(row.event_seen) and event_id is not None
        return StoredConversation(Conversation.from_json(row.state), row.version, event_seen=seen, held=bool(row.held))

    async def save(
        self,
        channel: str,
        user_id: str,
        conversation: Conversation,
        *,
        version: int | None,
        event_id: str | None = None,
        took_held: bool = False,
    ) -> None:
        state = conversation.to_json()
        now = utc_now()
        if version is None:
            row = {"channel": channel, "user_id": user_id, "state": state, "version": 1, "updated_at": now}
            inserted = await self._session.execute(
                _CREATE[_dialect(self._session)], {**row, "last_event_id": event_id, "held": False}
            )
            if rows_changed(inserted) != 1:
                raise ConversationChanged(f"{channel}:{user_id} was created meanwhile")
            return
        updated = await self._session.execute(
            _SAVE,
            {
                "of_channel": channel,
                "of_user_id": user_id,
                "read_version": version,
                "new_state": state,
                "new_version": version + 1,
                "now": now,
                "answered": event_id,
                "took_held": took_held,
            },
        )
        if rows_changed(updated) != 1:
            raise ConversationChanged(f"{channel}:{user_id} moved past version {version}")

    async def seen(self, channel: str, event_id: str) -> bool:
        found = await self._session.execute(_SEEN, {"channel": channel, "event_id": event_id})
        return found.first() is not None

    async def first_time(self, channel: str, event_id: str) -> bool:
        inserted = await self._session.execute(
            _RECORD_EVENT[_dialect(self._session)], {"channel": channel, "event_id": event_id, "handled_at": utc_now()}
        )
        return rows_changed(inserted) == 1


class SqlChannelOutbox:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def take_held(self, channel: str, recipient: str) -> list[NewMessage]:
        taken = await self._session.execute(_TAKE_HELD, {"channel": channel, "recipient": recipient})
        rows = sorted(taken.all(), key=lambda row: row.id)  # RETURNING: no order
        return [
            NewMessage(
                channel, recipient, reply_codec.loads(row.reply), origin=row.origin, notice=notice_ref(row.notice)
            )
            for row in rows
        ]

    async def add(self, messages: Sequence[NewMessage]) -> None:
        if not messages:
            return
        now = utc_now()
        await self._session.execute(
            _QUEUE,
            [
                {
                    "channel": message.channel,
                    "recipient": message.recipient,
                    "reply": reply_codec.dumps(message.reply),
                    "origin": message.origin,
                    "notice": _notice_json(message),
                    "item_code": message.notice.code if message.notice is not None else None,
                    "state": WAITING,
                    "not_before": now,
                    "attempts": 0,
                    "claimed_until": None,
                    "created_at": now,
                    "sent_at": None,
                    "outcome": None,
                }
                for message in messages
            ],
        )


def _notice_json(message: NewMessage) -> str | None:
    notice = message.notice
    if notice is None:
        return None
    due = notice.due.isoformat() if notice.due else None
    return json.dumps({"code": notice.code, "kind": notice.kind, "due": due, "status": notice.status})


def notice_ref(raw: str | None) -> NoticeRef | None:
    """A row's `notice` column read back (`_notice_json` wrote it)."""
    if raw is None:
        return None
    data = json.loads(raw)
    due, status = data.get("due"), data.get("status")
    return NoticeRef(
        code=str(data["code"]),
        kind=str(data["kind"]),
        due=date.fromisoformat(due) if due else None,
        status=str(status) if status else None,
    )
