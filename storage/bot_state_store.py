"""Key-value storage for a channel's conversation state, as JSON in the `bot_state` table."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.dialect_insert import insert_for
from storage.feedback_models import BotStateRecord
from storage.models import table_of


class BotStateStore:
    """Each write commits at once: a conversation step is durable before the bot answers the next one."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def load(self, kind: str) -> dict[str, Any]:
        async with self._session_factory() as session:
            rows = await session.execute(
                select(BotStateRecord.key, BotStateRecord.data).where(BotStateRecord.kind == kind)
            )
            return {key: json.loads(data) for key, data in rows.all()}

    async def save(self, kind: str, key: str, value: Any) -> None:
        data = json.dumps(value, ensure_ascii=False)
        async with self._session_factory() as session:
            table = table_of(BotStateRecord)
            statement = (
                insert_for(session, table)
                .values(kind=kind, key=key, data=data, updated_at=datetime.now(UTC))
                .on_conflict_do_update(
                    index_elements=[table.c.kind, table.c.key], set_={"data": data, "updated_at": datetime.now(UTC)}
                )
            )
            await session.execute(statement)
            await session.commit()

    async def delete(self, kind: str, key: str) -> None:
        async with self._session_factory() as session:
            await session.execute(delete(BotStateRecord).where(BotStateRecord.kind == kind, BotStateRecord.key == key))
            await session.commit()
