"""Search results as the message a citizen reads: a short numbered list, paged, or suggestions."""

from __future__ import annotations

import html
from dataclasses import dataclass

from bot import texts
from procedures_catalog.procedure_code import short_code
from procedures_catalog.search import Hit, SearchResult

PAGE_SIZE = 5
_LISTED_NAME = 200  # some official names run to 600 characters: the card has them whole
_QUOTED_QUERY = 80  # a pasted paragraph is echoed shortened, never past Telegram's limit
MAX_RESULTS = 30  # six pages: past that, rephrasing finds it faster than scrolling


@dataclass(frozen=True)
class ListedProcedure:
    number: int
    code: str
    name: str


@dataclass(frozen=True)
class ResultsView:
    text: str  # Telegram HTML
    items: tuple[ListedProcedure, ...]  # one button each
    previous_page: int | None = None
    next_page: int | None = None


def _shortened(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"


def _item(number: int, hit: Hit) -> str:
    entry = hit.entry
    level = html.escape(entry.level) if entry.level else texts.LEVEL_UNKNOWN
    name = html.escape(_shortened(entry.name, _LISTED_NAME))
    return texts.RESULT_ITEM.format(number=number, name=name, code=html.escape(entry.code), level=level)


def _listed(hits: tuple[Hit, ...], first_number: int) -> tuple[ListedProcedure, ...]:
    return tuple(
        ListedProcedure(number, hit.entry.code, hit.entry.name) for number, hit in enumerate(hits, start=first_number)
    )


def _numbered(hits: tuple[Hit, ...], first_number: int) -> str:
    return "\n".join(_item(number, hit) for number, hit in enumerate(hits, start=first_number))


def results_view(result: SearchResult, page: int = 1) -> ResultsView:
    """Page `page` (from 1) of confident hits; otherwise a no-match answer with suggestions."""
    query = html.escape(_shortened(result.query.strip(), _QUOTED_QUERY))
    if not result.confident:
        if short_code(result.query) is not None:
            return ResultsView(texts.CODE_NOT_FOUND.format(code=query), ())
        parts = [texts.NO_MATCH.format(query=query)]
        if result.suggestions:
            parts.append(texts.SUGGESTIONS_HEADER + "\n" + _numbered(result.suggestions, 1))
        parts.append(texts.REPHRASE_HINT)
        return ResultsView("\n\n".join(parts), _listed(result.suggestions, 1))

    pages = max(1, -(-len(result.hits) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    start = (page - 1) * PAGE_SIZE
    shown = result.hits[start : start + PAGE_SIZE]
    header = texts.RESULTS_HEADER.format(query=query)
    if pages > 1:
        header += " " + texts.RESULTS_PAGE.format(first=start + 1, last=start + len(shown))
    text = "\n\n".join((header, _numbered(shown, start + 1), texts.RESULTS_CHOOSE))
    return ResultsView(
        text,
        _listed(shown, start + 1),
        previous_page=page - 1 if page > 1 else None,
        next_page=page + 1 if page < pages else None,
    )
