"""The composition root: storage, catalog and services built once from the settings."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from motcua.settings import Settings
from procedures_catalog.importing import import_catalog
from procedures_catalog.services import Catalog
from procedures_catalog.synonyms import load_synonyms
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork

log = logging.getLogger(__name__)


def bundled_catalog_path() -> Path:
    return Path(str(resources.files("procedures_catalog") / "data" / "catalog.jsonl.gz"))


@dataclass
class Services:
    engine: AsyncEngine
    uow_factory: Callable[[], SqlUnitOfWork]
    catalog: Catalog

    async def close(self) -> None:
        await self.engine.dispose()


async def open_storage(settings: Settings) -> tuple[AsyncEngine, Callable[[], SqlUnitOfWork]]:
    """An engine on an up-to-date schema: every command upgrades before it works."""
    engine = create_engine(settings.database_url)
    await upgrade(engine)
    session_factory = create_session_factory(engine)
    return engine, lambda: SqlUnitOfWork(session_factory)


async def import_bundled_catalog_if_empty(uow_factory: Callable[[], SqlUnitOfWork]) -> None:
    async with uow_factory() as uow:
        if await uow.procedures.count() > 0:
            return
    async with uow_factory() as uow:
        report = await import_catalog(bundled_catalog_path(), uow)
    log.info("bundled catalog imported", extra={"inserted": report.inserted, "bad_rows": len(report.bad_rows)})


async def bootstrap(settings: Settings) -> Services:
    engine, uow_factory = await open_storage(settings)
    await import_bundled_catalog_if_empty(uow_factory)
    catalog = await Catalog.load(uow_factory, load_synonyms(settings.synonyms_file))
    log.info("catalog loaded", extra={"procedures": len(catalog.index)})
    return Services(engine=engine, uow_factory=uow_factory, catalog=catalog)
