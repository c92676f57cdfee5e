"""What an inline button asks for, encoded into Telegram's callback_data (at most 64 bytes).

Formats, one letter for the kind and `:` between fields:

    o:<code>              open a procedure's card as a new message
    p:<code>:<page>       show another page of a card, in place
    s:<search>:<page>     show another page of search results (the query stays in user_data)
    m:<entry>             a main-menu entry

Codes may be up to 64 characters (provincial forms like "1.001193.000.00.00.H12"), so a code
that would not fit is replaced by `#` and a short digest, remembered in a CodeBook kept in
bot_data. The digest is deterministic: the same code always gets the same key, so the book
holds at most one key per long code of the catalog.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

MAX_BYTES = 64
_SEPARATOR = ":"
_DIGEST_MARK = "#"


@dataclass(frozen=True)
class OpenCard:
    code: str


@dataclass(frozen=True)
class CardPage:
    code: str
    page: int


@dataclass(frozen=True)
class ResultsPage:
    search_id: str
    page: int


@dataclass(frozen=True)
class MenuChoice:
    entry: str


Action = OpenCard | CardPage | ResultsPage | MenuChoice


class CodeBook:
    """Codes too long for callback data, by their short digest key."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def key(self, code: str) -> str:
        digest = base64.urlsafe_b64encode(hashlib.sha256(code.encode("utf-8")).digest()[:9]).decode("ascii")
        self._codes[digest] = code
        return digest

    def code(self, key: str) -> str | None:
        return self._codes.get(key)


def _fits(data: str) -> bool:
    return len(data.encode("utf-8")) <= MAX_BYTES


def _with_code(kind: str, code: str, rest: tuple[str, ...], codes: CodeBook) -> str:
    data = _SEPARATOR.join((kind, code, *rest))
    if _fits(data) and _SEPARATOR not in code and not code.startswith(_DIGEST_MARK):
        return data
    return _SEPARATOR.join((kind, _DIGEST_MARK + codes.key(code), *rest))


def encode(action: Action, codes: CodeBook) -> str:
    """The callback data for an action; always within Telegram's 64 bytes."""
    match action:
        case OpenCard(code):
            data = _with_code("o", code, (), codes)
        case CardPage(code, page):
            data = _with_code("p", code, (str(page),), codes)
        case ResultsPage(search_id, page):
            data = _SEPARATOR.join(("s", search_id, str(page)))
        case MenuChoice(entry):
            data = _SEPARATOR.join(("m", entry))
    if not _fits(data):
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def _code(field: str, codes: CodeBook) -> str | None:
    return codes.code(field[1:]) if field.startswith(_DIGEST_MARK) else field


def _page(field: str) -> int | None:
    return int(field) if field.isdecimal() and int(field) >= 1 else None


def decode(data: str, codes: CodeBook) -> Action | None:
    """The action behind callback data; None when it is malformed or refers to a forgotten code."""
    kind, _, rest = data.partition(_SEPARATOR)
    fields = rest.split(_SEPARATOR)
    match kind, fields:
        case "o", [code_field] if code_field:
            code = _code(code_field, codes)
            return OpenCard(code) if code else None
        case "p", [code_field, page_field] if code_field:
            code, page = _code(code_field, codes), _page(page_field)
            return CardPage(code, page) if code and page else None
        case "s", [search_id, page_field] if search_id:
            page = _page(page_field)
            return ResultsPage(search_id, page) if page else None
        case "m", [entry] if entry:
            return MenuChoice(entry)
    return None


def pattern(kind: type[OpenCard | CardPage | ResultsPage | MenuChoice]) -> str:
    """A regular expression for CallbackQueryHandler that selects one kind of action."""
    letter = {OpenCard: "o", CardPage: "p", ResultsPage: "s", MenuChoice: "m"}[kind]
    return f"^{letter}{_SEPARATOR}"


def menu_pattern(entry: str) -> str:
    """A regular expression for CallbackQueryHandler that selects one main-menu entry."""
    return f"^m{_SEPARATOR}{entry}$"
