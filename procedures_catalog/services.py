"""The catalog's read side, shared by every channel (bot, web, CLI)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from procedures_catalog.lessons import with_lessons
from procedures_catalog.model import Procedure
from procedures_catalog.pointers import PointerTable
from procedures_catalog.ports import CatalogUnitOfWork
from procedures_catalog.procedure_code import short_code
from procedures_catalog.search import SearchFilters, SearchIndex, SearchResult
from procedures_catalog.synonyms import SynonymTable

UnitOfWorkFactory = Callable[[], CatalogUnitOfWork]
# How often an instance asks the database whether the agency taught search something new.
LESSONS_CHECK_INTERVAL = timedelta(seconds=5)


class Catalog:
    """Search over an in-memory index; cards read from storage on demand."""

    def __init__(self, index: SearchIndex, uow_factory: UnitOfWorkFactory) -> None:
        self.index = index
        self._uow_factory = uow_factory
        self._base_synonyms = index.synonyms.entries()
        self._lessons_version: tuple[int, int] = (0, 0)
        self._lessons_checked_at: datetime | None = None

    @classmethod
    async def load(
        cls,
        uow_factory: UnitOfWorkFactory,
        synonyms: SynonymTable | None = None,
        pointers: PointerTable | None = None,
    ) -> Catalog:
        async with uow_factory() as uow:
            entries = await uow.procedures.list_index_entries()
        return cls(SearchIndex.build(entries, synonyms, pointers), uow_factory)

    def search(self, query: str, *, limit: int = 10, filters: SearchFilters | None = None) -> SearchResult:
        """Procedures for a citizen's words; see SearchResult for what a channel shows."""
        return self.index.search(query, limit=limit, filters=filters)

    async def refresh_lessons(self, now: datetime, *, force: bool = False) -> bool:
        """Pick up what the agency taught on any instance; at most one cheap query per interval.

        Returns whether the index was rebuilt. Call it before searching (the web API does), or
        from a loop every few seconds.
        """
        if (
            not force
            and self._lessons_checked_at is not None
            and now - self._lessons_checked_at < LESSONS_CHECK_INTERVAL
        ):
            return False
        self._lessons_checked_at = now
        async with self._uow_factory() as uow:
            version = await uow.search_lessons.lessons_version()
            if version == self._lessons_version:
                return False
            lessons = await uow.search_lessons.lessons()
        self.index = self.index.with_synonyms(with_lessons(self._base_synonyms, lessons))
        self._lessons_version = version
        return True

    async def get(self, code: str) -> Procedure | None:
        """The procedure with this code; a full provincial code finds its national one."""
        async with self._uow_factory() as uow:
            procedure = await uow.procedures.get(code.strip())
            if procedure is None and (short := short_code(code)) is not None:
                procedure = await uow.procedures.get(short)
        return procedure
