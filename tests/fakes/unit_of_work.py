"""The fake unit of work: one transaction on a FakeDatabase, with the repositories every service uses."""

from __future__ import annotations

from functools import cached_property
from types import TracebackType
from typing import Self

from feedback.service_layer.access_ports import AccessUnitOfWork
from feedback.service_layer.api_key_ports import ApiKeyUnitOfWork
from feedback.service_layer.data_views import DataViewsUnitOfWork
from feedback.service_layer.feedback_ports import FeedbackUnitOfWork
from feedback.service_layer.personal_data import PersonalDataUnitOfWork
from feedback.service_layer.scheduled_job_ports import ScheduledJobsUnitOfWork
from tests.fakes.access_repositories import FakeOfficerRepository, FakeUnitRepository
from tests.fakes.api_keys import FakeApiKeyRepository
from tests.fakes.data_view_log import FakeDataViewLog
from tests.fakes.database import FakeDatabase, FakeSession
from tests.fakes.deletion_requests import FakeDeletionRequests
from tests.fakes.feedback_repositories import (
    FakeCitizenRepository,
    FakeFeedbackQueue,
    FakeFeedbackRepository,
    FakeNoticeOutbox,
)
from tests.fakes.held_notices import FakeHeldNotices
from tests.fakes.job_leases import FakeJobLeases
from tests.fakes.officer_outbox import FakeOfficerOutbox
from tests.fakes.web_attempts import FakeWebAttempts

_REPOSITORIES = (
    "feedback",
    "citizens",
    "notices",
    "queue",
    "units",
    "officers",
    "officer_messages",
    "data_views",
    "leases",
    "held_notices",
    "api_keys",
    "deletion_requests",
    "web_attempts",
)


class FakeUnitOfWork:
    """Rolled back on exit unless committed; entered again, a new transaction with new repositories."""

    def __init__(self, database: FakeDatabase) -> None:
        self.database = database
        self._session = FakeSession(database)

    async def __aenter__(self) -> Self:
        for name in _REPOSITORIES:
            self.__dict__.pop(name, None)
        self._session = FakeSession(self.database)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.rollback()

    @cached_property
    def feedback(self) -> FakeFeedbackRepository:
        return FakeFeedbackRepository(self._session)

    @cached_property
    def citizens(self) -> FakeCitizenRepository:
        return FakeCitizenRepository(self._session)

    @cached_property
    def notices(self) -> FakeNoticeOutbox:
        return FakeNoticeOutbox(self._session)

    @cached_property
    def queue(self) -> FakeFeedbackQueue:
        return FakeFeedbackQueue(self._session)

    @cached_property
    def units(self) -> FakeUnitRepository:
        return FakeUnitRepository(self._session)

    @cached_property
    def officers(self) -> FakeOfficerRepository:
        return FakeOfficerRepository(self._session)

    @cached_property
    def officer_messages(self) -> FakeOfficerOutbox:
        return FakeOfficerOutbox(self._session)

    @cached_property
    def data_views(self) -> FakeDataViewLog:
        return FakeDataViewLog(self._session)

    @cached_property
    def leases(self) -> FakeJobLeases:
        return FakeJobLeases(self._session)

    @cached_property
    def held_notices(self) -> FakeHeldNotices:
        return FakeHeldNotices(self._session)

    @cached_property
    def api_keys(self) -> FakeApiKeyRepository:
        return FakeApiKeyRepository(self._session)

    @cached_property
    def deletion_requests(self) -> FakeDeletionRequests:
        return FakeDeletionRequests(self._session)

    @cached_property
    def web_attempts(self) -> FakeWebAttempts:
        return FakeWebAttempts(self._session)

    async def commit(self) -> None:
        self._session.commit()

    async def rollback(self) -> None:
        self._session.rollback()


def _satisfies_the_services_protocols(database: FakeDatabase) -> None:
    """Never called: mypy checks that the fake is each service's unit of work."""
    feedback: FeedbackUnitOfWork = FakeUnitOfWork(database)
    access: AccessUnitOfWork = FakeUnitOfWork(database)
    data_views: DataViewsUnitOfWork = FakeUnitOfWork(database)
    scheduled_jobs: ScheduledJobsUnitOfWork = FakeUnitOfWork(database)
    api_keys: ApiKeyUnitOfWork = FakeUnitOfWork(database)
    personal_data: PersonalDataUnitOfWork = FakeUnitOfWork(database)
    del feedback, access, data_views, scheduled_jobs, api_keys, personal_data
