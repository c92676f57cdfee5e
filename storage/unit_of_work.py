"""The SQL unit of work: one session, one transaction, rolled back unless committed."""

from __future__ import annotations

from functools import cached_property
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
from storage.held_notices import SqlHeldNotices
from storage.job_lease import SqlJobLeases
from storage.officer_outbox import SqlOfficerOutbox
from storage.procedure_repository import SqlProcedureRepository
from storage.report_queries import SqlReportQueries
from storage.search_lessons import SqlSearchLessonRepository
from storage.web_attempts import SqlWebAttempts
from storage.web_state import SqlLoginFailures, SqlWebSessions
from storage.zalo_connection import SqlZaloConnections


class SqlUnitOfWork:
    """Serves the catalog, feedback and admin services: one session, each repository on it made when first used
    (a transaction uses two or three of twenty)."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def __aenter__(self) -> Self:
        for name in _REPOSITORIES:  # a unit of work entered again gets repositories on its new session
            self.__dict__.pop(name, None)
        self._session = self._session_factory()
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

    @cached_property
    def procedures(self) -> SqlProcedureRepository:
        return SqlProcedureRepository(self._session)

    @cached_property
    def feedback(self) -> SqlFeedbackRepository:
        return SqlFeedbackRepository(self._session)

    @cached_property
    def citizens(self) -> SqlCitizenRepository:
        return SqlCitizenRepository(self._session)

    @cached_property
    def notices(self) -> SqlNoticeOutbox:
        return SqlNoticeOutbox(self._session)

    @cached_property
    def queue(self) -> SqlFeedbackQueue:
        return SqlFeedbackQueue(self._session)

    @cached_property
    def units(self) -> SqlUnitRepository:
        return SqlUnitRepository(self._session)

    @cached_property
    def officers(self) -> SqlOfficerRepository:
        return SqlOfficerRepository(self._session)

    @cached_property
    def leases(self) -> SqlJobLeases:
        return SqlJobLeases(self._session)

    @cached_property
    def officer_messages(self) -> SqlOfficerOutbox:
        return SqlOfficerOutbox(self._session)

    @cached_property
    def reports(self) -> SqlReportQueries:
        return SqlReportQueries(self._session)

    @cached_property
    def api_keys(self) -> SqlApiKeyRepository:
        return SqlApiKeyRepository(self._session)

    @cached_property
    def web_attempts(self) -> SqlWebAttempts:
        return SqlWebAttempts(self._session)

    @cached_property
    def zalo(self) -> SqlZaloConnections:
        return SqlZaloConnections(self._session)

    @cached_property
    def web_sessions(self) -> SqlWebSessions:
        return SqlWebSessions(self._session)

    @cached_property
    def login_failures(self) -> SqlLoginFailures:
        return SqlLoginFailures(self._session)

    @cached_property
    def search_lessons(self) -> SqlSearchLessonRepository:
        return SqlSearchLessonRepository(self._session)

    @cached_property
    def conversations(self) -> SqlConversationStore:
        return SqlConversationStore(self._session)

    @cached_property
    def outbox(self) -> SqlChannelOutbox:
        return SqlChannelOutbox(self._session)

    @cached_property
    def held_notices(self) -> SqlHeldNotices:
        return SqlHeldNotices(self._session)

    @cached_property
    def data_views(self) -> SqlDataViewLog:
        return SqlDataViewLog(self._session)

    @cached_property
    def deletion_requests(self) -> SqlDeletionRequests:
        return SqlDeletionRequests(self._session)

    async def commit(self) -> None:
        await self._session.commit()

    async def rollback(self) -> None:
        await self._session.rollback()


_REPOSITORIES = tuple(name for name, value in vars(SqlUnitOfWork).items() if isinstance(value, cached_property))
