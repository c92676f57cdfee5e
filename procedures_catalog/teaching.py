"""The agency teaches search: record what found no confident answer, map it, and publish the mapping."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from procedures_catalog.lessons import (
    InvalidLesson,
    Lesson,
    UnansweredGroup,
    UnansweredReason,
    group_key,
    lesson,
    scrub,
    synonyms_file,
)
from procedures_catalog.ports import CatalogUnitOfWork
from procedures_catalog.procedure_code import short_code
from procedures_catalog.search import SearchFilters, SearchResult
from procedures_catalog.services import Catalog

UnitOfWorkFactory = Callable[[], CatalogUnitOfWork]
MAX_CHANNEL = 32


@dataclass(frozen=True)
class UnansweredQuery:
    """A query to keep for the agency, as it is kept: the text without phone numbers or e-mail addresses, its
    group, the channel and the time; never who asked."""

    text: str
    group: str
    channel: str
    reason: UnansweredReason
    at: datetime


def unanswered_query(
    text: str, channel: str, at: datetime, reason: UnansweredReason = UnansweredReason.NOT_CONFIDENT
) -> UnansweredQuery | None:
    """The query as it is kept; None when nothing is left of it to group by (only a phone number)."""
    cleaned = scrub(text)
    group = group_key(cleaned)
    if not group:
        return None
    return UnansweredQuery(cleaned, group, channel[:MAX_CHANNEL], reason, at)


class SearchTeaching:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog

    async def search(
        self, text: str, channel: str, at: datetime, *, limit: int = 10, filters: SearchFilters | None = None
    ) -> SearchResult:
        """`Catalog.search` with what the agency taught so far, keeping the query when it found no confident
        answer. A filtered search is not kept: what failed there may be the filter, not the words."""
        result = await self.look_up(text, at, limit=limit, filters=filters)
        if (query := self.kept_of(text, result, channel, at, filters)) is not None:
            await self.keep(query)
        return result

    async def look_up(
        self, text: str, at: datetime, *, limit: int = 10, filters: SearchFilters | None = None
    ) -> SearchResult:
        """`Catalog.search` with what the agency taught so far (on any instance), keeping nothing."""
        await self._catalog.refresh_lessons(at)
        return self._catalog.search(text, limit=limit, filters=filters)

    @staticmethod
    def kept_of(
        text: str, result: SearchResult, channel: str, at: datetime, filters: SearchFilters | None = None
    ) -> UnansweredQuery | None:
        """What `search` keeps of a query that found `result`: one with no confident answer, unfiltered."""
        unfiltered = filters is None or filters == SearchFilters()
        if result.confident or result.by_code or not unfiltered:
            return None
        return unanswered_query(text, channel, at)

    async def record_unanswered(
        self, text: str, channel: str, at: datetime, reason: UnansweredReason = UnansweredReason.NOT_CONFIDENT
    ) -> None:
        """Keep a query that got no confident answer, or after which the citizen searched again.

        Only the text (phone numbers and e-mail addresses removed), the channel ("api", "web",
        "telegram"…) and the time are kept: never who asked.
        """
        if (query := unanswered_query(text, channel, at, reason)) is not None:
            await self.keep(query)

    async def keep(self, query: UnansweredQuery) -> None:
        """Keep it in a transaction of its own (the dialogue keeps its own in the turn's)."""
        async with self._uow_factory() as uow:
            await uow.search_lessons.add_unanswered(query.text, query.group, query.channel, query.reason, query.at)
            await uow.commit()

    async def unanswered(self, limit: int = 200) -> list[UnansweredGroup]:
        """Recorded queries grouped by their words (accents and case aside), most frequent first."""
        async with self._uow_factory() as uow:
            return await uow.search_lessons.unanswered_groups(limit)

    async def teach(
        self,
        phrase: str,
        *,
        by: str,
        at: datetime,
        procedure_code: str | None = None,
        expansion: str | None = None,
        answers: str | None = None,
    ) -> Lesson:
        """Map `phrase` to a procedure (its name becomes the expansion) or to an official wording.

        The lesson is kept with who taught it and when; the phrase's group, and the group `answers` names
        (the unanswered query the administrator shortened into `phrase`), leave the unanswered list; this
        instance rebuilds its index at once, the others within LESSONS_CHECK_INTERVAL.
        """
        if procedure_code:
            entry = self._catalog.index.get(procedure_code)
            if entry is None:
                raise InvalidLesson(f"Không có thủ tục mã {procedure_code.strip()}.")
            expansion, procedure_code = entry.name, entry.code
        item = lesson(phrase, expansion or "", procedure_code, by, at)
        async with self._uow_factory() as uow:
            await uow.search_lessons.add_lesson(item)
            for group in {group_key(item.phrase), answers or ""} - {""}:
                await uow.search_lessons.forget_group(group)
            await uow.commit()
        await self._catalog.refresh_lessons(at, force=True)
        return item

    async def teach_target(
        self, phrase: str, target: str, *, by: str, at: datetime, answers: str | None = None
    ) -> Lesson:
        """`teach` from one field: a procedure code maps to that procedure, anything else is the wording."""
        if short_code(target) is not None:
            return await self.teach(phrase, by=by, at=at, procedure_code=target, answers=answers)
        return await self.teach(phrase, by=by, at=at, expansion=target, answers=answers)

    async def dismiss(self, group: str) -> None:
        """Take a group off the unanswered list without teaching anything (nonsense, a test, a greeting)."""
        async with self._uow_factory() as uow:
            await uow.search_lessons.forget_group(group)
            await uow.commit()

    async def lessons(self) -> list[Lesson]:
        """What the agency taught, oldest first, with who taught it and when."""
        async with self._uow_factory() as uow:
            return await uow.search_lessons.lessons()

    async def synonyms_export(self) -> str:
        async with self._uow_factory() as uow:
            return synonyms_file(await uow.search_lessons.lessons())
