"""The unit layer runs on the fake storage (tests/fakes): `uow_factory` here is the fake one, and a unit test
that asks for a real database (an engine, a session factory, a database URL) fails instead of quietly
migrating one through tests/conftest.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest

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
