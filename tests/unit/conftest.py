"""The unit layer runs on the fake storage (tests/fakes): `uow_factory` here is the fake one, and a unit test
that asks for a real database (an engine, a session factory, a database URL) fails instead of quietly
migrating one through tests/conftest.py."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from importlib import resources

import pytest

from procedures_catalog.model import IndexEntry
from procedures_catalog.search import SearchIndex
from procedures_catalog.synonyms import load_synonyms
from tests.fakes.database import FakeDatabase
from tests.fakes.unit_of_work import FakeUnitOfWork

_NO_DATABASE = "the unit layer has no database: use tests/fakes, or move the test to tests/integration"


@pytest.fixture
def database() -> FakeDatabase:
    return FakeDatabase()


@pytest.fixture
def uow_factory(database: FakeDatabase) -> Callable[[], FakeUnitOfWork]:
    return lambda: FakeUnitOfWork(database)


@pytest.fixture
def database_url() -> str:
    pytest.fail(_NO_DATABASE)


@pytest.fixture
def sqlite_url() -> str:
    pytest.fail(_NO_DATABASE)


@pytest.fixture
def postgres_url() -> str:
    pytest.fail(_NO_DATABASE)


@pytest.fixture
def engine() -> None:
    pytest.fail(_NO_DATABASE)


@pytest.fixture
def session_factory() -> None:
    pytest.fail(_NO_DATABASE)


@pytest.fixture(scope="session")
def catalog() -> SearchIndex:
    """The search index of the bundled real catalog with the bundled synonyms, built once for the session (the
    search tests only read it)."""
    data = resources.files("procedures_catalog").joinpath("data", "catalog.jsonl.gz").read_bytes()
    rows = [json.loads(line) for line in gzip.decompress(data).decode("utf-8").splitlines() if line.strip()]
    entries = [IndexEntry(r["code"], r["name"], r.get("level"), r.get("field"), r.get("agency")) for r in rows]
    return SearchIndex.build(entries, load_synonyms())
