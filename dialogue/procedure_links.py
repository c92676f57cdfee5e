"""Addresses that open a procedure's card: a messenger's deep link (t.me/<bot>?start=tthc_1-001193) or the
portal's page, and the code such a link carries.

A start parameter may only hold A-Z, a-z, 0-9, `_` and `-`, at most 64 characters, so the dots of a code
travel as hyphens; links typed or shared by hand with `_` or `.` are accepted too. The portal reads the
same form in its addresses, so a link shared from any channel opens the same procedure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PREFIX = "tthc_"
_MAX_PARAMETER = 64
_ALLOWED = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Codes are digits, letters and dots (see procedures_catalog.procedure_code).
_LINKED_CODE = re.compile(r"^tthc[_-]([0-9A-Za-z][0-9A-Za-z._-]*)$")


def start_parameter(code: str) -> str | None:
    """The deep-link parameter for a card, or None when the code cannot fit in one."""
    parameter = PREFIX + code.replace(".", "-")
    return parameter if _ALLOWED.match(parameter) and len(parameter) <= _MAX_PARAMETER else None


def code_from_parameter(parameter: str) -> str | None:
    """The procedure code a deep-link parameter names: tthc_1-001193, tthc_1_001193, tthc_1.001193."""
    match = _LINKED_CODE.match(parameter.strip())
    if match is None:
        return None
    return re.sub(r"[_-]", ".", match.group(1))


def share_address(addresses: Mapping[str, str], channel: str, code: str) -> str | None:
    """The address that opens the procedure on `channel`, from its template ("…?start={parameter}",
    "…/thu-tuc/{code}"); None when the channel has none or the code does not fit a parameter."""
    template = addresses.get(channel)
    parameter = start_parameter(code)
    if template is None or parameter is None:
        return None
    return template.format(parameter=parameter, code=code)
