"""A procedure as a Telegram HTML card, split into pages that Telegram accepts.

Pure: no Telegram I/O. Every catalog string is escaped here and nowhere else.

Why pages with buttons rather than consecutive messages: the longest procedures run to tens of
thousands of characters (documents lists of 50 kB exist). Sent as a burst of messages they
scroll the search results, and the card's own summary, off a phone's screen, and every later
card adds another wall. One message paged in place keeps the chat short, keeps the summary
(time, fees, where to apply, online service) on page 1 where a citizen looks first, and leaves
the list of results just above it.

The page limit is counted on the raw HTML in UTF-16 code units, which is never less than what
Telegram counts after parsing, so a page can never be "message is too long".
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bot import texts
from procedures_catalog.model import OnlineLevel, Procedure

PAGE_LIMIT = 4096
_SECTION_BREAK = "\n\n"
_LINE_BREAK = "\n"
_SHORT_NAME = 80
_TOKEN = re.compile(r"<[^>]*>|&#?[0-9A-Za-z]+;|\s+|[^<&\s]+|.", re.DOTALL)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def _size(fragment: str) -> int:
    """Length as Telegram counts it: characters outside the BMP count twice."""
    return len(fragment) + sum(1 for char in fragment if ord(char) > 0xFFFF)


@dataclass(frozen=True)
class _Section:
    heading: str | None  # kept with the first block, repeated "(tiếp)" on a new page
    blocks: tuple[str, ...]  # balanced HTML fragments: lines and list items


# --- rendering ----------------------------------------------------------------------------


def _value(text: str | None) -> str:
    return escape(text.strip()) if text and text.strip() else f"<i>{texts.NO_INFORMATION}</i>"


def _line(label: str, value: str) -> str:
    return f"<b>{label}:</b> {value}"


def _online(level: OnlineLevel | None) -> str:
    match level:
        case OnlineLevel.FULL:
            return texts.ONLINE_FULL
        case OnlineLevel.PARTIAL:
            return texts.ONLINE_PARTIAL
        case _:
            return texts.ONLINE_NONE


def _list(heading: str, items: tuple[str, ...], numbered: bool) -> _Section:
    cleaned = [item.strip() for item in items if item and item.strip()]
    if not cleaned:
        return _Section(f"<b>{heading}</b>", (f"<i>{texts.NO_INFORMATION}</i>",))
    marks = [f"{n}." for n in range(1, len(cleaned) + 1)] if numbered else ["•"] * len(cleaned)
    return _Section(
        f"<b>{heading}</b>", tuple(f"{mark} {escape(item)}" for mark, item in zip(marks, cleaned, strict=True))
    )


def _sections(procedure: Procedure, share_link: str | None) -> list[_Section]:
    overview = [
        f"📄 <b>{escape(procedure.name)}</b>",
        _line(texts.CARD_CODE, f"<code>{escape(procedure.code)}</code>"),
        _line(texts.CARD_LEVEL, _value(procedure.level)),
        _line(texts.CARD_FIELD, _value(procedure.field)),
        _line(texts.CARD_AGENCY, _value(procedure.agency)),
        _line(texts.CARD_TIME, _value(procedure.processing_time)),
        _line(texts.CARD_FEES, _value(procedure.fees)),
        _line(texts.CARD_ONLINE, _online(procedure.online)),
    ]
    if procedure.source and procedure.source.startswith(("https://", "http://")):
        source = escape(procedure.source)
        overview.append(_line(texts.CARD_SOURCE, f'<a href="{source}">{source}</a>'))
    if share_link:
        overview.append(_line(texts.CARD_SHARE, escape(share_link)))
    return [
        _Section(None, tuple(overview)),
        _list(texts.CARD_DOCUMENTS, procedure.documents, numbered=True),
        _list(texts.CARD_STEPS, procedure.steps, numbered=True),
        _list(texts.CARD_LEGAL_BASIS, procedure.legal_basis, numbered=False),
    ]


def short_name(name: str) -> str:
    """A name cut at a word to fit a header or a share message."""
    if len(name) <= _SHORT_NAME:
        return name
    cut = name[:_SHORT_NAME].rsplit(" ", 1)[0]
    return cut + "…"


def _continuation_header(procedure: Procedure, page: int, pages: int) -> str:
    return texts.CARD_CONTINUATION_HEADER.format(
        name=escape(short_name(procedure.name)), code=escape(procedure.code), page=page, pages=pages
    )


def card_pages(procedure: Procedure, *, share_link: str | None = None, limit: int = PAGE_LIMIT) -> tuple[str, ...]:
    """The card as pages of Telegram HTML, each at most `limit` UTF-16 units of raw HTML.

    Pages after the first start with the procedure's name and the page number, so a page
    read on its own still says what it is about.
    """
    reserve = _size(_continuation_header(procedure, 9999, 9999) + _SECTION_BREAK)
    bodies = paginate(_sections(procedure, share_link), limit - reserve)
    if len(bodies) == 1:
        return tuple(bodies)
    return tuple(
        body if page == 1 else _continuation_header(procedure, page, len(bodies)) + _SECTION_BREAK + body
        for page, body in enumerate(bodies, start=1)
    )


# --- pagination ---------------------------------------------------------------------------


def paginate(sections: list[_Section], limit: int) -> list[str]:
    """Pack sections into pages: whole sections where they fit, else block by block.

    A section that does not fit on the current page starts a new one when it fits there whole;
    otherwise it is split between blocks, its heading repeated "(tiếp)" on the next page. A
    block longer than a page is split at word boundaries by split_html.
    """
    pages: list[str] = []
    current = ""

    def add(fragment: str, separator: str) -> bool:
        nonlocal current
        candidate = current + separator + fragment if current else fragment
        if _size(candidate) > limit:
            return False
        current = candidate
        return True

    def new_page() -> None:
        nonlocal current
        if current:
            pages.append(current)
        current = ""

    for section in sections:
        whole = _LINE_BREAK.join(([section.heading] if section.heading else []) + list(section.blocks))
        if add(whole, _SECTION_BREAK):
            continue
        if current and _size(whole) <= limit:
            new_page()
            add(whole, _SECTION_BREAK)
            continue
        for index, block in enumerate(section.blocks):
            separator = _SECTION_BREAK if index == 0 else _LINE_BREAK
            heading = section.heading if index == 0 else None
            unit = heading + _LINE_BREAK + block if heading else block
            if add(unit, separator):
                continue
            new_page()
            if section.heading:
                heading = section.heading + ("" if index == 0 else " " + texts.CARD_CONTINUED)
            lead = heading + _LINE_BREAK if heading else ""
            if add(lead + block, ""):
                continue
            pieces = split_html(block, limit - _size(lead))
            for piece in pieces[:-1]:
                pages.append(lead + piece)
                lead = ""
            current = lead + pieces[-1]
    new_page()
    return pages or [""]


def _tag_name(tag: str) -> str:
    match = _TAG_NAME.match(tag)
    return match.group(1).lower() if match else ""


def _closing(stack: list[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _words(fragment: str) -> list[tuple[str, list[str]]]:
    """The fragment as (whitespace before, tokens of the word) pairs; tags belong to words."""
    words: list[tuple[str, list[str]]] = []
    space = ""
    word: list[str] = []
    for token in _TOKEN.findall(fragment):
        if token.isspace():
            if word:
                words.append((space, word))
                word = []
                space = token
            else:
                space += token
        else:
            word.append(token)
    if word or space:
        words.append((space, word))
    return words


def split_html(fragment: str, limit: int) -> list[str]:
    """Split balanced HTML into pieces of at most `limit` UTF-16 units.

    Cuts at whitespace, never inside a tag or an entity; tags open at a cut are closed at the
    end of the piece and reopened at the start of the next. Only a word longer than a whole
    piece is cut inside, between characters.
    """
    pieces: list[str] = []
    stack: list[tuple[str, str]] = []  # (name, opening tag) of the tags open so far
    current = ""

    def apply(token: str) -> None:
        if token.startswith("</"):
            if stack:
                stack.pop()
        elif token.startswith("<"):
            stack.append((_tag_name(token), token))

    def fits(text: str, open_tags: list[tuple[str, str]]) -> bool:
        return _size(text + _closing(open_tags)) <= limit

    def cut() -> None:
        nonlocal current
        pieces.append(current + _closing(stack))
        current = "".join(tag for _, tag in stack)

    for space, word in _words(fragment):
        after = list(stack)
        for token in word:
            if token.startswith("</"):
                if after:
                    after.pop()
            elif token.startswith("<"):
                after.append((_tag_name(token), token))
        reopened = "".join(tag for _, tag in stack)
        joined = "".join(word)
        if fits(current + space + joined, after):
            current += space + joined
            for token in word:
                apply(token)
            continue
        if current != reopened:
            cut()
            if fits(current + joined, after):
                current += joined
                for token in word:
                    apply(token)
                continue
        # A word longer than a piece: cut it between tokens, a long text token between characters.
        for token in word:
            units = [token] if token.startswith(("<", "&")) else list(token)
            for unit in units:
                trial = list(stack)
                if unit.startswith("</"):
                    trial = trial[:-1]
                elif unit.startswith("<"):
                    trial.append((_tag_name(unit), unit))
                if not fits(current + unit, trial) and current != "".join(tag for _, tag in stack):
                    cut()
                current += unit
                apply(unit)
    if current and current != "".join(tag for _, tag in stack):
        pieces.append(current + _closing(stack))
    return pieces or [fragment]
