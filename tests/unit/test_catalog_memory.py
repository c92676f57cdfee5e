"""The catalog keeps in memory what every channel asks again and again: a procedure read for its card, and
the results of a query; what the agency teaches search drops the results kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Self

from procedures_catalog.lessons import Lesson
from procedures_catalog.model import IndexEntry, Procedure
from procedures_catalog.search import SearchIndex
from procedures_catalog.services import Catalog

BIRTH = Procedure("1.001193", "Thủ tục đăng ký khai sinh", "Cấp xã")
STAY = Procedure("2.001159", "Thông báo lưu trú", "Cấp xã")
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


class Storage:
    """What the catalog reads, counting the reads."""

    def __init__(self) -> None:
        self.procedures = {BIRTH.code: BIRTH, STAY.code: STAY}
        self.lessons: list[Lesson] = []
        self.reads = 0

    def uow(self) -> Work:
        return Work(self)


class Work:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self.procedures = self
        self.search_lessons = self

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    async def get(self, code: str) -> Procedure | None:
        self._storage.reads += 1
        return self._storage.procedures.get(code)

    async def lessons_version(self) -> tuple[int, int]:
        return (len(self._storage.lessons), len(self._storage.lessons))

    async def lessons(self) -> list[Lesson]:
        return list(self._storage.lessons)


def catalog(storage: Storage) -> Catalog:
    index = SearchIndex.build([IndexEntry.of(procedure) for procedure in storage.procedures.values()])
    return Catalog(index, storage.uow)  # type: ignore[arg-type]


async def test_a_procedure_is_read_from_storage_once_for_many_cards() -> None:
    storage = Storage()
    cards = catalog(storage)
    assert await cards.get("1.001193") == BIRTH
    assert await cards.get(" 1.001193 ") == BIRTH
    assert storage.reads == 1
    assert await cards.get("9.999999") is None
    reads = storage.reads
    assert await cards.get("9.999999") is None
    assert storage.reads > reads  # a code that finds nothing is asked again: it may be imported meanwhile


def test_the_results_of_a_query_are_kept_per_query_and_limit() -> None:
    cards = catalog(Storage())
    first = cards.search("dang ky khai sinh", limit=5)
    assert first.hits[0].entry.code == "1.001193"
    assert cards.search("dang ky khai sinh", limit=5) is first
    assert cards.search("dang ky khai sinh", limit=1) is not first


async def test_what_the_agency_taught_drops_the_results_kept() -> None:
    storage = Storage()
    cards = catalog(storage)
    assert not cards.search("khach o homestay").confident
    storage.lessons.append(Lesson("khách ở homestay", "Thông báo lưu trú", "2.001159", "admin.huong", NOW))
    assert await cards.refresh_lessons(NOW + timedelta(seconds=6))
    assert cards.search("khach o homestay").hits[0].entry.code == "2.001159"
