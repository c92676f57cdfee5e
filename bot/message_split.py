"""A reply's Telegram HTML in messages Telegram takes: at most 4,096 characters of text each, as Telegram
counts them (UTF-16 code units, after the tags are read), cut at a line break or a space, never inside a
word, a tag or an entity; a tag open at a cut is closed there and opened again in the next piece."""

from __future__ import annotations

import html
import re

MAX_TEXT = 4096
_TOKEN = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"^</?\s*([a-zA-Z]+)")


def telegram_length(text: str) -> int:
    """Characters as Telegram counts them: UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def _plain_length(fragment: str) -> int:
    return telegram_length(html.unescape(fragment))


def split_html(text: str, limit: int = MAX_TEXT) -> list[str]:
    """`text` (the dialogue's Telegram-HTML subset) in pieces whose text fits `limit`."""
    if _plain_length(_TOKEN.sub("", text)) <= limit:
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    length = 0
    opened: list[tuple[str, str]] = []  # (name, opening tag) of the tags open here

    def cut() -> None:
        nonlocal current, length
        body = "".join(current) + "".join(f"</{name}>" for name, _ in reversed(opened))
        if _TOKEN.sub("", body).strip():
            pieces.append(body.strip())
        current = [tag for _, tag in opened]
        length = 0

    for token in _TOKEN.split(text):
        if not token:
            continue
        if token.startswith("<"):
            match = _TAG_NAME.match(token)
            if match is not None:
                name = match.group(1).lower()
                if token.startswith("</"):
                    if opened and opened[-1][0] == name:
                        opened.pop()
                else:
                    opened.append((name, token))
            current.append(token)
            continue
        rest = token
        while length + _plain_length(rest) > limit:
            at = _break_at(rest, limit - length)
            if at <= 0:
                if length > 0:
                    cut()  # nothing of `rest` fits after what is there: start a fresh piece
                    continue
                at = _hard_break_at(rest, limit)
            current.append(rest[:at].rstrip())
            cut()
            rest = rest[at:].lstrip()
        current.append(rest)
        length += _plain_length(rest)
    cut()
    return pieces or [text]


def _break_at(fragment: str, room: int) -> int:
    """The last line break (else space) in `fragment` before which the text fits `room`; 0 if none."""
    best_space = 0
    best_line = 0
    length = 0
    previous = 0
    for match in re.finditer(r"[ \n]", fragment):
        at = match.start()
        length += _plain_length(fragment[previous:at])  # an entity holds no space: counted whole
        if length > room:
            break
        if match.group() == "\n":
            best_line = at
        else:
            best_space = at
        length += 1
        previous = at + 1
    if best_line and best_line >= best_space // 2:  # a line break not too far back reads better than a space
        return best_line
    return max(best_line, best_space)


def _hard_break_at(fragment: str, room: int) -> int:
    """A word longer than a message: cut it where it fits, outside an entity such as &amp;."""
    at = 0
    for index in range(1, len(fragment) + 1):
        if _plain_length(fragment[:index]) > room:
            break
        at = index
    entity_start = fragment.rfind("&", 0, at)
    if entity_start > fragment.rfind(";", 0, at):
        at = entity_start
    return max(at, 1)
