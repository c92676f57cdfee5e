"""What the agency teaches search, in SQL: unanswered queries (no personal data) and the lessons."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from procedures_catalog.lessons import Lesson, UnansweredGroup, UnansweredReason
from storage.models import Base, table_of
from storage.utc_datetime import UtcDateTime


class UnansweredQueryRecord(Base):
    __tablename__ = "unanswered_queries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    text: Mapped[str] = mapped_column(String(200))
    group_key: Mapped[str] = mapped_column(String(200), index=True)
    channel: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(32))
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SearchLessonRecord(Base):
    __tablename__ = "search_lessons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    phrase: Mapped[str] = mapped_column(String(200))
    expansion: Mapped[str] = mapped_column(String(500))
    procedure_code: Mapped[str | None] = mapped_column(String(64))
    taught_by: Mapped[str] = mapped_column(String(64))
    taught_at: Mapped[datetime] = mapped_column(UtcDateTime)


_KEEP_UNANSWERED = insert(table_of(UnansweredQueryRecord))  # a dialogue turn's, built once


class SqlSearchLessonRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_unanswered(self, text: str, group: str, channel: str, reason: UnansweredReason, at: datetime) -> None:
        row = {"text": text, "group_key": group, "channel": channel, "reason": reason, "asked_at": at}
        await self._session.execute(_KEEP_UNANSWERED, row)

    async def unanswered_groups(self, limit: int) -> list[UnansweredGroup]:
        record = UnansweredQueryRecord
        rows = await self._session.execute(
            select(record.group_key, func.count(), func.max(record.asked_at), func.min(record.text))
            .group_by(record.group_key)
            .order_by(func.count().desc(), func.max(record.asked_at).desc())
            .limit(limit)
        )
        groups = [(group, count, last, example) for group, count, last, example in rows]
        channels: dict[str, set[str]] = {}
        if groups:
            pairs = await self._session.execute(
                select(record.group_key, record.channel).where(record.group_key.in_([g for g, *_ in groups])).distinct()
            )
            for group, channel in pairs:
                channels.setdefault(group, set()).add(channel)
        # max() keeps the column's type, so `last` comes back an aware UTC datetime on both databases.
        return [
            UnansweredGroup(group, example, count, last, tuple(sorted(channels.get(group, ()))))
            for group, count, last, example in groups
        ]

    async def forget_group(self, group: str) -> None:
        await self._session.execute(delete(UnansweredQueryRecord).where(UnansweredQueryRecord.group_key == group))

    async def add_lesson(self, lesson: Lesson) -> None:
        self._session.add(
            SearchLessonRecord(
                phrase=lesson.phrase,
                expansion=lesson.expansion,
                procedure_code=lesson.procedure_code,
                taught_by=lesson.taught_by,
                taught_at=lesson.taught_at,
            )
        )
        await self._session.flush()

    async def lessons(self) -> list[Lesson]:
        records = (await self._session.execute(select(SearchLessonRecord).order_by(SearchLessonRecord.id))).scalars()
        return [Lesson(r.phrase, r.expansion, r.procedure_code, r.taught_by, r.taught_at) for r in records]

    async def lessons_version(self) -> tuple[int, int]:
        """(count, highest id): changes whenever a lesson is added or removed, read in one cheap query."""
        count, highest = (
            await self._session.execute(select(func.count(), func.coalesce(func.max(SearchLessonRecord.id), 0)))
        ).one()
        return int(count), int(highest)
