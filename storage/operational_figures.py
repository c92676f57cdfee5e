"""The figures an operator watches, read straight from the tables at each scrape or health check.

Plain aggregate queries (the `feedback_items.status` and notices' `sent_at` columns), cheap enough for a
scrape every 15 seconds; nothing here is a PAKN's content or a citizen's data.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from feedback.domain.status import IN_PROCESS_STATUSES
from monitoring.figures import OperationalFigures
from storage.feedback_models import FeedbackRecord, NoticeRecord


async def check_database(engine: AsyncEngine) -> None:
    """Raises when the database cannot answer a trivial query."""
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


async def operational_figures(sessions: async_sessionmaker[AsyncSession], today: date) -> OperationalFigures:
    async with sessions() as session:
        by_status = await session.execute(select(FeedbackRecord.status, func.count()).group_by(FeedbackRecord.status))
        overdue = await session.execute(
            select(func.count()).where(
                FeedbackRecord.status.in_([str(status) for status in IN_PROCESS_STATUSES]),
                FeedbackRecord.due < today,
                FeedbackRecord.paused_on.is_(None),
            )
        )
        backlog = await session.execute(
            select(func.count(), func.min(NoticeRecord.created_at)).where(NoticeRecord.sent_at.is_(None))
        )
        count, oldest = backlog.one()
        return OperationalFigures(
            items_by_status={status: int(number) for status, number in by_status.all()},
            overdue=int(overdue.scalar_one()),
            outbox_backlog=int(count),
            outbox_oldest=oldest,
        )
