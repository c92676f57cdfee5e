"""Citizens' requests to delete their personal data, in memory (what storage/deletion_requests.py does in SQL)."""

from __future__ import annotations

import dataclasses

from feedback.domain.model import CitizenRef
from feedback.service_layer.personal_data import DeletionRequest, RequestStatus
from tests.fakes.database import FakeSession


class FakeDeletionRequests:
    def __init__(self, session: FakeSession) -> None:
        self._session = session

    async def add(self, request: DeletionRequest) -> DeletionRequest:
        stored = dataclasses.replace(request, id=self._session.database.next_id())
        self._session.deletion_requests.put(stored.id or 0, stored)
        return stored

    async def get(self, request_id: int) -> DeletionRequest | None:
        return self._session.deletion_requests.get(request_id)

    async def pending(self, *, limit: int) -> list[DeletionRequest]:
        waiting = [r for r in self._session.deletion_requests.values() if r.status == RequestStatus.PENDING]
        return sorted(waiting, key=lambda request: (request.due_on, request.id or 0))[:limit]

    async def for_citizen(self, citizen: CitizenRef) -> list[DeletionRequest]:
        theirs = [request for request in self._session.deletion_requests.values() if request.citizen == citizen]
        return sorted(theirs, key=lambda request: (request.requested_at, request.id or 0), reverse=True)

    async def decide(self, request: DeletionRequest) -> bool:
        stored = self._session.deletion_requests.get(request.id or 0)
        if stored is None or stored.status != RequestStatus.PENDING:
            return False
        self._session.deletion_requests.put(request.id or 0, request)
        return True
