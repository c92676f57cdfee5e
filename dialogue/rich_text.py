"""The light formatting of the dialogue's texts: a small subset of HTML, and how to read it as plain text.

Texts are written with <b>, <i>, <code> and <a href="…"> only, and every value put into them is escaped
with `escape`. Telegram takes this subset as it is (parse mode HTML); Zalo and the plain-text channel read
it through `to_plain`, which drops the tags, keeps a link's address, and unescapes the entities. Splitting
a long text for a channel's length limit happens on the plain or the channel's own form, at word breaks.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<(/?)([a-z]+)([^>]*)>")
_HREF = re.compile(r'href="([^"]*)"')


def escape(text: str) -> str:
    """A value for a template: markup characters made harmless."""
    return html.escape(text, quote=True)


def bold(text: str) -> str:
    return f"<b>{escape(text)}</b>"


def code(text: str) -> str:
    return f"<code>{escape(text)}</code>"


def to_plain(text: str) -> str:
    """The text without markup; a link whose label is not its address keeps the address in brackets."""
    out: list[str] = []
    position = 0
    link: str | None = None
    label_start = 0
    for match in _TAG.finditer(text):
        out.append(text[position : match.start()])
        position = match.end()
        closing, name, attributes = match.group(1), match.group(2), match.group(3)
        if name == "a" and not closing:
            href = _HREF.search(attributes)
            link = html.unescape(href.group(1)) if href else None
            label_start = len(out)
        elif name == "a" and closing and link is not None:
            label = html.unescape("".join(out[label_start:]))
            if link != label:
                out.append(f" ({html.escape(link, quote=False)})")
            link = None
    out.append(text[position:])
    return html.unescape("".join(out))


def split_words(text: str, limit: int) -> list[str]:
    """Plain `text` in pieces of at most `limit` characters, cut at a line break or a space when one is
    near, never inside a word unless a single word is longer than the limit."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit + 1)
        if cut < limit // 2:
            cut = rest.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces or [""]
