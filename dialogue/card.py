"""A procedure's card in the dialogue's light formatting, as one reply or, when long, several.

Pure: every catalog string is escaped here and nowhere else. The longest procedures run to tens of
thousands of characters (documents lists of 50 kB exist), more than any messenger takes in one message: the
card is cut into parts at section boundaries (the summary, the documents, the steps, the legal basis), a
section longer than a part between its items, its heading repeated "(tiếp)". A part is measured as people
read it (the plain text) against the smallest limit of the channels, so no channel has to cut a part again
unless one item alone is longer; later parts start with the procedure's name, so each reads on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialogue import texts
from dialogue.rich_text import escape, to_plain
from procedures_catalog.model import OnlineLevel, Procedure

PART_LIMIT = 2000  # characters of plain text: Zalo's message limit, the smallest of the channels'
_SECTION_BREAK = "\n\n"
_LINE_BREAK = "\n"
_SHORT_NAME = 80


@dataclass(frozen=True)
class _Section:
    heading: str | None
    blocks: tuple[str, ...]  # balanced fragments: lines and list items


def short_name(name: str) -> str:
    """A name cut at a word to fit a header or a label."""
    if len(name) <= _SHORT_NAME:
        return name
    return name[:_SHORT_NAME].rsplit(" ", 1)[0] + "…"


def _value(text: str | None) -> str:
    return escape(text.strip()) if text and text.strip() else f"<i>{texts.CARD_NO_INFORMATION}</i>"


def _line(label: str, value: str) -> str:
    return f"<b>{label}:</b> {value}"


def _online(level: OnlineLevel | None) -> str:
    match level:
        case OnlineLevel.FULL:
            return texts.CARD_ONLINE_FULL
        case OnlineLevel.PARTIAL:
            return texts.CARD_ONLINE_PARTIAL
        case _:
            return texts.CARD_ONLINE_NONE


def _list(heading: str, items: tuple[str, ...], *, numbered: bool) -> _Section:
    cleaned = [item.strip() for item in items if item and item.strip()]
    if not cleaned:
        return _Section(f"<b>{heading}</b>", (f"<i>{texts.CARD_NO_INFORMATION}</i>",))
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


def _continuation_header(procedure: Procedure, part: int, parts: int) -> str:
    return texts.CARD_CONTINUATION_HEADER.format(
        name=escape(short_name(procedure.name)), code=escape(procedure.code), part=part, parts=parts
    )


def card_parts(procedure: Procedure, *, share_link: str | None = None, limit: int = PART_LIMIT) -> list[str]:
    """The card as one text or several, each at most `limit` characters as read (one longer item aside)."""
    reserve = _size(_continuation_header(procedure, 999, 999) + _SECTION_BREAK)
    bodies = _pack(_sections(procedure, share_link), limit - reserve)
    if len(bodies) == 1:
        return bodies
    return [
        body if part == 1 else _continuation_header(procedure, part, len(bodies)) + _SECTION_BREAK + body
        for part, body in enumerate(bodies, start=1)
    ]


def _size(fragment: str) -> int:
    return len(to_plain(fragment))


class _Parts:
    """Texts being filled: fragments are balanced, so a text's size is the sum of its fragments' sizes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.done: list[str] = []
        self.current: list[str] = []
        self.size = 0

    def fits(self, size: int, separator: str) -> bool:
        return not self.current or self.size + len(separator) + size <= self.limit

    def add(self, fragment: str, size: int, separator: str) -> None:
        if self.current:
            self.current.append(separator)
            self.size += len(separator)
        self.current.append(fragment)
        self.size += size

    def close(self) -> None:
        if self.current:
            self.done.append("".join(self.current))
        self.current, self.size = [], 0


def _pack(sections: list[_Section], limit: int) -> list[str]:
    """Whole sections where they fit, a section that does not fit starting a new part; a section longer
    than a part cut between its items, its heading repeated "(tiếp)" at the top of the next part."""
    parts = _Parts(limit)
    for section in sections:
        lines = ([section.heading] if section.heading else []) + list(section.blocks)
        whole = _LINE_BREAK.join(lines)
        size = _size(whole)
        if parts.fits(size, _SECTION_BREAK):
            parts.add(whole, size, _SECTION_BREAK)
            continue
        parts.close()
        if size <= limit:
            parts.add(whole, size, "")
            continue
        heading = section.heading
        for block in section.blocks:
            block_size = _size(block)
            if parts.current and not parts.fits(block_size, _LINE_BREAK):
                parts.close()
                heading = f"{section.heading} {texts.CARD_CONTINUED}" if section.heading else None
            if not parts.current and heading:
                parts.add(heading, _size(heading), "")
            parts.add(block, block_size, _LINE_BREAK)
    parts.close()
    return parts.done or [""]
