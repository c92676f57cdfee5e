"""What the catalog services need from storage, as protocols: storage/ provides them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from procedures_catalog.lessons import Lesson, UnansweredGroup, UnansweredReason
from procedures_catalog.model import IndexEntry, Procedure


@dataclass(frozen=True)
class UpsertCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


class ProcedureRepository(Protocol):
    async def get(self, code: str) -> Procedure | None: ...

    async def list_index_entries(self) -> list[IndexEntry]: ...

    async def count(self) -> int: ...

    async def upsert(self, procedures: Sequence[Procedure]) -> UpsertCounts: ...


class SearchLessonRepository(Protocol):
    async def add_unanswered(
        self, text: str, group: str, channel: str, reason: UnansweredReason, at: datetime
    ) -> None: ...

    async def unanswered_groups(self, limit: int) -> list[UnansweredGroup]: ...

    async def forget_group(self, group: str) -> None: ...

    async def add_lesson(self, lesson: Lesson) -> None: ...

    async def lessons(self) -> list[Lesson]: ...

    async def lessons_version(self) -> tuple[int, int]: ...


class CatalogUnitOfWork(Protocol):
    """One transaction: rolled back on exit unless `commit()` was awaited."""

    @property
    def procedures(self) -> ProcedureRepository: ...

    @property
    def search_lessons(self) -> SearchLessonRepository: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...
