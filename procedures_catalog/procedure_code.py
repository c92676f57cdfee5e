"""Procedure codes (mã TTHC): the national code "1.001193" and its longer local forms."""

from __future__ import annotations

import re

# A national code is a digit, a dot and six digits. Provinces publish longer forms such as
# "1.001193.000.00.00.H12"; the first part is the national code.
_CODE = re.compile(r"^\s*(\d\.\d{6})(?:\.[0-9A-Za-z.]+)?\s*$")


def short_code(text: str) -> str | None:
    """The national code in `text` when the whole text is a procedure code, else None."""
    match = _CODE.match(text)
    return match.group(1) if match else None
