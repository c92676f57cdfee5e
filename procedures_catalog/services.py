"""The catalog's read side, shared by every channel (bot, web, CLI)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Generic, TypeVar

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
# What an instance keeps in memory, the most recently asked first: procedures read for a card (a card is
# opened far more often than the catalog is imported, which a running instance picks up at its next start
# like the search index), and search results (the same few queries come again and again).
CARDS_KEPT = 512
SEARCHES_KEPT = 1024


K = TypeVar("K")
V = TypeVar("V")


class _Recent(Generic[K, V]):
    """A bounded mapping that forgets the least recently used entry first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._entries.get(key)
        if value is not None:
            self._entries.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        if len(self._entries) > self._size:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()


class Catalog:
    """Search over an in-memory index; cards read from storage on demand."""

    def __init__(self, index: SearchIndex, uow_factory: UnitOfWorkFactory) -> None:
        self.index = index
        self._uow_factory = uow_factory
        self._base_synonyms = index.synonyms.entries()
        self._lessons_version: tuple[int, int] = (0, 0)
        self._lessons_checked_at: datetime | None = None
        self._procedures: _Recent[str, Procedure] = _Recent(CARDS_KEPT)
        self._searches: _Recent[tuple[str, int, SearchFilters | None], SearchResult] = _Recent(SEARCHES_KEPT)

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
        key = (query, limit, filters)
        result = self._searches.get(key)
        if result is None:
            result = self.index.search(query, limit=limit, filters=filters)
            self._searches.put(key, result)
        return result

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
        self._searches.clear()  # what was taught may change them
        self._lessons_version = version
        return True

    async def get(self, code: str) -> Procedure | None:
        """The procedure with this code; a full provincial code finds its national one."""
        code = code.strip()
        procedure = self._procedures.get(code)
        if procedure is not None:
            return procedure
        async with self._uow_factory() as uow:
            procedure = await uow.procedures.get(code)
            if procedure is None and (short := short_code(code)) is not None:
                procedure = await uow.procedures.get(short)
        if procedure is not None:
            self._procedures.put(code, procedure)
        return procedure
