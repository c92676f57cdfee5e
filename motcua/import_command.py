"""`motcua import-catalog FILE`: upsert procedures from JSONL, CSV or XLSX."""

from __future__ import annotations

from pathlib import Path

from motcua import texts
from motcua.bootstrap import open_storage
from motcua.settings import Settings
from procedures_catalog.importing import UnsupportedCatalogFormat, import_catalog
from storage.unit_of_work import SqlUnitOfWork


async def import_file(settings: Settings, path: Path, *, skip_bad_rows: bool) -> int:
    if not path.is_file():
        print(texts.NO_SUCH_FILE.format(path=path))
        return 2
    engine, session_factory = await open_storage(settings)
    try:
        async with SqlUnitOfWork(session_factory) as uow:
            report = await import_catalog(path, uow, skip_bad_rows=skip_bad_rows)
    except UnsupportedCatalogFormat:
        print(texts.UNSUPPORTED_FORMAT.format(path=path))
        return 2
    finally:
        await engine.dispose()
    for bad in report.bad_rows:
        print(texts.describe_bad_row(bad))
    print(texts.describe_import(report))
    return 0 if report.applied else 1
