"""Search results as a reply: a short numbered list with a choice per procedure, paged, or suggestions;
with the engine's pointer for matters no commune or province handles and its «did you mean», as the portal
shows them.

Each page numbers its procedures from 1, like its choices: on a channel without buttons, "2" typed picks
the second procedure listed, whatever the page. Choice ids carry a procedure's code (`lk:c:1.001193`) or
a search's short id and a page (`lk:p:3:2`), never the words typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialogue import texts
from dialogue.replies import MAX_CHOICE_ID_BYTES, Button, Choice
from dialogue.rich_text import escape
from dialogue.router import choice_id
from procedures_catalog.procedure_code import short_code
from procedures_catalog.search import Hit, SearchResult

PREFIX = "lk"
OPEN_CARD = "c"  # lk:c:<code>
CARD_MORE = "k"  # lk:k:<code>:<part>: the rest of a long card, from that part
RESULTS_PAGE = "p"  # lk:p:<search id>:<page>
DID_YOU_MEAN = "m"  # lk:m:<search id>: search what the engine read instead
MENU = "menu"  # lk:menu: the main menu's entry

PAGE_SIZE = 5
MAX_RESULTS = 30  # six pages: past that, rephrasing finds it faster than scrolling
_LISTED_NAME = 200  # some official names run to 600 characters: the card has them whole
_QUOTED_QUERY = 80  # a pasted paragraph is echoed shortened
_LABEL_LENGTH = 56  # a button's label is one line on a phone


@dataclass(frozen=True)
class ResultsView:
    text: str
    buttons: tuple[tuple[Button, ...], ...]


def shortened(text: str, length: int) -> str:
    """`text` cut at a word to at most about `length` characters."""
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"


def card_choice(code: str, label: str) -> Choice | None:
    """The choice that opens a procedure's card; None for a code too long for an id (none in the catalog)."""
    identifier = choice_id(PREFIX, OPEN_CARD, code)
    if not identifier.isascii() or len(identifier.encode()) > MAX_CHOICE_ID_BYTES:
        return None
    return Choice(identifier, shortened(label, _LABEL_LENGTH))


def _listed(hits: tuple[Hit, ...]) -> list[tuple[Hit, Choice]]:
    """The hits a choice can open, each with its choice."""
    return [(hit, choice) for hit in hits if (choice := card_choice(hit.entry.code, hit.entry.name)) is not None]


def _item(number: int, hit: Hit) -> str:
    entry = hit.entry
    level = escape(entry.level) if entry.level else texts.LEVEL_UNKNOWN
    name = escape(shortened(entry.name, _LISTED_NAME))
    return texts.RESULT_ITEM.format(number=number, name=name, code=escape(entry.code), level=level)


def _numbered(listed: list[tuple[Hit, Choice]]) -> str:
    return "\n".join(_item(number, hit) for number, (hit, _) in enumerate(listed, start=1))


def _notes(result: SearchResult, search_id: str) -> tuple[list[str], list[Choice]]:
    """The pointer and the «did you mean» above the list, and the choice that searches what was meant."""
    notes: list[str] = []
    choices: list[Choice] = []
    if result.pointer is not None:
        notes.append(texts.POINTER.format(text=escape(result.pointer.text)))
    if result.did_you_mean:
        meant = shortened(result.did_you_mean, _QUOTED_QUERY)
        notes.append(texts.DID_YOU_MEAN.format(query=escape(meant)))
        label = texts.CHOICE_DID_YOU_MEAN.format(query=shortened(result.did_you_mean, _LABEL_LENGTH - 8))
        choices.append(Choice(choice_id(PREFIX, DID_YOU_MEAN, search_id), label))
    return notes, choices


def results_view(result: SearchResult, search_id: str, page: int = 1) -> ResultsView:
    """Page `page` (from 1, clamped) of the confident hits; otherwise the no-match answer with suggestions."""
    query = escape(shortened(result.query.strip(), _QUOTED_QUERY))
    notes, meant = _notes(result, search_id)
    if not result.confident:
        if short_code(result.query) is not None:
            return ResultsView(texts.CODE_NOT_FOUND.format(code=query), ())
        suggested = _listed(result.suggestions)
        parts = [*notes, texts.NO_MATCH.format(query=query)]
        if suggested:
            parts.append(texts.SUGGESTIONS_HEADER + "\n" + _numbered(suggested))
        parts.append(texts.REPHRASE_HINT)
        offered = [(choice,) for _, choice in suggested] + [(choice,) for choice in meant]
        return ResultsView("\n\n".join(parts), tuple(offered))

    listed = _listed(result.hits)
    pages = max(1, -(-len(listed) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    start = (page - 1) * PAGE_SIZE
    shown = listed[start : start + PAGE_SIZE]
    header = texts.RESULTS_HEADER.format(query=query)
    if pages > 1:
        header += " " + texts.RESULTS_PAGE.format(first=start + 1, last=start + len(shown))
    text = "\n\n".join((*notes, header, _numbered(shown), texts.RESULTS_CHOOSE))
    rows: list[tuple[Button, ...]] = [(choice,) for _, choice in shown]
    rows.extend((choice,) for choice in meant)
    paging: list[Button] = []
    if page > 1:
        paging.append(Choice(choice_id(PREFIX, RESULTS_PAGE, search_id, page - 1), texts.CHOICE_PREVIOUS))
    if page < pages:
        paging.append(Choice(choice_id(PREFIX, RESULTS_PAGE, search_id, page + 1), texts.CHOICE_MORE))
    if paging:
        rows.append(tuple(paging))
    return ResultsView(text, tuple(rows))
