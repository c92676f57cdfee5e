"""The SQL unit of work: one session, one transaction, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.access_repository import SqlOfficerRepository, SqlUnitRepository
from storage.api_keys import SqlApiKeyRepository
from storage.data_view_log import SqlDataViewLog
from storage.deletion_requests import SqlDeletionRequests
from storage.dialogue_store import SqlChannelOutbox, SqlConversationStore
from storage.feedback_queue import SqlFeedbackQueue
from storage.feedback_repository import SqlCitizenRepository, SqlFeedbackRepository, SqlNoticeOutbox
from storage.job_lease import SqlJobLeases
from storage.officer_outbox import SqlOfficerOutbox
from storage.procedure_repository import SqlProcedureRepository
from storage.report_queries import SqlReportQueries
from storage.search_lessons import SqlSearchLessonRepository
from storage.web_attempts import SqlWebAttempts
from storage.web_state import SqlLoginFailures, SqlWebSessions
from storage.zalo_connection import SqlZaloConnections


class SqlUnitOfWork:
    """Serves the catalog, feedback and admin services: one session, all repositories on it."""

    procedures: SqlProcedureRepository
    feedback: SqlFeedbackRepository
    citizens: SqlCitizenRepository
    notices: SqlNoticeOutbox
    queue: SqlFeedbackQueue
    units: SqlUnitRepository
    officers: SqlOfficerRepository
    leases: SqlJobLeases
    officer_messages: SqlOfficerOutbox
    reports: SqlReportQueries
    api_keys: SqlApiKeyRepository
    web_attempts: SqlWebAttempts
    zalo: SqlZaloConnections
    web_sessions: SqlWebSessions
    login_failures: SqlLoginFailures
    search_lessons: SqlSearchLessonRepository
    conversations: SqlConversationStore
    outbox: SqlChannelOutbox
    data_views: SqlDataViewLog
    deletion_requests: SqlDeletionRequests

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def __aenter__(self) -> Self:
        self._session = self._session_factory()
        self.procedures = SqlProcedureRepository(self._session)
        self.feedback = SqlFeedbackRepository(self._session)
        self.citizens = SqlCitizenRepository(self._session)
        self.notices = SqlNoticeOutbox(self._session)
        self.queue = SqlFeedbackQueue(self._session)
        self.units = SqlUnitRepository(self._session)
        self.officers = SqlOfficerRepository(self._session)
        self.leases = SqlJobLeases(self._session)
        self.officer_messages = SqlOfficerOutbox(self._session)
        self.reports = SqlReportQueries(self._session)
        self.api_keys = SqlApiKeyRepository(self._session)
        self.web_attempts = SqlWebAttempts(self._session)
        self.zalo = SqlZaloConnections(self._session)
        self.web_sessions = SqlWebSessions(self._session)
        self.login_failures = SqlLoginFailures(self._session)
        self.search_lessons = SqlSearchLessonRepository(self._session)
        self.conversations = SqlConversationStore(self._session)
        self.outbox = SqlChannelOutbox(self._session)
        self.data_views = SqlDataViewLog(self._session)
        self.deletion_requests = SqlDeletionRequests(self._session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            await self.rollback()
        finally:
            await self._session.close()

    async def commit(self) -> None:
        await self._session.commit()

    async def rollback(self) -> None:
        await self._session.rollback()
