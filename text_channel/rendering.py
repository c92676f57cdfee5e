"""A reply as plain text: the text without markup, then its choices numbered from 1 and its links."""

from __future__ import annotations

from dialogue.replies import Choice, Link, Reply, Request
from dialogue.rich_text import to_plain
from text_channel import texts


def render(reply: Reply) -> str:
    lines = [to_plain(reply.text)]
    number = 0
    for row in reply.buttons:
        for button in row:
            if isinstance(button, Choice):
                number += 1
                lines.append(f"{number}. {button.label}")
            elif isinstance(button, Link):
                lines.append(texts.LINK.format(label=button.label, url=button.url))
    if number:
        lines.append(texts.PICK_BY_NUMBER)
    if reply.request == Request.PHONE:
        lines.append(texts.PHONE_REQUEST)
    for media in reply.media:
        lines.append(texts.MEDIA.format(kind=media.kind.value, caption=media.caption))
    return "\n".join(lines)
