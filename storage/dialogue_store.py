"""The dialogue's storage: conversation rows with a version (optimistic concurrency), the events seen,
and the channel outbox's writing side (delivery reads it)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from delivery.ports import NoticeRef
from dialogue import reply_codec
from dialogue.conversation import Conversation
from dialogue.ports import ConversationChanged, NewMessage, StoredConversation
from storage.dialect_insert import insert_for
from storage.dialogue_models import ConversationRecord, OutboxRecord, SeenEventRecord
from storage.models import table_of
from storage.statement_results import rows_changed

WAITING = "waiting"
HELD = "held"  # storage.channel_outbox's states: kept until the person writes again


def utc_now() -> datetime:
    return datetime.now(UTC)


class SqlConversationStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def load(self, channel: str, user_id: str) -> StoredConversation | None:
        row = (
            await self._session.execute(
                select(ConversationRecord.state, ConversationRecord.version)
                .where(ConversationRecord.channel == channel, ConversationRecord.user_id == user_id)
                # PostgreSQL: a second instance taking this person's next event waits here instead of
                # answering from a state about to change (SQLite serialises writers anyway).
                .with_for_update()
            )
        ).one_or_none()
        if row is None:
            return None
        return StoredConversation(Conversation.from_json(row.state), row.version)

    async def save(self, channel: str, user_id: str, conversation: Conversation, *, version: int | None) -> None:
        state = conversation.to_json()
        if version is None:
            inserted = await self._session.execute(
                insert_for(self._session, table_of(ConversationRecord))
                .values(channel=channel, user_id=user_id, state=state, version=1, updated_at=utc_now())
                .on_conflict_do_nothing()
            )
            if rows_changed(inserted) != 1:
                raise ConversationChanged(f"{channel}:{user_id} was created meanwhile")
            return
        updated = await self._session.execute(
            update(ConversationRecord)
            .where(
                ConversationRecord.channel == channel,
                ConversationRecord.user_id == user_id,
                ConversationRecord.version == version,
            )
            .values(state=state, version=version + 1, updated_at=utc_now())
            .execution_options(synchronize_session=False)
        )
        if rows_changed(updated) != 1:
            raise ConversationChanged(f"{channel}:{user_id} moved past version {version}")

    async def seen(self, channel: str, event_id: str) -> bool:
        statement = select(SeenEventRecord.event_id).where(
            SeenEventRecord.channel == channel, SeenEventRecord.event_id == event_id
        )
        return (await self._session.execute(statement)).first() is not None

    async def first_time(self, channel: str, event_id: str) -> bool:
        inserted = await self._session.execute(
            insert_for(self._session, table_of(SeenEventRecord))
            .values(channel=channel, event_id=event_id, handled_at=utc_now())
            .on_conflict_do_nothing()
        )
        return rows_changed(inserted) == 1


class SqlChannelOutbox:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def take_held(self, channel: str, recipient: str) -> list[NewMessage]:
        statement = (
            delete(OutboxRecord)
            .where(OutboxRecord.channel == channel, OutboxRecord.recipient == recipient, OutboxRecord.state == HELD)
            .returning(OutboxRecord.id, OutboxRecord.reply, OutboxRecord.origin, OutboxRecord.notice)
            .execution_options(synchronize_session=False)
        )
        rows = sorted((await self._session.execute(statement)).all(), key=lambda row: row.id)  # RETURNING: no order
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
        self._session.add_all(
            [
                OutboxRecord(
                    channel=message.channel,
                    recipient=message.recipient,
                    reply=reply_codec.dumps(message.reply),
                    origin=message.origin,
                    notice=_notice_json(message),
                    item_code=message.notice.code if message.notice is not None else None,
                    state=WAITING,
                    not_before=now,
                    attempts=0,
                    created_at=now,
                )
                for message in messages
            ]
        )
        await self._session.flush()


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
