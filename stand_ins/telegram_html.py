"""Telegram's HTML parse mode: the plain text and entities a message becomes, or Telegram's error.

Follows the Bot API rules ("Formatting options", HTML style) the way Telegram applies them:
only the listed tags, the four named entities plus numeric ones (any other `&` is literal
text), every tag closed in order, offsets and lengths in UTF-16 code units. The error texts are
Telegram's, so the local stand-in answers a bad message the way the real API would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TAG_ENTITIES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_ATTRIBUTE = re.compile(r"""\s*([a-zA-Z][a-zA-Z0-9_-]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML; str() is Telegram's own description."""


@dataclass(frozen=True)
class Entity:
    type: str
    offset: int  # UTF-16 code units
    length: int  # UTF-16 code units
    url: str | None = None


@dataclass(frozen=True)
class ParsedHtml:
    text: str
    entities: tuple[Entity, ...]


def utf16_length(text: str) -> int:
    """Length as Telegram counts it: characters outside the BMP count twice."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _byte_offset(html: str, index: int) -> int:
    return len(html[:index].encode("utf-8"))


def _decode_entity(html: str, index: int) -> tuple[str, int] | None:
    """The character an entity at `index` stands for and the index after it, if it is one."""
    match = _ENTITY.match(html, index)
    if match is None:
        return None
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        char = _NAMED_ENTITIES.get(name)
        return (char, match.end()) if char is not None else None
    number = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if number == 0 or number > 0x10FFFF or 0xD800 <= number <= 0xDFFF:
        return None
    return chr(number), match.end()


def unescape(text: str) -> str:
    """Attribute and text values with Telegram's entities decoded; other `&` kept as written."""
    out: list[str] = []
    i = 0
    while i < len(text):
        decoded = _decode_entity(text, i) if text[i] == "&" else None
        if decoded is None:
            out.append(text[i])
            i += 1
        else:
            out.append(decoded[0])
            i = decoded[1]
    return "".join(out)


def _attributes(html: str, start: int, end: int) -> dict[str, str]:
    attributes: dict[str, str] = {}
    position = start
    while position < end:
        match = _ATTRIBUTE.match(html, position, end)
        if match is None or match.end() == position:
            break
        value = match.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        attributes[match.group(1).lower()] = unescape(value)
        position = match.end()
    return attributes


@dataclass
class _OpenTag:
    name: str
    entity_type: str | None
    offset: int
    url: str | None


def parse(html: str) -> ParsedHtml:
    """Parse a message written in Telegram HTML; raises HtmlParseError like the Bot API's 400."""
    text: list[str] = []
    length = 0  # UTF-16 length of the text so far
    entities: list[Entity] = []
    stack: list[_OpenTag] = []
    i = 0
    while i < len(html):
        char = html[i]
        if char == "&":
            decoded = _decode_entity(html, i)
            if decoded is not None:
                text.append(decoded[0])
                length += utf16_length(decoded[0])
                i = decoded[1]
                continue
        if char != "<":
            text.append(char)
            length += utf16_length(char)
            i += 1
            continue
        begin = i
        close = html.find(">", i)
        if html.startswith("</", i):
            if close == -1:
                raise HtmlParseError(f"Unclosed end tag at byte offset {_byte_offset(html, begin)}")
            if not stack:
                raise HtmlParseError(f"Unexpected end tag at byte offset {_byte_offset(html, begin)}")
            name = html[i + 2 : close].strip().lower()
            tag = stack.pop()
            if name and name != tag.name:
                raise HtmlParseError(
                    f'Unmatched end tag at byte offset {_byte_offset(html, begin)}, expected "</{tag.name}>", '
                    f'found "</{name}>"'
                )
            if tag.entity_type is not None and length > tag.offset:
                entities.append(Entity(tag.entity_type, tag.offset, length - tag.offset, tag.url))
            i = close + 1
            continue
        name_end = i + 1
        while name_end < len(html) and not html[name_end].isspace() and html[name_end] not in "<>":
            name_end += 1
        name = html[i + 1 : name_end].lower()
        if not name:
            raise HtmlParseError(f"Empty tag name at byte offset {_byte_offset(html, begin)}")
        if name not in _TAG_ENTITIES:
            raise HtmlParseError(f'Unsupported start tag "{name}" at byte offset {_byte_offset(html, begin)}')
        if close == -1:
            raise HtmlParseError(f"Unclosed start tag at byte offset {_byte_offset(html, begin)}")
        attributes = _attributes(html, name_end, close)
        entity_type: str | None = _TAG_ENTITIES[name]
        url = None
        if name == "a":
            url = attributes.get("href") or None
            entity_type = entity_type if url else None
        elif name == "span" and attributes.get("class") != "tg-spoiler":
            raise HtmlParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(html, begin)}')
        elif name == "blockquote" and "expandable" in attributes:
            entity_type = "expandable_blockquote"
        stack.append(_OpenTag(name, entity_type, length, url))
        i = close + 1
    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda entity: (entity.offset, -entity.length))
    return ParsedHtml("".join(text), tuple(entities))
