"""The officers' choice ids and who may press them.

    of:l:<list>:<page>       a page of a list (q: the unit's queue, m: mine, o: overdue)
    of:o:<code>              open an item (a queue line, «Xem lại», «Quay lại»)
    of:a:<code>:<action>     an action under an item (one-tap, or the start of a typed one)
    of:p:<code>:<kind>:<k>   a pick an action needs: r reason, rc reason confirmed, c colleague, u unit
    of:t:<send|edit|cancel>  under the review of a typed text

An id is an offer, never a permission: every press re-reads the officer and goes through the desk.
A pick names its value by a short key (`value_key`), not the value itself: a unit code or a username may be
64 characters on its own, and Telegram refuses a whole message whose button carries more than 64 bytes.
The press finds the value again among those the desk offers now, so a key is no more forgeable than a code.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

from dialogue import texts
from dialogue.replies import Choice
from dialogue.router import choice_id
from dialogue.turn import Turn
from feedback.domain.access import Officer

PREFIX = "of"
LIST, OPEN, ACT, PICK, TYPED = "l", "o", "a", "p", "t"
UNIT_QUEUE, MY_ITEMS, OVERDUE = "q", "m", "o"

# The officer's intentions under an item, in the order the buttons show them.
CLAIM, ANSWER, ACCEPT, REFUSE, ASSIGN, FORWARD = "claim", "answer", "accept", "refuse", "assign", "forward"
ASK_CITIZEN, EXTEND, APOLOGISE, CLOSE, REFUSE_OTHER = "ask", "extend", "apologise", "close", "refuse_other"
REASON, REASON_CONFIRMED, COLLEAGUE, UNIT = "r", "rc", "c", "u"
SEND, EDIT, CANCEL = "send", "edit", "cancel"


def open_item(code: str, label: str) -> Choice:
    return Choice(choice_id(PREFIX, OPEN, code), label)


def act(code: str, action: str, label: str) -> Choice:
    return Choice(choice_id(PREFIX, ACT, code, action), label)


def value_key(value: str) -> str:
    """16 characters standing for `value` in a pick's id (80 bits: no two of a list's values share one)."""
    digest = hashlib.blake2b(value.encode(), digest_size=10).digest()
    return base64.b32encode(digest).decode().lower()


def picked(key: str, values: Iterable[str]) -> str | None:
    """The value among `values` a pick's key stands for; None for a value no longer offered (or a forged key)."""
    return next((value for value in values if value_key(value) == key), None)


def pick(code: str, kind: str, value: str, label: str) -> Choice:
    return Choice(choice_id(PREFIX, PICK, code, kind, value_key(value)), label)


def page(kind: str, number: int, label: str) -> Choice:
    return Choice(choice_id(PREFIX, LIST, kind, number), label)


def typed(what: str, label: str) -> Choice:
    return Choice(choice_id(PREFIX, TYPED, what), label)


async def officer_of(turn: Turn) -> Officer | None:
    """The active officer behind this account; None after telling anyone else the command is not theirs."""
    desk = turn.services.desk
    officer = await desk.officer_on(turn.account.channel, turn.account.user_id) if desk is not None else None
    if officer is None:
        turn.say(texts.OFFICERS_ONLY)
    return officer
