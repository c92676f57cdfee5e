"""The payload of a Zalo choice button, and recognising it when it comes back.

A button of type `oa.query.hide` sends nothing of its own: Zalo delivers a `user_send_text` whose text is
the button's payload. So a press cannot be told from typing the same characters, and the payload is a
prefix no one types by chance followed by the choice id. A typed payload does no harm: the dialogue checks
every choice id against the choices it offered.
"""

from __future__ import annotations

from dialogue.replies import MAX_CHOICE_ID_BYTES

PREFIX = "#mc:"


def payload_for(choice_id: str) -> str:
    return PREFIX + choice_id


def chosen(text: str) -> str | None:
    """The choice id in a button's payload; None for anything else (words typed)."""
    if not text.startswith(PREFIX):
        return None
    choice_id = text.removeprefix(PREFIX)
    if not choice_id or not choice_id.isascii() or len(choice_id.encode()) > MAX_CHOICE_ID_BYTES:
        return None
    if any(char.isspace() for char in choice_id):
        return None
    return choice_id
