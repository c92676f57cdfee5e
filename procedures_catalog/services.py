"""The catalog's read side, shared by every channel (bot, web, CLI)."""

from __future__ import annotations

from collections.abc import Callable

from procedures_catalog.model import Procedure
from procedures_catalog.pointers import PointerTable
from procedures_catalog.ports import CatalogUnitOfWork
from procedures_catalog.procedure_code import short_code
from procedures_catalog.search import SearchFilters, SearchIndex, SearchResult
from procedures_catalog.synonyms import SynonymTable

UnitOfWorkFactory = Callable[[], CatalogUnitOfWork]


class Catalog:
    """Search over an in-memory index; cards read from storage on demand."""

    def __init__(self, index: SearchIndex, uow_factory: UnitOfWorkFactory) -> None:
        self.index = index
        self._uow_factory = uow_factory

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

    async def get(self, code: str) -> Procedure | None:
        """The procedure with this code; a full provincial code finds its national one."""
        async with self._uow_factory() as uow:
            procedure = await uow.procedures.get(code.strip())
            if procedure is None and (short := short_code(code)) is not None:
                procedure = await uow.procedures.get(short)
        return procedure
