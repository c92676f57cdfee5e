"""Deep links that open a procedure's card: t.me/<bot>?start=tthc_1-001193.

A start parameter may only hold A-Z, a-z, 0-9, `_` and `-`, at most 64 characters, so the dots
of a code travel as hyphens. Links typed or shared by hand with `_` or `.` are accepted too.
"""

from __future__ import annotations

import re

PREFIX = "tthc_"
_MAX_PARAMETER = 64
_ALLOWED = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Codes are digits, letters and dots (see procedures_catalog.procedure_code).
_LINKED_CODE = re.compile(r"^tthc[_-]([0-9A-Za-z][0-9A-Za-z._-]*)$")


def start_parameter(code: str) -> str | None:
    """The start parameter for a card, or None when the code cannot fit in one."""
    parameter = PREFIX + code.replace(".", "-")
    return parameter if _ALLOWED.match(parameter) and len(parameter) <= _MAX_PARAMETER else None


def card_link(bot_username: str, code: str) -> str | None:
    parameter = start_parameter(code)
    return f"https://t.me/{bot_username}?start={parameter}" if parameter else None


def code_from_parameter(parameter: str) -> str | None:
    """The procedure code a start parameter links to: tthc_1-001193, tthc_1_001193, tthc_1.001193."""
    match = _LINKED_CODE.match(parameter.strip())
    if match is None:
        return None
    return re.sub(r"[_-]", ".", match.group(1))
